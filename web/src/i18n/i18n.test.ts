// Every translation key exists in every language, with the same interpolation variables; every
// interface key the code uses exists; every knowledge-base id the engine ships is translated.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, NAMESPACES, matchLanguage } from './index';

const here = resolve(import.meta.dirname);
const load = (lang: string, ns: string) =>
  JSON.parse(readFileSync(join(here, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;

function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') {
      for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    } else {
      out.set(key, String(v));
    }
  }
  return out;
}

const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  for (const ns of NAMESPACES) {
    const en = flatten(load('en', ns));
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      it(`${lang}/${ns}.json has exactly the keys of en/${ns}.json`, () => {
        const other = flatten(load(lang, ns));
        expect([...other.keys()].filter((k) => !en.has(k))).toEqual([]);
        expect([...en.keys()].filter((k) => !other.has(k))).toEqual([]);
      });
      it(`${lang}/${ns}.json keeps interpolation variables and has no empty text`, () => {
        const other = flatten(load(lang, ns));
        for (const [k, v] of en) {
          expect(vars(other.get(k) ?? ''), `${lang} ${k}`).toEqual(vars(v));
          expect((other.get(k) ?? '').trim(), `${lang} ${k}`).not.toBe('');
        }
      });
    }
  }

  it('has every interface key the source code uses', () => {
    const en = new Map(NAMESPACES.map((ns) => [ns as string, flatten(load('en', ns))]));
    const src = resolve(here, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts')) files.push(p);
      }
    };
    walk(src);
    const missing: string[] = [];
    for (const f of files) {
      const code = readFileSync(f, 'utf8');
      for (const m of code.matchAll(/\bt\(\s*'(?:([a-z]+):)?([a-z_]+(?:\.[a-z_0-9]+)+)'/g)) {
        if (!en.get(m[1] ?? 'ui')?.has(m[2])) missing.push(`${f}: ${m[1] ?? 'ui'}:${m[2]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every verdict, mechanism, material, preset and species of the engine knowledge base', () => {
    const kb = flatten(load('en', 'kb'));
    for (const v of ['low', 'moderate', 'high', 'prohibited'])
      expect(kb.has(`verdict.${v}`)).toBe(true);
    const dir = resolve(here, '../../../knowledge/engine');
    if (!existsSync(dir)) return;
    const ids = (file: string, key: string) =>
      (
        (JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>)[
          key
        ] as Array<{
          id: string;
        }>
      ).map((x) => x.id);
    const missing = [
      ...ids('mechanisms.json', 'mechanisms').map((id) => `mechanism.${id}`),
      ...ids('materials.json', 'materials').map((id) => `material.${id}`),
      ...ids('presets.json', 'presets').map((id) => `preset.${id}`),
      ...ids('species.json', 'species').map((id) => `species.${id}`),
    ].filter((k) => !kb.has(k));
    expect(missing).toEqual([]);
    // Mitigations are fixed sentences of the knowledge base, translated by their English text.
    const en = load('en', 'kb').mitigation as Record<string, string>;
    const mitigations = (
      JSON.parse(readFileSync(join(dir, 'mechanisms.json'), 'utf8')) as {
        mechanisms: Array<{ mitigations?: string[] }>;
      }
    ).mechanisms.flatMap((m) => m.mitigations ?? []);
    expect(mitigations.filter((m) => !(m in en))).toEqual([]);
  });
});

describe('matchLanguage', () => {
  it('follows the browser preference order and ignores unknown languages', () => {
    expect(matchLanguage(['de-DE', 'zh-CN', 'en'])).toBe('zh');
    expect(matchLanguage(['ar-EG'])).toBe('ar');
    expect(matchLanguage(['pt-BR', 'es'])).toBe('pt');
    expect(matchLanguage(['de'])).toBeUndefined();
  });
});
