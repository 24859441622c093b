// Resource × operation verdicts, each with how it was determined. A direct probe decides; a
// KIP-430 bitfield confirms (or decides when no probe could run); nothing known means unknown —
// never allowed.

import {ACL_OPERATION, type Operation} from './operations.js'
import type {ProbeOutcome, Verdict} from '../../kafka/acl-probes.js'
import type {AclResource} from './resources.js'

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
