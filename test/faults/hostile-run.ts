// Runs one hostile-broker case inside the caller's network namespace (`unshare -n`): brings up
// loopback, serves the crafted answers, runs the CLI under strace to record every connect(),
// and prints {status, stdout, stderr, dials, rssKb, uptimeMs} as JSON.
import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {hostileBroker} from './hostile-broker.js'
import {HOSTILE_CASES} from './hostile-cases.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const [name, ...args] = process.argv.slice(2)
const build = HOSTILE_CASES[name!]
if (!build) throw new Error(`no hostile case ${name}`)
spawnSync('ip', ['link', 'set', 'lo', 'up'])
const server = await hostileBroker({metadata: build})
const trace = join(mkdtempSync(join(tmpdir(), 'kdoctor-hostile-')), 'connect.trace')
const cliArgs = args.map((a) => a.replaceAll('{port}', String(server.port)))
const child = spawn('strace', ['-f', '-qq', '-e', 'trace=connect', '-o', trace, process.execPath, '--import', `${ROOT}/test/faults/report-usage.mjs`, `${ROOT}/bin/run.js`, ...cliArgs], {
  cwd: ROOT,
  env: {...process.env, NO_COLOR: '1', AWS_EC2_METADATA_DISABLED: 'true'},
})
let stdout = ''
let stderr = ''
child.stdout.on('data', (d) => (stdout += d))
child.stderr.on('data', (d) => (stderr += d))
const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
await server.close()
const usage = /KDOCTOR_TEST_USAGE rss=(\d+) uptime=(\d+)/.exec(stderr)
if (usage) stderr = stderr.replace(`${usage[0]}\n`, '')
// connect(5, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("169.254.169.254")}, 16)
const dials = readFileSync(trace, 'utf8')
  .split('\n')
  .map((line) => /sin6?_port=htons\((\d+)\).*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")/.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => `${m[2] ?? m[3]}:${m[1]}`)
process.stdout.write(JSON.stringify({status, stdout, stderr, dials, port: server.port, rssKb: Number(usage?.[1] ?? 0), uptimeMs: Number(usage?.[2] ?? 0)}))
