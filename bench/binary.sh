#!/usr/bin/env bash
# (4) The single executable (npm run build:binary) against bare Node, side by side in one run:
#   startup  `kdoctor --version` (target ≤ 1.5× `node -e 0`), and `kdoctor connect --help`, which
#            loads oclif and every command (no shortcut);
#   connect  `kdoctor connect` on the rig's plaintext listener (target ≤ 2.5× `node -e 0`), next to
#            the npm install, `kcat -L` and Kafka's own kafka-broker-api-versions.sh (the JVM tool,
#            org.apache.kafka:kafka-tools from Maven Central) on the same listener; and the binary
#            with the kafkajs session (--client, which doctor always runs), to show what it costs.
# The load average is printed with each run: other work on the machine shows in every number.
# NODE_EXTRA_CA_CERTS is unset for every command: with it Node 20 reads the whole CA bundle at
# start (about 50 ms here), which would slow the baseline and flatter the ratios.
source "$(dirname "$0")/lib.sh"
need kcat kcat
unset NODE_EXTRA_CA_CERTS
binary="${KDOCTOR_BINARY:-dist/bin/kdoctor-linux-x64}"
[ -x "$binary" ] || npm run build:binary >/dev/null
start_broker
addr="$(rig 'r.listeners.plaintext.host+":"+r.listeners.plaintext.port')"
kafka_version="$(rig 'r.kafkaVersion')"

# Kafka's tools, fetched once (kafka-broker-api-versions.sh = kafka-run-class.sh with this class
# and its default JVM options).
tools=".kafka/bench-tools/$kafka_version"
if [ ! -f "$tools/.complete" ]; then
  rm -rf "$tools.tmp"
  mvn -B -q -Dstyle.color=never -f bench/kafka-tools/pom.xml -Dkafka.version="$kafka_version" \
    org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies -DoutputDirectory="$PWD/$tools.tmp" -DincludeScope=runtime
  rm -rf "$tools" && mv "$tools.tmp" "$tools" && touch "$tools/.complete"
fi
api_versions="java -Xmx256M -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true -cp $tools/* org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server $addr"

echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-json bench/results/binary-startup.json \
  -n node "node -e 0" \
  -n "binary --version" "$binary --version" \
  -n "npm --version" "node bin/run.js --version" \
  -n "binary connect --help" "$binary connect --help"
node bench/ratio.mjs bench/results/binary-startup.json node

hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json bench/results/binary-connect.json \
  -n node "node -e 0" \
  -n "binary connect" "$binary connect -b $addr" \
  -n "binary connect --client" "$binary connect -b $addr --client" \
  -n "npm connect" "node bin/run.js connect -b $addr" \
  -n "kcat -L" "kcat -L -b $addr" \
  -n "kafka-broker-api-versions" "$api_versions"
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/ratio.mjs bench/results/binary-connect.json node
node bench/ratio.mjs bench/results/binary-connect.json "kcat -L"
node bench/ratio.mjs bench/results/binary-connect.json kafka-broker-api-versions
