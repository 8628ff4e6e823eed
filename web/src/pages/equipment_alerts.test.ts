// An alert is a message code with parameters, read in the reader's language with the reading
// type's name and the unit's label.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { alertText, thicknessFlagText } from './equipment';

const here = resolve(import.meta.dirname, '../i18n');
const bundle = (lang: string, ns: string) =>
  JSON.parse(readFileSync(join(here, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  await i18next.init({
    lng: 'en',
    fallbackLng: 'en',
    ns: ['ui', 'labels', 'equipment'],
    defaultNS: 'ui',
    interpolation: { escapeValue: false },
  });
  for (const lang of ['en', 'zh', 'es', 'fr', 'pt', 'ar'])
    for (const ns of ['ui', 'labels', 'equipment'])
      i18next.addResourceBundle(lang, ns, bundle(lang, ns));
});

const critical = {
  type: 'bath_temperature_c',
  code: 'alert.above_critical',
  params: { type: 'bath_temperature_c', value: 72, unit: 'C', limit: 70 },
};

describe('alert texts', () => {
  it('renders every alert code in all six languages', async () => {
    for (const lang of ['en', 'zh', 'es', 'fr', 'pt', 'ar']) {
      await i18next.changeLanguage(lang);
      for (const code of [
        'alert.above_critical',
        'alert.below_critical',
        'alert.above_target',
        'alert.below_target',
        'alert.outside_window',
        'alert.unknown',
      ])
        expect(i18next.exists(`equipment:${code}`), `${lang} ${code}`).toBe(true);
    }
  });

  it('says the value, the limit and their unit in English', async () => {
    await i18next.changeLanguage('en');
    expect(alertText(critical)).toBe(
      'Bath temperature 72 °C is above the critical maximum of 70 °C',
    );
  });

  it('reads Chinese on a zh page, without the code or the type id', async () => {
    await i18next.changeLanguage('zh');
    const text = alertText(critical);
    expect(text).toContain('槽液温度');
    expect(text).toContain('临界上限');
    expect(text).toContain('°C');
    expect(text).not.toMatch(/bath_temperature|alert\.|above/);
  });

  it('reads Arabic on an ar page, a legacy alert without a limit too', async () => {
    await i18next.changeLanguage('ar');
    expect(alertText(critical)).toContain('الحد الأقصى الحرج');
    const legacy = alertText({
      type: 'ph',
      code: 'alert.outside_window',
      params: { type: 'ph', value: 1.5 },
    });
    expect(legacy).toContain('خارج النطاق');
    expect(legacy).not.toMatch(/[a-z]{4,}/);
    expect(alertText({ type: 'ph', code: 'alert.new_kind' })).not.toContain('alert.');
  });

  it('names every engine thickness flag in the six languages, never by its code', async () => {
    const engine = readFileSync(resolve(here, '../../../src/engine/thickness.cc'), 'utf8');
    const flags = [...engine.matchAll(/flags\.push_back\("([a-z0-9_]+)"\)/g)].map((m) => m[1]);
    expect(flags.length).toBeGreaterThan(5);
    for (const lang of ['en', 'zh', 'es', 'fr', 'pt', 'ar']) {
      await i18next.changeLanguage(lang);
      for (const flag of flags) {
        expect(i18next.exists(`equipment:thickness_flag.${flag}`), `${lang} ${flag}`).toBe(true);
        expect(thicknessFlagText(flag)).not.toContain('_');
      }
    }
  });
});
