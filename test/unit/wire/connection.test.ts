// ProbeConnection against loopback fault servers: every way a peer can fail to answer like Kafka.
import assert from 'node:assert/strict'
import {randomBytes} from 'node:crypto'
import {after, describe, it} from 'node:test'
import {ApiKey, ProbeConnection, Reader, WireError, type WireErrorKind} from '../../../src/kafka/wire/index.js'
import {connectTo, correlationIdOf, dripFeed, type FaultServer, faultServer, frame} from './fault-server.js'

const servers: FaultServer[] = []
after(async () => {
  await Promise.all(servers.map((s) => s.close()))
})

async function connectionTo(onRequest: Parameters<typeof faultServer>[0], options?: ConstructorParameters<typeof ProbeConnection>[1]) {
  const server = await faultServer(onRequest)
  servers.push(server)
  return new ProbeConnection(await connectTo(server.port), options)
}

const readAll = (r: Reader) => r.raw(r.remaining)

function send(conn: ProbeConnection, apiKey = ApiKey.Metadata, timeoutMs = 2000) {
  return conn.send(apiKey, 12, Buffer.from([0]), readAll, {timeoutMs})
}

async function failure(promise: Promise<unknown>): Promise<WireError> {
  try {
    await promise
  } catch (err) {
    assert.ok(err instanceof WireError, `expected WireError, got ${String(err)}`)
    return err
  }
  assert.fail('expected the exchange to fail')
}

describe('ProbeConnection framing', () => {
  it('writes length-prefixed requests with header v2 for flexible versions and increasing correlation ids', async () => {
    const seen: Buffer[] = []
    const conn = await connectionTo((s, req) => {
      seen.push(req)
      s.write(frame(correlationIdOf(req), Buffer.from([0, 0]))) // header v1 tagged fields, then an empty tag section as body
      s.on('data', (next) => {
        seen.push(next)
        s.write(frame(correlationIdOf(next)))
      })
    })
    const a = await conn.send(ApiKey.Metadata, 12, Buffer.from([0xaa]), (r) => r.taggedFields(), {timeoutMs: 2000})
    const b = await conn.send(ApiKey.SaslHandshake, 1, Buffer.from([0xbb]), () => 'ok', {timeoutMs: 2000})
    conn.close()
    const [first, second] = seen
    assert.ok(first && second)
    // length, key 3, version 12, correlation 1, client id "kdoctor", empty tags, body
    assert.equal(first.toString('hex'), '00000013' + '0003' + '000c' + '00000001' + '0007' + Buffer.from('kdoctor').toString('hex') + '00' + 'aa')
    // SaslHandshake v1 is not flexible: no tag byte after the client id
    assert.equal(second.toString('hex'), '00000012' + '0011' + '0001' + '00000002' + '0007' + Buffer.from('kdoctor').toString('hex') + 'bb')
    assert.equal(a.correlationId, 1)
    assert.equal(b.correlationId, 2)
    assert.equal(b.firstBytesHex, '0000000400000002')
    assert.equal(conn.exchanges.length, 2)
  })
})

