import assert from 'node:assert/strict'
import {randomBytes} from 'node:crypto'
import {describe, it} from 'node:test'
import {
  Reader,
  WireDecodeError,
  Writer,
  ZERO_UUID,
  readRequestHeader,
  readResponseHeader,
  writeRequestHeader,
  writeResponseHeader,
} from '../../../src/kafka/wire/index.js'

const roundTrip = <T>(write: (w: Writer) => void, read: (r: Reader) => T): {value: T; bytes: Buffer; rest: number} => {
  const w = new Writer(1) // tiny initial size: exercises growth
  write(w)
  const bytes = w.toBuffer()
  const r = new Reader(bytes)
  const value = read(r)
  return {value, bytes, rest: r.remaining}
}

describe('codec primitives', () => {
  it('round-trips fixed-width integers at their limits', () => {
    for (const v of [-128, -1, 0, 1, 127]) assert.equal(roundTrip((w) => w.int8(v), (r) => r.int8()).value, v)
    for (const v of [-32768, -1, 0, 32767]) assert.equal(roundTrip((w) => w.int16(v), (r) => r.int16()).value, v)
    for (const v of [-2147483648, -1, 0, 2147483647]) assert.equal(roundTrip((w) => w.int32(v), (r) => r.int32()).value, v)
    for (const v of [-(2n ** 63n), -1n, 0n, 2n ** 63n - 1n]) assert.equal(roundTrip((w) => w.int64(v), (r) => r.int64()).value, v)
    assert.equal(roundTrip((w) => w.uint32(0xffffffff), (r) => r.uint32()).value, 0xffffffff)
    assert.equal(roundTrip((w) => w.bool(true), (r) => r.bool()).value, true)
  })

  it('encodes unsigned varints as LEB128 and round-trips the 32-bit range', () => {
    assert.deepEqual(roundTrip((w) => w.uvarint(0), (r) => r.uvarint()).bytes, Buffer.from([0]))
    assert.deepEqual(roundTrip((w) => w.uvarint(127), (r) => r.uvarint()).bytes, Buffer.from([0x7f]))
    assert.deepEqual(roundTrip((w) => w.uvarint(128), (r) => r.uvarint()).bytes, Buffer.from([0x80, 0x01]))
    assert.deepEqual(roundTrip((w) => w.uvarint(300), (r) => r.uvarint()).bytes, Buffer.from([0xac, 0x02]))
    for (const v of [0, 1, 127, 128, 16383, 16384, 2 ** 21, 2 ** 28, 2 ** 31, 0xffffffff]) {
      const {value, bytes} = roundTrip((w) => w.uvarint(v), (r) => r.uvarint())
      assert.equal(value, v)
      assert.ok(bytes.length <= 5)
    }
  })

  it('zig-zags signed varints', () => {
    assert.deepEqual(roundTrip((w) => w.varint(-1), (r) => r.varint()).bytes, Buffer.from([0x01]))
    assert.deepEqual(roundTrip((w) => w.varint(1), (r) => r.varint()).bytes, Buffer.from([0x02]))
    for (const v of [0, -1, 1, -64, 64, -2147483648, 2147483647]) assert.equal(roundTrip((w) => w.varint(v), (r) => r.varint()).value, v)
  })

  it('round-trips classic and compact strings, null included', () => {
    for (const s of ['', 'kdoctor', 'naïve ✓ 日本']) {
      assert.equal(roundTrip((w) => w.string(s), (r) => r.string()).value, s)
      assert.equal(roundTrip((w) => w.compactString(s), (r) => r.compactString()).value, s)
    }
    assert.deepEqual(roundTrip((w) => w.nullableString(null), (r) => r.nullableString()).bytes, Buffer.from([0xff, 0xff]))
    assert.deepEqual(roundTrip((w) => w.compactNullableString(null), (r) => r.compactNullableString()).bytes, Buffer.from([0]))
    assert.equal(roundTrip((w) => w.compactNullableString(null), (r) => r.compactNullableString()).value, null)
    // compact length is N+1
    assert.deepEqual(roundTrip((w) => w.compactString('ab'), (r) => r.compactString()).bytes, Buffer.from([3, 0x61, 0x62]))
  })

  it('round-trips bytes and compact bytes', () => {
    const b = randomBytes(300)
    assert.deepEqual(roundTrip((w) => w.bytes(b), (r) => r.bytes()).value, b)
    assert.deepEqual(roundTrip((w) => w.compactBytes(b), (r) => r.compactBytes()).value, b)
    assert.equal(roundTrip((w) => w.nullableBytes(null), (r) => r.nullableBytes()).value, null)
    assert.equal(roundTrip((w) => w.compactNullableBytes(null), (r) => r.compactNullableBytes()).value, null)
  })

  it('round-trips arrays and compact arrays, null included', () => {
    const items = [1, -2, 3]
    assert.deepEqual(roundTrip((w) => w.array(items, (x, v) => x.int32(v)), (r) => r.array((x) => x.int32(), 4)).value, items)
    assert.deepEqual(roundTrip((w) => w.compactArray(items, (x, v) => x.int32(v)), (r) => r.compactArray((x) => x.int32(), 4)).value, items)
    assert.equal(roundTrip((w) => w.nullableArray(null, (x, v: number) => x.int32(v)), (r) => r.nullableArray((x) => x.int32())).value, null)
    assert.equal(roundTrip((w) => w.compactNullableArray(null, (x, v: number) => x.int32(v)), (r) => r.compactNullableArray((x) => x.int32())).value, null)
    assert.deepEqual(roundTrip((w) => w.compactArray([], (x, v: number) => x.int32(v)), (r) => r.compactArray((x) => x.int32())).bytes, Buffer.from([1]))
  })

  it('round-trips UUIDs in Kafka display form', () => {
    const id = randomBytes(16)
    const {value} = roundTrip((w) => w.uuid(id), (r) => r.uuid())
    assert.equal(value, id.toString('base64url'))
    assert.equal(value.length, 22)
    assert.equal(roundTrip((w) => w.uuid(value), (r) => r.uuid()).value, value)
    assert.equal(roundTrip((w) => w.uuid(ZERO_UUID), (r) => r.uuid()).value, ZERO_UUID)
    assert.equal(roundTrip((w) => w.uuid('00000000-0000-0000-0000-000000000001'), (r) => r.raw(16).toString('hex')).value, '00000000000000000000000000000001')
  })

  it('skips unknown tagged fields and decodes known ones from a bounded sub-reader', () => {
    const {value, rest} = roundTrip(
      (w) => {
        w.taggedFields([
          {tag: 7, data: Buffer.from([1, 2, 3])},
          {tag: 0, data: new Writer().int32(42).toBuffer()},
        ])
        w.int8(9)
      },
      (r) => {
        let got = 0
        const seen = r.taggedFields({0: (t) => (got = t.int32())})
        return {got, seen, after: r.int8()}
      },
    )
    assert.deepEqual(value, {got: 42, seen: [0, 7], after: 9})
    assert.equal(rest, 0)
    // a handler that reads past its field's size fails instead of eating the next field
    const bytes = new Writer().taggedFields([{tag: 1, data: Buffer.from([1, 2])}]).int32(5).toBuffer()
    assert.throws(() => new Reader(bytes).taggedFields({1: (t) => t.int32()}), WireDecodeError)
  })

  it('writes and reads request headers v1 and v2, and response headers v0 and v1', () => {
    const h = {apiKey: 18, apiVersion: 3, correlationId: 7, clientId: 'kdoctor'}
    const v1 = writeRequestHeader(new Writer(), h, false).toBuffer()
    const v2 = writeRequestHeader(new Writer(), h, true).toBuffer()
    assert.equal(v1.toString('hex'), '001200030000000700076b646f63746f72')
    assert.equal(v2.toString('hex'), `${v1.toString('hex')}00`) // client_id stays int16-length; tagged section added
    assert.deepEqual(readRequestHeader(new Reader(v1), false), h)
    assert.deepEqual(readRequestHeader(new Reader(v2), true), h)
    assert.deepEqual(readRequestHeader(new Reader(writeRequestHeader(new Writer(), {...h, clientId: null}, false).toBuffer()), false).clientId, null)
    assert.equal(readResponseHeader(new Reader(writeResponseHeader(new Writer(), 99, false).toBuffer()), false).correlationId, 99)
    const r1 = new Reader(writeResponseHeader(new Writer(), 99, true).toBuffer())
    assert.equal(readResponseHeader(r1, true).correlationId, 99)
    assert.equal(r1.remaining, 0)
  })

  it('refuses values the wire cannot carry', () => {
    assert.throws(() => new Writer().uvarint(-1), RangeError)
    assert.throws(() => new Writer().uvarint(2 ** 32), RangeError)
    assert.throws(() => new Writer().varint(2 ** 31), RangeError)
    assert.throws(() => new Writer().string('x'.repeat(40000)), RangeError)
  })
})

