// The human matrix: one row per resource, one column per operation asked, the deciding request in each cell.
import assert from 'node:assert/strict'
import {it} from 'node:test'

import {Chalk} from 'chalk'

import {fixPlan} from '../../../src/checks/acl/fixes.js'
import {decideCell, type MatrixRow} from '../../../src/checks/acl/matrix.js'
import {CLUSTER_RESOURCE, parseResources} from '../../../src/checks/acl/resources.js'
import type {AclReport} from '../../../src/checks/acl/report.js'
import {cellText, renderAclMatrix} from '../../../src/report/acl-matrix.js'

const plain = new Chalk({level: 0})
const principal = {principal: 'User:alice', from: 'sasl.username, set in -X sasl.username', uncertain: false}
const orders = parseResources('topic', ['alice.orders'], '--topic')[0]!
const other = parseResources('topic', ['alice2.x'], '--topic')[0]!
const rows: MatrixRow[] = [
  {
    resource: orders,
    exists: 'yes',
    cells: [decideCell('Read', {api: 'Fetch v12 (sessionless)', verdict: 'allowed', answer: 'UNKNOWN_TOPIC_OR_PARTITION'}, {api: 'Metadata v12', operations: ['READ'], relation: 'same'})],
  },
  {
    resource: other,
    exists: 'hidden',
    cells: [
      decideCell('Read', {api: 'Fetch v12', verdict: 'denied', answer: 'TOPIC_AUTHORIZATION_FAILED'}),
      decideCell('Create', {api: 'CreateTopics v7 (validate_only)', verdict: 'denied', answer: 'TOPIC_AUTHORIZATION_FAILED'}),
    ],
  },
  {resource: CLUSTER_RESOURCE, cells: [decideCell('IdempotentWrite', undefined, {api: 'DescribeCluster v1', operations: ['IDEMPOTENT_WRITE'], relation: 'sufficient'})]},
]
const ctx = {provider: 'generic' as const, principal, bootstrap: 'b:9092', iam: false}
const report: AclReport = {
  principal,
  broker: {address: '127.0.0.1:19095', nodeId: 1, generation: '4.x or newer'},
  autoCreateTopics: {value: true, source: 'x', assumed: true},
  matrix: rows,
  fixes: {...fixPlan(ctx, [{resource: other, operations: ['Read', 'Create']}]), createTopics: ['kafka-topics.sh --create --topic alice2.x']},
  acls: {listed: false, answer: 'DescribeAcls v3 → CLUSTER_AUTHORIZATION_FAILED'},
  requests: {total: 9, byApi: {}},
  durationMs: 12,
}

it('cells name the deciding request, + when the bitfield agrees, ops when it decided alone', () => {
  assert.equal(cellText(rows[0]!.cells[0]!), '✓ Fetch+')
  assert.equal(cellText(rows[1]!.cells[0]!), '✗ Fetch')
  assert.equal(cellText(rows[2]!.cells[0]!), '✓ ops')
  assert.equal(cellText(decideCell('Read', {api: 'Fetch v12', verdict: 'unknown', answer: 'timeout'})), '? unknown')
})

it('renders principal, broker, the table with only the asked columns, and the commands', () => {
  const text = renderAclMatrix(report, plain)
  const lines = text.split('\n')
  assert.match(lines[0] ?? '', /^Principal  User:alice  · sasl\.username, set in -X sasl\.username$/)
  assert.match(lines[1] ?? '', /^Broker     1 at 127\.0\.0\.1:19095 \(4\.x or newer\) · 9 requests, nothing written · auto\.create\.topics\.enable=true \(assumed\)$/)
  const header = lines.find((l) => l.startsWith('RESOURCE')) ?? ''
  assert.deepEqual(header.split(/\s{2,}/), ['RESOURCE', 'READ', 'CREATE', 'IDEMPOTENT_WRITE'])
  assert.match(text, /topic alice\.orders\s+✓ Fetch\+\s+·\s+·/)
  assert.match(text, /topic alice2\.x \(hidden\)\s+✗ Fetch\s+✗ CreateTopics/)
  assert.match(text, /Topics to create first\n.*\n  kafka-topics\.sh --create --topic alice2\.x/)
  assert.match(text, /To grant what is missing\n  # Read, Create on topics alice2\.x\n  kafka-acls\.sh --bootstrap-server b:9092 .*--operation Read --operation Create --topic alice2\.x\n/)
})
