// A Metadata answer larger than the caps is parsed over, not kept: memory follows the caps.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {Reader} from '../../../src/kafka/wire/index.js'
import {type MetadataResponse, decodeMetadataResponse} from '../../../src/kafka/wire/apis/metadata.js'
import {encodeMetadataResponse} from '../../faults/hostile-broker.js'

function answer(brokers: number, topics: number, partitionsPerTopic: number): MetadataResponse {
  return {
    throttleTimeMs: 0,
    clusterId: 'c',
    controllerId: 1,
    brokers: Array.from({length: brokers}, (_, i) => ({nodeId: i, host: `b${i}`, port: 9092, rack: i % 2 ? 'r' : null})),
    topics: Array.from({length: topics}, (_, t) => ({
      errorCode: 0,
      name: `t${t}`,
      isInternal: false,
      partitions: Array.from({length: partitionsPerTopic}, (_, p) => ({errorCode: 0, partitionIndex: p, leaderId: 1, leaderEpoch: 0, replicaNodes: [1, 2], isrNodes: [1], offlineReplicas: []})),
    })),
  }
}

describe('Metadata caps', () => {
  for (const version of [4, 7, 8, 9, 10, 12]) {
    it(`v${version}: keeps the first brokers, topics and partitions and reports the announced totals`, () => {
      const body = encodeMetadataResponse(version, answer(30, 12, 5))
      const decoded = decodeMetadataResponse(version, {brokers: 10, topics: 8, partitions: 17})(new Reader(body))
      assert.equal(decoded.brokers.length, 10)
      assert.equal(decoded.topics.length, 8)
      assert.deepEqual(decoded.truncated, {brokers: 30, topics: 12, partitions: 60})
      assert.deepEqual(decoded.topics.map((t) => t.partitions.length), [5, 5, 5, 2, 0, 0, 0, 0])
      assert.equal(decoded.topics[3]!.partitionsNotKept, 3)
      assert.equal(decoded.clusterId, 'c', 'fields after the skipped elements still decode')
      assert.equal(decoded.controllerId, 1)
    })
  }

  it('within the caps nothing is marked truncated', () => {
    const decoded = decodeMetadataResponse(12)(new Reader(encodeMetadataResponse(12, answer(3, 2, 2))))
    assert.equal(decoded.truncated, undefined)
    assert.equal(decoded.topics[1]!.partitions.length, 2)
  })

  it('500,000 partitions decode within the default caps and without holding them', () => {
    const body = encodeMetadataResponse(12, answer(3, 50, 10_000))
    const decoded = decodeMetadataResponse(12)(new Reader(body))
    assert.equal(decoded.truncated?.partitions, 500_000)
    assert.equal(decoded.topics.reduce((n, t) => n + t.partitions.length, 0), 100_000)
  })
})
