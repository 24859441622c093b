// KD8xx — process liveness: the Karafka Kubernetes liveness listener and the probe around it.

import type {CatalogEntryData} from './types.js'

const LISTENER = 'Karafka::Instrumentation::Vendors::Kubernetes::LivenessListener'

export const entries = [
  {
    code: 'KD801',
    title: 'Liveness endpoint unreachable',
    layer: 'liveness',
    defaultStatus: 'fail',
    explanation:
      "Nothing answers on the Karafka liveness listener's port (3000 by default). The listener opens its port only once the Karafka process is running — the swarm variant once the supervisor is up — so it refuses connections while the app boots; if it is bound to another address or port, the kubelet never reaches it and keeps restarting the pod.",
    causes: [
      {
        cause: "The probe starts before the listener: `initialDelaySeconds` shorter than the app's boot time.",
        confirm: '`kdoctor liveness` reports refused versus timed out; `kdoctor liveness --manifest deploy.yaml` computes how long the probe lets the app boot; `kubectl describe pod` shows when the first probe failed relative to the container start.',
      },
      {
        cause: 'The listener is not subscribed at all, or listens on another port than the probe uses, or the SwarmLivenessListener is subscribed while the container runs `karafka server` (it starts only under `karafka swarm`).',
        confirm: "`kdoctor liveness --manifest deploy.yaml --karafka-config karafka.rb` compares the probe's port and the container's command with the listener karafka.rb subscribes.",
      },
      {
        cause: "The listener is bound to one address (e.g. 127.0.0.1, or the documentation's example 192.168.1.100 copied verbatim) instead of all interfaces, so the kubelet (connecting to the pod IP) is refused.",
        confirm: 'Refused on the pod IP but answered inside the pod: `kubectl exec <pod> -- curl -s http://localhost:3000/`; `kdoctor liveness --karafka-config karafka.rb` flags a `hostname:` argument.',
      },
      {
        cause: 'The port is taken (Puma in the same process, another sidecar), so the listener could not bind.',
        confirm: 'The application log shows the bind error at start-up.',
      },
      {
        cause: "The process accepts connections but never answers: it is frozen (every thread blocked, a native call holding Ruby's lock, stopped), so the listener's thread never runs.",
        confirm: '`kdoctor liveness --timeout 5s` says "connected, but no answer"; `kill -TTIN <pid>` prints the threads if Ruby still runs at all.',
      },
    ],
    fix: [
      `Subscribe the listener: \`Karafka.monitor.subscribe(${LISTENER}.new(port: 3000))\` (swarm mode: \`SwarmLivenessListener\`); leave \`hostname\` unset so it binds to all interfaces.`,
      'Probe it like this: `livenessProbe: { httpGet: { path: /, port: 3000 }, initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5 }`.',
      'Test from inside the pod: `kubectl exec <pod> -- curl -s http://localhost:3000/`.',
    ],
    providers: {
      kubernetes: 'Karafka before 2.5.0 answered a healthy probe with 204 and no body; any 2xx counts as healthy for the kubelet.',
    },
    related: ['KD808'],
    signatures: [
      {client: 'kubernetes', pattern: /Liveness probe failed: Get "https?:\/\/[^"]+": dial tcp \S+: connect: connection refused/, note: 'kubelet event'},
      {client: 'http', pattern: /curl: \(7\) Failed to connect to \S+ port \d+/},
      {client: 'kubernetes', pattern: /Liveness probe failed: dial tcp \S+: (?:getsockopt: |connect: )?connection refused/, note: 'kubelet event for a tcpSocket probe'},
      {client: 'http', pattern: /Get "https?:\/\/[^"]+": net\/http: HTTP\/1\.x transport connection broken|curl: \(52\) Empty reply from server/, note: 'something accepted the connection but gave no readable HTTP answer (Karafka before 2.1.1 omitted the blank line after the headers)'},
    ],
  },
  {
    code: 'KD802',
    title: 'Polling TTL exceeded: the consumer does not poll often enough',
    layer: 'liveness',
    defaultStatus: 'fail',
    explanation:
      "The liveness listener reports `polling_ttl_exceeded`: a consumer's fetch loop has not polled Kafka within `polling_ttl` (five minutes by default). Broker outages alone do not cause this — polls keep returning — so the loop itself is blocked: processing inside the loop takes too long, or something hangs. librdkafka's side of the same story is exceeding `max.poll.interval.ms`, after which the consumer leaves its group.",
    causes: [
      {
        cause: 'Processing a batch takes longer than the poll interval (large batches, slow external calls).',
        confirm: 'kdoctor reads the liveness JSON and reports which TTL fired; the application log shows `max.poll.interval.ms` being exceeded.',
      },
      {
        cause: 'A hang in user code: a lock, an endless retry, a call without a timeout.',
        confirm: '`kill -TTIN <pid>` makes Karafka print every thread\'s backtrace.',
      },
      {
        cause: 'The TTL is shorter than legitimate processing time.',
        confirm: 'Compare `polling_ttl` and `max.poll.interval.ms` with measured batch times.',
      },
    ],
    fix: [
      "Process less per poll: Karafka `config.max_messages = 100`; give the loop more time: librdkafka `max.poll.interval.ms` (Karafka `config.kafka = { 'max.poll.interval.ms': 600_000 }`), Java `max.poll.interval.ms` with a smaller `max.poll.records`.",
      'Move long work off the loop (Karafka Pro Long-Running Jobs, a background job system).',
      `Raise the listener's TTL above your slowest legitimate batch: \`${LISTENER}.new(polling_ttl: 600_000)\`.`,
    ],
    providers: {
      kubernetes: 'The liveness probe restarts the pod when this stays true; fix the cause rather than the probe.',
    },
    related: ['KD803', 'KD806'],
    signatures: [
      {client: 'http', pattern: /"polling_ttl_exceeded":\s*true/},
      {client: 'librdkafka', pattern: /Application maximum poll interval \(\d+ms\) exceeded by \d+ms/},
      {client: 'karafka', pattern: /Local: Maximum application poll interval \(max\.poll\.interval\.ms\) exceeded \(max_poll_exceeded\)/},
      {client: 'java', pattern: /time between subsequent calls to poll\(\) was longer than the configured max\.poll\.interval\.ms/},
    ],
  },
  {
    code: 'KD803',
    title: 'Consuming TTL exceeded: user code hangs or is too slow',
    layer: 'liveness',
    defaultStatus: 'fail',
    explanation:
      "The liveness listener reports `consumption_ttl_exceeded`: one consume job (or revoke, shutdown or tick) has been running longer than `consuming_ttl` (five minutes by default). The code inside your consumer hangs or is far slower than expected. Only the listener's JSON says this; clients log nothing.",
    causes: [
      {
        cause: 'A call without a timeout (HTTP, database, lock) inside `consume`.',
        confirm: '`kill -TTIN <pid>` prints every thread\'s backtrace; look for the worker thread.',
      },
      {
        cause: 'A batch far larger or slower than usual.',
        confirm: "kdoctor reports the TTL that fired; compare with the consumer's own timings.",
      },
      {
        cause: 'The TTL is shorter than legitimate work.',
        confirm: 'Compare `consuming_ttl` with the slowest normal batch.',
      },
    ],
    fix: [
      'Put timeouts on every external call made from `consume`.',
      'Smaller batches (`config.max_messages`) or Long-Running Jobs (Karafka Pro) for slow work.',
      `Raise the TTL only above legitimate work: \`${LISTENER}.new(consuming_ttl: 600_000)\`.`,
    ],
    providers: {
      kubernetes: 'A restart by the liveness probe ends the hang but not its cause.',
    },
    related: ['KD802', 'KD806'],
    signatures: [{client: 'http', pattern: /"consumption_ttl_exceeded":\s*true/}],
  },
  {
    code: 'KD804',
    title: 'Unrecoverable client error reported',
    layer: 'liveness',
    defaultStatus: 'fail',
    explanation:
      "The liveness listener reports `unrecoverable` with a librdkafka error name instead of `false`: the consumer hit a fatal error and cannot continue, so restarting the process is the right reaction. The common one is `fenced`: another consumer with the same `group.instance.id` (static membership) joined and took this one's place.",
    causes: [
      {
        cause: '`group.instance.id` is not unique: several processes or pods use the same static id.',
        confirm: "kdoctor shows the error name from the liveness JSON; `kafka-consumer-groups --describe --group <group> --members` lists members by instance id.",
      },
      {
        cause: 'Another fatal librdkafka error in the process (e.g. a fatal idempotent producer error).',
        confirm: 'The error name in the JSON and the preceding "Fatal error" log line.',
      },
    ],
    fix: [
      "Make `group.instance.id` unique per process: Karafka `config.kafka = { 'group.instance.id': ENV.fetch('HOSTNAME') }` (pod names are unique; add the swarm node id in swarm mode).",
      'Java: a unique `group.instance.id` per instance. kafkajs has no static membership.',
      'Let Kubernetes restart the pod — that is what the liveness probe is for.',
    ],
    providers: {
      kubernetes: 'StatefulSet pod names are stable and unique, which makes them good static member ids.',
    },
    related: ['KD806', 'KD807'],
    signatures: [
      {client: 'http', pattern: /"unrecoverable":\s*"[a-z_]+"/},
      {client: 'karafka', pattern: /Local: This instance has been fenced by a newer instance \(fenced\)/},
      {client: 'librdkafka', pattern: /Fatal error: Broker: Static consumer fenced by other consumer with same group\.instance\.id/},
      {client: 'java', pattern: /FencedInstanceIdException\b/},
      {client: 'karafka', pattern: /\bfenced_instance_id\b|\bFENCED_INSTANCE_ID\b/, note: 'the error name (rdkafka-ruby symbol, protocol error, kafkajs type)'},
      {client: 'kafkajs', pattern: /The broker rejected this static consumer since another consumer with the same group\.instance\.id has registered with a different member\.id/},
    ],
  },
  {
    code: 'KD805',
    title: 'Swarm supervisor controlling TTL exceeded',
    layer: 'liveness',
    defaultStatus: 'fail',
    explanation:
      "The swarm liveness listener reports `controlling_ttl_exceeded`: in Karafka's swarm mode the supervisor has not checked on its forked nodes within `controlling_ttl` (60 seconds by default). The supervisor process is blocked or starved of CPU.",
    causes: [
      {
        cause: 'The container is CPU-throttled or memory-starved, so the supervisor does not get to run.',
        confirm: '`kubectl top pod` and the container\'s throttling metrics.',
      },
      {
        cause: 'Work placed in the supervisor process (before forking) that blocks it.',
        confirm: '`kill -TTIN <supervisor pid>` prints its threads.',
      },
    ],
    fix: [
      'Give the pod enough CPU for the supervisor plus all nodes (requests and limits sized for `swarm.nodes` processes).',
      'Keep heavy work out of the supervisor.',
      'Raise the TTL if the node count makes a full round slower: `SwarmLivenessListener.new(controlling_ttl: 120_000)`.',
    ],
    providers: {
      kubernetes: 'One pod runs the supervisor and every node; CPU limits apply to all of them together.',
    },
    related: ['KD806'],
    signatures: [{client: 'http', pattern: /"controlling_ttl_exceeded":\s*true/}],
  },
  {
    code: 'KD806',
    title: 'Stability TTL exceeded',
    layer: 'liveness',
    defaultStatus: 'fail',
    explanation:
      'The liveness listener reports `stability_ttl_exceeded`: a subscription group has been stuck in a non-steady consumer group state — waiting to join, for an assignment, or to sync — longer than `stability_ttl` (by default twice the largest `max.poll.interval.ms`). The group cannot finish rebalancing: a problem on the broker\'s group coordinator, or members that never complete the rebalance.',
    causes: [
      {
        cause: 'Endless rebalancing: members join and leave repeatedly (rolling deploys, crash loops, poll intervals exceeded).',
        confirm: '`kafka-consumer-groups --bootstrap-server <host:port> --describe --group <group> --state` shows the state; kdoctor reports the TTL that fired.',
      },
      {
        cause: 'The group coordinator on the broker is unhealthy (KD504) or misbehaving.',
        confirm: 'Broker logs for the coordinator of the group.',
      },
      {
        cause: 'The check needs statistics: without `statistics.interval.ms` it never fires, with it set it reflects librdkafka\'s join state.',
        confirm: 'Karafka keeps `statistics.interval.ms` at 5000 by default.',
      },
    ],
    fix: [
      'Look at the group: `kafka-consumer-groups --bootstrap-server <host:port> --describe --group <group> --state`; restart members stuck in joining.',
      'Reduce churn: a `Recreate` deployment strategy (KD807), static membership (`group.instance.id`), cooperative rebalancing (`partition.assignment.strategy=cooperative-sticky`).',
      'Check the broker side (coordinator logs, KD504).',
    ],
    providers: {
      kubernetes: 'Rolling updates and crash loops keep the group rebalancing.',
    },
    related: ['KD807', 'KD802', 'KD504'],
    signatures: [{client: 'http', pattern: /"stability_ttl_exceeded":\s*true/}],
  },
  {
    code: 'KD807',
    title: 'Deployment strategy is not Recreate',
    layer: 'liveness',
    defaultStatus: 'warn',
    explanation:
      'The consumer Deployment uses the RollingUpdate strategy. During a rollout old and new pods run side by side: each pod that starts or stops triggers a consumer group rebalance, and batches in flight can be processed twice. For Kafka consumers the `Recreate` strategy — stop all, then start all — gives one rebalance per deploy.',
    causes: [
      {
        cause: 'RollingUpdate is the Kubernetes default; nobody changed it.',
        confirm: '`kubectl get deploy <name> -o jsonpath={.spec.strategy.type}` (empty means RollingUpdate), or `kdoctor liveness --manifest deploy.yaml`.',
      },
      {
        cause: 'Chosen deliberately for zero downtime.',
        confirm: 'Then accept the rebalances, or reduce their cost with cooperative rebalancing and static membership.',
      },
    ],
    fix: [
      "`spec.strategy.type: Recreate` in the Deployment, or `kubectl patch deployment <name> -p '{\"spec\":{\"strategy\":{\"type\":\"Recreate\",\"rollingUpdate\":null}}}'`.",
      "If rolling updates must stay: `partition.assignment.strategy=cooperative-sticky` (Karafka `config.kafka = { 'partition.assignment.strategy': 'cooperative-sticky' }`) and a unique `group.instance.id` per pod.",
    ],
    providers: {
      kubernetes: 'Deployments default to RollingUpdate with 25% surge and 25% unavailable.',
    },
    related: ['KD806', 'KD804'],
    signatures: [
      {client: 'kubernetes', pattern: /^\s*StrategyType:\s+RollingUpdate\b/, note: '`kubectl describe deployment`'},
      {client: 'kubernetes', pattern: /"strategy":\s*\{(?:[^{}]|\{[^{}]*\})*"type":\s*"RollingUpdate"/, note: 'Deployment JSON (`kubectl get -o json`, last-applied annotation)'},
    ],
  },
  {
    code: 'KD808',
    title: 'Liveness probe misconfigured',
    layer: 'liveness',
    defaultStatus: 'fail',
    explanation:
      "The liveness probe and the Karafka listener do not fit together. Either the probe reaches another server — the listener answers every path with 200 or 500, so a 404 means something else (Puma, a sidecar) owns that port — or its timings fight the listener: a `timeoutSeconds` shorter than the listener's answer under load, or `periodSeconds × failureThreshold` far below the TTLs.",
    causes: [
      {
        cause: "The probe port belongs to the web server or a sidecar (404 or 405 answers), or to Karafka's ReadinessListener.",
        confirm: "`kdoctor liveness <pod-ip>:<probe port>` checks that the answer is the liveness listener's JSON; with `--manifest` it compares the probe's port with the port the listener reports.",
      },
      {
        cause: "`timeoutSeconds` too short (the default is 1 s): the single-threaded listener answers late while the process is busy.",
        confirm: 'kubelet events say `context deadline exceeded`; `kdoctor liveness --watch 60` times every answer against the probe\'s timeoutSeconds.',
      },
      {
        cause: "Timings that fight the listener: `initialDelaySeconds + periodSeconds × failureThreshold` shorter than the boot (the port opens only once Karafka runs), or `periodSeconds × failureThreshold` as long as the TTLs themselves.",
        confirm: '`kdoctor liveness --manifest deploy.yaml` prints both windows next to the TTLs.',
      },
      {
        cause: 'A probe that cannot see the verdict: `tcpSocket` (the port stays open while the listener answers 500), `grpc`, or `scheme: HTTPS`.',
        confirm: "`kdoctor liveness --manifest deploy.yaml` reads the probe's handler.",
      },
    ],
    fix: [
      'Point the probe at the listener: `livenessProbe: { httpGet: { path: /, port: 3000 } }` (the port given to the listener).',
      'Use `timeoutSeconds: 5` (or more), `periodSeconds: 10`, `initialDelaySeconds: 30`, and a `failureThreshold` that fits your TTLs.',
      'Keep the listener\'s port separate from Puma\'s when both run in one process.',
    ],
    providers: {
      kubernetes: 'The kubelet ignores the JSON body; only the status code counts (2xx and 3xx healthy).',
    },
    related: ['KD801'],
    signatures: [
      {client: 'kubernetes', pattern: /Liveness probe failed: HTTP probe failed with statuscode: (?:404|405)\b/, note: 'the listener never answers 404: another server owns the port'},
      {client: 'kubernetes', pattern: /Liveness probe failed: Get "[^"]+": context deadline exceeded/},
    ],
  },
  {
    code: 'KD809',
    title: 'Liveness endpoint reports unhealthy without a readable reason',
    layer: 'liveness',
    defaultStatus: 'fail',
    explanation:
      "The liveness endpoint says unhealthy (HTTP 500, or `\"status\": \"unhealthy\"`) but not why: every Karafka check in the JSON is false, the 500 has no body, or the body is not JSON that parses. Karafka's own checks (polling, consuming, unrecoverable errors) always name themselves, so something else decided — an overridden `#healthy?` (a database or Redis check), a listener before Karafka 2.5.0 that answers a bare 500, or a custom or broken listener.",
    causes: [
      {
        cause: "`#healthy?` is overridden in a LivenessListener subclass (a database, Redis or HTTP check) and returned false; the JSON keeps every Karafka flag false.",
        confirm: '`kdoctor liveness <pod-ip>:3000` prints the status with all flags false; search the code for `def healthy?` in a subclass of the LivenessListener.',
      },
      {
        cause: 'Karafka before 2.5.0: the listener answers 500 with no body when any check fails, so the reason (polling, consuming, unrecoverable) is not visible.',
        confirm: '`kdoctor liveness` reports a 500 with no body; `bundle exec karafka info` shows the Karafka version.',
      },
      {
        cause: 'A custom listener (or a proxy in front of it) answers JSON that does not parse, or cuts it short.',
        confirm: '`kubectl exec <pod> -- curl -si http://localhost:3000/` shows the raw answer.',
      },
    ],
    fix: [
      "Make the override say why: log the failing dependency before returning false from `#healthy?`, and keep external dependencies (database, Redis) out of the liveness check unless a restart fixes them — a restart loop does not repair a database.",
      'Upgrade to Karafka 2.5.0 or later: the listener then answers 200 or 500 with JSON that names the check that failed.',
      "Return the listener's JSON unchanged from custom listeners and proxies: `{\"status\": …, \"errors\": {\"polling_ttl_exceeded\": …, \"consumption_ttl_exceeded\": …, \"unrecoverable\": …}}`.",
    ],
    providers: {
      kubernetes: 'The kubelet only counts the status code, so an unexplained 500 restarts the pod as surely as a real one; the reason has to come from the application log.',
    },
    related: ['KD802', 'KD803', 'KD804', 'KD808'],
    signatures: [
      {
        client: 'http',
        pattern: /^(?!.*(?:_ttl_exceeded"\s*:\s*true|"unrecoverable"\s*:\s*"[a-z_]+")).*"status"\s*:\s*"unhealthy".*"errors"\s*:\s*\{/,
        note: "the listener's JSON: unhealthy, and no Karafka check raised",
      },
    ],
  },
] satisfies CatalogEntryData[]
