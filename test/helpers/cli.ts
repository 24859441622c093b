// Runs the built CLI (bin/run.js over dist/) as a user would, capturing both streams.
import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
  durationMs: number
  /** Parsed stdout when it is JSON. */
  json?: any
  /** Peak resident memory of the CLI process, with {measureRss: true}. */
  maxRssKb?: number
}

export function runCli(
  args: string[],
  options: {env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; measureRss?: boolean; prefix?: string[]} = {},
): Promise<CliRun> {
  const preload = options.measureRss ? ['--import', `${ROOT}/test/helpers/report-rss.mjs`] : []
  // prefix: a command that runs node somewhere else, e.g. nsenter into the three-broker rig's network namespace.
  const [command, ...commandArgs] = [...(options.prefix ?? []), process.execPath, ...preload, `${ROOT}/bin/run.js`, ...args]
  return runProgram(command!, commandArgs, {...options, env: {...process.env, NO_COLOR: '1', ...options.env}})
}

/** Any program (the CLI, the single executable in a chroot), with exactly this environment. */
export function runProgram(command: string, args: string[], options: {env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number}): Promise<CliRun> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd: ROOT, env: options.env, stdio: ['pipe', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (status) => {
      clearTimeout(killer)
      let json
      try {
        json = JSON.parse(stdout)
      } catch {}
      const rss = /KDOCTOR_TEST_MAXRSS_KB=(\d+)/.exec(stderr)
      if (rss) stderr = stderr.replace(rss[0] + '\n', '')
      resolve({status, stdout, stderr, durationMs: Date.now() - started, json, maxRssKb: rss ? Number(rss[1]) : undefined})
    })
    child.stdin.end(options.input ?? '')
  })
}

/** The findings of a --json report with the given check / code, for precise assertions. */
export function findingsOf(run: CliRun, where: {check?: string; code?: string; status?: string}): any[] {
  const findings: any[] = run.json?.findings ?? []
  return findings.filter((f) => (!where.check || f.check === where.check) && (!where.code || f.code === where.code) && (!where.status || f.status === where.status))
}
