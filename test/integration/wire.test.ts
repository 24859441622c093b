// kafka/wire against the real broker (test/kafka/rig.mjs): every listener, every SASL mechanism,
// every Metadata/ApiVersions/SaslAuthenticate version we implement. Loopback only.
import assert from 'node:assert/strict'
import net from 'node:net'
import tls from 'node:tls'
import {after, before, describe, it} from 'node:test'
import {
  ApiKey,
  METADATA_VERSIONS,
  ProbeConnection,
  WireError,
  authenticate,
  decodeMetadataResponse,
  encodeMetadataRequest,
  fetchMetadata,
  fingerprintListener,
  fingerprintSasl,
  rawExchange,
  requestApiVersions,
  type ApiVersionRange,
  type ApiVersionsResult,
  type SaslCredentials,
} from '../../src/kafka/wire/index.js'
import {ensureRig, rigTls, unsecuredJwt, type Rig, type RigListenerName} from '../helpers/rig.js'

const TIMEOUT = 10_000
let rig: Rig
const open: ProbeConnection[] = []

before(async () => {
  rig = await ensureRig()
})
after(() => {
  for (const c of open) c.close()
})

function tcp(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({host: '127.0.0.1', port}, () => resolve(s))
    s.once('error', reject)
  })
}

function tlsSocket(port: number, clientCert: boolean): Promise<tls.TLSSocket> {
  const material = rigTls(rig)
  return new Promise((resolve, reject) => {
    const s = tls.connect(
      {host: '127.0.0.1', port, servername: 'localhost', ca: material.ca, ...(clientCert && {cert: material.cert, key: material.key})},
      () => resolve(s),
    )
    s.once('error', reject)
  })
}

/** A probe connection speaking the listener's own transport. */
async function connect(name: RigListenerName): Promise<ProbeConnection> {
  const l = rig.listeners[name]
  const usesTls = l.securityProtocol === 'SSL' || l.securityProtocol === 'SASL_SSL'
  const socket = usesTls ? await tlsSocket(l.port, name === 'mtls') : await tcp(l.port)
  const conn = new ProbeConnection(socket)
  open.push(conn)
  return conn
}

async function session(name: RigListenerName): Promise<{conn: ProbeConnection; versions: ApiVersionsResult}> {
  const conn = await connect(name)
  return {conn, versions: await requestApiVersions(conn, {timeoutMs: TIMEOUT})}
}

async function login(name: RigListenerName, credentials: SaslCredentials) {
  const {conn, versions} = await session(name)
  const result = await authenticate(conn, credentials, versions, {timeoutMs: TIMEOUT})
  return {conn, versions, result}
}

const sorted = (a: readonly string[] | undefined) => [...(a ?? [])].sort()

