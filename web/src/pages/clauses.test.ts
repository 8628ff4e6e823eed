import i18next from 'i18next';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { localText, matchBody, searchQuery, type Clause } from './clauses';

describe('clause library requests', () => {
  it('leaves empty search filters out of the query string', () => {
    expect(searchQuery('', '', '', '')).toBe('');
    expect(searchQuery(' fluoride ', 'mandatory', '3', 'en')).toBe(
      'q=fluoride&kind=mandatory&grade=3&lang=en',
    );
  });

  it('sends either the conditions or the grade, and only the stated profile fields', () => {
    const form = {
      mode: 'conditions' as const,
      material: 'Ti-Gr2',
      preset: 'seawater',
      temperature: '80',
      grade: '3',
      industry: 'electroplating',
      equipment: '',
      region: 'II',
      scale: '',
    };
    expect(matchBody(form, 'zh')).toEqual({
      lang: 'zh',
      material: 'Ti-Gr2',
      preset: 'seawater',
      temperature_c: 80,
      industry: 'electroplating',
      region_category: 'II',
    });
    expect(matchBody({ ...form, mode: 'grade', industry: '', region: '' }, 'en')).toEqual({
      lang: 'en',
      grade: 3,
    });
  });
});

describe('equivalence notes', () => {
  const library = JSON.parse(
    readFileSync(
      resolve(import.meta.dirname, '../../../knowledge/standards/starter_library.json'),
      'utf8',
    ),
  ) as { clauses: Clause[] };
  const notes: Array<Record<string, string>> = library.clauses.flatMap((c) =>
    c.equivalences.flatMap((e) => (e.note ? [e.note] : [])),
  );

  beforeAll(async () => {
    await i18next.init({ lng: 'en', fallbackLng: 'en', resources: {} });
  });

  it('reads every starter library note in the reader language', async () => {
    expect(notes.length).toBeGreaterThanOrEqual(12);
    for (const lang of ['en', 'zh', 'es', 'fr', 'pt', 'ar']) {
      await i18next.changeLanguage(lang);
      for (const note of notes) {
        const shown = localText(note);
        expect(shown.lang).toBe(lang);
        expect(shown.text).toBe(note[lang]);
        expect(shown.text).not.toBe('');
      }
    }
  });

  it('falls back to the English note, marked as English, when the reader language is missing', async () => {
    await i18next.changeLanguage('ar');
    expect(localText({ en: 'Same ground.', zh: '范围相同。' })).toEqual({
      text: 'Same ground.',
      lang: 'en',
    });
    expect(localText(undefined).text).toBe('');
  });
});
