// Send arbitrary bytes on a connected socket and classify what comes back, without Kafka framing.
// Used to try "the other protocol" on a port: a TLS ClientHello at a plaintext listener, or
// plaintext Kafka bytes at a TLS one. Reads at most `maxBytes`, so memory stays bounded.

import type {Socket} from 'node:net'
import type {ForeignBytes} from './errors.js'
import {EVIDENCE_BYTES} from './connection.js'
import {sniffForeignBytes} from './sniff.js'
import {monotonicMs} from '../../core/clock.js'

export interface RawExchangeResult {
  /** How the exchange ended: peer closed (FIN), reset, nothing within the time, or we got enough. */
  outcome: 'closed' | 'reset' | 'timeout' | 'data'
  bytesReceived: number
  firstBytesHex: string
  foreign?: ForeignBytes
  /** When the first 4 bytes read as a Kafka length prefix, that length. */
  lengthPrefix?: number
  code?: string
  durationMs: number
}

/** The socket is destroyed afterwards: whatever the peer thinks now, it is no use to us. */
export function rawExchange(
  socket: Socket,
  payload: Uint8Array,
  options: {timeoutMs: number; maxBytes?: number},
): Promise<RawExchangeResult> {
  const maxBytes = options.maxBytes ?? EVIDENCE_BYTES
  const started = monotonicMs()
  let head = Buffer.alloc(0)
  let received = 0
  return new Promise((resolve) => {
    let settled = false
    const finish = (outcome: RawExchangeResult['outcome'], code?: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      const foreign = sniffForeignBytes(head)
      resolve({
        outcome,
        bytesReceived: received,
        firstBytesHex: head.toString('hex'),
        ...(foreign !== undefined && {foreign}),
        ...(head.length >= 4 && {lengthPrefix: head.readInt32BE(0)}),
        ...(code !== undefined && {code}),
        durationMs: monotonicMs() - started,
      })
    }
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs)
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (head.length < EVIDENCE_BYTES) head = Buffer.concat([head, chunk.subarray(0, EVIDENCE_BYTES - head.length)])
      if (received >= maxBytes) finish('data')
    })
    socket.on('error', (err: NodeJS.ErrnoException) => finish(err.code === 'ECONNRESET' || err.code === 'EPIPE' ? 'reset' : 'closed', err.code))
    socket.on('end', () => finish('closed'))
    socket.on('close', () => finish('closed'))
    socket.write(payload)
  })
}
