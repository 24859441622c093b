// `kdoctor acl-check` against the real broker: for admin (super user), alice (alice.* topics,
// alice-* groups), bob (no ACLs) and heroku-tenant (mutual TLS, wiry-12345.*), on their own and
// each other's topics and groups, the whole matrix must equal what the rig's ACLs grant, cell by
// cell; then KD604, the platform syntaxes, and the connect layers stopping the run.
//   npm run build && node --import tsx --test test/integration/acl-check.test.ts
//   (Kafka 3.9: KDOCTOR_RIG_HOME=.kafka/rig-acl KDOCTOR_RIG_PORT_BASE=29290 KAFKA_VERSION=3.9.1 …)
import assert from 'node:assert/strict'
import {before, describe, it} from 'node:test'
import kafkajs from 'kafkajs'

import {type CliRun, findingsOf, runCli} from '../helpers/cli.js'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {herokuVariables} from '../helpers/heroku.js'
import {type Rig, ensureRig, rigTls, unsecuredJwt} from '../helpers/rig.js'
import {PRINCIPALS, type Principal, expectedMatrix, principalArgs} from '../unit/acl/rig-model.js'

const {Kafka, logLevel} = kafkajs

let rig: Rig
const runs: CliRun[] = []

// Own and each other's resources, existing and missing, literal and prefixed.
const TOPICS = [
  'alice.orders',
  'alice.payments',
  'wiry-12345.events',
  'public-events',
  'alice.kd-missing',
  'wiry-12345.kd-missing',
  'other.kd-missing',
  'alice.*',
  'wiry-12345.*',
]
const GROUPS = ['alice-app', 'wiry-12345.app', 'bob-app']
const TRANSACTIONAL_IDS = ['alice-tx', 'wiry-12345.tx']

async function aclCheck(principal: Principal, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const run = await runCli(['acl-check', '--json', '--timeout', '15s', ...principalArgs(rig, principal), ...args], {env})
  runs.push(run)
  assert.ok(run.json, `stdout is one JSON document (exit ${run.status}): ${run.stdout.slice(0, 300)} ${run.stderr.slice(0, 500)}`)
  assert.equal(run.json.schema, 'kdoctor/v1')
  assert.equal(run.json.command, 'acl-check')
  return run
}

/** "topic alice.orders|Read" → verdict, from a run's JSON. */
function actualMatrix(run: CliRun): Map<string, string> {
  const out = new Map<string, string>()
  for (const row of run.json.acl.matrix) {
    for (const cell of row.cells) out.set(`${row.resource.label}|${cell.operation}`, cell.verdict)
    if (row.exists) out.set(`${row.resource.label}|exists`, row.exists)
  }
  return out
}

before(async () => {
  rig = await ensureRig()
})

describe('the matrix equals the rig ACLs, cell by cell', () => {
  for (const principal of PRINCIPALS) {
    it(principal, async () => {
      const run = await aclCheck(principal, ['--topic', TOPICS.join(','), '--group', GROUPS.join(','), '--transactional-id', TRANSACTIONAL_IDS.join(',')])
      const expected = expectedMatrix(rig, principal, {topics: TOPICS, groups: GROUPS, transactionalIds: TRANSACTIONAL_IDS})
      const actual = actualMatrix(run)
      const diff = [...new Set([...expected.keys(), ...actual.keys()])].filter((k) => expected.get(k) !== actual.get(k)).map((k) => `${k}: expected ${expected.get(k)}, got ${actual.get(k)}`)
      assert.deepEqual(diff, [], `${principal}: cells that differ from the rig's ACLs`)
      assert.ok(expected.size >= 50, `the comparison covers the whole matrix (${expected.size} cells)`)
      // no cell is left unknown on this broker, and every verdict names how it was found
      for (const row of run.json.acl.matrix) {
        for (const cell of row.cells) {
          assert.notEqual(cell.verdict, 'unknown', `${row.resource.label} ${cell.operation}: ${cell.method}`)
          assert.ok(cell.evidence.some((e: any) => e.source === 'probe'), `${row.resource.label} ${cell.operation} was probed directly`)
          assert.ok(!cell.conflict, `${row.resource.label} ${cell.operation}: probe and bitfield agree (${cell.method})`)
        }
      }

      // findings: every row with a denial carries its code and its grant command
      const denied = run.json.acl.matrix.filter((row: any) => row.cells.some((c: any) => c.verdict === 'denied'))
      for (const row of denied) {
        const f = findingsOf(run, {check: 'acl'}).find((x) => x.target === row.resource.label && ['KD601', 'KD602', 'KD603', 'KD605'].includes(x.code))
        assert.ok(f, `${row.resource.label}: a KD60x finding`)
        assert.ok(f.evidence.fix.length > 0, `${row.resource.label}: a grant command`)
      }
      assert.equal(run.status, denied.length > 0 && denied.some((r: any) => r.resource.kind !== 'cluster') ? 1 : 0)
      // the principal as the broker sees it
      assert.equal(run.json.acl.principal.principal, principal === 'heroku-tenant' ? 'User:CN=heroku-tenant' : `User:${principal}`)
    })
  }
})

