#!/usr/bin/env bash
# Ensures a PostgreSQL server for the tests and prints its connection string (the only line on stdout).
#   export LAOSHI_TEST_POSTGRES="$(scripts/postgres.sh)"
# Idempotent: with LAOSHI_TEST_POSTGRES already set it only echoes it; a running server is reused.
# The cluster lives in /var/tmp/laoshi-test-pg (LAOSHI_TEST_PG_DIR to change): outside the checkout, because
# the server runs as the postgres user, who may not be able to enter a checkout under /root.
# Stop it with: scripts/postgres.sh stop
set -euo pipefail

if [[ "${1:-}" != "stop" && -n "${LAOSHI_TEST_POSTGRES:-}" ]]; then
  echo "$LAOSHI_TEST_POSTGRES"
  exit 0
fi

root="${LAOSHI_TEST_PG_DIR:-/var/tmp/laoshi-test-pg}"
data="$root/data"
port="${LAOSHI_TEST_PG_PORT:-55432}"
connection="Host=127.0.0.1;Port=$port;Username=laoshi;Password=laoshi;Database=laoshi"
log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local tool="$1" dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [[ -x "$dir/$tool" ]]; then echo "$dir/$tool"; return 0; fi
  done
  command -v "$tool" 2>/dev/null && return 0
  return 1
}

if ! find_bin initdb >/dev/null; then
  log "installing postgresql with apt-get"
  if [[ $(id -u) -ne 0 ]]; then log "need root to install postgresql"; exit 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
initdb="$(find_bin initdb)"
pg_ctl="$(find_bin pg_ctl)"
psql="$(find_bin psql)"

# The server refuses to run as root: run everything as the postgres user (or as ourselves when not root).
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [[ "${1:-}" == "stop" ]]; then
  if [[ -f "$data/postmaster.pid" ]]; then as_owner "$pg_ctl" -D "$data" -m fast stop >&2; fi
  exit 0
fi

mkdir -p "$root"
if [[ $(id -u) -eq 0 ]]; then chown postgres: "$root"; fi

if [[ ! -f "$data/PG_VERSION" ]]; then
  log "creating a cluster in $data"
  as_owner "$initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
fi

if ! as_owner "$pg_ctl" -D "$data" status >/dev/null 2>&1; then
  log "starting the server on 127.0.0.1:$port"
  as_owner "$pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$root -c fsync=off -c max_connections=300" start >&2
fi

sql() { as_owner "$psql" -h "$root" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "$1"; }
if [[ "$(sql "SELECT 1 FROM pg_roles WHERE rolname = 'laoshi'")" != "1" ]]; then
  # CREATEDB: each test class makes (and drops) its own database.
  sql "CREATE ROLE laoshi LOGIN CREATEDB PASSWORD 'laoshi'" >&2
fi
# Lets the tests drop their databases WITH (FORCE) even while autovacuum works in them.
if [[ "$(sql "SELECT pg_has_role('laoshi', 'pg_signal_backend', 'member')")" != "t" ]]; then
  sql "GRANT pg_signal_backend TO laoshi" >/dev/null
fi
if [[ "$(sql "SELECT 1 FROM pg_database WHERE datname = 'laoshi'")" != "1" ]]; then
  sql "CREATE DATABASE laoshi OWNER laoshi" >&2
fi
echo "$connection"
