// Matrix rows → findings: one per resource (KD601 topic, KD602 group, KD603 cluster, KD605
// transactional id), plus KD604 / KD506 for topics that are missing (or hidden) and cannot be
// created the way the client expects.

import type {Provider} from '../../config/profile.js'
import {type Finding, type KdCode, type Status, finding} from '../../diagnosis/finding.js'
import {type FixCommand, shellQuote} from './fixes.js'
import {type Cell, type MatrixRow, deniedOperations, unknownCells} from './matrix.js'
import type {BrokerConfigOutcome} from '../../kafka/acl-probes.js'
import type {ResourceKind} from './resources.js'

/** auto.create.topics.enable: what the broker says, or what can be assumed and why. */
export interface AutoCreateSetting {
  value: boolean
  source: string
  assumed: boolean
}

export function autoCreateSetting(config: BrokerConfigOutcome | undefined, provider: Provider, brokerId: number | undefined): AutoCreateSetting {
  if (config?.autoCreateTopicsEnable !== undefined) {
    return {value: config.autoCreateTopicsEnable, source: `DescribeConfigs of broker ${brokerId ?? '?'}`, assumed: false}
  }
  const why = config?.verdict === 'denied' ? 'this principal may not DescribeConfigs the broker' : `the broker's configuration could not be read (${config?.answer ?? 'not asked'})`
  switch (provider) {
    case 'confluent':
      return {value: false, source: `Confluent Cloud never creates topics automatically; ${why}`, assumed: true}
    case 'heroku':
      return {value: false, source: `Heroku never creates topics automatically; ${why}`, assumed: true}
    case 'msk':
      return {value: false, source: `the AWS MSK default configuration; ${why}`, assumed: true}
    default:
      return {value: true, source: `Apache Kafka's default; ${why}`, assumed: true}
  }
}

const CODE: Record<ResourceKind, KdCode> = {topic: 'KD601', group: 'KD602', cluster: 'KD603', 'transactional-id': 'KD605'}
/** Cluster rights are needed by admin features only (creating topics, idempotence on old brokers): a warning, not a failure. */
const DENIED_STATUS: Record<ResourceKind, Status> = {topic: 'fail', group: 'fail', cluster: 'warn', 'transactional-id': 'fail'}
const MARK = {allowed: '✓', denied: '✗', unknown: '?'} as const

export function cellSummary(cells: readonly Cell[]): string {
  return cells.map((c) => `${c.operation} ${MARK[c.verdict]}`).join(' ')
}

function cellEvidence(cells: readonly Cell[]): Record<string, unknown> {
  return Object.fromEntries(cells.map((c) => [c.operation, {verdict: c.verdict, method: c.method, ...(c.note && {note: c.note}), ...(c.conflict && {conflict: true})}]))
}

/** The broker's default replication factor against the brokers the metadata lists as live. */
export interface ReplicationSetting {
  defaultFactor: number
  source: string
  liveBrokers: number[]
}

export interface RowFindingContext {
  principal: string
  provider: Provider
  autoCreate?: AutoCreateSetting
  replication?: ReplicationSetting
  /** Commands that grant this row's denials (the row alone, literal). */
  fixes: FixCommand[]
  bootstrap: string
}

export function rowFindings(row: MatrixRow, ctx: RowFindingContext): Finding[] {
  const {resource} = row
  const base = {check: 'acl' as const, target: resource.label}
  const denied = deniedOperations(row)
  const unknown = unknownCells(row)
  const conflicts = row.cells.filter((c) => c.conflict).map((c) => c.operation)
  const evidence: Record<string, unknown> = {
    resource: {kind: resource.kind, name: resource.name, pattern: resource.pattern, ...(resource.pattern !== 'literal' && {probedAs: resource.probeName})},
    ...(row.exists && {exists: row.exists}),
    cells: cellEvidence(row.cells),
    ...(ctx.fixes.length > 0 && {fix: ctx.fixes.map((f) => f.command)}),
    ...(conflicts.length > 0 && {conflicts}),
  }
  const marks = cellSummary(row.cells)
  const existsNote = row.exists === 'no' ? ' (does not exist)' : row.exists === 'hidden' ? ' (existence hidden: Describe denied)' : ''
  const conflictNote = conflicts.length > 0 ? `; probe and authorized operations disagree on ${conflicts.join(', ')}` : ''
  const out: Finding[] = []

  if (denied.length > 0) {
    out.push(
      finding({
        ...base,
        status: DENIED_STATUS[resource.kind],
        code: CODE[resource.kind],
        summary: `${marks}${existsNote} — ${ctx.principal} may not ${denied.join(', ')}${conflictNote}`,
        evidence,
      }),
    )
  } else if (unknown.length > 0) {
    out.push(finding({...base, status: 'info', summary: `${marks}${existsNote} — could not tell ${unknown.map((c) => `${c.operation} (${c.method})`).join('; ')}${conflictNote}`, evidence}))
  } else {
    out.push(finding({...base, status: conflicts.length > 0 ? 'info' : 'pass', summary: `${marks}${existsNote}${conflictNote}`, evidence}))
  }

  if (resource.kind === 'topic' && resource.pattern === 'literal') {
    const missing = missingTopicFinding(row, ctx)
    if (missing) out.push(missing)
  }
  return out
}

