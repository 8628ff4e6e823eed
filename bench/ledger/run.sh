#!/usr/bin/env bash
# Ledger benchmark: builds rutile_ledger_bench (Release, its own build directory) and runs it.
# It prints append throughput of LedgerService with 16 writers on SQLite (WAL,
# synchronous=FULL) next to a raw batched sqlite3 insert of the same rows measured in the same
# run (entries/s and the ratio), inclusion-proof latency at 1M entries in memory (p50/p99) and
# from SQLite, checkpoint signing/verification time and whole-log verification rate.
# Figures only; it never fails on a time.
#
# Usage: bench/ledger/run.sh [ENTRIES [PROOF_TREE_LEAVES]]   (defaults 100000 and 1000000)
# Environment: BUILD_DIR (default build/ledger-bench), SKIP_BUILD=1 to use an existing binary,
#              TMPDIR for the SQLite files (use a real disk, not tmpfs, for fsync figures).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${BUILD_DIR:-${root}/build/ledger-bench}"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  cmake -S "${root}" -B "${build}" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "${build}" -j2 --target rutile_ledger_bench >/dev/null
fi

echo "machine: $(nproc) cores, $(uname -sr), TMPDIR=${TMPDIR:-/tmp} on $(df -T "${TMPDIR:-/tmp}" | awk 'NR==2 {print $2}')"
"${build}/bench/ledger/rutile_ledger_bench" "${1:-100000}" "${2:-1000000}"
