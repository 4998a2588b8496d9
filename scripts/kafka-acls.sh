#!/usr/bin/env bash
# Regenerates deploy/kafka/init.sh, the secured Kafka's init step (users, topics, ACLs), from the module descriptors.
# Run after changing what a module publishes or listens to, then commit the file; KafkaAccessTests fails while the
# checked-in script differs from what the descriptors give.
# Usage: scripts/kafka-acls.sh  (no arguments)
set -euo pipefail

# shellcheck source=arguments.sh
source "$(dirname "${BASH_SOURCE[0]}")/arguments.sh"
no_more_arguments "$@"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet build src/Host -nodeReuse:false >&2
dotnet src/Host/bin/Debug/net10.0/BlogModular.Host.dll kafka-acls > deploy/kafka/init.sh
chmod 755 deploy/kafka/init.sh
