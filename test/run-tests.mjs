#!/usr/bin/env node
// Runs every test with Node's own runner. Integration tests need the real broker: it is started
// once here (idempotent; reused when already healthy) so test files don't race to start it.
import {spawn, spawnSync} from 'node:child_process'
import {readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'

const unitOnly = process.argv.includes('--unit')
// --except a,b: leave out the test files whose names contain any of these (.ci/run's second and
// third Node lines leave out the suites that test no Node-line behaviour: the single executable
// carries its own Node, and the secret/hostile matrices are the same JavaScript on every line).
const exceptArg = process.argv.find((a) => a.startsWith('--except='))
const except = exceptArg ? exceptArg.slice('--except='.length).split(',').filter(Boolean) : []

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

const files = testFiles('test/unit')
if (!unitOnly) {
  ensureMoto()
  // The one-broker rig and the three-broker one (test/integration/cluster3.test.ts) start side by
  // side: their JVMs overlap on start-up instead of queueing.
  const rig3Env = {...process.env, KDOCTOR_RIG_BROKERS: '3', KDOCTOR_RIG_HOME: process.env.KDOCTOR_RIG3_HOME || '.kafka/rig3', KDOCTOR_RIG_PORT_BASE: process.env.KDOCTOR_RIG3_PORT_BASE || '19190'}
  const [one, three] = await Promise.all([startRig(process.env), startRig(rig3Env)])
  if (one !== 0 || three !== 0) {
    console.error(`kdoctor tests: the ${one !== 0 ? 'test broker' : 'three-broker test cluster'} did not start (see above)`)
    process.exit(1)
  }
  files.push(...testFiles('test/integration'))
}

const chosen = files.filter((f) => !except.some((name) => f.includes(name)))
if (except.length > 0) console.error(`kdoctor tests: ${files.length - chosen.length} file(s) left out with --except=${except.join(',')}`)
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...chosen], {stdio: 'inherit'})
process.exit(run.status ?? 1)
