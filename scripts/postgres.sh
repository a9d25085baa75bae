#!/usr/bin/env bash
# PostgreSQL for NinSearch tests and local runs, on loopback only, with no container engine.
#
#   scripts/postgres.sh start   initialise (first time) and start the server, create database "ninsearch",
#                               print the connection string on the last line of stdout; reuses a running server
#   scripts/postgres.sh stop    stop the server (the data directory is kept)
#   scripts/postgres.sh url     print the connection string
#
# Environment: PGDATA_DIR (default /tmp/ninsearch-pg), PG_PORT (default 55432), PG_BIN (directory with initdb and
# pg_ctl; default: the newest /usr/lib/postgresql/*/bin, else the one on PATH).
# Authentication is "trust" for loopback connections: never expose this server beyond 127.0.0.1.
set -euo pipefail

PGDATA_DIR="${PGDATA_DIR:-/tmp/ninsearch-pg}"
PG_PORT="${PG_PORT:-55432}"
PG_HOST=127.0.0.1
PG_DATABASE=ninsearch
PG_SUPERUSER=postgres

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
    if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
    if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
    log "no PostgreSQL binaries found (install postgresql, or set PG_BIN)"; exit 1
}

BIN=$(find_bin)

# initdb and the server refuse to run as root: run them as the "postgres" OS user then.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

url() { echo "Host=$PG_HOST;Port=$PG_PORT;Username=$PG_SUPERUSER;Database=$PG_DATABASE"; }

is_ready() { "$BIN/pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" >/dev/null 2>&1; }

psql_admin() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres "$@"; }

init_cluster() {
    log "initialising $PGDATA_DIR"
    mkdir -p "$PGDATA_DIR"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$PGDATA_DIR"; fi
    chmod 700 "$PGDATA_DIR"
    as_owner "$BIN/initdb" -D "$PGDATA_DIR" -U "$PG_SUPERUSER" --auth=trust --encoding=UTF8 --no-locale >/dev/null
    # Appended settings win over the defaults above them.
    as_owner tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null <<CONF

# NinSearch (scripts/postgres.sh)
listen_addresses = '$PG_HOST'
port = $PG_PORT
unix_socket_directories = '$PGDATA_DIR'
max_connections = 200
# A development server: a commit is acknowledged before its WAL reaches disk. A crash of the machine (not of
# PostgreSQL) may lose the last fraction of a second of commits, never consistency.
synchronous_commit = off
CONF
    as_owner tee "$PGDATA_DIR/pg_hba.conf" >/dev/null <<HBA
local all all trust
host  all all 127.0.0.1/32 trust
HBA
}

close_inherited_fds() {
    local fd
    for fd in $(ls /proc/$BASHPID/fd); do
        if (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
}

start() {
    exec 9>"/tmp/ninsearch-pg-$PG_PORT.lock"
    flock 9   # several test processes may call "start" at once
    if ! is_ready; then
        [[ -s "$PGDATA_DIR/PG_VERSION" ]] || init_cluster
        log "starting on $PG_HOST:$PG_PORT (log: $PGDATA_DIR/server.log)"
        # The server outlives this script: it must not inherit any descriptor, least of all a lock that a caller
        # holds around this command (e.g. `flock LOCK scripts/postgres.sh start`), which it would then hold forever.
        (close_inherited_fds; as_owner "$BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 -o "-p $PG_PORT" start >/dev/null)
    fi
    if [[ -z $(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'") ]]; then
        psql_admin -c "CREATE DATABASE $PG_DATABASE" >/dev/null
    fi
    url
}

stop() {
    if [[ -s "$PGDATA_DIR/postmaster.pid" ]]; then
        as_owner "$BIN/pg_ctl" -D "$PGDATA_DIR" -w -m fast stop >/dev/null
        log "stopped"
    else
        log "not running"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
