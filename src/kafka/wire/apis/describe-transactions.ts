// DescribeTransactions (key 65), v0 only, flexible (Kafka 3.0+, KIP-664). The broker checks
// DESCRIBE on each transactional id before asking the coordinator
// (TRANSACTIONAL_ID_AUTHORIZATION_FAILED), and it never creates the transaction state topic —
// unlike FindCoordinator, which would.

import {Reader, Writer} from '../codec.js'
import {readerFields, writerFields} from './fields.js'

export const DESCRIBE_TRANSACTIONS_VERSIONS = {min: 0, max: 0} as const

export interface TransactionStateResult {
  errorCode: number
  transactionalId: string
  transactionState: string
  producerId: bigint
}

export function encodeDescribeTransactionsRequest(_version: number, req: {transactionalIds: readonly string[]}): Buffer {
  const w = new Writer(64)
  const f = writerFields(w, true)
  f.array(req.transactionalIds, (id) => f.str(id))
  f.tags()
  return w.toBuffer()
}

export function decodeDescribeTransactionsResponse(_version: number): (r: Reader) => {throttleTimeMs: number; states: TransactionStateResult[]} {
  return (r) => {
    const f = readerFields(r, true)
    const throttleTimeMs = r.int32()
    const states = f.array((): TransactionStateResult => {
      const errorCode = r.int16()
      const transactionalId = f.str()
      const transactionState = f.str()
      r.int32() // transaction_timeout_ms
      r.int64() // transaction_start_time_ms
      const producerId = r.int64()
      r.int16() // producer_epoch
      f.array(() => {
        f.str()
        f.array(() => r.int32(), 4)
        f.tags()
      }, 3)
      f.tags()
      return {errorCode, transactionalId, transactionState, producerId}
    }, 27)
    f.tags()
    return {throttleTimeMs, states}
  }
}
