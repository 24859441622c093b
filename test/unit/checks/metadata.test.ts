// Cluster health from a metadata answer alone: missing brokers, leaderless and under-replicated partitions per topic.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {clusterHealth, partitionHealth} from '../../../src/checks/metadata.js'
import type {MetadataResult} from '../../../src/kafka/probe-session.js'

const partition = (partitionIndex: number, leaderId: number, replicaNodes: number[], isrNodes: number[]) => ({errorCode: 0, partitionIndex, leaderId, replicaNodes, isrNodes})
const topic = (name: string, partitions: ReturnType<typeof partition>[], errorCode = 0) => ({errorCode, name, isInternal: false, partitions})

describe('clusterHealth', () => {
  it('three brokers, node 3 gone: it is missing, its single-replica partition leaderless, factor-3 partitions under-replicated', () => {
    const metadata = {
      brokers: [{nodeId: 1, host: 'h', port: 1}, {nodeId: 2, host: 'h', port: 2}],
      topics: [
        topic('orders', [partition(1, 2, [2, 3, 1], [2, 1]), partition(0, 1, [1, 2, 3], [1, 2])]),
        topic('solo', [partition(0, -1, [3], [3])]),
        topic('healthy', [partition(0, 1, [1, 2], [1, 2])]),
        topic('denied', [], 29),
      ],
    } as unknown as MetadataResult
    assert.deepEqual(clusterHealth(metadata), {
      missingBrokers: [3],
      topics: [
        {name: 'orders', leaderless: [], underReplicated: [0, 1]},
        {name: 'solo', leaderless: [0], underReplicated: []},
      ],
    })
  })

  it('partitionHealth sorts by partition index', () => {
    assert.deepEqual(partitionHealth([partition(2, -1, [1], []), partition(0, -1, [1], [1])]), {leaderless: [0, 2], underReplicated: [2]})
  })
})
