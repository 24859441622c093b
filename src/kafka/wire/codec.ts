// Kafka primitive types (https://kafka.apache.org/protocol#protocol_types) and message headers.
// "Compact" types are the flexible-version encodings: uvarint length + 1, 0 meaning null.

import {WireDecodeError} from './errors.js'

const INT32_MAX = 0x7fffffff

/** A growable big-endian buffer writer. */
export class Writer {
  #buf: Buffer
  #len = 0

  constructor(initialSize = 256) {
    this.#buf = Buffer.alloc(initialSize)
  }

  get length(): number {
    return this.#len
  }

  /** Grows the buffer and returns the write offset. Call it before touching #buf: it may replace #buf. */
  #reserve(n: number): number {
    const need = this.#len + n
    if (need > this.#buf.length) {
      const next = Buffer.alloc(Math.max(need, this.#buf.length * 2))
      this.#buf.copy(next, 0, 0, this.#len)
      this.#buf = next
    }
    const at = this.#len
    this.#len = need
    return at
  }

  int8(v: number): this {
    const at = this.#reserve(1)
    this.#buf.writeInt8(v, at)
    return this
  }

  bool(v: boolean): this {
    return this.int8(v ? 1 : 0)
  }

  int16(v: number): this {
    const at = this.#reserve(2)
    this.#buf.writeInt16BE(v, at)
    return this
  }

  int32(v: number): this {
    const at = this.#reserve(4)
    this.#buf.writeInt32BE(v, at)
    return this
  }

  uint32(v: number): this {
    const at = this.#reserve(4)
    this.#buf.writeUInt32BE(v, at)
    return this
  }

  int64(v: bigint | number): this {
    const at = this.#reserve(8)
    this.#buf.writeBigInt64BE(BigInt(v), at)
    return this
  }

  /** Unsigned LEB128, 32-bit range. */
  uvarint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`uvarint out of range: ${v}`)
    let rest = v
    while (rest >= 0x80) {
      const at = this.#reserve(1)
      this.#buf.writeUInt8((rest & 0x7f) | 0x80, at)
      rest = Math.floor(rest / 128)
    }
    const at = this.#reserve(1)
    this.#buf.writeUInt8(rest, at)
    return this
  }

  /** Zig-zag signed varint, 32-bit range. */
  varint(v: number): this {
    if (!Number.isInteger(v) || v < -0x80000000 || v > INT32_MAX) throw new RangeError(`varint out of range: ${v}`)
    return this.uvarint(((v << 1) ^ (v >> 31)) >>> 0)
  }

  raw(bytes: Uint8Array): this {
    const at = this.#reserve(bytes.length)
    this.#buf.set(bytes, at)
    return this
  }

  /** int16 length + UTF-8. */
  string(s: string): this {
    const b = Buffer.from(s, 'utf8')
    if (b.length > 0x7fff) throw new RangeError('string longer than 32767 bytes')
    return this.int16(b.length).raw(b)
  }

  nullableString(s: string | null): this {
    return s === null ? this.int16(-1) : this.string(s)
  }

  compactString(s: string): this {
    const b = Buffer.from(s, 'utf8')
    return this.uvarint(b.length + 1).raw(b)
  }

  compactNullableString(s: string | null): this {
    return s === null ? this.uvarint(0) : this.compactString(s)
  }

  /** int32 length + raw bytes. */
  bytes(b: Uint8Array): this {
    return this.int32(b.length).raw(b)
  }

  nullableBytes(b: Uint8Array | null): this {
    return b === null ? this.int32(-1) : this.bytes(b)
  }

  compactBytes(b: Uint8Array): this {
    return this.uvarint(b.length + 1).raw(b)
  }

  compactNullableBytes(b: Uint8Array | null): this {
    return b === null ? this.uvarint(0) : this.compactBytes(b)
  }

  array<T>(items: readonly T[], write: (w: this, item: T) => void): this {
    this.int32(items.length)
    for (const item of items) write(this, item)
    return this
  }

  nullableArray<T>(items: readonly T[] | null, write: (w: this, item: T) => void): this {
    return items === null ? this.int32(-1) : this.array(items, write)
  }

  compactArray<T>(items: readonly T[], write: (w: this, item: T) => void): this {
    this.uvarint(items.length + 1)
    for (const item of items) write(this, item)
    return this
  }

  compactNullableArray<T>(items: readonly T[] | null, write: (w: this, item: T) => void): this {
    return items === null ? this.uvarint(0) : this.compactArray(items, write)
  }

  /** 16 raw bytes. Accepts a Buffer, 32 hex digits, or Kafka's 22-char base64url form. */
  uuid(id: Uint8Array | string): this {
    const b = typeof id === 'string' ? uuidBytes(id) : Buffer.from(id)
    if (b.length !== 16) throw new RangeError('uuid must be 16 bytes')
    return this.raw(b)
  }

  /** Tagged-field section. We never send tagged fields, but the shape is general. */
  taggedFields(fields: ReadonlyArray<{tag: number; data: Uint8Array}> = []): this {
    this.uvarint(fields.length)
    for (const f of [...fields].sort((a, b) => a.tag - b.tag)) {
      this.uvarint(f.tag).uvarint(f.data.length).raw(f.data)
    }
    return this
  }

  toBuffer(): Buffer {
    return Buffer.from(this.#buf.subarray(0, this.#len))
  }
}

