#!/usr/bin/env bash
# Runs nginx in the foreground as the front door of a split deployment:
# one base URL, routed by path prefix to the Blogging and Approvals processes.
#
# Usage: scripts/front-door.sh ensure-installed
#        scripts/front-door.sh run <listen> <blogging host:port> <approvals host:port> <state dir>
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

ensure_installed() {
  if command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]]; then
    return 0
  fi
  echo "front-door.sh: nginx not found; installing Debian's nginx package" >&2
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 nginx >&2
}

run() {
  local listen=$1 blogging=$2 approvals=$3 state=$4
  ensure_installed
  mkdir -p "${state}"
  state="$(cd "${state}" && pwd)"
  # Only our variables are substituted; nginx's own ($host, $scheme...) stay as they are.
  sed -e "s|\${FRONT_DOOR_LISTEN}|${listen}|g" \
      -e "s|\${BLOGGING_UPSTREAM}|${blogging}|g" \
      -e "s|\${APPROVALS_UPSTREAM}|${approvals}|g" \
      -e "s|\${FRONT_DOOR_STATE}|${state}|g" \
      "${repo_root}/deploy/nginx/nginx.conf.template" >"${state}/nginx.conf"
  PATH="${PATH}:/usr/sbin"
  exec nginx -p "${state}" -c "${state}/nginx.conf" -g 'daemon off;'
}

case "${1:-}" in
  ensure-installed) ensure_installed ;;
  run)
    shift
    (($# == 4)) || { sed -n '5,6p' "$0" >&2; exit 2; }
    run "$@"
    ;;
  *)
    sed -n '5,6p' "$0" >&2
    exit 2
    ;;
esac
