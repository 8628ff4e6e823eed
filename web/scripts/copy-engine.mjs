#!/usr/bin/env node
// Copies the WebAssembly engine (rutile-engine.mjs + rutile-engine.wasm, built by
// scripts/build-wasm.sh) into public/engine/ so the bundle and the service worker include it.
// Looks in $RUTILE_WASM_DIR, else build/wasm/ (its root first, then below it). Without an engine
// the app still builds; the quick query then needs the network.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wasmDir = resolve(process.env.RUTILE_WASM_DIR ?? join(web, '..', 'build', 'wasm'));
const target = join(web, 'public', 'engine');

function find(dir, depth = 0) {
  if (!existsSync(dir) || depth > 6) return null;
  if (existsSync(join(dir, 'rutile-engine.mjs')) && existsSync(join(dir, 'rutile-engine.wasm'))) return dir;
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (e === 'CMakeFiles' || !statSync(p).isDirectory()) continue;
    const found = find(p, depth + 1);
    if (found) return found;
  }
  return null;
}

rmSync(target, { recursive: true, force: true });
const found = find(wasmDir);
if (!found) {
  console.warn(`copy-engine: no rutile-engine.mjs/.wasm under ${wasmDir}; building without the offline engine`);
} else {
  mkdirSync(target, { recursive: true });
  for (const f of ['rutile-engine.mjs', 'rutile-engine.wasm']) copyFileSync(join(found, f), join(target, f));
  console.log(`copy-engine: offline engine copied from ${found}`);
}
