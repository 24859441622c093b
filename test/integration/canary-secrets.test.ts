// A canary secret in every input dialect, for every command and every failure mode, with DEBUG=*
// set: it must never appear in stdout, stderr, JSON or markdown-ish human output.
import assert from 'node:assert/strict'
import {type ChildProcess, spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, test} from 'node:test'

import {type FaultServer, garbageServer} from '../faults/servers.js'
import {type CliRun, runCli} from '../helpers/cli.js'
import {type Rig, ensureRig} from '../helpers/rig.js'

const CANARY = 'CANARY-s3cr3t-7f1e9d'
const FORMS = [CANARY, encodeURIComponent(CANARY), Buffer.from(CANARY).toString('base64').slice(0, 20)]
const PEM = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC${CANARY}\n-----END PRIVATE KEY-----`
const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
const JWT = `${encode({alg: 'none'})}.${encode({sub: CANARY, exp: 1})}.`

let rig: Rig
let garbage: FaultServer
let dir: string
/** A stand-in for the app's process (--from-pid): its own environment and working directory. */
let app: ChildProcess
const figures = {tried: 0, passed: 0}

before(async () => {
  rig = await ensureRig()
  garbage = await garbageServer()
  dir = mkdtempSync(join(tmpdir(), 'kdoctor-canary-'))
  writeFileSync(join(dir, 'client.properties'), `security.protocol=SASL_PLAINTEXT\nsasl.mechanisms=SCRAM-SHA-256\nsasl.username=alice\nsasl.password=${CANARY}\n`)
  writeFileSync(join(dir, 'jaas.properties'), `security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="${CANARY}";\n`)
  writeFileSync(join(dir, 'token'), JWT)
  writeFileSync(join(dir, 'heroku.env'), `KAFKA_URL=kafka+ssl://app:${CANARY}@127.0.0.1:1\nKAFKA_PREFIX=wiry-12345.\nKAFKA_CLIENT_CERT_KEY="${PEM.replaceAll('\n', '\\n')}"\n`)
  writeFileSync(join(dir, 'paste.log'), `password: ${CANARY}\nsasl.password=${CANARY}\n${PEM}\n`)
  // The app's own settings dialects (issue #11): each holds or resolves the same canary password.
  const karafka = `class KarafkaApp < Karafka::App\n  setup do |config|\n    config.kafka = {\n      'bootstrap.servers': ENV.fetch('KAFKA_BOOTSTRAP', '127.0.0.1:1'),\n      'security.protocol': 'SASL_PLAINTEXT',\n      'sasl.mechanisms': 'SCRAM-SHA-256',\n      'sasl.username': 'alice',\n      'sasl.password': ENV['KAFKA_PASSWORD']\n    }\n  end\nend\n`
  writeFileSync(join(dir, 'karafka.rb'), karafka)
  writeFileSync(join(dir, 'app.env'), `KAFKA_PASSWORD=${CANARY}\n`)
  writeFileSync(join(dir, 'secret.yaml'), `apiVersion: v1\nkind: Secret\nmetadata:\n  name: kafka\ndata:\n  KAFKA_PASSWORD: ${Buffer.from(CANARY).toString('base64')}\n`)
  writeFileSync(join(dir, 'java.properties'), `security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-256\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="${CANARY}";\n`)
  writeFileSync(join(dir, 'application.yml'), `spring:\n  kafka:\n    security:\n      protocol: SASL_PLAINTEXT\n    properties:\n      sasl.mechanism: SCRAM-SHA-256\n      sasl.jaas.config: org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="${CANARY}";\n`)
  writeFileSync(join(dir, 'kcat.conf'), `security.protocol=SASL_PLAINTEXT\nsasl.mechanisms=SCRAM-SHA-256\nsasl.username=alice\nsasl.password=${CANARY}\n`)
  const appDir = join(dir, 'app')
  mkdirSync(appDir)
  writeFileSync(join(appDir, 'karafka.rb'), karafka)
  app = spawn('sleep', ['600'], {cwd: appDir, env: {PATH: process.env.PATH, KAFKA_PASSWORD: CANARY}, stdio: 'ignore'})
})
after(async () => {
  app.kill()
  await garbage.close()
  process.stdout.write(`# canary figures: ${JSON.stringify(figures)}\n`)
})

