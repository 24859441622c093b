// How a cell is decided: the probe decides, the bitfield confirms or fills in, unknown stays unknown.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {decideCell, deniedOperations, type BitfieldView} from '../../../src/checks/acl/matrix.js'
import type {ProbeOutcome} from '../../../src/kafka/acl-probes.js'
import {CLUSTER_RESOURCE} from '../../../src/checks/acl/resources.js'

const probe = (verdict: ProbeOutcome['verdict'], answer = verdict === 'denied' ? 'TOPIC_AUTHORIZATION_FAILED' : 'UNKNOWN_TOPIC_OR_PARTITION'): ProbeOutcome => ({api: 'Fetch v12', verdict, answer})
const bits = (operations: string[] | undefined, relation: BitfieldView['relation'] = 'same', wider?: string): BitfieldView => ({api: 'Metadata v12', operations, relation, ...(wider && {wider})})

describe('decideCell', () => {
  it('a conclusive probe decides, and says that the bitfield agrees', () => {
    const cell = decideCell('Read', probe('allowed'), bits(['READ', 'DESCRIBE']))
    assert.equal(cell.verdict, 'allowed')
    assert.match(cell.method, /^Fetch v12 → UNKNOWN_TOPIC_OR_PARTITION; authorized operations \(Metadata v12\) agree$/)
    assert.deepEqual(
      cell.evidence.map((e) => [e.source, e.verdict]),
      [
        ['probe', 'allowed'],
        ['authorized-operations', 'allowed'],
      ],
    )
    assert.equal(cell.conflict, undefined)
  })

  it('a denial is a denial even when no bitfield was computed (Describe denied hides it)', () => {
    const cell = decideCell('Read', probe('denied'), bits(undefined))
    assert.equal(cell.verdict, 'denied')
    assert.equal(cell.evidence.length, 1)
  })

  it('probe and bitfield that disagree on the same right: the probe wins and the cell says so', () => {
    const cell = decideCell('Write', probe('denied'), bits(['WRITE']))
    assert.equal(cell.verdict, 'denied')
    assert.equal(cell.conflict, true)
    assert.match(cell.method, /say allowed/)
  })

  it('a bitfield that is only sufficient (CREATE via the cluster, IDEMPOTENT_WRITE via topic WRITE) does not contradict an allowed probe', () => {
    const cell = decideCell('IdempotentWrite', probe('allowed', 'INVALID_REQUEST'), bits([], 'sufficient', 'since Kafka 2.8 WRITE on any topic'))
    assert.equal(cell.verdict, 'allowed')
    assert.equal(cell.conflict, undefined)
    assert.equal(cell.note, 'since Kafka 2.8 WRITE on any topic')
    // but an allowed bit with a denied probe is a real contradiction
    assert.equal(decideCell('Create', probe('denied'), bits(['CREATE'], 'sufficient')).conflict, true)
  })

  it('no conclusive probe: a "same" bitfield decides either way, a "sufficient" one only when it allows', () => {
    const failed = probe('unknown', 'timeout: no reply')
    assert.equal(decideCell('Read', failed, bits(['READ'])).verdict, 'allowed')
    assert.equal(decideCell('Read', failed, bits(['DESCRIBE'])).verdict, 'denied')
    assert.match(decideCell('Read', failed, bits(['DESCRIBE'])).method, /the probe gave no answer: Fetch v12 → timeout/)
    assert.equal(decideCell('Create', failed, bits(['CREATE'], 'sufficient')).verdict, 'allowed')
    assert.equal(decideCell('Create', failed, bits([], 'sufficient')).verdict, 'unknown')
  })

  it('nothing known is unknown, never allowed', () => {
    const cell = decideCell('Describe', probe('unknown', 'broker does not offer DescribeTransactions (key 65)'))
    assert.equal(cell.verdict, 'unknown')
    assert.match(cell.method, /no conclusive answer: Fetch v12 → broker does not offer/)
    assert.equal(decideCell('Describe', undefined).method, 'not probed')
  })
})

it('deniedOperations lists the denied cells in order', () => {
  const row = {resource: CLUSTER_RESOURCE, cells: [decideCell('Describe', probe('denied')), decideCell('Create', probe('allowed')), decideCell('DescribeConfigs', probe('denied'))]}
  assert.deepEqual(deniedOperations(row), ['Describe', 'DescribeConfigs'])
})