describe('how verdicts are found', () => {
  it('admin: KIP-430 bitfields confirm every probe; it may list ACLs and read auto.create.topics.enable', async () => {
    const run = await aclCheck('admin', ['--topic', 'alice.orders,alice.kd-missing', '--group', 'alice-app'])
    const cluster = run.json.acl.matrix.find((r: any) => r.resource.kind === 'cluster')
    for (const cell of cluster.cells) assert.ok(cell.evidence.some((e: any) => e.source === 'authorized-operations' && e.verdict === 'allowed'), cell.method)
    assert.equal(run.json.acl.acls.listed, true)
    assert.deepEqual(run.json.acl.autoCreateTopics, {value: true, source: 'DescribeConfigs of broker 1', assumed: false})
    const missing = run.json.acl.matrix.find((r: any) => r.resource.name === 'alice.kd-missing')
    assert.equal(missing.exists, 'no')
    assert.match(missing.cells.find((c: any) => c.operation === 'Create').method, /^CreateTopics v\d+ \(validate_only\) → NONE \(validated, not created\)/)
    const info = findingsOf(run, {}).filter((f) => f.target === 'topic alice.kd-missing')
    assert.deepEqual(info.map((f) => f.status), ['pass', 'info'], 'missing but auto-created on first use: no failure')
  })

  it('alice: IdempotentWrite allowed through WRITE on her topics (KIP-679), found without allocating a producer id', async () => {
    const run = await aclCheck('alice', ['--operations', 'IdempotentWrite,Describe'])
    const cluster = run.json.acl.matrix.find((r: any) => r.resource.kind === 'cluster')
    const idem = cluster.cells.find((c: any) => c.operation === 'IdempotentWrite')
    assert.equal(idem.verdict, 'allowed')
    assert.match(idem.method, /^InitProducerId v\d+ .*→ INVALID_REQUEST, after the IDEMPOTENT_WRITE check passed/)
    assert.equal(cluster.cells.find((c: any) => c.operation === 'Describe').verdict, 'denied')
    // only the cluster row and only the operations asked: fewer requests
    assert.deepEqual(Object.keys(run.json.acl.requests.byApi).sort(), ['DescribeAcls', 'DescribeCluster', 'InitProducerId'])
  })

  it('requests do not grow with the number of topics', async () => {
    const few = await aclCheck('bob', ['--topic', 'a.1,a.2', '--group', 'g1'])
    const many = await aclCheck('bob', ['--topic', Array.from({length: 60}, (_, i) => `a.${i}`).join(','), '--group', 'g1'])
    assert.equal(many.json.acl.requests.total, few.json.acl.requests.total)
    assert.equal(many.json.acl.matrix.length, 62)
  })
})

