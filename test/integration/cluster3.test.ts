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
// then node 3 killed, then node 2 (both restarted by the next `rig.mjs start`).
import assert from 'node:assert/strict'
import {setTimeout as sleep} from 'node:timers/promises'
import {before, describe, test} from 'node:test'

import {type CliRun, findingsOf, runCli} from '../helpers/cli.js'
import {type Rig, ensureRig3, killRig3Node} from '../helpers/rig.js'

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

/** cluster-info's DescribeQuorum finding: the controller as a client sees it. */
const controllerQuorum = (run: CliRun) => findingsOf(run, {check: 'metadata'}).find((f) => f.target.startsWith('controller quorum'))
let healthyQuorum: {leaderId: number; leaderEpoch: number} | undefined

describe('three healthy brokers', () => {
  test('connect dials every advertised broker, each passes; racks a, b, c; kafkajs reaches all three', async () => {
    const run = await json(['connect', '--client', '-b', address(rig.listeners.plaintext), '--timeout', '8s'])
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

  test('cluster-info lists three brokers and replication factor 3 with nothing under-replicated, and the controller quorum', async () => {
    const run = await json(['cluster-info', ...asAdmin()], adminEnv())
    assert.equal(run.status, 0)
    const quorum = controllerQuorum(run)
    assert.equal(quorum.status, 'pass')
    assert.deepEqual(quorum.evidence.voters.map((v: {nodeId: number}) => v.nodeId), [1, 2, 3])
    assert.ok([1, 2, 3].includes(quorum.evidence.leaderId))
    healthyQuorum = {leaderId: quorum.evidence.leaderId, leaderEpoch: quorum.evidence.leaderEpoch}
    const {cluster} = run.json
    assert.deepEqual(cluster.brokers.map((b: {nodeId: number; rack: string}) => `${b.nodeId}${b.rack}`), ['1a', '2b', '3c'])
    assert.deepEqual(cluster.missingBrokers, [])
    const orders = cluster.topics.find((t: {name: string}) => t.name === 'alice.orders')
    assert.deepEqual([orders.partitions, orders.replicationFactor, orders.leaderless, orders.underReplicated], [3, 3, [], []])
  })
})

describe('cluster-info --api-versions', () => {
  test('every broker dialed: each API with the broker range beside what kdoctor and kafkajs send; KIP-896 visible on 4.x', async () => {
    const run = await json(['cluster-info', '-b', address(rig.listeners.plaintext), '--api-versions'])
    assert.equal(run.status, 0)
    const perBroker = run.json.cluster.apiVersions as Array<{nodeId: number; address: string; apis: any[]}>
    assert.deepEqual(perBroker.map((b) => [b.nodeId, b.address]), rig.brokers.map((b) => [b.nodeId, address(b.listeners.plaintext!)]))
    const is4x = Number(rig.kafkaVersion.split('.')[0]) >= 4
    for (const broker of perBroker) {
      const api = (name: string) => broker.apis.find((r) => r.name === name)
      // Kafka 4.0 removed Fetch v0-3 (KIP-896); 3.9 still takes v0.
      assert.equal(api('Fetch').broker.min, is4x ? 4 : 0, `broker ${broker.nodeId} Fetch`)
      assert.deepEqual(api('Fetch').kdoctor, {implements: {min: 4, max: 12}, uses: 12})
      assert.deepEqual(api('Fetch').kafkajs, {implements: {min: 0, max: 11}, uses: 11})
      assert.equal(api('Metadata').kafkajs.uses, 6)
      assert.deepEqual(api('DescribeQuorum').kdoctor, {implements: {min: 0, max: 1}, uses: 1})
      // An API only the broker has: listed with no client columns.
      assert.deepEqual([api('ElectLeaders').kdoctor, api('ElectLeaders').kafkajs], [undefined, undefined])
      assert.ok(api('ElectLeaders').broker.max >= 1)
    }
    // kafkajs 2.2.4 still has a version of every API it implements on both lines: no KD505.
    assert.deepEqual(findingsOf(run, {code: 'KD505'}), [])
    const human = await inRig(['cluster-info', '-b', address(rig.listeners.plaintext), '--api-versions'])
    assert.match(human.stdout, /^Broker 2 127\.0\.0\.1:\d+$/m)
    assert.match(human.stdout, /^Fetch\s+1\s+v\d+-\d+\s+v4-12 → v12\s+v0-11 → v11$/m)
  })
})

describe('one broker advertises an address that does not answer', () => {
  test('bootstrap ✓, brokers 1 and 3 ✓, broker 2 KD501 with its advertised address and listener; exit 1; kafkajs agrees', async () => {
    const bootstrap = address(node(1).listeners.one_unreachable!)
    const closed = node(2).listeners.one_unreachable!
    const advertisedByTwo = `${closed.advertisedHost}:${closed.advertisedPort}`
    const run = await json(['connect', '--client', '-b', bootstrap, '--timeout', '8s'])
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
  // No restart here: the nodes killed below stay down until the next `rig.mjs start` (ensureRig3,
  // test/run-tests.mjs), which brings every dead node back at once, overlapped with the other
  // rig's start-up; a run that ends with `rig.mjs stop` (CI) never pays for it.

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

    // The controller as a client sees it: the quorum leader is a live node; had node 3 led, it moved (new epoch).
    const quorum = controllerQuorum(run)
    assert.equal(quorum.status, 'pass')
    assert.ok([1, 2].includes(quorum.evidence.leaderId), `leader ${quorum.evidence.leaderId}`)
    if (healthyQuorum?.leaderId === 3) assert.ok(quorum.evidence.leaderEpoch > healthyQuorum.leaderEpoch)
    assert.equal(quorum.evidence.voters.find((v: {nodeId: number}) => v.nodeId === 3).caughtUp, false)

    const human = await inRig(['cluster-info', ...asAdmin()], adminEnv())
    assert.match(human.stdout, /^Controller quorum active controller [12] \(epoch \d+\); voters 1, 2, 3, behind the leader: 3$/m)
    assert.match(human.stdout, /^3\s+missing from the metadata/m)
    assert.match(human.stdout, /^alice\.orders\s+3\s+3\s+-\s+0,1,2$/m)
  })

  test('KD503 live: a new topic would get default.replication.factor=3 with two live brokers; nothing is created', async () => {
    const topic = 'alice.not-yet-created'
    // Polled like the metadata above: right after the fencing a broker may still answer from before it.
    let last: CliRun | undefined
    const kd503 = await eventually(
      'KD503 from acl-check',
      async () => {
        last = await json(['acl-check', ...asAdmin(), '--topic', topic, '--timeout', '8s'], adminEnv())
        const found = findingsOf(last, {code: 'KD503'})
        return found.length > 0 ? found : undefined
      },
      20_000,
    ).catch((error: Error) => assert.fail(`${error.message}; last run (exit ${last?.status}): ${last?.stdout.slice(0, 1500)}`))
    assert.equal(kd503.length, 1)
    assert.equal(kd503[0].target, `topic ${topic}`)
    assert.equal(kd503[0].evidence.defaultReplicationFactor, 3)
    assert.deepEqual(kd503[0].evidence.liveBrokers, [1, 2])
    // Validate-only: the topic still does not exist.
    const info = await json(['cluster-info', ...asAdmin()], adminEnv())
    assert.equal(info.json.cluster.topics.some((t: {name: string}) => t.name === topic), false)
  })

  test('then node 2 as well: no controller quorum; metadata still answers, stale, and cluster-info says so (KD504)', async () => {
    await killRig3Node(2)
    const run = await eventually('the controller quorum to go silent', async () => {
      const r = await json(['cluster-info', ...asAdmin(), '--timeout', '10s'], adminEnv())
      return controllerQuorum(r)?.code === 'KD504' ? r : undefined
    })
    const quorum = controllerQuorum(run)
    assert.equal(quorum.status, 'warn')
    assert.match(quorum.summary, /^no active controller: DescribeQuorum, which the broker forwards to the active controller, got no answer within 5000 ms/)
    // What a client without DescribeQuorum gets: the last metadata node 1 had, which still names node 2.
    const metadata = findingsOf(run, {check: 'metadata'}).find((f) => !f.target.startsWith('controller quorum'))
    assert.ok(metadata.evidence.brokers.some((b: {nodeId: number}) => b.nodeId === 2))
  })
})
