// Kafka framing over a socket someone else connected (net or tls): int32 length prefix,
// correlation ids, per-request timeouts, no retries, and bounded memory whatever the peer sends.

import type {Socket} from 'node:net'
import {apiName, ApiKey, requestHeaderVersion, responseHeaderVersion} from './api-keys.js'
import {Reader, Writer, readResponseHeader, writeRequestHeader} from './codec.js'
import {WireDecodeError, WireError, type ForeignBytes, type WireErrorKind} from './errors.js'
import {FIRST_RESPONSE_SANE_BYTES, isTlsBytes, sniffForeignBytes} from './sniff.js'
import {monotonicMs} from '../../core/clock.js'

export const DEFAULT_MAX_RESPONSE_BYTES = 100 * 1024 * 1024
export const EVIDENCE_BYTES = 64
const EXCHANGE_LOG_LIMIT = 32

export type Decoder<T> = (r: Reader) => T

export interface ProbeConnectionOptions {
  /** client_id in every request header; null sends a null client id. Default "kdoctor". */
  clientId?: string | null
  /** Largest reply frame we will buffer. Default 100 MiB. */
  maxResponseBytes?: number
  /** Debug/fixture hook: every complete reply frame, length prefix included. Replies hold no secrets. */
  onFrame?: (frame: {apiKey: number; apiVersion: number; bytes: Buffer}) => void
}

export interface SendOptions {
  timeoutMs: number
  /** Tighter cap for this one reply (e.g. 1 MiB for ApiVersions). */
  maxResponseBytes?: number
}

export interface WireReply<T> {
  value: T
  apiKey: number
  apiVersion: number
  correlationId: number
  /** Whole reply frame size, length prefix included. */
  frameBytes: number
  /** Hex of the first 64 bytes of the reply as received (length prefix included). */
  firstBytesHex: string
  durationMs: number
}

/** One line of the connection's evidence log (secret-free: replies only, never request bytes). */
export interface ExchangeRecord {
  api: string
  apiKey: number
  apiVersion: number
  correlationId: number
  durationMs: number
  frameBytes?: number
  firstBytesHex: string
  error?: WireErrorKind
}

interface Pending {
  apiKey: number
  apiVersion: number
  correlationId: number
  decode: Decoder<unknown>
  maxBytes: number
  startedAt: number
  timer: NodeJS.Timeout
  resolve: (reply: WireReply<unknown>) => void
  reject: (err: WireError) => void
}

export class ProbeConnection {
  readonly #socket: Socket
  readonly #clientId: string | null
  readonly #maxBytes: number
  readonly #onFrame: ProbeConnectionOptions['onFrame']
  #nextCorrelationId = 1
  // Kafka answers in request order, so the oldest pending request owns the next frame.
  readonly #pending: Pending[] = []
  // The reply currently arriving: its chunks, size so far, announced length, and first bytes.
  #chunks: Buffer[] = []
  #buffered = 0
  #frameLength: number | undefined
  #head = Buffer.alloc(0)
  #failure: WireError | undefined
  #socketErrorCode: string | undefined
  readonly #log: ExchangeRecord[] = []

