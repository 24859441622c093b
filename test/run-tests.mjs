#!/usr/bin/env node
// Runs every test with Node's own runner. Integration tests need the real broker: it is started
// once here (idempotent; reused when already healthy) so test files don't race to start it.
import {spawn, spawnSync} from 'node:child_process'
import {readdirSync, statSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'

const unitOnly = process.argv.includes('--unit')
// --except a,b: leave out the test files whose names contain any of these (.ci/run's Kafka 3.9
// pass leaves out what a broker version cannot change: the secret and hostile matrices, moto's EC2).
const listArg = (name) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`))
  return arg ? arg.slice(name.length + 3).split(',').filter(Boolean) : []
}
const except = listArg('except')
// --integration=a,b: of the integration files, only those whose names contain one of these;
// --no-unit: no unit files (.ci/run's second Kafka line and other Node lines repeat only what a
// broker version or a Node line can change).
const only = listArg('integration')
const noUnit = process.argv.includes('--no-unit')

function testFiles(dir) {
  let out = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out = out.concat(testFiles(path))
    else if (name.endsWith('.test.ts')) out.push(path)
  }
  return out.sort()
}

/** The aws tests need moto's EC2 server (PyPI); install it once if this machine lacks it. */
function ensureMoto() {
  if (spawnSync('python3', ['-c', 'import moto.server'], {stdio: 'ignore'}).status === 0) return
  console.error('kdoctor tests: installing moto[server]==5.2.1 for the aws tests (pip)')
  const pip = spawnSync('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'moto[server]==5.2.1'], {stdio: 'inherit'})
  if (pip.status !== 0) console.error('kdoctor tests: pip could not install moto; the aws integration tests will fail')
}

function startRig(env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['test/kafka/rig.mjs', 'start'], {stdio: 'inherit', env})
    child.once('error', () => resolve(1))
    child.once('exit', (code) => resolve(code ?? 1))
  })
}

const files = noUnit ? [] : testFiles('test/unit')
if (!unitOnly) {
  const integration = testFiles('test/integration').filter((f) => (only.length === 0 || only.some((name) => f.includes(name))) && !except.some((name) => f.includes(name)))
  if (integration.some((f) => f.includes('aws-'))) ensureMoto()
  // The one-broker rig and, when cluster3.test.ts runs, the three-broker one start side by side:
  // their JVMs overlap on start-up instead of queueing.
  const rig3Env = {...process.env, KDOCTOR_RIG_BROKERS: '3', KDOCTOR_RIG_HOME: process.env.KDOCTOR_RIG3_HOME || '.kafka/rig3', KDOCTOR_RIG_PORT_BASE: process.env.KDOCTOR_RIG3_PORT_BASE || '19190'}
  const needsRig3 = integration.some((f) => f.includes('cluster3'))
  const [one, three] = await Promise.all([startRig(process.env), needsRig3 ? startRig(rig3Env) : 0])
  if (one !== 0 || three !== 0) {
    console.error(`kdoctor tests: the ${one !== 0 ? 'test broker' : 'three-broker test cluster'} did not start (see above)`)
    process.exit(1)
  }
  files.push(...integration)
}

const chosen = files.filter((f) => !except.some((name) => f.includes(name)))
const choices = process.argv.slice(2).filter((a) => /^--(except|integration)=|^--no-unit$/.test(a))
if (choices.length > 0) console.error(`kdoctor tests: ${chosen.length} file(s) (${choices.join(' ')})`)
if (chosen.length === 0) {
  console.error('kdoctor tests: no test file chosen')
  process.exit(1)
}
// Test files at once: at least two. Most of a file's time is spent waiting on the CLI it spawns or
// the broker, so Node's default (one per core less one: a single file on a 2-core machine) left a
// core idle; two at once took the full suite from 637 s to 349 s there. KDOCTOR_TEST_CONCURRENCY overrides.
const concurrency = Number(process.env.KDOCTOR_TEST_CONCURRENCY) || Math.max(2, availableParallelism() - 1)
// Files whose figures are wall times (recorded, not asserted) run first and alone: beside the canary
// matrix's CLI runs, a 1 s hostile-broker case was seen at 5.5 s on 2 cores, which measured the
// machine, not kdoctor's --timeout.
const ALONE = ['hostile-broker']
const alone = chosen.filter((f) => ALONE.some((name) => f.includes(name)))
const together = chosen.filter((f) => !alone.includes(f))
const runFiles = (list, atOnce) => spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${atOnce}`, '--test-reporter=spec', ...list], {stdio: 'inherit'}).status ?? 1
const statuses = [alone.length > 0 ? runFiles(alone, 1) : 0, together.length > 0 ? runFiles(together, concurrency) : 0]
process.exit(Math.max(...statuses))
