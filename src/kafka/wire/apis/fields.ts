// The same schema field is written two ways: classic (int16/int32 lengths) before an API's first
// flexible version, compact (uvarint length + 1) with tagged-field sections from it on. These
// helpers pick the encoding once per message so the api files read like the JSON schemas.

import type {Reader, Writer} from '../codec.js'

export interface Fields {
  str(s: string): void
  nullableStr(s: string | null): void
  nullableBytes(b: Uint8Array | null): void
  array<T>(items: readonly T[], write: (item: T) => void): void
  /** The tagged-field section; nothing before the first flexible version. */
  tags(): void
}

export function writerFields(w: Writer, flexible: boolean): Fields {
  return {
    str: (s) => (flexible ? w.compactString(s) : w.string(s)),
    nullableStr: (s) => (flexible ? w.compactNullableString(s) : w.nullableString(s)),
    nullableBytes: (b) => (flexible ? w.compactNullableBytes(b) : w.nullableBytes(b)),
    array: (items, write) => {
      if (flexible) w.uvarint(items.length + 1)
      else w.int32(items.length)
      for (const item of items) write(item)
    },
    tags: () => {
      if (flexible) w.taggedFields()
    },
  }
}

export interface ReadFields {
  str(): string
  nullableStr(): string | null
  nullableBytes(): Buffer | null
  array<T>(read: () => T, minElementBytes: number): T[]
  nullableArray<T>(read: () => T, minElementBytes: number): T[] | null
  tags(): void
}

export function readerFields(r: Reader, flexible: boolean): ReadFields {
  return {
    str: () => (flexible ? r.compactString() : r.string()),
    nullableStr: () => (flexible ? r.compactNullableString() : r.nullableString()),
    nullableBytes: () => (flexible ? r.compactNullableBytes() : r.nullableBytes()),
    array: (read, min) => (flexible ? r.compactArray(() => read(), min) : r.array(() => read(), min)),
    nullableArray: (read, min) => (flexible ? r.compactNullableArray(() => read(), min) : r.nullableArray(() => read(), min)),
    tags: () => {
      if (flexible) r.taggedFields()
    },
  }
}
