// Large packages that only some runs need (the AWS SDK, kafkajs) ride in the binary as separate
// bundles (assets), compiled when first required rather than at every start. x64 builds carry
// V8's code cache for each, made at build time by the same Node release.

import {createRequire} from 'node:module'
import {getAsset} from 'node:sea'
import {Script} from 'node:vm'

export const CHUNK_ASSET_PREFIX = 'chunks/'

/** The module text around a chunk: the build compiles the same text to make its code cache. */
export function wrapChunk(code: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${code}\n})`
}

export function chunkFilename(name: string): string {
  return `kdoctor:${CHUNK_ASSET_PREFIX}${name}.js`
}

type ChunkFunction = (exports: unknown, require: NodeJS.Require, module: {exports: unknown}, filename: string, dirname: string) => void

const loaded = new Map<string, unknown>()

/** module.exports of the chunk bundled from package `name`. */
export function loadChunk(name: string): unknown {
  if (loaded.has(name)) return loaded.get(name)
  const code = getAsset(`${CHUNK_ASSET_PREFIX}${name}.js`, 'utf8')
  let cachedData: Buffer | undefined
  try {
    cachedData = Buffer.from(getAsset(`${CHUNK_ASSET_PREFIX}${name}.cache`))
  } catch {
    // No code cache (a cross-built binary): V8 compiles the source.
  }

  const filename = chunkFilename(name)
  const script = new Script(wrapChunk(code), {filename, cachedData})
  // V8 refuses a cache made by another release or with other flags: then it only costs time.
  if (process.env.KDOCTOR_DEBUG_CHUNKS) process.stderr.write(`kdoctor: chunk ${name}: code cache ${cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'absent'}\n`)
  const run = script.runInThisContext() as ChunkFunction
  const module = {exports: {} as unknown}
  // A chunk is self-contained: it requires only Node's built-in modules.
  run(module.exports, createRequire(process.execPath), module, filename, '/')
  loaded.set(name, module.exports)
  return module.exports
}
