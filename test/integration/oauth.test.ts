// OAUTHBEARER token sources against the rig's oauthbearer listener: a file, a command, the OIDC
// client-credentials flow (a loopback token endpoint stands in for the identity provider), and
// the ways each goes wrong.
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {type Server, createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, test} from 'node:test'

import {findingsOf, runCli} from '../helpers/cli.js'
import {type Rig, ensureRig} from '../helpers/rig.js'

let rig: Rig
let tokenEndpoint: Server
let tokenUrl: string
const CLIENT_SECRET = 'canary-client-secret-91ab'
const requests: {authorization?: string; body: string}[] = []

const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
const unsecured = (claims: Record<string, unknown>) => `${encode({alg: 'none'})}.${encode(claims)}.`
const now = () => Math.floor(Date.now() / 1000)

before(async () => {
  rig = await ensureRig()
  tokenEndpoint = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      requests.push({authorization: req.headers.authorization, body})
      const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':')
      res.setHeader('content-type', 'application/json')
      if (id !== 'kdoctor-app' || decodeURIComponent(secret ?? '') !== CLIENT_SECRET) {
        res.statusCode = 401
        res.end(JSON.stringify({error: 'invalid_client', error_description: 'bad client credentials'}))
        return
      }

      res.end(JSON.stringify({access_token: unsecured({sub: 'alice', iat: now(), exp: now() + 300, scope: 'kafka'}), token_type: 'Bearer', expires_in: 300}))
    })
  })
  await new Promise<void>((resolve) => tokenEndpoint.listen(0, '127.0.0.1', resolve))
  tokenUrl = `http://127.0.0.1:${(tokenEndpoint.address() as AddressInfo).port}/token`
})

after(() => new Promise<void>((resolve) => tokenEndpoint.close(() => resolve())))

