#!/usr/bin/env bash
# (4) acl-check over 500 topics and 20 groups: wall time, and the number of requests sent.
# Requests must grow with the number of operation types, not with the number of topics, so the
# same run at 5, 50 and 500 topics must send the same number of requests. Runs on a SECOND rig
# (port base 29290, .kafka/rig-acl): the 500 topics and 20 groups are created there, never on the
# shared rig.
export KDOCTOR_RIG_HOME="${KDOCTOR_RIG_HOME:-.kafka/rig-acl}"
export KDOCTOR_RIG_PORT_BASE="${KDOCTOR_RIG_PORT_BASE:-29290}"
source "$(dirname "$0")/lib.sh"
[ -f dist/commands/acl-check.js ] || npm run build >/dev/null
start_broker >/dev/null
node bench/acl-bench-setup.mjs 500 20

list() { node -e "const [n,f]=process.argv.slice(1); console.log(Array.from({length:+n},(_,i)=>f==='t'?'bench.t'+String(i).padStart(3,'0'):'bench-g'+String(i).padStart(2,'0')).join(','))" "$1" "$2"; }
groups=$(list 20 g)
sasl() { echo "-b $(rig "r.listeners.sasl_plaintext.host+':'+r.listeners.sasl_plaintext.port") -X security.protocol=SASL_PLAINTEXT -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=$1 -X sasl.password=$(rig "r.users.$1")"; }

# Requests per run, by API, for 5 / 50 / 500 topics (20 groups each), as admin (all allowed) and alice (all denied).
: > bench/results/acl-check-requests.jsonl
for who in admin alice; do
  for n in 5 50 500; do
    # exit 1 is expected (alice is denied): keep the pipeline going
    { node bin/run.js acl-check --json --timeout 30s $(sasl "$who") --topic "$(list "$n" t)" --group "$groups" --transactional-id bench-tx || true; } \
      | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const j=JSON.parse(s);const a=j.acl;console.log(JSON.stringify({principal:'$who',topics:$n,groups:20,requests:a.requests.total,byApi:a.requests.byApi,probeMs:a.durationMs,rows:a.matrix.length,denied:a.matrix.reduce((k,r)=>k+r.cells.filter(c=>c.verdict==='denied').length,0)}))})" \
      >> bench/results/acl-check-requests.jsonl
  done
done
node -e "
for (const l of require('fs').readFileSync('bench/results/acl-check-requests.jsonl','utf8').trim().split('\n')) {
  const r = JSON.parse(l)
  console.log(r.principal.padEnd(6), String(r.topics).padStart(4), 'topics', r.groups, 'groups:', String(r.requests).padStart(3), 'requests,', String(r.probeMs).padStart(4), 'ms probing,', r.rows, 'rows,', r.denied, 'denied cells ·', Object.entries(r.byApi).map(([k,v])=>k+' '+v).join(', '))
}"

# Wall time of the whole command (node start, connect's layers, probes, rendering), 500 topics + 20 groups.
topics=$(list 500 t)
hyperfine --warmup 1 --runs "${RUNS:-10}" --export-json bench/results/acl-check.json -i \
  -n "admin 500 topics 20 groups" "node bin/run.js acl-check --json --timeout 30s $(sasl admin) --topic $topics --group $groups --transactional-id bench-tx" \
  -n "alice 500 topics 20 groups" "node bin/run.js acl-check --json --timeout 30s $(sasl alice) --topic $topics --group $groups --transactional-id bench-tx" \
  -n "admin 5 topics 20 groups" "node bin/run.js acl-check --json --timeout 30s $(sasl admin) --topic $(list 5 t) --group $groups --transactional-id bench-tx" \
  >/dev/null
node -e "for (const r of require('./bench/results/acl-check.json').results) console.log(r.command.padEnd(28), 'mean', (r.mean*1000).toFixed(0).padStart(5), 'ms ±', (r.stddev*1000).toFixed(0), 'ms, min', (r.min*1000).toFixed(0), 'max', (r.max*1000).toFixed(0))"
