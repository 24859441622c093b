// Produce (key 0), v3..v12. Field boundaries from Kafka's ProduceRequest/Response.json:
//   v3  transactional_id (Kafka 4.0 removed v0-v2; it still lists them for old librdkafka, KAFKA-18659)
//   v5  log_start_offset           v8  record_errors, error_message
//   v9  first flexible version     v10 current_leader / node_endpoints (tagged, skipped)
//   v13 topic ids instead of names: not implemented (we probe names that may not exist)
// kdoctor only sends Produce as a permission probe: to a partition number no topic has, so the
// broker checks the rights (transactional id, then WRITE on the topic) and appends nothing.

import {Reader, Writer} from '../codec.js'
import {readerFields, writerFields} from './fields.js'

export const PRODUCE_VERSIONS = {min: 3, max: 12} as const

export interface ProduceRequest {
  transactionalId: string | null
  /** 1 or -1: with 0 the broker sends no answer at all. */
  acks: number
  timeoutMs: number
  topics: ReadonlyArray<{name: string; partitions: ReadonlyArray<{index: number; records: Uint8Array | null}>}>
}

export interface ProducePartitionResponse {
  index: number
  errorCode: number
  baseOffset: bigint
  errorMessage?: string | null
}

export interface ProduceResponse {
  topics: Array<{name: string; partitions: ProducePartitionResponse[]}>
  throttleTimeMs: number
}

export function encodeProduceRequest(version: number, req: ProduceRequest): Buffer {
  const w = new Writer(128)
  const f = writerFields(w, version >= 9)
  f.nullableStr(req.transactionalId)
  w.int16(req.acks).int32(req.timeoutMs)
  f.array(req.topics, (topic) => {
    f.str(topic.name)
    f.array(topic.partitions, (p) => {
      w.int32(p.index)
      f.nullableBytes(p.records)
      f.tags()
    })
    f.tags()
  })
  f.tags()
  return w.toBuffer()
}

export function decodeProduceResponse(version: number): (r: Reader) => ProduceResponse {
  return (r) => {
    const f = readerFields(r, version >= 9)
    const topics = f.array(() => {
      const name = f.str()
      const partitions = f.array(() => {
        const p: ProducePartitionResponse = {index: r.int32(), errorCode: r.int16(), baseOffset: r.int64()}
        r.int64() // log_append_time_ms (v2+)
        if (version >= 5) r.int64() // log_start_offset
        if (version >= 8) {
          f.array(() => {
            r.int32()
            f.nullableStr()
            f.tags()
          }, 2)
          p.errorMessage = f.nullableStr()
        }
        f.tags()
        return p
      }, 14)
      f.tags()
      return {name, partitions}
    }, 2)
    const throttleTimeMs = r.int32()
    f.tags()
    return {topics, throttleTimeMs}
  }
}
