#!/usr/bin/env bash
# (4) Probes run concurrently: `connect` against three brokers should cost about what one costs,
# and a broker of three whose advertised address drops SYNs should cost one --timeout, not more.
#   - 1 vs 3 brokers: the one-broker rig and the three-broker rig (KDOCTOR_RIG_BROKERS=3),
#     PLAINTEXT, the same command; the ratio is printed against one broker.
#   - SYN drop: on the three-broker rig's one_unreachable listener node 2 advertises a closed
#     port; test/faults/syn-drop.py binds exactly that port (backlog full, SYNs dropped), and
#     connect runs with --timeout 3s.
# The three-broker rig lives in its own network namespace, so its commands run under nsenter; the
# one-broker command runs plain, and what nsenter itself costs is measured beside them.
source "$(dirname "$0")/lib.sh"
export KDOCTOR_RIG_PORT_BASE="${KDOCTOR_RIG_PORT_BASE:-19090}"
start_broker
one="$(rig 'r.listeners.plaintext.host+":"+r.listeners.plaintext.port')"

rig3_home="${KDOCTOR_RIG3_HOME:-.kafka/rig3}"
rig3() { KDOCTOR_RIG_BROKERS=3 KDOCTOR_RIG_HOME="$rig3_home" KDOCTOR_RIG_PORT_BASE="${KDOCTOR_RIG3_PORT_BASE:-19190}" node test/kafka/rig.mjs "$@"; }
rig3 start
r3() { KDOCTOR_RIG_HOME="$rig3_home" rig "$1"; }
enter="$(r3 'r.netns.enter.join(" ")')"
three="$(r3 'r.listeners.plaintext.host+":"+r.listeners.plaintext.port')"
one_unreachable="$(r3 'r.brokers[0].listeners.one_unreachable.host+":"+r.brokers[0].listeners.one_unreachable.port')"
dropped_port="$(r3 'r.brokers[1].listeners.one_unreachable.advertisedPort')"

hyperfine --warmup 2 --runs "${RUNS:-15}" --export-json bench/results/three-brokers.json \
  -n "1 broker" "node bin/run.js connect -b $one" \
  -n "3 brokers" "$enter node bin/run.js connect -b $three" \
  -n "nsenter alone" "$enter true"
node bench/ratio.mjs bench/results/three-brokers.json "1 broker"

# One broker of three drops SYNs: the syn-drop server runs inside the rig's namespace on the port
# node 2 advertises; exit status 1 is expected (-i).
coproc DROP { $enter python3 test/faults/syn-drop.py 1 "$dropped_port"; }
read -r _ <&"${DROP[0]}"
hyperfine --runs "${RUNS_DROP:-5}" -i --export-json bench/results/three-brokers-syn-drop.json \
  -n "3 brokers, one drops SYNs, --timeout 3s" "$enter node bin/run.js connect -b $one_unreachable --timeout 3s"
kill "$DROP_PID" 2>/dev/null || true
node -e "const r=require('./bench/results/three-brokers-syn-drop.json').results[0]; console.log('mean', r.mean.toFixed(2)+' s', 'max', r.max.toFixed(2)+' s', '(target <= 3.5 s: one timeout)')"
