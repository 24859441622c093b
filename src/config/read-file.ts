import {readFile} from 'node:fs/promises'

export type ReadResult = {ok: true; bytes: Buffer} | {ok: false; reason: string; code?: string}

/** Reads a file the user named, turning the usual failures into short, human reasons. */
export async function readUserFile(path: string): Promise<ReadResult> {
  try {
    return {ok: true, bytes: await readFile(path)}
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return {ok: false, reason: fsReason(code), ...(code ? {code} : {})}
  }
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
