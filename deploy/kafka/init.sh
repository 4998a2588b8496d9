#!/usr/bin/env bash
# GENERATED from the module descriptors by `BlogModular.Host kafka-acls` (scripts/kafka-acls.sh): do not edit.
# The init step of compose.yaml's Kafka: creates each process role's SCRAM user, the topics and the ACLs.
# Run as the broker's super user over TLS; see docs/deployment.md (Kafka: certificates, principals and ACLs).
set -euo pipefail

: "${KAFKA_BOOTSTRAP:?}" "${KAFKA_ADMIN_PASSWORD:?}" "${KAFKA_CA_FILE:?}"
partitions="${KAFKA_PARTITIONS:-3}"
admin_config="$(mktemp)"
trap 'rm -f "$admin_config"' EXIT
cat > "$admin_config" <<EOF
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
ssl.truststore.type=PEM
ssl.truststore.location=${KAFKA_CA_FILE}
EOF
bin=/opt/kafka/bin
kafka() { "$bin/$1" --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$admin_config" "${@:2}"; }

# Users: one per process role.
kafka kafka-configs.sh --alter --entity-type users --entity-name blogmodular-app --add-config "SCRAM-SHA-512=[password=${KAFKA_APP_PASSWORD:?}]"
kafka kafka-configs.sh --alter --entity-type users --entity-name blogmodular-blogging --add-config "SCRAM-SHA-512=[password=${KAFKA_BLOGGING_PASSWORD:?}]"
kafka kafka-configs.sh --alter --entity-type users --entity-name blogmodular-approvals --add-config "SCRAM-SHA-512=[password=${KAFKA_APPROVALS_PASSWORD:?}]"

# Topics.
kafka kafka-topics.sh --create --if-not-exists --topic blog-approval --partitions "$partitions"
kafka kafka-topics.sh --create --if-not-exists --topic blog-creation --partitions "$partitions"
kafka kafka-topics.sh --create --if-not-exists --topic user-notification --partitions "$partitions"

# ACLs: exactly what each role's modules declare (KafkaAccess.Grants).
# app: Blogging, Approvals, Accounts
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Write --topic blog-approval --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Write --topic blog-creation --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Write --topic user-notification --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Read --topic blog-approval --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Read --group blogmodular.blogging --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Read --topic blog-creation --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Read --group blogmodular.approvals --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Read --topic user-notification --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Read --group blogmodular.accounts --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Describe --topic blog-approval --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Describe --topic blog-creation --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Describe --topic user-notification --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Describe --group blogmodular.accounts --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Describe --group blogmodular.approvals --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-app --operation Describe --group blogmodular.blogging --resource-pattern-type literal
# blogging: Blogging, Accounts
kafka kafka-acls.sh --add --allow-principal User:blogmodular-blogging --operation Write --topic blog-creation --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-blogging --operation Write --topic user-notification --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-blogging --operation Read --topic blog-approval --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-blogging --operation Read --group blogmodular.blogging --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-blogging --operation Read --topic user-notification --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-blogging --operation Read --group blogmodular.accounts --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-blogging --operation Describe --topic blog-approval --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-blogging --operation Describe --topic blog-creation --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-blogging --operation Describe --topic user-notification --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-blogging --operation Describe --group blogmodular.accounts --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-blogging --operation Describe --group blogmodular.approvals --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-blogging --operation Describe --group blogmodular.blogging --resource-pattern-type literal
# approvals: Approvals, Accounts
kafka kafka-acls.sh --add --allow-principal User:blogmodular-approvals --operation Write --topic blog-approval --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-approvals --operation Write --topic user-notification --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-approvals --operation Read --topic blog-creation --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-approvals --operation Read --group blogmodular.approvals --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-approvals --operation Read --topic user-notification --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-approvals --operation Read --group blogmodular.accounts --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-approvals --operation Describe --topic blog-approval --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-approvals --operation Describe --topic blog-creation --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-approvals --operation Describe --topic user-notification --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-approvals --operation Describe --group blogmodular.accounts --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-approvals --operation Describe --group blogmodular.approvals --resource-pattern-type literal
kafka kafka-acls.sh --add --allow-principal User:blogmodular-approvals --operation Describe --group blogmodular.blogging --resource-pattern-type literal
