#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and local trials: initdb + pg_ctl in a temporary
# directory, listening only on a Unix socket in that directory (no TCP), trust authentication
# for local connections, no fsync unless PG_FSYNC=on (the data is thrown away; a daemon killed
# with -9 still loses nothing it acknowledged, because the server survives it; benchmarks set
# PG_FSYNC=on so that a commit costs what it costs in production).
#
#   scripts/postgres.sh start [DIR]   # prints the cluster's URL: postgres://USER@/postgres?host=DIR
#   scripts/postgres.sh stop DIR      # stops the cluster and removes DIR
#
# initdb refuses to run as root: as root the cluster runs as the `postgres` user (runuser),
# and DIR is made accessible to it. PostgreSQL comes from Debian's `postgresql` package
# (scripts/setup.sh installs it); the newest /usr/lib/postgresql/*/bin is used.
set -euo pipefail

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return; }
  echo "postgres.sh: initdb not found; install Debian's postgresql package (scripts/setup.sh does)" >&2
  exit 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    BIN=$(bindir)
    DIR=${2:-$(mktemp -d /tmp/spg-XXXXXX)}
    mkdir -p "$DIR"
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "postgres.sh: no 'postgres' user to run the cluster as (install postgresql)" >&2; exit 1; }
      chown postgres: "$DIR"; chmod 0755 "$DIR"
      SUPERUSER=postgres
    else
      SUPERUSER=$(id -un)
    fi
    as_owner "$BIN/initdb" -D "$DIR/data" -U "$SUPERUSER" --auth=trust --no-sync -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$DIR' -c fsync=${PG_FSYNC:-off} -c full_page_writes=${PG_FSYNC:-off} -c max_connections=300" \
      start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
    echo "postgres://$SUPERUSER@/postgres?host=$DIR"
    ;;
  stop)
    BIN=$(bindir)
    DIR=${2:?usage: postgres.sh stop DIR}
    if [ -f "$DIR/data/postmaster.pid" ]; then
      as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    case "$DIR" in /tmp/spg-*) rm -rf "$DIR" ;; *) echo "postgres.sh: left $DIR in place (not a /tmp/spg-* directory)" >&2 ;; esac
    ;;
  *)
    echo "usage: scripts/postgres.sh start [DIR] | stop DIR" >&2; exit 2 ;;
esac
