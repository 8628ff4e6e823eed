#!/usr/bin/env bash
# Builds the Rutile web app into web/dist/ (served by `rutile serve --static-dir web/dist`).
# Copies the WebAssembly engine from build/wasm/ into the bundle, building it first with
# scripts/build-wasm.sh when it is missing and emscripten is installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

wasm_dir="${RUTILE_WASM_DIR:-$root/build/wasm}"
# `npm run build` copies the engine itself (scripts/copy-engine.mjs, the prebuild step).
if [ -z "$(find "$wasm_dir" -name rutile-engine.wasm -print -quit 2>/dev/null)" ] && [ -f "$root/scripts/build-wasm.sh" ] \
  && command -v emcc >/dev/null 2>&1; then
  echo "web: building the WebAssembly engine (scripts/build-wasm.sh)"
  bash "$root/scripts/build-wasm.sh" || echo "web: WebAssembly build failed; continuing without the offline engine" >&2
fi
if [ "${RUTILE_WEB_SKIP_INSTALL:-0}" != "1" ]; then
  npm ci --no-audit --no-fund
fi
npm run build
echo "web: built $here/dist"
