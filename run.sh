#!/usr/bin/env bash
# Runs BlogModular locally: a private PostgreSQL cluster in .data/postgres plus
# the host on http://localhost:5080. Ctrl-C stops both.
#
# Usage: ./run.sh [host args...]      (all args go to the host, after `--`)
# Env:   PGPORT (default 5433), ASPNETCORE_ENVIRONMENT (default Development)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
readonly repo_root="${PWD}"
readonly datadir="${repo_root}/.data/postgres"
readonly pg_port="${PGPORT:-5433}"
readonly database=blogmodular
readonly base_url=http://localhost:5080

# ---------------------------------------------------------------------------
# FUTURE: --split mode (modules as separate processes) goes here. Until then
# the flag is refused so it is not silently passed to the host.
if [[ ${1:-} == --split ]]; then
  echo "run.sh: --split is not implemented yet" >&2
  exit 2
fi
# ---------------------------------------------------------------------------

host_pid=""

# Runs on every exit (normal, error, Ctrl-C, TERM): stop the host, then PostgreSQL.
# shellcheck disable=SC2317  # only reached through the trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n ${host_pid} ]] && kill -0 "${host_pid}" 2>/dev/null; then
    echo "run.sh: stopping host" >&2
    # The host runs in its own process group: this reaches `dotnet run` and the app it spawned.
    kill -TERM -- "-${host_pid}" 2>/dev/null || true
    wait "${host_pid}" 2>/dev/null || true
  fi
  echo "run.sh: stopping PostgreSQL" >&2
  scripts/postgres.sh stop "${datadir}" || true
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

connection_string=$(scripts/postgres.sh start "${datadir}" "${pg_port}" "${database}" | tail -n 1)
export ConnectionStrings__BlogModular="${connection_string}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

cat <<EOF
BlogModular (${ASPNETCORE_ENVIRONMENT})
  API       ${base_url}
  OpenAPI   ${base_url}/openapi/v1.json
  Scalar    ${base_url}/scalar
  Health    ${base_url}/health/ready
  Database  ${connection_string}
Ctrl-C stops the host and PostgreSQL.
EOF

# Job control gives the host its own process group so cleanup can signal all of
# it; stdin from /dev/null because a background group touching the terminal is stopped.
set -m
dotnet run --project src/Host/BlogModular.Host.csproj --urls "${base_url}" -- "$@" </dev/null &
host_pid=$!
set +m

host_rc=0
wait "${host_pid}" || host_rc=$?
host_pid=""
exit "${host_rc}"
