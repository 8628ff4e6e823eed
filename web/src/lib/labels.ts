// Vocabulary codes (equipment types, industries, regions, organization kinds, data levels,
// materials, reading types, roles, scales, ledger entry kinds, units) turned into the reader's
// words. A code without a label becomes a translated "unlisted value", never the raw code.
import { hasKb, kb, t } from '../i18n';
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
