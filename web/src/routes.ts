// Every page of the app in one list: its path, its lazily loaded module and, when it belongs in
// the navigation, its label key and who sees it. A new module adds its pages here.
import type { ComponentType } from 'preact';
import { ENTERPRISE_KINDS, type Me } from './lib/session';

export type PageModule = { default: ComponentType };

/** Menu groups, by task, in menu order; "account" holds log in, register and the account. */
export const NAV_GROUPS = [
  'check',
  'equipment',
  'standards',
  'cases',
  'community',
  'tools',
  'admin',
  'account',
] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface PageDef {
  path: string;
  load: () => Promise<PageModule>;
  /** Navigation entry: ui.json key of the label, its menu group (none: a top-level link) and the
   *  rule deciding who sees it. */
  nav?: { labelKey: string; group?: NavGroup; visible: (me: Me | null) => boolean };
}

// Visibility rules, shared by the modules' navigation entries.
export const anyone = () => true;
export const visitor = (me: Me | null) => me === null;
export const signedIn = (me: Me | null) => me !== null;
export const hasPlatformRole = (role: string) => (me: Me | null) =>
  me?.platform_roles.includes(role) ?? false;
export const adminOfAnOrganization = (me: Me | null) =>
  me?.organizations.some((o) => o.role === 'admin' || o.role === 'owner') ?? false;
/** True when any of the rules is. */
export const anyOf =
  (...rules: Array<(me: Me | null) => boolean>) =>
  (me: Me | null) =>
    rules.some((r) => r(me));
export const reviewer = anyOf(hasPlatformRole('operator'), hasPlatformRole('expert'));
export const memberOfKind =
  (...kinds: string[]) =>
  (me: Me | null) =>
    me?.organizations.some((o) => kinds.includes(o.kind)) ?? false;

/** Members of an enterprise (a firm that owns, makes or services equipment). */
export const enterpriseMember = memberOfKind(...ENTERPRISE_KINDS);

export const PAGES: PageDef[] = [
  { path: '/', load: () => import('./pages/home'), nav: { labelKey: 'nav.home', visible: anyone } },
  {
    path: '/query',
    load: () => import('./pages/query'),
    nav: { labelKey: 'nav.query', group: 'check', visible: anyone },
  },
  {
    path: '/atmosphere',
    load: () => import('./pages/atmosphere'),
    nav: { labelKey: 'nav.atmosphere', group: 'tools', visible: anyone },
  },
  {
    path: '/thickness',
    load: () => import('./pages/thickness'),
    nav: { labelKey: 'nav.thickness', group: 'tools', visible: anyone },
  },
  {
    path: '/ledger',
    load: () => import('./pages/ledger'),
    nav: { labelKey: 'nav.ledger', group: 'tools', visible: anyone },
  },
  {
    path: '/clauses',
    load: () => import('./pages/clauses'),
    nav: { labelKey: 'nav.clauses', group: 'standards', visible: anyone },
  },
  {
    path: '/standards',
    load: () => import('./pages/standards'),
    nav: { labelKey: 'nav.standards', group: 'standards', visible: anyone },
  },
  {
    path: '/kit',
    load: () => import('./pages/kit'),
    nav: { labelKey: 'kit:nav', group: 'check', visible: anyone },
  },
  {
    path: '/standards/annexes',
    load: () => import('./pages/annexes'),
    nav: { labelKey: 'standards:annex.nav', group: 'standards', visible: anyone },
  },
  {
    path: '/self-inspection',
    load: () => import('./pages/self_inspection'),
    nav: { labelKey: 'nav.self_inspection', group: 'check', visible: enterpriseMember },
  },
  {
    path: '/cases',
    load: () => import('./pages/cases'),
    nav: { labelKey: 'nav.cases', group: 'cases', visible: anyone },
  },
  {
    path: '/bulletins',
    load: () => import('./pages/bulletins'),
    nav: { labelKey: 'nav.bulletins', group: 'cases', visible: anyone },
  },
  {
    path: '/case-access',
    load: () => import('./pages/case_access'),
    nav: { labelKey: 'nav.case_access', group: 'cases', visible: signedIn },
  },
  {
    path: '/atlas',
    load: () => import('./pages/atlas'),
    nav: { labelKey: 'nav.atlas', group: 'cases', visible: anyone },
  },
  {
    path: '/case-review',
    load: () => import('./pages/case_review'),
    nav: { labelKey: 'nav.case_review', group: 'admin', visible: reviewer },
  },
  {
    path: '/equipment',
    load: () => import('./pages/equipment'),
    nav: { labelKey: 'nav.equipment', group: 'equipment', visible: enterpriseMember },
  },
  {
    path: '/equipment/dashboard',
    load: () => import('./pages/equipment_dashboard'),
    nav: { labelKey: 'equipment:nav.dashboard', group: 'equipment', visible: enterpriseMember },
  },
  {
    path: '/equipment/maintenance',
    load: () => import('./pages/equipment_maintenance'),
    nav: { labelKey: 'equipment:nav.maintenance', group: 'equipment', visible: enterpriseMember },
  },
  {
    path: '/equipment/park',
    load: () => import('./pages/equipment_park'),
    nav: {
      labelKey: 'nav.equipment_park',
      group: 'equipment',
      visible: memberOfKind('industrial_park'),
    },
  },
  {
    path: '/equipment/regional',
    load: () => import('./pages/equipment_regional'),
    nav: {
      labelKey: 'nav.equipment_regional',
      group: 'equipment',
      visible: hasPlatformRole('regulator_analyst'),
    },
  },
  {
    path: '/org',
    load: () => import('./pages/org'),
    nav: { labelKey: 'nav.org', group: 'community', visible: signedIn },
  },
  {
    path: '/account',
    load: () => import('./pages/account'),
    nav: { labelKey: 'members:nav.account', group: 'account', visible: signedIn },
  },
  {
    path: '/login',
    load: () => import('./pages/login'),
    nav: { labelKey: 'nav.login', visible: visitor },
  },
  {
    path: '/register',
    load: () => import('./pages/register'),
    nav: { labelKey: 'nav.register', visible: visitor },
  },
  // The inbox is reached from the badge in the header, not from the menu.
  { path: '/inbox', load: () => import('./pages/inbox') },
];

export function findPage(path: string): PageDef | undefined {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return PAGES.find((p) => p.path === clean);
}

/** The menu `me` sees: top-level links (no group) and the non-empty groups, in NAV_GROUPS order,
 *  each with its entries in page order. */
export function navMenu(me: Me | null): {
  top: Array<{ path: string; labelKey: string }>;
  groups: Array<{ group: NavGroup; items: Array<{ path: string; labelKey: string }> }>;
} {
  const visible = PAGES.filter((p) => p.nav?.visible(me));
  const entry = (p: PageDef) => ({ path: p.path, labelKey: p.nav!.labelKey });
  return {
    top: visible.filter((p) => !p.nav!.group).map(entry),
    groups: NAV_GROUPS.map((group) => ({
      group,
      items: visible.filter((p) => p.nav!.group === group).map(entry),
    })).filter((g) => g.items.length > 0),
  };
}

/** The navigation entries `me` may see, in order. */
export function visibleNav(me: Me | null): Array<{ path: string; labelKey: string }> {
  return PAGES.filter((p) => p.nav?.visible(me)).map((p) => ({
    path: p.path,
    labelKey: p.nav!.labelKey,
  }));
}
