// A match profile filled in from a registered equipment item: its material, bath, operating
// temperature and equipment type, so a plant starts a self-inspection for the heater it has.
import type { MatchForm } from './clauses';

/** The parts of an equipment item (GET /api/v1/equipment) a profile takes. */
export interface ProfileItem {
  id: number;
  org_id: number;
  name: string;
  type: string;
  material: string;
  bath_preset?: string | null;
  operating_temperature_c?: number | null;
}

/** Equipment kinds of the register by the clause library's equipment type; others unstated. */
const CLAUSE_EQUIPMENT: Record<string, string> = {
  immersion_heater: 'immersion_heater',
  over_the_side_heater: 'immersion_heater',
  coil_heater: 'coil_heater',
  plate_exchanger: 'plate_heat_exchanger',
  shell_tube_exchanger: 'shell_tube_exchanger',
};

/** The form with the item's conditions; who the profile is for (industry, region, scale) stays. */
export function profileFromItem(item: ProfileItem, form: MatchForm): MatchForm {
  return {
    ...form,
    mode: 'conditions',
    material: item.material,
    preset: item.bath_preset ?? '',
    temperature:
      typeof item.operating_temperature_c === 'number' ? String(item.operating_temperature_c) : '',
    equipment: CLAUSE_EQUIPMENT[item.type] ?? '',
  };
}

/** The organization's items, by name in the reader's collation. */
export function itemsOf(items: ProfileItem[], orgId: number, lang: string): ProfileItem[] {
  const collator = new Intl.Collator(lang);
  return items.filter((i) => i.org_id === orgId).sort((a, b) => collator.compare(a.name, b.name));
}
