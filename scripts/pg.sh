#!/usr/bin/env bash
# A private PostgreSQL server for tests and local production trials, on 127.0.0.1.
#   scripts/pg.sh start   install Debian's postgresql if missing, initdb under var/pg, start it
#   scripts/pg.sh stop    stop it (leaves the data folder)
#   scripts/pg.sh url     print the database URL to put in LOA_DATABASE_URL
# The server runs as the `postgres` system user when called as root (initdb refuses root).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
port=${LOA_PG_PORT:-54329}
root=${LOA_PG_DIR:-$here/var/pg}
data=$root/data
db=${LOA_PG_DB:-loa}
# Tests may trade crash safety for speed (LOA_PG_FAST=1); a real server never does.
durability=""
if [ "${LOA_PG_FAST:-0}" = 1 ]; then durability="-c fsync=off -c full_page_writes=off -c synchronous_commit=off"; fi

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$dir" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "pg.sh: PostgreSQL is not installed and I am not root: run 'apt-get install postgresql' first." >&2
      exit 1
    fi
    echo "pg.sh: installing Debian's postgresql package…" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$dir"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    bin=$(pg_bin)
    mkdir -p "$root"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$root"; fi
    if [ ! -f "$data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$data" -U loa --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      echo "pg.sh: already running on 127.0.0.1:$port"
    else
      as_owner "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $root $durability" start >/dev/null
      echo "pg.sh: started on 127.0.0.1:$port"
    fi
    if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U loa -d postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
      "$bin/createdb" -h 127.0.0.1 -p "$port" -U loa "$db"
    fi
    ;;
  stop)
    bin=$(pg_bin)
    if [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
      echo "pg.sh: stopped"
    fi
    ;;
  url)
    echo "postgres://loa@127.0.0.1:$port/$db"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
