// Resource × operation verdicts, each with how it was determined. A direct probe decides; a
// KIP-430 bitfield confirms (or decides when no probe could run); nothing known means unknown —
// never allowed.

import type {
  AclListOutcome,
  BrokerConfigOutcome,
  ClusterOperationsOutcome,
  GroupDescribeOutcome,
  ProbeOutcome,
  TopicMetadataOutcome,
  Verdict,
} from '../../kafka/acl-probes.js'
import {ACL_OPERATION, type Operation, operationsFor} from './operations.js'
import {type AclResource, CLUSTER_RESOURCE} from './resources.js'

export interface CellEvidence {
  /** probe: a request the broker authorized or refused; authorized-operations: a KIP-430 bitfield. */
  source: 'probe' | 'authorized-operations'
  api: string
  answer: string
  verdict: Verdict
}

export interface Cell {
  operation: Operation
  verdict: Verdict
  /** One line: what decided, and whether the other source agreed. */
  method: string
  evidence: CellEvidence[]
  /** The probe and the bitfield disagree (a custom authorizer, or ACLs changed between requests). */
  conflict?: boolean
  note?: string
}

export interface MatrixRow {
  resource: AclResource
  /** Topics only: whether the name exists as far as this principal may know. */
  exists?: 'yes' | 'no' | 'hidden' | 'unknown'
  cells: Cell[]
}

/**
 * How a bitfield relates to what the probe measures.
 * - same: the broker authorizes the probe with exactly this ACL operation.
 * - sufficient: the probe also passes through other grants (topic CREATE through CREATE on the
 *   cluster; IDEMPOTENT_WRITE through WRITE on any topic since Kafka 2.8, KIP-679), so a bitfield
 *   without the bit does not contradict an allowed probe. `wider` says what else grants it.
 */
export interface BitfieldView {
  api: string
  /** undefined: not computed for this resource (then only the probe counts). */
  operations?: readonly string[]
  relation: 'same' | 'sufficient'
  wider?: string
}

export function bitfieldEvidence(operation: Operation, bits: BitfieldView): CellEvidence | undefined {
  if (!bits.operations) return undefined
  const has = bits.operations.includes(ACL_OPERATION[operation]) || bits.operations.includes('ALL')
  return {source: 'authorized-operations', api: bits.api, answer: has ? `${ACL_OPERATION[operation]} granted` : `${ACL_OPERATION[operation]} not granted`, verdict: has ? 'allowed' : 'denied'}
}

export function decideCell(operation: Operation, probe: ProbeOutcome | undefined, bits?: BitfieldView): Cell {
  const evidence: CellEvidence[] = []
  if (probe) evidence.push({source: 'probe', api: probe.api, answer: probe.answer, verdict: probe.verdict})
  const fromBits = bits && bitfieldEvidence(operation, bits)
  if (fromBits) evidence.push(fromBits)

  if (probe && probe.verdict !== 'unknown') {
    const cell: Cell = {operation, verdict: probe.verdict, method: `${probe.api} → ${probe.answer}`, evidence}
    if (!fromBits || !bits) return cell
    if (fromBits.verdict === probe.verdict) {
      cell.method += `; authorized operations (${fromBits.api}) agree`
    } else if (bits.relation === 'sufficient' && fromBits.verdict === 'denied') {
      cell.method += `; no ${ACL_OPERATION[operation]} in the authorized operations (${fromBits.api})`
      if (bits.wider) cell.note = bits.wider
    } else {
      cell.conflict = true
      cell.method += `; authorized operations (${fromBits.api}) say ${fromBits.verdict}`
    }
    return cell
  }

  if (fromBits && (fromBits.verdict === 'allowed' || bits?.relation === 'same')) {
    const why = probe ? ` (the probe gave no answer: ${probe.api} → ${probe.answer})` : ''
    return {operation, verdict: fromBits.verdict, method: `authorized operations (${fromBits.api}): ${fromBits.answer}${why}`, evidence}
  }

  const reasons = evidence.map((e) => `${e.api} → ${e.answer}`)
  return {operation, verdict: 'unknown', method: reasons.length > 0 ? `no conclusive answer: ${reasons.join('; ')}` : 'not probed', evidence}
}

/** A cell decided by a fact rather than a request (e.g. the broker has no authorizer). */
export function factCell(operation: Operation, verdict: Verdict, method: string): Cell {
  return {operation, verdict, method, evidence: []}
}

export function deniedOperations(row: MatrixRow): Operation[] {
  return row.cells.filter((c) => c.verdict === 'denied').map((c) => c.operation)
}

