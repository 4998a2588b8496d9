#!/usr/bin/env bash
# Builds the solution once and runs every test project (CI runs this via .ci/run).
# Test projects start their own throwaway PostgreSQL through scripts/postgres.sh;
# this script only makes sure the server binaries are installed.
# The last line of a run's output is always exactly "N passed, M failed" (read by CI).
#
# Usage: ./test.sh              (no arguments)
# Env:   BLOGMODULAR_TEST_POSTGRES (a connection string) and BLOGMODULAR_TEST_KAFKA (bootstrap servers) run the
#        tests against that server and broker instead of the ones they start (README, "Test").
set -euo pipefail

# shellcheck source=scripts/arguments.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/arguments.sh"
no_more_arguments "$@"

cd "$(dirname "${BASH_SOURCE[0]}")"
readonly results_dir="${PWD}/TestResults"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Lingering MSBuild worker nodes would keep our stdout open after we exit.
export MSBUILDDISABLENODEREUSE=1

passed=0
failed=0

# Prints the closing summary line and exits; nothing may be printed after it.
finish() {
  printf '%s passed, %s failed\n' "${passed}" "${failed}"
  exit "$1"
}

err() { printf 'test.sh: %s\n' "$*" >&2; }

if ! command -v dotnet >/dev/null 2>&1; then
  err "error: 'dotnet' not found on PATH; install the .NET 10 SDK (see global.json)."
  finish 1
fi

# .NET 10's `dotnet new sln` writes .slnx; accept either so the script survives a switch.
solution=BlogModular.sln
if [[ ! -f ${solution} && -f BlogModular.slnx ]]; then
  solution=BlogModular.slnx
fi
if [[ ! -f ${solution} ]]; then
  err "error: ${solution} not found in ${PWD}"
  finish 1
fi

if ! scripts/postgres.sh ensure-installed; then
  err "error: PostgreSQL is not installed and could not be installed"
  finish 1
fi

# The split-deployment tests put nginx in front of the module processes.
if ! scripts/front-door.sh ensure-installed; then
  err "error: nginx is not installed and could not be installed"
  finish 1
fi

# The browser tests drive Debian's Chromium; Playwright's own browser download cannot work here.
ensure_chromium() {
  [[ -x /usr/bin/chromium ]] && return 0
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >&2 &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 chromium >&2
}
if ! ensure_chromium; then
  err "error: chromium is not installed and could not be installed"
  finish 1
fi

# The OpenAPI lint test runs this exact Redocly CLI; npm installs it into a git-ignored folder once.
readonly redocly_version=2.77.0
readonly redocly_dir=.tools/redocly
ensure_redocly() {
  [[ $("${redocly_dir}/node_modules/.bin/redocly" --version 2>/dev/null) == "${redocly_version}" ]] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    err "error: 'npm' not found on PATH; install Node.js and npm (the OpenAPI lint test needs Redocly CLI)."
    return 1
  fi
  npm install --prefix "${redocly_dir}" --save-exact --no-audit --no-fund "@redocly/cli@${redocly_version}" >&2
}
if ! ensure_redocly; then
  err "error: Redocly CLI ${redocly_version} is not installed and could not be installed"
  finish 1
fi

if ! dotnet build "${solution}" -c Release -nodeReuse:false; then
  err "error: build failed"
  finish 1
fi

# Old .trx files would be counted again.
rm -rf -- "${results_dir}"

test_rc=0
dotnet test "${solution}" -c Release --no-build \
  --logger "trx;LogFilePrefix=r" --results-directory "${results_dir}" || test_rc=$?

# Sum <Counters passed=".." failed=".."/> over every .trx (one per test project).
# Newlines are folded first so an element split over lines still matches.
trx_count=0
while IFS= read -r -d '' trx; do
  trx_count=$((trx_count + 1))
  read -r p f < <(tr '\n' ' ' <"${trx}" | grep -o '<Counters [^>]*>' | awk '
    {
      if (match($0, / passed="[0-9]+"/)) p += substr($0, RSTART + 9, RLENGTH - 10)
      if (match($0, / failed="[0-9]+"/)) f += substr($0, RSTART + 9, RLENGTH - 10)
    }
    END { printf "%d %d\n", p, f }')
  passed=$((passed + p))
  failed=$((failed + f))
done < <(find "${results_dir}" -type f -name '*.trx' -print0 2>/dev/null)

rc=0
if ((test_rc != 0)); then
  err "error: dotnet test exited with ${test_rc}"
  rc=1
fi
if ((failed > 0)); then
  err "error: ${failed} test(s) failed"
  rc=1
fi
if ((passed + failed == 0)); then
  err "error: no tests ran (${trx_count} .trx file(s) in ${results_dir})"
  rc=1
fi
finish "${rc}"
