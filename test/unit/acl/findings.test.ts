// Matrix rows → findings: which code, which status, and KD604 vs KD506 for missing topics.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {type AutoCreateSetting, autoCreateSetting, createTopicCommand, rowFindings} from '../../../src/checks/acl/findings.js'
import {decideCell, type MatrixRow} from '../../../src/checks/acl/matrix.js'
import type {Operation} from '../../../src/checks/acl/operations.js'
import type {Verdict} from '../../../src/kafka/acl-probes.js'
import {CLUSTER_RESOURCE, parseResources} from '../../../src/checks/acl/resources.js'

const cells = (verdicts: Partial<Record<Operation, Verdict>>) =>
  Object.entries(verdicts).map(([op, verdict]) => decideCell(op as Operation, {api: 'Probe v1', verdict: verdict as Verdict, answer: String(verdict)}))
const topicRow = (name: string, exists: MatrixRow['exists'], verdicts: Partial<Record<Operation, Verdict>>): MatrixRow => ({resource: parseResources('topic', [name], '--topic')[0]!, exists, cells: cells(verdicts)})
const on: AutoCreateSetting = {value: true, source: "Apache Kafka's default; this principal may not DescribeConfigs the broker", assumed: true}
const off: AutoCreateSetting = {value: false, source: 'DescribeConfigs of broker 1', assumed: false}
const ctx = (autoCreate?: AutoCreateSetting) => ({principal: 'User:alice', provider: 'generic' as const, autoCreate, fixes: [], bootstrap: 'b:9092'})
const codes = (row: MatrixRow, autoCreate?: AutoCreateSetting) => rowFindings(row, ctx(autoCreate)).map((f) => `${f.code ?? '-'}:${f.status}`)

