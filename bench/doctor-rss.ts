// Peak RSS and wall time of `kdoctor doctor` on the rig, side by side with `node -e 0` and
// `kdoctor connect` measured the same way in the same run. Target: peak RSS ≤ 120 MB.
//   bash bench/doctor-rss.sh   (RUNS=N; KDOCTOR_RIG_PORT_BASE as for the tests; KDOCTOR_BINARY: the single executable, default dist/bin/kdoctor-linux-x64, measured too when present)
//
// Scenarios, each on loopback only:
//   doctor                settings, connect (with its kafkajs session), acl-check on a topic and a
//                         group, liveness (a loopback stand-in for Karafka's listener); AWS off
//   doctor heroku         the same as a Heroku app over mutual TLS: + heroku-prefix's live checks
//   doctor heroku+aws     + aws reachability: instance metadata from a loopback stub, the EC2 API
//                         from moto (the AWS SDK loaded): every area runs, the heaviest case
// Peak RSS comes from /usr/bin/time (%M, the process's maximum resident set), wall time from hyperfine.
import {spawn} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'

import {type Moto, Seeder, ec2Client, motoEnv, seedLoopbackInstance, startMoto} from '../test/helpers/moto.js'
import {type Rig, ensureRig, rigTls} from '../test/helpers/rig.js'
import {type ImdsStub, startImdsStub} from '../test/unit/aws/imds-stub.js'
import {type FakeListener, livenessBody, startListener} from '../test/unit/liveness/karafka-listener.js'

const RUNS = Number(process.env.RUNS ?? 10)
const TARGET_MB = 120
const BINARY = process.env.KDOCTOR_BINARY ?? 'dist/bin/kdoctor-linux-x64'

interface Scenario {
  name: string
  command: string[]
  env: NodeJS.ProcessEnv
  /** The doctor areas this scenario must pass before it is measured. */
  passes?: string[]
}

const CLEAN = {KAFKA_URL: '', KAFKA_PREFIX: '', KAFKA_TRUSTED_CERT: '', KAFKA_CLIENT_CERT: '', KAFKA_CLIENT_CERT_KEY: '', KAFKA_BOOTSTRAP_SERVERS: '', AWS_EC2_METADATA_DISABLED: 'true', NO_COLOR: '1'}

// The liveness listener, the metadata stub and moto's client live in this process: never block it (no spawnSync).
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{status: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (status) => resolve({status, stdout, stderr}))
  })
}

async function peakRssKb(s: Scenario): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const run_ = await run('/usr/bin/time', ['-f', 'KDOCTOR_BENCH_RSS=%M', ...s.command], s.env)
    const match = /KDOCTOR_BENCH_RSS=(\d+)/.exec(run_.stderr)
    if (!match) throw new Error(`${s.name}: no RSS reading (exit ${run_.status}): ${run_.stderr.slice(0, 300)}`)
    if (run_.status !== 0) throw new Error(`${s.name} exited ${run_.status}: ${run_.stderr.slice(0, 300)}`)
    out.push(Number(match[1]))
  }
  return out.sort((a, b) => a - b)
}

/** hyperfine, one scenario at a time (each has its own environment). */
async function wallTimes(scenarios: Scenario[], file: string): Promise<Map<string, {mean: number; stddev: number}>> {
  const out = new Map<string, {mean: number; stddev: number}>()
  for (const s of scenarios) {
    const quoted = s.command.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')
    const json = `${file}.${s.name.replace(/\W+/g, '-')}.json`
    const timed = await run('hyperfine', ['--warmup', '1', '--runs', String(RUNS), '--export-json', json, '-n', s.name, quoted], s.env)
    if (timed.status !== 0) throw new Error(`hyperfine ${s.name}: ${timed.stderr}`)
    const result = JSON.parse(readFileSync(json, 'utf8')).results[0]
    out.set(s.name, {mean: result.mean, stddev: result.stddev})
  }
  return out
}

