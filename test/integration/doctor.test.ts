// `kdoctor doctor` against the real broker: a healthy Heroku-attached Karafka app (every area ✓,
// AWS through a loopback instance-metadata stub and moto's EC2 API), a topic without the Heroku
// prefix, a KAFKA_PREFIX that is missing, a topic the app may not read, a wrong password (the
// canary never printed), and every skipped area saying why. Instance metadata is off or a
// loopback stub in every run; the liveness listener is a loopback stand-in for Karafka's.
//   npm run build && KDOCTOR_RIG_PORT_BASE=… node --import tsx --test test/integration/doctor.test.ts
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {hostname, tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, test} from 'node:test'
import kafkajs from 'kafkajs'

import {type CliRun, ROOT, findingsOf, runCli} from '../helpers/cli.js'
import {gfmProblems, section, tableUnder} from '../helpers/gfm.js'
import {type Moto, Seeder, ec2Client, motoEnv, seedLoopbackInstance, startMoto} from '../helpers/moto.js'
import {type Rig, ensureRig, rigTls} from '../helpers/rig.js'
import {startImdsStub} from '../unit/aws/imds-stub.js'
import {type FakeListener, livenessBody, startListener} from '../unit/liveness/karafka-listener.js'

const {Kafka, logLevel} = kafkajs

let rig: Rig
let pem: ReturnType<typeof rigTls>
let herokuEnv: Record<string, string>
let group: string
let listener: FakeListener
let dir: string

/** Heroku's variables as the add-on sets them, pointing at the rig's mutual-TLS listener. */
function herokuVariables(): Record<string, string> {
  return {
    KAFKA_URL: `kafka+ssl://${rig.listeners.mtls.host}:${rig.listeners.mtls.port}`,
    KAFKA_PREFIX: rig.herokuPrefix,
    KAFKA_TRUSTED_CERT: pem.ca[0]!,
    KAFKA_CLIENT_CERT: pem.cert,
    KAFKA_CLIENT_CERT_KEY: pem.key,
  }
}

function tenantAdmin() {
  const {host, port} = rig.listeners.mtls
  return new Kafka({clientId: 'kdoctor-test-setup', brokers: [`${host}:${port}`], ssl: {ca: pem.ca, cert: pem.cert, key: pem.key}, logLevel: logLevel.NOTHING}).admin()
}

before(async () => {
  rig = await ensureRig()
  pem = rigTls(rig)
  herokuEnv = herokuVariables()
  // A consumer group that exists (Heroku creates none on first use): test setup commits an offset; kdoctor never does.
  group = `${rig.herokuPrefix}kdoctor-doctor-${process.pid}-${Date.now().toString(36)}`
  const admin = tenantAdmin()
  await admin.connect()
  try {
    await admin.setOffsets({groupId: group, topic: `${rig.herokuPrefix}events`, partitions: [{partition: 0, offset: '0'}]})
  } finally {
    await admin.disconnect()
  }

  listener = await startListener((port) => ({kind: 'json', body: livenessBody(port)}))
  dir = mkdtempSync(join(tmpdir(), 'kdoctor-doctor-it-'))
}, {timeout: 300_000})

after(async () => {
  await listener?.close()
  if (dir) rmSync(dir, {recursive: true, force: true})
  const admin = tenantAdmin()
  await admin.connect()
  try {
    await admin.deleteGroups([group])
  } finally {
    await admin.disconnect()
  }
})

/** No Heroku, AWS or Kafka variables from the test's own environment leak in. */
const CLEAN_ENV = {KAFKA_URL: '', KAFKA_PREFIX: '', KAFKA_TRUSTED_CERT: '', KAFKA_CLIENT_CERT: '', KAFKA_CLIENT_CERT_KEY: '', KAFKA_BOOTSTRAP_SERVERS: '', HEROKU_APP_NAME: '', AWS_EC2_METADATA_DISABLED: 'true'}

async function doctor(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const run = await runCli(['doctor', '--json', '--timeout', '15s', ...args], {env: {...CLEAN_ENV, ...env}})
  assert.ok(run.json, `stdout is one JSON document (exit ${run.status}): ${run.stdout.slice(0, 400)} ${run.stderr.slice(0, 400)}`)
  assert.equal(run.json.schema, 'kdoctor/v1')
  assert.equal(run.json.command, 'doctor')
  return run
}

