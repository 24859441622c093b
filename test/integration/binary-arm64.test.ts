// The arm64 binary (EKS on Graviton), run here under qemu-user with Debian's arm64 libraries
// (/usr/aarch64-linux-gnu; .ci/run installs qemu-user and them). Built here unless
// KDOCTOR_BINARY_ARM64 names one already built.
import assert from 'node:assert/strict'
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, test} from 'node:test'

import {ROOT} from '../helpers/cli.js'
import {ensureRig, type Rig} from '../helpers/rig.js'

let rig: Rig
let binary: string
let built: string | undefined

function runArm64(args: string[]) {
  const run = spawnSync('qemu-aarch64', ['-L', '/usr/aarch64-linux-gnu', binary, ...args], {encoding: 'utf8', env: {PATH: process.env.PATH, NO_COLOR: '1', HOME: process.env.HOME}, timeout: 120_000})
  if (run.error) throw run.error
  return run
}

before(async () => {
  rig = await ensureRig()
  if (process.env.KDOCTOR_BINARY_ARM64) {
    binary = process.env.KDOCTOR_BINARY_ARM64
  } else {
    built = mkdtempSync(join(tmpdir(), 'kdoctor-arm64-'))
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-binary.ts', '--arch', 'arm64', '--out', built], {cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit']})
    binary = join(built, 'kdoctor-linux-arm64')
  }
})

after(() => {
  if (built) rmSync(built, {recursive: true, force: true})
})

describe('kdoctor-linux-arm64 under qemu-user', () => {
  test('is an arm64 executable that reports itself as linux-arm64', () => {
    assert.match(execFileSync('file', ['-L', binary], {encoding: 'utf8'}), /ELF 64-bit LSB .*ARM aarch64/)
    const run = runArm64(['--version'])
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /^kdoctor\/0\.1\.0 linux-arm64 node-v\d+/)
  })

  test('prints an embedded page', () => {
    const run = runArm64(['explain', 'KD301', '--page'])
    assert.equal(run.status, 0, run.stderr)
    assert.equal(run.stdout, readFileSync(join(ROOT, 'docs/troubleshooting/KD301.md'), 'utf8'))
  })

  test('connects to the rig (plaintext): probes and the kafkajs session, loaded from its chunk', () => {
    const {host, port} = rig.listeners.plaintext
    const run = runArm64(['connect', '--json', '--client', '-b', `${host}:${port}`, '--timeout', '60s'])
    assert.equal(run.status, 0, run.stdout + run.stderr)
    const findings = JSON.parse(run.stdout).findings as {check: string; status: string}[]
    assert.ok(findings.some((f) => f.check === 'client' && f.status === 'pass'), run.stdout)
  })
})
