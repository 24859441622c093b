// What the Karafka settings say about liveness and rebalancing: the listener's port, binding
// and TTLs, static membership and the assignment strategy. Notes, mostly; a warning where the
// setting itself breaks the probe (a bound hostname) or fences pods (a shared static id).

import {finding, type Finding} from '../diagnosis/finding.js'
import {KARAFKA_LISTENER} from './defaults.js'
import {DEFAULT_TTLS, type TtlSettings} from './interpret.js'
import type {KafkaKey, KarafkaSettings, ListenerSetup, RubyValue} from './karafka-config.js'

/** The listener the probe should reach, as far as the settings say. */
export interface ListenerFromSettings {
  /** The liveness or swarm listener's setup, when karafka.rb has one. */
  listener?: ListenerSetup
  port?: {value: number; where: string}
  readinessPort?: {value: number; where: string}
  ttls: TtlSettings
}

/** Facts from the deployment that change how a setting reads (replicas, rollout, swarm). */
export interface DeploymentFacts {
  replicas?: number
  recreate?: boolean
  swarm?: boolean
}

const numberOf = (value: RubyValue | undefined): number | undefined => (value?.literal && typeof value.value === 'number' ? value.value : undefined)
const first = (settings: KarafkaSettings | undefined, key: KafkaKey): RubyValue | undefined => settings?.kafka[key]?.[0]

/** Picks the listener that matters (swarm when swarm mode is known, else the standard one) and its TTLs. */
export function listenerFromSettings(settings: KarafkaSettings | undefined, swarm?: boolean): ListenerFromSettings {
  const candidates = settings?.listeners.filter((l) => l.kind !== 'readiness') ?? []
  const listener = candidates.find((l) => l.kind === (swarm ? 'swarm' : 'liveness')) ?? candidates[0]
  const readiness = settings?.listeners.find((l) => l.kind === 'readiness')
  const portValue = numberOf(listener?.args.port)
  const readinessPort = numberOf(readiness?.args.port)

  const maxPolls = (settings?.kafka['max.poll.interval.ms'] ?? []).map(numberOf).filter((n): n is number => n !== undefined)
  const derivedStability = KARAFKA_LISTENER.stabilityMultiplier * Math.max(KARAFKA_LISTENER.maxPollIntervalMs, ...maxPolls)
  const args = listener?.args ?? {}
  const given = ['polling_ttl', 'consuming_ttl', 'stability_ttl', 'controlling_ttl'].filter((k) => numberOf(args[k]) !== undefined)
  const ttls: TtlSettings = {
    pollingMs: numberOf(args.polling_ttl) ?? DEFAULT_TTLS.pollingMs,
    consumingMs: numberOf(args.consuming_ttl) ?? DEFAULT_TTLS.consumingMs,
    stabilityMs: numberOf(args.stability_ttl) ?? derivedStability,
    controllingMs: numberOf(args.controlling_ttl) ?? DEFAULT_TTLS.controllingMs,
    source: listener && given.length > 0 ? listener.where : maxPolls.length > 0 ? `Karafka's defaults, max.poll.interval.ms from ${settings?.kafka['max.poll.interval.ms']?.[0]?.where}` : DEFAULT_TTLS.source,
  }

  return {
    ...(listener ? {listener} : {}),
    ...(portValue === undefined || !listener ? {} : {port: {value: portValue, where: listener.where}}),
    ...(readinessPort === undefined || !readiness ? {} : {readinessPort: {value: readinessPort, where: readiness.where}}),
    ttls,
  }
}

const CLASS_NAMES = {liveness: 'LivenessListener', swarm: 'SwarmLivenessListener', readiness: 'ReadinessListener'} as const
const ALL_INTERFACES = new Set(['', '0.0.0.0', '::', '[::]'])

export function karafkaSettingsFindings(settings: KarafkaSettings, facts: DeploymentFacts = {}): Finding[] {
  const target = settings.source
  const findings: Finding[] = []
  const add = (f: Omit<Parameters<typeof finding>[0], 'check' | 'target'>) => findings.push(finding({check: 'config', target, ...f}))

  if (settings.fromRuby) {
    const listeners = settings.listeners.filter((l) => l.kind !== 'readiness')
    if (listeners.length === 0) {
      add({status: 'info', summary: `no LivenessListener.new(…) or SwarmLivenessListener.new(…) in ${settings.source}: unless it is subscribed elsewhere, nothing answers the probe (KD801)`})
    }

    for (const listener of listeners) {
      const {args} = listener
      const shown = Object.entries(args)
        .map(([k, v]) => `${k}: ${v.text}`)
        .join(', ')
      add({status: 'pass', summary: `${CLASS_NAMES[listener.kind]}.new(${shown}) at ${listener.where.replace(`${settings.source} `, '')}`, evidence: {listener: listener.kind, where: listener.where, arguments: Object.fromEntries(Object.entries(args).map(([k, v]) => [k, v.literal ? v.value : v.text]))}})

      const hostname = args.hostname
      if (hostname?.literal && typeof hostname.value === 'string' && !ALL_INTERFACES.has(hostname.value)) {
        const docsExample = hostname.value === '192.168.1.100' ? " (the documentation's example address, copied?)" : ''
        add({status: 'warn', code: 'KD801', summary: `hostname: ${hostname.text} binds the listener to that address only${docsExample}: the kubelet connects to the pod IP and is refused — leave hostname unset (all interfaces)`, evidence: {hostname: hostname.value, where: hostname.where}})
      } else if (hostname && !hostname.literal) {
        add({status: 'info', summary: `hostname: ${hostname.text} — it must be the pod IP or all interfaces for the kubelet to reach it`, evidence: {hostname: hostname.text, where: hostname.where}})
      }

      if (args.port && !args.port.literal) add({status: 'info', summary: `port: ${args.port.text} is an expression: kdoctor cannot read the port from it`, evidence: {port: args.port.text, where: args.port.where}})
    }
  }

  findings.push(...staticMembership(settings, facts))
  findings.push(...assignment(settings))

  const statistics = first(settings, 'statistics.interval.ms')
  if (numberOf(statistics) === 0) {
    add({status: 'info', summary: `statistics.interval.ms is 0 (${statistics?.where}): stability_ttl never fires, so a group stuck rebalancing is not reported (KD806)`})
  }

  return findings
}

