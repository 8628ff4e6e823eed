import { describe, expect, it } from 'vitest';
import { EMPTY_PROFILE } from './clauses';
import { itemsOf, profileFromItem, type ProfileItem } from './profile_from_item';

const item = (over: Partial<ProfileItem> = {}): ProfileItem => ({
  id: 7,
  org_id: 3,
  name: 'Nickel line heater A',
  type: 'immersion_heater',
  material: 'Ti-Gr2',
  bath_preset: 'watts-nickel',
  operating_temperature_c: 55,
  ...over,
});

describe('a self-inspection profile from a registered item', () => {
  it('takes the material, bath, temperature and equipment type, keeping who it is for', () => {
    const form = profileFromItem(item(), {
      ...EMPTY_PROFILE,
      mode: 'grade',
      industry: 'electroplating',
      scale: 'small',
    });
    expect(form).toMatchObject({
      mode: 'conditions',
      material: 'Ti-Gr2',
      preset: 'watts-nickel',
      temperature: '55',
      equipment: 'immersion_heater',
      industry: 'electroplating',
      scale: 'small',
    });
  });

  it('leaves unstated what the item does not say or the library does not list', () => {
    const form = profileFromItem(
      item({ bath_preset: null, operating_temperature_c: null, type: 'tube_heater' }),
      EMPTY_PROFILE,
    );
    expect(form.preset).toBe('');
    expect(form.temperature).toBe('');
    expect(form.equipment).toBe('');
    expect(profileFromItem(item({ type: 'plate_exchanger' }), EMPTY_PROFILE).equipment).toBe(
      'plate_heat_exchanger',
    );
  });

  it('offers only the organization’s items, by name', () => {
    const items = [
      item({ id: 1, name: 'B' }),
      item({ id: 2, name: 'A' }),
      item({ id: 3, name: 'C', org_id: 9 }),
    ];
    expect(itemsOf(items, 3, 'en').map((i) => i.id)).toEqual([2, 1]);
  });
});
