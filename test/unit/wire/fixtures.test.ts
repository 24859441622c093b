// Decode reply frames captured from the real test broker (test/kafka/rig.mjs), one folder per
// Kafka version. Each frame is stored whole: length prefix, response header, body.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {after, describe, it} from 'node:test'
import {fileURLToPath} from 'node:url'
import {
  ApiKey,
  ProbeConnection,
  Reader,
  decodeApiVersionsResponse,
  decodeAuthorizedOperations,
  decodeMetadataResponse,
  decodeSaslAuthenticateResponse,
  decodeSaslHandshakeResponse,
  parseOAuthBearerError,
  readResponseHeader,
  responseHeaderVersion,
  type Decoder,
} from '../../../src/kafka/wire/index.js'
import {connectTo, type FaultServer, faultServer} from './fault-server.js'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')

interface FrameInfo {
  apiKey: number
  apiVersion: number
  what: string
  [k: string]: unknown
}

const versions = fs
  .readdirSync(FIXTURES)
  .filter((d) => fs.existsSync(path.join(FIXTURES, d, 'index.json')))
  .sort()

function load(dir: string, name: string): Buffer {
  return Buffer.from(fs.readFileSync(path.join(FIXTURES, dir, `${name}.hex`), 'utf8').trim(), 'hex')
}

function decoderFor(apiKey: number, version: number): Decoder<unknown> {
  switch (apiKey) {
    case ApiKey.ApiVersions:
      return decodeApiVersionsResponse(version)
    case ApiKey.SaslHandshake:
      return decodeSaslHandshakeResponse
    case ApiKey.SaslAuthenticate:
      return decodeSaslAuthenticateResponse(version)
    case ApiKey.Metadata:
      return decodeMetadataResponse(version)
    default:
      throw new Error(`no decoder for key ${apiKey}`)
  }
}

/** Decode a whole captured frame exactly: header, body, and nothing left over. */
function decodeFrame<T>(frame: Buffer, apiKey: number, version: number): T {
  assert.equal(frame.readInt32BE(0), frame.length - 4, 'length prefix')
  const r = new Reader(frame, 4)
  readResponseHeader(r, responseHeaderVersion(apiKey, version) === 1)
  const value = decoderFor(apiKey, version)(r) as T
  assert.equal(r.remaining, 0, 'no bytes left after the body')
  return value
}

/** Decoded frames are checked field by field below; loose typing keeps those checks short. */
type Any = Record<string, any>

assert.ok(versions.length > 0, 'captured fixtures exist')

