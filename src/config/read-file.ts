import {createReadStream} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'

import {MAX_INPUT_FILE_BYTES, PIPE_READ_MS, formatBytes} from '../core/limits.js'

export type ReadResult = {ok: true; bytes: Buffer} | {ok: false; reason: string; code?: string}

export interface ReadLimits {
  /** Largest file accepted (default MAX_INPUT_FILE_BYTES). */
  maxBytes?: number
}

/**
 * Reads a file the user named, turning the usual failures into short, human reasons. A file over
 * the size limit is refused before it is read. A pipe (`-F <(cmd)`) is read up to the limit and
 * for at most PIPE_READ_MS, so a FIFO nobody writes to cannot block the run; devices
 * and sockets are refused.
 */
export async function readUserFile(path: string, limits: ReadLimits = {}): Promise<ReadResult> {
  const maxBytes = limits.maxBytes ?? MAX_INPUT_FILE_BYTES
  try {
    const info = await stat(path)
    if (info.isDirectory()) return {ok: false, reason: fsReason('EISDIR'), code: 'EISDIR'}
    if (info.isFIFO()) return await readPipe(path, maxBytes)
    if (!info.isFile()) return {ok: false, reason: 'is not a regular file (a device or socket)', code: 'ENOTREG'}
    if (info.size > maxBytes) return tooLarge(info.size, maxBytes)
    return {ok: true, bytes: await readFile(path)}
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return {ok: false, reason: fsReason(code), ...(code ? {code} : {})}
  }
}

function tooLarge(size: number | undefined, maxBytes: number): ReadResult {
  const what = size === undefined ? 'is larger than' : `is ${formatBytes(size)}, over`
  return {ok: false, reason: `${what} kdoctor's ${formatBytes(maxBytes)} limit for this input`, code: 'EFBIG'}
}

function readPipe(path: string, maxBytes: number): Promise<ReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const stream = createReadStream(path)
    const finish = (result: ReadResult) => {
      clearTimeout(timer)
      stream.destroy()
      resolve(result)
    }

    const timer = setTimeout(
      () => finish({ok: false, reason: `is a pipe that did not deliver all its data within ${PIPE_READ_MS / 1000} s`, code: 'ETIMEDOUT'}),
      PIPE_READ_MS,
    )
    timer.unref()
    stream.on('data', (chunk: Buffer | string) => {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
      size += bytes.length
      if (size > maxBytes) return finish(tooLarge(undefined, maxBytes))
      chunks.push(bytes)
    })
    stream.on('end', () => finish({ok: true, bytes: Buffer.concat(chunks)}))
    stream.on('error', (error: NodeJS.ErrnoException) => finish({ok: false, reason: fsReason(error.code), ...(error.code ? {code: error.code} : {})}))
  })
}

export function fsReason(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'is a directory'
    case 'ENOTDIR':
      return 'a parent of it is not a directory'
    default:
      return code ? `cannot be read (${code})` : 'cannot be read'
  }
}
