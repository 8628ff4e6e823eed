import { describe, expect, it, beforeAll } from 'vitest';
import i18next from 'i18next';
import cases from '../i18n/en/cases.json';
import equipment from '../i18n/en/equipment.json';
import ui from '../i18n/en/ui.json';
import zhUi from '../i18n/zh/ui.json';
import { noticeDate, noticeHref, noticeText } from './inbox_model';

beforeAll(async () => {
  await i18next.init({
    lng: 'en',
    ns: ['ui', 'cases', 'equipment'],
    defaultNS: 'ui',
    resources: { en: { ui, cases, equipment } },
    interpolation: { escapeValue: false },
  });
});

describe('inbox', () => {
  it('reads created_at as Unix seconds: a notice sent now is dated this year, not 1970', () => {
    const now = Math.floor(Date.now() / 1000);
    const shown = noticeDate(now);
    expect(shown).toContain(String(new Date().getUTCFullYear()));
    expect(shown).not.toContain('1970');
    expect(noticeDate(1_800_000_000)).toContain('2027');
    expect(noticeDate(undefined)).toBe('');
    expect(noticeDate(0)).toBe('');
  });

  it('links each notice to the page of its subject, older links included', () => {
    expect(noticeHref('/cases?case=7')).toBe('/cases?case=7');
    expect(noticeHref('/public-cases/7')).toBe('/cases?case=7');
    expect(noticeHref('/bulletins/3')).toBe('/bulletins#bulletin-3');
    expect(noticeHref('/proposals/5')).toBe('/standards?proposal=5');
    expect(noticeHref('/equipment/12')).toBe('/equipment?item=12');
    expect(noticeHref('/maintenance/tasks/4')).toBe('/equipment/maintenance');
    expect(noticeHref('/case-applications/2')).toBe('/case-access');
    expect(noticeHref('/nowhere/at/all')).toBeNull();
    expect(noticeHref('https://elsewhere.example/')).toBeNull();
    expect(noticeHref('')).toBeNull();
  });

  it('renders coded notices instead of showing their code and parameters', () => {
    const coded = noticeText({
      id: 1,
      kind: 'identity.join_request_approved',
      title: 'identity.join_request_approved',
      body: '{"request_id":4,"target":"association","target_id":9}',
    });
    expect(coded.title).not.toContain('identity.');
    expect(coded.body).toBeUndefined();
    // A row stored before notices were coded keeps its text.
    const plain = noticeText({ id: 2, kind: 'cases.published', title: 'Published', body: 'x' });
    expect(plain).toEqual({ title: 'Published', body: 'x' });
  });

  it('renders every module notice from its code and parameters', () => {
    const samples: Array<[string, Record<string, unknown>]> = [
      ['cases.published', { case_id: 4, public_case_id: 9 }],
      ['cases.bulletin', { bulletin_id: 2, severity: 'alert', items: 3 }],
      ['cases.application', { application_id: 1, public_case_id: 9 }],
      ['cases.application_granted', { application_id: 1, public_case_id: 9 }],
      ['cases.application_refused', { application_id: 1, public_case_id: 9 }],
      ['standards.expert_assigned', { proposal_id: 5 }],
      ['standards.comment_disposed', { proposal_id: 5, clause_id: 'RT-4.2', disposition: 'x' }],
      ['standards.released', { proposal_id: 5, document_code: 'RTB', version: '2' }],
      ['standards.version_affects_equipment', { document_code: 'RTB', version: '2', count: 2 }],
      ['equipment.alert', { item_id: 3, item_name: 'Tank A', type: 'ph', severity: 'critical' }],
      ['equipment.maintenance_reminder', { task_id: 1, days: -2, due_on: '2026-06-09' }],
      ['equipment.maintenance_digest', { date: '2026-06-09', count: 3, overdue: 1 }],
    ];
    for (const [kind, params] of samples) {
      const n = noticeText({ id: 1, kind, title: kind, body: JSON.stringify(params) });
      expect(n.title, kind).not.toContain(kind);
      expect(n.title, kind).not.toMatch(/\{\{|inbox\.notice|_/);
      expect(n.body, kind).not.toMatch(/\{\{|inbox\.notice/);
    }
    const alert = noticeText({
      id: 1,
      kind: 'equipment.alert',
      title: 'equipment.alert',
      body: '{"item_id":3,"item_name":"Tank A","type":"ph","severity":"critical"}',
    });
    expect(alert.title).toBe('Critical alert: pH');
    expect(alert.subject).toBe('Tank A');
    // A rule task is named by its kind in the reader's language; a typed title is kept.
    const reminder = (extra: Record<string, unknown>) =>
      noticeText({
        id: 1,
        kind: 'equipment.maintenance_reminder',
        title: 'equipment.maintenance_reminder',
        body: JSON.stringify({
          task_id: 1,
          days: 3,
          due_on: '2026-06-09',
          item_name: 'Tank A',
          ...extra,
        }),
      });
    expect(reminder({ task_kind: 'cleaning' }).subject).toBe(
      `${i18next.t('equipment:mt.kind_cleaning')} — Tank A`,
    );
    expect(reminder({ task_kind: 'cleaning' }).subject).not.toContain('cleaning');
    expect(reminder({ task_kind: 'custom', task_title: 'Check the lid' }).subject).toBe(
      'Check the lid — Tank A',
    );
  });

  it('has every coded notice text in Chinese too', () => {
    const en = (ui as { inbox: { notice: Record<string, Record<string, unknown>> } }).inbox.notice;
    const zh = (zhUi as { inbox: { notice: Record<string, Record<string, unknown>> } }).inbox
      .notice;
    for (const [group, texts] of Object.entries(en))
      for (const kind of Object.keys(texts))
        expect(Object.keys(zh[group][kind] as object)).toEqual(Object.keys(texts[kind] as object));
  });

  it('renders coded case review notices with the case id', () => {
    for (const kind of ['case.publication_returned', 'case.publication_rejected']) {
      const n = noticeText({ id: 3, kind, title: kind, body: '{"case_id":42}' });
      expect(n.title).not.toContain('case.');
      expect(n.title).not.toContain('_');
      expect(n.body).toContain('42');
      expect(n.body).not.toContain('{');
    }
  });
});
