#!/usr/bin/env bash
# (2) Five bootstrap addresses that drop SYNs, --timeout 3s: the verdict should take about one
# timeout (probes run concurrently under one deadline), not five.
source "$(dirname "$0")/lib.sh"
coproc DROP { python3 test/faults/syn-drop.py 5; }
ports=()
for _ in 1 2 3 4 5; do read -r port <&"${DROP[0]}"; ports+=("127.0.0.1:$port"); done
list=$(IFS=,; echo "${ports[*]}")
hyperfine --runs "${RUNS:-5}" --export-json bench/results/dead-brokers.json -i \
  -n "kdoctor 5 dead brokers" "node bin/run.js connect -b $list --timeout 3s"
kill "$DROP_PID" 2>/dev/null || true
node -e "const r=require('./bench/results/dead-brokers.json').results[0]; console.log('mean', r.mean.toFixed(2)+' s', 'max', r.max.toFixed(2)+' s', '(target <= 3.5 s)')"
