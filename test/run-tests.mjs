#!/usr/bin/env node
// Runs every test with Node's own runner. Integration tests need the real broker: it is started
// once here (idempotent; reused when already healthy) so test files don't race to start it.
import {spawnSync} from 'node:child_process'
import {readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'

const unitOnly = process.argv.includes('--unit')

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

const files = testFiles('test/unit')
if (!unitOnly) {
  ensureMoto()
  const started = spawnSync(process.execPath, ['test/kafka/rig.mjs', 'start'], {stdio: 'inherit'})
  if (started.status !== 0) {
    console.error('kdoctor tests: the test broker did not start (see above)')
    process.exit(started.status ?? 1)
  }
  files.push(...testFiles('test/integration'))
}

const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {stdio: 'inherit'})
process.exit(run.status ?? 1)
