#!/usr/bin/env bash
# Installs every Debian 12 package Rutile needs to build, serve and test.
# Idempotent: packages already present are skipped, so a second run is quick.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  clang libclang-rt-14-dev clang-format
  # libraries (see docs/adr/0002-dependencies.md)
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev libre2-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # services and tools started by the tests and benchmarks
  postgresql sqlite3 wrk curl procps python3
  # independent ledger verifier
  golang-go golang-golang-x-mod-dev
  # web front end, offline engine and browser tests
  emscripten chromium chromium-driver
  # fonts so screenshots and the browser tests render Chinese and Arabic text
  fonts-noto-cjk fonts-noto-core
  # documents (PDF manuals, reports, QR labels), spreadsheets and the MQTT broker and client
  libcairo2-dev libpango1.0-dev libqrencode-dev poppler-utils
  libxlsxwriter-dev libminizip-dev
  mosquitto libmosquitto-dev
)
# Node.js and npm: use the ones on the machine when present (some images ship a newer Node with
# its own npm, which conflicts with Debian's npm package); otherwise take Debian's.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
