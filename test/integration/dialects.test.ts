// Each dialect's file, with its environment, pointed at the real broker's SASL listener: it
// connects; with a wrong password it gives KD404; a karafka.rb's routes are acl-check's rows;
// --from-pid reads a real child process's environment and working directory; --env-file reaches
// kdoctor however it is launched. No password appears in any output.
import assert from 'node:assert/strict'
import {type ChildProcess, spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, test} from 'node:test'
import {fileURLToPath} from 'node:url'

import {type CliRun, findingsOf, ROOT, runCli} from '../helpers/cli.js'
import {type Rig, ensureRig} from '../helpers/rig.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/dialects/', import.meta.url))
const WRONG = 'wrong-dialect-PW-0b7e'
let rig: Rig
let dir: string
let broker: string
const runs: CliRun[] = []
// kcat.conf in the test user's home must not leak into these runs.
const HOME = mkdtempSync(join(tmpdir(), 'kdoctor-home-'))

async function kdoctor(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const run = await runCli([...args, '--json', ...(args.includes('--timeout') ? [] : ['--timeout', '8s'])], {env: {HOME, KAFKA_URL: '', KAFKA_BOOTSTRAP_SERVERS: '', KCAT_CONFIG: '', ...env}})
  runs.push(run)
  assert.ok(run.json, `one JSON document (exit ${run.status}): ${run.stdout.slice(0, 300)} ${run.stderr.slice(0, 300)}`)
  return run
}

function assertConnects(run: CliRun): void {
  const bad = findingsOf(run, {}).filter((f) => f.status === 'fail' || f.status === 'warn')
  assert.deepEqual(bad, [], 'no failure or warning')
  assert.equal(run.status, 0)
  assert.equal(findingsOf(run, {check: 'sasl'})[0]?.status, 'pass')
}

function assertKd404(run: CliRun): void {
  assert.equal(run.status, 1)
  assert.equal(findingsOf(run, {status: 'fail'})[0]?.code, 'KD404')
}

const source = (run: CliRun, key: string): string => run.json.settings.find((s: {key: string}) => s.key === key)?.source

before(async () => {
  rig = await ensureRig()
  broker = `${rig.listeners.sasl_plaintext.host}:${rig.listeners.sasl_plaintext.port}`
  dir = mkdtempSync(join(tmpdir(), 'kdoctor-dialects-'))
})

after(() => {
  rmSync(dir, {recursive: true, force: true})
  rmSync(HOME, {recursive: true, force: true})
  // The canary: no password of any dialect in any output.
  for (const run of runs) {
    for (const secret of [rig.users.alice, WRONG]) {
      assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'a password was printed')
    }
  }
})

describe('karafka.rb with an env file', () => {
  const env = (password: string) => `KAFKA_BROKERS=${broker}\nKAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT\nKAFKA_USERNAME=alice\nKAFKA_PASSWORD='${password}'\n`

  test("the MSK snippet's karafka.rb, its ENV from a dotenv file: connects; every setting names its line and variable", async () => {
    const envFile = join(dir, 'app.env')
    writeFileSync(envFile, env(rig.users.alice))
    const run = await kdoctor(['connect', '--no-client', '--karafka-config', join(FIXTURES, 'karafka-msk.rb'), '--env-file', envFile])
    assertConnects(run)
    assert.equal(source(run, 'bootstrap.servers'), `karafka-msk.rb:8 via ${envFile}:1`)
    assert.equal(source(run, 'sasl.password'), `karafka-msk.rb:12 via ${envFile}:4`)
    assert.deepEqual(run.json.settings.find((s: {key: string}) => s.key === 'sasl.password'), {key: 'sasl.password', value: '[masked]', source: `karafka-msk.rb:12 via ${envFile}:4`, secret: true})
  })

  test('the same with a wrong password → KD404', async () => {
    const envFile = join(dir, 'wrong.env')
    writeFileSync(envFile, env(WRONG))
    assertKd404(await kdoctor(['connect', '--no-client', '--karafka-config', join(FIXTURES, 'karafka-msk.rb'), '--env-file', envFile]))
  })

  test("the human heading is one line naming each source", async () => {
    const envFile = join(dir, 'app.env')
    const run = await runCli(['connect', '--no-client', '--no-advertised', '--timeout', '8s', '--karafka-config', join(FIXTURES, 'karafka-msk.rb'), '-E', envFile], {env: {HOME}})
    runs.push(run)
    const heading = run.stdout.split('\n')[0]!
    assert.match(heading, /^kdoctor connect · .* · settings from karafka-msk\.rb, \/tmp\/kdoctor-dialects-\w+\/app\.env$/)
  })
})