/** How to create the topic out of band, where the cluster lives. */
export function createTopicCommand(provider: Provider, topic: string, bootstrap: string): string {
  switch (provider) {
    case 'confluent':
      return `confluent kafka topic create ${shellQuote(topic)} --partitions 6`
    case 'heroku':
      return `heroku kafka:topics:create ${shellQuote(topic)} --partitions 6  # name without KAFKA_PREFIX`
    default:
      return `kafka-topics.sh --bootstrap-server ${shellQuote(bootstrap)} --command-config admin.properties --create --topic ${shellQuote(topic)} --partitions 6 --replication-factor 3`
  }
}

/** KD604 (auto-creation on, CREATE denied), KD503 (creation fails on the replication factor), KD506 (missing, auto-creation off), or a note that it will be auto-created. */
function missingTopicFinding(row: MatrixRow, ctx: RowFindingContext): Finding | undefined {
  const {resource} = row
  const create = row.cells.find((c) => c.operation === 'Create')
  const auto = ctx.autoCreate
  if (!auto || (row.exists !== 'no' && row.exists !== 'hidden')) return undefined
  const base = {check: 'acl' as const, target: resource.label}
  const setting = `auto.create.topics.enable=${auto.value}, ${auto.assumed ? `assumed: ${auto.source}` : `from ${auto.source}`}`
  const evidence = {
    exists: row.exists,
    autoCreateTopicsEnable: auto,
    ...(create && {create: {verdict: create.verdict, method: create.method}}),
    createTopic: createTopicCommand(ctx.provider, resource.name, ctx.bootstrap),
  }

  if (create?.verdict === 'denied' && auto.value) {
    // Describe denied: Kafka hides whether the topic exists, so this is what happens if it does not.
    const hidden = row.exists === 'hidden'
    return finding({
      ...base,
      status: hidden ? 'warn' : 'fail',
      code: 'KD604',
      summary: hidden
        ? `if ${resource.name} does not exist yet (Describe is denied, so Kafka does not say), clients cannot make it: the broker would create it on first use (${setting}), but ${ctx.principal} may not CREATE it, so they get TOPIC_AUTHORIZATION_FAILED`
        : `${resource.name} does not exist and ${ctx.principal} may not create it: the broker would create it on first use (${setting}), but no ACL allows CREATE, so clients get TOPIC_AUTHORIZATION_FAILED instead`,
      evidence,
    })
  }

  if (row.exists !== 'no') return undefined
  // The validate-only CreateTopics passed the CREATE check and then hit the replication factor:
  // whoever creates it (first use or explicitly, with the broker default) fails the same way now.
  const replication = create?.evidence.find((e) => e.source === 'probe' && e.answer.startsWith('INVALID_REPLICATION_FACTOR'))
  if (replication) {
    return finding({
      ...base,
      status: 'fail',
      code: 'KD503',
      summary: `${resource.name} does not exist, and creating it with the broker's default replication factor fails now: ${replication.api} answered INVALID_REPLICATION_FACTOR (default.replication.factor is larger than the brokers the controller counts as live); nothing was created (validate-only)`,
      evidence: {...evidence, createProbe: {api: replication.api, answer: replication.answer}},
    })
  }
  // KRaft counts registered brokers, stopped ones included, so the validate-only create passes
  // while a broker is down; the default factor against the live brokers still tells.
  const live = ctx.replication
  if (live && live.defaultFactor > live.liveBrokers.length && (create?.verdict === 'allowed' || auto.value)) {
    return finding({
      ...base,
      status: 'warn',
      code: 'KD503',
      summary: `${resource.name} does not exist, and created now it would get default.replication.factor=${live.defaultFactor} (${live.source}) with only ${live.liveBrokers.length} broker(s) live (${live.liveBrokers.join(', ')}): ZooKeeper-mode clusters refuse it (INVALID_REPLICATION_FACTOR), KRaft places a replica on a stopped broker and the topic starts under-replicated`,
      evidence: {...evidence, defaultReplicationFactor: live.defaultFactor, defaultReplicationFactorSource: live.source, liveBrokers: live.liveBrokers},
    })
  }
  if (!auto.value) {
    const who = create?.verdict === 'allowed' ? `; ${ctx.principal} may create it` : create?.verdict === 'denied' ? `; ${ctx.principal} may not create it either` : ''
    return finding({...base, status: 'fail', code: 'KD506', summary: `${resource.name} does not exist and nothing creates it automatically (${setting})${who}`, evidence})
  }
  if (create?.verdict === 'allowed') {
    return finding({...base, status: 'info', summary: `${resource.name} does not exist yet: the broker creates it on first use (${setting}) and ${ctx.principal} may create it; creating it explicitly is safer`, evidence})
  }
  return finding({...base, status: 'warn', code: 'KD506', summary: `${resource.name} does not exist (could not tell whether ${ctx.principal} may create it: ${create?.method ?? 'not probed'})`, evidence})
}
