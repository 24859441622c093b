// acl-check changes nothing: topics, every partition's end offset, consumer groups with their
// offsets and members, and the ACLs are the same before and after a full acl-check as every rig
// principal; a consumer that is live in a group during acl-check sees no rebalance.
//   npm run build && node --import tsx --test test/integration/acl-check-side-effects.test.ts
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'
import kafkajs from 'kafkajs'
import type {Admin, Consumer} from 'kafkajs'

import {findingsOf, runCli} from '../helpers/cli.js'
import {type Rig, ensureRig} from '../helpers/rig.js'
import {parseResources} from '../../src/checks/acl/resources.js'
import {PROBE_SUFFIX} from '../../src/kafka/acl-probes.js'
import {PRINCIPALS, principalArgs} from '../unit/acl/rig-model.js'

const {Kafka, logLevel, AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes} = kafkajs

let rig: Rig
let admin: Admin

// Every kind of resource, existing and missing, own and foreign, literal and prefixed.
const TOPICS = ['alice.orders', 'alice.payments', 'wiry-12345.events', 'wiry-12345.karafka_consumers_states', 'public-events', 'alice.se-missing', 'wiry-12345.se-missing', 'nobody.se-missing', 'alice.*', 'wiry-12345.*', '*']
const GROUPS = ['alice-se-group', 'wiry-12345.se-group', 'bob-se-group', 'alice-live-consumer']
const TRANSACTIONAL_IDS = ['alice-se-tx', 'wiry-12345.se-tx']

function kafka(clientId: string, user: 'admin' | 'alice') {
  const {host, port} = rig.listeners.sasl_plaintext
  const sasl = user === 'admin' ? {mechanism: 'scram-sha-512' as const, username: user, password: rig.users.admin} : {mechanism: 'scram-sha-256' as const, username: user, password: rig.users.alice}
  return new Kafka({clientId, brokers: [`${host}:${port}`], sasl, logLevel: logLevel.NOTHING, retry: {retries: 2}})
}

interface Snapshot {
  topics: Record<string, number>
  endOffsets: Record<string, string>
  groups: Record<string, unknown>
  acls: string[]
}

/** Everything acl-check could possibly change, as the super user sees it. */
async function snapshot(): Promise<Snapshot> {
  const {topics} = await admin.fetchTopicMetadata()
  const names = topics.map((t) => t.name).sort()
  const endOffsets: Record<string, string> = {}
  for (const name of names) {
    for (const p of await admin.fetchTopicOffsets(name)) endOffsets[`${name}-${p.partition}`] = `${p.low}..${p.high}`
  }
  const {groups} = await admin.listGroups()
  const ids = groups.map((g) => g.groupId).sort()
  const described = ids.length > 0 ? (await admin.describeGroups(ids)).groups : []
  const groupState: Record<string, unknown> = {}
  for (const g of described) {
    const offsets = await admin.fetchOffsets({groupId: g.groupId})
    groupState[g.groupId] = {
      state: g.state,
      protocol: g.protocol,
      members: g.members.map((m) => m.memberId).sort(),
      offsets: offsets.flatMap((t) => t.partitions.map((p) => `${t.topic}-${p.partition}@${p.offset}`)).sort(),
    }
  }
  const acls = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  })
  const aclLines = acls.resources.flatMap((r) => r.acls.map((a) => `${r.resourceType}:${r.resourcePatternType}:${r.resourceName} ${a.principal} ${a.operation} ${a.permissionType} ${a.host}`)).sort()
  return {topics: Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]).sort()), endOffsets, groups: groupState, acls: aclLines}
}

interface Difference {
  part: 'topics' | 'endOffsets' | 'groups' | 'acls'
  key: string
  text: string
}

function differences(a: Snapshot, b: Snapshot): Difference[] {
  const out: Difference[] = []
  for (const part of ['topics', 'endOffsets', 'groups'] as const) {
    const keys = new Set([...Object.keys(a[part]), ...Object.keys(b[part])])
    for (const key of keys) {
      if (JSON.stringify(a[part][key]) !== JSON.stringify(b[part][key])) out.push({part, key, text: `${part} ${key}: ${JSON.stringify(a[part][key])} → ${JSON.stringify(b[part][key])}`})
    }
  }
  if (JSON.stringify(a.acls) !== JSON.stringify(b.acls)) out.push({part: 'acls', key: '*', text: `acls: ${a.acls.length} → ${b.acls.length}`})
  return out
}

/** Every name acl-check sends in a request: the literal names, and the probe names it uses for prefixes and `*`. */
const SENT = new Set(
  [...parseResources('topic', TOPICS, '--topic'), ...parseResources('group', GROUPS, '--group'), ...parseResources('transactional-id', TRANSACTIONAL_IDS, '--transactional-id')].map((r) => r.probeName),
)

