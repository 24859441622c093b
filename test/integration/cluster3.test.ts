// Partial failures of a real three-broker cluster (KDOCTOR_RIG_BROKERS=3 in test/kafka/rig.mjs):
// bootstrap works while one broker of three is unreachable or down.
//
// Where the traffic goes: every address these tests make kdoctor dial is learned from the
// brokers' metadata, so the cluster itself runs in a network namespace of its own with only a
// loopback interface (`unshare -n`, `ip link set lo up`, held by a `sleep`), and every kdoctor run
// here joins that namespace first (`nsenter -t <holder> -n`, rig.netns.enter). Inside it there is
// no route anywhere but 127.0.0.1, so even a wrong advertised address cannot leave the machine,
// and the rig's ports never collide with the one-broker rig or another worktree's. The test
// process itself stays outside and only reads rig.json and starts/kills nodes through rig.mjs.
//
// The tests run in order in one file: healthy cluster first, then faults that leave it intact,
// then node 3 killed (restarted in `after`, and by the next ensureRig3 if a run is interrupted).
import assert from 'node:assert/strict'
import {setTimeout as sleep} from 'node:timers/promises'
import {after, before, describe, test} from 'node:test'

import {type CliRun, findingsOf, runCli} from '../helpers/cli.js'
import {type Rig, ensureRig3, killRig3Node, startRig3Node} from '../helpers/rig.js'

let rig: Rig & {netns: NonNullable<Rig['netns']>}
const address = (l: {host: string; port: number}) => `${l.host}:${l.port}`
const node = (id: number) => rig.brokers.find((b) => b.nodeId === id)!

function inRig(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return runCli(args, {prefix: rig.netns.enter, env})
}

/** SCRAM-SHA-512 as the super user on node 1's sasl_plaintext listener: every topic is visible. */
const asAdmin = () => [
  '-b',
  address(rig.listeners.sasl_plaintext),
  '-X',
  'security.protocol=SASL_PLAINTEXT',
  '-X',
  'sasl.mechanisms=SCRAM-SHA-512',
  '-X',
  'sasl.username=admin',
  '-X',
  'sasl.password=env:ADMIN_PW',
]
const adminEnv = () => ({ADMIN_PW: rig.users.admin})

async function json(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const run = await inRig([...args, '--json'], env)
  assert.ok(run.json, `stdout is one JSON document (exit ${run.status}): ${run.stdout.slice(0, 300)} ${run.stderr.slice(0, 300)}`)
  return run
}

/** Polls until `check` returns a value (the cluster needs a few seconds to fence a killed node). */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(500)
  }
}

before(async () => {
  rig = await ensureRig3()
})

describe('three healthy brokers', () => {
  test('connect dials every advertised broker, each passes; racks a, b, c; kafkajs reaches all three', async () => {
    const run = await json(['connect', '-b', address(rig.listeners.plaintext), '--timeout', '8s'])
    assert.equal(run.status, 0, run.stdout.slice(0, 500))
    const metadata = findingsOf(run, {check: 'metadata'})[0]
    assert.equal(metadata.status, 'pass')
    assert.deepEqual(
      metadata.evidence.brokers.map((b: {nodeId: number; rack: string}) => [b.nodeId, b.rack]),
      [
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ],
    )
    const advertised = findingsOf(run, {check: 'advertised'})
    assert.deepEqual(advertised.map((f) => [f.evidence.nodeId, f.status]), [
      [1, 'pass'],
      [2, 'pass'],
      [3, 'pass'],
    ])
    const client = findingsOf(run, {check: 'client'})[0]
    assert.equal(client.status, 'pass')
    assert.deepEqual(client.evidence.brokers.map((b: {nodeId: number; reached: boolean}) => [b.nodeId, b.reached]), [
      [1, true],
      [2, true],
      [3, true],
    ])
  })

  test('cluster-info lists three brokers and replication factor 3 with nothing under-replicated', async () => {
    const run = await json(['cluster-info', ...asAdmin()], adminEnv())
    assert.equal(run.status, 0)
    const {cluster} = run.json
    assert.deepEqual(cluster.brokers.map((b: {nodeId: number; rack: string}) => `${b.nodeId}${b.rack}`), ['1a', '2b', '3c'])
    assert.deepEqual(cluster.missingBrokers, [])
    const orders = cluster.topics.find((t: {name: string}) => t.name === 'alice.orders')
    assert.deepEqual([orders.partitions, orders.replicationFactor, orders.leaderless, orders.underReplicated], [3, 3, [], []])
  })
})