const base = () => ['connect', '--json', '--timeout', '8s', '-b', `127.0.0.1:${rig.listeners.oauthbearer.port}`, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=OAUTHBEARER']

/** connect with the OIDC client-credentials flow against the loopback token endpoint, as client kdoctor-app. */
const oidc = (clientSecret: string) => [
  ...base(),
  ...['sasl.oauthbearer.method=oidc', 'sasl.oauthbearer.client.id=kdoctor-app', `sasl.oauthbearer.client.secret=${clientSecret}`, `sasl.oauthbearer.token.endpoint.url=${tokenUrl}`].flatMap((p) => ['-X', p]),
]

/** The process has exited (a zombie waiting for its reaper counts as gone); polls for up to 2 s. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 20; i++) {
    let state: string | undefined
    try {
      state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0]
    } catch {}
    if (state === undefined || state === 'Z') return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  return false
}

describe('OAUTHBEARER token sources', () => {
  test('OIDC client credentials (sasl.oauthbearer.method=oidc) → authenticated, claims shown, secret never printed', async () => {
    const run = await runCli([...oidc('env:OIDC_SECRET'), '-X', 'sasl.oauthbearer.scope=kafka'], {env: {OIDC_SECRET: CLIENT_SECRET}})
    const sasl = findingsOf(run, {check: 'sasl'})[0]
    assert.equal(sasl.status, 'pass', JSON.stringify(sasl))
    assert.equal(sasl.evidence.claims.sub, 'alice')
    assert.equal(sasl.evidence.claims.scope, 'kafka')
    assert.equal(run.status, 0)
    assert.match(requests.at(-1)!.body, /grant_type=client_credentials/)
    assert.match(requests.at(-1)!.body, /scope=kafka/)
    assert.ok(!run.stdout.includes(CLIENT_SECRET) && !run.stderr.includes(CLIENT_SECRET))
  })

  test('OIDC endpoint refuses the client → KD407 with the endpoint error, no secret', async () => {
    const run = await runCli(oidc('wrong-secret-value'))
    const failure = findingsOf(run, {status: 'fail'})[0]
    assert.equal(failure.code, 'KD407')
    assert.match(failure.summary, /HTTP 401 \(invalid_client/)
    assert.ok(!run.stdout.includes('wrong-secret-value'))
  })

  test('--oauth-token-command → authenticated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdoctor-oauth-'))
    writeFileSync(join(dir, 'token'), unsecured({sub: 'alice', iat: now(), exp: now() + 300}))
    const run = await runCli([...base(), '--oauth-token-command', `cat ${join(dir, 'token')}`])
    assert.equal(findingsOf(run, {check: 'sasl', status: 'pass'}).length, 1)
  })

  test('a token command that fails → KD407', async () => {
    const run = await runCli([...base(), '--oauth-token-command', 'exit 3'])
    const failure = findingsOf(run, {status: 'fail'})[0]
    assert.equal(failure.code, 'KD407')
    assert.match(failure.summary, /status 3/)
  })

  test('a token command slower than --timeout: stopped with its whole process group when the run deadline expires', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdoctor-oauth-'))
    const shellPid = join(dir, 'shell.pid')
    const childPid = join(dir, 'child.pid')
    // The shell starts a grandchild and waits on it: killing only the shell would orphan the sleep.
    const command = `echo $$ > ${shellPid}; sleep 30 & echo $! > ${childPid}; wait`
    const run = await runCli(['connect', '--json', '--no-client', '--timeout', '2s', '-b', `127.0.0.1:${rig.listeners.oauthbearer.port}`, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=OAUTHBEARER', '--oauth-token-command', command])
    const failure = findingsOf(run, {status: 'fail'})[0]
    assert.equal(failure.code, 'KD407', JSON.stringify(run.json))
    assert.match(failure.summary, /no token within \d+ ms/)
    // Not a timing test (CI load varies): a run that waited for the command would take its 30 s;
    // the kill itself is proven by the processes being gone below.
    assert.ok(run.durationMs < 15_000, `the run took ${run.durationMs} ms at --timeout 2s: it waited for the token command`)
    for (const file of [shellPid, childPid]) {
      const pid = Number(readFileSync(file, 'utf8'))
      assert.ok(await gone(pid), `process ${pid} of the token command is still running`)
    }
  })

  test('an expired token → KD405 with the decoded expiry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdoctor-oauth-'))
    writeFileSync(join(dir, 'token'), unsecured({sub: 'alice', iat: now() - 7200, exp: now() - 3600}))
    const run = await runCli([...base(), '--oauth-token-file', join(dir, 'token')])
    const failure = findingsOf(run, {status: 'fail'})[0]
    assert.equal(failure.check, 'sasl')
    assert.equal(failure.code, 'KD405')
    assert.equal(failure.evidence.claims.expired, true)
  })
})

describe('cluster-info', () => {
  test('lists brokers with their addresses and the topics this principal may describe', async () => {
    const run = await runCli(['cluster-info', '--json', '-b', `127.0.0.1:${rig.listeners.sasl_plaintext.port}`, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=PLAIN', '-X', 'sasl.username=alice', '-X', 'sasl.password=env:PW'], {
      env: {PW: rig.users.alice},
    })
    assert.equal(run.status, 0)
    assert.equal(run.json.cluster.clusterId, rig.clusterId)
    assert.deepEqual(run.json.cluster.brokers.map((b: any) => `${b.host}:${b.port}`), [`127.0.0.1:${rig.listeners.sasl_plaintext.port}`])
    const names = run.json.cluster.topics.map((t: any) => t.name)
    assert.deepEqual(names, ['alice.orders', 'alice.payments'], 'alice sees only her own topics')
    const orders = run.json.cluster.topics.find((t: any) => t.name === 'alice.orders')
    assert.equal(orders.partitions, 3)
    assert.equal(orders.replicationFactor, 1)
    assert.deepEqual(orders.leaderless, [])
  })

  test('human table, and the same layered diagnosis when it cannot connect', async () => {
    const table = await runCli(['cluster-info', '-b', `127.0.0.1:${rig.listeners.sasl_plaintext.port}`, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=PLAIN', '-X', 'sasl.username=admin', '-X', 'sasl.password=env:PW'], {
      env: {PW: rig.users.admin},
    })
    assert.match(table.stdout, /TOPIC\s+PARTITIONS\s+REPLICATION\s+LEADERLESS/)
    assert.match(table.stdout, /public-events\s+1\s+1\s+-/)
    const broken = await runCli(['cluster-info', '--json', '-b', `127.0.0.1:${rig.listeners.ssl.port}`])
    assert.equal(broken.status, 1)
    assert.equal(findingsOf(broken, {code: 'KD301'}).length, 1)
    assert.equal(broken.json.cluster, undefined)
  })
})
