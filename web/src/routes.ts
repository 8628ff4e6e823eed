// Every page of the app in one list: its path, its lazily loaded module and, when it belongs in
// the navigation, its label key and who sees it. A new module adds its pages here.
import type { ComponentType } from 'preact';
import { ENTERPRISE_KINDS, type Me } from './lib/session';

export type PageModule = { default: ComponentType };

export interface PageDef {
  path: string;
  load: () => Promise<PageModule>;
  /** Navigation entry: ui.json key of the label and the rule deciding who sees it. */
  nav?: { labelKey: string; visible: (me: Me | null) => boolean };
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
    nav: { labelKey: 'nav.query', visible: anyone },
  },
  {
    path: '/atmosphere',
    load: () => import('./pages/atmosphere'),
    nav: { labelKey: 'nav.atmosphere', visible: anyone },
  },
  {
    path: '/thickness',
    load: () => import('./pages/thickness'),
    nav: { labelKey: 'nav.thickness', visible: anyone },
  },
  {
    path: '/ledger',
    load: () => import('./pages/ledger'),
    nav: { labelKey: 'nav.ledger', visible: anyone },
  },
  {
    path: '/clauses',
    load: () => import('./pages/clauses'),
    nav: { labelKey: 'nav.clauses', visible: anyone },
  },
  {
    path: '/standards',
    load: () => import('./pages/standards'),
    nav: { labelKey: 'nav.standards', visible: anyone },
  },
  {
    path: '/kit',
    load: () => import('./pages/kit'),
    nav: { labelKey: 'kit:nav', visible: anyone },
  },
  {
    path: '/standards/annexes',
    load: () => import('./pages/annexes'),
    nav: { labelKey: 'standards:annex.nav', visible: anyone },
  },
  {
    path: '/self-inspection',
    load: () => import('./pages/self_inspection'),
    nav: { labelKey: 'nav.self_inspection', visible: enterpriseMember },
  },
  {
    path: '/cases',
    load: () => import('./pages/cases'),
    nav: { labelKey: 'nav.cases', visible: signedIn },
  },
  {
    path: '/bulletins',
    load: () => import('./pages/bulletins'),
    nav: { labelKey: 'nav.bulletins', visible: anyone },
  },
  {
    path: '/case-access',
    load: () => import('./pages/case_access'),
    nav: { labelKey: 'nav.case_access', visible: signedIn },
  },
  {
    path: '/atlas',
    load: () => import('./pages/atlas'),
    nav: { labelKey: 'nav.atlas', visible: signedIn },
  },
  {
    path: '/case-review',
    load: () => import('./pages/case_review'),
    nav: { labelKey: 'nav.case_review', visible: reviewer },
  },
  {
    path: '/equipment',
    load: () => import('./pages/equipment'),
    nav: { labelKey: 'nav.equipment', visible: enterpriseMember },
  },
  {
    path: '/equipment/dashboard',
    load: () => import('./pages/equipment_dashboard'),
    nav: { labelKey: 'equipment:nav.dashboard', visible: enterpriseMember },
  },
  {
    path: '/equipment/maintenance',
    load: () => import('./pages/equipment_maintenance'),
    nav: { labelKey: 'equipment:nav.maintenance', visible: enterpriseMember },
  },
  {
    path: '/equipment/park',
    load: () => import('./pages/equipment_park'),
    nav: { labelKey: 'nav.equipment_park', visible: memberOfKind('industrial_park') },
  },
  {
    path: '/equipment/regional',
    load: () => import('./pages/equipment_regional'),
    nav: { labelKey: 'nav.equipment_regional', visible: hasPlatformRole('regulator_analyst') },
  },
  {
    path: '/org',
    load: () => import('./pages/org'),
    nav: { labelKey: 'nav.org', visible: signedIn },
  },
  {
    path: '/account',
    load: () => import('./pages/account'),
    nav: { labelKey: 'members:nav.account', visible: signedIn },
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

/** The navigation entries `me` may see, in order. */
export function visibleNav(me: Me | null): Array<{ path: string; labelKey: string }> {
  return PAGES.filter((p) => p.nav?.visible(me)).map((p) => ({
    path: p.path,
    labelKey: p.nav!.labelKey,
  }));
}
