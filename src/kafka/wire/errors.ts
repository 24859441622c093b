// Typed failures of the wire layer. Checks switch on `kind`, never on message text.
// Nothing here ever holds request bytes: requests may carry credentials, replies never do.

/** A byte buffer did not contain what the schema says it should (truncated, bad length, bad varint). */
export class WireDecodeError extends Error {
  override readonly name = 'WireDecodeError'
  constructor(
    message: string,
    /** Byte offset inside the buffer being decoded where the problem was found. */
    readonly offset: number,
  ) {
    super(message)
  }
}

/**
 * How a request/response exchange failed.
 * - closed: the peer closed before a full answer arrived
 * - timeout: no full answer within the per-request time limit
 * - reset: ECONNRESET / EPIPE, the peer aborted the connection
 * - oversized: the length prefix is larger than we are willing to read (never allocated)
 * - tls-bytes: TLS record bytes arrived on what we treat as plaintext Kafka
 * - garbage: bytes that cannot be a Kafka response (HTTP, negative length, unsolicited data)
 * - protocol: a Kafka frame arrived but does not decode as the expected response
 */
export type WireErrorKind = 'closed' | 'timeout' | 'reset' | 'oversized' | 'tls-bytes' | 'garbage' | 'protocol'

/** What the first reply bytes look like, when they are recognisably not Kafka. */
export type ForeignBytes = 'tls-alert' | 'tls-handshake' | 'tls-record' | 'http' | 'not-kafka-size'

/** Secret-free, JSON-friendly facts about a failed exchange (goes into Finding.evidence). */
export interface WireErrorInfo {
  kind: WireErrorKind
  message: string
  /** Bytes of the reply received before the failure (0 when the peer sent nothing). */
  bytesReceived: number
  /** Hex of up to the first 64 reply bytes. */
  firstBytesHex: string
  /** Set when the bytes were recognised as another protocol. */
  foreign?: ForeignBytes
  /** The length prefix that was refused, for `oversized`. */
  frameLength?: number
  /** Node's error code (ECONNRESET, EPIPE, ...), when the socket reported one. */
  code?: string
  apiKey?: number
  apiVersion?: number
  elapsedMs?: number
}

export class WireError extends Error {
  override readonly name = 'WireError'
  readonly kind: WireErrorKind
  readonly bytesReceived: number
  readonly firstBytesHex: string
  readonly foreign?: ForeignBytes
  readonly frameLength?: number
  readonly code?: string
  readonly apiKey?: number
  readonly apiVersion?: number
  readonly elapsedMs?: number

  constructor(info: WireErrorInfo, options?: {cause?: unknown}) {
    super(info.message, options)
    this.kind = info.kind
    this.bytesReceived = info.bytesReceived
    this.firstBytesHex = info.firstBytesHex
    if (info.foreign !== undefined) this.foreign = info.foreign
    if (info.frameLength !== undefined) this.frameLength = info.frameLength
    if (info.code !== undefined) this.code = info.code
    if (info.apiKey !== undefined) this.apiKey = info.apiKey
    if (info.apiVersion !== undefined) this.apiVersion = info.apiVersion
    if (info.elapsedMs !== undefined) this.elapsedMs = info.elapsedMs
  }

  toInfo(): WireErrorInfo {
    const info: WireErrorInfo = {
      kind: this.kind,
      message: this.message,
      bytesReceived: this.bytesReceived,
      firstBytesHex: this.firstBytesHex,
    }
    if (this.foreign !== undefined) info.foreign = this.foreign
    if (this.frameLength !== undefined) info.frameLength = this.frameLength
    if (this.code !== undefined) info.code = this.code
    if (this.apiKey !== undefined) info.apiKey = this.apiKey
    if (this.apiVersion !== undefined) info.apiVersion = this.apiVersion
    if (this.elapsedMs !== undefined) info.elapsedMs = this.elapsedMs
    return info
  }

  toJSON(): WireErrorInfo {
    return this.toInfo()
  }
}

/** No version of an API is both implemented here and accepted by the broker (e.g. KIP-896 removals). */
export class NoCommonVersionError extends Error {
  override readonly name = 'NoCommonVersionError'
  constructor(
    readonly apiKey: number,
    readonly apiName: string,
    readonly ours: {min: number; max: number},
    readonly broker: {min: number; max: number} | undefined,
  ) {
    super(
      broker === undefined
        ? `broker does not offer ${apiName} (key ${apiKey})`
        : `no common ${apiName} version: we speak ${ours.min}-${ours.max}, broker ${broker.min}-${broker.max}`,
    )
  }
}