export function unknownCells(row: MatrixRow): Cell[] {
  return row.cells.filter((c) => c.verdict === 'unknown')
}

/** What the matrix covers: the resources asked about, and the operations (undefined: all of each kind). */
export interface MatrixScope {
  topics: AclResource[]
  groups: AclResource[]
  transactionalIds: AclResource[]
  operations?: Parameters<typeof operationsFor>[1]
}

/** Every probe's answer, by the resource's probe name. */
export interface ProbeAnswers {
  metadata: Map<string, TopicMetadataOutcome>
  write: Map<string, ProbeOutcome>
  read: Map<string, ProbeOutcome>
  create: Map<string, ProbeOutcome>
  clusterCreateName: string
  groupDescribe: Map<string, GroupDescribeOutcome>
  groupRead: Map<string, ProbeOutcome>
  cluster: ClusterOperationsOutcome
  idempotent?: ProbeOutcome
  brokerConfig?: BrokerConfigOutcome
  aclList?: AclListOutcome
  txnDescribe: Map<string, ProbeOutcome>
  txnWrite: Map<string, ProbeOutcome>
}

const WIDER_TOPIC_CREATE = 'CREATE on the cluster also allows creating it'
const WIDER_CLUSTER_CREATE = 'a topic ACL covering every name (e.g. --topic "*") also allows creating topics'
const WIDER_IDEMPOTENT = 'since Kafka 2.8 (KIP-679) WRITE on any topic also allows idempotent producing'

/** The matrix from the probes' answers: one row per resource asked about, one cell per operation. */
export function buildMatrix(options: MatrixScope, a: ProbeAnswers): MatrixRow[] {
  const rows: MatrixRow[] = []
  const ops = (kind: AclResource['kind']) => operationsFor(kind, options.operations)

  for (const topic of options.topics) {
    const m = a.metadata.get(topic.probeName)
    const exists = topic.pattern === 'literal' ? (m?.exists ?? 'unknown') : undefined
    const bits = (relation: BitfieldView['relation'], wider?: string): BitfieldView => ({api: m?.api ?? 'Metadata', operations: m?.authorizedOperations, relation, ...(wider && {wider})})
    const cells: Cell[] = []
    for (const op of ops('topic')) {
      if (op === 'Describe') cells.push(decideCell(op, m, bits('same')))
      if (op === 'Read') cells.push(decideCell(op, a.read.get(topic.probeName), bits('same')))
      if (op === 'Write') cells.push(decideCell(op, a.write.get(topic.probeName), bits('same')))
      if (op === 'Create' && exists !== 'yes') cells.push(decideCell(op, a.create.get(topic.probeName), bits('sufficient', WIDER_TOPIC_CREATE)))
    }
    rows.push({resource: topic, ...(exists && {exists}), cells})
  }

  for (const group of options.groups) {
    const d = a.groupDescribe.get(group.probeName)
    const bits: BitfieldView = {api: d?.api ?? 'DescribeGroups', operations: d?.authorizedOperations, relation: 'same'}
    const cells = ops('group').map((op) => decideCell(op, op === 'Describe' ? d : a.groupRead.get(group.probeName), bits))
    rows.push({resource: group, cells})
  }

  // The cluster bitfield is all-or-nothing: 0 means DESCRIBE is denied and nothing else was computed.
  const c = a.cluster
  const clusterBits = (op: Operation, relation: BitfieldView['relation'], wider?: string): BitfieldView => ({
    api: c.api,
    operations: c.authorizedOperations ?? (c.describeDenied && op === 'Describe' ? [] : undefined),
    relation,
    ...(wider && {wider}),
  })
  const clusterCells = ops('cluster').map((op) => {
    switch (op) {
      case 'Describe':
        return decideCell(op, a.aclList, clusterBits(op, 'same'))
      case 'Create':
        return decideCell(op, a.create.get(a.clusterCreateName), clusterBits(op, 'sufficient', WIDER_CLUSTER_CREATE))
      case 'IdempotentWrite':
        return decideCell(op, a.idempotent, clusterBits(op, 'sufficient', WIDER_IDEMPOTENT))
      default:
        return decideCell(op, a.brokerConfig, clusterBits(op, 'same'))
    }
  })
  rows.push({resource: CLUSTER_RESOURCE, cells: clusterCells})

  for (const id of options.transactionalIds) {
    const cells = ops('transactional-id').map((op) => decideCell(op, op === 'Describe' ? a.txnDescribe.get(id.probeName) : a.txnWrite.get(id.probeName)))
    rows.push({resource: id, cells})
  }
  return rows
}
