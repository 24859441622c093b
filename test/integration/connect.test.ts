// `kdoctor connect` against the real broker: one test per outcome, asserting the KD code and
// the evidence that proves it. Fault servers stand in only where a real broker cannot fail.
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {after, before, describe, test} from 'node:test'

import {makeCert, opensslTime} from '../faults/certs.js'
import {type FaultServer, garbageServer, hugeLengthServer, resetServer, synDropPorts, tcpRelay, tlsProxy} from '../faults/servers.js'
import {type CliRun, findingsOf, runCli} from '../helpers/cli.js'
import {type Rig, ensureRig} from '../helpers/rig.js'

let rig: Rig
const addr = (name: keyof Rig['listeners']) => `${rig.listeners[name].host}:${rig.listeners[name].port}`

// Recognisable secrets: the canary test asserts none of them is ever printed.
const CANARY_PASSWORD = 'canary-PW-3f9a1c'
const canaryRuns: CliRun[] = []

async function connect(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const run = await runCli(['connect', '--json', '--timeout', '8s', ...args], {env})
  canaryRuns.push(run)
  assert.ok(run.json, `stdout is one JSON document (exit ${run.status}): ${run.stdout.slice(0, 300)} ${run.stderr.slice(0, 300)}`)
  assert.equal(run.json.schema, 'kdoctor/v1')
  assert.equal(run.json.command, 'connect')
  return run
}

function onlyFailure(run: CliRun) {
  const failures = findingsOf(run, {status: 'fail'})
  assert.ok(failures.length > 0, 'expected a failure')
  return failures[0]
}

function assertHealthy(run: CliRun) {
  const bad = findingsOf(run, {}).filter((f) => f.status === 'fail' || f.status === 'warn')
  assert.deepEqual(bad, [], 'no failure or warning')
  assert.equal(run.status, 0)
  assert.equal(run.json.ok, true)
  for (const check of ['dns', 'tcp', 'listener', 'metadata', 'client']) {
    assert.ok(findingsOf(run, {check, status: 'pass'}).length > 0, `${check} passed`)
  }
}

const sasl = (mechanism: string, user: string, password: string) => [
  '-X',
  `sasl.mechanisms=${mechanism}`,
  '-X',
  `sasl.username=${user}`,
  '-X',
  `sasl.password=${password}`,
]

before(async () => {
  rig = await ensureRig()
})

describe('happy path on every listener, with the kafkajs session (--client)', () => {
  test('plaintext', async () => {
    const run = await connect(['--client', '-b', addr('plaintext')])
    assertHealthy(run)
    const listener = findingsOf(run, {check: 'listener'})[0]
    assert.equal(listener.evidence.speaks, 'plaintext')
    assert.equal(listener.evidence.saslEnabled, false)
    const metadata = findingsOf(run, {check: 'metadata'})[0]
    assert.equal(metadata.evidence.clusterId, rig.clusterId)
  })

  test('ssl with the test CA', async () => {
    const run = await connect(['--client', '-b', addr('ssl'), '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${rig.tls.ca}`])
    assertHealthy(run)
    const tls = findingsOf(run, {check: 'tls', status: 'pass'})[0]
    assert.ok(tls.evidence.subjectAltNames.includes('IP Address:127.0.0.1'))
    assert.match(tls.evidence.tlsVersion, /^TLSv1\.[23]$/)
  })

  test('mtls with the client certificate', async () => {
    const run = await connect([
      '--client',
      '-b',
      addr('mtls'),
      '-X',
      'security.protocol=SSL',
      '-X',
      `ssl.ca.location=${rig.tls.ca}`,
      '-X',
      `ssl.certificate.location=${rig.tls.clientCert}`,
      '-X',
      `ssl.key.location=${rig.tls.clientKey}`,
    ])
    assertHealthy(run)
  })

  for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512', 'PLAIN']) {
    test(`sasl_plaintext with ${mechanism}`, async () => {
      const run = await connect(['--client', '-b', addr('sasl_plaintext'), '-X', 'security.protocol=SASL_PLAINTEXT', ...sasl(mechanism, 'alice', 'env:ALICE_PW')], {ALICE_PW: rig.users.alice})
      assertHealthy(run)
      const listener = findingsOf(run, {check: 'listener'})[0]
      assert.deepEqual([...listener.evidence.mechanisms].sort(), ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'])
      assert.equal(findingsOf(run, {check: 'sasl', status: 'pass'}).length, 1)
    })
  }

  test('SCRAM on a Kafka 4.x broker notes the librdkafka < 2.6.1 trap (and only there)', async () => {
    const run = await connect(['-b', addr('sasl_plaintext'), '-X', 'security.protocol=SASL_PLAINTEXT', ...sasl('SCRAM-SHA-256', 'alice', 'env:ALICE_PW')], {
      ALICE_PW: rig.users.alice,
    })
    const notes = findingsOf(run, {check: 'sasl', code: 'KD505'})
    const is4x = Number(rig.kafkaVersion.split('.')[0]) >= 4
    assert.equal(notes.length, is4x ? 1 : 0, `Kafka ${rig.kafkaVersion}`)
    if (is4x) assert.equal(notes[0].status, 'info')
    assert.equal(run.status, 0)
  })

  test('sasl_ssl with SCRAM-SHA-512', async () => {
    const run = await connect(['--client', '-b', addr('sasl_ssl'), '-X', 'security.protocol=SASL_SSL', '-X', `ssl.ca.location=${rig.tls.ca}`, ...sasl('SCRAM-SHA-512', 'alice', 'env:ALICE_PW')], {
      ALICE_PW: rig.users.alice,
    })
    assertHealthy(run)
  })

  test('oauthbearer with a token file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdoctor-token-'))
    const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const now = Math.floor(Date.now() / 1000)
    writeFileSync(join(dir, 'token'), `${encode({alg: 'none'})}.${encode({sub: 'alice', iat: now, exp: now + 600})}.`)
    const run = await connect(['--client', '-b', addr('oauthbearer'), '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=OAUTHBEARER', '--oauth-token-file', join(dir, 'token')])
    assertHealthy(run)
    const saslFinding = findingsOf(run, {check: 'sasl'})[0]
    assert.equal(saslFinding.evidence.claims.sub, 'alice')
  })
})

