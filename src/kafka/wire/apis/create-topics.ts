// CreateTopics (key 19), v4..v7. Field boundaries from Kafka's CreateTopicsRequest/Response.json:
//   v1  validate_only (kdoctor always sets it: the controller checks, creates nothing)
//   v4  -1 partitions / replication factor = the broker defaults (KIP-464; our floor)
//   v5  first flexible version; num_partitions, replication_factor, configs in the answer
//   v7  topic_id in the answer
// Kafka 4.0 accepts v2-v7, 3.9 v0-v7.

import {Reader, Writer} from '../codec.js'
import {readerFields, writerFields} from './fields.js'

export const CREATE_TOPICS_VERSIONS = {min: 4, max: 7} as const

export interface CreatableTopic {
  name: string
  /** -1: the broker's num.partitions. */
  numPartitions: number
  /** -1: the broker's default.replication.factor. */
  replicationFactor: number
}

export interface CreateTopicsRequest {
  topics: readonly CreatableTopic[]
  timeoutMs: number
  validateOnly: boolean
}

export interface CreatableTopicResult {
  name: string
  errorCode: number
  errorMessage: string | null
}

export interface CreateTopicsResponse {
  throttleTimeMs: number
  topics: CreatableTopicResult[]
}

export function encodeCreateTopicsRequest(version: number, req: CreateTopicsRequest): Buffer {
  const w = new Writer(64)
  const f = writerFields(w, version >= 5)
  f.array(req.topics, (t) => {
    f.str(t.name)
    w.int32(t.numPartitions).int16(t.replicationFactor)
    f.array([], () => {}) // assignments
    f.array([], () => {}) // configs
    f.tags()
  })
  w.int32(req.timeoutMs)
  w.bool(req.validateOnly)
  f.tags()
  return w.toBuffer()
}

export function decodeCreateTopicsResponse(version: number): (r: Reader) => CreateTopicsResponse {
  return (r) => {
    const f = readerFields(r, version >= 5)
    const throttleTimeMs = r.int32()
    const topics = f.array((): CreatableTopicResult => {
      const name = f.str()
      if (version >= 7) r.uuid()
      const errorCode = r.int16()
      const errorMessage = f.nullableStr()
      if (version >= 5) {
        r.int32() // num_partitions
        r.int16() // replication_factor
        f.nullableArray(() => {
          f.str()
          f.nullableStr()
          r.bool()
          r.int8()
          r.bool()
          f.tags()
        }, 5)
      }
      f.tags()
      return {name, errorCode, errorMessage}
    }, 4)
    f.tags()
    return {throttleTimeMs, topics}
  }
}
