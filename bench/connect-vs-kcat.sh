#!/usr/bin/env bash
# (1) kdoctor connect vs kcat -L, same settings, on the SASL_SSL listener (SCRAM-SHA-512), paired.
# kdoctor does more (listener fingerprint, certificate judgement, every advertised broker);
# --client adds its kafkajs session (what doctor always runs) to show what that costs.
source "$(dirname "$0")/lib.sh"
need kcat kcat
# Debian's kcat 1.7.1 carries librdkafka 2.0.2, whose SCRAM fails against Kafka 4.x
# (confluentinc/librdkafka#4895, fixed in 2.6.1), so the pair runs on a 3.9 broker of its own.
export KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}" KDOCTOR_RIG_HOME="${KDOCTOR_RIG_HOME:-.kafka/bench-rig}" KDOCTOR_RIG_PORT_BASE="${KDOCTOR_RIG_PORT_BASE:-29190}"
start_broker
addr="$(rig 'r.listeners.sasl_ssl.host+":"+r.listeners.sasl_ssl.port')"
ca="$(rig 'r.tls.ca')"
export KDOCTOR_BENCH_PW="$(rig 'r.users.alice')"
common="-X security.protocol=SASL_SSL -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=alice -X ssl.ca.location=$ca"
hyperfine --warmup 3 --runs "${RUNS:-20}" --export-json bench/results/connect-vs-kcat.json \
  -n kcat "kcat -L -b $addr $common -X sasl.password=\$KDOCTOR_BENCH_PW" \
  -n kdoctor "node bin/run.js connect -b $addr $common -X sasl.password=env:KDOCTOR_BENCH_PW" \
  -n kdoctor-client "node bin/run.js connect -b $addr $common -X sasl.password=env:KDOCTOR_BENCH_PW --client"
node bench/ratio.mjs bench/results/connect-vs-kcat.json kcat