describe('connections a probe opens (every connect() of the run, from strace)', () => {
  // Each connection costs round trips, and a TLS handshake, on a distant cluster.
  async function dials(listener: keyof Rig['listeners'], args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<number> {
    const trace = join(mkdtempSync(join(tmpdir(), 'kdoctor-dials-')), 'connect.strace')
    // As a user runs it: no --no-client (connect runs no kafkajs session unless asked).
    const run = await runCli(['connect', '--json', '--no-advertised', '--timeout', '8s', '-b', addr(listener), ...args], {
      env,
      prefix: ['strace', '-f', '-qq', '-e', 'trace=connect', '-o', trace],
    })
    assert.equal(run.status, 0, run.stdout + run.stderr)
    assert.deepEqual(findingsOf(run, {check: 'client'}), [], 'no kafkajs session unless --client')
    return readFileSync(trace, 'utf8').split('\n').filter((line) => line.includes(`sin_port=htons(${rig.listeners[listener].port})`)).length
  }

  test('a listener without SASL: one connection carries the tcp, listener and metadata checks', async () => {
    assert.equal(await dials('plaintext'), 1)
  })

  test('a SASL listener: the same connection carries the listener check, the authentication on the handshake it made, and metadata', async () => {
    assert.equal(await dials('sasl_plaintext', ['-X', 'security.protocol=SASL_PLAINTEXT', ...sasl('SCRAM-SHA-512', 'alice', 'env:ALICE_PW')], {ALICE_PW: rig.users.alice}), 1)
  })
})

describe('misconfigurations on the real broker', () => {
  test('wrong password → KD404', async () => {
    const run = await connect(['-b', addr('sasl_plaintext'), '-X', 'security.protocol=SASL_PLAINTEXT', ...sasl('SCRAM-SHA-512', 'alice', CANARY_PASSWORD)])
    const failure = onlyFailure(run)
    assert.equal(failure.check, 'sasl')
    assert.equal(failure.code, 'KD404')
    assert.equal(run.status, 1)
    assert.equal(findingsOf(run, {check: 'metadata', status: 'skip'}).length, 1)
  })

  test('mechanism the listener does not offer → KD403 with the offered list', async () => {
    const run = await connect(['-b', addr('sasl_ssl'), '-X', 'security.protocol=SASL_SSL', '-X', `ssl.ca.location=${rig.tls.ca}`, ...sasl('SCRAM-SHA-256', 'alice', CANARY_PASSWORD)])
    const failure = onlyFailure(run)
    assert.equal(failure.code, 'KD403')
    assert.deepEqual(failure.evidence.offered, rig.listeners.sasl_ssl.mechanisms)
  })

  test('plaintext client on the TLS listener → KD301', async () => {
    const run = await connect(['-b', addr('ssl')])
    const failure = onlyFailure(run)
    assert.equal(failure.check, 'listener')
    assert.equal(failure.code, 'KD301')
    assert.equal(failure.evidence.speaks, 'tls')
  })

  test('TLS client on the plaintext listener → KD302', async () => {
    const run = await connect(['-b', addr('plaintext'), '-X', 'security.protocol=SSL'])
    const failure = onlyFailure(run)
    assert.equal(failure.code, 'KD302')
    assert.equal(failure.evidence.speaks, 'plaintext')
  })

  test('SASL client on a listener without SASL → KD402', async () => {
    const run = await connect(['-b', addr('plaintext'), '-X', 'security.protocol=SASL_PLAINTEXT', ...sasl('PLAIN', 'alice', CANARY_PASSWORD)])
    const failure = onlyFailure(run)
    assert.equal(failure.check, 'sasl')
    assert.equal(failure.code, 'KD402')
  })

  test('no SASL on a SASL listener → KD401', async () => {
    const run = await connect(['-b', addr('sasl_plaintext')])
    const failure = onlyFailure(run)
    assert.equal(failure.code, 'KD401')
    assert.ok(failure.evidence.offered.includes('SCRAM-SHA-512'))
  })

  test('CA not given → KD303', async () => {
    const run = await connect(['-b', addr('ssl'), '-X', 'security.protocol=SSL'])
    const failure = onlyFailure(run)
    assert.equal(failure.check, 'tls')
    assert.equal(failure.code, 'KD303')
    assert.match(failure.evidence.issuer, /CN=/)
  })

  test('127.0.0.2 is not in the certificate → KD304', async (t) => {
    const relay = await tcpRelay('127.0.0.2', rig.listeners.ssl.port)
    t.after(() => relay.close())
    const run = await connect(['-b', `127.0.0.2:${relay.port}`, '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${rig.tls.ca}`])
    const failure = onlyFailure(run)
    assert.equal(failure.code, 'KD304')
    assert.ok(!failure.evidence.subjectAltNames.includes('IP Address:127.0.0.2'))
  })

  test('same, with ssl.endpoint.identification.algorithm=none → passes (the Heroku setting)', async (t) => {
    const relay = await tcpRelay('127.0.0.2', rig.listeners.ssl.port)
    t.after(() => relay.close())
    const run = await connect([
      '-b',
      `127.0.0.2:${relay.port}`,
      '-X',
      'security.protocol=SSL',
      '-X',
      `ssl.ca.location=${rig.tls.ca}`,
      '-X',
      'ssl.endpoint.identification.algorithm=none',
      '--no-client',
    ])
    const tls = findingsOf(run, {check: 'tls'})[0]
    assert.equal(tls.status, 'pass')
    assert.equal(tls.evidence.hostnameMatches, false)
  })

  test('no client certificate on the mTLS listener → KD306', async () => {
    const run = await connect(['-b', addr('mtls'), '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${rig.tls.ca}`])
    const failure = onlyFailure(run)
    assert.equal(failure.check, 'tls')
    assert.equal(failure.code, 'KD306')
  })

  test('advertised address unreachable → KD501 while bootstrap works', async () => {
    const run = await connect(['-b', addr('advertised_unreachable')])
    const advertised = findingsOf(run, {check: 'advertised', code: 'KD501'})
    assert.equal(advertised.length, 1)
    assert.equal(advertised[0].evidence.advertised, `${rig.listeners.advertised_unreachable.advertisedHost}:${rig.listeners.advertised_unreachable.advertisedPort}`)
    assert.equal(findingsOf(run, {check: 'metadata', status: 'pass'}).length, 1)
    assert.equal(run.status, 1)
  })

  test('closed port → KD202', async () => {
    const run = await connect(['-b', '127.0.0.1:1'])
    assert.equal(onlyFailure(run).code, 'KD202')
  })

  test('unresolvable host → KD201', async () => {
    const run = await connect(['-b', 'no-such-broker.invalid:9092'])
    const failure = onlyFailure(run)
    assert.equal(failure.check, 'dns')
    assert.equal(failure.code, 'KD201')
  })

  test('kafka+ssl:// in the bootstrap → KD102, then probes anyway', async () => {
    const run = await connect(['-b', `kafka+ssl://${addr('ssl')}`, '-X', `ssl.ca.location=${rig.tls.ca}`])
    assert.equal(findingsOf(run, {check: 'config', code: 'KD102'}).length, 1)
    assert.equal(findingsOf(run, {check: 'tls', status: 'pass'}).length, 1)
  })

  test('unknown property → KD101 with a suggestion', async () => {
    const run = await connect(['-b', addr('plaintext'), '-X', 'sasl.mechanismz=PLAIN'])
    const typo = findingsOf(run, {check: 'config', code: 'KD101'})[0]
    assert.ok(typo)
    assert.match(typo.summary, /sasl\.mechanisms?/)
  })
})

describe('fault servers (what a real broker cannot do)', () => {
  const servers: FaultServer[] = []
  after(async () => {
    for (const s of servers) await s.close()
  })

  test('a port that drops SYNs → KD203 within the timeout', async (t) => {
    const drop = await synDropPorts(1)
    t.after(() => drop.close())
    const run = await runCli(['connect', '--json', '--timeout', '2s', '-b', `127.0.0.1:${drop.ports[0]}`])
    const failure = onlyFailure(run)
    assert.equal(failure.code, 'KD203')
    assert.ok(run.durationMs < 2000 + 2500, `verdict after ${run.durationMs} ms`)
  })

  test('accept-then-reset → KD204', async () => {
    const server = await resetServer()
    servers.push(server)
    const run = await connect(['-b', `127.0.0.1:${server.port}`])
    assert.equal(onlyFailure(run).code, 'KD204')
  })

  test('random bytes → a clean KD204 finding with the bytes as evidence', async () => {
    const server = await garbageServer()
    servers.push(server)
    const run = await runCli(['connect', '--json', '-b', `127.0.0.1:${server.port}`], {measureRss: true})
    const failure = onlyFailure(run)
    assert.equal(failure.code, 'KD204')
    assert.equal(run.stderr, '')
    assert.ok(run.maxRssKb! < 250_000, `peak RSS ${run.maxRssKb} KB`)
  })

  test('a 2 GB length prefix → a clean finding, memory stays bounded', async () => {
    const server = await hugeLengthServer()
    servers.push(server)
    const run = await runCli(['connect', '--json', '-b', `127.0.0.1:${server.port}`], {measureRss: true})
    const failure = onlyFailure(run)
    assert.equal(failure.check, 'listener')
    assert.match(JSON.stringify(failure.evidence), /oversized|2147483632/)
    assert.ok(run.maxRssKb! < 250_000, `peak RSS ${run.maxRssKb} KB`)
  })

  test('expired certificate → KD305', async () => {
    const caKey = join(dirname(rig.tls.ca), 'ca.key')
    const cert = makeCert({ca: {certPath: rig.tls.ca, keyPath: caKey}, notBefore: '20200101000000Z', notAfter: '20210101000000Z'})
    const server = await tlsProxy(cert, rig.listeners.plaintext.port)
    servers.push(server)
    const run = await connect(['-b', `127.0.0.1:${server.port}`, '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${rig.tls.ca}`, '--no-advertised'])
    const failure = onlyFailure(run)
    assert.equal(failure.code, 'KD305')
    assert.match(failure.evidence.notAfter, /^2021-01-01/)
  })

  test('certificate expiring in 5 days → KD307 warning, exit 0 (1 with --fail-on warn)', async () => {
    const caKey = join(dirname(rig.tls.ca), 'ca.key')
    const cert = makeCert({ca: {certPath: rig.tls.ca, keyPath: caKey}, notAfter: opensslTime(new Date(Date.now() + 5 * 86_400_000 + 3_600_000))})
    const server = await tlsProxy(cert, rig.listeners.plaintext.port)
    servers.push(server)
    const args = ['-b', `127.0.0.1:${server.port}`, '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${rig.tls.ca}`, '--no-advertised', '--no-client']
    const run = await connect(args)
    const warning = findingsOf(run, {check: 'tls', code: 'KD307'})[0]
    assert.equal(warning.status, 'warn')
    assert.equal(warning.evidence.daysLeft, 5)
    assert.equal(run.status, 0)
    const strict = await connect([...args, '--fail-on', 'warn'])
    assert.equal(strict.status, 1)
  })
})

describe('secrets', () => {
  test('no password or token ever appears in any output (canary)', async () => {
    // Runs above used CANARY_PASSWORD; add an OAUTHBEARER run with a recognisable token.
    const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const token = `${encode({alg: 'none'})}.${encode({sub: 'canary-token-subject', exp: 1})}.`
    const dir = mkdtempSync(join(tmpdir(), 'kdoctor-token-'))
    writeFileSync(join(dir, 'token'), token)
    await connect(['-b', addr('oauthbearer'), '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=OAUTHBEARER', '--oauth-token-file', join(dir, 'token')])
    const human = await runCli(['connect', '-b', addr('sasl_plaintext'), '-X', 'security.protocol=SASL_PLAINTEXT', ...sasl('SCRAM-SHA-256', 'alice', CANARY_PASSWORD)])
    canaryRuns.push(human)
    assert.ok(canaryRuns.length > 10)
    for (const run of canaryRuns) {
      for (const output of [run.stdout, run.stderr]) {
        assert.ok(!output.includes(CANARY_PASSWORD), 'password printed')
        assert.ok(!output.includes(token), 'token printed')
        assert.ok(!output.includes(rig.users.alice), 'rig password printed')
      }
    }
  })
})
