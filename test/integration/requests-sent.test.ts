// What kdoctor sends creates nothing: every request of a heroku-prefix, acl-check, doctor, connect
// and cluster-info run as the mutual-TLS principal, read back from the broker's own request log
// (kafka.request.logger at DEBUG, see test/kafka/rig.mjs), is a read or one of acl-check's inert
// probes (src/kafka/acl-probes.ts says why each is inert). No FindCoordinator above all: on a fresh
// cluster it creates __consumer_offsets / __transaction_state. The shared rig has them already
// once any test used a group, so these runs go to a rig of their own on fresh storage, whose topic
// directories are the same after the runs as before. Each run carries its own -X client.id.
//   npm run build && node --import tsx --test test/integration/requests-sent.test.ts
import assert from 'node:assert/strict'
import {existsSync, readFileSync, readdirSync} from 'node:fs'
import {after, before, describe, test} from 'node:test'

import {runCli} from '../helpers/cli.js'
import {type Rig, rigTls, startFreshRig} from '../helpers/rig.js'
import {principalArgs} from '../unit/acl/rig-model.js'

let rig: Rig
let dataDir: string
let stopRig: (() => Promise<void>) | undefined
/** The fresh rig's partition directories before any kdoctor run (the rig's own topics). */
let partitionsBefore: string[]

/** Every partition directory in the broker's log dir: a created topic shows up here. */
function partitionDirs(): string[] {
  return readdirSync(dataDir).filter((name) => /-\d+$/.test(name) && !name.startsWith('__cluster_metadata')).sort()
}

interface LoggedRequest {
  apiKey: number
  name: string
  principal: string
  request: any
  response: any
}

/** Requests the broker(s) answered for this client id, from the request logs (the rolled-over part too). */
function requestsOf(clientId: string): LoggedRequest[] {
  const out: LoggedRequest[] = []
  for (const broker of rig.brokers) {
    for (const file of [`${broker.requestLog}.1`, broker.requestLog]) {
      if (!existsSync(file)) continue
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.includes(`"clientId":${JSON.stringify(clientId)}`)) continue
        const entry = JSON.parse(line.slice(line.indexOf('Completed request:') + 'Completed request:'.length))
        // A request the broker forwarded to the controller is logged twice; the client sent it once.
        if (entry.isForwarded) continue
        out.push({apiKey: entry.requestHeader.requestApiKey, name: entry.requestHeader.requestApiKeyName, principal: entry.principal, request: entry.request, response: entry.response})
      }
    }
  }
  return out
}

/** Partition 2147483647 exists in no topic: a Produce or Fetch for it only tells allowed from denied. */
const NO_SUCH_PARTITION = 2147483647

/**
 * Why this request changes nothing, or undefined when it may change something. Requests not
 * listed here (FindCoordinator, JoinGroup, SyncGroup, OffsetCommit, TxnOffsetCommit, AddOffsetsToTxn,
 * EndTxn, DeleteTopics, CreateAcls, AlterConfigs, ConsumerGroupHeartbeat, …) are side effects.
 */
function inert(r: LoggedRequest): string | undefined {
  switch (r.name) {
    case 'API_VERSIONS':
    case 'SASL_HANDSHAKE':
    case 'SASL_AUTHENTICATE':
    case 'DESCRIBE_CONFIGS':
    case 'DESCRIBE_CLUSTER':
    case 'DESCRIBE_ACLS':
    case 'DESCRIBE_GROUPS':
    case 'LIST_GROUPS':
    case 'DESCRIBE_TRANSACTIONS':
    case 'DESCRIBE_QUORUM':
    case 'LIST_OFFSETS':
    case 'OFFSET_FETCH':
      return 'a read'
    case 'METADATA':
      // Before v4 there is no flag and naming topics auto-creates them.
      if (r.request.allowAutoTopicCreation === false) return 'a read (allow_auto_topic_creation=false)'
      return r.request.topics === null || r.request.topics.length === 0 ? 'a read of every topic' : undefined
    case 'FETCH':
      return r.request.topics.every((t: any) => t.partitions.every((p: any) => p.partition === NO_SUCH_PARTITION)) ? 'an authorization probe (no such partition)' : undefined
    case 'PRODUCE':
      return r.request.topicData.every((t: any) => t.partitionData.every((p: any) => p.index === NO_SUCH_PARTITION)) ? 'an authorization probe (no such partition)' : undefined
    case 'CREATE_TOPICS':
      return r.request.validateOnly === true ? 'validate_only' : undefined
    case 'HEARTBEAT':
      // A heartbeat never creates a group or a member; generation -1 is no member's.
      return r.request.generationId === -1 ? 'an authorization probe (no such member)' : undefined
    case 'INIT_PRODUCER_ID':
      return r.request.producerId === -1 && r.request.producerEpoch !== -1 && r.response.errorCode !== 0 ? 'an authorization probe (refused before a producer id is allocated)' : undefined
    default:
      return undefined
  }
}

