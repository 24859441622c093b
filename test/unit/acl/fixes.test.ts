// Grant commands in each platform's own syntax, and the shared-prefix shortcut.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {type Denial, type FixContext, fixPlan, sharedPrefixes, shellQuote} from '../../../src/checks/acl/fixes.js'
import {CLUSTER_RESOURCE, parseResources} from '../../../src/checks/acl/resources.js'

const topic = (...names: string[]) => parseResources('topic', names, '--topic')
const group = (...names: string[]) => parseResources('group', names, '--group')
const txn = (...names: string[]) => parseResources('transactional-id', names, '--transactional-id')
const principal = {principal: 'User:bob', from: 'sasl.username', uncertain: false}
const ctx = (over: Partial<FixContext> = {}): FixContext => ({provider: 'generic', principal, bootstrap: 'b1:9092,b2:9092', iam: false, ...over})
const denials: Denial[] = [
  ...topic('alice.orders', 'alice.payments', 'events').map((resource) => ({resource, operations: ['Read' as const, 'Describe' as const]})),
  ...topic('orders.*').map((resource) => ({resource, operations: ['Write' as const]})),
  ...group('app').map((resource) => ({resource, operations: ['Read' as const]})),
  {resource: CLUSTER_RESOURCE, operations: ['Create', 'IdempotentWrite']},
  ...txn('tx-1').map((resource) => ({resource, operations: ['Write' as const, 'Describe' as const]})),
]

describe('shared prefixes', () => {
  it('merges names that share a separator-ended prefix, keeps the rest literal', () => {
    assert.deepEqual(sharedPrefixes(['alice.orders', 'alice.payments', 'events', 'bob.x', 'a-1', 'a-2']), {
      prefixes: [
        {prefix: 'alice.', names: ['alice.orders', 'alice.payments']},
        {prefix: 'a-', names: ['a-1', 'a-2']},
      ],
      literal: ['events', 'bob.x'],
    })
    assert.deepEqual(sharedPrefixes(['x.', 'x.']).prefixes, [], 'a name ending in its separator has no prefix to share')
  })

  it('quotes for the shell only when needed', () => {
    assert.equal(shellQuote('alice.orders'), 'alice.orders')
    assert.equal(shellQuote('*'), "'*'")
    assert.equal(shellQuote("it's"), `'it'\\''s'`)
  })
})

describe('kafka-acls.sh (self-hosted, MSK with SCRAM/TLS)', () => {
  const plan = fixPlan(ctx(), denials)
  const commands = plan.commands.map((c) => c.command)

  it('one prefixed command for names that share a prefix, with the literal form as the alternative', () => {
    const merged = plan.commands.find((c) => c.command.includes('--topic alice.'))
    assert.equal(
      merged?.command,
      'kafka-acls.sh --bootstrap-server b1:9092,b2:9092 --command-config admin.properties --add --allow-principal User:bob --operation Describe --operation Read --topic alice. --resource-pattern-type prefixed',
    )
    assert.match(merged?.literalAlternative ?? '', /--topic alice\.orders --topic alice\.payments$/)
    assert.match(merged?.grants ?? '', /topics alice\.\* \(prefixed: alice\.orders, alice\.payments\)/)
  })

  it('literal names, user prefixes, groups, the cluster and transactional ids each in their own flags', () => {
    assert.ok(commands.includes('kafka-acls.sh --bootstrap-server b1:9092,b2:9092 --command-config admin.properties --add --allow-principal User:bob --operation Describe --operation Read --topic events'))
    assert.ok(commands.some((c) => c.endsWith('--operation Write --topic orders. --resource-pattern-type prefixed')))
    assert.ok(commands.some((c) => c.endsWith('--operation Read --group app')))
    assert.ok(commands.some((c) => c.endsWith('--operation Create --operation IdempotentWrite --cluster')))
    assert.ok(commands.some((c) => c.endsWith('--operation Describe --operation Write --transactional-id tx-1')))
    assert.ok(plan.notes.some((n) => n.includes('zookeeper.connect') && n.includes('Kafka 4')))
  })

  it('the wildcard stays a literal `*`, quoted', () => {
    const only = fixPlan(ctx(), topic('*').map((resource) => ({resource, operations: ['Read' as const]})))
    assert.match(only.commands[0]?.command ?? '', /--operation Read --topic '\*'$/)
  })
})

