// InitProducerId (key 22), v3..v5 (v2 first flexible; v3 producer_id/producer_epoch; v4/v5 error
// code changes only; v6 in Kafka 4.1+ adds two-phase-commit fields, not implemented).
//
// kdoctor sends it only as the IDEMPOTENT_WRITE probe, deliberately malformed: no transactional
// id, producer_id -1 with a producer_epoch that is not -1. The broker authorizes first
// (IDEMPOTENT_WRITE on the cluster, or WRITE on any topic since Kafka 2.8 / KIP-679:
// CLUSTER_AUTHORIZATION_FAILED when neither), then rejects the id/epoch pair as INVALID_REQUEST
// before the transaction coordinator is asked — so no producer id is ever allocated.

import {Reader, Writer} from '../codec.js'
import {readerFields, writerFields} from './fields.js'

export const INIT_PRODUCER_ID_VERSIONS = {min: 3, max: 5} as const

export interface InitProducerIdRequest {
  transactionalId: string | null
  transactionTimeoutMs: number
  producerId: bigint
  producerEpoch: number
}

export interface InitProducerIdResponse {
  throttleTimeMs: number
  errorCode: number
  producerId: bigint
  producerEpoch: number
}

export function encodeInitProducerIdRequest(version: number, req: InitProducerIdRequest): Buffer {
  const w = new Writer(32)
  const f = writerFields(w, version >= 2)
  f.nullableStr(req.transactionalId)
  w.int32(req.transactionTimeoutMs)
  w.int64(req.producerId).int16(req.producerEpoch)
  f.tags()
  return w.toBuffer()
}

export function decodeInitProducerIdResponse(version: number): (r: Reader) => InitProducerIdResponse {
  return (r) => {
    const out = {throttleTimeMs: r.int32(), errorCode: r.int16(), producerId: r.int64(), producerEpoch: r.int16()}
    readerFields(r, version >= 2).tags()
    return out
  }
}
