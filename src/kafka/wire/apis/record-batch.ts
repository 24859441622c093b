// A Kafka v2 record batch (magic 2) with one empty record, for permission probes only: the
// transactional flag makes a Produce request pass through the broker's transactional-id check.
// Layout from Kafka's DefaultRecordBatch: the CRC (CRC-32C) covers everything after itself.

import {Writer} from '../codec.js'

const CASTAGNOLI = 0x82f63b78
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ CASTAGNOLI : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32C (Castagnoli), the checksum of record batch v2. */
export function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (CRC32C_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

export const RECORD_BATCH_MAGIC = 2
export const TRANSACTIONAL_FLAG = 0x10

export interface ProbeBatchOptions {
  transactional: boolean
  /** -1 (no producer): were the batch ever validated, the broker would refuse it, never append it. */
  producerId?: bigint
  producerEpoch?: number
  timestampMs?: number
}

/** One record with null key, null value and no headers, in a batch of its own. */
export function encodeProbeRecordBatch(options: ProbeBatchOptions): Buffer {
  const record = new Writer(16)
  record.int8(0) // record attributes
  record.varint(0) // timestamp delta
  record.varint(0) // offset delta
  record.varint(-1) // key: null
  record.varint(-1) // value: null
  record.uvarint(0) // header count (varint 0 == uvarint 0)
  const recordBody = record.toBuffer()

  const afterCrc = new Writer(64)
  const timestamp = BigInt(options.timestampMs ?? 0)
  afterCrc.int16(options.transactional ? TRANSACTIONAL_FLAG : 0) // attributes: no compression, CreateTime
  afterCrc.int32(0) // last offset delta
  afterCrc.int64(timestamp) // base timestamp
  afterCrc.int64(timestamp) // max timestamp
  afterCrc.int64(options.producerId ?? -1n)
  afterCrc.int16(options.producerEpoch ?? -1)
  afterCrc.int32(-1) // base sequence
  afterCrc.int32(1) // record count
  afterCrc.varint(recordBody.length)
  afterCrc.raw(recordBody)
  const tail = afterCrc.toBuffer()

  const batch = new Writer(tail.length + 21)
  batch.int64(0) // base offset
  batch.int32(4 + 1 + 4 + tail.length) // batch length: partition leader epoch .. end
  batch.int32(-1) // partition leader epoch
  batch.int8(RECORD_BATCH_MAGIC)
  batch.uint32(crc32c(tail))
  batch.raw(tail)
  return batch.toBuffer()
}
