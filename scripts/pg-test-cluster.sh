#!/usr/bin/env bash
# Throw-away PostgreSQL 15 cluster for the storage tests.
#
#   scripts/pg-test-cluster.sh start   # prints the URL (and only the URL) on stdout
#   scripts/pg-test-cluster.sh url     # prints the URL of the running cluster
#   scripts/pg-test-cluster.sh stop    # stops the server and deletes its directory
#
# The cluster lives in a fresh temp directory, listens on a free port on 127.0.0.1 only with
# trust authentication, and has a database "rutile_test". Its state (data directory, port,
# URL) is kept in the directory named by RUTILE_PG_TEST_STATE (default
# ${TMPDIR:-/tmp}/rutile-pg-test-cluster): "url" holds the URL, "datadir" the data directory.
# Give each concurrent user their own RUTILE_PG_TEST_STATE. start and stop are idempotent.
# Example:
#   export RUTILE_TEST_POSTGRES_URL="$(scripts/pg-test-cluster.sh start)"
#   ctest --test-dir build/debug -L storage
#   scripts/pg-test-cluster.sh stop
set -euo pipefail

PG_BIN="${RUTILE_PG_BIN:-/usr/lib/postgresql/15/bin}"
STATE="${RUTILE_PG_TEST_STATE:-${TMPDIR:-/tmp}/rutile-pg-test-cluster}"
DB_NAME="rutile_test"
SUPERUSER="postgres"

die() {
  echo "pg-test-cluster: $*" >&2
  exit 1
}
log() { echo "pg-test-cluster: $*" >&2; }

need_binaries() {
  local b
  for b in initdb pg_ctl pg_isready createdb; do
    [ -x "$PG_BIN/$b" ] ||
      die "missing $PG_BIN/$b; install the Debian package postgresql-15 (scripts/install-deps.sh)"
  done
}

# PostgreSQL refuses to run as root: run server-side commands as the postgres system user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' system user"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_is_free() {
  ! ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

pick_port() {
  local port i
  for i in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if port_is_free "$port"; then
      echo "$port"
      return 0
    fi
  done
  die "no free TCP port found on 127.0.0.1"
}

is_running() {
  [ -f "$STATE/datadir" ] || return 1
  local datadir
  datadir="$(cat "$STATE/datadir")"
  [ -d "$datadir" ] || return 1
  as_owner "$PG_BIN/pg_ctl" -D "$datadir" status >/dev/null 2>&1
}

cmd_url() {
  is_running || die "no cluster running (state: $STATE); run '$0 start'"
  cat "$STATE/url"
}

cmd_start() {
  need_binaries
  if is_running; then
    cat "$STATE/url"
    return 0
  fi
  # Leftovers of a cluster that died: clear them first.
  cmd_stop_quiet

  mkdir -p "$STATE"
  local root datadir sockdir port url attempt
  root="$(mktemp -d "${TMPDIR:-/tmp}/rutile-pg.XXXXXX")"
  chmod 755 "$root"
  datadir="$root/data"
  sockdir="$root/socket"
  mkdir -p "$sockdir"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$root"
  fi
  echo "$datadir" >"$STATE/datadir"
  echo "$root" >"$STATE/root"

  as_owner "$PG_BIN/initdb" -D "$datadir" -U "$SUPERUSER" --locale=C.UTF-8 -E UTF8 \
    --auth=trust >"$root/initdb.log" 2>&1 ||
    { cat "$root/initdb.log" >&2; die "initdb failed"; }
  # Trust only loopback TCP and the private socket directory.
  as_owner sh -c "cat >'$datadir/pg_hba.conf'" <<'HBA'
local all all trust
host  all all 127.0.0.1/32 trust
HBA

  # The port is chosen free but may be taken before the server binds it: retry a few times.
  for attempt in 1 2 3 4 5; do
    port="$(pick_port)"
    if as_owner "$PG_BIN/pg_ctl" -D "$datadir" -l "$root/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$sockdir" \
      start >/dev/null 2>&1; then
      break
    fi
    log "server did not start on port $port (attempt $attempt), retrying"
    port=""
  done
  [ -n "$port" ] || { tail -n 20 "$root/server.log" >&2 || true; die "server did not start"; }

  "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$SUPERUSER" "$DB_NAME" ||
    die "createdb $DB_NAME failed"
  url="postgresql://$SUPERUSER@127.0.0.1:$port/$DB_NAME"
  echo "$port" >"$STATE/port"
  echo "$url" >"$STATE/url"
  echo "$url"
}

cmd_stop_quiet() {
  [ -d "$STATE" ] || return 0
  local datadir root
  datadir="$(cat "$STATE/datadir" 2>/dev/null || true)"
  root="$(cat "$STATE/root" 2>/dev/null || true)"
  if [ -n "$datadir" ] && [ -d "$datadir" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$datadir" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "$root" ] && [ -d "$root" ]; then
    case "$root" in
      */rutile-pg.*) rm -rf -- "$root" ;;
    esac
  fi
  rm -rf -- "$STATE"
}

cmd_stop() {
  cmd_stop_quiet
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