describe('Confluent Cloud', () => {
  it('confluent kafka acl create, one resource per command, --prefix for prefixes, the service account of the API key', () => {
    const plan = fixPlan(ctx({provider: 'confluent', apiKey: 'ABCKEY'}), denials)
    const commands = plan.commands.map((c) => c.command)
    assert.ok(commands.includes('confluent kafka acl create --allow --service-account <service-account-id> --operations describe,read --topic alice. --prefix'))
    assert.ok(commands.includes('confluent kafka acl create --allow --service-account <service-account-id> --operations read --consumer-group app'))
    assert.ok(commands.includes('confluent kafka acl create --allow --service-account <service-account-id> --operations create,idempotent-write --cluster-scope'))
    assert.ok(commands.includes('confluent kafka acl create --allow --service-account <service-account-id> --operations describe,write --transactional-id tx-1'))
    assert.ok(plan.notes.some((n) => n.includes('confluent api-key describe ABCKEY')))
  })
})

describe('AWS MSK with IAM', () => {
  it('names the kafka-cluster actions and resource ARNs instead of ACLs', () => {
    const plan = fixPlan(ctx({provider: 'msk', iam: true, region: 'eu-west-1'}), denials)
    const statements = plan.commands.map((c) => JSON.parse(c.command) as {Action: string[]; Resource: string[]})
    const read = statements.find((s) => s.Action.includes('kafka-cluster:ReadData'))
    assert.deepEqual(read?.Action, ['kafka-cluster:Connect', 'kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'])
    assert.ok(read?.Resource.includes('arn:aws:kafka:eu-west-1:<account-id>:topic/<cluster-name>/<cluster-uuid>/alice.*'))
    assert.ok(read?.Resource.includes('arn:aws:kafka:eu-west-1:<account-id>:topic/<cluster-name>/<cluster-uuid>/events'))
    assert.ok(statements.some((s) => s.Action.includes('kafka-cluster:AlterGroup') && s.Resource.some((r) => r.endsWith(':group/<cluster-name>/<cluster-uuid>/app'))))
    assert.ok(statements.some((s) => s.Action.includes('kafka-cluster:WriteDataIdempotently') && s.Action.includes('kafka-cluster:CreateTopic')))
    assert.ok(statements.some((s) => s.Action.includes('kafka-cluster:AlterTransactionalId')))
    assert.ok(plan.notes.some((n) => n.includes('Kafka ACLs do not apply')))
    assert.ok(plan.commands.every((c) => c.tool === 'iam-policy'))
  })

  it('MSK with SCRAM keeps kafka-acls.sh', () => {
    const plan = fixPlan(ctx({provider: 'msk', iam: false}), denials)
    assert.ok(plan.commands.every((c) => c.tool === 'kafka-acls'))
    assert.ok(plan.notes.some((n) => n.includes('MSK')))
  })
})

describe('Heroku', () => {
  it('groups are created with the Heroku CLI (name without the prefix); names without the prefix are pointed out', () => {
    const plan = fixPlan(ctx({provider: 'heroku', kafkaPrefix: 'wiry-12345.'}), [
      ...group('wiry-12345.app', 'app').map((resource) => ({resource, operations: ['Read' as const]})),
      ...topic('wiry-12345.events').map((resource) => ({resource, operations: ['Write' as const]})),
      {resource: CLUSTER_RESOURCE, operations: ['Create']},
    ])
    const [created, unprefixed, events, cluster] = plan.commands
    assert.equal(created?.command, 'heroku kafka:consumer-groups:create app')
    assert.match(created?.note ?? '', /KD703/)
    assert.match(unprefixed?.note ?? '', /lacks KAFKA_PREFIX \(wiry-12345\.\).*KD702/)
    assert.equal(events?.command, 'heroku kafka:topics:create events')
    assert.match(cluster?.note ?? '', /not offered/)
  })
})
