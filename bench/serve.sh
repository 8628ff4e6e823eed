#!/usr/bin/env bash
# Benchmark of the real `rutile serve` against the bare Beast baseline, in one run: the trivial
# route (/healthz), an authenticated JSON read on SQLite (/api/v1/me with a bearer token), and
# the quick query (POST /api/v1/engine/assess). Prints req/s, p50, p99 and the ratio to the
# baseline; figures only. Uses build/release/rutile (scripts/test.sh or serve.sh builds it).
# Environment: as bench/http/run.sh (WRK_ARGS, IO_THREADS, BUILD_DIR, SKIP_BUILD).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"
rutile="${RUTILE_BIN:-build/release/rutile}"
[ -x "${rutile}" ] || { echo "bench/serve.sh: build ${rutile} first (cmake --preset release)"; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
db="sqlite:${work}/rutile.db"
"${rutile}" demo --database "${db}" --data-dir "${work}" >/dev/null

# A token for the authenticated read: log in once through a short-lived server.
"${rutile}" serve --listen 127.0.0.1:0 --database "${db}" --data-dir "${work}" >"${work}/out" 2>/dev/null &
pid=$!
for _ in $(seq 1 100); do grep -q listening "${work}/out" && break; sleep 0.05; done
base="$(sed -n 's/^listening on //p' "${work}/out")"
token="$(curl -fsS -X POST "${base}/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"admin@demo.rutile.example","password":"demo-password-1"}' |
  sed -E 's/.*"token":"([^"]+)".*/\1/')"
kill "${pid}"; wait "${pid}" 2>/dev/null || true

threads="${IO_THREADS:-2}"
serve="${rutile} serve --listen 127.0.0.1:{port} --database ${db} --data-dir ${work} --io-threads ${threads} --worker-threads 4"
bash bench/http/run.sh \
  "serve /healthz|${serve}|/healthz" \
  "serve GET /me (auth)|${serve}|/api/v1/me|Authorization: Bearer ${token}" \
  "serve POST assess|${serve}|/api/v1/engine/assess||bench/http/assess.lua"
