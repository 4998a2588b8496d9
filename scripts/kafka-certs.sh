#!/usr/bin/env bash
# Makes the TLS material of compose.yaml's Kafka: a private certificate authority and the broker's certificate.
# Usage: scripts/kafka-certs.sh [directory]     (default deploy/kafka/certs, which git ignores)
# Writes ca.crt (the CA the clients trust: Kafka__Security__CaLocation), ca.key (keep it offline; it issues
# certificates), and broker.pem (the broker's private key, certificate and the CA, Kafka's PEM keystore).
# The certificate names the broker as the clients reach it: KAFKA_HOST (default kafka, its compose service name).
# Refuses to overwrite an existing CA: delete the directory to start over (every client then needs the new ca.crt).
set -euo pipefail

# shellcheck source=arguments.sh
source "$(dirname "${BASH_SOURCE[0]}")/arguments.sh"
# One directory at most.
no_option_first "$@"
(($# <= 1)) || no_more_arguments "${@:2}"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly out="${1:-deploy/kafka/certs}"
readonly host="${KAFKA_HOST:-kafka}"
readonly days="${KAFKA_CERT_DAYS:-825}"

if [[ -e "${out}/ca.crt" ]]; then
  echo "${out}/ca.crt exists; delete ${out} to make a new CA and broker certificate." >&2
  exit 1
fi

mkdir -p -- "${out}"
work="$(mktemp -d)"
trap 'rm -rf -- "${work}"' EXIT

openssl req -x509 -newkey rsa:4096 -sha256 -nodes -days 3650 -subj "/CN=BlogModular Kafka CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "${out}/ca.key" -out "${out}/ca.crt" 2>/dev/null
chmod 600 -- "${out}/ca.key"

# PKCS#8, unencrypted: Kafka's PEM keystore reads it without a key password in its configuration.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "${work}/broker.key" 2>/dev/null
openssl req -new -key "${work}/broker.key" -subj "/CN=${host}" -out "${work}/broker.csr"
printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' "${host}" > "${work}/ext"
openssl x509 -req -in "${work}/broker.csr" -CA "${out}/ca.crt" -CAkey "${out}/ca.key" -CAcreateserial -CAserial "${work}/ca.srl" \
  -days "${days}" -sha256 -extfile "${work}/ext" -out "${work}/broker.crt" 2>/dev/null
cat "${work}/broker.key" "${work}/broker.crt" "${out}/ca.crt" > "${out}/broker.pem"
# The broker container's user must read it; the directory stays on hosts only operators use.
chmod 644 -- "${out}/broker.pem" "${out}/ca.crt"

echo "Kafka TLS material in ${out}: ca.crt (clients trust it), broker.pem (the broker's keystore for ${host}), ca.key (keep offline)."
