import { describe, expect, it } from 'vitest';
import { enterpriseMember } from '../routes';
import {
  READING_FORMS,
  criticalAlertOpen,
  levelFields,
  parseReadings,
  readingFromForm,
  visibilityOf,
} from './equipment';
import { caseQuery } from './cases';

describe('equipment and cases helpers', () => {
  it('accepts a readings batch as a list or as {"readings": [...]}, and nothing else', () => {
    const one = { type: 'ph', value: 3, unit: 'pH', measured_at: '2025-01-01' };
    expect(parseReadings(JSON.stringify([one]))).toEqual([one]);
    expect(parseReadings(JSON.stringify({ readings: [one] }))).toEqual([one]);
    expect(parseReadings('{"type": "ph"}')).toBeNull();
    expect(parseReadings('not json')).toBeNull();
  });

  it('sends a form reading with the unit of its type, and nothing for a non-number', () => {
    expect(readingFromForm('bath_temperature_c', '61,5', '2026-03-01')).toEqual({
      type: 'bath_temperature_c',
      value: 61.5,
      unit: 'C',
      measured_at: '2026-03-01',
    });
    expect(readingFromForm('wall_thickness_mm', ' ', '2026-03-01')).toBeNull();
    expect(readingFromForm('wall_thickness_mm', 'abc', '2026-03-01')).toBeNull();
    expect(readingFromForm('nickel_g_l', '3', '2026-03-01')).toBeNull();
    expect(new Set(READING_FORMS.map((r) => r.type)).size).toBe(READING_FORMS.length);
  });

  it('maps the visibility choice to the level and circle the API stores', () => {
    expect(levelFields('private')).toEqual({ level: 'private' });
    expect(levelFields('park')).toEqual({ level: 'shared', share_with: 'park' });
    expect(levelFields('association')).toEqual({ level: 'shared', share_with: 'association' });
    expect(visibilityOf({ level: 'shared', share_with: 'association' })).toBe('association');
    expect(visibilityOf({ level: 'shared', share_with: null })).toBe('park');
    expect(visibilityOf({ level: 'private', share_with: null })).toBe('private');
  });

  it('says a critical alert is open until it is resolved', () => {
    expect(criticalAlertOpen([{ severity: 'critical', status: 'open' }])).toBe(true);
    expect(criticalAlertOpen([{ severity: 'critical', status: 'acknowledged' }])).toBe(true);
    expect(criticalAlertOpen([{ severity: 'critical', status: 'resolved' }])).toBe(false);
    expect(criticalAlertOpen([{ severity: 'warning', status: 'open' }])).toBe(false);
  });

  it('leaves empty case filters out of the query string', () => {
    expect(caseQuery({ q: ' pitting ', mechanism: '', industry: 'chemical', region: '' })).toBe(
      'q=pitting&industry=chemical',
    );
  });

  it('shows equipment to enterprise members only', () => {
    const me = (kind: string) => ({
      user: { id: 1, email: 'a@b.c', name: 'A' },
      organizations: [{ id: 1, name: 'Org', kind, role: 'member' }],
      platform_roles: [],
    });
    expect(enterpriseMember(me('end_user_plant') as never)).toBe(true);
    expect(enterpriseMember(me('regulator') as never)).toBe(false);
    expect(enterpriseMember(null)).toBe(false);
  });
});