  constructor(socket: Socket, options: ProbeConnectionOptions = {}) {
    this.#socket = socket
    this.#clientId = options.clientId === undefined ? 'kdoctor' : options.clientId
    this.#maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
    this.#onFrame = options.onFrame
    socket.setNoDelay?.(true)
    socket.on('data', (chunk: Buffer) => this.#onData(chunk))
    socket.on('error', (err: NodeJS.ErrnoException) => this.#onSocketError(err))
    socket.on('end', () => this.#onPeerClosed('peer closed the connection (FIN)'))
    socket.on('close', () => this.#onPeerClosed('connection closed'))
    if (socket.destroyed) this.#fail(this.#closedError('socket was already closed'))
  }

  get remoteAddress(): string | undefined {
    return this.#socket.remoteAddress
  }

  get remotePort(): number | undefined {
    return this.#socket.remotePort
  }

  /** Set once the connection is unusable; every later send rejects with it. */
  get failure(): WireError | undefined {
    return this.#failure
  }

  get isOpen(): boolean {
    return this.#failure === undefined && !this.#socket.destroyed
  }

  /** The last exchanges on this connection, oldest first (for evidence). */
  get exchanges(): readonly ExchangeRecord[] {
    return this.#log
  }

  /**
   * Send one request and wait for its reply. No retries. On timeout the connection is abandoned
   * (a late reply would desynchronise framing), so later sends fail fast.
   */
  send<T>(
    apiKey: ApiKey | number,
    apiVersion: number,
    body: Uint8Array,
    decode: Decoder<T>,
    options: SendOptions,
  ): Promise<WireReply<T>> {
    if (this.#failure) return Promise.reject(this.#failure)
    if (this.#socket.destroyed || !this.#socket.writable) {
      const err = this.#closedError('socket is not writable')
      this.#fail(err)
      return Promise.reject(err)
    }
    const correlationId = this.#nextCorrelationId
    this.#nextCorrelationId = correlationId >= 0x7fffffff ? 1 : correlationId + 1

    const w = new Writer(body.length + 64)
    w.int32(0) // length placeholder
    writeRequestHeader(w, {apiKey, apiVersion, correlationId, clientId: this.#clientId}, requestHeaderVersion(apiKey, apiVersion) === 2)
    w.raw(body)
    const frame = w.toBuffer()
    frame.writeInt32BE(frame.length - 4, 0)

    return new Promise<WireReply<T>>((resolve, reject) => {
      const startedAt = monotonicMs()
      const pending: Pending = {
        apiKey,
        apiVersion,
        correlationId,
        decode,
        maxBytes: Math.min(options.maxResponseBytes ?? this.#maxBytes, this.#maxBytes),
        startedAt,
        timer: setTimeout(() => this.#onTimeout(pending, options.timeoutMs), options.timeoutMs),
        resolve: resolve as (reply: WireReply<unknown>) => void,
        reject,
      }
      this.#pending.push(pending)
      this.#socket.write(frame)
    })
  }

  /** Close the socket; pending requests fail as `closed`. */
  close(): void {
    if (!this.#failure) this.#fail(this.#closedError('closed by kdoctor'))
    this.#socket.destroy()
  }

  // ---- incoming bytes ---------------------------------------------------------------------------

  #onData(chunk: Buffer): void {
    if (this.#failure) return
    if (this.#pending.length === 0) {
      this.#appendHead(chunk)
      const foreign = sniffForeignBytes(this.#head)
      this.#failAndDestroy(
        this.#error(isTlsBytes(foreign) ? 'tls-bytes' : 'garbage', `unsolicited ${chunk.length} bytes from the peer`, {foreign}),
      )
      return
    }
    this.#appendHead(chunk)
    this.#chunks.push(chunk)
    this.#buffered += chunk.length
    this.#drainFrames()
  }

  #appendHead(chunk: Buffer): void {
    if (this.#head.length < EVIDENCE_BYTES) {
      this.#head = Buffer.concat([this.#head, chunk.subarray(0, EVIDENCE_BYTES - this.#head.length)])
    }
  }

  #drainFrames(): void {
    while (!this.#failure) {
      const pending = this.#pending[0]
      if (!pending) return
      if (this.#frameLength === undefined) {
        if (this.#buffered < 4) return
        const length = this.#peekInt32()
        const refusal = this.#refuseLength(length, pending)
        if (refusal) {
          this.#failAndDestroy(refusal)
          return
        }
        this.#frameLength = length
      }
      const total = 4 + this.#frameLength
      if (this.#buffered < total) return
      const all = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks, this.#buffered)
      const frame = all.subarray(0, total)
      const rest = all.subarray(total)
      const head = this.#head.subarray(0, Math.min(total, EVIDENCE_BYTES))
      this.#chunks = rest.length > 0 ? [rest] : []
      this.#buffered = rest.length
      this.#frameLength = undefined
      this.#head = Buffer.from(rest.subarray(0, EVIDENCE_BYTES))
      this.#pending.shift()
      this.#completeExchange(pending, frame, head)
    }
  }

  #peekInt32(): number {
    const first = this.#chunks[0] as Buffer
    const four = first.length >= 4 ? first : Buffer.concat(this.#chunks, this.#buffered)
    return four.readInt32BE(0)
  }

  /** Decide, from the length prefix alone, whether this can be the reply we wait for. */
  #refuseLength(length: number, pending: Pending): WireError | undefined {
    const suspicious = length < 0 || length > FIRST_RESPONSE_SANE_BYTES
    const foreign = suspicious ? sniffForeignBytes(this.#head) : undefined
    if (isTlsBytes(foreign)) {
      return this.#error('tls-bytes', 'reply starts with a TLS record: the port speaks TLS', {foreign, pending})
    }
    if (foreign === 'http') return this.#error('garbage', 'reply starts with "HTTP": the port speaks HTTP', {foreign, pending})
    if (length < 0) return this.#error('garbage', `negative frame length ${length}`, {pending, frameLength: length})
    if (length < 4) return this.#error('garbage', `frame length ${length} cannot hold a correlation id`, {pending, frameLength: length})
    if (pending.apiKey === ApiKey.ApiVersions && length > FIRST_RESPONSE_SANE_BYTES) {
      return this.#error('oversized', `ApiVersions reply announces ${length} bytes (> 1 MiB): not a Kafka listener speaking plaintext`, {
        pending,
        frameLength: length,
        foreign: 'not-kafka-size',
      })
    }
    if (length > pending.maxBytes) {
      return this.#error('oversized', `reply announces ${length} bytes, above the ${pending.maxBytes}-byte cap`, {pending, frameLength: length})
    }
    return undefined
  }

  #completeExchange(pending: Pending, frame: Buffer, head: Buffer): void {
    clearTimeout(pending.timer)
    const durationMs = monotonicMs() - pending.startedAt
    const firstBytesHex = head.toString('hex')
    this.#onFrame?.({apiKey: pending.apiKey, apiVersion: pending.apiVersion, bytes: frame})
    const r = new Reader(frame, 4)
    let correlationId: number
    try {
      correlationId = readResponseHeader(r, responseHeaderVersion(pending.apiKey, pending.apiVersion) === 1).correlationId
    } catch (cause) {
      const err = this.#error('protocol', `unreadable response header: ${(cause as Error).message}`, {pending, head, frame, cause})
      this.#record(pending, err, frame.length)
      pending.reject(err)
      this.#failAndDestroy(err)
      return
    }
    if (correlationId !== pending.correlationId) {
      const err = this.#error('protocol', `correlation id ${correlationId} in reply, expected ${pending.correlationId}`, {pending, head, frame})
      this.#record(pending, err, frame.length)
      pending.reject(err)
      this.#failAndDestroy(err)
      return
    }
    let value: unknown
    try {
      value = pending.decode(r)
      if (r.remaining > 0) throw new WireDecodeError(`${r.remaining} bytes left after the response body`, r.offset)
    } catch (cause) {
      // Framing is intact, so the connection stays usable; only this exchange failed.
      const err = this.#error('protocol', `${apiName(pending.apiKey)} v${pending.apiVersion} reply does not decode: ${(cause as Error).message}`, {
        pending,
        head,
        frame,
        cause,
      })
      this.#record(pending, err, frame.length)
      pending.reject(err)
      return
    }
    this.#record(pending, undefined, frame.length, firstBytesHex, durationMs)
    pending.resolve({
      value,
      apiKey: pending.apiKey,
      apiVersion: pending.apiVersion,
      correlationId,
      frameBytes: frame.length,
      firstBytesHex,
      durationMs,
    })
  }

  // ---- failures --------------------------------------------------------------------------------

  #onTimeout(pending: Pending, timeoutMs: number): void {
    if (!this.#pending.includes(pending)) return
    const atHead = this.#pending[0] === pending
    const got = atHead ? this.#buffered : 0
    this.#failAndDestroy(
      this.#error('timeout', `no complete ${apiName(pending.apiKey)} reply within ${timeoutMs} ms (${got} bytes received)`, {pending}),
    )
  }

  #onSocketError(err: NodeJS.ErrnoException): void {
    this.#socketErrorCode = err.code
    if (this.#failure) return
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE') {
      this.#failAndDestroy(this.#error('reset', `connection reset by peer (${err.code})`, {cause: err}))
    } else {
      this.#failAndDestroy(this.#closedError(`socket error ${err.code ?? ''}: ${err.message}`.trim(), err))
    }
  }

  #onPeerClosed(what: string): void {
    if (this.#failure) return
    this.#failAndDestroy(this.#closedError(what))
  }

  /** "closed", unless the partial reply shows the peer spoke TLS or HTTP. */
  #closedError(what: string, cause?: unknown): WireError {
    const foreign = sniffForeignBytes(this.#head)
    const pending = this.#pending[0]
    const received = this.#buffered || this.#head.length
    if (isTlsBytes(foreign)) {
      return this.#error('tls-bytes', `${what} after sending TLS record bytes: the port speaks TLS`, {foreign, pending, cause})
    }
    if (foreign === 'http') return this.#error('garbage', `${what} after sending HTTP`, {foreign, pending, cause})
    const partial = received > 0 ? ` after ${received} of ${this.#frameLength === undefined ? '?' : this.#frameLength + 4} reply bytes` : ' before any reply'
    return this.#error('closed', `${what}${pending ? partial : ''}`, {pending, cause})
  }

  #error(
    kind: WireErrorKind,
    message: string,
    extra: {
      pending?: Pending | undefined
      foreign?: ForeignBytes | undefined
      frameLength?: number
      /** The complete frame, when the error is about one (protocol errors). */
      frame?: Buffer
      head?: Buffer
      cause?: unknown
    },
  ): WireError {
    const head = extra.head ?? this.#head
    const p = extra.pending
    return new WireError(
      {
        kind,
        message,
        bytesReceived: extra.frame ? extra.frame.length : Math.max(this.#buffered, head.length),
        firstBytesHex: head.toString('hex'),
        ...(extra.foreign !== undefined && {foreign: extra.foreign}),
        ...(extra.frameLength !== undefined && {frameLength: extra.frameLength}),
        ...(this.#socketErrorCode !== undefined && {code: this.#socketErrorCode}),
        ...(p && {apiKey: p.apiKey, apiVersion: p.apiVersion, elapsedMs: monotonicMs() - p.startedAt}),
      },
      extra.cause === undefined ? undefined : {cause: extra.cause},
    )
  }

  #failAndDestroy(err: WireError): void {
    this.#fail(err)
    this.#socket.destroy()
  }

  #fail(err: WireError): void {
    if (this.#failure) return
    this.#failure = err
    const pending = this.#pending.splice(0)
    for (const p of pending) {
      clearTimeout(p.timer)
      this.#record(p, err)
      p.reject(err)
    }
    // Drop any partial frame: memory goes back to the GC right away.
    this.#chunks = []
    this.#buffered = 0
  }

  #record(p: Pending, err: WireError | undefined, frameBytes?: number, firstBytesHex?: string, durationMs?: number): void {
    this.#log.push({
      api: apiName(p.apiKey),
      apiKey: p.apiKey,
      apiVersion: p.apiVersion,
      correlationId: p.correlationId,
      durationMs: durationMs ?? monotonicMs() - p.startedAt,
      ...(frameBytes !== undefined && {frameBytes}),
      firstBytesHex: firstBytesHex ?? err?.firstBytesHex ?? '',
      ...(err && {error: err.kind}),
    })
    if (this.#log.length > EXCHANGE_LOG_LIMIT) this.#log.shift()
  }
}
