// The diagnosis catalog: one entry per stable KD code, kept as data by layer range in
// src/diagnosis/catalog/kdNxx.ts. Checks attach codes; this is where the words live.

import type {KdCode} from './finding.js'
import {entries as kd1xx} from './catalog/kd1xx.js'
import {entries as kd2xx} from './catalog/kd2xx.js'
import {entries as kd3xx} from './catalog/kd3xx.js'
import {entries as kd4xx} from './catalog/kd4xx.js'
import {entries as kd5xx} from './catalog/kd5xx.js'
import {entries as kd6xx} from './catalog/kd6xx.js'
import {entries as kd7xx} from './catalog/kd7xx.js'
import {entries as kd8xx} from './catalog/kd8xx.js'
import type {CatalogEntry, Layer} from './catalog/types.js'
import {LAYERS} from './catalog/types.js'

export type {Cause, CatalogEntry, ClientFamily, Layer, Provider, Signature} from './catalog/types.js'
export {CLIENT_FAMILIES, LAYER_TITLES, LAYERS, PROVIDER_TITLES} from './catalog/types.js'
export {docsPath} from './catalog/codes.js'

/** Every entry, ordered by code (and therefore by layer). */
export const catalog: readonly CatalogEntry[] = Object.freeze(
  [...kd1xx, ...kd2xx, ...kd3xx, ...kd4xx, ...kd5xx, ...kd6xx, ...kd7xx, ...kd8xx].sort((a, b) => codeNumber(a.code) - codeNumber(b.code)),
)

const byCode: ReadonlyMap<string, CatalogEntry> = new Map(catalog.map((entry) => [entry.code, entry]))

/** The entry for a code; throws on a code that is not in the catalog (a programming error). */
export function entryFor(code: KdCode): CatalogEntry {
  const entry = byCode.get(code)
  if (!entry) throw new Error(`kdoctor: no catalog entry for ${code}`)
  return entry
}

/** True when the text is exactly a known code (case-insensitive, surrounding space ignored). */
export function isKnownCode(text: string): boolean {
  return byCode.has(normalizeCode(text))
}

/** "kd304 " → "KD304" (no validation). */
export function normalizeCode(text: string): KdCode {
  return text.trim().toUpperCase() as KdCode
}

export function codeNumber(code: KdCode | string): number {
  return Number(code.slice(2))
}

/** Entries grouped by layer, layers in connection order. */
export function entriesByLayer(): Map<Layer, CatalogEntry[]> {
  const groups = new Map<Layer, CatalogEntry[]>(LAYERS.map((layer) => [layer, []]))
  for (const entry of catalog) groups.get(entry.layer)?.push(entry)
  return groups
}

/** Position of a layer in connection order (config first, liveness last). */
export function layerRank(layer: Layer): number {
  return LAYERS.indexOf(layer)
}
