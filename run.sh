#!/usr/bin/env bash
# Runs BlogModular locally: a private PostgreSQL cluster in .data/postgres plus
# the host on http://localhost:5080. Ctrl-C stops both.
#
# Usage: ./run.sh [host args...]      all-in-one: one host runs both modules (args go to the host)
#        ./run.sh --demo [host args...] all-in-one with demo accounts and posts in every state (Development only)
#        ./run.sh --split               one process per module behind an nginx front door:
#                                       embedded broker, Blogging on :5081, Approvals on :5082,
#                                       the whole web UI and API still on http://localhost:5080
#        ./run.sh --help                this text (the host's own: dotnet run --project src/Host -- --help)
# Env:   PGPORT (default 5433), ASPNETCORE_ENVIRONMENT (default Development)
set -euo pipefail

# shellcheck source=scripts/arguments.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/arguments.sh"
help_if_asked "$@"

cd "$(dirname "${BASH_SOURCE[0]}")"
readonly repo_root="${PWD}"
readonly datadir="${repo_root}/.data/postgres"
readonly pg_port="${PGPORT:-5433}"
readonly database=blogmodular
readonly base_url=http://localhost:5080

split=false
if [[ ${1:-} == --split ]]; then
  split=true
  shift
  # The module processes take their settings from the environment.
  no_more_arguments "$@"
fi

demo=false
if [[ ${split} == false && ${1:-} == --demo ]]; then
  demo=true
  shift
fi

pids=()

