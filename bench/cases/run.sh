#!/usr/bin/env bash
# Failure case database benchmark (not a test; never run by ctest): builds cases_bench with
# -DRUTILE_BUILD_BENCHMARKS=ON in its own Release build directory, then loads N synthetic public
# cases into a fresh SQLite file and prints the import rate and search / similar-case p50/p95
# against the 50 ms target, with a plain indexed SELECT as the baseline of the same run.
# Usage: bench/cases/run.sh [cases=1000000] [search_queries=200] [similar_queries=20]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${RUTILE_BENCH_BUILD:-$root/build/bench-cases}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRUTILE_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build" -j2 --target cases_bench
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(uname -sr); SQLite file in $work"
"$build/src/cases/cases_bench" "$work/cases.db" "${1:-1000000}" "${2:-200}" "${3:-20}"
