# Sourced by the repository's scripts that take no arguments (or only a fixed few): their usage is their header
# comment from "# Usage:" up to `set -euo pipefail`, and an argument they do not know is an error, not ignored.

# Prints the calling script's usage.
usage() { sed -n '/^# Usage:/,/^set /{/^set /d;s/^# \{0,1\}//;p;}' "$0"; }

# For -h or --help as the first argument: prints the usage and exits 0.
help_if_asked() {
  if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    usage
    exit 0
  fi
}

# Says what is wrong ("<script>: error: <message>"), prints the usage, all on stderr, and exits 2.
usage_error() {
  printf '%s: error: %s\n' "$(basename "$0")" "$1" >&2
  usage >&2
  exit 2
}

# Returns when given nothing; otherwise help if asked, or says which argument is unknown, prints the usage and exits 2.
no_more_arguments() {
  (($# == 0)) && return 0
  help_if_asked "$1"
  usage_error "unknown argument '$1'"
}

# For scripts whose first argument is a path: help if asked, and any other option in its place is unknown.
no_option_first() {
  [[ ${1:-} != -* ]] || no_more_arguments "$1"
}