async function main(): Promise<void> {
  mkdirSync('bench/results', {recursive: true})
  const rig: Rig = await ensureRig()
  const pem = rigTls(rig)
  const listener: FakeListener = await startListener((port) => ({kind: 'json', body: livenessBody(port)}))
  const moto: Moto = await startMoto()
  let imds: ImdsStub | undefined
  try {
    const {host, port} = rig.listeners.sasl_plaintext
    const alice = ['-b', `${host}:${port}`, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=SCRAM-SHA-256', '-X', 'sasl.username=alice', '-X', 'sasl.password=env:KDOCTOR_BENCH_PW']
    const heroku = {
      KAFKA_URL: `kafka+ssl://${rig.listeners.mtls.host}:${rig.listeners.mtls.port}`,
      KAFKA_PREFIX: rig.herokuPrefix,
      KAFKA_TRUSTED_CERT: pem.ca[0]!,
      KAFKA_CLIENT_CERT: pem.cert,
      KAFKA_CLIENT_CERT_KEY: pem.key,
    }
    // One VPC in moto whose rules allow the mutual-TLS port from the "instance" 127.0.1.2.
    imds = await startImdsStub(await seedLoopbackInstance(new Seeder(ec2Client(moto)), rig.listeners.mtls.port, 'i-0bench'))

    const kdoctor = (binary: boolean, args: string[]) => (binary ? [BINARY, ...args] : [process.execPath, 'bin/run.js', ...args])
    const liveness = ['--liveness-port', String(listener.port)]
    const forms = existsSync(BINARY) ? [false, true] : [false]
    const scenarios: Scenario[] = [
      {name: 'node -e 0', command: [process.execPath, '-e', '0'], env: CLEAN},
      {name: 'connect', command: kdoctor(false, ['connect', ...alice]), env: {...CLEAN, KDOCTOR_BENCH_PW: rig.users.alice}},
    ]
    for (const binary of forms) {
      const tag = binary ? ' (binary)' : ''
      scenarios.push(
        {name: `doctor${tag}`, command: kdoctor(binary, ['doctor', ...alice, '--topic', 'alice.orders', '--group', 'alice-app', ...liveness]), env: {...CLEAN, KDOCTOR_BENCH_PW: rig.users.alice}, passes: ['settings', 'connect', 'acl', 'liveness']},
        {name: `doctor heroku${tag}`, command: kdoctor(binary, ['doctor', '--topic', `${rig.herokuPrefix}events`, ...liveness]), env: {...CLEAN, ...heroku}, passes: ['settings', 'connect', 'acl', 'heroku', 'liveness']},
        {
          name: `doctor heroku+aws${tag}`,
          command: kdoctor(binary, ['doctor', '--topic', `${rig.herokuPrefix}events`, ...liveness]),
          env: {...CLEAN, ...heroku, ...motoEnv(moto), AWS_EC2_METADATA_DISABLED: '', AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint},
          passes: ['settings', 'connect', 'acl', 'heroku', 'liveness', 'aws'],
        },
      )
    }

    // The binary's own pages count in its RSS, and a run maps the cached neighbours of each page it
    // touches: a freshly written binary, cached whole, measured 10-20 MB more than the same file
    // later. Its pages leave the page cache here (posix_fadvise DONTNEED through dd), and the check
    // runs below bring back the ones a run uses, so every measurement starts from that state.
    if (forms.includes(true)) await run('dd', [`if=${BINARY}`, 'iflag=nocache', 'count=0', 'status=none'], CLEAN)

    // Every doctor scenario must be the healthy run it claims to be before it is measured.
    for (const s of scenarios.filter((x) => x.passes)) {
      const check = await run(s.command[0]!, [...s.command.slice(1), '--json'], s.env)
      const report = JSON.parse(check.stdout)
      const areas = Object.fromEntries(report.doctor.areas.map((a: any) => [a.area, a.status]))
      if (check.status !== 0 || s.passes!.some((a) => areas[a] !== 'pass')) throw new Error(`${s.name} is not the healthy run it should be: ${JSON.stringify(areas)}`)
      process.stderr.write(`${s.name}: ${JSON.stringify(areas)}\n`)
    }

    const rss = new Map<string, number[]>()
    for (const s of scenarios) rss.set(s.name, await peakRssKb(s))
    const wall = await wallTimes(scenarios, 'bench/results/doctor-wall')
    const base = wall.get('node -e 0')!.mean
    const rows = scenarios.map((s) => {
      const kb = rss.get(s.name)!
      const median = kb[Math.floor(kb.length / 2)]! / 1024
      const max = kb[kb.length - 1]! / 1024
      const w = wall.get(s.name)!
      return {name: s.name, rssMedianMb: Number(median.toFixed(1)), rssMaxMb: Number(max.toFixed(1)), wallMeanMs: Math.round(w.mean * 1000), wallStddevMs: Math.round(w.stddev * 1000), wallVsNode: Number((w.mean / base).toFixed(2))}
    })
    writeFileSync('bench/results/doctor-rss.json', JSON.stringify({runs: RUNS, targetMb: TARGET_MB, rows}, null, 2) + '\n')
    console.log(`peak RSS (/usr/bin/time %M) and wall time (hyperfine), ${RUNS} runs each; target: doctor ≤ ${TARGET_MB} MB`)
    for (const r of rows) {
      const verdict = r.name.startsWith('doctor') ? (r.rssMaxMb <= TARGET_MB ? '  ✓ ≤ target' : '  ✗ over target') : ''
      console.log(`${r.name.padEnd(26)} RSS median ${r.rssMedianMb.toFixed(1).padStart(6)} MB  max ${r.rssMaxMb.toFixed(1).padStart(6)} MB   wall ${String(r.wallMeanMs).padStart(5)} ms ±${r.wallStddevMs} (${r.wallVsNode}× node -e 0)${verdict}`)
    }
  } finally {
    await imds?.close()
    await listener.close()
    await moto.stop()
  }
}

await main()
