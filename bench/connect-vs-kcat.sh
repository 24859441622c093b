#!/usr/bin/env bash
# (1) kdoctor connect vs kcat -L, same settings, on the SASL_SSL listener (SCRAM-SHA-512), paired.
# kdoctor does more (listener fingerprint, certificate judgement, every advertised broker, a
# kafkajs session); --no-client shows the cost of the probes alone.
source "$(dirname "$0")/lib.sh"
need kcat kcat
start_broker
addr="$(rig 'r.listeners.sasl_ssl.host+":"+r.listeners.sasl_ssl.port')"
ca="$(rig 'r.tls.ca')"
export KDOCTOR_BENCH_PW="$(rig 'r.users.alice')"
common="-X security.protocol=SASL_SSL -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=alice -X ssl.ca.location=$ca"
hyperfine --warmup 3 --runs "${RUNS:-20}" --export-json bench/results/connect-vs-kcat.json \
  -n kcat "kcat -L -b $addr $common -X sasl.password=\$KDOCTOR_BENCH_PW" \
  -n kdoctor "node bin/run.js connect -b $addr $common -X sasl.password=env:KDOCTOR_BENCH_PW" \
  -n kdoctor-no-client "node bin/run.js connect -b $addr $common -X sasl.password=env:KDOCTOR_BENCH_PW --no-client"
node bench/ratio.mjs bench/results/connect-vs-kcat.json kcat
