#!/usr/bin/env bash
# Runs the browser end-to-end suite against a built server:
#   tests/e2e/run.sh build/release/rutile
# Builds web/dist first when it is missing (web/build.sh), then runs Node's test runner.
# Screenshots go to tests/e2e/artifacts/. Uses Debian's Chromium (/usr/bin/chromium).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-${RUTILE_BIN:-$root/build/release/rutile}}"
if [ ! -x "$bin" ]; then
  echo "e2e: rutile binary not found at $bin (build it first: cmake --preset release && cmake --build build/release)" >&2
  exit 2
fi
if [ ! -d "$root/web/node_modules/playwright-core" ] || [ ! -f "$root/web/dist/index.html" ] \
  || [ "${RUTILE_E2E_REBUILD:-0}" = "1" ]; then
  "$root/web/build.sh"
fi
export RUTILE_BIN="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
mkdir -p "$here/artifacts"
cd "$root"
exec node --test --test-concurrency=1 --test-timeout=600000 "$here"/*.test.mjs