/** Where the secret comes from: arguments (port placeholder {addr}), environment, stdin. */
interface Dialect {
  args: string[]
  env?: NodeJS.ProcessEnv
  input?: string
}

const sasl = ['-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=SCRAM-SHA-256', '-X', 'sasl.username=alice']
const DIALECTS: Record<string, () => Dialect> = {
  '-X value': () => ({args: [...sasl, '-X', `sasl.password=${CANARY}`]}),
  '-X env:VAR': () => ({args: [...sasl, '-X', 'sasl.password=env:KDOCTOR_CANARY_PW'], env: {KDOCTOR_CANARY_PW: CANARY}}),
  '-X - (stdin)': () => ({args: [...sasl, '-X', 'sasl.password=-'], input: `${CANARY}\n`}),
  '-X file:': () => ({args: [...sasl, '-X', `sasl.password=file:${join(dir, 'token')}`]}),
  '-F properties': () => ({args: ['-F', join(dir, 'client.properties')]}),
  '-F JAAS': () => ({args: ['-F', join(dir, 'jaas.properties')]}),
  'KAFKA_URL with userinfo': () => ({args: [], env: {KAFKA_URL: `kafka+ssl://app:${CANARY}@{addr}`}}),
  'PEM where a path belongs': () => ({args: ['-X', 'security.protocol=SSL', '-X', `ssl.key.location=${PEM}`, '-X', `ssl.certificate.location=${join(dir, 'token')}`]}),
  'PEM in ssl.key.pem': () => ({args: ['-X', 'security.protocol=SSL', '-X', `ssl.key.pem=${PEM}`]}),
  'OAuth token file': () => ({args: ['-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=OAUTHBEARER', '--oauth-token-file', join(dir, 'token')]}),
  'OIDC endpoint with credentials': () => ({
    args: ['-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=OAUTHBEARER', '-X', 'sasl.oauthbearer.method=oidc', '-X', 'sasl.oauthbearer.client.id=app', '-X', `sasl.oauthbearer.client.secret=${CANARY}`, '-X', `sasl.oauthbearer.token.endpoint.url=http://app:${CANARY}@127.0.0.1:1/token`],
  }),
  'a secret-shaped value in a non-secret field': () => ({args: ['-X', `security.protocol=${JWT}`]}),
  'karafka.rb + --env-file': () => ({args: ['--karafka-config', join(dir, 'karafka.rb'), '--env-file', join(dir, 'app.env')]}),
  'karafka.rb + Kubernetes Secret': () => ({args: ['--karafka-config', join(dir, 'karafka.rb'), '--env-file', join(dir, 'secret.yaml')]}),
  '--java-config (ScramLoginModule)': () => ({args: ['--java-config', join(dir, 'java.properties')]}),
  'Spring application.yml': () => ({args: ['--java-config', join(dir, 'application.yml')]}),
  'kcat.conf ($KCAT_CONFIG)': () => ({args: [], env: {KCAT_CONFIG: join(dir, 'kcat.conf')}}),
  '--from-pid (the app process)': () => ({args: ['--from-pid', String(app.pid)]}),
}

/** The failure modes: bootstrap address, and extra flags. */
const FAILURES: Record<string, () => {addr: string; extra: string[]}> = {
  'connection refused': () => ({addr: '127.0.0.1:1', extra: []}),
  'garbage answer': () => ({addr: `127.0.0.1:${garbage.port}`, extra: []}),
  'authentication failure (real broker)': () => ({addr: `${rig.listeners.sasl_plaintext.host}:${rig.listeners.sasl_plaintext.port}`, extra: []}),
  'bad input (exit 2)': () => ({addr: '127.0.0.1:1', extra: ['--timeout', 'soon']}),
}

const COMMANDS: Record<string, string[]> = {
  connect: ['connect'],
  'connect --client': ['connect', '--client'],
  'cluster-info': ['cluster-info'],
  'acl-check': ['acl-check', '--topic', 'orders'],
  doctor: ['doctor', '--skip', 'aws,liveness'],
}

function assertNoCanary(label: string, run: CliRun): void {
  figures.tried++
  for (const [stream, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
    for (const form of FORMS) assert.ok(!text.includes(form), `${label}: ${stream} shows the canary (${form}):\n${text.slice(Math.max(0, text.indexOf(form) - 300), text.indexOf(form) + 100)}`)
    assert.ok(!text.includes('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'), `${label}: ${stream} shows the private key`)
  }
  assert.doesNotMatch(run.stderr, /\n\s+at .*\.js:\d+/, `${label}: a stack trace`)
  figures.passed++
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work))
}

