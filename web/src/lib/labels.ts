// Vocabulary codes (equipment types, industries, regions, organization kinds, data levels,
// materials, reading types, roles, scales, ledger entry kinds, units) turned into the reader's
// words. A code without a label becomes a translated "unlisted value", never the raw code.
import { currentLanguage, formatNumber, hasKb, kb, t, type Language } from '../i18n';
import i18next from 'i18next';

export const VOCABULARIES = [
  'equipment_type',
  'industry',
  'region',
  'org_kind',
  'data_level',
  'material',
  'reading_type',
  'role',
  'scale',
  'ledger_kind',
  'unit',
] as const;
export type Vocabulary = (typeof VOCABULARIES)[number];

/** Knowledge-base groups that also name codes of a vocabulary (engine materials, org kinds). */
const KB_FALLBACK: Partial<Record<Vocabulary, string[]>> = {
  material: ['material'],
  org_kind: ['org_kind'],
  role: ['role', 'platform_role'],
  scale: ['scale'],
};

const key = (kind: Vocabulary, code: string) => `labels:${kind}.${code}`;

/** True when the code has a label in the labels namespace or the knowledge base. */
export function hasLabel(kind: Vocabulary, code: string | null | undefined): boolean {
  if (!code) return false;
  if (i18next.exists(key(kind, code))) return true;
  return (KB_FALLBACK[kind] ?? []).some((g) => hasKb(g, code));
}

/** The reader's word for a vocabulary code; '' for an empty code. */
export function label(kind: Vocabulary, code: string | null | undefined): string {
  if (!code) return '';
  if (i18next.exists(key(kind, code))) return t(key(kind, code));
  for (const g of KB_FALLBACK[kind] ?? []) if (hasKb(g, code)) return kb(g, code);
  return t('labels:misc.unknown');
}

/** Options for a <select> over codes: [code, label] pairs in the given order. */
export function labelOptions(kind: Vocabulary, codes: readonly string[]): [string, string][] {
  return codes.map((c) => [c, label(kind, c)]);
}

/** An organization is shown by its name; without one, a translated placeholder, never its id. */
export function orgLabel(name: string | null | undefined, id?: number): string {
  if (name && name.trim()) return name;
  return id === 0 ? t('labels:misc.platform') : t('labels:misc.org_n');
}

/**
 * Wraps a left-to-right fragment (a formula, unit, code or Latin name) in Unicode first-strong
 * isolates (U+2068 … U+2069), so it keeps its own order inside right-to-left text.
 */
export function isolate(text: string): string {
  return text ? `\u2068${text}\u2069` : text;
}

/** A value with its unit's label, the unit isolated: "٨٠ ⁨°C⁩" in Arabic, "80 °C" in English. */
export function formatMeasure(
  value: number,
  unit: string,
  maxFractionDigits = 2,
  lang: Language = currentLanguage(),
): string {
  const number = formatNumber(value, maxFractionDigits, lang);
  const unitText = hasLabel('unit', unit) ? label('unit', unit) : '';
  if (!unitText) return number;
  return lang === 'ar' ? `${isolate(number)} ${isolate(unitText)}` : `${number} ${unitText}`;
}
