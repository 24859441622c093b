// Request encodings checked byte by byte against the schemas, and version picking.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {
  ApiKey,
  NoCommonVersionError,
  Reader,
  decodeAuthorizedOperations,
  decodeSaslAuthenticateResponse,
  encodeApiVersionsRequest,
  encodeMetadataRequest,
  encodeSaslAuthenticateRequest,
  encodeSaslHandshakeRequest,
  highestCommonVersion,
  isFlexible,
  kafkaErrorName,
  pickVersion,
  requestHeaderVersion,
  responseHeaderVersion,
  sniffForeignBytes,
  describeTlsAlert,
  Writer,
  decodeDescribeQuorumResponse,
  encodeDescribeQuorumRequest,
} from '../../../src/kafka/wire/index.js'
import {sanitizeSoftwareField} from '../../../src/kafka/wire/apis/api-versions.js'

const hex = (b: Buffer) => b.toString('hex')
const str16 = (s: string) => Buffer.from([0, s.length]).toString('hex') + Buffer.from(s).toString('hex')
const compact = (s: string) => Buffer.from([s.length + 1]).toString('hex') + Buffer.from(s).toString('hex')

describe('request bodies', () => {
  it('ApiVersions v3 carries the client software name and version; v0-2 are empty', () => {
    assert.equal(hex(encodeApiVersionsRequest(3, {name: 'kdoctor', version: '0.1.0'})), `${compact('kdoctor')}${compact('0.1.0')}00`)
    assert.equal(hex(encodeApiVersionsRequest(0, {name: 'kdoctor', version: '0.1.0'})), '')
    // Kafka answers INVALID_REQUEST to names outside [a-zA-Z0-9.-]: clean them up front
    assert.equal(sanitizeSoftwareField('kdoctor/1.0 beta'), 'kdoctor-1.0-beta')
    assert.equal(sanitizeSoftwareField('--'), 'unknown')
  })

  it('SaslHandshake v1 is a classic string', () => {
    assert.equal(hex(encodeSaslHandshakeRequest('KDOCTOR-PROBE')), str16('KDOCTOR-PROBE'))
  })

  it('SaslAuthenticate uses int32 bytes before v2 and compact bytes + tags at v2', () => {
    assert.equal(hex(encodeSaslAuthenticateRequest(0, Buffer.from('ab'))), '000000026162')
    assert.equal(hex(encodeSaslAuthenticateRequest(1, Buffer.from('ab'))), '000000026162')
    assert.equal(hex(encodeSaslAuthenticateRequest(2, Buffer.from('ab'))), '03616200')
  })

  it('Metadata never allows auto-creation and puts each flag where its version has it', () => {
    // v4: nullable array (null = all topics), allow_auto_topic_creation=false
    assert.equal(hex(encodeMetadataRequest(4, {topics: null})), 'ffffffff00')
    // v8: + cluster ops flag + topic ops flag
    assert.equal(hex(encodeMetadataRequest(8, {topics: ['t'], includeClusterAuthorizedOperations: true, includeTopicAuthorizedOperations: true})), `00000001${str16('t')}000101`)
    // v9: compact array, per-topic tags, top-level tags
    assert.equal(hex(encodeMetadataRequest(9, {topics: ['t'], includeTopicAuthorizedOperations: true})), `02${compact('t')}00` + '000001' + '00')
    // v10: zero topic id before the name
    assert.equal(hex(encodeMetadataRequest(10, {topics: ['t']})), `02${'00'.repeat(16)}${compact('t')}00` + '000000' + '00')
    // v11 and v12: no cluster flag any more
    for (const v of [11, 12]) {
      assert.equal(hex(encodeMetadataRequest(v, {topics: null, includeClusterAuthorizedOperations: true, includeTopicAuthorizedOperations: true})), '00' + '0001' + '00')
    }
    assert.equal(hex(encodeMetadataRequest(12, {topics: []})), '01' + '0000' + '00')
  })
})

describe('response bodies', () => {
  it('SaslAuthenticate v0 has no session lifetime, v1 has, v2 is compact', () => {
    const v0 = new Writer().int16(58).nullableString('bad').bytes(Buffer.alloc(0)).toBuffer()
    assert.deepEqual(decodeSaslAuthenticateResponse(0)(new Reader(v0)), {errorCode: 58, errorMessage: 'bad', authBytes: Buffer.alloc(0), sessionLifetimeMs: 0})
    const v1 = new Writer().int16(0).nullableString(null).bytes(Buffer.from('x')).int64(3600000n).toBuffer()
    assert.equal(decodeSaslAuthenticateResponse(1)(new Reader(v1)).sessionLifetimeMs, 3600000)
    const v2 = new Writer().int16(0).compactNullableString(null).compactBytes(Buffer.from('x')).int64(0n).taggedFields().toBuffer()
    const r = new Reader(v2)
    assert.equal(decodeSaslAuthenticateResponse(2)(r).authBytes.toString(), 'x')
    assert.equal(r.remaining, 0)
  })
})