# Runs on every exit (normal, error, Ctrl-C, TERM): stop the processes (last started first), then PostgreSQL.
# shellcheck disable=SC2317  # only reached through the trap
cleanup() {
  local rc=$? i pid
  trap - EXIT INT TERM
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid=${pids[i]}
    # Each runs in its own process group (pgid = pid): signalling the group reaches
    # `dotnet run` and the app it spawned, even if `dotnet run` itself already exited.
    kill -TERM -- "-${pid}" 2>/dev/null || true
    wait "${pid}" 2>/dev/null || true
  done
  echo "run.sh: stopping PostgreSQL" >&2
  scripts/postgres.sh stop "${datadir}" || true
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The cluster's superuser: given to `migrate` only, which creates the login roles the host connects as.
admin_connection=$(scripts/postgres.sh start "${datadir}" "${pg_port}" "${database}" | tail -n 1)

# One login role per module (the folders under src/Modules) plus the message store's, with passwords made up once
# per cluster and kept beside it (never committed: .data/ is ignored). migrate sets each role's password from these.
readonly logins_file="${repo_root}/.data/connection-strings.env"
if [[ ! -s ${logins_file} ]]; then
  (
    umask 077
    for name in $(basename -a src/Modules/*/) Messaging; do
      password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
      role="blogmodular_${name,,}"
      printf 'ConnectionStrings__%s="Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s"\n' \
        "${name}" "${pg_port}" "${database}" "${role}" "${password}"
    done >"${logins_file}.tmp"
    mv "${logins_file}.tmp" "${logins_file}"
  )
fi
# A PGPORT other than the one the file was made for: same roles, this port.
sed -i "s/Port=[0-9]*;/Port=${pg_port};/" "${logins_file}"
set -a
# shellcheck disable=SC1090
. "${logins_file}"
set +a
connection_string="Host=127.0.0.1;Port=${pg_port};Database=${database} (module roles: .data/connection-strings.env)"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# The development mail sink: sign-up and password e-mails land here as .eml files (the link is logged too).
export Mail__PickupDirectory="${Mail__PickupDirectory:-${repo_root}/.data/mail}"
# Links in e-mails point at the base URL (in --split mode the front door's, not a module process's own port).
export App__PublicBaseUrl="${App__PublicBaseUrl:-${base_url}}"
# Where the embedded broker (all-in-one mode) writes its address, for tools such as kcat.
export Kafka__BootstrapFile="${repo_root}/.data/kafka-bootstrap"

# Job control gives each process its own group so cleanup can signal all of it;
# stdin from /dev/null because a background group touching the terminal is stopped.
start_bg() {
  set -m
  "$@" </dev/null &
  pids+=($!)
  set +m
}

wait_ready() {
  local url=$1 name=$2
  for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null "${url}" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "run.sh: ${name} did not become ready at ${url}" >&2
  exit 1
}

if [[ ${split} == false ]]; then
  cat <<EOF
BlogModular (${ASPNETCORE_ENVIRONMENT}, all modules in one process)
  Web UI    ${base_url}
  API       ${base_url}/api/posts
  OpenAPI   ${base_url}/openapi/v1.json
  Scalar    ${base_url}/scalar
  Health    ${base_url}/health/ready
  Database  ${connection_string}
Ctrl-C stops the host and PostgreSQL.
EOF
  if [[ ${demo} == true ]]; then
    [[ ${ASPNETCORE_ENVIRONMENT} == Development ]] || { echo "run.sh: --demo is for Development only" >&2; exit 2; }
    # The host creates these (once per database) with posts in every state; see src/Host/Demo/DemoData.cs.
    export Demo__Enabled=true
    # A To Do request is flagged overdue after 30 s instead of a day, so the board shows one soon after the start.
    export Approvals__Review__OverdueAfter="${Approvals__Review__OverdueAfter:-00:00:30}"
    cat <<EOF
Demo accounts (log in at ${base_url}/account/login):
  reviewer  rita@demo.local / Demo-reviewer-1
  author    ada@demo.local  / Demo-author-1
E-mails (decisions on Ada's posts among them) land in .data/mail as .eml files; a To Do card turns overdue after 30 s.
EOF
  fi
  # Roles, schemas and Wolverine's tables first, with the admin connection; the host never gets it.
  ConnectionStrings__Admin="${admin_connection}" dotnet run --project src/Host/BlogModular.Host.csproj -- migrate
  start_bg dotnet run --no-build --project src/Host/BlogModular.Host.csproj --urls "${base_url}" -- "$@"
  host_rc=0
  wait "${pids[0]}" || host_rc=$?
  exit "${host_rc}"
fi

# Split mode: the same built host, started once per role.
dotnet build src/Host/BlogModular.Host.csproj -c Debug -nologo -v quiet
host_dll="${repo_root}/src/Host/bin/Debug/net10.0/BlogModular.Host.dll"
host_dir="$(dirname "${host_dll}")"
bootstrap_file="${repo_root}/.data/kafka-bootstrap"
rm -f "${bootstrap_file}"
start_bg dotnet "${host_dll}" kafka-broker --bootstrap-file "${bootstrap_file}"
for _ in $(seq 1 60); do
  [[ -s ${bootstrap_file} ]] && break
  sleep 0.5
done
[[ -s ${bootstrap_file} ]] || { echo "run.sh: the embedded broker did not start" >&2; exit 1; }
Kafka__BootstrapServers=$(cat "${bootstrap_file}")
# The mock broker holds an empty fetch for the whole wait (real Kafka answers at once), in any environment.
export Kafka__BootstrapServers Kafka__AutoProvision=false Kafka__FetchWaitMaxMs=10

# The host's output folder is its content root (appsettings.json).
start_module() {
  local name=$1 port=$2 blogging=$3 approvals=$4
  # The front door on 127.0.0.1 is the one proxy whose X-Forwarded-For names the client (rate limits per visitor).
  start_bg env -C "${host_dir}" Modules__Blogging__Enabled="${blogging}" Modules__Approvals__Enabled="${approvals}" \
    Proxy__KnownProxies=127.0.0.1 dotnet "${host_dll}" --urls "http://localhost:${port}"
  wait_ready "http://localhost:${port}/health/ready" "${name}"
}
# Roles, schemas, Wolverine's tables and every module's migrations, with the admin connection the hosts never get.
env -C "${host_dir}" ConnectionStrings__Admin="${admin_connection}" dotnet "${host_dll}" migrate
start_module Blogging 5081 true false
start_module Approvals 5082 false true
start_bg scripts/front-door.sh run 127.0.0.1:5080 127.0.0.1:5081 127.0.0.1:5082 "${repo_root}/.data/front-door"
wait_ready "${base_url}/health/live" "front door"

cat <<EOF
BlogModular (${ASPNETCORE_ENVIRONMENT}, split: one process per module)
  Web UI and API (nginx)   ${base_url}   /reviews, /api/approvals → Approvals; the rest → Blogging
  Blogging process         http://localhost:5081   posts and feed (OpenAPI /openapi/v1.json, Scalar /scalar)
  Approvals process        http://localhost:5082   review workflow (OpenAPI /openapi/v1.json, Scalar /scalar)
  Kafka (embedded broker)  ${Kafka__BootstrapServers}
  Database                 ${connection_string}
Ctrl-C stops everything.
EOF
status=0
wait -n "${pids[@]}" || status=$?
echo "run.sh: a process exited (${status}); stopping the rest" >&2
exit 1
