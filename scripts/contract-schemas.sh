#!/usr/bin/env bash
# Writes the JSON Schema of every message identity into its contract project's Schemas/ folder: new identities, and
# versions changed compatibly (only optional fields added). An incompatible change is not written; the architecture
# tests then fail and ask for a new message version. Commit the schemas it writes.
# Usage: scripts/contract-schemas.sh  (no arguments)
set -euo pipefail

# shellcheck source=arguments.sh
source "$(dirname "${BASH_SOURCE[0]}")/arguments.sh"
no_more_arguments "$@"

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
BLOGMODULAR_WRITE_SCHEMAS=1 dotnet test tests/BlogModular.Architecture.Tests --filter "FullyQualifiedName~ContractSchemaTests" >&2
git status --short -- 'src/Modules/*/*.Contracts/Schemas' >&2
