// The CLI's public contract, independent of any broker: exit codes, one-line input errors
// (with the source of the bad value, never a stack), the JSON envelope, help and version.
import assert from 'node:assert/strict'
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {describe, test} from 'node:test'

import {ROOT, runCli} from '../helpers/cli.js'

describe('bad input: one line, its source, exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['-X without =', ['connect', '-X', 'foo'], /-X argument #1 is not key=value/],
    ['an unparsable --timeout', ['connect', '--timeout', 'soon'], /"soon" is not a duration.*from flag --timeout/],
    ['a missing config file', ['connect', '-F', '/nonexistent/client.properties'], /cannot read config file .*no such file.*from flag --config/],
    ['an unset env: secret', ['connect', '-X', 'security.protocol=SASL_SSL', '-X', 'sasl.password=env:KDOCTOR_NOT_SET'], /KDOCTOR_NOT_SET is not set.*from -X sasl.password/],
    ['an unknown flag', ['connect', '--bogus'], /Nonexistent flag: --bogus/],
    ['a bad --fail-on', ['connect', '--fail-on', 'maybe'], /--fail-on=maybe to be one of: fail, warn/],
    ['an unknown code', ['explain', 'KD999'], /unknown code KD999/],
  ]
  for (const [name, args, reason] of cases) {
    test(name, async () => {
      const run = await runCli(args)
      assert.equal(run.status, 2, run.stderr)
      assert.equal(run.stdout, '')
      const lines = run.stderr.trim().split('\n')
      assert.equal(lines.length, 1, `one line: ${run.stderr}`)
      assert.match(lines[0]!, /^kdoctor: /)
      assert.match(lines[0]!, reason)
      assert.doesNotMatch(run.stderr, /\s+at \S+ \(/, 'no stack trace')
    })
  }

  test('under --json the error is the one JSON document on stdout', async () => {
    const run = await runCli(['connect', '--json', '--bogus'])
    assert.equal(run.status, 2)
    assert.deepEqual(Object.keys(run.json), ['schema', 'command', 'ok', 'error'])
    assert.equal(run.json.ok, false)
    assert.match(run.json.error, /Nonexistent flag/)
  })
})

describe('the report contract', () => {
  test('--json is one kdoctor/v1 document; findings have the documented keys; exit 1 on failure', async () => {
    const run = await runCli(['connect', '--json', '--timeout', '2s', '--no-client', '-b', '127.0.0.1:1'])
    assert.equal(run.status, 1)
    assert.deepEqual(Object.keys(run.json), ['schema', 'command', 'ok', 'summary', 'findings'])
    assert.equal(run.json.schema, 'kdoctor/v1')
    for (const f of run.json.findings) {
      const keys = Object.keys(f)
      assert.deepEqual(keys.filter((k) => k !== 'code'), ['check', 'target', 'status', 'summary', 'evidence', 'durationMs'])
      assert.ok(['config', 'dns', 'tcp', 'listener', 'tls', 'sasl', 'metadata', 'advertised', 'client'].includes(f.check))
      if (f.status === 'fail' || f.status === 'warn') assert.match(f.code, /^KD\d{3}$/)
    }

    assert.deepEqual(run.json.summary, {pass: 1, warn: 0, fail: 1, skip: 2, info: 0})
  })

  test('human output: no colour codes when NO_COLOR is set or stdout is not a terminal; every problem links its page', async () => {
    const run = await runCli(['connect', '--timeout', '2s', '--no-client', '-b', '127.0.0.1:1'])
    assert.equal(run.status, 1)
    assert.doesNotMatch(run.stdout, /\u001B\[/)
    assert.match(run.stdout, /✗ tcp\s+connection refused/)
    const more = /More: kdoctor explain KD202 {2}· {2}page: (\S+)\n/.exec(run.stdout)
    assert.ok(more, run.stdout)
    assert.equal(more[1], join(ROOT, 'docs/troubleshooting/KD202.md'))
    assert.ok(existsSync(more[1]!), 'the page named is a file of the package')
    assert.doesNotMatch(run.stdout, /https:\/\//, 'no web address: package.json names no repository')
    assert.equal(run.stderr, '', 'no spinner without a terminal')
  })

  test('--version and --help work', async () => {
    const version = await runCli(['--version'])
    assert.match(version.stdout, /^kdoctor\/0\.1\.0 /)
    const help = await runCli(['--help'])
    for (const command of ['connect', 'cluster-info', 'explain']) assert.match(help.stdout, new RegExp(`\\n  ${command} `))
  })
})
