// The probe requests, byte by byte against Kafka's message schemas, at the lowest and highest
// version kdoctor sends; the record batch that carries the transactional flag.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {
  crc32c,
  encodeCreateTopicsRequest,
  encodeDescribeAclsRequest,
  encodeDescribeClusterRequest,
  encodeDescribeConfigsRequest,
  encodeDescribeGroupsRequest,
  encodeDescribeTransactionsRequest,
  encodeFetchRequest,
  encodeHeartbeatRequest,
  encodeInitProducerIdRequest,
  encodeProbeRecordBatch,
  encodeProduceRequest,
  isFlexible,
  ApiKey,
  Reader,
  TRANSACTIONAL_FLAG,
} from '../../../src/kafka/wire/index.js'

const hex = (b: Buffer) => b.toString('hex')
const i16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]).toString('hex')
const i32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b.toString('hex')
}
const i64 = (n: bigint) => {
  const b = Buffer.alloc(8)
  b.writeBigInt64BE(n)
  return b.toString('hex')
}
const str16 = (s: string) => i16(Buffer.byteLength(s)) + Buffer.from(s).toString('hex')
const compact = (s: string) => Buffer.from([Buffer.byteLength(s) + 1]).toString('hex') + Buffer.from(s).toString('hex')
const MISSING = 2147483647

describe('probe requests', () => {
  it('Produce v3 (classic) and v9 (flexible): null transactional id, acks, one missing partition with an empty record set', () => {
    const req = {transactionalId: null, acks: 1, timeoutMs: 5000, topics: [{name: 't', partitions: [{index: MISSING, records: Buffer.alloc(0)}]}]}
    assert.equal(hex(encodeProduceRequest(3, req)), 'ffff' + i16(1) + i32(5000) + i32(1) + str16('t') + i32(1) + i32(MISSING) + i32(0))
    assert.equal(hex(encodeProduceRequest(9, req)), '00' + i16(1) + i32(5000) + '02' + compact('t') + '02' + i32(MISSING) + '01' + '00' + '00' + '00')
    // a transactional id travels as a (compact) string
    assert.equal(hex(encodeProduceRequest(12, {...req, transactionalId: 'tx'})).slice(0, 6), compact('tx'))
    assert.equal(isFlexible(ApiKey.Produce, 8), false)
  })

  it('Fetch v4 and v12: consumer replica id, no wait, sessionless, 1 byte at most', () => {
    const req = {maxWaitMs: 0, minBytes: 0, maxBytes: 1, topics: [{name: 't', partitions: [{index: MISSING, fetchOffset: 0n, partitionMaxBytes: 1}]}]}
    assert.equal(hex(encodeFetchRequest(4, req)), i32(-1) + i32(0) + i32(0) + i32(1) + '00' + i32(1) + str16('t') + i32(1) + i32(MISSING) + i64(0n) + i32(1))
    assert.equal(
      hex(encodeFetchRequest(12, req)),
      i32(-1) + i32(0) + i32(0) + i32(1) + '00' + i32(0) + i32(-1) + '02' + compact('t') + '02' + i32(MISSING) + i32(-1) + i64(0n) + i32(-1) + i64(-1n) + i32(1) + '00' + '00' + '01' + '01' + '00',
    )
  })

  it('DescribeGroups v3 and v5 ask for the authorized operations', () => {
    assert.equal(hex(encodeDescribeGroupsRequest(3, {groups: ['g'], includeAuthorizedOperations: true})), i32(1) + str16('g') + '01')
    assert.equal(hex(encodeDescribeGroupsRequest(5, {groups: ['g'], includeAuthorizedOperations: true})), '02' + compact('g') + '01' + '00')
  })

  it('Heartbeat v0 and v4: generation -1, a made-up member, not static', () => {
    assert.equal(hex(encodeHeartbeatRequest(0, {groupId: 'g', generationId: -1, memberId: 'm'})), str16('g') + i32(-1) + str16('m'))
    assert.equal(hex(encodeHeartbeatRequest(4, {groupId: 'g', generationId: -1, memberId: 'm'})), compact('g') + i32(-1) + compact('m') + '00' + '00')
  })

  it('CreateTopics v4 and v5 always carry validate_only, with the broker defaults (-1)', () => {
    const req = {topics: [{name: 't', numPartitions: -1, replicationFactor: -1}], timeoutMs: 3000, validateOnly: true}
    assert.equal(hex(encodeCreateTopicsRequest(4, req)), i32(1) + str16('t') + i32(-1) + i16(-1) + i32(0) + i32(0) + i32(3000) + '01')
    assert.equal(hex(encodeCreateTopicsRequest(5, req)), '02' + compact('t') + i32(-1) + i16(-1) + '01' + '01' + '00' + i32(3000) + '01' + '00')
  })

  it('InitProducerId v3: no transactional id, producer -1 with epoch 0 (the pair the broker refuses)', () => {
    assert.equal(hex(encodeInitProducerIdRequest(3, {transactionalId: null, transactionTimeoutMs: 60000, producerId: -1n, producerEpoch: 0})), '00' + i32(60000) + i64(-1n) + i16(0) + '00')
  })

  it('DescribeConfigs v1 and v4: one broker resource, one key, no synonyms or documentation', () => {
    const req = {resources: [{resourceType: 4, resourceName: '1', configurationKeys: ['k']}]}
    assert.equal(hex(encodeDescribeConfigsRequest(1, req)), i32(1) + '04' + str16('1') + i32(1) + str16('k') + '00')
    assert.equal(hex(encodeDescribeConfigsRequest(4, req)), '02' + '04' + compact('1') + '02' + compact('k') + '00' + '00' + '00' + '00')
    assert.equal(hex(encodeDescribeConfigsRequest(1, {resources: [{resourceType: 4, resourceName: '1', configurationKeys: null}]})), i32(1) + '04' + str16('1') + i32(-1) + '00')
  })

  it('DescribeAcls v1 and v2: any resource, any pattern, one principal', () => {
    const filter = {resourceType: 1, resourceName: null, patternType: 1, principal: 'User:a', host: null, operation: 1, permissionType: 1}
    assert.equal(hex(encodeDescribeAclsRequest(1, filter)), '01' + 'ffff' + '01' + str16('User:a') + 'ffff' + '01' + '01')
    assert.equal(hex(encodeDescribeAclsRequest(2, filter)), '01' + '00' + '01' + compact('User:a') + '00' + '01' + '01' + '00')
  })

  it('DescribeCluster v0 and v1 (flexible from v0), DescribeTransactions v0', () => {
    assert.equal(hex(encodeDescribeClusterRequest(0, {includeClusterAuthorizedOperations: true})), '01' + '00')
    assert.equal(hex(encodeDescribeClusterRequest(1, {includeClusterAuthorizedOperations: true})), '01' + '01' + '00')
    assert.equal(hex(encodeDescribeTransactionsRequest(0, {transactionalIds: ['tx']})), '02' + compact('tx') + '00')
  })
})