describe('one broker advertises an address that does not answer', () => {
  test('bootstrap ✓, brokers 1 and 3 ✓, broker 2 KD501 with its advertised address and listener; exit 1; kafkajs agrees', async () => {
    const bootstrap = address(node(1).listeners.one_unreachable!)
    const closed = node(2).listeners.one_unreachable!
    const advertisedByTwo = `${closed.advertisedHost}:${closed.advertisedPort}`
    const run = await json(['connect', '-b', bootstrap, '--timeout', '8s'])
    assert.equal(run.status, 1)
    assert.equal(run.json.ok, false)

    assert.equal(findingsOf(run, {check: 'metadata', status: 'pass'}).length, 1, 'bootstrap got through')
    const verdicts = new Map(findingsOf(run, {check: 'advertised'}).map((f) => [f.evidence.nodeId, f]))
    assert.equal(verdicts.get(1).status, 'pass')
    assert.equal(verdicts.get(3).status, 'pass')
    const two = verdicts.get(2)
    assert.equal(two.status, 'fail')
    assert.equal(two.code, 'KD501')
    assert.equal(two.evidence.advertised, advertisedByTwo)
    assert.equal(two.evidence.learnedFrom, bootstrap, 'the listener the address came from: the one behind this bootstrap address')
    assert.equal(two.evidence.failedCode, 'KD202')
    assert.ok(two.summary.includes(advertisedByTwo) && two.summary.includes(bootstrap), two.summary)
    assert.deepEqual(
      findingsOf(run, {status: 'fail'}).filter((f) => f.check === 'advertised').map((f) => f.evidence.nodeId),
      [2],
    )

    const client = findingsOf(run, {check: 'client'})[0]
    assert.equal(client.status, 'fail')
    assert.deepEqual(client.evidence.brokers.map((b: {nodeId: number; address: string; reached: boolean}) => [b.nodeId, b.address, b.reached]), [
      [1, bootstrap, true],
      [2, advertisedByTwo, false],
      [3, address(node(3).listeners.one_unreachable!), true],
    ])
  })
})

describe('node 3 killed', () => {
  before(async () => {
    await killRig3Node(3)
  })
  after(async () => {
    await startRig3Node(3)
  })

  test('connect: broker 3 missing from the metadata, alice.solo without a leader, the factor-3 topics under-replicated (KD504, per topic)', async () => {
    const run = await eventually('node 3 to leave the metadata', async () => {
      const r = await json(['connect', ...asAdmin(), '--timeout', '8s'], adminEnv())
      const metadata = findingsOf(r, {check: 'metadata'})[0]
      return metadata?.evidence.missingBrokers?.includes(3) ? r : undefined
    })
    const metadata = findingsOf(run, {check: 'metadata'})[0]
    assert.equal(metadata.status, 'warn')
    assert.equal(metadata.code, 'KD504')
    assert.deepEqual(metadata.evidence.brokers.map((b: {nodeId: number}) => b.nodeId), [1, 2])
    assert.deepEqual(metadata.evidence.missingBrokers, [3])
    assert.ok(metadata.evidence.leaderlessPartitions.includes('alice.solo-0'))
    const perTopic = new Map(metadata.evidence.unhealthyTopics.map((t: {name: string}) => [t.name, t]))
    assert.deepEqual(perTopic.get('alice.orders'), {name: 'alice.orders', leaderless: [], underReplicated: [0, 1, 2]})
    // Its one replica's ISR: emptied by Kafka 4.x (eligible leader replicas, KIP-966), kept as [3] by 3.9.
    assert.deepEqual((perTopic.get('alice.solo') as {leaderless: number[]}).leaderless, [0])
    assert.match(metadata.summary, /broker 3 missing from the metadata/)
    assert.match(metadata.summary, /alice\.orders 0,1,2/)
    // The controller a client is shown has moved to a live broker.
    assert.ok([1, 2].includes(metadata.evidence.controllerId), `controller ${metadata.evidence.controllerId}`)
    // Broker 3 is no longer advertised, so nothing dials it: the remaining two pass.
    assert.deepEqual(findingsOf(run, {check: 'advertised'}).map((f) => [f.evidence.nodeId, f.status]), [
      [1, 'pass'],
      [2, 'pass'],
    ])
  })

  test('cluster-info: the same per topic, and broker 3 listed as missing', async () => {
    const run = await json(['cluster-info', ...asAdmin()], adminEnv())
    const {cluster} = run.json
    assert.deepEqual(cluster.brokers.map((b: {nodeId: number}) => b.nodeId), [1, 2])
    assert.deepEqual(cluster.missingBrokers, [3])
    const topic = (name: string) => cluster.topics.find((t: {name: string}) => t.name === name)
    assert.deepEqual(topic('alice.solo').leaderless, [0])
    assert.deepEqual([topic('alice.orders').leaderless, topic('alice.orders').underReplicated], [[], [0, 1, 2]])
    assert.equal(findingsOf(run, {check: 'metadata', code: 'KD504'}).length, 1)

    const human = await inRig(['cluster-info', ...asAdmin()], adminEnv())
    assert.match(human.stdout, /^3\s+missing from the metadata/m)
    assert.match(human.stdout, /^alice\.orders\s+3\s+3\s+-\s+0,1,2$/m)
  })

  test('KD503 live: a new topic would get default.replication.factor=3 with two live brokers; nothing is created', async () => {
    const topic = 'alice.not-yet-created'
    const run = await json(['acl-check', ...asAdmin(), '--topic', topic, '--timeout', '8s'], adminEnv())
    const kd503 = findingsOf(run, {code: 'KD503'})
    assert.equal(kd503.length, 1, JSON.stringify(findingsOf(run, {check: 'acl'}).map((f) => f.summary)))
    assert.equal(kd503[0].target, `topic ${topic}`)
    assert.equal(kd503[0].evidence.defaultReplicationFactor, 3)
    assert.deepEqual(kd503[0].evidence.liveBrokers, [1, 2])
    // Validate-only: the topic still does not exist.
    const info = await json(['cluster-info', ...asAdmin()], adminEnv())
    assert.equal(info.json.cluster.topics.some((t: {name: string}) => t.name === topic), false)
  })
})
