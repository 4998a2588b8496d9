#!/usr/bin/env bash
# Private PostgreSQL clusters for development and tests: one cluster per data
# directory, started with pg_ctl, so no system service (systemd, Docker) is needed.
#
# Usage:
#   scripts/postgres.sh ensure-installed
#   scripts/postgres.sh start <datadir> <port> <dbname>   # PG_FAST=1: durability off (tests)
#   scripts/postgres.sh stop <datadir>
#   scripts/postgres.sh createdb <port> <dbname> [host] [user]
#
# `start` prints the connection string as the last line of stdout; everything
# else goes to stderr so callers can take it with `| tail -n 1`.
# Works as root (server commands then run as the data dir's owner, by default
# the `postgres` system user, since PostgreSQL refuses to run as root) and as a
# normal user.
set -euo pipefail

readonly CONF_FILE=blogmodular.conf

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

usage() {
  sed -n '5,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Prints the directory holding initdb/pg_ctl, or fails. pg_config comes first
# (it names the installed server); Debian keeps one bin dir per major version
# off PATH, so otherwise take the highest version there.
find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if [[ -n $dir && -x $dir/initdb ]]; then
      printf '%s\n' "$dir"
      return 0
    fi
  fi
  local candidates=()
  for dir in /usr/lib/postgresql/*/bin; do
    if [[ -x $dir/initdb ]]; then
      candidates+=("$dir")
    fi
  done
  if ((${#candidates[@]} == 0)); then
    return 1
  fi
  printf '%s\n' "${candidates[@]}" | sort -V | tail -n 1
}

# Sets BINDIR, installing Debian's postgresql package when no server is found
# (a fresh machine has none; the project must install what it needs).
ensure_installed() {
  if BINDIR=$(find_bindir); then
    return 0
  fi
  log "PostgreSQL server binaries not found; installing Debian's postgresql package"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install the 'postgresql' package first"
    sudo=(sudo)
  fi
  # Output goes to stderr: stdout of `start` is reserved for the connection string.
  # The lock timeout lets parallel callers wait for each other instead of failing.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -o DPkg::Lock::Timeout=300 postgresql >&2
  BINDIR=$(find_bindir) || die "postgresql installed but no initdb found"
}

# Picks PG_USER, the account that runs server commands. As root that is the
# data dir's owner when it is not root (someone ran it unprivileged before),
# else `postgres`.
select_pg_user() {
  local datadir=$1 owner
  PG_USER=$(id -un)
  if ((EUID != 0)); then
    return 0
  fi
  PG_USER=postgres
  if [[ -e $datadir ]]; then
    owner=$(stat -c %U -- "$datadir")
    if [[ $owner != root && $owner != UNKNOWN ]]; then
      PG_USER=$owner
    fi
  fi
  if ! id -u "$PG_USER" >/dev/null 2>&1; then
    # The Debian package creates this user; a hand-built install may not have.
    log "creating system user $PG_USER"
    useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql \
      --shell /bin/bash "$PG_USER"
  fi
}

# Runs a command as PG_USER. cd / first: the caller's cwd (e.g. /root) may be
# unreadable for that user, which makes initdb/pg_ctl complain. The lock fd is
# closed for the child: otherwise the postmaster inherits it and holds the
# data dir lock for its whole life, hanging the next start/stop.
as_pg() {
  local -a cmd=("$@")
  if ((EUID == 0)); then
    cmd=(runuser -u "$PG_USER" -- "$@")
  fi
  if [[ -n ${LOCK_FD:-} ]]; then
    (cd / && "${cmd[@]}" {LOCK_FD}>&-)
  else
    (cd / && "${cmd[@]}")
  fi
}

# As root, PG_USER must be able to traverse every ancestor of the data dir
# (e.g. a mktemp dir is 0700 root). Grant only the search bit, top-down, and
# only where it is missing.
ensure_traversable() {
  ((EUID == 0)) || return 0
  local target=$1 path="" part
  local -a parts
  IFS=/ read -r -a parts <<<"${target#/}"
  for part in "${parts[@]}"; do
    path+="/$part"
    if ! runuser -u "$PG_USER" -- test -x "$path"; then
      log "note: chmod o+x $path so $PG_USER can reach the data dir"
      chmod o+x -- "$path"
      runuser -u "$PG_USER" -- test -x "$path" ||
        die "$PG_USER still cannot traverse $path; fix its permissions"
    fi
  done
}

is_running() {
  as_pg "$BINDIR/pg_ctl" status -D "$1" >/dev/null 2>&1
}

# Serialises start/stop on one data dir (parallel test processes, run.sh twice).
lock_datadir() {
  local datadir=$1
  exec {LOCK_FD}>"$(dirname "$datadir")/.$(basename "$datadir").lock"
  flock "$LOCK_FD"
}

check_port() {
  if [[ ! $1 =~ ^[0-9]+$ ]] || ((10#$1 < 1 || 10#$1 > 65535)); then
    die "invalid port: $1"
  fi
}

# Names end up in a connection string and in SQL; keep them plain.
check_dbname() {
  [[ $1 =~ ^[A-Za-z0-9_-]{1,63}$ ]] || die "invalid database name: $1 (use [A-Za-z0-9_-], max 63)"
}

# Socket dir: a short path beside the data dir, or /tmp when that path would
# overflow the ~107-byte unix socket limit (socket name is /.s.PGSQL.<port>).
socket_dir_for() {
  local parent=$1 dir
  dir="$parent/run"
  if ((${#dir} + 16 > 100)); then
    dir=/tmp
  fi
  printf '%s\n' "$dir"
}

# Settings are rewritten on every start (port may change); postgresql.conf only
# includes this file, so initdb's defaults stay untouched.
write_conf() {
  local datadir=$1 port=$2 sockdir=$3 conf
  conf="$datadir/$CONF_FILE"
  {
    echo "# Written by scripts/postgres.sh on every start; edits are lost."
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = '${sockdir//\'/\'\'}'"
    echo "max_connections = 200"
    if [[ ${PG_FAST:-0} == 1 ]]; then
      # Throwaway test clusters: crash safety is worthless, speed is not.
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
    # Statement statistics: tests count the queries a live page makes, the benchmark lists what ran per post and at
    # rest, and a developer can ask what ran. Skipped where contrib is not installed.
    if [[ -e $BINDIR/../lib/pg_stat_statements.so ]]; then
      echo "shared_preload_libraries = 'pg_stat_statements'"
    fi
  } >"$conf"
  if ((EUID == 0)); then
    chown "$PG_USER": "$conf"
  fi
  if ! grep -q "^include_if_exists = '$CONF_FILE'" "$datadir/postgresql.conf"; then
    printf "\ninclude_if_exists = '%s'\n" "$CONF_FILE" >>"$datadir/postgresql.conf"
  fi
}

cmd_ensure_installed() {
  (($# == 0)) || usage
  ensure_installed
  log "server binaries: $BINDIR"
}

cmd_start() {
  (($# == 3)) || usage
  local datadir port=$2 db=$3
  check_port "$port"
  check_dbname "$db"
  datadir=$(realpath -m -- "$1")
  ensure_installed

  local parent sockdir logfile
  parent=$(dirname "$datadir")
  logfile="$parent/$(basename "$datadir").log"
  mkdir -p -- "$parent"
  lock_datadir "$datadir"
  select_pg_user "$datadir"

  if [[ ! -e $datadir ]]; then
    mkdir -p -- "$datadir"
    chmod 700 -- "$datadir"
  fi
  local owner
  owner=$(stat -c %U -- "$datadir")
  if ((EUID == 0)) && [[ $owner == root ]]; then
    chown -R "$PG_USER": -- "$datadir"
  fi
  ensure_traversable "$datadir"

  if is_running "$datadir"; then
    local running_port
    running_port=$(sed -n 4p "$datadir/postmaster.pid" 2>/dev/null || true)
    if [[ $running_port != "$port" ]]; then
      die "a server on $datadir already runs on port ${running_port:-?}, not $port; stop it first"
    fi
    log "already running on $datadir (port $port)"
  else
    if [[ ! -f $datadir/PG_VERSION ]]; then
      local initdb_args=(-D "$datadir" -U postgres -E UTF8 --locale=C
        --auth-local=trust --auth-host=trust)
      if [[ ${PG_FAST:-0} == 1 ]]; then
        initdb_args+=(--no-sync)
      fi
      log "initdb $datadir"
      as_pg "$BINDIR/initdb" "${initdb_args[@]}" >&2
    fi
    sockdir=$(socket_dir_for "$parent")
    if [[ $sockdir != /tmp ]]; then
      mkdir -p -- "$sockdir"
      if ((EUID == 0)); then
        chown "$PG_USER": -- "$sockdir"
      fi
    fi
    write_conf "$datadir" "$port" "$sockdir"
    # pg_ctl opens the log as PG_USER; the parent dir may not be writable for it.
    if ((EUID == 0)); then
      touch -- "$logfile"
      chown "$PG_USER": -- "$logfile"
    fi
    log "starting on 127.0.0.1:$port (log: $logfile)"
    if ! as_pg "$BINDIR/pg_ctl" start -D "$datadir" -l "$logfile" -w -t 60 >&2; then
      log "pg_ctl start failed; last lines of $logfile:"
      tail -n 20 -- "$logfile" >&2 || true
      exit 1
    fi
  fi

  create_db "$port" "$db" 127.0.0.1 postgres
  printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=postgres\n' "$port" "$db"
}

cmd_stop() {
  (($# == 1)) || usage
  local datadir
  datadir=$(realpath -m -- "$1")
  if [[ ! -f $datadir/PG_VERSION ]]; then
    log "no cluster in $datadir; nothing to stop"
    return 0
  fi
  # No binaries means nothing can be running; don't install just to stop.
  BINDIR=$(find_bindir) || return 0
  lock_datadir "$datadir"
  select_pg_user "$datadir"
  if is_running "$datadir"; then
    as_pg "$BINDIR/pg_ctl" stop -D "$datadir" -m fast -w -t 60 >&2
  else
    log "not running: $datadir"
  fi
}

# CREATE DATABASE has no IF NOT EXISTS; \gexec runs it only when missing.
create_db() {
  local port=$1 db=$2 host=$3 user=$4 psql=psql
  if [[ -n ${BINDIR:-} && -x $BINDIR/psql ]] || BINDIR=$(find_bindir); then
    psql="$BINDIR/psql"
  fi
  local -a conn=("$psql" -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$user" -d postgres)
  if ! "${conn[@]}" -v db="$db" >&2 <<'SQL'; then
SELECT format('CREATE DATABASE %I', :'db')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
    # A parallel caller may have created it between the check and the CREATE.
    local found
    found=$("${conn[@]}" -At -v db="$db" <<<"SELECT 1 FROM pg_database WHERE datname = :'db'" || true)
    [[ $found == 1 ]] || die "could not create database $db on $host:$port"
  fi
}

cmd_createdb() {
  (($# >= 2 && $# <= 4)) || usage
  check_port "$1"
  check_dbname "$2"
  create_db "$1" "$2" "${3:-127.0.0.1}" "${4:-postgres}"
}

main() {
  (($# >= 1)) || usage
  local sub=$1
  shift
  case $sub in
  ensure-installed) cmd_ensure_installed "$@" ;;
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  createdb) cmd_createdb "$@" ;;
  -h | --help | help) usage ;;
  *)
    log "unknown command: $sub"
    usage
    ;;
  esac
}

main "$@"
