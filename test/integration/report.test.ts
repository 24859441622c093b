// One output path for every command: --format markdown / --report FILE.md on the real broker,
// --format json as --json, and the same markdown for explain.
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {before, describe, test} from 'node:test'

import {runCli} from '../helpers/cli.js'
import {type Rig, ensureRig} from '../helpers/rig.js'

let rig: Rig
const CANARY = 'canary-PW-report-81c2'
const addr = (name: keyof Rig['listeners']) => `${rig.listeners[name].host}:${rig.listeners[name].port}`

before(async () => {
  rig = await ensureRig()
})

const wrongPassword = () => ['-b', addr('sasl_plaintext'), '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=SCRAM-SHA-512', '-X', 'sasl.username=alice', '-X', `sasl.password=${CANARY}`, '--no-client', '--timeout', '8s']

describe('the markdown report', () => {
  test('connect --format markdown: a ticket-ready report on stdout, the failure with code, evidence and fix, no secret', async () => {
    const run = await runCli(['connect', '--format', 'markdown', ...wrongPassword()])
    assert.equal(run.status, 1)
    const md = run.stdout
    assert.match(md, /^# kdoctor connect\n/)
    assert.match(md, /❌ \*\*Problems found\.\*\*/)
    assert.match(md, /^- \*\*Host:\*\* `[^`]+` · /m)
    assert.match(md, /^### ❌ KD404: /m)
    assert.match(md, /<details><summary>Evidence<\/summary>/)
    assert.match(md, /^\*\*Fix\*\*$/m)
    assert.match(md, /^\| ❌ \| `127\.0\.0\.1:\d+ \(bootstrap\)` \| sasl \| .* \| KD404 \|$/m)
    assert.match(md, /^- broker: Kafka (4\.x or newer|before 4\.0) \(from ApiVersions of `127\.0\.0\.1:\d+ \(bootstrap\)`\)$/m)
    assert.ok(!md.includes(CANARY) && !run.stderr.includes(CANARY), 'the password reached the report')
    assert.ok(!md.includes('\u001b'), 'colour codes in markdown')
  })

  test('--report FILE.md writes the same report while stdout stays human (or JSON)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdoctor-report-'))
    const human = await runCli(['connect', '--report', join(dir, 'human.md'), ...wrongPassword()])
    assert.equal(human.status, 1)
    assert.match(human.stdout, /^kdoctor connect · /)
    assert.match(human.stdout, /Problems found\./)
    const file = readFileSync(join(dir, 'human.md'), 'utf8')
    assert.match(file, /^# kdoctor connect\n/)
    assert.match(file, /^### ❌ KD404: /m)
    assert.ok(!file.includes(CANARY))
    assert.equal(statSync(join(dir, 'human.md')).mode & 0o077, 0, 'the report is readable by others')

    const json = await runCli(['connect', '--json', '--report', join(dir, 'json.md'), ...wrongPassword()])
    assert.equal(json.json.command, 'connect')
    assert.match(readFileSync(join(dir, 'json.md'), 'utf8'), /^### ❌ KD404: /m)
  })

  test('--report to a file that cannot be written: one line, exit 2', async () => {
    const run = await runCli(['connect', '--report', '/nonexistent-dir/r.md', '-b', addr('plaintext'), '--no-client'])
    assert.equal(run.status, 2)
    assert.match(run.stderr, /^kdoctor: cannot write the report to \/nonexistent-dir\/r\.md: .* \(from flag --report\)\n$/)
  })

  test('--format json is --json', async () => {
    const run = await runCli(['connect', '--format', 'json', '-b', addr('plaintext'), '--no-client'])
    assert.equal(run.status, 0)
    assert.equal(run.json.schema, 'kdoctor/v1')
    assert.equal(run.json.ok, true)
  })

  test('acl-check goes through the same path: matrix in markdown, exit code from the report', async () => {
    const run = await runCli(['acl-check', '--format', 'markdown', '-b', addr('sasl_plaintext'), '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=SCRAM-SHA-512', '-X', 'sasl.username=alice', '-X', 'sasl.password=env:PW', '--topic', 'alice.orders', '--timeout', '8s'], {env: {PW: rig.users.alice}})
    assert.match(run.stdout, /^# kdoctor acl-check\n/)
    assert.match(run.stdout, /^## Permissions$/m)
    assert.match(run.stdout, /^\| Resource \| /m)
    assert.match(run.stdout, /^\| `topic alice\.orders` \| /m)
    assert.ok(!run.stdout.includes(rig.users.alice))
    assert.equal(run.status, run.stdout.includes('**No blocking problem found.**') ? 0 : 1)
  })

  test('explain KD301 --format markdown: the entry as markdown, exit 0', async () => {
    const run = await runCli(['explain', 'KD301', '--format', 'markdown'])
    assert.equal(run.status, 0)
    assert.match(run.stdout, /^# KD301: /)
    assert.match(run.stdout, /^\*\*Fix\*\*$/m)
  })
})