describe('Java and Spring', () => {
  const properties = (password: string) => {
    const file = join(dir, `client-${password === WRONG ? 'wrong' : 'ok'}.properties`)
    writeFileSync(file, readFileSync(join(FIXTURES, 'msk-client.properties'), 'utf8').replace('${MSK_PASSWORD}', password).replace('SCRAM-SHA-512', 'SCRAM-SHA-512'))
    return file
  }

  test('an MSK client.properties with ScramLoginModule: connects, no KD101/KD109', async () => {
    assertConnects(await kdoctor(['connect', '--no-client', '-b', broker, '--java-config', properties(rig.users.alice)]))
  })

  test('the same with a wrong password → KD404', async () => {
    assertKd404(await kdoctor(['connect', '--no-client', '-b', broker, '-F', properties(WRONG)]))
  })

  const secret = (password: string) => {
    const file = join(dir, `secret-${password === WRONG ? 'wrong' : 'ok'}.yaml`)
    writeFileSync(file, `${readFileSync(join(FIXTURES, 'kafka-secret.yaml'), 'utf8')}  KAFKA_BROKERS: ${broker}\n  KAFKA_PASSWORD: '${password}'\n`)
    return file
  }

  test("Spring Boot's application.yml with ${VARS} from a Kubernetes Secret: connects", async () => {
    const run = await kdoctor(['connect', '--no-client', '--java-config', join(FIXTURES, 'application.yml'), '--env-file', secret(rig.users.alice)])
    assertConnects(run)
    assert.match(source(run, 'sasl.password'), /^application\.yml:12 via .*secret-ok\.yaml:13 \(Secret kafka stringData\.KAFKA_PASSWORD\) \(sasl\.jaas\.config\)$/)
  })

  test('the same with a wrong password → KD404', async () => {
    assertKd404(await kdoctor(['connect', '--no-client', '--java-config', join(FIXTURES, 'application.yml'), '--env-file', secret(WRONG)]))
  })
})

describe('kcat.conf', () => {
  test('$KCAT_CONFIG is read as kcat reads it and named as the source', async () => {
    const conf = join(dir, 'kcat.conf')
    writeFileSync(conf, `bootstrap.servers=${broker}\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanisms=SCRAM-SHA-256\nsasl.username=alice\nsasl.password=${rig.users.alice}\n`)
    const run = await kdoctor(['connect', '--no-client'], {KCAT_CONFIG: conf})
    assertConnects(run)
    assert.equal(source(run, 'bootstrap.servers'), `${conf}:1`)
  })
})

