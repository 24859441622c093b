// `kdoctor liveness` end to end through the built CLI. A loopback server stands in for the
// Karafka process, answering byte for byte as Karafka's listener does; no Kafka is involved.
import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, describe, test} from 'node:test'

import {synDropPorts} from '../faults/servers.js'
import {type CliRun, findingsOf, runCli} from '../helpers/cli.js'
import {type FakeListener, type ListenerReply, livenessBody, startListener, swarmBody} from '../unit/liveness/karafka-listener.js'
import {closedPort} from '../helpers/ports.js'

const FIXTURES = new URL('../unit/liveness/fixtures/', import.meta.url).pathname
const listeners: FakeListener[] = []
after(async () => {
  for (const l of listeners) await l.close()
})

async function karafka(reply: ListenerReply | ((port: number) => ListenerReply)): Promise<FakeListener> {
  const l = await startListener(reply)
  listeners.push(l)
  return l
}

async function liveness(args: string[]): Promise<CliRun> {
  const run = await runCli(['liveness', '--json', ...args])
  assert.ok(run.json, `stdout is one JSON document (exit ${run.status}): ${run.stdout.slice(0, 300)} ${run.stderr.slice(0, 300)}`)
  assert.equal(run.json.schema, 'kdoctor/v1')
  assert.equal(run.json.command, 'liveness')
  return run
}

const url = (l: FakeListener) => `http://127.0.0.1:${l.port}/`
const codes = (run: CliRun) => findingsOf(run, {}).filter((f) => f.status === 'fail' || f.status === 'warn').map((f) => `${f.status}:${f.code}`)