describe('listener fingerprints (ApiVersions + SaslHandshake with a bogus mechanism)', () => {
  for (const name of ['plaintext', 'ssl', 'mtls', 'advertised_unreachable'] as const) {
    it(`${name}: Kafka without SASL (34 ILLEGAL_SASL_STATE), connection still usable`, async () => {
      const conn = await connect(name)
      const fp = await fingerprintListener(conn, {timeoutMs: TIMEOUT})
      assert.equal(fp.apiVersions.errorCode, 0)
      assert.equal(fp.apiVersions.version, 3)
      assert.ok(fp.apiVersions.ranges.some((r) => r.apiKey === ApiKey.Metadata && r.maxVersion >= 12))
      assert.equal(fp.sasl.required, false)
      assert.equal(fp.sasl.errorCode, 34)
      assert.equal(fp.sasl.errorName, 'ILLEGAL_SASL_STATE')
      assert.deepEqual(fp.sasl.enabledMechanisms, [])
      assert.equal(fp.connectionConsumed, false)
      const md = await fetchMetadata(conn, fp.apiVersions, {topics: []})
      assert.equal(md.clusterId, rig.clusterId)
    })
  }

  for (const name of ['sasl_plaintext', 'sasl_ssl', 'oauthbearer'] as const) {
    it(`${name}: SASL required, offers exactly the rig's mechanisms, then closes`, async () => {
      const conn = await connect(name)
      const fp = await fingerprintListener(conn, {timeoutMs: TIMEOUT})
      assert.equal(fp.sasl.required, true)
      assert.equal(fp.sasl.errorCode, 33)
      assert.equal(fp.sasl.errorName, 'UNSUPPORTED_SASL_MECHANISM')
      assert.deepEqual(sorted(fp.sasl.enabledMechanisms), sorted(rig.listeners[name].mechanisms))
      assert.equal(fp.connectionConsumed, true)
      // the broker really does hang up after refusing the mechanism
      const err = await fetchMetadata(conn, fp.apiVersions, {topics: []}).catch((e: unknown) => e)
      assert.ok(err instanceof WireError && err.kind === 'closed', String(err))
    })
  }

  it('sasl_plaintext offers SCRAM-SHA-256, SCRAM-SHA-512 and PLAIN', async () => {
    const fp = await fingerprintSasl((await session('sasl_plaintext')).conn, {timeoutMs: TIMEOUT})
    assert.deepEqual(sorted(fp.mechanisms), ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'])
  })

  it('a SASL listener refuses Metadata before authentication by closing the connection', async () => {
    const {conn, versions} = await session('sasl_plaintext')
    const err = await fetchMetadata(conn, versions, {topics: []}).catch((e: unknown) => e)
    assert.ok(err instanceof WireError && err.kind === 'closed', String(err))
  })
})

describe('wrong security protocol', () => {
  it('plaintext Kafka bytes at the TLS port: closed or TLS bytes, never a hang', async (t) => {
    const conn = new ProbeConnection(await tcp(rig.listeners.ssl.port))
    const err = await requestApiVersions(conn, {timeoutMs: TIMEOUT}).catch((e: unknown) => e)
    assert.ok(err instanceof WireError, String(err))
    assert.ok(err.kind === 'closed' || err.kind === 'tls-bytes', `${err.kind}: ${err.message}`)
    t.diagnostic(`plaintext→TLS port: kind=${err.kind} bytes=${err.bytesReceived} first=${err.firstBytesHex} (${err.message})`)
  })

  it('a TLS ClientHello at the plaintext port: the broker reads a ~369 MB frame length and closes', async (t) => {
    const hello = await captureClientHello()
    assert.equal(hello[0], 0x16)
    const result = await rawExchange(await tcp(rig.listeners.plaintext.port), hello, {timeoutMs: TIMEOUT})
    assert.ok(result.outcome === 'closed' || result.outcome === 'reset', result.outcome)
    assert.equal(result.bytesReceived, 0)
    t.diagnostic(`ClientHello→plaintext port: outcome=${result.outcome} code=${result.code ?? '-'} after ${result.durationMs.toFixed(0)} ms`)
  })
})

describe('version negotiation against the real broker', () => {
  it('answers ApiVersions at every version 0..4', async () => {
    for (let v = 0; v <= 4; v++) {
      const conn = await connect('plaintext')
      const r = await requestApiVersions(conn, {timeoutMs: TIMEOUT, version: v})
      assert.equal(r.errorCode, 0, `v${v}`)
      assert.equal(r.version, v)
      assert.ok(r.ranges.length > 20)
      if (v >= 3) assert.ok(r.finalizedFeatures?.some((f) => f.name === 'metadata.version'), `v${v} finalized features`)
    }
  })

  it('steps down once when the broker does not know our ApiVersions version (error 35, v0 body)', async () => {
    const conn = await connect('plaintext')
    const r = await requestApiVersions(conn, {timeoutMs: TIMEOUT, version: 99})
    assert.equal(r.attempts.length, 2)
    assert.equal(r.attempts[0]?.errorCode, 35)
    assert.equal(r.errorCode, 0)
    const own = r.ranges.find((x) => x.apiKey === ApiKey.ApiVersions)
    assert.equal(r.version, Math.min(own?.maxVersion ?? 0, 4))
  })

  it('decodes Metadata at every version 4..12 the broker accepts', async () => {
    const {conn, versions} = await session('plaintext')
    const range = versions.ranges.find((r) => r.apiKey === ApiKey.Metadata)
    assert.ok(range)
    for (let v = Math.max(METADATA_VERSIONS.min, range.minVersion); v <= Math.min(METADATA_VERSIONS.max, range.maxVersion); v++) {
      const reply = await conn.send(ApiKey.Metadata, v, encodeMetadataRequest(v, {topics: null}), decodeMetadataResponse(v), {timeoutMs: TIMEOUT})
      assert.equal(reply.value.brokers[0]?.port, rig.listeners.plaintext.port, `v${v}`)
      assert.equal(reply.value.clusterId, rig.clusterId, `v${v}`)
    }
  })

  it('pipelines requests on one connection and matches replies by correlation id', async () => {
    const conn = await connect('plaintext')
    const [a, b, c] = await Promise.all([0, 1, 2].map((v) => requestApiVersions(conn, {timeoutMs: TIMEOUT, version: v})))
    assert.deepEqual([a?.version, b?.version, c?.version], [0, 1, 2])
  })

  for (const v of [0, 1, 2]) {
    it(`authenticates with SaslAuthenticate v${v}`, async () => {
      const {conn, versions} = await session('sasl_plaintext')
      const capped: ApiVersionRange[] = versions.ranges.map((r) => (r.apiKey === ApiKey.SaslAuthenticate ? {...r, maxVersion: v} : r))
      const result = await authenticate(conn, {mechanism: 'SCRAM-SHA-256', username: 'alice', password: rig.users.alice}, capped, {timeoutMs: TIMEOUT})
      assert.equal(result.ok, true, JSON.stringify(result))
      assert.equal(result.saslAuthenticateVersion, v)
    })
  }
})

describe('SASL authentication', () => {
  for (const mechanism of ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const) {
    it(`${mechanism}: alice succeeds and can then fetch metadata`, async () => {
      const {conn, versions, result} = await login('sasl_plaintext', {mechanism, username: 'alice', password: rig.users.alice})
      assert.equal(result.ok, true, JSON.stringify(result))
      assert.equal(result.phase, 'AUTH_REQ')
      assert.equal(result.rounds, mechanism === 'PLAIN' ? 1 : 2)
      assert.deepEqual(sorted(result.enabledMechanisms), sorted(rig.listeners.sasl_plaintext.mechanisms))
      const md = await fetchMetadata(conn, versions, {topics: []})
      assert.equal(md.clusterId, rig.clusterId)
    })

    it(`${mechanism}: a wrong password fails with 58 and the broker's message, password never echoed`, async (t) => {
      const password = 'not-alices-password-xyzzy'
      const {result} = await login('sasl_plaintext', {mechanism, username: 'alice', password})
      assert.equal(result.ok, false)
      assert.equal(result.phase, 'AUTH_REQ')
      assert.equal(result.errorCode, 58)
      assert.equal(result.errorName, 'SASL_AUTHENTICATION_FAILED')
      assert.ok(result.brokerMessage && result.brokerMessage.length > 0)
      assert.ok(!JSON.stringify(result).includes(password))
      t.diagnostic(`${mechanism} wrong password: "${result.brokerMessage}"`)
    })
  }

  it('SCRAM-SHA-512 on sasl_ssl over TLS', async () => {
    const {result} = await login('sasl_ssl', {mechanism: 'SCRAM-SHA-512', username: 'alice', password: rig.users.alice})
    assert.equal(result.ok, true, JSON.stringify(result))
  })

  it('SCRAM-SHA-256 on sasl_ssl: refused at the handshake with the list the listener offers', async () => {
    const {result} = await login('sasl_ssl', {mechanism: 'SCRAM-SHA-256', username: 'alice', password: rig.users.alice})
    assert.equal(result.ok, false)
    assert.equal(result.phase, 'AUTH_HANDSHAKE')
    assert.equal(result.errorCode, 33)
    assert.deepEqual(sorted(result.enabledMechanisms), sorted(rig.listeners.sasl_ssl.mechanisms))
  })

  it('SCRAM for a user that does not exist fails like a wrong password', async (t) => {
    const {result} = await login('sasl_plaintext', {mechanism: 'SCRAM-SHA-256', username: 'nobody-here', password: 'x'})
    assert.equal(result.errorCode, 58)
    t.diagnostic(`SCRAM unknown user: "${result.brokerMessage}"`)
  })

  it('OAUTHBEARER: an unsecured token for alice is accepted', async () => {
    const {result} = await login('oauthbearer', {mechanism: 'OAUTHBEARER', token: unsecuredJwt('alice')})
    assert.equal(result.ok, true, JSON.stringify(result))
    assert.equal(result.rounds, 1)
    assert.ok((result.sessionLifetimeMs ?? 0) >= 0)
  })

  it('OAUTHBEARER: an expired token gets the JSON error challenge, then 58 after our \\x01', async (t) => {
    const token = unsecuredJwt('alice', -120)
    const {result} = await login('oauthbearer', {mechanism: 'OAUTHBEARER', token})
    assert.equal(result.ok, false)
    assert.equal(result.phase, 'AUTH_REQ')
    assert.equal(result.rounds, 2)
    assert.equal(result.oauthError?.status, 'invalid_token')
    assert.equal(result.errorCode, 58)
    assert.ok(!JSON.stringify(result).includes(token))
    t.diagnostic(`OAUTHBEARER expired: oauthError=${JSON.stringify(result.oauthError)} brokerMessage="${result.brokerMessage}"`)
  })
})

describe('Metadata', () => {
  it("alice sees her topics with the authorized-operations bitfield, and 29 for a topic she can't describe", async (t) => {
    const {conn, versions, result} = await login('sasl_plaintext', {mechanism: 'SCRAM-SHA-512', username: 'alice', password: rig.users.alice})
    assert.equal(result.ok, true)
    const md = await fetchMetadata(conn, versions, {topics: ['alice.orders', 'alice.payments', 'public-events'], includeTopicAuthorizedOperations: true})
    assert.equal(md.version, 12)
    const byName = new Map(md.topics.map((t) => [t.name, t]))
    const orders = byName.get('alice.orders')
    assert.ok(orders)
    assert.equal(orders.errorCode, 0)
    assert.equal(orders.partitions.length, 3)
    assert.notEqual(orders.topicId, 'AAAAAAAAAAAAAAAAAAAAAA')
    for (const op of ['READ', 'WRITE', 'DESCRIBE', 'DELETE', 'ALTER', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS', 'CREATE']) {
      assert.ok(orders.authorizedOperations?.includes(op), `${op} in ${orders.authorizedOperations?.join(',')}`)
    }
    const denied = byName.get('public-events')
    assert.equal(denied?.errorCode, 29)
    assert.equal(denied?.errorName, 'TOPIC_AUTHORIZATION_FAILED')
    t.diagnostic(`alice.orders ops bitfield=${orders.topicAuthorizedOperations} → ${orders.authorizedOperations?.join(',')}`)
  })

  it('with topics=null alice sees only the topics her ACLs cover', async () => {
    const {conn, versions} = await login('sasl_plaintext', {mechanism: 'PLAIN', username: 'alice', password: rig.users.alice})
    const md = await fetchMetadata(conn, versions, {topics: null})
    const names = md.topics.map((t) => t.name ?? '')
    assert.ok(names.length > 0)
    assert.ok(names.every((n) => n.startsWith('alice.')), names.join(','))
  })

  it('the advertised_unreachable listener advertises a closed port next to its own', async () => {
    const {conn, versions} = await session('advertised_unreachable')
    const md = await fetchMetadata(conn, versions, {topics: []})
    const l = rig.listeners.advertised_unreachable
    assert.deepEqual(
      md.brokers.map((b) => [b.host, b.port]),
      [[l.advertisedHost, l.advertisedPort]],
    )
    assert.equal(md.brokers[0]?.host, '127.0.0.1')
    assert.equal(md.brokers[0]?.port, rig.portBase - 1, 'port base - 1 (19089 by default)')
  })
})

/** The first bytes a TLS client sends, caught by a throwaway loopback server. */
async function captureClientHello(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((s) => {
      s.once('data', (chunk) => {
        resolve(chunk)
        s.destroy()
        server.close()
      })
    })
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as net.AddressInfo
      const client = tls.connect({host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false})
      client.on('error', () => {})
    })
    server.on('error', reject)
  })
}
