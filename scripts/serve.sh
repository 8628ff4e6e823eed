#!/usr/bin/env bash
# Builds Rutile and serves it with demo data on the embedded default: installs what is missing,
# builds the release preset and the web app, loads the demo data into var/rutile.db and serves
# http://127.0.0.1:8080 until Ctrl-C. Settings can be overridden with RUTILE_* variables
# (see README), e.g. RUTILE_LISTEN=0.0.0.0:8080 scripts/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
if [ -f scripts/build-wasm.sh ]; then bash scripts/build-wasm.sh; fi
if [ -f web/package.json ]; then (cd web && npm ci --no-audit --no-fund && npm run build); fi

export RUTILE_DATA_DIR="${RUTILE_DATA_DIR:-var}"
export RUTILE_DATABASE="${RUTILE_DATABASE:-sqlite:$RUTILE_DATA_DIR/rutile.db}"
mkdir -p "$RUTILE_DATA_DIR"
build/release/rutile migrate
build/release/rutile demo
exec build/release/rutile serve --listen "${RUTILE_LISTEN:-127.0.0.1:8080}" \
  --static-dir "${RUTILE_STATIC_DIR:-web/dist}"
