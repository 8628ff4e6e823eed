#!/usr/bin/env bash
# Builds the corrosion engine (rutile_engine + rutile_engine_wire, standard library only) to
# WebAssembly with Debian's emscripten into build/wasm/:
#   rutile-engine.mjs + rutile-engine.wasm        ES module (EXPORT_ES6 + MODULARIZE) for browsers
#   rutile-engine-node.js + rutile-engine-node.wasm  CommonJS (MODULARIZE) for Node tests
# Usage: scripts/build-wasm.sh            (from anywhere; -j2, Release with -O2)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/wasm"
# Debian's em++ finds acorn and the other JS tools only through NODE_PATH.
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

command -v emcmake >/dev/null || { echo "emscripten (emcmake) not installed" >&2; exit 1; }

start=$(date +%s)
emcmake cmake -S "$root" -B "$out/cmake" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DRUTILE_ENGINE_ONLY=ON >/dev/null
cmake --build "$out/cmake" -j2 --target rutile-engine rutile-engine-node
for f in rutile-engine.mjs rutile-engine.wasm rutile-engine-node.js rutile-engine-node.wasm; do
  cp "$out/cmake/src/engine/wire/$f" "$out/$f"
done
echo "build/wasm ready in $(( $(date +%s) - start )) s:"
ls -l "$out"/rutile-engine*
