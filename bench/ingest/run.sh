#!/usr/bin/env bash
# Ingest benchmark (not a test): HTTP JSON batch ingest into the release server on SQLite,
# against a raw batched SQLite insert of the same rows into the same schema, in the same run.
#   1. `rutile migrate` + `rutile serve` on a fresh SQLite file; register, create one item.
#   2. wrk (several connections, Lua script) POSTs the same batch of BATCH fluoride readings to
#      /api/v1/equipment/{id}/readings for DURATION; readings/s = 201 answers x BATCH / time.
#   3. raw.py inserts as many rows, BATCH per transaction (executemany of one prepared INSERT,
#      same pragmas as the server: WAL, synchronous=FULL, foreign keys on), into an online copy
#      of the server's database taken after the warm-up (same schema, indexes and parents).
# Prints readings/s for both and the ratio. Prints figures only; never fails on a time.
#
# Usage: bench/ingest/run.sh
# Environment: BUILD_DIR (default build/ingest-release), BATCH (default 1000), DURATION (default
#   10s), CONNECTIONS (default 4), THREADS (wrk threads, default 2), SKIP_BUILD=1, RUTILE=path.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="${root}/bench/ingest"
build="${BUILD_DIR:-${root}/build/ingest-release}"
batch="${BATCH:-1000}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-4}"
threads="${THREADS:-2}"

command -v wrk >/dev/null || { echo "run.sh: wrk not found (Debian package wrk)"; exit 1; }
command -v curl >/dev/null || { echo "run.sh: curl not found"; exit 1; }

if [ "${SKIP_BUILD:-0}" != 1 ] && [ -z "${RUTILE:-}" ]; then
  cmake -S "${root}" -B "${build}" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "${build}" -j2 --target rutile >/dev/null
fi
rutile="${RUTILE:-${build}/rutile}"

work="$(mktemp -d /tmp/rutile-ingest-bench.XXXXXX)"
pid=""
cleanup() {
  if [ -n "${pid}" ]; then kill "${pid}" 2>/dev/null || true; wait "${pid}" 2>/dev/null || true; fi
  rm -rf "${work}"
}
trap cleanup EXIT

db="sqlite:${work}/server.db"
"${rutile}" migrate --database "${db}" --data-dir "${work}" >/dev/null
"${rutile}" serve --listen 127.0.0.1:0 --database "${db}" --data-dir "${work}" \
  --static-dir "${work}/static" --body-limit 33554432 --log-level warn \
  >"${work}/serve.out" 2>"${work}/serve.err" &
pid=$!
for _ in $(seq 1 400); do
  grep -q "listening on" "${work}/serve.out" 2>/dev/null && break
  sleep 0.05
done
base="$(sed -n 's/^listening on //p' "${work}/serve.out" | head -1)"
[ -n "${base}" ] || { echo "run.sh: server did not start"; cat "${work}/serve.err"; exit 1; }

token="$(curl -sS -X POST "${base}/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"a long enough password","name":"Bench",
       "language":"en","organization":{"name":"Bench Works","kind":"end_user_plant",
       "region":"cn-east","industry":"electroplating","headcount":45,"annual_revenue":1000000}}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
item="$(curl -sS -X POST "${base}/api/v1/equipment" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer ${token}" \
  -d '{"name":"Bench heater","type":"immersion_heater","material":"Ti-Gr2",
       "bath_preset":"saturated-brine","operating_temperature_c":60}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"

python3 "${here}/raw.py" body "${batch}" >"${work}/body.json"
cat >"${work}/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer ${token}"
local f = assert(io.open("${work}/body.json", "rb"))
wrk.body = f:read("*a")
f:close()
created = 0
response = function(status, headers, body)
  if status == 201 then created = created + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d errors %d\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout))
end
LUA

# One short warm-up, then the measured run.
wrk -t1 -c1 -d1s -s "${work}/post.lua" "${base}/api/v1/equipment/${item}/readings" >/dev/null
python3 "${here}/raw.py" snapshot "${work}/server.db" "${work}/raw.db"
before="$(python3 "${here}/raw.py" count "${work}/server.db" "${item}")"
out="$(wrk -t"${threads}" -c"${connections}" -d"${duration}" --timeout 30s -s "${work}/post.lua" \
  "${base}/api/v1/equipment/${item}/readings")"
after="$(python3 "${here}/raw.py" count "${work}/server.db" "${item}")"
seconds="$(awk '/requests in/ { v=$4; sub(/,$/, "", v); if (v ~ /ms$/) { sub(/ms$/, "", v); v /= 1000 } else if (v ~ /m$/) { sub(/m$/, "", v); v *= 60 } else sub(/s$/, "", v); print v }' <<<"${out}")"
errors="$(awk '/^requests [0-9]+ errors/ {print $4}' <<<"${out}")"
stored=$((after - before))
http_rate="$(awk -v n="${stored}" -v s="${seconds}" 'BEGIN { printf "%.0f", n / s }')"

raw_rate="$(python3 "${here}/raw.py" insert "${work}/raw.db" "${item}" "${stored}" "${batch}")"
ratio="$(awk -v a="${http_rate}" -v b="${raw_rate}" 'BEGIN { printf "%.2f", a / b }')"

printf "batch %s readings, %s connections, %s\n" "${batch}" "${connections}" "${duration}"
printf "%-34s %12s %14s\n" "path" "readings" "readings/s"
printf "%-34s %12s %14s\n" "HTTP JSON batch (rutile serve)" "${stored}" "${http_rate}"
printf "%-34s %12s %14s\n" "raw SQLite executemany" "${stored}" "${raw_rate}"
printf "ratio HTTP / raw: %s   (targets: >= 200000 readings/s and >= 0.4x raw)\n" "${ratio}"
printf "HTTP errors: %s\n" "${errors:-0}"
