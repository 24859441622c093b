import assert from 'node:assert/strict'
import {describe, test} from 'node:test'

import {escapeLines, escapeMarkdown, escapeText} from '../../../src/core/escape.js'
import {renderHuman} from '../../../src/report/human.js'
import {renderClusterView} from '../../../src/report/cluster-table.js'
import {buildReport, finding} from '../../../src/diagnosis/finding.js'
import {makeChalk} from '../../../src/report/explain-text.js'

const HOSTILE = 'b1\u001b[2J\u0007\r\n  ✓ tcp  forged\u202e\u0085'

describe('escaping untrusted strings', () => {
  test('controls, C1, line separators and bidi overrides become visible escapes', () => {
    assert.equal(escapeText(HOSTILE), 'b1\\x1b[2J\\x07\\r\\n  ✓ tcp  forged\\u202e\\x85')
    assert.equal(escapeText('plain host-1.example:9092 ünïcode'), 'plain host-1.example:9092 ünïcode')
    assert.equal(escapeLines('a\r\nb\tc\u001b'), 'a\nb\tc\\x1b')
  })

  test('markdown metacharacters are escaped too', () => {
    assert.equal(escapeMarkdown('a|b *c* [x](y) <s>'), 'a\\|b \\*c\\* \\[x\\]\\(y\\) \\<s\\>')
  })

  test('the human checklist and the cluster table print no escape byte from a broker', () => {
    const report = buildReport('connect', [finding({check: 'metadata', target: `${HOSTILE}:9092 (broker 1)`, status: 'pass', summary: `cluster ${HOSTILE}`})], 'fail')
    const human = renderHuman(report, undefined, makeChalk({NO_COLOR: '1'}))
    assert.doesNotMatch(human, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/)
    assert.equal(human.split('\n').filter((l) => l.includes('forged')).length, 2, 'no forged line of its own')
    const table = renderClusterView({clusterId: HOSTILE, controllerId: 1, brokers: [{nodeId: 1, host: HOSTILE, port: 9092, rack: HOSTILE}], topics: [{name: HOSTILE, partitions: 1, replicationFactor: 1, leaderless: [], internal: false}]})
    assert.doesNotMatch(table.replace(/\u001b\[[0-9;]*m/g, ''), /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/)
  })
})
