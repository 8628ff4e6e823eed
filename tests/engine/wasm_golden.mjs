// WebAssembly parity: runs every golden scenario request through build/wasm/rutile-engine-node.js
// and through the native rutile_engine_golden tool (same request bytes), and requires the two
// outputs to be identical byte for byte. Also checks the other exports answer like natively.
// Usage: node --no-experimental-fetch wasm_golden.mjs --module <rutile-engine-node.js>
//          --native <rutile_engine_golden> --scenarios <dir>
// Exit 0 = identical, 1 = a difference, 77 = WebAssembly build missing (ctest: skipped).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
for (const key of ['module', 'native', 'scenarios']) {
  if (!args[key]) {
    console.error(`missing --${key}`);
    process.exit(2);
  }
}
if (!existsSync(args.module)) {
  console.log(`skipped: ${args.module} not built (run scripts/build-wasm.sh)`);
  process.exit(77);
}

const requests = [];
const ids = [];
for (const file of readdirSync(args.scenarios).filter((f) => f.endsWith('.jsonl')).sort()) {
  for (const line of readFileSync(join(args.scenarios, file), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const scenario = JSON.parse(line);
    ids.push(scenario.id);
    requests.push(JSON.stringify(scenario.request));
  }
}
// Extra inputs outside the golden set: garbage and edge cases must agree too.
const extras = ['not json', '{}', '[]', '{"material":"Ti-Gr2"}', '{"material":"Ti-Gr2","medium":{"components":[{"species":"HCl","wt_pct":1e-7}],"temperature_c":20.123456789}}'];
for (const e of extras) {
  ids.push(`extra:${e}`);
  requests.push(e);
}

const native = execFileSync(args.native, ['-'], { input: requests.join('\n') + '\n', maxBuffer: 1 << 28 })
  .toString('utf8').split('\n').filter((l) => l.length > 0);

const require = createRequire(import.meta.url);
const createRutileEngine = require(resolve(args.module));
const m = await createRutileEngine();
const assess = m.cwrap('rutile_assess', 'string', ['string']);

let differences = 0;
requests.forEach((request, i) => {
  const wasm = assess(request);
  if (wasm !== native[i]) {
    differences++;
    if (differences <= 5) {
      console.error(`DIFFERENT ${ids[i]}\n  native: ${native[i]}\n  wasm:   ${wasm}`);
    }
  }
});

// The other exports: deterministic and well-formed.
const vocabulary = JSON.parse(m.ccall('rutile_vocabulary', 'string', [], []));
const atmosphere = JSON.parse(m.ccall('rutile_atmosphere', 'string', ['string'],
  ['{"temperature_c":15,"rh_pct":70,"so2_mg_m2_d":4,"cl_mg_m2_d":3}']));
if (atmosphere.zinc.rate_um_per_a !== 0.621711 || vocabulary.materials.length < 13) {
  differences++;
  console.error('atmosphere or vocabulary export differs from the native values');
}

console.log(`${requests.length} requests: ${requests.length - differences} identical, ${differences} different`);
process.exit(differences === 0 ? 0 : 1);
