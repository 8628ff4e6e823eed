// Server problems and field errors are read in the reader's language from their message codes.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Problem } from './api';
import { fieldMessage, problemText } from './messages';

const here = resolve(import.meta.dirname, '../i18n');
const bundle = (lang: string, ns: string) =>
  JSON.parse(readFileSync(join(here, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  await i18next.init({ lng: 'zh', fallbackLng: 'en', ns: ['ui', 'labels'], defaultNS: 'ui' });
  for (const lang of ['en', 'zh'])
    for (const ns of ['ui', 'labels']) i18next.addResourceBundle(lang, ns, bundle(lang, ns));
});

const base = (p: Partial<Problem>): Problem => ({
  title: 'Invalid argument',
  status: 400,
  errors: [],
  network: false,
  type: 'https://rutile.example/problems/invalid-argument',
  ...p,
});

describe('problem texts', () => {
  it('renders a known code with its parameters and never the English detail on zh', async () => {
    await i18next.changeLanguage('zh');
    const p = base({
      code: 'problem.fields',
      detail: 'the request body has invalid fields',
      errors: [
        {
          field: 'organization.name',
          message: 'must be at most 9 characters',
          code: 'field.too_long',
          params: { max: 9 },
        },
      ],
    });
    const text = problemText(p);
    expect(text.title).toBe('部分输入未被接受');
    expect(text.detail).toBe('部分字段需要修改');
    expect(fieldMessage(p.errors[0])).toBe('最多 9 个字符');
  });

  it('falls back to a generic translated text plus the unknown code', async () => {
    await i18next.changeLanguage('zh');
    const text = problemText(base({ code: 'store.weird_thing', detail: 'English words here' }));
    expect(text.detail).toBe('技术支持人员可凭此代码查看详情：');
    expect(text.code).toBe('store.weird_thing');
    expect(JSON.stringify(text)).not.toContain('English');
    expect(fieldMessage({ field: 'x', message: 'odd value' })).toBe('此值无效');
  });

  it('keeps the server English on English pages', async () => {
    await i18next.changeLanguage('en');
    const text = problemText(base({ code: 'problem.invalid_argument', detail: 'bad ph' }));
    expect(text).toEqual({ title: 'Some values were not accepted', detail: 'bad ph' });
    expect(fieldMessage({ field: 'x', message: 'odd value' })).toBe('odd value');
  });

  it('names the generic problem from the type when there is no code', async () => {
    await i18next.changeLanguage('zh');
    const p = base({ type: 'https://rutile.example/problems/not-found', code: undefined });
    expect(problemText(p).title).toBe('未找到');
  });
});

describe('measures in right-to-left text', () => {
  it('isolates the number and the unit on Arabic pages and leaves others plain', async () => {
    const { formatMeasure, isolate } = await import('./labels');
    for (const lang of ['ar', 'fr'])
      i18next.addResourceBundle(lang, 'labels', bundle(lang, 'labels'));
    await i18next.changeLanguage('ar');
    const ar = formatMeasure(80, 'C', 0, 'ar');
    expect(ar.startsWith('\u2068')).toBe(true);
    expect(ar.endsWith(`${isolate('°C')}`)).toBe(true);
    expect(ar).toMatch(/[\u0660-\u0669]{2}|80/);
    await i18next.changeLanguage('fr');
    expect(formatMeasure(1234.5, 'mg_l', 1, 'fr')).toBe('1\u202f234,5 mg/L');
    expect(formatMeasure(3, 'no_such_unit', 0, 'fr')).toBe('3');
    expect(isolate('')).toBe('');
  });
});