function staticMembership(settings: KarafkaSettings, facts: DeploymentFacts): Finding[] {
  const target = settings.source
  const ids = settings.kafka['group.instance.id'] ?? []
  const id = ids[0]
  if (!id) {
    return [finding({check: 'config', target, status: 'info', summary: 'no static membership (group.instance.id is not set): every pod restart is a full leave and rejoin of the group'})]
  }

  const evidence = {groupInstanceId: id.literal ? id.value : id.text, where: id.where, ...(facts.replicas === undefined ? {} : {replicas: facts.replicas})}
  if (!id.literal) {
    return [finding({check: 'config', target, status: 'info', summary: `static membership: group.instance.id = ${id.text} (${id.where}) — must differ per process (the pod name does; add the swarm node id in swarm mode)`, evidence})]
  }

  if (!settings.fromRuby) {
    return [finding({check: 'config', target, status: 'info', summary: `static membership: group.instance.id=${id.text} — every process needs its own id (e.g. the pod name), or they fence each other (KD804)`, evidence})]
  }

  const alone = facts.replicas === 1 && facts.recreate === true && !facts.swarm
  if (alone) {
    return [finding({check: 'config', target, status: 'info', summary: `static membership: group.instance.id is the constant ${id.text} (${id.where}); fine for one Recreate-deployed process, fenced as soon as a second one runs`, evidence})]
  }

  const who = facts.swarm ? 'every swarm node' : facts.replicas && facts.replicas > 1 ? `all ${facts.replicas} replicas` : 'every process (replicas, rollout overlap)'
  return [finding({check: 'config', target, status: 'warn', code: 'KD804', summary: `group.instance.id is the constant ${id.text} (${id.where}): ${who} use the same static id and fence each other (unrecoverable: "fenced") — derive it from the pod name, e.g. ENV.fetch('HOSTNAME')`, evidence})]
}

function assignment(settings: KarafkaSettings): Finding[] {
  const target = settings.source
  const protocol = first(settings, 'group.protocol')
  const strategy = first(settings, 'partition.assignment.strategy')
  if (protocol?.literal && protocol.value === 'consumer') {
    return [finding({check: 'config', target, status: 'info', summary: `group.protocol=consumer (${protocol.where}): KIP-848 rebalances, incremental and driven by the broker (Kafka 4.0+)`, evidence: {groupProtocol: 'consumer', where: protocol.where}})]
  }

  if (strategy?.literal && typeof strategy.value === 'string' && strategy.value.includes('cooperative-sticky')) {
    return [finding({check: 'config', target, status: 'info', summary: `partition.assignment.strategy=${strategy.value} (${strategy.where}): incremental (cooperative) rebalances`, evidence: {partitionAssignmentStrategy: strategy.value, where: strategy.where}})]
  }

  const what = strategy ? `partition.assignment.strategy=${strategy.literal ? String(strategy.value) : strategy.text} (${strategy.where})` : 'librdkafka\'s default partition.assignment.strategy (range,roundrobin)'
  return [finding({check: 'config', target, status: 'info', summary: `${what}: eager rebalances stop every partition of the group — consider partition.assignment.strategy=cooperative-sticky, or group.protocol=consumer on Kafka 4.0+`, evidence: {...(strategy ? {partitionAssignmentStrategy: strategy.literal ? strategy.value : strategy.text, where: strategy.where} : {partitionAssignmentStrategy: 'range,roundrobin (default)'})}})]
}

/** Short words for the deployment strategy finding: what softens a rolling update. */
export function rebalanceMitigations(settings: KarafkaSettings | undefined): string[] {
  if (!settings) return []
  const out: string[] = []
  const protocol = first(settings, 'group.protocol')
  const strategy = first(settings, 'partition.assignment.strategy')
  if (protocol?.literal && protocol.value === 'consumer') out.push('group.protocol=consumer')
  else if (strategy?.literal && typeof strategy.value === 'string' && strategy.value.includes('cooperative-sticky')) out.push('cooperative-sticky')
  if (first(settings, 'group.instance.id')) out.push('static membership')
  return out
}
