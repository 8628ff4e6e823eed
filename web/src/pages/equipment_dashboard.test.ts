// The dashboard's reading means carry their type's unit in the reader's language.
import i18next from 'i18next';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { meanWithUnit } from './equipment_dashboard';

const here = resolve(import.meta.dirname, '../i18n');
const bundle = (lang: string) =>
  JSON.parse(readFileSync(join(here, lang, 'labels.json'), 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  await i18next.init({ lng: 'en', fallbackLng: 'en', ns: ['ui', 'labels'], defaultNS: 'ui' });
  for (const lang of ['en', 'zh']) i18next.addResourceBundle(lang, 'labels', bundle(lang));
});

describe('dashboard reading means', () => {
  it('show the unit of the reading type, none for pH, a dash when missing', async () => {
    await i18next.changeLanguage('en');
    expect(meanWithUnit('bath_temperature_c', 58.964)).toBe('58.96 °C');
    expect(meanWithUnit('chloride_mg_l', 1200)).toBe('1,200 mg/L');
    expect(meanWithUnit('ph', 6.5)).toBe('6.5');
    expect(meanWithUnit('bath_temperature_c', null)).toBe('—');
  });

  it('name the unit in Chinese on a Chinese page', async () => {
    await i18next.changeLanguage('zh');
    const zhUnits = bundle('zh').unit as Record<string, string>;
    expect(meanWithUnit('wall_thickness_mm', 1.2)).toBe(`1.2 ${zhUnits.mm}`);
  });
});
