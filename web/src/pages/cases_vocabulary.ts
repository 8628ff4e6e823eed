// The engine vocabulary a case names its material and bath with (knowledge/engine/materials.json,
// presets.json; bath families from knowledge/cases/vocabulary.json), with translated labels.
import i18next from 'i18next';
import { kb, t } from '../i18n';
import { label } from '../lib/labels';

/** Engine material ids a case may name, titanium grades first. */
export const CASE_MATERIALS = [
  'Ti-Gr1',
  'Ti-Gr2',
  'Ti-Gr5',
  'Ti-Gr7',
  'Ti-Gr11',
  'Ti-Gr12',
  'Ti-Gr16',
  'Ti-Gr17',
  'SS304L',
  'SS316L',
  'Alloy-C276',
  'PTFE-sheathed',
  'Quartz',
  'carbon-steel',
  'graphite',
] as const;

/** Bath families and their engine presets, in the order of knowledge/cases/vocabulary.json. */
export const BATH_FAMILIES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['chrome_plating', ['hard-chrome-sulfate', 'hard-chrome-mixed-catalyst']],
  ['nickel_plating', ['watts-nickel', 'sulfamate-nickel', 'electroless-nickel']],
  ['copper_plating', ['acid-copper-sulfate', 'cyanide-copper']],
  ['zinc_plating', ['acid-zinc', 'alkaline-zinc']],
  ['anodizing', ['sulfuric-anodizing', 'hard-anodizing']],
  ['phosphating', ['zinc-phosphating']],
  ['pickling', ['hcl-pickling', 'sulfuric-pickling', 'hf-hno3-pickling']],
  ['passivation', ['nitric-passivation', 'citric-passivation']],
  ['cleaning', ['alkaline-electrocleaner']],
  ['seawater_brine', ['seawater', 'saturated-brine']],
  ['chlorine_service', ['wet-chlorine', 'dry-chlorine']],
  ['fuming_nitric', ['red-fuming-nitric']],
];

/** Engine rate groups older cases name their material with ("ti_cp"). */
const RATE_GROUPS = ['ti_cp', 'ti_pd', 'ti_5'] as const;

/** A material id as a person reads it; an unknown value is shown as the submitter wrote it. */
export function materialLabel(id: string | undefined): string {
  if (!id) return '';
  if ((RATE_GROUPS as readonly string[]).includes(id)) return t(`cases:vocabulary.group_${id}`);
  return kb('material', id, id);
}

/** A bath preset id as a person reads it. */
export function presetLabel(id: string | undefined): string {
  return id ? kb('preset', id, id) : '';
}

export function familyLabel(family: string): string {
  return t(`cases:vocabulary.family_${family}`);
}

/** An equipment type as a person reads it. */
export function equipmentLabel(type: string | undefined): string {
  if (!type) return '';
  const own = `cases:vocabulary.equipment_${type}`;
  if (i18next.exists(own)) return t(own);
  return i18next.exists(`std.equipment_${type}`) ? t(`std.equipment_${type}`) : type;
}

/** An industry id as a person reads it. */
export function industryLabel(id: string | undefined): string {
  if (!id) return '';
  return i18next.exists(`std.industry_${id}`) ? t(`std.industry_${id}`) : id;
}

/** Region names in the reader's language (web/src/i18n/<lang>/labels.json, every catalogue
 *  code and its parents). A hook for the pages that call it. */
export function useRegionName(): (code: string | undefined) => string {
  return (code) => (code ? label('region', code) : '');
}
