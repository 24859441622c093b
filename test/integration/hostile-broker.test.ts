// A broker that lies: crafted ApiVersions/Metadata answers from a loopback fault server, each run
// in a network namespace that has only loopback, with every connect() recorded by strace. Every
// case must end in findings (exit 0 or 1), never a crash, never a raw control byte in the output,
// never a dial to an address no broker can have, in bounded memory.
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {after, describe, test} from 'node:test'
import {fileURLToPath} from 'node:url'

import {HOSTILE_CASES} from '../faults/hostile-cases.js'
import {isValidPort, undialableReason} from '../../src/net/address.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
const MAX_RSS_KB = 400 * 1024

interface HostileRun {
  status: number | null
  stdout: string
  stderr: string
  dials: string[]
  port: number
  rssKb: number
  uptimeMs: number
}

const figures = {tried: 0, passed: 0, worstMs: 0, worstMsCase: '', worstRssKb: 0, worstRssCase: ''}
/** Every case's wall time and peak RSS, printed at the end (recorded, not asserted: no timed assertions). */
const perCase: string[] = []

function hostile(name: string, args: string[]): HostileRun {
  const run = spawnSync('unshare', ['-n', process.execPath, '--import', 'tsx', 'test/faults/hostile-run.ts', name, ...args], {cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000})
  assert.equal(run.status, 0, `runner failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as HostileRun
}

function assertContained(label: string, run: HostileRun): void {
  figures.tried++
  perCase.push(`${label}: ${run.uptimeMs} ms, ${Math.round(run.rssKb / 1024)} MB${run.uptimeMs > 4000 ? ' (over --timeout 3s + 1 s)' : ''}`)
  if (run.uptimeMs > figures.worstMs) Object.assign(figures, {worstMs: run.uptimeMs, worstMsCase: label})
  if (run.rssKb > figures.worstRssKb) Object.assign(figures, {worstRssKb: run.rssKb, worstRssCase: label})
  assert.ok(run.status === 0 || run.status === 1, `${label}: exit ${run.status}: ${run.stderr.slice(0, 500)}`)
  assert.doesNotMatch(run.stderr, /\n\s+at |RangeError|TypeError|ERR_SOCKET_BAD_PORT/, `${label}: a crash`)
  assert.doesNotMatch(run.stdout, RAW_CONTROL, `${label}: raw control byte on stdout`)
  assert.doesNotMatch(run.stderr, RAW_CONTROL, `${label}: raw control byte on stderr`)
  for (const dial of run.dials) {
    const at = dial.lastIndexOf(':')
    const ip = dial.slice(0, at)
    assert.equal(undialableReason(ip), undefined, `${label}: dialed ${dial}`)
    assert.ok(isValidPort(Number(dial.slice(at + 1))), `${label}: dialed ${dial}`)
  }
  assert.ok(run.rssKb > 0 && run.rssKb < MAX_RSS_KB, `${label}: peak RSS ${run.rssKb} KB`)
  figures.passed++
}

const connect = (name: string, extra: string[] = []) => hostile(name, ['connect', '--timeout', '3s', '-b', '127.0.0.1:{port}', ...extra])

describe('hostile broker (network namespace, dials traced)', () => {
  after(() => {
    for (const line of perCase) process.stdout.write(`# hostile-broker case ${line}\n`)
    process.stdout.write(`# hostile-broker figures: ${JSON.stringify(figures)}\n`)
  })

  for (const name of Object.keys(HOSTILE_CASES)) {
    test(`connect: ${name}`, () => {
      const human = connect(name)
      assertContained(`${name} (human)`, human)
      const json = connect(name, ['--json'])
      assertContained(`${name} (json)`, json)
      assert.equal(JSON.parse(json.stdout).schema, 'kdoctor/v1')
    })
  }

  test('link-local, unspecified, multicast, broadcast and impossible ports are KD502 findings, not dials', () => {
    for (const name of ['cloud metadata service', 'cloud metadata service, decimal', 'cloud metadata service, hex', 'cloud metadata service, IPv4-mapped IPv6', 'unspecified 0.0.0.0', 'IPv6 link-local fe80::1', 'multicast', 'broadcast', 'port -1', 'port 0', 'port 70000']) {
      const run = connect(name, ['--json'])
      const report = JSON.parse(run.stdout)
      const refused = report.findings.filter((f: {code?: string; check: string}) => f.code === 'KD502' && f.check === 'advertised')
      assert.ok(refused.length > 0, `${name}: ${run.stdout.slice(0, 400)}`)
      assert.deepEqual([...new Set(run.dials)], [`127.0.0.1:${run.port}`], `${name}: only the bootstrap broker is dialed`)
    }
  })

  test('a private address behind a loopback bootstrap is dialed (a real client would) and is KD502 evidence', () => {
    const run = connect('private 0x0a000001 behind a loopback bootstrap', ['--json', '--no-client'])
    assert.ok(run.dials.includes('10.0.0.1:9092'), JSON.stringify(run.dials))
    const verdict = JSON.parse(run.stdout).findings.find((f: {check: string; target: string}) => f.check === 'advertised' && f.target.includes('broker 2'))
    assert.match(verdict.evidence.looksInternal ?? '', /loopback/)
  })

  test('--no-advertised: no dial to any learned address, the kafkajs session included', () => {
    const run = connect('a learned loopback alias (for --no-advertised)', ['--json', '--no-advertised'])
    assertContained('--no-advertised', run)
    assert.deepEqual([...new Set(run.dials)], [`127.0.0.1:${run.port}`])
    const advertised = connect('a learned loopback alias (for --no-advertised)', ['--json'])
    assert.ok(advertised.dials.includes(`127.0.0.2:${advertised.port}`), 'without the flag the learned address is dialed')
  })

  test('100,000 brokers: at most the cap is dialed, and the output says so', () => {
    const run = connect('100,000 brokers', ['--json', '--no-client'])
    const report = JSON.parse(run.stdout)
    assert.ok(new Set(run.dials).size <= 201, `${new Set(run.dials).size} addresses dialed`)
    assert.ok(report.findings.some((f: {summary: string}) => /advertises 100001 brokers; only the first 200/.test(f.summary)), run.stdout.slice(0, 600))
  })

  test('cluster-info: escape bytes and 500,000 partitions', () => {
    const escaped = hostile('escape bytes in host, rack, cluster id and topic', ['cluster-info', '--timeout', '3s', '-b', '127.0.0.1:{port}'])
    assertContained('cluster-info escapes', escaped)
    assert.match(escaped.stdout, /\\e\[2J/)
    const big = hostile('500,000 partitions', ['cluster-info', '--json', '--timeout', '3s', '-b', '127.0.0.1:{port}'])
    assertContained('cluster-info 500,000 partitions', big)
    const report = JSON.parse(big.stdout)
    assert.equal(report.cluster.topics.reduce((n: number, t: {partitions: number}) => n + t.partitions, 0), 500_000, 'counts stay true')
    assert.ok(report.findings.some((f: {summary: string}) => /500000 partitions \(kept 100000\)/.test(f.summary)))
  })

  test('acl-check against 500,000 partitions and escape bytes', () => {
    for (const name of ['500,000 partitions', 'escape bytes in host, rack, cluster id and topic']) {
      assertContained(`acl-check ${name}`, hostile(name, ['acl-check', '--timeout', '3s', '-b', '127.0.0.1:{port}', '--topic', 't0']))
    }
  })
})
