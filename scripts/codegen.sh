#!/usr/bin/env bash
# Regenerates Wolverine's handler and HTTP endpoint code into src/Host/Internal/Generated.
# The host loads that code at startup (TypeLoadMode.Static, ADR 0008); run this after adding or changing
# a handler, an endpoint or a middleware policy, then build and commit the files.
# The Deployment test GeneratedCodeTests fails while the checked-in code differs from what this writes.
# Usage: scripts/codegen.sh     (no arguments)
set -euo pipefail

# shellcheck source=arguments.sh
source "$(dirname "${BASH_SOURCE[0]}")/arguments.sh"
no_more_arguments "$@"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly generated=src/Host/Internal/Generated

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Old code first: it may no longer compile against the changed handlers.
rm -rf -- "${generated}"
dotnet build src/Host -c Release -nodeReuse:false >&2
# Generating compiles nothing against a database or a broker: placeholder connection strings (one per module, the
# folders under src/Modules, and the message store's) are enough, and the Development environment lets the host use
# its embedded broker. Dynamic mode, because the code does not exist yet.
for name in $(basename -a src/Modules/*/) Messaging; do
  export "ConnectionStrings__${name}=Host=127.0.0.1;Port=1;Database=codegen;Username=codegen_${name,,}"
done
(
  cd src/Host
  ASPNETCORE_ENVIRONMENT=Development \
    Wolverine__TypeLoadMode=Dynamic \
    Wolverine__GeneratedCodeOutputPath="${PWD}/Internal/Generated" \
    dotnet bin/Release/net10.0/BlogModular.Host.dll codegen write
)
# Wolverine also writes registries of every handler and endpoint type; in Static mode it would use them instead of
# discovering the enabled modules, so a split process would map the other module's endpoints too. Left out: the
# host discovers what its enabled modules contain and loads their generated code from here.
rm -f -- "${generated}"/WolverineHandlers/GeneratedHandlerRegistry.cs "${generated}"/WolverineHandlers/GeneratedHttpEndpointRegistry.cs
# The build above compiled the host without its generated code; leave a host that runs.
dotnet build src/Host -c Release -nodeReuse:false >&2
printf 'codegen.sh: wrote %s files into %s; commit them.\n' "$(find "${generated}" -name '*.cs' | wc -l)" "${generated}" >&2
