import { describe, expect, it } from 'vitest';
import { reviewer } from '../routes';
import { EMPTY_CASE, caseBody } from './cases_submit';

describe('case submission', () => {
  it('sends the required fields and only the stated optional ones', () => {
    const body = caseBody(
      {
        ...EMPTY_CASE,
        material: ' Ti-Gr2 ',
        medium: 'chromic acid',
        temperature: '85',
        ph: '',
        chloride: '120',
        mechanism: 'crevice_corrosion',
        root_cause: '  gasket crevice ',
      },
      'zh',
    );
    expect(body).toEqual({
      equipment_type: 'immersion_heater',
      material: 'Ti-Gr2',
      medium: 'chromic acid',
      temperature_c: 85,
      failure_mode: 'pitting',
      language: 'zh',
      chloride_mg_per_l: 120,
      mechanism_ids: ['crevice_corrosion'],
      root_cause: 'gasket crevice',
    });
  });

  it('leaves a missing temperature for the server to report', () => {
    expect(caseBody(EMPTY_CASE, 'en').temperature_c).toBeUndefined();
  });

  it('shows the review queue to platform operators and experts only', () => {
    const me = (roles: string[]) => ({
      user: { id: 1, email: 'a@b.c', name: 'A' },
      organizations: [],
      platform_roles: roles,
    });
    expect(reviewer(me(['operator']))).toBe(true);
    expect(reviewer(me(['expert']))).toBe(true);
    expect(reviewer(me(['examiner']))).toBe(false);
    expect(reviewer(null)).toBe(false);
  });
});
