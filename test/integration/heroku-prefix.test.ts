// kdoctor heroku-prefix against the real broker: the heroku-tenant principal over mutual TLS,
// with Heroku-shaped variables (KAFKA_URL as kafka+ssl:// pointing at the rig's mtls listener,
// certificates as PEM strings, KAFKA_PREFIX=wiry-12345.). heroku-tenant may use wiry-12345.*
// topics and groups only, as a Heroku multi-tenant add-on may use its prefix only.
//   npm run build && node --import tsx --test test/integration/heroku-prefix.test.ts
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {type CliRun, ROOT, findingsOf, runCli} from '../helpers/cli.js'
import {createTenantGroup, deleteTenantGroup, herokuVariables} from '../helpers/heroku.js'
import {type Rig, ensureRig, rigTls} from '../helpers/rig.js'

let rig: Rig
let env: Record<string, string>
let pem: ReturnType<typeof rigTls>
/** A wiry-12345. group that exists: test setup commits an offset for it (kdoctor never does). */
let existingGroup: string
let dir: string

// Topics the rig gained for these tests; a rig started before them gets them from `rig.mjs start`.
const WEB_UI_RIG_TOPICS = ['wiry-12345.karafka_consumers_reports', 'wiry-12345.karafka_consumers_metrics']

before(async () => {
  rig = await ensureRig()
  if (!WEB_UI_RIG_TOPICS.every((name) => rig.topics.some((t) => t.name === name))) {
    const start = spawnSync(process.execPath, ['test/kafka/rig.mjs', 'start'], {cwd: ROOT, stdio: 'inherit'})
    assert.equal(start.status, 0, 'rig start (to create the missing topics) failed')
    rig = await ensureRig()
  }

  pem = rigTls(rig)
  env = {...herokuVariables(rig), KAFKA_BOOTSTRAP_SERVERS: '', HEROKU_APP_NAME: ''}
  existingGroup = `${rig.herokuPrefix}kdoctor-it-${process.pid}-${Date.now().toString(36)}`
  await createTenantGroup(rig, existingGroup)

  dir = mkdtempSync(join(tmpdir(), 'kdoctor-heroku-it-'))
}, {timeout: 300_000})

after(async () => {
  rmSync(dir, {recursive: true, force: true})
  await deleteTenantGroup(rig, existingGroup)
})

const heroku = (args: string[], extraEnv: Record<string, string> = {}) => runCli(['heroku-prefix', ...args], {env: {...env, ...extraEnv}})

function target(run: CliRun, name: string): any[] {
  return (run.json?.findings ?? []).filter((f: any) => f.target === name)
}

function assertNoSecret(run: CliRun) {
  for (const line of pem.key.split('\n').filter((l) => l.length > 40)) {
    assert.equal(run.stdout.includes(line) || run.stderr.includes(line), false, 'a line of the private key was printed')
  }
}

