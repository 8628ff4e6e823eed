import { describe, expect, it } from 'vitest';
import { enterpriseMember } from '../routes';
import { parseReadings } from './equipment';
import { caseQuery } from './cases';

describe('equipment and cases helpers', () => {
  it('accepts a readings batch as a list or as {"readings": [...]}, and nothing else', () => {
    const one = { type: 'ph', value: 3, unit: 'pH', measured_at: '2025-01-01' };
    expect(parseReadings(JSON.stringify([one]))).toEqual([one]);
    expect(parseReadings(JSON.stringify({ readings: [one] }))).toEqual([one]);
    expect(parseReadings('{"type": "ph"}')).toBeNull();
    expect(parseReadings('not json')).toBeNull();
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