describe('codec refuses bad input with WireDecodeError', () => {
  const decodeError = (fn: () => unknown) => assert.throws(fn, WireDecodeError)

  it('on truncation of every primitive', () => {
    decodeError(() => new Reader(Buffer.alloc(0)).int8())
    decodeError(() => new Reader(Buffer.alloc(1)).int16())
    decodeError(() => new Reader(Buffer.alloc(3)).int32())
    decodeError(() => new Reader(Buffer.alloc(7)).int64())
    decodeError(() => new Reader(Buffer.from([0x80])).uvarint())
    decodeError(() => new Reader(Buffer.from([0, 5, 0x61])).string())
    decodeError(() => new Reader(Buffer.from([6, 0x61])).compactString())
    decodeError(() => new Reader(Buffer.from([0, 0, 0, 9, 1])).bytes())
    decodeError(() => new Reader(Buffer.alloc(15)).uuid())
  })

  it('on bad lengths and nulls where a value is required', () => {
    decodeError(() => new Reader(Buffer.from([0xff, 0xfe])).nullableString())
    decodeError(() => new Reader(Buffer.from([0xff, 0xff])).string())
    decodeError(() => new Reader(Buffer.from([0])).compactString())
    decodeError(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xfe])).nullableBytes())
    decodeError(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xfe])).array((r) => r.int8()))
    decodeError(() => new Reader(Buffer.from([0])).compactArray((r) => r.int8()))
  })

  it('on over-long varints', () => {
    decodeError(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).uvarint())
    decodeError(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f])).uvarint()) // > 32 bits
  })

  it('on forged array counts, before looping or allocating', () => {
    const started = performance.now()
    decodeError(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2, 3])).array((r) => r.int8()))
    decodeError(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])).compactArray((r) => r.int8()))
    decodeError(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])).taggedFields())
    assert.ok(performance.now() - started < 50)
  })

  it('never throws anything but WireDecodeError on random bytes', () => {
    for (let i = 0; i < 2000; i++) {
      const r = new Reader(randomBytes(i % 64))
      try {
        r.compactArray((x) => ({a: x.compactNullableString(), b: x.array((y) => y.int32(), 4), c: x.uuid(), t: x.taggedFields()}))
      } catch (err) {
        assert.ok(err instanceof WireDecodeError, String(err))
      }
    }
  })
})