describe('kdoctor heroku-prefix (live, heroku-tenant over mutual TLS)', () => {
  it('passes correctly prefixed names that exist, after connect’s layers on the SSL listener', async () => {
    const run = await heroku(['--topic', `${rig.herokuPrefix}events`, '--group', existingGroup, '--no-karafka', '--no-web-ui', '--json'])
    assert.equal(run.status, 0, run.stdout + run.stderr)
    assert.equal(run.json.ok, true)
    assert.equal(run.json.summary.fail, 0)
    assert.equal(run.json.summary.warn, 0)
    for (const check of ['dns', 'tcp', 'listener', 'tls', 'metadata']) {
      assert.equal(findingsOf(run, {check})[0]?.status, 'pass', check)
    }

    assert.match(findingsOf(run, {check: 'listener'})[0].summary, /TLS/)
    for (const variable of ['KAFKA_URL', 'KAFKA_PREFIX', 'KAFKA_TRUSTED_CERT', 'KAFKA_CLIENT_CERT', 'KAFKA_CLIENT_CERT_KEY']) {
      assert.equal(target(run, variable)[0]?.status, 'pass', variable)
    }

    const topic = target(run, `topic ${rig.herokuPrefix}events`).map((f) => f.summary)
    assert.equal(topic.length, 2)
    assert.match(topic[0], /carries KAFKA_PREFIX \(the Heroku CLI calls it events\)/)
    assert.match(topic[1], /exists \(1 partition, replication factor 1\)/)
    const group = target(run, `group ${existingGroup}`)
    assert.deepEqual(group.map((f) => f.status), ['pass', 'pass'])
    assert.match(group[1].summary, /exists \(state Empty, 0 members\)/)
    assert.deepEqual(run.json.heroku.commands, [])
    assertNoSecret(run)
  })

  it('fails an unprefixed topic (KD701 + KD601) and group (KD702 + KD602) with the prefix to add', async () => {
    const run = await heroku(['--topic', 'events', '--group', 'app', '--no-karafka', '--no-web-ui', '--json'])
    assert.equal(run.status, 1)
    const topic = target(run, 'topic events')
    assert.deepEqual(topic.map((f) => `${f.code}:${f.status}`), ['KD701:fail', 'KD601:fail'])
    assert.equal(topic[0].evidence.corrected, 'wiry-12345.events')
    assert.match(topic[1].summary, /topic authorization failed.*add the prefix: wiry-12345\.events/)
    assert.equal(topic[1].evidence.hint, 'add the prefix: wiry-12345.events')
    // The corrected name exists, so the fix is in the code only.
    assert.equal(target(run, 'topic wiry-12345.events')[0]?.status, 'pass')

    const group = target(run, 'group app')
    assert.deepEqual(group.map((f) => `${f.code}:${f.status}`), ['KD702:fail', 'KD602:fail'])
    assert.match(group[1].summary, /group authorization failed.*add the prefix: wiry-12345\.app/)
    assert.match(group[1].evidence.log.join('\n'), /Group authorization failed/)
    // The corrected group was never created on the cluster.
    const corrected = target(run, 'group wiry-12345.app')[0]
    assert.equal(corrected.code, 'KD703')
    assert.equal(corrected.evidence.command, 'heroku kafka:consumer-groups:create app')
  })

  it('reports a missing group (KD703) and a missing topic (KD506) with the Heroku CLI command, name without the prefix', async () => {
    const missing = `${rig.herokuPrefix}never-created-${process.pid}`
    const run = await heroku(['--group', missing, '--topic', `${rig.herokuPrefix}absent-${process.pid}:6`, '--no-karafka', '--no-web-ui', '--json'])
    assert.equal(run.status, 1)
    const group = findingsOf(run, {code: 'KD703'})
    assert.equal(group.length, 1)
    assert.equal(group[0].target, `group ${missing}`)
    assert.equal(group[0].evidence.state, 'Dead')
    assert.equal(group[0].evidence.command, `heroku kafka:consumer-groups:create never-created-${process.pid}`)
    const topic = findingsOf(run, {code: 'KD506'})
    assert.equal(topic.length, 1)
    assert.equal(topic[0].evidence.command, `heroku kafka:topics:create absent-${process.pid} --partitions 6`)
    assert.deepEqual(run.json.heroku.commands, [`heroku kafka:topics:create absent-${process.pid} --partitions 6`, `heroku kafka:consumer-groups:create never-created-${process.pid}`])
  })

  it("checks Karafka's groups and the Web UI topics: one-day retention (KD705), missing topics (KD706)", async () => {
    const run = await heroku(['--group-id', existingGroup, '--json', '-a', 'wiry-app'])
    assert.equal(run.status, 1)
    const web = (name: string) => target(run, `topic ${rig.herokuPrefix}${name}`)
    assert.equal(web('karafka_consumers_states')[0].status, 'pass')
    assert.equal(web('karafka_consumers_reports')[0].status, 'pass')
    const metrics = web('karafka_consumers_metrics')
    assert.deepEqual(metrics.map((f) => `${f.code}:${f.status}`), ['KD705:fail'])
    assert.equal(metrics[0].evidence.cleanupPolicy, 'delete')
    assert.equal(metrics[0].evidence.retentionMs, 86_400_000)
    assert.equal(metrics[0].evidence.command, 'heroku kafka:topics:compaction karafka_consumers_metrics enable -a wiry-app')
    assert.deepEqual(web('karafka_consumers_commands').map((f) => `${f.code}:${f.status}`), ['KD706:warn'])
    assert.deepEqual(web('karafka_errors').map((f) => `${f.code}:${f.status}`), ['KD706:fail'])
    assert.equal(web('karafka_errors')[0].evidence.command, 'heroku kafka:topics:create karafka_errors --partitions 1 --retention-time 14d -a wiry-app')
    // Karafka's groups: the given group_id exists; the default admin and Web UI groups were never created.
    assert.equal(target(run, `group ${existingGroup}`)[0].status, 'pass')
    for (const name of ['karafka_admin', 'karafka_web']) {
      const f = target(run, `group ${rig.herokuPrefix}${name}`)[0]
      assert.equal(f.code, 'KD703', name)
      assert.equal(f.evidence.defaulted, true)
    }

    assert.deepEqual(run.json.heroku.commands, [
      'heroku kafka:consumer-groups:create karafka_admin -a wiry-app',
      'heroku kafka:consumer-groups:create karafka_web -a wiry-app',
      'heroku kafka:topics:compaction karafka_consumers_metrics enable -a wiry-app',
      'heroku kafka:topics:create karafka_consumers_commands --partitions 1 --retention-time 7d -a wiry-app',
      'heroku kafka:topics:create karafka_errors --partitions 1 --retention-time 14d -a wiry-app',
    ])
  })

  it('reads the same variables from `heroku config --shell` output (--env-file) and gives the same verdicts', async () => {
    // As heroku config --shell writes them: PEMs double-quoted on one line with \n, the URL single-quoted.
    const quote = (v: string) => `"${v.replace(/(["\\$`!])/g, '\\$1').replace(/\n/g, '\\n')}"`
    const file = join(dir, 'heroku.env')
    writeFileSync(file, [
      `KAFKA_CLIENT_CERT=${quote(env.KAFKA_CLIENT_CERT!)}`,
      `KAFKA_CLIENT_CERT_KEY=${quote(env.KAFKA_CLIENT_CERT_KEY!)}`,
      `KAFKA_PREFIX=${env.KAFKA_PREFIX}`,
      `KAFKA_TRUSTED_CERT=${quote(env.KAFKA_TRUSTED_CERT!)}`,
      `KAFKA_URL='${env.KAFKA_URL}'`,
      '',
    ].join('\n'))
    const args = ['--topic', 'events', '--group', existingGroup, '--no-karafka', '--no-web-ui', '--json']
    const fromFile = await runCli(['heroku-prefix', '--env-file', file, ...args], {env: {KAFKA_URL: '', KAFKA_PREFIX: '', KAFKA_TRUSTED_CERT: '', KAFKA_CLIENT_CERT: '', KAFKA_CLIENT_CERT_KEY: '', KAFKA_BOOTSTRAP_SERVERS: ''}})
    const fromEnv = await heroku(args)
    const verdicts = (run: CliRun) => run.json.findings.map((f: any) => `${f.target}|${f.check}|${f.status}|${f.code ?? ''}`)
    assert.deepEqual(verdicts(fromFile), verdicts(fromEnv))
    assert.equal(target(fromFile, 'KAFKA_PREFIX')[0].evidence.source, `${file}:3`)
    assert.equal(findingsOf(fromFile, {check: 'tls'})[0].status, 'pass')
    assertNoSecret(fromFile)
  })

  it('reports KD102 when the client configuration uses KAFKA_URL verbatim, and still probes without the scheme', async () => {
    const run = await heroku(['-b', env.KAFKA_URL!, '--no-karafka', '--no-web-ui', '--json'])
    const kd102 = findingsOf(run, {code: 'KD102'})
    assert.equal(kd102.length, 1)
    assert.equal(kd102[0].status, 'fail')
    assert.match(kd102[0].summary, /kafka\+ssl:\/\/.*librdkafka rejects it/)
    assert.equal(findingsOf(run, {check: 'metadata'})[0]?.status, 'pass')
  })

  it('prints a checklist, the Heroku CLI commands and the Karafka settings, without secrets', async () => {
    const run = await heroku(['--topic', 'events', '--no-karafka', '--no-web-ui'])
    assert.equal(run.status, 1)
    assert.match(run.stdout, /^kdoctor heroku-prefix · KAFKA_PREFIX wiry-12345\. · variables from the environment/)
    assert.match(run.stdout, /topic events\n {2}✗ heroku {2}topic events lacks KAFKA_PREFIX .*\[KD701\]\n {2}✗ heroku {2}topic events: topic authorization failed.*\[KD601\]/)
    assert.match(run.stdout, /Heroku CLI commands for the problems above.*\n {2}heroku kafka:topics:info events\n/)
    assert.match(run.stdout, /Karafka settings for this app.*\n {2}class KarafkaApp < Karafka::App/)
    assert.match(run.stdout, /'ssl\.endpoint\.identification\.algorithm': 'none'/)
    assertNoSecret(run)
  })
})
