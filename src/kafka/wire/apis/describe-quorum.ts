// DescribeQuorum (key 55), v0..v1, flexible from v0: the KRaft metadata quorum as the active
// controller sees it (leader, epoch, each voter's log end offset and, v1, when it last fetched and
// caught up). A broker forwards it to the active controller, so no answer means no controller
// (v2 adds directory ids and listeners, not needed here).

import {Reader, Writer} from '../codec.js'
import {readerFields, writerFields} from './fields.js'

export const DESCRIBE_QUORUM_VERSIONS = {min: 0, max: 1} as const
export const METADATA_TOPIC = '__cluster_metadata'

export interface QuorumReplica {
  replicaId: number
  logEndOffset: bigint
  /** v1+; -1 when unknown. */
  lastFetchTimestamp: bigint
  lastCaughtUpTimestamp: bigint
}

export interface DescribeQuorumResponse {
  errorCode: number
  partitions: Array<{
    topicName: string
    partitionIndex: number
    errorCode: number
    leaderId: number
    leaderEpoch: number
    highWatermark: bigint
    currentVoters: QuorumReplica[]
    observers: QuorumReplica[]
  }>
}

export function encodeDescribeQuorumRequest(_version: number): Buffer {
  const w = new Writer(48)
  const f = writerFields(w, true)
  f.array([METADATA_TOPIC], (name) => {
    f.str(name)
    f.array([0], (partition) => {
      w.int32(partition)
      f.tags()
    })
    f.tags()
  })
  f.tags()
  return w.toBuffer()
}

export function decodeDescribeQuorumResponse(version: number): (r: Reader) => DescribeQuorumResponse {
  return (r) => {
    const f = readerFields(r, true)
    const replica = (): QuorumReplica => {
      const replicaId = r.int32()
      const logEndOffset = r.int64()
      const lastFetchTimestamp = version >= 1 ? r.int64() : -1n
      const lastCaughtUpTimestamp = version >= 1 ? r.int64() : -1n
      f.tags()
      return {replicaId, logEndOffset, lastFetchTimestamp, lastCaughtUpTimestamp}
    }
    const errorCode = r.int16()
    const partitions: DescribeQuorumResponse['partitions'] = []
    f.array(() => {
      const topicName = f.str()
      f.array(() => {
        const partitionIndex = r.int32()
        const partitionError = r.int16()
        const leaderId = r.int32()
        const leaderEpoch = r.int32()
        const highWatermark = r.int64()
        const currentVoters = f.array(replica, 13)
        const observers = f.array(replica, 13)
        f.tags()
        partitions.push({topicName, partitionIndex, errorCode: partitionError, leaderId, leaderEpoch, highWatermark, currentVoters, observers})
      }, 22)
      f.tags()
    }, 2)
    f.tags()
    return {errorCode, partitions}
  }
}
