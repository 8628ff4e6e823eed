#!/usr/bin/env bash
# Configures the "fuzz" preset (clang 14), builds the libFuzzer targets listed below and runs each
# for a bounded time over a scratch copy of its seed corpus. Exits non-zero when a fuzzer finds a
# crash, leak, timeout or sanitizer report. Usage: tests/fuzz/run-fuzz-smoke.sh [seconds] (default
# 30, per target). RUTILE_FUZZ_BUILD_DIR picks another build directory than the preset's build/fuzz;
# RUTILE_FUZZ_TARGETS picks some of the targets ("desensitizer_fuzz").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-30}"
build="${RUTILE_FUZZ_BUILD_DIR:-${root}/build/fuzz}"

# target:binary path under the build directory:seed corpus under tests/fuzz/corpus:max input bytes
all_targets=(
  "http_request_fuzz:tests/fuzz/http_request_fuzz:http_request:4096"
  "desensitizer_fuzz:src/cases/desensitizer_fuzz:desensitizer:8192"
)
wanted="${RUTILE_FUZZ_TARGETS:-http_request_fuzz desensitizer_fuzz}"

cd "${root}"
cmake --preset fuzz -B "${build}" >/dev/null

status=0
for spec in "${all_targets[@]}"; do
  IFS=: read -r target binary corpus max_len <<<"${spec}"
  case " ${wanted} " in *" ${target} "*) ;; *) continue ;; esac
  cmake --build "${build}" -j2 --target "${target}"

  work="$(mktemp -d)"
  cp "${root}/tests/fuzz/corpus/${corpus}/"* "${work}/"
  echo "run-fuzz-smoke: ${target} for ${seconds}s"
  if "${build}/${binary}" "${work}" -max_total_time="${seconds}" \
      -max_len="${max_len}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="${work}/" 2>"${work}/fuzz.log"; then
    grep -E "^stat::number_of_executed_units|^stat::new_units_added" "${work}/fuzz.log" || true
    echo "run-fuzz-smoke: ${target}: no crash"
  else
    status=$?
    tail -n 60 "${work}/fuzz.log"
    for f in "${work}"/crash-* "${work}"/leak-* "${work}"/timeout-* "${work}"/oom-*; do
      [ -e "$f" ] || continue
      mkdir -p "${build}/artifacts"
      cp "$f" "${build}/artifacts/"
      echo "run-fuzz-smoke: reproducer saved as ${build}/artifacts/$(basename "$f")"
    done
    echo "run-fuzz-smoke: ${target}: FAILED (exit ${status})"
  fi
  rm -rf "${work}"
done
exit "${status}"