/**
 * Could acl-check have caused this difference? Only on names it sends requests about (plus its
 * random cluster-probe name, which carries PROBE_SUFFIX); a new internal topic
 * (__consumer_offsets, __transaction_state) would be its doing too. Offsets other clients commit
 * meanwhile move __consumer_offsets' end offset — acl-check's own group writes would show in its
 * groups' state and offsets instead.
 */
function attributable(d: Difference): boolean {
  if (d.part === 'acls') return true
  const name = d.part === 'endOffsets' ? d.key.replace(/-\d+$/, '') : d.key
  if (name.startsWith('__')) return d.part === 'topics'
  return SENT.has(name) || name.includes(PROBE_SUFFIX)
}

const fullRun = (principal: (typeof PRINCIPALS)[number]) =>
  runCli(['acl-check', '--json', '--timeout', '15s', ...principalArgs(rig, principal), '--topic', TOPICS.join(','), '--group', GROUPS.join(','), '--transactional-id', TRANSACTIONAL_IDS.join(',')])

before(async () => {
  rig = await ensureRig()
  admin = kafka('kdoctor-test-snapshot', 'admin').admin()
  await admin.connect()
})

after(async () => {
  await admin?.disconnect()
})

describe('zero side effects', () => {
  it('a full acl-check as every principal leaves topics, end offsets, groups and ACLs as they were', async (t) => {
    const before = await snapshot()
    for (const principal of PRINCIPALS) {
      const run = await fullRun(principal)
      assert.ok(run.json?.acl, `${principal}: ${run.stderr.slice(0, 300)}`)
      assert.ok(run.json.acl.requests.total >= 12, `${principal} sent its probes`)
    }
    const afterwards = await snapshot()
    const diff = differences(before, afterwards)
    // Tests in other files may use the same broker meanwhile: what acl-check could not have
    // caused is reported, not failed on. Everything it could have caused must be identical.
    assert.deepEqual(diff.filter(attributable).map((d) => d.text), [], 'acl-check changed the cluster')
    t.diagnostic(
      diff.length === 0
        ? `snapshots identical: ${Object.keys(before.topics).length} topics, ${Object.keys(before.endOffsets).length} partitions, ${Object.keys(before.groups).length} groups, ${before.acls.length} ACLs`
        : `changes by other clients meanwhile: ${diff.map((d) => d.text).join('; ')}`,
    )
    for (const missing of ['alice.se-missing', 'wiry-12345.se-missing', 'nobody.se-missing']) assert.equal(afterwards.topics[missing], undefined, `${missing} was not created`)
    assert.equal(afterwards.topics.__transaction_state, before.topics.__transaction_state, 'no transaction state topic was created')
  })
})

describe('a live consumer', () => {
  let consumer: Consumer | undefined
  after(async () => {
    await consumer?.disconnect()
  })

  it('sees no rebalance while acl-check probes its group', async () => {
    // Test setup, not kdoctor: alice runs a real consumer in a group she owns.
    consumer = kafka('kdoctor-test-live-consumer', 'alice').consumer({
      groupId: 'alice-live-consumer',
      sessionTimeout: 10_000,
      heartbeatInterval: 300,
    })
    const joins: string[] = []
    let rebalances = 0
    consumer.on(consumer.events.GROUP_JOIN, (e) => joins.push(e.payload.memberId))
    consumer.on(consumer.events.REBALANCING, () => rebalances++)
    await consumer.connect()
    await consumer.subscribe({topics: ['alice.orders']})
    await consumer.run({eachMessage: async () => {}})
    const deadline = Date.now() + 30_000
    while (joins.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    assert.equal(joins.length, 1, 'the consumer joined')
    const before = (await admin.describeGroups(['alice-live-consumer'])).groups[0]
    assert.equal(before?.state, 'Stable')

    for (const principal of ['alice', 'admin', 'bob'] as const) {
      const run = await runCli(['acl-check', '--json', '--timeout', '15s', ...principalArgs(rig, principal), '--group', 'alice-live-consumer', '--topic', 'alice.orders'])
      const row = run.json.acl.matrix.find((r: any) => r.resource.name === 'alice-live-consumer')
      const read = row.cells.find((c: any) => c.operation === 'Read')
      assert.equal(read.verdict, principal === 'bob' ? 'denied' : 'allowed', `${principal}: ${read.method}`)
      if (principal !== 'bob') assert.match(read.method, /Heartbeat v\d+ \(made-up member\) → UNKNOWN_MEMBER_ID/)
      assert.equal(findingsOf(run, {status: 'skip'}).length, 0)
    }
    // several heartbeat intervals for a rebalance to show, had one been triggered
    await new Promise((r) => setTimeout(r, 2000))
    const afterwards = (await admin.describeGroups(['alice-live-consumer'])).groups[0]
    assert.equal(joins.length, 1, 'no second join')
    assert.equal(rebalances, 0, 'no rebalance')
    assert.equal(afterwards?.state, 'Stable')
    assert.deepEqual(
      afterwards?.members.map((m) => m.memberId),
      before?.members.map((m) => m.memberId),
      'the same member, still there',
    )
  })
})