async function requestsOfRun(name: string, args: string[], env: Record<string, string> = {}): Promise<LoggedRequest[]> {
  const clientId = `kdoctor-requests-${name}-${process.pid}-${Date.now().toString(36)}`
  const run = await runCli([...args, '-X', `client.id=${clientId}`, '--timeout', '15s'], {env: {AWS_EC2_METADATA_DISABLED: 'true', ...env}})
  assert.ok(run.status === 0 || run.status === 1, `${name} ran to a verdict: ${run.status}\n${run.stderr}`)
  const requests = requestsOf(clientId)
  // The run is in the log: the broker logged its requests under its client id (else this test proves nothing).
  assert.ok(requests.some((r) => r.name === 'API_VERSIONS') && requests.some((r) => r.name === 'METADATA'), `${name}: no request with client id ${clientId} in the request log`)
  return requests
}

function assertCreatesNothing(requests: LoggedRequest[]): void {
  const effects = requests.filter((r) => inert(r) === undefined).map((r) => `${r.name} ${JSON.stringify(r.request).slice(0, 300)}`)
  assert.deepEqual(effects, [], 'requests that may create or change something')
  assert.deepEqual(requests.filter((r) => r.name === 'FIND_COORDINATOR'), [])
}

before(async () => {
  ;({rig, dataDir, stop: stopRig} = await startFreshRig('fresh-requests', 30))
  partitionsBefore = partitionDirs()
  assert.ok(!partitionsBefore.some((name) => name.startsWith('__')), `a fresh rig has no internal topic yet: ${partitionsBefore.join(' ')}`)
}, {timeout: 300_000})

after(async () => {
  await stopRig?.()
})

describe('as the mutual-TLS principal, every request is a read or an inert probe', () => {
  const mtls = () => principalArgs(rig, 'heroku-tenant')
  const prefix = () => rig.herokuPrefix
  const names = () => ['--topic', `${prefix()}events,${prefix()}*,${prefix()}not-there,not-${prefix()}`, '--group', `${prefix()}app,${prefix()}*,other-group`]

  test('heroku-prefix (Heroku variables, Karafka and Web UI groups included)', async () => {
    const pem = rigTls(rig)
    const env = {
      KAFKA_URL: `kafka+ssl://${rig.listeners.mtls.host}:${rig.listeners.mtls.port}`,
      KAFKA_PREFIX: prefix(),
      KAFKA_TRUSTED_CERT: pem.ca[0]!,
      KAFKA_CLIENT_CERT: pem.cert,
      KAFKA_CLIENT_CERT_KEY: pem.key,
      KAFKA_BOOTSTRAP_SERVERS: '',
      HEROKU_APP_NAME: '',
    }
    const herokuNames = ['--topic', `${prefix()}events`, '--topic', `${prefix()}not-there`, '--topic', 'not-prefixed', '--group', `${prefix()}app`, '--group', 'other-group']
    const requests = await requestsOfRun('heroku-prefix', ['heroku-prefix', '--json', ...herokuNames], env)
    assert.ok(requests.every((r) => r.principal === `User:${rig.tlsPrincipal}`), 'every request as the mutual-TLS principal')
    assertCreatesNothing(requests)
  })

  test('acl-check (topics, groups and transactional ids, literal and prefixed)', async () => {
    const requests = await requestsOfRun('acl-check', ['acl-check', '--json', ...mtls(), ...names(), '--transactional-id', `${prefix()}tx,${prefix()}*`])
    assert.ok(requests.every((r) => r.principal === `User:${rig.tlsPrincipal}`))
    // The probes did run (so the rule above was applied to them, not to an early exit).
    for (const name of ['PRODUCE', 'FETCH', 'CREATE_TOPICS', 'HEARTBEAT', 'DESCRIBE_GROUPS']) assert.ok(requests.some((r) => r.name === name), `acl-check sent no ${name}`)
    assertCreatesNothing(requests)
  })

  test('doctor, connect and cluster-info', async () => {
    for (const command of ['doctor', 'connect', 'cluster-info']) {
      const extra = command === 'doctor' ? names() : []
      assertCreatesNothing(await requestsOfRun(command, [command, '--json', ...mtls(), ...extra]))
    }
  })

  test('after every run: the same topics, no __consumer_offsets, no __transaction_state', () => {
    assert.deepEqual(partitionDirs(), partitionsBefore)
  })
})