describe('KD604: alice may not create alice2.x while auto-creation is on', () => {
  it('acl-check says so, and a real client confirms it', async () => {
    const run = await aclCheck('alice', ['--topic', 'alice2.x'])
    const [kd604] = findingsOf(run, {code: 'KD604'})
    assert.ok(kd604, 'a KD604 finding')
    assert.equal(kd604.target, 'topic alice2.x')
    // Describe is denied, so Kafka hides whether alice2.x exists: the finding says "if it does not exist yet"
    assert.equal(kd604.status, 'warn')
    assert.match(kd604.summary, /clients cannot make it: the broker would create it on first use \(auto\.create\.topics\.enable=true/)
    assert.equal(kd604.evidence.autoCreateTopicsEnable.value, true)
    assert.equal(kd604.evidence.create.verdict, 'denied')
    assert.equal(findingsOf(run, {code: 'KD601'})[0]?.target, 'topic alice2.x')
    assert.match(run.json.acl.fixes.commands[0].command, /--allow-principal User:alice --operation Describe --operation Read --operation Write --topic alice2\.x$/, 'Create is not granted for a topic that may exist')
    assert.match(kd604.evidence.createTopic, /kafka-topics\.sh .* --create --topic alice2\.x/)

    // what the broker really has: auto-creation on (admin may read it), and alice2.x missing
    const truth = await aclCheck('admin', ['--topic', 'alice2.x', '--operations', 'Describe'])
    assert.equal(truth.json.acl.autoCreateTopics.value, true)
    assert.equal(truth.json.acl.autoCreateTopics.assumed, false)
    assert.equal(truth.json.acl.matrix[0].exists, 'no')

    // a real producer as alice, allowed to auto-create: refused, and nothing is created
    const {host, port} = rig.listeners.sasl_plaintext
    const kafka = new Kafka({
      clientId: 'kdoctor-test-kd604',
      brokers: [`${host}:${port}`],
      sasl: {mechanism: 'scram-sha-256', username: 'alice', password: rig.users.alice},
      retry: {retries: 0},
      logLevel: logLevel.NOTHING,
    })
    const producer = kafka.producer({allowAutoTopicCreation: true, retry: {retries: 0}})
    await producer.connect()
    try {
      await assert.rejects(producer.send({topic: 'alice2.x', messages: [{value: 'x'}]}), (e: any) => /TOPIC_AUTHORIZATION_FAILED|Not authorized to access topics/.test(`${e.type} ${e.message}`))
    } finally {
      await producer.disconnect()
    }
    const after = await aclCheck('admin', ['--topic', 'alice2.x', '--operations', 'Describe'])
    assert.equal(after.json.acl.matrix[0].exists, 'no', 'the refused client did not create it either')
  })
})

describe('where the cluster lives', () => {
  it('OAUTHBEARER: the principal is the token subject, and its rights are alice\'s', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kdoctor-acl-')), 'token')
    writeFileSync(file, unsecuredJwt('alice'))
    const {host, port} = rig.listeners.oauthbearer
    const run = await runCli(['acl-check', '--json', '--timeout', '15s', '-b', `${host}:${port}`, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=OAUTHBEARER', '--oauth-token-file', file, '--topic', 'alice.orders,public-events'])
    runs.push(run)
    assert.equal(run.json.acl.principal.principal, 'User:alice')
    assert.match(run.json.acl.principal.from, /"sub" claim/)
    const expected = expectedMatrix(rig, 'alice', {topics: ['alice.orders', 'public-events'], groups: [], transactionalIds: []})
    for (const [key, verdict] of actualMatrix(run)) assert.equal(verdict, expected.get(key), key)
  })

  it('mutual TLS: the certificate subject, the note on ssl.principal.mapping.rules, and --principal for the commands', async () => {
    const run = await aclCheck('heroku-tenant', ['--topic', 'public-events', '--principal', 'User:heroku-tenant'])
    assert.equal(run.json.acl.principal.principal, 'User:heroku-tenant')
    assert.match(run.json.acl.fixes.commands[0].command, /--allow-principal User:heroku-tenant .*--topic public-events$/)
    const guessed = await aclCheck('heroku-tenant', ['--topic', 'public-events'])
    assert.equal(guessed.json.acl.principal.certificateSubject, 'CN=heroku-tenant')
    assert.ok(guessed.json.acl.fixes.notes.some((n: string) => n.includes('ssl.principal.mapping.rules') && n.includes('User:heroku-tenant')))
  })

  it('Heroku (KAFKA_URL): Heroku CLI commands, KD702 for an unprefixed group, KD506 for a missing topic', async () => {
    const env = {...herokuVariables(rig), KAFKA_BOOTSTRAP_SERVERS: ''}
    const run = await runCli(['acl-check', '--json', '--timeout', '15s', '--topic', `${rig.herokuPrefix}events,${rig.herokuPrefix}kd-missing`, '--group', `app,${rig.herokuPrefix}app`], {env})
    runs.push(run)
    assert.ok(run.json, run.stderr)
    const commands = run.json.acl.fixes.commands
    assert.deepEqual(commands.map((c: any) => c.command), ['heroku kafka:consumer-groups:create app', '# not grantable on Heroku multi-tenant plans'])
    assert.match(commands[0].note, /lacks KAFKA_PREFIX.*KD702/)
    // Heroku never auto-creates: the missing prefixed topic is KD506, with the Heroku command
    const kd506 = findingsOf(run, {code: 'KD506'})[0]
    assert.equal(kd506?.target, `topic ${rig.herokuPrefix}kd-missing`)
    assert.match(kd506?.summary, /Heroku never creates topics automatically/)
    assert.deepEqual(run.json.acl.fixes.createTopics, ['heroku kafka:topics:create kd-missing --partitions 6  # name without KAFKA_PREFIX'])
  })
})

describe('output', () => {
  it('human: the matrix, the deciding request per cell, the grant commands, then the checklist', async () => {
    const run = await runCli(['acl-check', '--timeout', '15s', ...principalArgs(rig, 'bob'), '--topic', 'alice.orders,alice.payments', '--group', 'alice-app'])
    runs.push(run)
    assert.equal(run.status, 1)
    assert.match(run.stdout, /^kdoctor acl-check · /)
    assert.match(run.stdout, /Principal {2}User:bob/)
    assert.match(run.stdout, /RESOURCE +DESCRIBE +READ +WRITE +CREATE +IDEMPOTENT_WRITE +DESCRIBE_CONFIGS/)
    assert.match(run.stdout, /topic alice\.orders \(hidden\) +✗ Metadata +✗ Fetch +✗ Produce +✗ CreateTopics/)
    assert.match(run.stdout, /kafka-acls\.sh --bootstrap-server \S+ --command-config admin\.properties --add --allow-principal User:bob --operation Describe --operation Read --operation Write --topic alice\. --resource-pattern-type prefixed/)
    assert.match(run.stdout, /✗ KD601 Topic authorization failed/)
    assert.equal(run.stderr, '')
  })

  it('stops at the connect layers, explained, when they fail', async () => {
    const wrong = await runCli(['acl-check', '--json', '--timeout', '8s', '-b', `127.0.0.1:${rig.listeners.sasl_plaintext.port}`, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=SCRAM-SHA-512', '-X', 'sasl.username=alice', '-X', 'sasl.password=canary-wrong-PW-77', '--topic', 'alice.orders'])
    runs.push(wrong)
    assert.equal(wrong.status, 1)
    assert.equal(findingsOf(wrong, {check: 'sasl', code: 'KD404'}).length, 1)
    assert.deepEqual(findingsOf(wrong, {check: 'acl'}).map((f) => f.status), ['skip'])
    assert.equal(wrong.json.acl, undefined)
    const closed = await runCli(['acl-check', '--json', '--timeout', '5s', '-b', `127.0.0.1:${rig.portBase - 1}`, '--topic', 'x'])
    runs.push(closed)
    assert.equal(findingsOf(closed, {code: 'KD202'}).length, 1)
    assert.deepEqual(findingsOf(closed, {check: 'acl'}).map((f) => f.status), ['skip'])
  })

  it('bad input: one line, exit 2', async () => {
    const run = await runCli(['acl-check', '--topic', 'bad topic', '-b', '127.0.0.1:1'])
    assert.equal(run.status, 2)
    assert.match(run.stderr, /^kdoctor: "bad topic" is not a valid topic name.*\(from flag --topic\)\n$/)
    const ops = await runCli(['acl-check', '--operations', 'frobnicate', '-b', '127.0.0.1:1'])
    assert.equal(ops.status, 2)
    assert.match(ops.stderr, /unknown operation "frobnicate"/)
  })

  it('never prints a password or a private key', () => {
    assert.ok(runs.length >= 10)
    const key = rigTls(rig).key.split('\n')[1] ?? 'no-key-line'
    for (const run of runs) {
      for (const secret of [rig.users.admin, rig.users.alice, rig.users.bob, 'canary-wrong-PW-77', key]) {
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'a secret was printed')
      }
    }
  })
})