function area(run: CliRun, name: string): {area: string; title: string; status: string; codes: string[]; summary: string} {
  const found = run.json.doctor.areas.find((a: any) => a.area === name)
  assert.ok(found, `area ${name} in ${JSON.stringify(run.json.doctor.areas)}`)
  return found
}

const statuses = (run: CliRun) => Object.fromEntries(run.json.doctor.areas.map((a: any) => [a.area, a.status]))

function alice(password = rig.users.alice): string[] {
  const {host, port} = rig.listeners.sasl_plaintext
  return ['-b', `${host}:${port}`, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=SCRAM-SHA-256', '-X', 'sasl.username=alice', '-X', `sasl.password=${password}`]
}

describe('a healthy app', () => {
  let moto: Moto
  before(async () => {
    moto = await startMoto()
  })
  after(() => moto?.stop())

  test('Heroku-attached app on EC2, its topic, group and liveness listener given: every area ✓, exit 0', async () => {
    // The "instance" 127.0.1.2 and the "broker" 127.0.0.1 in one VPC whose rules allow the mutual-TLS port.
    const imds = await startImdsStub(await seedLoopbackInstance(new Seeder(ec2Client(moto)), rig.listeners.mtls.port, 'i-0doctor'))
    let run: CliRun
    try {
      run = await doctor(['--topic', `${rig.herokuPrefix}events`, '--group', group, '--liveness-port', String(listener.port)], {
        ...herokuEnv,
        ...motoEnv(moto),
        AWS_EC2_METADATA_DISABLED: '',
        AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint,
      })
    } finally {
      await imds.close()
    }

    assert.deepEqual(statuses(run), {settings: 'pass', connect: 'pass', acl: 'pass', heroku: 'pass', liveness: 'pass', aws: 'pass'}, JSON.stringify(run.json.doctor.areas, null, 1))
    assert.equal(run.status, 0)
    assert.equal(run.json.ok, true)
    assert.ok(imds.requests.includes('PUT /latest/api/token'), 'instance metadata was asked')
    // Each area really ran: its own checks are among the findings.
    assert.ok(findingsOf(run, {check: 'client', status: 'pass'}).length === 1, 'the kafkajs client session')
    assert.deepEqual(
      run.json.acl.matrix.map((row: any) => row.resource.label),
      [`topic ${rig.herokuPrefix}events`, `group ${group}`, 'cluster'],
    )
    assert.ok(findingsOf(run, {check: 'heroku', status: 'pass'}).some((f) => f.target === `topic ${rig.herokuPrefix}events` && /exists/.test(f.summary)))
    assert.ok(findingsOf(run, {check: 'liveness', status: 'pass'}).length > 0)
    assert.ok(findingsOf(run, {check: 'aws', status: 'pass'}).some((f) => /allowed by routes, security groups and network ACLs/.test(f.summary)))
    assert.ok(listener.requests.length > 0, 'the liveness listener was called')
    // Each layer once, although acl-check, heroku-prefix and aws reachability all start from the same connection.
    const keys = run.json.findings.map((f: any) => `${f.check} ${f.target} ${f.summary}`)
    assert.equal(new Set(keys).size, keys.length, 'no finding twice')
  })

  test('the human checklist comes first, one line per area, then the details', async () => {
    const run = await runCli(['doctor', '--topic', 'alice.orders', '--group', 'alice-app', '--liveness-port', String(listener.port), ...alice()], {env: CLEAN_ENV})
    assert.equal(run.status, 0, run.stdout)
    const lines = run.stdout.split('\n')
    assert.match(lines[0]!, /^kdoctor doctor · 1 bootstrap address .* SCRAM-SHA-256 as alice/)
    const checklist = lines.slice(2, 8)
    assert.deepEqual(
      checklist.map((l) => l.slice(0, 3)),
      ['[✓]', '[✓]', '[✓]', '[-]', '[✓]', '[-]'],
      checklist.join('\n'),
    )
    assert.match(checklist[0]!, /^\[✓\] Settings\s/)
    assert.match(checklist[1]!, /^\[✓\] Connection\s/)
    assert.match(checklist[2]!, /^\[✓\] Permissions\s/)
    assert.match(checklist[3]!, /^\[-\] Heroku conventions\s+skipped: no Heroku Kafka variables/)
    assert.match(checklist[4]!, /^\[✓\] Liveness\s/)
    assert.match(checklist[5]!, /^\[-\] AWS reachability\s+skipped: instance metadata is off \(AWS_EC2_METADATA_DISABLED\)/)
    assert.equal(lines[9], 'Details')
    assert.match(run.stdout, /No blocking problem found\./)
  })
})

describe('Heroku', () => {
  test('a topic without KAFKA_PREFIX: Heroku ✗ KD701 and Permissions ✗ KD601 with the prefixed name, exit 1', async () => {
    const run = await doctor(['--topic', 'events'], herokuEnv)
    assert.equal(run.status, 1)
    const heroku = area(run, 'heroku')
    assert.equal(heroku.status, 'fail')
    assert.ok(heroku.codes.includes('KD701'), JSON.stringify(heroku))
    assert.match(heroku.summary, new RegExp(`topic events lacks KAFKA_PREFIX "${rig.herokuPrefix}": use ${rig.herokuPrefix}events`))
    const acl = area(run, 'acl')
    assert.equal(acl.status, 'fail')
    assert.deepEqual(acl.codes, ['KD601'])
    assert.equal(area(run, 'connect').status, 'pass')
    assert.equal(area(run, 'settings').status, 'pass', "KAFKA_URL's scheme is the Heroku area's business, not a settings warning")
  })

  test('KAFKA_PREFIX missing from a Heroku env: Heroku ! KD704 naming the variable, exit 0 (a warning)', async () => {
    const {KAFKA_PREFIX: _prefix, ...withoutPrefix} = herokuEnv
    const run = await doctor(['--topic', `${rig.herokuPrefix}events`], withoutPrefix)
    const heroku = area(run, 'heroku')
    assert.equal(heroku.status, 'warn', JSON.stringify(heroku))
    assert.deepEqual(heroku.codes, ['KD704'])
    assert.match(heroku.summary, /KAFKA_PREFIX is not set/)
    assert.equal(run.status, 0)
    assert.equal((await doctor(['--topic', `${rig.herokuPrefix}events`, '--fail-on', 'warn'], withoutPrefix)).status, 1)
  })
})

/** A Karafka app whose routes name a topic and a group alice may not use; its bootstrap address and password come from ENV. */
const KARAFKA_RB = [
  'class KarafkaApp < Karafka::App',
  '  setup do |config|',
  '    config.kafka = {',
  "      'bootstrap.servers': ENV.fetch('KAFKA_BOOTSTRAP'),",
  "      'security.protocol': 'SASL_PLAINTEXT',",
  "      'sasl.mechanisms': 'SCRAM-SHA-256',",
  "      'sasl.username': 'alice',",
  "      'sasl.password': ENV['KAFKA_PASSWORD']",
  '    }',
  '  end',
  '',
  '  routes.draw do',
  '    consumer_group :alice_app do',
  "      topic 'alice.orders' do",
  '        consumer OrdersConsumer',
  '      end',
  "      topic 'public-events' do",
  '        consumer EventsConsumer',
  '      end',
  '    end',
  '  end',
  'end',
  '',
].join('\n')

describe('problems the app has', () => {
  test('a topic the app may not read: Permissions ✗ KD601 naming the topic and the grant, exit 1', async () => {
    const run = await doctor(['--topic', 'alice.orders,public-events', '--group', 'alice-app', ...alice()])
    assert.equal(run.status, 1)
    const acl = area(run, 'acl')
    assert.equal(acl.status, 'fail')
    assert.equal(acl.codes[0], 'KD601')
    assert.match(acl.summary, /^topic public-events: .*Read ✗/)
    const row = run.json.acl.matrix.find((r: any) => r.resource.label === 'topic public-events')
    assert.equal(row.cells.find((c: any) => c.operation === 'Read').verdict, 'denied')
    assert.ok(run.json.acl.fixes.commands.some((c: any) => /--allow-principal User:alice .*--operation Read .*--topic public-events/.test(c.command)))
    // An app is not asked to describe or create on the cluster: only what it uses.
    const cluster = run.json.acl.matrix.find((r: any) => r.resource.kind === 'cluster')
    assert.deepEqual(cluster.cells.map((c: any) => c.operation), ['IdempotentWrite'])
    assert.deepEqual([area(run, 'settings').status, area(run, 'connect').status], ['pass', 'pass'])
  })

  test("the app's karafka.rb (its ENV from an env file) names a topic it may not read: its routes are the rows, Permissions ✗ KD601, exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdoctor-doctor-karafka-'))
    try {
      const {host, port} = rig.listeners.sasl_plaintext
      const karafka = join(dir, 'karafka.rb')
      const envFile = join(dir, 'app.env')
      writeFileSync(karafka, KARAFKA_RB)
      writeFileSync(envFile, `KAFKA_BOOTSTRAP=${host}:${port}\nKAFKA_PASSWORD=${rig.users.alice}\n`)
      const run = await doctor(['--karafka-config', karafka, '--env-file', envFile, '--skip', 'liveness'])
      assert.equal(run.status, 1, run.stdout.slice(0, 600))
      const rows = run.json.acl.matrix.map((r: any) => r.resource.label)
      assert.ok(rows.includes('topic alice.orders') && rows.includes('topic public-events') && rows.includes('group alice_app'), rows.join(', '))
      const acl = area(run, 'acl')
      assert.equal(acl.status, 'fail')
      assert.equal(acl.codes[0], 'KD601')
      assert.ok(run.json.acl.fixes.commands.some((c: any) => /--operation Read .*--topic public-events/.test(c.command)))
      assert.ok(!run.stdout.includes(rig.users.alice), 'the password from the env file is never printed')
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  test('a wrong password: Connection ✗ KD404, Permissions skipped for it, and the password is never printed', async () => {
    const canary = 'kdoctor-canary-Zq8#doctor'
    const human = await runCli(['doctor', '--topic', 'alice.orders', ...alice(canary)], {env: CLEAN_ENV})
    const json = await doctor(['--topic', 'alice.orders', ...alice(canary)])
    for (const run of [human, json]) {
      assert.equal(run.status, 1)
      assert.ok(!run.stdout.includes(canary) && !run.stderr.includes(canary), 'the password appears nowhere')
    }

    const connect = area(json, 'connect')
    assert.equal(connect.status, 'fail')
    assert.ok(connect.codes.includes('KD404'), JSON.stringify(connect))
    const acl = area(json, 'acl')
    assert.equal(acl.status, 'skip')
    assert.match(acl.summary, /no bootstrap address got through every connection layer/)
    assert.match(human.stdout, /\[✗\] Connection\s+KD404/)
  })

  test('an unhealthy liveness listener: Liveness ✗ with its code', async () => {
    const stuck = await startListener((port) => ({kind: 'json', body: livenessBody(port, {polling_ttl_exceeded: true})}))
    try {
      const run = await doctor(['--skip', 'connect,acl', '--liveness-port', String(stuck.port)])
      const liveness = area(run, 'liveness')
      assert.equal(liveness.status, 'fail')
      assert.deepEqual(liveness.codes, ['KD802'])
      assert.equal(run.status, 1)
    } finally {
      await stuck.close()
    }
  })
})

describe('skipped areas say why', () => {
  test('nothing known beyond the connection: each skipped area names what it lacks', async () => {
    const run = await doctor(alice())
    assert.deepEqual(statuses(run), {settings: 'pass', connect: 'pass', acl: 'skip', heroku: 'skip', liveness: 'skip', aws: 'skip'})
    assert.match(area(run, 'acl').summary, /no topic or group known \(give --topic\/--group/)
    assert.match(area(run, 'heroku').summary, /no Heroku Kafka variables/)
    assert.match(area(run, 'liveness').summary, /no liveness port given \(--liveness-port\)/)
    assert.match(area(run, 'aws').summary, /AWS_EC2_METADATA_DISABLED/)
    // The reasons are findings too, so the JSON and the markdown report carry them.
    assert.deepEqual(findingsOf(run, {check: 'doctor', status: 'skip'}).map((f) => f.target), ['Permissions', 'Heroku conventions', 'Liveness', 'AWS reachability'])
    assert.equal(run.status, 0)
  })

  test('instance metadata that does not answer: AWS skipped within the short metadata timeout', async () => {
    const silent = await startImdsStub({instanceId: '', localIpv4: '', mac: '', interfaceId: '', securityGroupIds: [], subnetId: '', vpcId: '', vpcCidrs: [], region: ''}, 'silent')
    try {
      const run = await doctor(['--skip', 'connect,acl'], {AWS_EC2_METADATA_DISABLED: '', AWS_EC2_METADATA_SERVICE_ENDPOINT: silent.endpoint})
      const aws = area(run, 'aws')
      assert.equal(aws.status, 'skip')
      assert.match(aws.summary, new RegExp(`not on EC2 as far as instance metadata tells \\(no IMDSv2 token from ${silent.endpoint} \\(no answer within 500 ms\\)\\)`))
      assert.deepEqual(silent.requests, ['PUT /latest/api/token'])
    } finally {
      await silent.close()
    }
  })

  test('--skip names the areas left out; karafka.rb without a listener, or with a computed port, says so', async () => {
    const skipped = await doctor(['--skip', 'connect,aws'])
    assert.match(area(skipped, 'connect').summary, /skipped with --skip/)
    assert.match(area(skipped, 'aws').summary, /skipped with --skip/)
    assert.equal(findingsOf(skipped, {check: 'tcp'}).length, 0, 'nothing was dialled for the skipped connection')

    const plain = join(dir, 'karafka.rb')
    writeFileSync(plain, "class KarafkaApp < Karafka::App\n  setup do |config|\n    config.kafka = { 'bootstrap.servers': '127.0.0.1:9092' }\n  end\nend\n")
    const noListener = await doctor(['--skip', 'connect,acl', '--karafka-config', plain])
    assert.match(area(noListener, 'liveness').summary, /karafka\.rb sets up no LivenessListener/)

    const computed = join(dir, 'karafka-env-port.rb')
    writeFileSync(computed, "listener = ::Karafka::Instrumentation::Vendors::Kubernetes::LivenessListener.new(\n  port: ENV.fetch('LIVENESS_PORT').to_i\n)\nKarafka.monitor.subscribe(listener)\n")
    const run = await doctor(['--skip', 'connect,acl', '--karafka-config', computed])
    assert.match(area(run, 'liveness').summary, /port at .*karafka-env-port\.rb:1 is the expression ENV\.fetch\('LIVENESS_PORT'\)\.to_i \(give --liveness-port\)/)
  })

  test('the liveness port found in karafka.rb is called', async () => {
    const rb = join(dir, 'karafka-listener.rb')
    writeFileSync(rb, `listener = ::Karafka::Instrumentation::Vendors::Kubernetes::LivenessListener.new(\n  port: ${listener.port}\n)\nKarafka.monitor.subscribe(listener)\n`)
    const before = listener.requests.length
    const run = await doctor(['--skip', 'connect,acl', '--karafka-config', rb])
    assert.equal(area(run, 'liveness').status, 'pass', JSON.stringify(area(run, 'liveness')))
    assert.equal(listener.requests.length, before + 1)
  })
})

describe('bad input: one line, exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['a liveness port out of range', ['--liveness-port', '0'], /--liveness-port/],
    ['an unknown area to skip', ['--skip', 'everything'], /--skip/],
    ['an invalid topic name', ['--topic', 'bad name'], /"bad name" is not a valid topic name.*from flag --topic/],
    ['an unreadable karafka.rb', ['--karafka-config', '/nonexistent/karafka.rb'], /cannot read \/nonexistent\/karafka\.rb: no such file \(from flag --karafka-config\)/],
  ]
  for (const [name, args, reason] of cases) {
    test(name, async () => {
      const run = await runCli(['doctor', ...args], {env: CLEAN_ENV})
      assert.equal(run.status, 2, run.stdout + run.stderr)
      assert.equal(run.stdout, '')
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr)
      assert.match(run.stderr, reason)
    })
  }
})

describe('the ticket report', () => {
  const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {version: string}
  const KAFKAJS = JSON.parse(readFileSync(join(ROOT, 'node_modules/kafkajs/package.json'), 'utf8')) as {version: string}
  const CHECKLIST_MARKS: Record<string, string> = {pass: '✓', warn: '!', fail: '✗', skip: '-'}
  const PROBLEM_MARKS: Record<string, string> = {fail: '❌', warn: '⚠️'}
  let appDir: string

  before(() => {
    // A folder name with a pipe, a backtick and a line break: it reaches the heading and the Source cells.
    appDir = mkdtempSync(join(tmpdir(), 'kdoctor-report|`x\ny-'))
    writeFileSync(join(appDir, 'karafka.rb'), KARAFKA_RB)
  })
  after(() => appDir && rmSync(appDir, {recursive: true, force: true}))

  function appEnv(password: string): string {
    const {host, port} = rig.listeners.sasl_plaintext
    const file = join(appDir, `app-${password.length}.env`)
    writeFileSync(file, `KAFKA_BOOTSTRAP=${host}:${port}\nKAFKA_PASSWORD=${password}\n`)
    return file
  }

  /** What every doctor report holds, whatever the run found. */
  function assertReportShape(md: string, json: any, namespace: string): void {
    assert.deepEqual(gfmProblems(md), [], md)
    assert.ok(!md.includes('\u001b'), 'colour codes in markdown')
    const lines = md.split('\n')
    assert.equal(lines[0], '# kdoctor doctor')
    assert.ok(lines.includes(`- **kdoctor:** ${PACKAGE.version} (Node.js ${process.version})`), 'the kdoctor version')
    assert.ok(lines.some((l) => l.startsWith(`- **Host:** \`${hostname()}\` · Linux `)), 'the host and its OS')
    assert.ok(lines.includes(`- **Kubernetes pod namespace:** \`${namespace}\` (from env POD\\_NAMESPACE)`), 'the pod namespace')

    // The checklist first: one row per area, its mark and codes as the JSON has them.
    const order = ['## Checklist', '## Settings', '## Every check', '## Versions seen'].map((h) => lines.indexOf(h))
    assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!)), `sections in order: ${order.join(', ')}`)
    if (lines.includes('## Problems')) assert.ok(lines.indexOf('## Checklist') < lines.indexOf('## Problems'))
    assert.deepEqual(
      tableUnder(md, '## Checklist').map(([mark, title, codes]) => [mark, title, codes]),
      json.doctor.areas.map((a: any) => [CHECKLIST_MARKS[a.status], a.title, a.codes.join(' ')]),
    )

    // The settings with their sources; the password only masked.
    const settings = new Map(tableUnder(md, '## Settings').map(([key, value, source]) => [key, {value: value!, source: source!}]))
    assert.deepEqual([...settings.keys()], json.settings.map((s: any) => `\`${s.key}\``))
    assert.equal(settings.get('`sasl.password`')?.value, '•••••• (secret)')
    assert.match(settings.get('`sasl.password`')!.source, /^karafka\.rb:8 via .*kdoctor-report\\\|\\`x\\\\ny-.*app-\d+\.env:2$/)
    assert.match(settings.get('`bootstrap.servers`')!.source, /^karafka\.rb:4 via .*app-\d+\.env:1$/)
    assert.equal(settings.get('`sasl.username`')?.value, '`alice`')

    // Every problem: its code and title, the findings, the fix, the evidence (valid JSON), the pointer.
    const problems = json.findings.filter((f: any) => f.code && (f.status === 'fail' || f.status === 'warn'))
    assert.ok(problems.length > 0)
    for (const code of new Set<string>(problems.map((f: any) => f.code))) {
      const ofCode = problems.filter((f: any) => f.code === code)
      const status = ofCode.some((f: any) => f.status === 'fail') ? 'fail' : 'warn'
      const heading = lines.find((l) => l.startsWith(`### ${PROBLEM_MARKS[status]} ${code}: `))
      assert.ok(heading, `a section for ${code}`)
      const text = section(md, heading)
      for (const f of ofCode) assert.ok(text.includes(`- \`${f.target}\` (${f.check}): `), `${code}: finding on ${f.target}`)
      assert.match(text, /\n\*\*Fix\*\*\n\n- \S/, `${code}: a fix`)
      assert.ok(text.includes(`More: \`kdoctor explain ${code}\``), `${code}: where to read more`)
      if (ofCode.some((f: any) => Object.keys(f.evidence).length > 0)) {
        const evidence = /<details><summary>Evidence<\/summary>\n\n```json\n([^]*?)\n```\n\n<\/details>/.exec(text)
        assert.ok(evidence, `${code}: its evidence`)
        assert.doesNotThrow(() => JSON.parse(evidence[1]!), `${code}: evidence is JSON`)
      }
    }

    // Every check, one row each, with its code.
    const checks = tableUnder(md, '## Every check')
    assert.equal(checks.length, json.findings.length)
    assert.deepEqual(
      checks.map((row) => row[4]),
      json.findings.map((f: any) => f.code ?? ''),
    )
    assert.ok(lines.includes(`- kdoctor ${PACKAGE.version}`))
    assert.ok(lines.some((l) => /^- broker: Kafka (4\.x or newer|before 4\.0) \(from ApiVersions of `127\.0\.0\.1:\d+ \(bootstrap\)`\)$/.test(l)), 'the broker version')
  }

  test('--report FILE.md from karafka.rb and an env file: a well-formed report of every area, finding and setting, the password nowhere', async () => {
    const password = rig.users.alice
    const file = join(appDir, 'doctor.md')
    const run = await doctor(['--karafka-config', join(appDir, 'karafka.rb'), '--env-file', appEnv(password), '--skip', 'liveness', '--report', file], {POD_NAMESPACE: 'payments-staging'})
    assert.equal(run.status, 1, run.stderr)
    const md = readFileSync(file, 'utf8')
    assertReportShape(md, run.json, 'payments-staging')
    assert.deepEqual(
      tableUnder(md, '## Checklist').map((row) => row.slice(0, 3)),
      [
        ['✓', 'Settings', ''],
        ['✓', 'Connection', ''],
        ['✗', 'Permissions', 'KD601 KD602 KD604'],
        ['-', 'Heroku conventions', ''],
        ['-', 'Liveness', ''],
        ['-', 'AWS reachability', ''],
      ],
    )
    assert.match(md, /^### ❌ KD601: /m)
    assert.match(md, /^\| `topic public-events \(hidden\)` \| ✗ Metadata \| ✗ Fetch \|/m)
    assert.ok(md.split('\n').includes(`- kafkajs ${KAFKAJS.version} (the end-to-end client check)`), 'the kafkajs version')
    for (const [where, text] of [['report', md], ['stdout', run.stdout], ['stderr', run.stderr]]) assert.ok(!text!.includes(password), `the password is in the ${where}`)
  })

  test('--format markdown with a wrong password (the canary): Connection ✗ KD404 with evidence and fix, the canary nowhere', async () => {
    const canary = 'kdoctorCanaryTicket7f3a'
    const env = appEnv(canary)
    const run = await runCli(['doctor', '--format', 'markdown', '--timeout', '15s', '--karafka-config', join(appDir, 'karafka.rb'), '--env-file', env, '--skip', 'liveness'], {env: {...CLEAN_ENV, POD_NAMESPACE: 'payments'}})
    assert.equal(run.status, 1, run.stderr)
    const json = await doctor(['--karafka-config', join(appDir, 'karafka.rb'), '--env-file', env, '--skip', 'liveness'])
    assertReportShape(run.stdout, json.json, 'payments')
    const connection = tableUnder(run.stdout, '## Checklist')[1]!
    assert.deepEqual(connection.slice(0, 3), ['✗', 'Connection', 'KD404'])
    assert.match(section(run.stdout, run.stdout.split('\n').find((l) => l.startsWith('### ❌ KD404: '))!), /<details><summary>Evidence<\/summary>/)
    for (const [where, text] of [['stdout', run.stdout], ['stderr', run.stderr], ['JSON', json.stdout]]) assert.ok(!text!.includes(canary), `the canary is in the ${where}`)
  })
})