describe('the probe record batch', () => {
  it('CRC-32C matches the standard check value', () => {
    assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283)
    assert.equal(crc32c(Buffer.alloc(0)), 0)
  })

  it('is a well-formed magic-2 batch with one record, the transactional flag and no producer', () => {
    const batch = encodeProbeRecordBatch({transactional: true})
    const r = new Reader(batch)
    assert.equal(r.int64(), 0n, 'base offset')
    assert.equal(r.int32(), batch.length - 12, 'batch length counts the bytes after itself')
    assert.equal(r.int32(), -1, 'partition leader epoch')
    assert.equal(r.int8(), 2, 'magic')
    assert.equal(r.uint32(), crc32c(batch.subarray(21)), 'CRC-32C over everything after the crc')
    assert.equal(r.int16() & TRANSACTIONAL_FLAG, TRANSACTIONAL_FLAG)
    assert.equal(r.int32(), 0, 'last offset delta')
    r.int64()
    r.int64()
    assert.equal(r.int64(), -1n, 'producer id')
    assert.equal(r.int16(), -1, 'producer epoch')
    assert.equal(r.int32(), -1, 'base sequence')
    assert.equal(r.int32(), 1, 'one record')
    const length = r.varint()
    assert.equal(length, r.remaining)
    assert.equal(r.int8(), 0)
    assert.equal(r.varint(), 0)
    assert.equal(r.varint(), 0)
    assert.equal(r.varint(), -1, 'null key')
    assert.equal(r.varint(), -1, 'null value')
    assert.equal(r.varint(), 0, 'no headers')
    assert.equal(r.remaining, 0)
    const plain = encodeProbeRecordBatch({transactional: false})
    assert.equal(plain.readInt16BE(21) & TRANSACTIONAL_FLAG, 0)
  })
})
