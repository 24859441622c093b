// kdoctor doctor's checklist: each area's verdict from its findings, and how the checklist reads.
import assert from 'node:assert/strict'
import {describe, test} from 'node:test'

import {Chalk} from 'chalk'

import {type AreaVerdict, areaVerdict, skippedArea} from '../../../src/checks/doctor/areas.js'
import {type Finding, finding} from '../../../src/diagnosis/finding.js'
import {renderDoctorChecklist, renderDoctorChecklistMarkdown} from '../../../src/report/doctor-checklist.js'

const f = (status: Finding['status'], target: string, summary: string, code?: Finding['code']): Finding => finding({check: 'tcp', target, status, summary, ...(code ? {code} : {})})

describe('areaVerdict', () => {
  test('a failure outranks warnings: its codes first, each once, and the first failure is the line', () => {
    const verdict = areaVerdict('connect', [
      f('pass', 'a:1', 'connected'),
      f('warn', 'a:1', 'private address', 'KD205'),
      f('fail', 'b:2', 'connection refused', 'KD202'),
      f('fail', 'c:3', 'connection refused', 'KD202'),
    ])
    assert.equal(verdict.status, 'fail')
    assert.deepEqual(verdict.codes, ['KD202', 'KD205'])
    assert.equal(verdict.summary, 'b:2: connection refused (and 2 more)')
    assert.equal(verdict.title, 'Connection')
  })

  test('warnings only: warn, with the first warning', () => {
    const verdict = areaVerdict('heroku', [f('pass', 'KAFKA_URL', 'ok'), f('warn', 'KAFKA_PREFIX', 'KAFKA_PREFIX is not set', 'KD704')])
    assert.deepEqual([verdict.status, verdict.codes, verdict.summary], ['warn', ['KD704'], 'KAFKA_PREFIX: KAFKA_PREFIX is not set'])
  })

  test('passes: how many, on how many targets; info and skipped layers do not make it fail', () => {
    const verdict = areaVerdict('connect', [f('pass', 'a:1', 'x'), f('pass', 'a:1', 'y'), f('pass', 'b:2', 'z'), f('info', 'a:1', 'note'), f('skip', 'c:3', 'not run: tcp failed')])
    assert.deepEqual([verdict.status, verdict.summary], ['pass', '3 checks passed on 2 targets, 1 skipped'])
  })

  test('settings with nothing to remark pass', () => {
    assert.deepEqual(areaVerdict('settings', []), {area: 'settings', title: 'Settings', status: 'pass', codes: [], summary: 'read, nothing to remark'})
  })

  test('an area that did not run is skipped, with its reason and no "not run:" prefix', () => {
    const skipped = skippedArea('aws', 'instance metadata is off (AWS_EC2_METADATA_DISABLED)')
    assert.deepEqual([skipped.check, skipped.target, skipped.status], ['doctor', 'AWS reachability', 'skip'])
    const verdict = areaVerdict('aws', [skipped])
    assert.deepEqual([verdict.status, verdict.summary], ['skip', 'instance metadata is off (AWS_EC2_METADATA_DISABLED)'])
  })
})

describe('the checklist', () => {
  const areas: AreaVerdict[] = [
    {area: 'settings', title: 'Settings', status: 'pass', codes: [], summary: 'read, nothing to remark'},
    {area: 'connect', title: 'Connection', status: 'fail', codes: ['KD404'], summary: '127.0.0.1:9095: authentication failed'},
    {area: 'acl', title: 'Permissions', status: 'warn', codes: ['KD604'], summary: 'topic a|b: cannot be created'},
    {area: 'aws', title: 'AWS reachability', status: 'skip', codes: [], summary: 'instance metadata is off'},
  ]

  test('one line per area: mark, title, codes, then the line; skipped areas say why', () => {
    const text = renderDoctorChecklist(areas, new Chalk({level: 0}))
    assert.equal(
      text,
      [
        '[✓] Settings          read, nothing to remark',
        '[✗] Connection        KD404 · 127.0.0.1:9095: authentication failed',
        '[!] Permissions       KD604 · topic a|b: cannot be created',
        '[-] AWS reachability  skipped: instance metadata is off',
        '',
      ].join('\n'),
    )
  })

  test("a broker's words in a summary cannot drive the terminal: control characters become visible", () => {
    const text = renderDoctorChecklist([{area: 'connect', title: 'Connection', status: 'fail', codes: ['KD100'], summary: 'x:1: \u001b[2Jcleared\nforged line'}], new Chalk({level: 0}))
    assert.equal(text, '[✗] Connection  KD100 · x:1: \\e[2Jcleared\\nforged line\n')
  })

  test('markdown: a GitHub table, pipes in text escaped so a cell cannot break the row', () => {
    const lines = renderDoctorChecklistMarkdown(areas).trimEnd().split('\n')
    assert.deepEqual(lines.slice(0, 2), ['| | Area | Codes | Result |', '|---|---|---|---|'])
    assert.equal(lines[3], '| ✗ | Connection | KD404 | 127.0.0.1:9095: authentication failed |')
    assert.equal(lines[4], '| ! | Permissions | KD604 | topic a\\|b: cannot be created |')
    assert.equal(lines[5], '| - | AWS reachability |  | skipped: instance metadata is off |')
    for (const line of lines) assert.equal(line.split(/(?<!\\)\|/).length, 6, line)
  })
})