/** Kafka prints UUIDs as 22-char base64url; the all-zero UUID means "no id". */
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA'

function uuidBytes(id: string): Buffer {
  if (/^[0-9a-fA-F]{32}$/.test(id.replaceAll('-', ''))) return Buffer.from(id.replaceAll('-', ''), 'hex')
  return Buffer.from(id, 'base64url')
}

/**
 * A bounds-checked big-endian reader. Every read checks the remaining length first and throws
 * WireDecodeError instead of reading past the end; lengths are validated before any allocation.
 */
export class Reader {
  #off: number

  constructor(
    readonly buf: Buffer,
    offset = 0,
  ) {
    this.#off = offset
  }

  get offset(): number {
    return this.#off
  }

  get remaining(): number {
    return this.buf.length - this.#off
  }

  #take(n: number, what: string): number {
    if (n < 0 || this.#off + n > this.buf.length) {
      throw new WireDecodeError(
        `truncated: ${what} needs ${n} bytes at offset ${this.#off}, ${this.remaining} left`,
        this.#off,
      )
    }
    const at = this.#off
    this.#off += n
    return at
  }

  int8(): number {
    return this.buf.readInt8(this.#take(1, 'int8'))
  }

  bool(): boolean {
    return this.int8() !== 0
  }

  int16(): number {
    return this.buf.readInt16BE(this.#take(2, 'int16'))
  }

  int32(): number {
    return this.buf.readInt32BE(this.#take(4, 'int32'))
  }

  uint32(): number {
    return this.buf.readUInt32BE(this.#take(4, 'uint32'))
  }

  int64(): bigint {
    return this.buf.readBigInt64BE(this.#take(8, 'int64'))
  }

  uvarint(): number {
    const start = this.#off
    let value = 0
    let factor = 1
    for (let i = 0; i < 5; i++) {
      const byte = this.buf.readUInt8(this.#take(1, 'uvarint'))
      value += (byte & 0x7f) * factor
      if ((byte & 0x80) === 0) {
        if (value > 0xffffffff) throw new WireDecodeError('uvarint exceeds 32 bits', start)
        return value
      }
      factor *= 128
    }
    throw new WireDecodeError('uvarint longer than 5 bytes', start)
  }

  varint(): number {
    const u = this.uvarint()
    return (u >>> 1) ^ -(u & 1)
  }

  raw(n: number): Buffer {
    const at = this.#take(n, 'bytes')
    return this.buf.subarray(at, at + n)
  }

  skip(n: number): void {
    this.#take(n, 'skip')
  }

  #utf8(n: number): string {
    return this.raw(n).toString('utf8')
  }

  string(): string {
    const s = this.nullableString()
    if (s === null) throw new WireDecodeError('null where a string is required', this.#off - 2)
    return s
  }

  nullableString(): string | null {
    const at = this.#off
    const n = this.int16()
    if (n === -1) return null
    if (n < -1) throw new WireDecodeError(`negative string length ${n}`, at)
    return this.#utf8(n)
  }

  compactString(): string {
    const at = this.#off
    const s = this.compactNullableString()
    if (s === null) throw new WireDecodeError('null where a compact string is required', at)
    return s
  }

  compactNullableString(): string | null {
    const n = this.uvarint()
    return n === 0 ? null : this.#utf8(n - 1)
  }

  bytes(): Buffer {
    const at = this.#off
    const b = this.nullableBytes()
    if (b === null) throw new WireDecodeError('null where bytes are required', at)
    return b
  }

  nullableBytes(): Buffer | null {
    const at = this.#off
    const n = this.int32()
    if (n === -1) return null
    if (n < -1) throw new WireDecodeError(`negative bytes length ${n}`, at)
    return this.raw(n)
  }

  compactBytes(): Buffer {
    const at = this.#off
    const b = this.compactNullableBytes()
    if (b === null) throw new WireDecodeError('null where compact bytes are required', at)
    return b
  }

  compactNullableBytes(): Buffer | null {
    const n = this.uvarint()
    return n === 0 ? null : this.raw(n - 1)
  }

  // An element takes at least one byte, so a count above `remaining` is a lie: refuse it before
  // looping, so a forged count of 2^31 costs nothing.
  #checkCount(count: number, at: number, minElementBytes: number): void {
    if (count * minElementBytes > this.remaining) {
      throw new WireDecodeError(`array count ${count} exceeds the ${this.remaining} bytes left`, at)
    }
  }

  array<T>(read: (r: this) => T, minElementBytes = 1): T[] {
    const at = this.#off
    const a = this.nullableArray(read, minElementBytes)
    if (a === null) throw new WireDecodeError('null where an array is required', at)
    return a
  }

  nullableArray<T>(read: (r: this) => T, minElementBytes = 1): T[] | null {
    const at = this.#off
    const n = this.int32()
    if (n === -1) return null
    if (n < -1) throw new WireDecodeError(`negative array length ${n}`, at)
    this.#checkCount(n, at, minElementBytes)
    const out: T[] = []
    for (let i = 0; i < n; i++) out.push(read(this))
    return out
  }

  compactArray<T>(read: (r: this) => T, minElementBytes = 1): T[] {
    const at = this.#off
    const a = this.compactNullableArray(read, minElementBytes)
    if (a === null) throw new WireDecodeError('null where a compact array is required', at)
    return a
  }

  compactNullableArray<T>(read: (r: this) => T, minElementBytes = 1): T[] | null {
    const at = this.#off
    const n = this.uvarint()
    if (n === 0) return null
    this.#checkCount(n - 1, at, minElementBytes)
    const out: T[] = []
    for (let i = 0; i < n - 1; i++) out.push(read(this))
    return out
  }

  /**
   * An array (int32 count, or uvarint count + 1 when `compact`) of which only the first `keep`
   * elements are decoded into memory; the rest are passed over with `skip`, which must not
   * allocate. `count` is what the peer announced, so the caller can say what it left out.
   */
  boundedArray<T>(compact: boolean, read: (r: this) => T, skip: (r: this) => void, keep: number, minElementBytes = 1): {items: T[]; count: number} {
    const at = this.#off
    const raw = compact ? this.uvarint() - 1 : this.int32()
    if (raw < 0) throw new WireDecodeError(raw === -1 ? 'null where an array is required' : `negative array length ${raw}`, at)
    this.#checkCount(raw, at, minElementBytes)
    const items: T[] = []
    for (let i = 0; i < raw; i++) {
      if (i < keep) items.push(read(this))
      else skip(this)
    }
    return {items, count: raw}
  }

  /** Passes over an array of fixed-size elements without decoding it. */
  skipArray(compact: boolean, elementBytes: number): void {
    const at = this.#off
    const raw = compact ? this.uvarint() - 1 : this.int32()
    if (raw === -1) return
    if (raw < -1) throw new WireDecodeError(`negative array length ${raw}`, at)
    this.skip(raw * elementBytes)
  }

  /** Passes over a string (int16 length, or compact) without decoding it. */
  skipString(compact: boolean): void {
    const at = this.#off
    const n = compact ? this.uvarint() - 1 : this.int16()
    if (n < -1) throw new WireDecodeError(`negative string length ${n}`, at)
    if (n > 0) this.skip(n)
  }

  /** 16 bytes, returned in Kafka's display form (22-char base64url). */
  uuid(): string {
    return this.raw(16).toString('base64url')
  }

  /**
   * A tagged-field section. Tags with a handler are decoded from a sub-reader limited to the
   * field's size (a handler cannot over-read into the next field); all others are skipped.
   * Returns the tags seen, for evidence.
   */
  taggedFields(handlers: Readonly<Record<number, (r: Reader) => void>> = {}): number[] {
    const count = this.uvarint()
    this.#checkCount(count, this.#off, 2)
    const seen: number[] = []
    for (let i = 0; i < count; i++) {
      const tag = this.uvarint()
      const size = this.uvarint()
      const data = this.raw(size)
      seen.push(tag)
      const handle = handlers[tag]
      if (handle) handle(new Reader(data))
    }
    return seen
  }
}

// ---- headers ----------------------------------------------------------------------------------

export interface RequestHeader {
  apiKey: number
  apiVersion: number
  correlationId: number
  clientId: string | null
}

/**
 * Request header v1 (non-flexible) or v2 (flexible: adds a tagged-field section).
 * client_id stays an int16-length string even in v2, so any broker can read the header.
 */
export function writeRequestHeader(w: Writer, h: RequestHeader, flexible: boolean): Writer {
  w.int16(h.apiKey).int16(h.apiVersion).int32(h.correlationId).nullableString(h.clientId)
  if (flexible) w.taggedFields()
  return w
}

export function readRequestHeader(r: Reader, flexible: boolean): RequestHeader {
  const h = {apiKey: r.int16(), apiVersion: r.int16(), correlationId: r.int32(), clientId: r.nullableString()}
  if (flexible) r.taggedFields()
  return h
}

/** Response header v0 (correlation id) or v1 (plus tagged fields). */
export function readResponseHeader(r: Reader, flexible: boolean): {correlationId: number} {
  const correlationId = r.int32()
  if (flexible) r.taggedFields()
  return {correlationId}
}

export function writeResponseHeader(w: Writer, correlationId: number, flexible: boolean): Writer {
  w.int32(correlationId)
  if (flexible) w.taggedFields()
  return w
}
