# Sourced by the repository's scripts that take no arguments (or only a fixed few): their usage is their header
# comment from "# Usage:" up to `set -euo pipefail`, and an argument they do not know is an error, not ignored.

# Prints the calling script's usage.
usage() { sed -n '/^# Usage:/,/^set /{/^set /d;s/^# \{0,1\}//;p;}' "$0"; }

# Returns when given nothing; for -h or --help prints the usage and exits 0; for anything else says which argument
# is unknown, prints the usage and exits 2.
no_more_arguments() {
  (($# == 0)) && return 0
  if [[ $1 == -h || $1 == --help ]]; then
    usage
    exit 0
  fi
  printf "%s: error: unknown argument '%s'\n" "$(basename "$0")" "$1" >&2
  usage >&2
  exit 2
}
