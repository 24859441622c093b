// Large packages that only some runs need (the AWS SDK, kafkajs) ride in the binary as separate
// bundles (assets), compiled when first required rather than at every start. x64 builds carry
// V8's code cache for each, made at build time by the same Node release.

import {createRequire, isBuiltin} from 'node:module'
import {getAsset, getRawAsset} from 'node:sea'
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

/**
 * Built-in modules that bundled code requires at its top but a plain run may never use (TLS and
 * crypto for a plaintext connect, zlib, http for a run without AWS): such a require returns a
 * stand-in that loads the module at its first use. Loading node:tls alone costs about 10 ms of
 * start-up; node:fs/promises 2 ms and node:perf_hooks 1.4 ms, which oclif requires for its
 * theme file and its opt-in timings. (A namespace import copies every export, so it loads the
 * module at once: scripts/build-binary.ts keeps oclif's one such import, wsl-utils's, out.)
 */
const DEFERRED = new Set(['perf_hooks', 'fs/promises', 'tls', 'crypto', 'child_process', 'readline', 'zlib', 'http', 'https', 'http2', 'worker_threads'])

function deferredModule(load: () => object): object {
  let real: object | undefined
  const module = () => (real ??= load())
  return new Proxy(
    {},
    {
      get: (_, key) => Reflect.get(module(), key),
      set: (_, key, value) => Reflect.set(module(), key, value),
      has: (_, key) => Reflect.has(module(), key),
      ownKeys: () => Reflect.ownKeys(module()),
      // A stand-in's properties must be configurable (the proxy invariants), whatever the module's are.
      getOwnPropertyDescriptor(_, key) {
        const descriptor = Reflect.getOwnPropertyDescriptor(module(), key)
        return descriptor && {...descriptor, configurable: true}
      },
    },
  )
}

/**
 * A chunk's require: Node's built-in modules only. A bundled package that probes for an optional
 * one (fdir's require.resolve('picomatch'), oclif's engines check of its package.json) finds
 * nothing at once instead of searching the folders above the binary, as it would find nothing in
 * a bare pod anyway.
 */
function builtinRequire(): NodeJS.Require {
  const nodeRequire = createRequire(process.execPath)
  const missing = (id: string) => Object.assign(new Error(`Cannot find module '${id}' (only Node's built-in modules are in the binary)`), {code: 'MODULE_NOT_FOUND'})
  // By id: a bundle requires node:fs, node:path… once per module that imports them.
  const modules = new Map<string, unknown>()
  const load = (id: string) => {
    if (!isBuiltin(id)) throw missing(id)
    const name = id.replace(/^node:/, '')
    if (!DEFERRED.has(name)) return nodeRequire(id) as unknown
    const standIn = modules.get(`node:${name}`) ?? deferredModule(() => {
      if (process.env.KDOCTOR_DEBUG_CHUNKS) process.stderr.write(`kdoctor: node:${name} loaded${new Error().stack!.split('\n').slice(3, 7).join('')}\n`)
      return nodeRequire(`node:${name}`)
    })
    modules.set(`node:${name}`, standIn)
    return standIn
  }

  const require = ((id: string) => {
    if (modules.has(id)) return modules.get(id)
    const module = load(id)
    modules.set(id, module)
    return module
  }) as NodeJS.Require
  require.resolve = ((id: string) => {
    if (!isBuiltin(id)) throw missing(id)
    return id
  }) as NodeJS.RequireResolve
  require.cache = nodeRequire.cache
  require.main = undefined
  return require
}

/** One require for every chunk, so a deferred module has one stand-in. */
let chunkRequire: NodeJS.Require | undefined

/** module.exports of the chunk bundled from package `name`. */
export function loadChunk(name: string): unknown {
  if (loaded.has(name)) return loaded.get(name)
  const code = getAsset(`${CHUNK_ASSET_PREFIX}${name}.js`, 'utf8')
  let cachedData: Buffer | undefined
  try {
    // The cache where it lies in the executable, not a copy (3.3 MB for the AWS SDK's): V8 only reads it.
    cachedData = Buffer.from(getRawAsset(`${CHUNK_ASSET_PREFIX}${name}.cache`) as ArrayBuffer)
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
  run(module.exports, (chunkRequire ??= builtinRequire()), module, filename, '/')
  loaded.set(name, module.exports)
  return module.exports
}
