import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../i18n';
import { reviewer } from '../routes';
import { EMPTY_CASE, PREVIEW_FIELDS, caseBody, previewValue } from './cases_submit';
import { BATH_FAMILIES } from './cases_vocabulary';

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

  it('sends the bath chosen from the vocabulary and the grade with the free text', () => {
    const body = caseBody(
      { ...EMPTY_CASE, material: 'Ti-Gr2', bath_preset: 'hard-chrome-sulfate', grade: ' TA2 ' },
      'zh',
    );
    expect(body.bath_preset).toBe('hard-chrome-sulfate');
    expect(body.grade).toBe('TA2');
    expect(body.medium).toBe('');
    expect(caseBody(EMPTY_CASE, 'zh')).not.toHaveProperty('bath_preset');
  });

  it('offers every bath family with a translated name in every language', async () => {
    const vocabulary = await import('../../../knowledge/cases/vocabulary.json');
    const families = vocabulary.concepts.filter((c: { kind: string }) => c.kind === 'bath');
    expect(BATH_FAMILIES.map(([f, p]) => [f, [...p]])).toEqual(
      families.map((c: { id: string; engine_ids: string[] }) => [c.id, c.engine_ids]),
    );
    for (const lang of ['en', 'zh', 'es', 'fr', 'pt', 'ar']) {
      const texts = (
        (await import(`../i18n/${lang}/cases.json`)) as {
          default: { vocabulary: Record<string, string> };
        }
      ).default.vocabulary;
      for (const [f] of BATH_FAMILIES) expect(texts[`family_${f}`], `${lang} ${f}`).toBeTruthy();
    }
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

describe('publication preview', () => {
  const root = resolve(import.meta.dirname, '../../..');
  const source = (path: string) => readFileSync(join(root, path), 'utf8');
  const catalogue = (lang: string) =>
    JSON.parse(source(`web/src/i18n/${lang}/cases.json`)) as {
      preview_field: Record<string, string>;
      service_band: Record<string, string>;
    };
  // The fields the server compares (case_service.cc: text("field", ...) and value("field", ...))
  // and the service-time bands it publishes (anonymity.cc).
  const fields = [
    ...source('src/cases/case_service.cc').matchAll(/\b(?:text|value)\("([a-z_]+)"/g),
  ].map((m) => m[1]);
  const bands = [
    ...source('src/cases/anonymity.cc')
      .split('ServiceTimeBand(')[1]
      .split('}')[0]
      .matchAll(/return "([^"]+)"/g),
  ].map((m) => m[1]);

  it('knows every field the server compares and every band it publishes', () => {
    expect(fields.length).toBeGreaterThan(10);
    expect([...fields].sort()).toEqual([...PREVIEW_FIELDS].sort());
    expect(bands).toContain('1-3y');
  });

  for (const lang of LANGUAGES) {
    it(`labels every preview field and band in ${lang}`, () => {
      const c = catalogue(lang);
      for (const f of fields) expect(c.preview_field[f], `${lang} ${f}`).toBeTruthy();
      for (const b of bands) {
        const key = b.replace('<', 'under_').replace('+', '_plus').replace('-', '_to_');
        expect(c.service_band[key], `${lang} ${b}`).toBeTruthy();
      }
    });
  }
});

describe('publication preview values', () => {
  it('says withheld only for a stated value the publication leaves out', async () => {
    const i18next = (await import('i18next')).default;
    await i18next.init({
      lng: 'en',
      ns: ['cases', 'labels'],
      resources: {
        en: {
          cases: JSON.parse(
            readFileSync(resolve(import.meta.dirname, '../i18n/en/cases.json'), 'utf8'),
          ) as Record<string, unknown>,
        },
      },
    });
    expect(previewValue('region', '', 'published', 'cn-east')).toMatch(/withheld/);
    expect(previewValue('ph', '', 'published', '')).toBe('—');
    expect(previewValue('ph', '', 'original')).toBe('—');
    expect(previewValue('service_months', '1-3y', 'published', '20')).toBe('1 to 3 years');
  });
});