describe('ProbeConnection failure kinds', () => {
  it('closed: the peer hangs up before answering', async () => {
    const conn = await connectionTo((s) => s.end())
    const err = await failure(send(conn))
    assert.equal(err.kind, 'closed')
    assert.equal(err.bytesReceived, 0)
    assert.equal(err.apiKey, ApiKey.Metadata)
  })

  it('closed: the peer hangs up mid-frame, and we say how much arrived', async () => {
    const conn = await connectionTo((s, req) => {
      const partial = frame(correlationIdOf(req), Buffer.alloc(96)).subarray(0, 10)
      s.end(partial)
    })
    const err = await failure(send(conn))
    assert.equal(err.kind, 'closed')
    assert.equal(err.bytesReceived, 10)
    assert.match(err.message, /after 10 of 104 reply bytes/)
    assert.equal(err.firstBytesHex.length, 20)
  })

  it('reset: the peer aborts with RST', async () => {
    const conn = await connectionTo((s) => s.resetAndDestroy())
    const err = await failure(send(conn))
    assert.equal(err.kind, 'reset')
    assert.equal(err.code, 'ECONNRESET')
  })

  it('timeout: the peer says nothing; the connection is abandoned and later sends fail fast', async () => {
    const conn = await connectionTo(() => {})
    const started = performance.now()
    const err = await failure(send(conn, ApiKey.Metadata, 150))
    assert.equal(err.kind, 'timeout')
    assert.ok(performance.now() - started >= 140)
    assert.equal(conn.isOpen, false)
    const again = await failure(send(conn))
    assert.equal(again, err)
  })

  it('timeout: a drip-feeding peer cannot hold a request past its time limit', async () => {
    const conn = await connectionTo((s, req) => dripFeed(s, frame(correlationIdOf(req), Buffer.alloc(1000)), 10))
    const err = await failure(send(conn, ApiKey.Metadata, 300))
    assert.equal(err.kind, 'timeout')
    assert.ok(err.bytesReceived > 0 && err.bytesReceived < 100, `got ${err.bytesReceived}`)
  })

  it('oversized: a 2 GB length prefix is refused without allocating it', async () => {
    const conn = await connectionTo((s) => {
      const prefix = Buffer.alloc(8)
      prefix.writeInt32BE(0x7ffffff0, 0)
      s.write(prefix)
      const trickle = setInterval(() => (s.destroyed ? clearInterval(trickle) : s.write(randomBytes(64 * 1024))), 5)
    })
    const before = process.memoryUsage().arrayBuffers
    const err = await failure(send(conn))
    assert.equal(err.kind, 'oversized')
    assert.equal(err.frameLength, 0x7ffffff0)
    assert.ok(process.memoryUsage().arrayBuffers - before < 32 * 1024 * 1024)
    assert.equal(conn.isOpen, false)
  })

  it('oversized: a frame above the per-request cap', async () => {
    const conn = await connectionTo((s, req) => s.write(frame(correlationIdOf(req), Buffer.alloc(5000))))
    const err = await failure(conn.send(ApiKey.Metadata, 12, Buffer.alloc(0), readAll, {timeoutMs: 1000, maxResponseBytes: 1000}))
    assert.equal(err.kind, 'oversized')
    assert.equal(err.frameLength, 5004)
  })

  it('oversized: an ApiVersions answer announcing more than 1 MiB is not plaintext Kafka', async () => {
    const conn = await connectionTo((s) => {
      const prefix = Buffer.alloc(4)
      prefix.writeInt32BE(2 * 1024 * 1024, 0)
      s.write(prefix)
    })
    const err = await failure(send(conn, ApiKey.ApiVersions))
    assert.equal(err.kind, 'oversized')
    assert.equal(err.foreign, 'not-kafka-size')
  })

  it('tls-bytes: a TLS alert record in reply to plaintext', async () => {
    // TLS 1.2 record, fatal alert, unexpected_message (10) — what a TLS listener sends on garbage
    const conn = await connectionTo((s) => s.end(Buffer.from('15030300020210', 'hex')))
    const err = await failure(send(conn, ApiKey.ApiVersions))
    assert.equal(err.kind, 'tls-bytes')
    assert.equal(err.foreign, 'tls-alert')
    assert.equal(err.firstBytesHex, '15030300020210')
  })

  it('tls-bytes: only two TLS bytes, then the peer closes', async () => {
    const conn = await connectionTo((s) => s.end(Buffer.from('1503', 'hex')))
    const err = await failure(send(conn))
    assert.equal(err.kind, 'tls-bytes')
  })

  it('tls-bytes: a TLS handshake record (a TLS server greeting us)', async () => {
    const conn = await connectionTo((s) => s.write(Buffer.concat([Buffer.from('160303007a02000076', 'hex'), randomBytes(100)])))
    const err = await failure(send(conn))
    assert.equal(err.kind, 'tls-bytes')
    assert.equal(err.foreign, 'tls-handshake')
  })

  it('garbage: an HTTP server', async () => {
    const conn = await connectionTo((s) => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'))
    const err = await failure(send(conn, ApiKey.ApiVersions))
    assert.equal(err.kind, 'garbage')
    assert.equal(err.foreign, 'http')
  })

  it('garbage: negative or too-short length prefixes', async () => {
    const neg = await connectionTo((s) => s.write(Buffer.from('ffffff00', 'hex')))
    assert.equal((await failure(send(neg))).kind, 'garbage')
    const short = await connectionTo((s) => s.write(Buffer.from('00000002abcd', 'hex')))
    assert.equal((await failure(send(short))).kind, 'garbage')
  })

  it('garbage: bytes nobody asked for (a server that talks first, like SSH)', async () => {
    const server = await faultServer(() => {}, (s) => s.write('SSH-2.0-OpenSSH_9.6\r\n'))
    servers.push(server)
    const conn = new ProbeConnection(await connectTo(server.port))
    while (!conn.failure) await new Promise((r) => setTimeout(r, 5))
    assert.equal(conn.failure.kind, 'garbage')
    assert.equal(conn.failure.firstBytesHex, Buffer.from('SSH-2.0-OpenSSH_9.6\r\n').toString('hex'))
    assert.equal((await failure(send(conn))).kind, 'garbage')
  })

  it('protocol: a reply with somebody else\'s correlation id', async () => {
    const conn = await connectionTo((s, req) => s.write(frame(correlationIdOf(req) + 41)))
    const err = await failure(conn.send(ApiKey.SaslHandshake, 1, Buffer.alloc(0), readAll, {timeoutMs: 1000}))
    assert.equal(err.kind, 'protocol')
    assert.match(err.message, /correlation id 42/)
    assert.equal(conn.isOpen, false)
  })

  it('protocol: a well-framed reply that does not decode keeps the connection usable', async () => {
    const conn = await connectionTo((s, req) => {
      s.write(frame(correlationIdOf(req), Buffer.from([0, 1])))
      s.on('data', (next) => s.write(frame(correlationIdOf(next), Buffer.from([0, 0, 0, 7]))))
    })
    const err = await failure(conn.send(ApiKey.SaslHandshake, 1, Buffer.alloc(0), (r) => r.int32(), {timeoutMs: 1000}))
    assert.equal(err.kind, 'protocol')
    assert.equal(conn.isOpen, true)
    const ok = await conn.send(ApiKey.SaslHandshake, 1, Buffer.alloc(0), (r) => r.int32(), {timeoutMs: 1000})
    assert.equal(ok.value, 7)
    conn.close()
  })

  it('protocol: bytes left over after the body are a decode mismatch', async () => {
    const conn = await connectionTo((s, req) => s.write(frame(correlationIdOf(req), Buffer.from([0, 0, 0, 7, 9]))))
    const err = await failure(conn.send(ApiKey.SaslHandshake, 1, Buffer.alloc(0), (r) => r.int32(), {timeoutMs: 1000}))
    assert.equal(err.kind, 'protocol')
    assert.match(err.message, /1 bytes left/)
  })

  it('random bytes always end as a WireError, never a crash or a hang', async () => {
    const allowed: WireErrorKind[] = ['garbage', 'oversized', 'tls-bytes', 'protocol', 'closed']
    for (let i = 0; i < 25; i++) {
      const conn = await connectionTo((s) => s.end(randomBytes(1 + (i * 37) % 600)))
      const err = await failure(send(conn, i % 2 ? ApiKey.ApiVersions : ApiKey.Metadata))
      assert.ok(allowed.includes(err.kind), err.kind)
      assert.ok(err.firstBytesHex.length <= 128)
    }
  })

  it('close() fails pending requests as closed', async () => {
    const conn = await connectionTo(() => {})
    const pending = send(conn)
    conn.close()
    assert.equal((await failure(pending)).kind, 'closed')
  })
})
