#!/usr/bin/env bash
# The entry point of compose.yaml's Kafka: one KRaft node (broker and controller) whose only listener reachable from
# other containers is SASL over TLS, with the standard authorizer. Clients authenticate with SCRAM-SHA-512 (one user
# per process role, created by deploy/kafka/init.sh); the super user "admin" uses PLAIN, over TLS from outside the
# container and on loopback-only listeners inside it (controller and inter-broker traffic). See docs/deployment.md.
set -euo pipefail

: "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD}"
readonly certs=/etc/kafka/certs
readonly config=/tmp/server.properties
# Holds the admin password: written at start into the container's own /tmp, never into the image or the repository.
umask 077
admin_jaas="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"${KAFKA_ADMIN_PASSWORD}\" user_admin=\"${KAFKA_ADMIN_PASSWORD}\";"
cat > "${config}" <<PROPERTIES
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@localhost:9093
listeners=SASL_SSL://:9092,CONTROLLER://localhost:9093,BROKER://localhost:9094
advertised.listeners=SASL_SSL://kafka:9092,BROKER://localhost:9094
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=BROKER
sasl.mechanism.controller.protocol=PLAIN
sasl.mechanism.inter.broker.protocol=PLAIN
listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="${KAFKA_ADMIN_PASSWORD}";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=${admin_jaas}
listener.name.broker.sasl.enabled.mechanisms=PLAIN
listener.name.broker.plain.sasl.jaas.config=${admin_jaas}
ssl.keystore.type=PEM
ssl.keystore.location=${certs}/broker.pem
ssl.enabled.protocols=TLSv1.3,TLSv1.2
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
auto.create.topics.enable=false
log.dirs=/var/lib/kafka/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES

# For the health check: the admin on the loopback inter-broker listener.
cat > /tmp/admin.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
PROPERTIES

/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$(/opt/kafka/bin/kafka-storage.sh random-uuid)" --config "${config}"
exec /opt/kafka/bin/kafka-server-start.sh "${config}"
