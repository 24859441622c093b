// The ticket-ready markdown report: its sections, tables GitHub can render, settings with sources
// (secrets masked), and untrusted strings that cannot break out of their place.
import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, test} from 'node:test'

import {Chalk} from 'chalk'

import {buildReport, finding, type Report} from '../../../src/diagnosis/finding.js'
import {describeHost} from '../../../src/platforms/host.js'
import {renderMarkdown, type ReportContext} from '../../../src/report/markdown.js'
import {renderTerminal} from '../../../src/report/view.js'

const CANARY = 'canary-secret-7f3a'
const HOSTILE = 'evil\u001b[31m|[click](http://x)<img src=x>\nforged line'

const context: ReportContext = {
  kdoctorVersion: '0.1.0',
  kafkajsVersion: '2.2.4',
  host: {hostname: 'web-7d9f', os: 'Linux 6.8.0 x64', node: 'v20.0.0', podNamespace: 'payments', podNamespaceSource: 'service account'},
  at: '2026-12-03T07:00:00.000Z',
}

function sample(): Report {
  const report = buildReport('connect', [
    finding({check: 'dns', target: 'b-1:9096 (bootstrap)', status: 'pass', summary: 'resolved to 10.0.0.1'}),
    finding({check: 'listener', target: 'b-1:9096 (bootstrap)', status: 'pass', summary: 'TLS listener', evidence: {brokerGeneration: '4.x or newer'}}),
    finding({check: 'sasl', target: HOSTILE, status: 'fail', code: 'KD404', summary: `authentication failed: ${HOSTILE}`, evidence: {mechanism: 'SCRAM-SHA-512', broker: HOSTILE}}),
    finding({check: 'metadata', target: 'b-1:9096 (bootstrap)', status: 'skip', summary: 'not run: sasl failed'}),
  ])
  return {
    ...report,
    settings: [
      {key: 'bootstrap.servers', value: 'b-1:9096', source: 'karafka.rb:12'},
      {key: 'sasl.password', value: CANARY, source: 'env KAFKA_PASSWORD', secret: true},
      {key: 'sasl.username', value: 'app|ops', source: '-X'},
    ],
  }
}

/** Cells of a markdown table row: split on pipes that are not backslash-escaped. */
const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length - 2

describe('the markdown report', () => {
  const md = renderMarkdown(sample(), {heading: 'kdoctor connect · 1 bootstrap address'}, context)
  const lines = md.split('\n')

  test('has the title, verdict, where it ran, settings, problems, every check and versions, in that order', () => {
    assert.equal(lines[0], '# kdoctor connect')
    const order = ['# kdoctor connect', '## Settings', '## Problems', '## Every check', '## Versions seen'].map((h) => lines.indexOf(h))
    assert.ok(order.every((i) => i >= 0), JSON.stringify(order))
    assert.deepEqual([...order].sort((a, b) => a - b), order)
    assert.match(md, /❌ \*\*Problems found\.\*\* 1 failed, 0 warnings, 2 passed, 1 skipped\./)
    assert.match(md, /- \*\*kdoctor:\*\* 0\.1\.0/)
    assert.match(md, /- \*\*Host:\*\* `web-7d9f` · Linux 6\.8\.0 x64/)
    assert.match(md, /- \*\*Kubernetes pod namespace:\*\* `payments` \(from service account\)/)
    assert.match(md, /- broker: Kafka 4\.x or newer \(from ApiVersions of `b-1:9096 \(bootstrap\)`\)/)
  })

  test('settings: every one with its source, the secret masked', () => {
    assert.ok(!md.includes(CANARY), 'the secret value is in the report')
    assert.match(md, /\| `sasl\.password` \| •••••• \(secret\) \| env KAFKA\\_PASSWORD \|/)
    assert.match(md, /\| `bootstrap\.servers` \| `b-1:9096` \| karafka\.rb:12 \|/)
    assert.match(md, /\| `sasl\.username` \| `app\\\|ops` \| -X \|/)
  })

  test('every problem has its code, evidence and fix', () => {
    const problem = lines.indexOf('### ❌ KD404: ' + md.split('### ❌ KD404: ')[1]!.split('\n')[0])
    assert.ok(problem > 0)
    const body = lines.slice(problem, lines.indexOf('## Every check')).join('\n')
    assert.match(body, /\*\*Fix\*\*/)
    assert.match(body, /<details><summary>Evidence<\/summary>/)
    assert.match(body, /```json\n\{\n {2}"mechanism": "SCRAM-SHA-512"/)
    assert.match(body, /kdoctor explain KD404/)
  })

  test('tables: every row has as many cells as its header', () => {
    let header = 0
    for (const line of lines) {
      if (!line.startsWith('|')) {
        header = 0
        continue
      }

      if (header === 0) header = cells(line)
      else assert.equal(cells(line), header, line)
    }
  })

  test('untrusted text cannot escape: no control character, link, HTML tag or extra line', () => {
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(md), 'a raw control character reached the report')
    // Inside code (fenced blocks, inline spans) markdown is literal; everywhere else nothing may be live.
    const prose = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+) ?[^`].*?[^`]? ?\1/g, '')
    assert.ok(!/[^\\]\[click\]\(/.test(prose), 'a link survived')
    assert.ok(!/[^\\]<img/.test(prose), 'an HTML tag survived')
    assert.ok(!lines.some((l) => l.startsWith('forged line')), 'a newline in a broker string started a line of its own')
    // The ESC is shown as \\e (its backslash escaped for markdown, so GitHub shows \e).
    assert.match(md, /evil\\\\e\\\[31m/)
  })

  test('without settings, problems or a reachable broker the sections say so or are left out', () => {
    const bare = renderMarkdown(buildReport('liveness', [finding({check: 'liveness', target: 'http://localhost:3000/', status: 'pass', summary: 'healthy'})]), {}, context)
    assert.ok(!bare.includes('## Settings') && !bare.includes('## Problems'))
    assert.match(bare, /- broker: not reached/)
    assert.ok(!bare.includes('kafkajs'), 'kafkajs is named only when the client check ran')
  })
})

describe('the terminal heading', () => {
  test('stays one line (describeProfile names the sources in it), then the checklist', async () => {
    const text = await renderTerminal(sample(), {heading: 'kdoctor connect · settings from karafka.rb, env, -X'}, new Chalk({level: 0}))
    const [heading, blank] = text.split('\n')
    assert.equal(heading, 'kdoctor connect · settings from karafka.rb, env, -X')
    assert.equal(blank, '')
    assert.ok(!text.includes(CANARY))
  })
})

describe('where it ran', () => {
  test('the pod namespace comes from the service account mount, else POD_NAMESPACE, else is absent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdoctor-host-'))
    writeFileSync(join(dir, 'namespace'), 'payments\n')
    const missing = join(dir, 'missing')
    assert.equal(describeHost({}, {namespace: join(dir, 'namespace')}).podNamespace, 'payments')
    assert.deepEqual(Object.entries(describeHost({POD_NAMESPACE: 'orders'}, {namespace: missing})).filter(([k]) => k.startsWith('pod')), [['podNamespace', 'orders'], ['podNamespaceSource', 'env POD_NAMESPACE']])
    assert.equal(describeHost({}, {namespace: missing}).podNamespace, undefined)
    writeFileSync(join(dir, 'os-release'), 'NAME="Alpine Linux"\nPRETTY_NAME="Alpine Linux v3.20"\n')
    assert.match(describeHost({}, {namespace: missing, osRelease: join(dir, 'os-release')}).os, /\(Alpine Linux v3\.20\)$/)
  })
})
