// Every vocabulary code the server sends has a label in every language.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../i18n';

const root = resolve(import.meta.dirname, '../../..');
const labels = (lang: string) =>
  JSON.parse(readFileSync(join(root, 'web/src/i18n', lang, 'labels.json'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
const regions = JSON.parse(readFileSync(join(root, 'knowledge/regions/regions.json'), 'utf8')) as {
  regions: { code: string }[];
  industries: { id: string }[];
};
const source = (path: string) => readFileSync(join(root, path), 'utf8');
const quoted = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]);

const lookup = (obj: Record<string, unknown>, code: string) =>
  code.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

describe('labels', () => {
  const codes: Record<string, string[]> = {
    region: regions.regions.map((r) => r.code),
    industry: regions.industries.map((i) => i.id),
    reading_type: quoted(source('src/equipment/model.cc'), /\{"([a-z_]+)",\s*\n?\s*"/g),
    equipment_type: quoted(
      source('src/equipment/equipment_service.cc').split('ItemTypes()')[1].split('};')[0],
      /"([a-z_]+)"/g,
    ),
    ledger_kind: quoted(
      [
        'src/identity/identity_service.cc',
        'src/identity/membership_service.cc',
        'src/cases/case_service.cc',
        'src/cases/bulletin_service.cc',
        'src/standards/standards_service.cc',
      ]
        .map((p) => {
          try {
            return source(p);
          } catch {
            return '';
          }
        })
        .join('\n'),
      /"((?:organization|case|bulletin|standard|certificate)\.[a-z_]+)"/g,
    ).filter((c) => !/\.(name|kind|region|park_id|publication_)$/.test(c)),
    data_level: ['private', 'shared', 'public', 'macro'],
  };

  it('finds the codes it checks', () => {
    for (const [kind, list] of Object.entries(codes)) expect(list.length, kind).toBeGreaterThan(0);
    expect(codes.reading_type).toContain('bath_temperature_c');
    expect(codes.equipment_type).toContain('immersion_heater');
  });

  for (const lang of LANGUAGES) {
    it(`labels every code in ${lang}`, () => {
      const l = labels(lang);
      const missing: string[] = [];
      for (const [kind, list] of Object.entries(codes))
        for (const code of list)
          if (typeof lookup(l[kind] ?? {}, code) !== 'string') missing.push(`${kind}.${code}`);
      expect(missing).toEqual([]);
    });
  }
});