for (const dir of versions) {
  const index = JSON.parse(fs.readFileSync(path.join(FIXTURES, dir, 'index.json'), 'utf8')) as {frames: Record<string, FrameInfo>}
  const frame = (name: string) => {
    const info = index.frames[name]
    assert.ok(info, `${dir}/${name} in index.json`)
    return decodeFrame<Any>(load(dir, name), info.apiKey, info.apiVersion)
  }

  describe(`captured frames: ${dir}`, () => {
    it('every frame decodes exactly, and every strict prefix fails as WireDecodeError', () => {
      for (const [name, info] of Object.entries(index.frames)) {
        const bytes = load(dir, name)
        decodeFrame(bytes, info.apiKey, info.apiVersion)
        for (let cut = 4; cut < bytes.length; cut += Math.max(1, Math.floor(bytes.length / 97))) {
          const r = new Reader(bytes.subarray(0, cut), 4)
          assert.throws(() => {
            readResponseHeader(r, responseHeaderVersion(info.apiKey, info.apiVersion) === 1)
            decoderFor(info.apiKey, info.apiVersion)(r)
            if (r.remaining === 0) throw new Error('unreachable')
          }, /truncated|exceeds|null where|left/, `${name} cut at ${cut}`)
        }
      }
    })

    it('ApiVersions v3: error 0, the ranges we need, features', () => {
      const v = frame('api-versions-v3')
      assert.equal(v.errorCode, 0)
      const range = (k: number) => v.ranges.find((r: Any) => r.apiKey === k)
      assert.ok(range(ApiKey.Metadata).maxVersion >= 12)
      assert.equal(range(ApiKey.SaslHandshake).maxVersion, 1)
      assert.equal(range(ApiKey.SaslAuthenticate).maxVersion, 2)
      assert.ok(v.supportedFeatures.some((f: Any) => f.name === 'metadata.version'))
    })

    it('ApiVersions asked at v99: error 35 with the broker\'s own ranges in the v0 layout', () => {
      const v = frame('api-versions-v99-unsupported')
      assert.equal(v.errorCode, 35)
      assert.equal(v.bodyVersion, 0)
      assert.ok(v.ranges.some((r: Any) => r.apiKey === ApiKey.ApiVersions && r.maxVersion >= 3))
    })

    it('SaslHandshake: 34 without SASL, 33 plus the list with SASL', () => {
      assert.deepEqual(frame('sasl-handshake-v1-illegal-state'), {errorCode: 34, mechanisms: []})
      const sasl = frame('sasl-handshake-v1-unsupported-mechanism')
      assert.equal(sasl.errorCode, 33)
      assert.deepEqual([...sasl.mechanisms].sort(), ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'])
    })

    it('SaslAuthenticate v2: failure message, SCRAM server-final, OAUTHBEARER challenge and failure', () => {
      const failed = frame('sasl-authenticate-v2-plain-failed')
      assert.equal(failed.errorCode, 58)
      assert.equal(failed.errorMessage, index.frames['sasl-authenticate-v2-plain-failed']?.brokerMessage)
      const scram = frame('sasl-authenticate-v2-scram-final')
      assert.equal(scram.errorCode, 0)
      assert.match(scram.authBytes.toString(), /^v=[A-Za-z0-9+/]+=*$/)
      const challenge = frame('sasl-authenticate-v2-oauth-challenge')
      assert.equal(challenge.errorCode, 0)
      assert.equal(parseOAuthBearerError(challenge.authBytes)?.status, 'invalid_token')
      const oauthFailed = frame('sasl-authenticate-v2-oauth-failed')
      assert.equal(oauthFailed.errorCode, 58)
    })

    it('Metadata v12 and v8 as alice: topic ids, partitions, authorized operations, 29 and 3', () => {
      for (const name of ['metadata-v12-alice-ops', 'metadata-v8-alice-ops']) {
        const md = frame(name)
        const byName = new Map<string, Any>(md.topics.map((t: Any) => [t.name, t]))
        const orders = byName.get('alice.orders')
        assert.equal(orders?.errorCode, 0, name)
        assert.equal(orders?.partitions.length, 3)
        assert.ok(decodeAuthorizedOperations(orders?.topicAuthorizedOperations)?.includes('WRITE'))
        assert.equal(byName.get('public-events')?.errorCode, 29)
        // alice may create alice.* topics but not others: a missing topic she could not describe is 29
        assert.ok([3, 29].includes(byName.get('no-such-topic')?.errorCode))
        assert.ok(md.brokers.length >= 1)
        if (name.includes('v12')) {
          assert.notEqual(orders?.topicId, 'AAAAAAAAAAAAAAAAAAAAAA')
          assert.equal(md.clusterAuthorizedOperations, undefined)
        } else {
          assert.equal(orders?.topicId, undefined)
          assert.equal(typeof md.clusterAuthorizedOperations, 'number')
        }
      }
    })

    it('Metadata v12 as ANONYMOUS on plaintext: brokers and cluster id, no topics visible', () => {
      const md = frame('metadata-v12-anonymous-all')
      assert.equal(md.brokers[0].host, '127.0.0.1')
      assert.equal(typeof md.clusterId, 'string')
    })
  })
}

describe('a real reply split into tiny chunks', () => {
  const servers: FaultServer[] = []
  after(async () => Promise.all(servers.map((s) => s.close())))

  it('reassembles a captured ApiVersions frame fed a few bytes at a time', async () => {
    const dir = versions[versions.length - 1] as string
    const bytes = load(dir, 'api-versions-v3')
    // the capture was the first request on its connection, so its correlation id (1) is ours too
    const server = await faultServer((s) => {
      let i = 0
      const t = setInterval(() => {
        if (s.destroyed || i >= bytes.length) return clearInterval(t)
        const n = 1 + (i % 5)
        s.write(bytes.subarray(i, i + n))
        i += n
      }, 1)
    })
    servers.push(server)
    const conn = new ProbeConnection(await connectTo(server.port))
    const reply = await conn.send(ApiKey.ApiVersions, 3, Buffer.from([1, 1, 0]), decodeApiVersionsResponse(3), {timeoutMs: 5000})
    assert.equal(reply.value.errorCode, 0)
    assert.equal(reply.frameBytes, bytes.length)
    assert.equal(reply.firstBytesHex, bytes.subarray(0, 64).toString('hex'))
    conn.close()
  })
})
