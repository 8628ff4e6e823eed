#!/usr/bin/env bash
# Load benchmark of the HTTP layer. Builds (Release, its own build directory) and starts:
#   baseline   a bare Beast coroutine server answering {"status":"ok"}     (rutile_http_baseline)
#   rutile     rutile_http with its built-in /healthz, an inline route and a blocking route
# then runs wrk against each on a free loopback port and prints req/s, p50, p99 and the
# req/s ratio to the baseline. Prints figures only; never fails on a time.
#
# Usage: bench/http/run.sh [EXTRA ...]
#   EXTRA = "NAME|COMMAND|PATH[|HEADER[|WRK_SCRIPT]]": COMMAND is started with {port} replaced
#           by a free port, then PATH is loaded (relative paths from the repository root), with
#           the request header HEADER if given and the wrk Lua script WRK_SCRIPT (for POST
#           bodies) if given, e.g.
#           'serve|build/release/src/app/rutile serve --listen 127.0.0.1:{port}|/healthz'
# Environment: BUILD_DIR (default build/http-bench), WRK_ARGS (default "-t1 -c64 -d10s"),
#              IO_THREADS (default 2), SKIP_BUILD=1 to use existing binaries.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${BUILD_DIR:-${root}/build/http-bench}"
wrk_args="${WRK_ARGS:--t1 -c64 -d10s}"
io_threads="${IO_THREADS:-2}"
cd "${root}"  # relative paths in EXTRA commands are relative to the repository root

command -v wrk >/dev/null || { echo "run.sh: wrk not found (Debian package wrk)"; exit 1; }
command -v curl >/dev/null || { echo "run.sh: curl not found"; exit 1; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  cmake -S "${root}" -B "${build}" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "${build}" -j2 --target rutile_http_baseline rutile_http_bench_server >/dev/null
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; wait "${pid}" 2>/dev/null || true; done
}
trap cleanup EXIT

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( (RANDOM % 30000) + 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then echo "${port}"; return; fi
  done
  echo "run.sh: no free port found" >&2
  exit 1
}

wait_ready() {  # port path [header]
  local header=()
  if [ -n "${3:-}" ]; then header=(-H "$3"); fi
  for _ in $(seq 1 200); do
    if curl -sS -o /dev/null "${header[@]}" "http://127.0.0.1:$1$2" 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "run.sh: server on port $1 did not answer $2" >&2
  return 1
}

to_ms() {  # wrk prints 812.00us / 1.23ms / 1.02s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    else printf "%s", v }'
}

baseline_rps=""
printf "%-22s %-24s %12s %10s %10s %10s\n" "server" "path" "req/s" "p50 ms" "p99 ms" "ratio"

measure() {  # name port path [header [wrk script]]
  local out rps p50 p99 ratio extra=()
  if [ -n "${4:-}" ]; then extra+=(-H "$4"); fi
  if [ -n "${5:-}" ]; then extra+=(-s "$5"); fi
  # shellcheck disable=SC2086
  out="$(wrk ${wrk_args} --latency "${extra[@]}" "http://127.0.0.1:$2$3")"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"${out}")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"${out}")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"${out}")")"
  if [ -z "${baseline_rps}" ]; then baseline_rps="${rps}"; fi
  ratio="$(awk -v a="${rps}" -v b="${baseline_rps}" 'BEGIN { printf "%.2f", a / b }')"
  if grep -q "Non-2xx" <<<"${out}"; then ratio="${ratio} (non-2xx answers!)"; fi
  printf "%-22s %-24s %12s %10s %10s %10s\n" "$1" "$3" "${rps}" "${p50}" "${p99}" "${ratio}"
}

start() {  # name port command...
  local name="$1" port="$2"
  shift 2
  "$@" >/dev/null 2>&1 &
  pids+=("$!")
}

port="$(free_port)"
start baseline "${port}" "${build}/bench/http/rutile_http_baseline" "${port}" "${io_threads}"
wait_ready "${port}" /healthz
measure baseline "${port}" /healthz

port="$(free_port)"
start rutile "${port}" "${build}/bench/http/rutile_http_bench_server" "${port}" "${io_threads}" 2
wait_ready "${port}" /healthz
measure "rutile_http" "${port}" /healthz
measure "rutile_http inline" "${port}" /api/v1/ping
measure "rutile_http blocking" "${port}" /api/v1/ping-blocking

for extra in "$@"; do
  IFS='|' read -r name cmd path header script <<<"${extra}"
  port="$(free_port)"
  # shellcheck disable=SC2086
  start "${name}" "${port}" ${cmd//\{port\}/${port}}
  wait_ready "${port}" "${path}" "${header}"
  measure "${name}" "${port}" "${path}" "${header}" "${script}"
done
echo "wrk ${wrk_args} --latency; ${io_threads} server I/O threads; ratio = req/s / baseline req/s"
