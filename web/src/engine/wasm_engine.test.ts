// Runs the real WebAssembly engine (Node build from scripts/build-wasm.sh) through the adapter's
// answer parsing, and checks that the web app can name everything it answers with. Skipped when
// build/wasm has not been built.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../i18n';
import { parseWasmAnswer } from './adapter';
import type { AssessResult, Vocabulary } from './types';

const wasmDir = resolve(import.meta.dirname, '../../../build/wasm');
const nodeBuild = join(wasmDir, 'rutile-engine-node.js');
const built = existsSync(nodeBuild);

interface Engine {
  ccall: (name: string, ret: 'string', types: string[], args: unknown[]) => string;
}

async function engine(): Promise<Engine> {
  const create = createRequire(import.meta.url)(nodeBuild) as (opts: object) => Promise<Engine>;
  // Hand over the bytes: the test runner's global fetch would otherwise be tried on a file path.
  return create({ wasmBinary: readFileSync(join(wasmDir, 'rutile-engine-node.wasm')) });
}

const kb = (lang: string) =>
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, `../i18n/${lang}/kb.json`), 'utf8'),
  ) as Record<string, Record<string, string>>;

describe.skipIf(!built)('WebAssembly engine', () => {
  it('assesses every preset on every material, and every id in the answers has a name', async () => {
    const m = await engine();
    const vocab = parseWasmAnswer<Vocabulary>(m.ccall('rutile_vocabulary', 'string', [], []));
    expect(vocab.ok).toBe(true);
    if (!vocab.ok) return;
    const names = LANGUAGES.map(kb);
    const missing = new Set<string>();
    const need = (kind: string, id: string) => {
      for (const [i, n] of names.entries()) {
        if (!n[kind]?.[id]) missing.add(`${LANGUAGES[i]} ${kind}.${id}`);
      }
    };
    const materials = vocab.value.materials.filter((x) => x.assessable !== false);
    for (const mat of materials) need('material', mat.id);
    for (const p of vocab.value.presets) need('preset', p.id);
    let answered = 0;
    for (const mat of materials) {
      for (const p of vocab.value.presets) {
        for (const temperature_c of [25, 95]) {
          const answer = parseWasmAnswer<AssessResult>(
            m.ccall(
              'rutile_assess',
              'string',
              ['string'],
              [
                JSON.stringify({
                  material: mat.id,
                  medium: { preset: p.id, components: [], temperature_c },
                }),
              ],
            ),
          );
          if (!answer.ok) continue; // some combinations are rejected (e.g. a gas preset above its range)
          answered += 1;
          need('verdict', answer.value.verdict);
          for (const mech of answer.value.mechanisms) {
            need('mechanism', mech.id);
            for (const l of (mech.limits ?? []) as Array<{ parameter: string }>) {
              need('parameter', l.parameter);
            }
          }
          for (const alt of answer.value.alternatives ?? []) need('material', alt.material);
          for (const l of (answer.value.operating_limits ?? []) as Array<{ parameter: string }>) {
            need('parameter', l.parameter);
          }
        }
      }
    }
    expect(answered).toBeGreaterThan(materials.length * vocab.value.presets.length);
    expect([...missing]).toEqual([]);
  });

  it('returns field errors the form can place next to the species input', async () => {
    const m = await engine();
    const answer = parseWasmAnswer(
      m.ccall(
        'rutile_assess',
        'string',
        ['string'],
        [
          JSON.stringify({
            material: 'Ti-Gr2',
            medium: { components: [{ species: 'no-such-chemical', wt_pct: 5 }], temperature_c: 40 },
          }),
        ],
      ),
    );
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.problem.errors.map((e) => e.field)).toContain('medium.components[0].species');
  });
});
