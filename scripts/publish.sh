#!/usr/bin/env bash
# Publishes the host as it is deployed (src/Host/Dockerfile and ./bench.sh both use this).
#
# Usage: scripts/publish.sh <output-dir> [dotnet publish options...]
#
# ReadyToRun: the host's and its packages' assemblies (Wolverine, EF Core, Npgsql, OpenTelemetry, ...) are compiled
# to native code at publish, so a starting process does not JIT them; measured start → ready 2,907 → 2,107 ms
# (docs/performance.md, step 7). The runtime identifier is the machine's own, so an arm64 build host publishes arm64.
#
# Development tools (the embedded Kafka broker, Wolverine's runtime code compilation with Roslyn) are left out
# (DevTools=false, ADR 0011): such a host needs a real Kafka and runs the pre-generated Wolverine code. Pass
# -p:DevTools=true to include them, e.g. for Wolverine:TypeLoadMode=Dynamic or a host that serves `kafka-broker`.
set -euo pipefail

# shellcheck source=arguments.sh
source "$(dirname "${BASH_SOURCE[0]}")/arguments.sh"
# The output directory comes first.
no_option_first "$@"
[[ $# -ge 1 ]] || usage_error "no output directory"

out=$(realpath -m -- "$1")
shift
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet publish src/Host/BlogModular.Host.csproj -c Release -nodeReuse:false \
  --use-current-runtime --self-contained false -p:PublishReadyToRun=true -p:DevTools=false \
  -o "$out" "$@"
