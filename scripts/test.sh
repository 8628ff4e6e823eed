#!/usr/bin/env bash
# Builds and runs every test of Rutile on a Debian 12 machine: installs what is missing, starts a
# throw-away PostgreSQL cluster, builds the release preset (the server the browser tests drive, and
# every benchmark program, built but not run), the web app (unit tests and build) and the
# WebAssembly engine, runs the browser tests against the release server, then builds the asan
# preset (AddressSanitizer + UndefinedBehaviorSanitizer) and runs every CTest suite once, under
# the sanitizers (unit, storage contract on SQLite and PostgreSQL, HTTP end-to-end against the
# real binary, ledger with the independent Go verifier, engine golden scenarios natively and in
# WebAssembly, OpenAPI validation), and a short libFuzzer run. Prints one summary at the end and
# exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

jobs=${RUTILE_JOBS:-$(nproc)}
log_dir="$root/build/test-logs"
mkdir -p "$log_dir"
declare -a stage_names=() stage_results=()
total_passed=0
total_failed=0

stage_began=$SECONDS
declare -a stage_seconds=()
note() {
  printf '\n==== %s ====\n' "$*"
  stage_began=$SECONDS
}

# record NAME STATUS: remembers a stage's outcome.
record() {
  stage_names+=("$1")
  stage_seconds+=("$((SECONDS - stage_began))")
  if [ "$2" -eq 0 ]; then stage_results+=("ok"); else stage_results+=("FAILED"); fi
}

# Adds the counts from a ctest log ("95% tests passed, 2 tests failed out of 40").
count_ctest() {
  local line passed failed total
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$1" | tail -1)
  [ -n "$line" ] || return 0
  failed=$(sed -E 's/.* ([0-9]+) tests? failed out of.*/\1/' <<<"$line")
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
  passed=$((total - failed))
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
}

run_ctest() {  # run_ctest NAME PRESET [ctest args...]
  local name=$1 preset=$2
  shift 2
  note "ctest: $name"
  ctest --preset "$preset" -j "$jobs" --timeout 600 "$@" 2>&1 | tee "$log_dir/$name.log"
  local status=${PIPESTATUS[0]}
  count_ctest "$log_dir/$name.log"
  # A skipped test is a failure here unless tests/allowed_skips.txt names it.
  local skipped
  skipped=$(grep -E "\(Skipped\)$" "$log_dir/$name.log" |
    grep -v -E -f <(grep -v -E '^(#|$)' tests/allowed_skips.txt) || true)
  if [ -n "$skipped" ]; then
    echo "tests skipped (not in tests/allowed_skips.txt):"
    echo "$skipped"
    status=1
  fi
  record "$name" "$status"
}

note "dependencies"
bash scripts/install-deps.sh || { echo "installing dependencies failed"; exit 1; }

note "PostgreSQL test cluster"
export RUTILE_PG_TEST_STATE="$root/build/pg-test-cluster"
if url=$(bash scripts/pg-test-cluster.sh start); then
  export RUTILE_TEST_POSTGRES_URL="$url"
  echo "PostgreSQL at $url"
  trap 'bash scripts/pg-test-cluster.sh stop >/dev/null 2>&1' EXIT
  record "postgres-cluster" 0
else
  record "postgres-cluster" 1
fi

note "npm packages for the test tools"
(cd tests/openapi && npm ci --no-audit --no-fund)
record "openapi-validator-install" $?

# The tests themselves are built and run once, in the asan build below; the release build makes
# the server for the browser tests and the benchmark programs.
note "release build (server and benchmarks)"
cmake --preset release >"$log_dir/configure-release.log" 2>&1 &&
  cmake --build --preset release -j "$jobs" --target rutile benchmarks 2>&1 | tail -n 30
release_status=${PIPESTATUS[0]}
[ -x build/release/rutile ] || release_status=1
record "release-build" "$release_status"

if [ -x scripts/build-wasm.sh ] || [ -f scripts/build-wasm.sh ]; then
  note "WebAssembly engine"
  bash scripts/build-wasm.sh
  record "wasm-build" $?
fi

if [ -f web/package.json ]; then
  note "web app: install, unit tests, build"
  (cd web && npm ci --no-audit --no-fund && npm test && npm run build)
  record "web" $?
fi

note "style: clang-format and Prettier"
bash scripts/check-style.sh
record "style" $?

if [ -f tests/e2e/run.sh ] && [ "$release_status" -eq 0 ]; then
  note "browser end-to-end tests"
  bash tests/e2e/run.sh "$root/build/release/rutile" 2>&1 | tee "$log_dir/e2e.log"
  record "e2e" "${PIPESTATUS[0]}"
fi

note "asan build (AddressSanitizer + UndefinedBehaviorSanitizer)"
cmake --preset asan >"$log_dir/configure-asan.log" 2>&1 &&
  cmake --build --preset asan -j "$jobs" 2>&1 | tail -n 30
asan_status=${PIPESTATUS[0]}
record "asan-build" "$asan_status"
if [ "$asan_status" -eq 0 ]; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    run_ctest asan asan
fi

if [ -f tests/fuzz/run-fuzz-smoke.sh ]; then
  note "fuzz smoke"
  bash tests/fuzz/run-fuzz-smoke.sh
  record "fuzz-smoke" $?
fi

# What failed, next to the summary, so a long log still shows why.
failure_lines() {  # failure_lines: the failing tests and their first error lines, from the logs
  local ctest_log
  for ctest_log in "$log_dir/asan.log"; do
    [ -f "$ctest_log" ] && sed -n '/The following tests FAILED/,$p' "$ctest_log" | head -n 20
  done
  if [ -f "$log_dir/e2e.log" ]; then
    awk '/^ *not ok|e2e step failed|  page: |^ *expected:|^ *actual:/ { print; next }
         /^ *error:/ { print; more = 2; next }
         more > 0 { print; more-- }' "$log_dir/e2e.log" | head -n 60
  fi
}
if [ "$total_failed" -ne 0 ] || printf '%s\n' "${stage_results[@]}" | grep -q FAILED; then
  note "failures"
  failure_lines
fi

note "summary"
failed_stages=0
for i in "${!stage_names[@]}"; do
  printf '  %-26s %-7s %4d s\n' "${stage_names[$i]}" "${stage_results[$i]}" "${stage_seconds[$i]}"
  [ "${stage_results[$i]}" = "ok" ] || failed_stages=$((failed_stages + 1))
done
echo
status=0
if [ "$failed_stages" -ne 0 ] || [ "$total_failed" -ne 0 ]; then
  echo "FAILED: $failed_stages stage(s) failed"
  status=1
else
  echo "all stages passed"
fi
echo "ctest: $total_passed passed, $total_failed failed"
echo "took $((SECONDS / 60)) min $((SECONDS % 60)) s"
exit "$status"
