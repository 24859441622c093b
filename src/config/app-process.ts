// --from-pid PID (Linux): the app's own process, as a debug pod sees it after
// `kubectl debug --target=<container>`: its environment from /proc/PID/environ, its files
// relative to /proc/PID/cwd and /proc/PID/root — so kdoctor runs with exactly the app's settings
// without the user copying a secret.

import {readFile, readlink} from 'node:fs/promises'
import {isAbsolute, join} from 'node:path'

import {InputError} from '../core/input-error.js'
import type {EnvSource, EnvValue} from './env-file.js'
import {fsReason} from './read-file.js'

export interface AppProcess {
  pid: number
  env: EnvSource
  /** The app's working directory as the app sees it (for messages). */
  cwd: string
  /** Where kdoctor reads a path the app names: relative to its cwd, absolute within its root. */
  path: (path: string) => string
}

const SOURCE = 'flag --from-pid'

function deniedAdvice(): string {
  return `run kdoctor as the app's user (e.g. \`kubectl exec\` into the app's container, or \`sudo -u <user> kdoctor …\`); in a debug pod started with \`kubectl debug --target=<container>\` run as the same user (or with CAP_SYS_PTRACE), or pass the settings with --env-file (kubectl get secret … -o yaml > secret.yaml)`
}

/** Reads the process's environment; every failure is an InputError saying what to run instead. */
export async function readAppProcess(pidText: string, procRoot = '/proc'): Promise<AppProcess> {
  if (!/^\d+$/.test(pidText.trim()) || Number(pidText) < 1) throw new InputError(`--from-pid takes a process id (a positive number), not "${pidText.slice(0, 20)}"`, SOURCE)
  if (process.platform !== 'linux' && procRoot === '/proc') throw new InputError('--from-pid reads /proc/PID, which only Linux has; pass the settings with --env-file instead', SOURCE)
  const pid = Number(pidText)
  const base = join(procRoot, String(pid))
  let raw: Buffer
  try {
    raw = await readFile(join(base, 'environ'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new InputError(`there is no process ${pid} here (list them with \`ps -ef\`; in Kubernetes, start the debug container with --target=<app container> to share its process namespace)`, SOURCE)
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`permission denied reading ${base}/environ: ${deniedAdvice()}`, SOURCE)
    throw new InputError(`cannot read ${base}/environ: ${fsReason(code)}`, SOURCE)
  }

  const values = new Map<string, EnvValue>()
  for (const entry of raw.toString('utf8').split('\0')) {
    const eq = entry.indexOf('=')
    if (eq <= 0) continue
    const name = entry.slice(0, eq)
    values.set(name, {value: entry.slice(eq + 1), source: `pid ${pid} env ${name}`})
  }

  const cwd = await readlink(join(base, 'cwd')).catch(() => '?')
  return {
    pid,
    env: {values, origin: `process ${pid}`},
    cwd,
    path: (path) => (isAbsolute(path) ? join(base, 'root', path) : join(base, 'cwd', path)),
  }
}
