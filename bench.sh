#!/usr/bin/env bash
# Benchmarks BlogModular: starts a private PostgreSQL and the stand-alone embedded Kafka-protocol
# broker, runs the host as a separate process and measures P1–P10 with wrk, pgbench and the C# driver
# (bench/BlogModular.Bench); P8 runs the bare pattern (bench/BlogModular.Bench.Bare) beside it.
# Writes bench/results/latest.md and latest.json. Not part of ./test.sh.
#
# Usage: ./bench.sh             (no arguments)
# Env (all optional):
#   BENCH_REPS (3)             repetitions per figure; each figure is the median with min–max
#   BENCH_DURATION (10)        seconds per wrk / pgbench run
#   BENCH_CONCURRENCY (16)     HTTP connections (wrk) = pgbench clients
#   BENCH_LATENCY_SAMPLES (100) sequential creates per P3 repetition
#   BENCH_FEED_POSTS (1000000) posts seeded for P6
#   BENCH_SUSTAIN_SECONDS (60) P7 sustained load; the goal's figure is 600 (10 minutes)
#   BENCH_IDLE_SECONDS (20)    P9: seconds per repetition of a host at rest (after 30 s to settle)
#   BENCH_ONLY (all)           e.g. P1,P3: run only these measures (P1, P2 and P4 run together); an unknown one is an error
#   BENCH_LABEL                a label written into the results
#   BENCH_PROFILE (0)          1: also trace (dotnet-trace, installed into the run's folder) one more cold start (P5),
#                              each P9 host at rest and one more P8 load run of each app, none of them measured; the
#                              traces and the frames that ran most land in the results
# A default run takes about 20 minutes on 2 cores.
set -euo pipefail

# shellcheck source=scripts/arguments.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/arguments.sh"
no_more_arguments "$@"

cd "$(dirname "${BASH_SOURCE[0]}")"
readonly repo_root="${PWD}"
readonly results_dir="${repo_root}/bench/results"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1

log() { printf 'bench.sh: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# wrk comes from Debian, like PostgreSQL in scripts/postgres.sh.
ensure_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  log "wrk not found; installing Debian's wrk package"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install the 'wrk' package first"
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 wrk >&2
}

# pgbench ships with Debian's PostgreSQL client next to initdb; prefer the highest version there.
find_pgbench() {
  local found
  found=$(ls -1 /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z $found ]]; then
    found=$(command -v pgbench || true)
  fi
  [[ -n $found ]] || die "pgbench not found (it comes with the postgresql package)"
  printf '%s\n' "$found"
}

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

random_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if port_is_free "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  die "no free port found"
}

[[ ${BENCH_PROFILE:-0} =~ ^[01]$ ]] || die "BENCH_PROFILE must be 0 or 1, not '${BENCH_PROFILE}'"
command -v dotnet >/dev/null 2>&1 || die "'dotnet' not found on PATH; install the .NET 10 SDK (see global.json)"
ensure_wrk
scripts/postgres.sh ensure-installed
pgbench=$(find_pgbench)

work=$(mktemp -d /tmp/blogmodular-bench.XXXXXX)
broker_pid=""
# shellcheck disable=SC2317  # only reached through the trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $broker_pid ]]; then
    kill -TERM "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
  fi
  scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf -- "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "building the driver and the bare pattern, then publishing the host as deployed (scripts/publish.sh: Release, ReadyToRun)"
# Into the run's own folder: a concurrent build in this tree must not overwrite the binaries while they run.
dotnet build bench/BlogModular.Bench/BlogModular.Bench.csproj -c Release -nodeReuse:false -v q -clp:ErrorsOnly >&2
cp -r bench/BlogModular.Bench/bin/Release/net10.0 "$work/driver"
# A bad BENCH_* value fails here, before minutes of publishing (the addresses are filled in later).
BENCH_PG=unset BENCH_KAFKA=unset BENCH_HOST_DLL=unset dotnet "$work/driver/BlogModular.Bench.dll" check
dotnet build bench/BlogModular.Bench.Bare/BlogModular.Bench.Bare.csproj -c Release -nodeReuse:false -v q -clp:ErrorsOnly >&2
cp -r bench/BlogModular.Bench.Bare/bin/Release/net10.0 "$work/bare"
scripts/publish.sh "$work/host" -v q -clp:ErrorsOnly >&2
# The stand-alone embedded broker is a development tool, which the deployed host leaves out.
scripts/publish.sh "$work/broker" -p:DevTools=true -p:PublishReadyToRun=false -v q -clp:ErrorsOnly >&2

trace_tool=""
if [[ ${BENCH_PROFILE:-0} == 1 ]]; then
  log "installing dotnet-trace into the run's folder (BENCH_PROFILE=1)"
  dotnet tool install dotnet-trace --tool-path "$work/tools" >&2
  trace_tool="$work/tools/dotnet-trace"
fi

mkdir -p "$results_dir"
rm -f -- "$results_dir"/*.log "$results_dir"/*.lua "$results_dir"/*.sql "$results_dir"/*.nettrace "$results_dir"/*.speedscope.json
pg_port=$(random_port)
log "starting PostgreSQL on port $pg_port (durable settings: fsync and synchronous_commit on)"
connection_string=$(scripts/postgres.sh start "$work/pg" "$pg_port" blogmodular_bench | tail -n 1)
# The feed measure seeds a million rows; the defaults checkpoint too often for that.
"$(dirname "$pgbench")/psql" -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
  -c "ALTER SYSTEM SET max_wal_size = '4GB'" -c "SELECT pg_reload_conf()" >/dev/null

log "starting the stand-alone embedded Kafka-protocol broker"
(cd "$work/broker" && exec dotnet BlogModular.Host.dll kafka-broker --bootstrap-file "$work/kafka-bootstrap") \
  >"$results_dir/broker.log" 2>&1 </dev/null &
broker_pid=$!
for _ in $(seq 1 100); do
  [[ -s $work/kafka-bootstrap ]] && break
  kill -0 "$broker_pid" 2>/dev/null || die "the broker exited; see $results_dir/broker.log"
  sleep 0.2
done
[[ -s $work/kafka-bootstrap ]] || die "the broker did not write its address"

BENCH_PG="$connection_string" \
  BENCH_KAFKA="$(cat "$work/kafka-bootstrap")" \
  BENCH_HOST_DLL="$work/host/BlogModular.Host.dll" \
  BENCH_BARE_DLL="$work/bare/BlogModular.Bench.Bare.dll" \
  BENCH_BROKER_PID="$broker_pid" \
  BENCH_WRK="$(command -v wrk)" \
  BENCH_PGBENCH="$pgbench" \
  BENCH_OUT="$results_dir" \
  BENCH_DOTNET_TRACE="$trace_tool" \
  dotnet "$work/driver/BlogModular.Bench.dll" run

log "results: $results_dir/latest.md and latest.json (host logs beside them)"
