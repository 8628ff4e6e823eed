import { describe, expect, it } from 'vitest';
import enEquipment from './i18n/en/equipment.json';
import enKit from './i18n/en/kit.json';
import enMembers from './i18n/en/members.json';
import enStandards from './i18n/en/standards.json';
import en from './i18n/en/ui.json';
import type { Me } from './lib/session';
import {
  PAGES,
  adminOfAnOrganization,
  findPage,
  hasPlatformRole,
  memberOfKind,
  NAV_GROUPS,
  navMenu,
  visibleNav,
} from './routes';

const me = (role: string, platformRoles: string[] = [], kind = 'end_user_plant'): Me => ({
  user: { id: 1, email: 'a@example.com', name: 'A' },
  organizations: [{ id: 1, name: 'Org', kind, role }],
  platform_roles: platformRoles,
});

describe('navigation', () => {
  it('offers visitors the public pages plus log in and register', () => {
    expect(visibleNav(null).map((i) => i.path)).toEqual([
      '/',
      '/query',
      '/atmosphere',
      '/thickness',
      '/ledger',
      '/clauses',
      '/standards',
      '/kit',
      '/standards/annexes',
      '/cases',
      '/bulletins',
      '/atlas',
      '/login',
      '/register',
    ]);
  });

  it('offers enterprise members the equipment dashboard and maintenance pages', () => {
    const paths = visibleNav(me('member')).map((i) => i.path);
    expect(paths).toContain('/equipment/dashboard');
    expect(paths).toContain('/equipment/maintenance');
    expect(visibleNav(me('member', [], 'industrial_park')).map((i) => i.path)).not.toContain(
      '/equipment/maintenance',
    );
  });

  it('replaces log in and register by the organization for signed-in users', () => {
    const paths = visibleNav(me('member')).map((i) => i.path);
    expect(paths).toContain('/org');
    expect(paths).not.toContain('/login');
    expect(paths).not.toContain('/register');
  });

  it('groups the menu by task: a visitor sees the public pages in Check, Standards, Cases and Tools', () => {
    const m = navMenu(null);
    expect(m.top.map((i) => i.path)).toEqual(['/', '/login', '/register']);
    const groups = Object.fromEntries(m.groups.map((g) => [g.group, g.items.map((i) => i.path)]));
    expect(groups).toEqual({
      check: ['/query', '/kit'],
      standards: ['/clauses', '/standards', '/standards/annexes'],
      cases: ['/cases', '/bulletins', '/atlas'],
      tools: ['/atmosphere', '/thickness', '/ledger'],
    });
  });

  it('adds My equipment, Community, Admin and Account groups by role; every group has a label', () => {
    const reviewerGroups = navMenu(me('member', ['operator'])).groups.map((g) => g.group);
    expect(reviewerGroups).toEqual([
      'check',
      'equipment',
      'standards',
      'cases',
      'community',
      'tools',
      'admin',
      'account',
    ]);
    expect(navMenu(me('member')).groups.map((g) => g.group)).not.toContain('admin');
    const labels = (en as { nav: { group: Record<string, string> } }).nav.group;
    for (const g of NAV_GROUPS) expect(labels[g], g).toBeTruthy();
    // Every entry but the home page and the visitor's log in and register is in a group.
    const all = navMenu(me('admin', ['operator', 'expert', 'regulator_analyst']));
    expect(all.top.map((i) => i.path)).toEqual(['/']);
  });

  it('has role rules for the modules to come', () => {
    expect(hasPlatformRole('operator')(me('member', ['operator']))).toBe(true);
    expect(hasPlatformRole('operator')(me('admin', ['expert']))).toBe(false);
    expect(hasPlatformRole('operator')(null)).toBe(false);
    expect(adminOfAnOrganization(me('admin'))).toBe(true);
    expect(adminOfAnOrganization(me('member'))).toBe(false);
    expect(memberOfKind('industrial_park')(me('member', [], 'industrial_park'))).toBe(true);
    expect(memberOfKind('industrial_park')(me('member'))).toBe(false);
  });

  it('finds pages with or without a trailing slash and has one entry per path', () => {
    expect(findPage('/query/')?.path).toBe('/query');
    expect(findPage('/')?.path).toBe('/');
    expect(findPage('/no-such-page')).toBeUndefined();
    expect(new Set(PAGES.map((p) => p.path)).size).toBe(PAGES.length);
  });

  it('has a label text for every navigation entry', () => {
    // Keys without a namespace are in ui.json; a module's own entries name their namespace.
    const bundles: Record<string, unknown> = {
      ui: en,
      equipment: enEquipment,
      standards: enStandards,
      members: enMembers,
      kit: enKit,
    };
    const lookup = (key: string) => {
      const [ns, path] = key.includes(':') ? key.split(':') : ['ui', key];
      return path
        .split('.')
        .reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], bundles[ns]);
    };
    for (const p of PAGES)
      if (p.nav) expect(typeof lookup(p.nav.labelKey), p.nav.labelKey).toBe('string');
  });
});
