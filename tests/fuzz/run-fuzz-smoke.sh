#!/usr/bin/env bash
# Configures the "fuzz" preset (clang 14), builds only the HTTP request fuzzer and runs it for a
# bounded time over a scratch copy of the seed corpus. Exits non-zero when the fuzzer finds a
# crash, leak or sanitizer report. Usage: tests/fuzz/run-fuzz-smoke.sh [seconds] (default 30).
# RUTILE_FUZZ_BUILD_DIR picks another build directory than the preset's build/fuzz.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-30}"
build="${RUTILE_FUZZ_BUILD_DIR:-${root}/build/fuzz}"

cd "${root}"
cmake --preset fuzz -B "${build}" >/dev/null
cmake --build "${build}" -j2 --target http_request_fuzz

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
cp "${root}/tests/fuzz/corpus/http_request/"* "${work}/"

echo "run-fuzz-smoke: http_request_fuzz for ${seconds}s"
if "${build}/tests/fuzz/http_request_fuzz" "${work}" -max_total_time="${seconds}" \
    -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="${work}/" 2>"${work}/fuzz.log"; then
  grep -E "^stat::number_of_executed_units|^stat::new_units_added" "${work}/fuzz.log" || true
  echo "run-fuzz-smoke: no crash"
else
  status=$?
  tail -n 60 "${work}/fuzz.log"
  for f in "${work}"/crash-* "${work}"/leak-* "${work}"/timeout-* "${work}"/oom-*; do
    [ -e "$f" ] || continue
    mkdir -p "${build}/artifacts"
    cp "$f" "${build}/artifacts/"
    echo "run-fuzz-smoke: reproducer saved as ${build}/artifacts/$(basename "$f")"
  done
  echo "run-fuzz-smoke: FAILED (exit ${status})"
  exit "${status}"
fi
