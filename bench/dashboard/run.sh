#!/usr/bin/env bash
# Dashboard, park and regional view latency with rollups vs raw readings (SQLite). Not a test:
# prints figures and ratios only.
#   bench/dashboard/run.sh                 # 10k items, 2M raw readings, 100M in rollups
#   RAW=5000000 ITERATIONS=50 bench/dashboard/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BUILD_DIR:-$root/build/dashboard-bench}"  # Release, its own build directory
if [[ ! -d "$build" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" -j2 --target dashboard_bench >/dev/null
db="${TMPDIR:-/tmp}/rutile-dashboard-bench-$$.db"
trap 'rm -f "$db" "$db-wal" "$db-shm"' EXIT
"$build/src/equipment/dashboard_bench" --db "$db" --items "${ITEMS:-10000}" \
  --raw "${RAW:-2000000}" --target "${TARGET:-100000000}" --days "${DAYS:-90}" \
  --iterations "${ITERATIONS:-30}"