describe("acl-check: a karafka.rb's topics and groups are the rows", () => {
  test('routes.draw topics and consumer_group, without --topic/--group', async () => {
    const rb = join(dir, 'karafka.rb')
    writeFileSync(rb, [
      'class KarafkaApp < Karafka::App',
      '  setup do |config|',
      `    config.kafka = { 'bootstrap.servers': '${broker}', 'security.protocol': 'sasl_plaintext', 'sasl.mechanisms': 'SCRAM-SHA-512', 'sasl.username': 'alice', 'sasl.password': ENV.fetch('KAFKA_PASSWORD') }`,
      '  end',
      '  routes.draw do',
      "    consumer_group 'alice-app' do",
      '      topic :"alice.orders" do',
      '        consumer OrdersConsumer',
      '      end',
      "      topic 'alice.payments' do",
      '        consumer PaymentsConsumer',
      '      end',
      '    end',
      '  end',
      'end',
      '',
    ].join('\n'))
    const run = await kdoctor(['acl-check', '--karafka-config', rb, '--timeout', '15s'], {KAFKA_PASSWORD: rig.users.alice})
    const rows = [...new Set(run.json.acl.matrix.map((r: {resource: {kind: string; name: string}}) => `${r.resource.kind} ${r.resource.name}`))].filter((r) => !String(r).startsWith('cluster'))
    assert.deepEqual(rows.sort(), ['group alice-app', 'topic alice.orders', 'topic alice.payments'])
  })
})

describe('--from-pid: the settings of a running process', () => {
  let child: ChildProcess
  before(() => {
    const appDir = mkdtempSync(join(tmpdir(), 'kdoctor-app-'))
    writeFileSync(join(appDir, 'karafka.rb'), readFileSync(join(FIXTURES, 'karafka-msk.rb'), 'utf8'))
    // The app: its own environment and working directory, nothing of the test's.
    child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      cwd: appDir,
      env: {KAFKA_BROKERS: broker, KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', KAFKA_USERNAME: 'alice', KAFKA_PASSWORD: rig.users.alice},
      stdio: 'ignore',
    })
  })
  after(() => child.kill())

  test("finds karafka.rb in the app's working directory and its variables in the app's environment: connects", async () => {
    const run = await kdoctor(['connect', '--no-client', '--from-pid', String(child.pid)])
    assertConnects(run)
    assert.equal(source(run, 'sasl.password'), `karafka.rb:12 via pid ${child.pid} env KAFKA_PASSWORD`)
  })

  test('a process that does not exist, and one kdoctor may not read: exit 2 with what to do instead', async () => {
    const gone = await runCli(['connect', '--from-pid', '999999999'], {env: {HOME}})
    assert.equal(gone.status, 2)
    assert.match(gone.stderr, /^kdoctor: there is no process 999999999 here .*\(from flag --from-pid\)\n$/)
    // As an unprivileged user, the (root-owned) app's /proc/PID/environ is off limits.
    const denied = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(ROOT, 'bin/run.js'), 'connect', '--from-pid', String(child.pid)], {encoding: 'utf8', env: {PATH: process.env.PATH, HOME: '/tmp', NO_COLOR: '1'}})
    assert.equal(denied.status, 2, denied.stderr)
    assert.match(denied.stderr, /^kdoctor: permission denied reading \/proc\/\d+\/environ: run kdoctor as the app's user .*--env-file.*\(from flag --from-pid\)\n$/)
  })
})

describe('--env-file reaches kdoctor however it is launched', () => {
  const node = (args: string[]) => spawnSync(process.execPath, args, {cwd: ROOT, encoding: 'utf8', env: {...process.env, HOME, NO_COLOR: '1'}})

  test('node bin/run.js with an existing --env-file: kdoctor reads it (Node leaves it alone)', () => {
    const envFile = join(dir, 'plain.env')
    writeFileSync(envFile, 'KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1\n')
    const run = node([join(ROOT, 'bin/run.js'), 'connect', '--no-client', '--timeout', '2s', '--json', '--env-file', envFile])
    assert.equal(JSON.parse(run.stdout).settings[0].source, `${envFile}:1`)
  })

  test('a missing file: -E and `node -- bin/run.js --env-file` give kdoctor\'s one line and exit 2', () => {
    for (const args of [[join(ROOT, 'bin/run.js'), 'connect', '-E', 'missing.env'], ['--', join(ROOT, 'bin/run.js'), 'connect', '--env-file', 'missing.env']]) {
      const run = node(args)
      assert.equal(run.status, 2, run.stderr)
      assert.equal(run.stderr, 'kdoctor: cannot read missing.env: no such file (from flag --env-file)\n')
    }
  })
})