describe('versions and headers', () => {
  const kafka4Like = [
    {apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 13},
    {apiKey: ApiKey.SaslHandshake, minVersion: 1, maxVersion: 1},
    {apiKey: ApiKey.Produce, minVersion: 3, maxVersion: 12},
  ]

  it('picks the highest version both sides speak', () => {
    assert.equal(highestCommonVersion(kafka4Like, ApiKey.Metadata, {min: 4, max: 12}), 12)
    assert.equal(highestCommonVersion({ranges: kafka4Like}, ApiKey.SaslHandshake, {min: 0, max: 1}), 1)
    assert.equal(highestCommonVersion(kafka4Like, ApiKey.Produce, {min: 0, max: 2}), undefined)
    assert.equal(highestCommonVersion(kafka4Like, ApiKey.Fetch, {min: 0, max: 12}), undefined)
  })

  it('explains a missing common version with both ranges', () => {
    assert.throws(
      () => pickVersion(kafka4Like, ApiKey.Produce, {min: 0, max: 2}),
      (e) => e instanceof NoCommonVersionError && /we speak 0-2, broker 3-12/.test(e.message),
    )
    assert.throws(() => pickVersion(kafka4Like, ApiKey.Fetch, {min: 0, max: 2}), /does not offer Fetch/)
  })

  it('derives header versions from flexibility, with the ApiVersions exception', () => {
    assert.equal(isFlexible(ApiKey.Metadata, 8), false)
    assert.equal(isFlexible(ApiKey.Metadata, 9), true)
    assert.equal(isFlexible(ApiKey.SaslHandshake, 1), false)
    assert.equal(requestHeaderVersion(ApiKey.ApiVersions, 3), 2)
    assert.equal(responseHeaderVersion(ApiKey.ApiVersions, 3), 0)
    assert.equal(responseHeaderVersion(ApiKey.SaslAuthenticate, 2), 1)
    assert.equal(responseHeaderVersion(ApiKey.SaslAuthenticate, 1), 0)
  })

  it('names error codes', () => {
    assert.equal(kafkaErrorName(0), 'NONE')
    assert.equal(kafkaErrorName(29), 'TOPIC_AUTHORIZATION_FAILED')
    assert.equal(kafkaErrorName(33), 'UNSUPPORTED_SASL_MECHANISM')
    assert.equal(kafkaErrorName(34), 'ILLEGAL_SASL_STATE')
    assert.equal(kafkaErrorName(35), 'UNSUPPORTED_VERSION')
    assert.equal(kafkaErrorName(58), 'SASL_AUTHENTICATION_FAILED')
    assert.equal(kafkaErrorName(-1), 'UNKNOWN_SERVER_ERROR')
    assert.equal(kafkaErrorName(9999), 'UNKNOWN_ERROR_CODE_9999')
  })

  it('decodes KIP-430 authorized-operations bitfields', () => {
    assert.deepEqual(decodeAuthorizedOperations((1 << 3) | (1 << 4) | (1 << 8)), ['READ', 'WRITE', 'DESCRIBE'])
    assert.equal(decodeAuthorizedOperations(-2147483648), undefined)
    assert.deepEqual(decodeAuthorizedOperations(0), [])
  })
})

describe('sniffing foreign bytes', () => {
  it('recognises TLS records and HTTP, and leaves Kafka-looking lengths alone', () => {
    assert.equal(sniffForeignBytes(Buffer.from('1503030002020a', 'hex')), 'tls-alert')
    assert.equal(sniffForeignBytes(Buffer.from('16030300', 'hex')), 'tls-handshake')
    assert.equal(sniffForeignBytes(Buffer.from('17030300', 'hex')), 'tls-record')
    assert.equal(sniffForeignBytes(Buffer.from('HTTP/1.1 400')), 'http')
    assert.equal(sniffForeignBytes(Buffer.from('000001f4', 'hex')), undefined)
    assert.equal(sniffForeignBytes(Buffer.from('15', 'hex')), undefined)
    assert.equal(describeTlsAlert(Buffer.from('1503030002022e', 'hex')), 'TLS fatal alert certificate_unknown')
  })
})

describe('DescribeQuorum', () => {
  it('asks for __cluster_metadata partition 0 and decodes a v1 answer (leader, epoch, voters with timestamps)', () => {
    assert.equal(encodeDescribeQuorumRequest(1).toString('hex'), '02' + compact('__cluster_metadata') + '02' + '00000000' + '00' + '00' + '00')
    const w = new Writer().int16(0).uvarint(2).compactString('__cluster_metadata').uvarint(2)
    w.int32(0).int16(0).int32(2).int32(7).int64(100n)
    w.uvarint(3)
    for (const [id, leo] of [[1, 100n], [3, 90n]] as const) w.int32(id).int64(leo).int64(1000n).int64(900n).taggedFields()
    w.uvarint(1).taggedFields() // no observers; end of partition
    w.taggedFields().taggedFields() // end of topic, end of response
    const answer = decodeDescribeQuorumResponse(1)(new Reader(w.toBuffer()))
    assert.equal(answer.errorCode, 0)
    const [p] = answer.partitions
    assert.deepEqual([p?.leaderId, p?.leaderEpoch, p?.highWatermark], [2, 7, 100n])
    assert.deepEqual(p?.currentVoters.map((v) => [v.replicaId, v.logEndOffset, v.lastCaughtUpTimestamp]), [[1, 100n, 900n], [3, 90n, 900n]])
    assert.deepEqual(p?.observers, [])
  })
})
