// The engine's reasons and warnings are read in the reader's language from their phrases.
import i18next from 'i18next';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPhraseList, phrasesText, phraseText, type Phrase } from './engine_phrases';

const here = resolve(import.meta.dirname, '../i18n');
const kbBundle = (lang: string) =>
  JSON.parse(readFileSync(join(here, lang, 'kb.json'), 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  await i18next.init({ lng: 'en', fallbackLng: 'en', ns: ['ui', 'kb'], defaultNS: 'ui' });
  for (const lang of ['en', 'zh', 'ar', 'es', 'fr', 'pt'])
    i18next.addResourceBundle(lang, 'kb', kbBundle(lang));
});

// As the engine sends them for titanium Grade 2 in seawater at 80 °C, pH 8.1.
const crevice: Phrase[] = [
  { code: 'chloride_at_temperature', params: { chloride: 21231, temperature: 80 } },
  { code: 'ph_below', params: { ph: 8.1, limit: 9 } },
  { code: 'crevice_corrosion_of', params: { material: 'Ti-Gr2' } },
];

describe('engine phrases', () => {
  it('render in English with the values filled in', async () => {
    await i18next.changeLanguage('en');
    expect(phrasesText(crevice)).toBe(
      '21,231 mg/L chloride at 80 °C; pH 8.1 is below 9; crevice corrosion of ' +
        (kbBundle('en').material as Record<string, string>)['Ti-Gr2'],
    );
  });

  it('render in Chinese and Arabic without an English word, materials and species by name', async () => {
    for (const lang of ['zh', 'ar']) {
      await i18next.changeLanguage(lang);
      const text = phrasesText(crevice);
      expect(text, lang).toBeDefined();
      expect(text).toContain((kbBundle(lang).material as Record<string, string>)['Ti-Gr2']);
      expect(text).not.toMatch(/\{\{|chloride|crevice|below/);
      const gap = phraseText({
        code: 'no_data_for',
        params: { species: 'HCl, HF', material: 'Ti-Gr2' },
      });
      const species = kbBundle(lang).species as Record<string, string>;
      expect(gap).toContain(species.HCl);
      expect(gap).toContain(species.HF);
      // Latin words of four letters or more would fail the page checker on these pages.
      expect(text!.match(/[A-Za-z]{4,}/g) ?? [], lang).toEqual([]);
    }
  });

  it('every language has every phrase with the same parameters as English', () => {
    const english = kbBundle('en').phrase as Record<string, string>;
    const slots = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const lang of ['zh', 'ar', 'es', 'fr', 'pt']) {
      const texts = kbBundle(lang).phrase as Record<string, string>;
      for (const [code, text] of Object.entries(english))
        expect(slots(texts[code] ?? ''), `${lang} ${code}`).toEqual(slots(text));
    }
  });

  it('leave an unknown phrase to the English sentence', async () => {
    await i18next.changeLanguage('zh');
    expect(phraseText({ code: 'no_such_phrase' })).toBeUndefined();
    expect(phrasesText([crevice[0], { code: 'no_such_phrase' }])).toBeUndefined();
    expect(phrasesText([])).toBeUndefined();
  });

  it('recognise only well-formed phrase lists', () => {
    expect(isPhraseList(crevice)).toBe(true);
    expect(isPhraseList([{ code: 1 }])).toBe(false);
    expect(isPhraseList('text')).toBe(false);
  });
});