describe('each documented answer', () => {
  test('healthy: exit 0, the listener named, the timestamp aged', async () => {
    const l = await karafka((port) => ({kind: 'json', body: livenessBody(port)}))
    const run = await liveness([url(l)])
    assert.equal(run.status, 0)
    assert.equal(run.json.ok, true)
    assert.deepEqual(codes(run), [])
    const [answer, verdict] = findingsOf(run, {check: 'liveness'})
    assert.equal(answer.evidence.listener, 'liveness')
    assert.equal(answer.evidence.processId, 4242)
    assert.ok(Math.abs(answer.evidence.timestampAgeSeconds) <= 2)
    assert.match(verdict.summary, /^healthy/)
    assert.deepEqual(l.requests, ['GET / HTTP/1.1'])
  })

  for (const [flag, value, code] of [
    ['polling_ttl_exceeded', true, 'KD802'],
    ['consumption_ttl_exceeded', true, 'KD803'],
    ['stability_ttl_exceeded', true, 'KD806'],
    ['unrecoverable', 'fenced', 'KD804'],
  ] as const) {
    test(`500 with ${flag}: ${code}, exit 1`, async () => {
      const l = await karafka((port) => ({kind: 'json', body: livenessBody(port, {[flag]: value})}))
      const run = await liveness(['--port', String(l.port), '--host', '127.0.0.1'])
      assert.equal(run.status, 1)
      assert.deepEqual(codes(run), [`fail:${code}`])
      assert.deepEqual(findingsOf(run, {code})[0].evidence.value, value)
    })
  }

  test('swarm: controlling_ttl_exceeded is KD805; a healthy supervisor passes', async () => {
    const sick = await karafka((port) => ({kind: 'json', body: swarmBody(port, true)}))
    const run = await liveness([url(sick), '--swarm'])
    assert.equal(run.status, 1)
    assert.deepEqual(codes(run), ['fail:KD805'])
    const fine = await karafka((port) => ({kind: 'json', body: swarmBody(port, false)}))
    const ok = await liveness([url(fine), '--swarm'])
    assert.equal(ok.status, 0)
    assert.equal(findingsOf(ok, {check: 'liveness'})[0].evidence.listener, 'swarm')
  })

  test('Karafka < 2.5.0: 204 healthy with a note; 500 without a body fails without a reason', async () => {
    const old = await karafka({kind: 'legacy', healthy: true})
    const run = await liveness([url(old)])
    assert.equal(run.status, 0)
    assert.match(findingsOf(run, {status: 'pass'})[0].summary, /HTTP 204, no body: healthy — Karafka before 2\.5\.0/)
    const oldSick = await karafka({kind: 'legacy', healthy: false})
    const sick = await liveness([url(oldSick)])
    assert.equal(sick.status, 1)
    assert.deepEqual(codes(sick), ['fail:KD809'])
  })

  test('a custom #healthy? said no: unhealthy with every Karafka flag false (KD809)', async () => {
    const l = await karafka((port) => ({kind: 'json', body: {...livenessBody(port), status: 'unhealthy'}}))
    const run = await liveness([url(l)])
    assert.equal(run.status, 1)
    assert.deepEqual(codes(run), ['fail:KD809'])
    assert.match(findingsOf(run, {code: 'KD809'})[0].summary, /custom #healthy\?/)
  })

  test('an empty 500 (a proxy in front of the listener, or Karafka before 2.5.0) is an unexplained verdict (KD809)', async () => {
    const l = await karafka({kind: 'raw', bytes: 'HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n'})
    const run = await liveness([url(l)])
    assert.equal(run.status, 1)
    assert.deepEqual(codes(run), ['fail:KD809'])
  })

  test('unknown extra keys are tolerated', async () => {
    const l = await karafka((port) => ({kind: 'json', body: livenessBody(port, {queue_depth_exceeded: false}, {version: '2.9.0', node: 'a'})}))
    const run = await liveness([url(l)])
    assert.equal(run.status, 0)
    assert.deepEqual(findingsOf(run, {check: 'liveness'})[0].evidence.extraKeys, ['version', 'node', 'errors.queue_depth_exceeded'])
  })

  test('malformed JSON: unhealthy for an unreadable reason (KD809)', async () => {
    const broken = '{"status":"unhealthy","err'
    const l = await karafka({kind: 'raw', bytes: `HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: ${broken.length}\r\n\r\n${broken}`})
    const run = await liveness([url(l)])
    assert.equal(run.status, 1)
    assert.deepEqual(codes(run), ['fail:KD809'])
    assert.match(findingsOf(run, {code: 'KD809'})[0].summary, /JSON that does not parse/)
  })

  test('another server on the port: 404 → KD808', async () => {
    const l = await karafka({kind: 'raw', bytes: 'HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nNot Found'})
    const run = await liveness([url(l)])
    assert.equal(run.status, 1)
    assert.deepEqual(codes(run), ['fail:KD808'])
  })
})

describe('slow, refused and silent', () => {
  test('a slow answer: measured, and slower than the kubelet default timeout is a warning', async () => {
    const l = await karafka((port) => ({kind: 'json', body: livenessBody(port)}))
    l.delayMs = 1200
    const run = await liveness([url(l), '--timeout', '3s'])
    assert.equal(run.status, 0, 'a warning does not fail by default')
    assert.deepEqual(codes(run), ['warn:KD808'])
    assert.ok(findingsOf(run, {code: 'KD808'})[0].evidence.elapsedMs >= 1190)
    const strict = await liveness([url(l), '--timeout', '3s', '--fail-on', 'warn'])
    assert.equal(strict.status, 1)
  })

  test('a slow answer past --timeout: KD801 in the answer phase, the run bounded', async () => {
    const l = await karafka((port) => ({kind: 'json', body: livenessBody(port)}))
    l.delayMs = 3000
    const run = await liveness([url(l), '--timeout', '500ms'])
    assert.equal(run.status, 1)
    assert.deepEqual(codes(run), ['fail:KD801'])
    const [f] = findingsOf(run, {code: 'KD801'})
    assert.equal(f.evidence.phase, 'answer')
    assert.ok(f.durationMs >= 480 && f.durationMs < 1500, `took ${f.durationMs} ms`)
  })

  test('refused: KD801', async () => {
    const run = await liveness([`127.0.0.1:${await closedPort()}`])
    assert.equal(run.status, 1)
    const [f] = findingsOf(run, {code: 'KD801'})
    assert.equal(f.evidence.failure, 'refused')
    assert.match(f.summary, /opens only once Karafka runs/)
  })

  test('dropped SYNs: KD801 in the connect phase, within the timeout', async () => {
    const drop = await synDropPorts(1)
    try {
      const run = await liveness([`http://127.0.0.1:${drop.ports[0]}/`, '--timeout', '600ms'])
      assert.equal(run.status, 1)
      const [f] = findingsOf(run, {code: 'KD801'})
      assert.equal(f.evidence.failure, 'connect-timeout')
      assert.ok(f.durationMs < 1500)
    } finally {
      await drop.close()
    }
  })

  test('accepted, never answered (a frozen process): KD801 in the answer phase', async () => {
    const l = await karafka({kind: 'silent'})
    const run = await liveness([url(l), '--timeout', '400ms'])
    assert.equal(findingsOf(run, {code: 'KD801'})[0].evidence.failure, 'answer-timeout')
  })
})

describe('--watch', () => {
  test('prints each transition with its time, then a summary, and stops by itself', async () => {
    const l = await karafka((port) => ({kind: 'json', body: livenessBody(port)}))
    // Healthy for the first two answers, then stuck polling (whenever the CLI got going).
    const flip = setInterval(() => {
      if (l.requests.length >= 2) l.reply = {kind: 'json', body: livenessBody(l.port, {polling_ttl_exceeded: true})}
    }, 20)
    try {
      const started = Date.now()
      const run = await runCli(['liveness', url(l), '--watch', '2', '--interval', '200ms'])
      const took = Date.now() - started
      assert.equal(run.status, 1, run.stdout)
      assert.match(run.stdout, new RegExp(`Watching ${url(l).replaceAll('.', '\\.')} for 2 s, every 0\\.2 s`))
      assert.match(run.stdout, /\n {2}\d\d:\d\d:\d\d\.\d{3}Z {2}healthy\n/)
      assert.match(run.stdout, /\n {2}\d\d:\d\d:\d\d\.\d{3}Z {2}healthy → unhealthy \(polling_ttl_exceeded\) \[KD802\]\n/)
      assert.match(run.stdout, /watched 2 s: \d+ answers \(healthy ×\d+, unhealthy \(polling_ttl_exceeded\) ×\d+\), 1 change/)
      assert.ok(took < 6000, `took ${took} ms`)
    } finally {
      clearInterval(flip)
    }
  })

  test('--json keeps the transitions in the evidence; stdout is one document', async () => {
    const l = await karafka({kind: 'legacy', healthy: true})
    const run = await liveness([url(l), '--watch', '1', '--interval', '250ms'])
    assert.equal(run.status, 0)
    const [summary] = findingsOf(run, {}).filter((f) => /^watched/.test(f.summary))
    assert.equal(summary.status, 'pass')
    assert.ok(summary.evidence.samples >= 3 && summary.evidence.samples <= 5, `samples ${summary.evidence.samples}`)
    assert.deepEqual(summary.evidence.transitions.map((t: any) => [t.from, t.to]), [[null, 'healthy']])
  })
})

describe('--manifest and --karafka-config', () => {
  test('the recommended Deployment with a healthy listener: all clear, the probe timeout from the manifest', async () => {
    const l = await karafka((port) => ({kind: 'json', body: {...livenessBody(port), port: 3000}}))
    const run = await liveness([url(l), '--manifest', join(FIXTURES, 'deployment-good.yaml')])
    assert.equal(run.status, 0, JSON.stringify(codes(run)))
    assert.deepEqual(codes(run), [])
    assert.ok(findingsOf(run, {check: 'manifest', status: 'pass'}).length >= 6)
    // The body says the listener's port is 3000: the probe's named port resolves to it.
    assert.match(findingsOf(run, {check: 'manifest'}).map((f) => f.summary).join('\n'), /reaches the listener on port 3000 \(the listener's answer\)/)
  })

  test('the manifest alone (multi-document, every check): no request is sent', async () => {
    const run = await liveness(['--manifest', join(FIXTURES, 'deployment-bad.yaml')])
    assert.equal(run.status, 1)
    assert.deepEqual(codes(run), ['warn:KD807', 'fail:KD808', 'warn:KD808', 'warn:KD808'])
    assert.match(findingsOf(run, {check: 'liveness'})[0].summary, /^not called/)
  })

  test('karafka.rb: its listener port and hostname, the shared static id, the rollout', async () => {
    const run = await liveness(['--manifest', join(FIXTURES, 'list.json'), '--karafka-config', join(FIXTURES, 'karafka.rb')])
    assert.deepEqual(codes(run), ['warn:KD801', 'warn:KD804', 'warn:KD807', 'fail:KD808'])
    const text = findingsOf(run, {}).map((f) => f.summary).join('\n')
    assert.match(text, /LivenessListener\.new\(hostname: '192\.168\.1\.100', port: 3001/)
    assert.match(text, /all 2 replicas use the same static id/)
    assert.match(text, /cooperative-sticky and static membership soften it/)
    assert.match(text, /uses port 3000, but Karafka's listener is on port 3001 \(.*karafka\.rb:19\)/)
    assert.match(text, /shutdown_timeout \(120 s/)
  })

  test('--env-file: karafka.rb\'s ENV.fetch port is the one in the env file, and that port is called', async () => {
    const l = await karafka((port) => ({kind: 'json', body: livenessBody(port)}))
    const dir = mkdtempSync(join(tmpdir(), 'kdoctor-liveness-env-'))
    writeFileSync(join(dir, 'karafka.rb'), "Karafka.monitor.subscribe(LivenessListener.new(port: ENV.fetch('LIVENESS_PORT', 3000).to_i, polling_ttl: ENV.fetch('POLLING_TTL', 300_000).to_i))\n")
    writeFileSync(join(dir, 'app.env'), `LIVENESS_PORT=${l.port}\n`)
    const run = await liveness(['--host', '127.0.0.1', '--karafka-config', join(dir, 'karafka.rb'), '--env-file', join(dir, 'app.env')])
    assert.equal(run.status, 0, JSON.stringify(codes(run)))
    assert.deepEqual(l.requests, ['GET / HTTP/1.1'])
    assert.match(findingsOf(run, {check: 'liveness'}).at(-1).summary, /^healthy/)
    const listener = findingsOf(run, {check: 'config', status: 'pass'}).find((f) => f.evidence.listener === 'liveness')
    assert.equal(listener?.evidence.arguments.port, l.port)

    // -E is the same flag; a missing env file is bad input, before anything is sent.
    const missing = await runCli(['liveness', '--host', '127.0.0.1', '--karafka-config', join(dir, 'karafka.rb'), '-E', join(dir, 'nope.env')])
    assert.equal(missing.status, 2)
    assert.match(missing.stderr, /nope\.env/)
    assert.deepEqual(l.requests, ['GET / HTTP/1.1'])
  })

  test('-X instead of a file', async () => {
    const run = await liveness(['--manifest', join(FIXTURES, 'two-deployments.yaml'), '-X', 'group.protocol=consumer', '-X', 'group.instance.id=worker-0'])
    const config = findingsOf(run, {check: 'config'})
    assert.ok(config.every((f) => f.target === '-X'))
    assert.match(config.map((f) => f.summary).join('\n'), /KIP-848/)
    assert.match(findingsOf(run, {code: 'KD807'})[0].summary, /group\.protocol=consumer and static membership soften it/)
  })

  test('human output: the checklist, the problems with their fix, the verdict', async () => {
    const run = await runCli(['liveness', '--manifest', join(FIXTURES, 'deployment-bad.yaml')])
    assert.equal(run.status, 1)
    assert.match(run.stdout, /^kdoctor liveness · .*deployment-bad\.yaml\n/)
    assert.match(run.stdout, /\ndeployment\/karafka-consumer\n {2}! manifest {2}no strategy set/)
    assert.match(run.stdout, /\nProblems\n {2}✗ KD808 Liveness probe misconfigured/)
    assert.match(run.stdout, /! KD807 Deployment strategy is not Recreate/)
    assert.match(run.stdout, /Problems found\. \d+ passed, 3 warnings, 1 failed, 0 skipped\.\n$/)
  })
})

describe('bad input: one line naming the source, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdoctor-liveness-'))
  const cases: Array<[string, string[], RegExp]> = [
    ['an unparseable URL', ['http://local host:3000/'], /not a URL .*\(from argument URL\)/],
    ['an https URL', ['https://localhost:3000/'], /plain HTTP.*\(from argument URL\)/],
    ['a missing manifest', ['--manifest', join(dir, 'nope.yaml')], /cannot read the manifest: no such file \(from .*nope\.yaml\)/],
    ['invalid YAML', ['--manifest', join(FIXTURES, 'broken.yaml')], /invalid YAML: .*\(from .*broken\.yaml\)/],
    ['a manifest without a Deployment', ['--manifest', join(FIXTURES, 'service-only.yaml')], /no Deployment in it \(found Service, StatefulSet\)/],
    ['a bad --watch', ['--watch', 'soon'], /not a duration.*\(from --watch\)/],
    ['a bad --timeout', ['--timeout', '0'], /greater than zero.*\(from --timeout\)/],
  ]
  for (const [what, args, pattern] of cases) {
    test(what, async () => {
      const run = await runCli(['liveness', ...args])
      assert.equal(run.status, 2)
      assert.equal(run.stdout, '')
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr)
      assert.match(run.stderr, pattern)
    })
  }

  test('--json: the error as one JSON document', async () => {
    writeFileSync(join(dir, 'empty.yaml'), '')
    const run = await runCli(['liveness', '--json', '--manifest', join(dir, 'empty.yaml')])
    assert.equal(run.status, 2)
    assert.equal(run.json.ok, false)
    assert.match(run.json.error, /no Deployment in it/)
  })
})
