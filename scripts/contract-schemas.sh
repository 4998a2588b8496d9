#!/usr/bin/env bash
# Writes the JSON Schema of every message identity into its contract project's Schemas/ folder: new identities, and
# versions changed compatibly (only optional fields added). An incompatible change is not written; the architecture
# tests then fail and ask for a new message version. Commit the schemas it writes.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ $# -gt 0 ]]; then
  echo "usage: scripts/contract-schemas.sh (no options)" >&2
  exit 2
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
BLOGMODULAR_WRITE_SCHEMAS=1 dotnet test tests/BlogModular.Architecture.Tests --filter "FullyQualifiedName~ContractSchemaTests" >&2
git status --short -- 'src/Modules/*/*.Contracts/Schemas' >&2
