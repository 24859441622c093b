// Fetch (key 1), v4..v12. Field boundaries from Kafka's FetchRequest/Response.json:
//   v4  isolation_level, last_stable_offset, aborted_transactions (Kafka 4.0's floor)
//   v5  log_start_offset           v7  fetch sessions (session_id / epoch, forgotten topics)
//   v9  current_leader_epoch       v11 rack_id, preferred_read_replica
//   v12 first flexible version, last_fetched_epoch
//   v13 topic ids instead of names: not implemented, so a name the principal cannot describe
//       (or that does not exist) can still be probed.
// kdoctor only sends sessionless fetches (session 0, epoch -1: no fetch session is created).

import {Reader, Writer} from '../codec.js'
import {readerFields, writerFields} from './fields.js'

export const FETCH_VERSIONS = {min: 4, max: 12} as const

export interface FetchRequest {
  maxWaitMs: number
  minBytes: number
  maxBytes: number
  topics: ReadonlyArray<{name: string; partitions: ReadonlyArray<{index: number; fetchOffset: bigint; partitionMaxBytes: number}>}>
}

export interface FetchPartitionResponse {
  index: number
  errorCode: number
  highWatermark: bigint
  /** Size of the record data returned (never kept: a probe has no use for records). */
  recordBytes: number
}

export interface FetchResponse {
  throttleTimeMs: number
  /** Top-level error (v7+, fetch sessions), 0 otherwise. */
  errorCode: number
  topics: Array<{name: string; partitions: FetchPartitionResponse[]}>
}

export function encodeFetchRequest(version: number, req: FetchRequest): Buffer {
  const w = new Writer(128)
  const f = writerFields(w, version >= 12)
  w.int32(-1) // replica_id: a consumer
  w.int32(req.maxWaitMs).int32(req.minBytes).int32(req.maxBytes)
  w.int8(0) // isolation_level: read uncommitted
  if (version >= 7) w.int32(0).int32(-1) // session_id 0 + epoch -1: sessionless full fetch
  f.array(req.topics, (topic) => {
    f.str(topic.name)
    f.array(topic.partitions, (p) => {
      w.int32(p.index)
      if (version >= 9) w.int32(-1) // current_leader_epoch: unknown
      w.int64(p.fetchOffset)
      if (version >= 12) w.int32(-1) // last_fetched_epoch
      if (version >= 5) w.int64(-1) // log_start_offset (followers only)
      w.int32(p.partitionMaxBytes)
      f.tags()
    })
    f.tags()
  })
  if (version >= 7) f.array([], () => {}) // forgotten topics
  if (version >= 11) f.str('') // rack_id
  f.tags()
  return w.toBuffer()
}

export function decodeFetchResponse(version: number): (r: Reader) => FetchResponse {
  return (r) => {
    const f = readerFields(r, version >= 12)
    const throttleTimeMs = r.int32()
    let errorCode = 0
    if (version >= 7) {
      errorCode = r.int16()
      r.int32() // session_id
    }
    const topics = f.array(() => {
      const name = f.str()
      const partitions = f.array(() => {
        const p = {index: r.int32(), errorCode: r.int16(), highWatermark: r.int64(), recordBytes: 0}
        r.int64() // last_stable_offset
        if (version >= 5) r.int64() // log_start_offset
        f.nullableArray(() => {
          r.int64()
          r.int64()
          f.tags()
        }, 16)
        if (version >= 11) r.int32() // preferred_read_replica
        p.recordBytes = f.nullableBytes()?.length ?? 0
        f.tags()
        return p
      }, 20)
      f.tags()
      return {name, partitions}
    }, 2)
    f.tags()
    return {throttleTimeMs, errorCode, topics}
  }
}