describe('canary secret: every command × input dialect × failure mode, DEBUG=*', () => {
  for (const [command, commandArgs] of Object.entries(COMMANDS)) {
    test(command, async () => {
      const cases = Object.entries(DIALECTS).flatMap(([dialect, make]) => Object.entries(FAILURES).flatMap(([failure, mode]) => [false, true].map((json) => ({dialect, make, failure, mode, json}))))
      await inBatches(cases, 4, async ({dialect, make, failure, mode, json}) => {
        const {addr, extra} = mode()
        const d = make()
        const env = Object.fromEntries(Object.entries(d.env ?? {}).map(([k, v]) => [k, v?.replaceAll('{addr}', addr)]))
        const bootstrap = d.env?.KAFKA_URL ? [] : ['-b', addr]
        const args = [...commandArgs, ...bootstrap, '--timeout', '3s', ...d.args, ...extra, ...(json ? ['--json'] : [])]
        const run = await runCli(args, {env: {DEBUG: '*', ...env}, input: d.input})
        assertNoCanary(`${command} · ${dialect} · ${failure}${json ? ' · --json' : ''}`, run)
      })
    })
  }

  test('heroku-prefix: KAFKA_URL userinfo and the client key, from --env-file and from the environment', async () => {
    const envFile = await runCli(['heroku-prefix', '--env-file', join(dir, 'heroku.env'), '--timeout', '2s'], {env: {DEBUG: '*'}})
    assertNoCanary('heroku-prefix --env-file', envFile)
    for (const json of [[], ['--json']]) {
      const fromEnv = await runCli(['heroku-prefix', '--timeout', '2s', ...json], {env: {DEBUG: '*', KAFKA_URL: `kafka+ssl://app:${CANARY}@127.0.0.1:1`, KAFKA_PREFIX: 'wiry-12345.', KAFKA_CLIENT_CERT_KEY: PEM}})
      assertNoCanary(`heroku-prefix env ${json.join(' ')}`, fromEnv)
    }
  })

  test('liveness: credentials in --host and in the URL, ?token= in the path', async () => {
    const runs = await Promise.all([
      runCli(['liveness', '--host', `app:${CANARY}@127.0.0.1`, '--port', '1', '--timeout', '1s'], {env: {DEBUG: '*'}}),
      runCli(['liveness', `http://app:${CANARY}@127.0.0.1:1/`, '--timeout', '1s'], {env: {DEBUG: '*'}}),
      runCli(['liveness', `http://127.0.0.1:1/health?token=${CANARY}`, '--timeout', '1s', '--json'], {env: {DEBUG: '*'}}),
      runCli(['liveness', `http://127.0.0.1:1/health?x=1&token=${CANARY}`, '--timeout', '1s'], {env: {DEBUG: '*'}}),
    ])
    runs.forEach((run, i) => assertNoCanary(`liveness #${i + 1}`, run))
    assert.equal(runs[0]!.status, 2, 'credentials in --host are refused')
  })

  test('explain: the odd places of a paste, from an argument, a file and stdin', async () => {
    const lines = [
      `client_id=app&password=${CANARY}`,
      `user=app|password=${CANARY}`,
      `conf:sasl.password=${CANARY}`,
      `the password: ${CANARY} was rejected`,
      `https://:${CANARY}@registry.example.com/`,
      `ssl.key.passphrase=${CANARY}`,
      `KAFKA_PASS=${CANARY}`,
      `sasl.password\t${CANARY}`,
      `sasl.password＝${CANARY}`,
      `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${CANARY}=`,
      `{"sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"app\\" password=\\"${CANARY}\\";"}`,
    ]
    const runs = await Promise.all([
      ...lines.map((line) => runCli(['explain', `SASL authentication failed ${line}`], {env: {DEBUG: '*'}})),
      ...lines.map((line) => runCli(['explain', '--json', `SASL authentication failed ${line}`], {env: {DEBUG: '*'}})),
      runCli(['explain', '-f', join(dir, 'paste.log')], {env: {DEBUG: '*'}}),
      runCli(['explain', '-'], {env: {DEBUG: '*'}, input: lines.join('\n')}),
    ])
    runs.forEach((run, i) => assertNoCanary(`explain #${i + 1}`, run))
  })
})
