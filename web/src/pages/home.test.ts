import { describe, expect, it } from 'vitest';
import en from '../i18n/en/ui.json';
import zh from '../i18n/zh/ui.json';
import { AUDIENCES, enterpriseWork, latestUnread } from './home';

describe('home', () => {
  it('promises only shipped features: no provider credit, consultations or training', () => {
    expect(AUDIENCES).not.toContain('provider');
    for (const bundle of [en, zh]) {
      const cards = (bundle as { home: { audience: Record<string, { text: string }> } }).home
        .audience;
      expect(Object.keys(cards).sort()).toEqual([...AUDIENCES].sort());
    }
    const text = JSON.stringify(en.home);
    for (const unshipped of ['credit', 'consultation', 'training', 'certificate', 'provider'])
      expect(text.toLowerCase()).not.toContain(unshipped);
  });

  it('turns the dashboard into due and overdue tasks and open alerts', () => {
    const work = enterpriseWork({
      open_alerts: { warning: 2, critical: 1 },
      maintenance: { open_tasks: 5, overdue_tasks: 3 },
    });
    expect(work.map((w) => [w.key, w.count, w.href])).toEqual([
      ['overdue', 3, '/equipment/maintenance'],
      ['due', 2, '/equipment/maintenance'],
      ['alerts_critical', 1, '/equipment/dashboard'],
      ['alerts_warning', 2, '/equipment/dashboard'],
    ]);
    expect(work[0].urgent).toBe(true);
    // A plan without maintenance figures shows only the alerts.
    expect(enterpriseWork({ maintenance: null }).map((w) => w.key)).toEqual([
      'alerts_critical',
      'alerts_warning',
    ]);
  });

  it('lists the newest unread messages, at most three', () => {
    const n = (id: number, created_at: number, read = false) => ({
      id,
      title: 'x',
      created_at,
      read,
    });
    const items = [n(1, 100), n(2, 400, true), n(3, 300), n(4, 200), n(5, 500)];
    expect(latestUnread(items).map((i) => i.id)).toEqual([5, 3, 4]);
    expect(latestUnread([n(1, 1, true)])).toEqual([]);
  });
});