describe('auto.create.topics.enable', () => {
  it('what the broker says wins; otherwise the platform default, marked as assumed', () => {
    assert.deepEqual(autoCreateSetting({api: 'DescribeConfigs v4', verdict: 'allowed', answer: 'NONE', autoCreateTopicsEnable: false}, 'generic', 1), {value: false, source: 'DescribeConfigs of broker 1', assumed: false})
    const denied = {api: 'DescribeConfigs v4', verdict: 'denied' as const, answer: 'CLUSTER_AUTHORIZATION_FAILED'}
    assert.equal(autoCreateSetting(denied, 'generic', 1).value, true)
    assert.match(autoCreateSetting(denied, 'generic', 1).source, /Apache Kafka's default; this principal may not DescribeConfigs/)
    for (const provider of ['confluent', 'heroku', 'msk'] as const) assert.equal(autoCreateSetting(denied, provider, 1).value, false, provider)
  })
})

describe('rowFindings', () => {
  it('everything allowed: one pass', () => {
    assert.deepEqual(codes(topicRow('alice.orders', 'yes', {Describe: 'allowed', Read: 'allowed', Write: 'allowed'}), on), ['-:pass'])
  })

  it('denials: KD601 / KD602 / KD605 fail, KD603 (cluster rights) warn', () => {
    assert.deepEqual(codes(topicRow('t', 'yes', {Describe: 'allowed', Read: 'denied'})), ['KD601:fail'])
    assert.deepEqual(codes({resource: parseResources('group', ['g'], '--group')[0]!, cells: cells({Describe: 'allowed', Read: 'denied'})}), ['KD602:fail'])
    assert.deepEqual(codes({resource: parseResources('transactional-id', ['x'], '--transactional-id')[0]!, cells: cells({Write: 'denied'})}), ['KD605:fail'])
    assert.deepEqual(codes({resource: CLUSTER_RESOURCE, cells: cells({Create: 'denied'})}), ['KD603:warn'])
    const f = rowFindings(topicRow('t', 'yes', {Describe: 'allowed', Read: 'denied'}), ctx())[0]!
    assert.match(f.summary, /Describe ✓ Read ✗ — User:alice may not Read/)
  })

  it('unknown cells without denials: info that says why', () => {
    const row = {resource: CLUSTER_RESOURCE, cells: [decideCell('Describe', {api: 'DescribeAcls', verdict: 'unknown', answer: 'broker does not offer DescribeAcls'})]}
    const [f] = rowFindings(row, ctx())
    assert.equal(f?.status, 'info')
    assert.match(f?.summary ?? '', /could not tell Describe \(no conclusive answer: DescribeAcls → broker does not offer/)
  })

  it('KD604: missing, auto-creation on, CREATE denied (fail); the same with existence hidden is a warning', () => {
    assert.deepEqual(codes(topicRow('alice2.x', 'no', {Describe: 'allowed', Create: 'denied'}), on), ['KD601:fail', 'KD604:fail'])
    const hidden = rowFindings(topicRow('alice2.x', 'hidden', {Describe: 'denied', Create: 'denied'}), ctx(on))
    assert.deepEqual(hidden.map((f) => `${f.code}:${f.status}`), ['KD601:fail', 'KD604:warn'])
    assert.match(hidden[1]?.summary ?? '', /if alice2\.x does not exist yet.*auto\.create\.topics\.enable=true, assumed: Apache Kafka's default/)
    assert.equal((hidden[1]?.evidence.autoCreateTopicsEnable as AutoCreateSetting).assumed, true)
    assert.match(String(hidden[1]?.evidence.createTopic), /^kafka-topics\.sh --bootstrap-server b:9092 .* --create --topic alice2\.x/)
  })

  it('KD506: missing and nothing creates it (auto-creation off), whoever may create it', () => {
    assert.deepEqual(codes(topicRow('t', 'no', {Describe: 'allowed', Create: 'allowed'}), off), ['-:pass', 'KD506:fail'])
    assert.deepEqual(codes(topicRow('t', 'no', {Describe: 'allowed', Create: 'denied'}), off), ['KD601:fail', 'KD506:fail'])
    // hidden + auto-creation off: the topic row's KD601 says it all
    assert.deepEqual(codes(topicRow('t', 'hidden', {Describe: 'denied', Create: 'denied'}), off), ['KD601:fail'])
  })

  it('missing, auto-creation on, CREATE allowed: an info that it will be created on first use', () => {
    const f = rowFindings(topicRow('t', 'no', {Describe: 'allowed', Create: 'allowed'}), ctx(on))
    assert.deepEqual(f.map((x) => x.status), ['pass', 'info'])
    assert.match(f[1]?.summary ?? '', /creates it on first use/)
  })

  it('KD503: the validate-only create passed the CREATE check and hit the replication factor (fail)', () => {
    const create = decideCell('Create', {api: 'CreateTopics v7', verdict: 'allowed', answer: 'INVALID_REPLICATION_FACTOR, after the CREATE check passed'})
    const row: MatrixRow = {...topicRow('t', 'no', {Describe: 'allowed'}), cells: [...cells({Describe: 'allowed'}), create]}
    const f = rowFindings(row, ctx(on))
    assert.deepEqual(f.map((x) => `${x.code ?? '-'}:${x.status}`), ['-:pass', 'KD503:fail'])
    assert.match(f[1]?.summary ?? '', /CreateTopics v7 answered INVALID_REPLICATION_FACTOR.*nothing was created/)
  })

  it('KD503: default.replication.factor above the live brokers (warn), not when enough are live', () => {
    const row = topicRow('t', 'no', {Describe: 'allowed', Create: 'allowed'})
    const replication = (liveBrokers: number[]) => ({defaultFactor: 3, source: 'DescribeConfigs of broker 1', liveBrokers})
    const f = rowFindings(row, {...ctx(on), replication: replication([1, 2])})
    assert.deepEqual(f.map((x) => `${x.code ?? '-'}:${x.status}`), ['-:pass', 'KD503:warn'])
    assert.match(f[1]?.summary ?? '', /default\.replication\.factor=3 .* only 2 broker\(s\) live \(1, 2\)/)
    assert.deepEqual(f[1]?.evidence.liveBrokers, [1, 2])
    assert.deepEqual(codes(row, on), ['-:pass', '-:info'])
    assert.deepEqual(rowFindings(row, {...ctx(on), replication: replication([1, 2, 3])}).map((x) => x.code ?? '-'), ['-', '-'])
  })

  it('prefixed resources have no existence finding', () => {
    const row: MatrixRow = {resource: parseResources('topic', ['orders.*'], '--topic')[0]!, cells: cells({Create: 'denied'})}
    assert.deepEqual(codes(row, on), ['KD601:fail'])
  })

  it('create-topic commands in the platform\'s syntax', () => {
    assert.equal(createTopicCommand('confluent', 'orders', 'x'), 'confluent kafka topic create orders --partitions 6')
    assert.match(createTopicCommand('heroku', 'orders', 'x'), /^heroku kafka:topics:create orders --partitions 6/)
  })
})
