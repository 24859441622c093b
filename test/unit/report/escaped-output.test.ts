// Strings from a broker reach the checklist and the cluster table only as visible escapes.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import {buildReport, finding} from '../../../src/diagnosis/finding.js'
import {renderClusterView} from '../../../src/report/cluster-table.js'
import {makeChalk} from '../../../src/report/colour.js'
import {renderHuman} from '../../../src/report/human.js'

const HOSTILE = 'b1\u001b[2J\u0007\r\n  ✓ tcp  forged\u202e\u0085'
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/

test('the human checklist and the cluster table print no escape byte from a broker', async () => {
  const report = buildReport('connect', [finding({check: 'metadata', target: `${HOSTILE}:9092 (broker 1)`, status: 'pass', summary: `cluster ${HOSTILE}`})], 'fail')
  const human = await renderHuman(report, undefined, makeChalk({NO_COLOR: '1'}))
  assert.doesNotMatch(human, RAW_CONTROL)
  assert.equal(human.split('\n').filter((l) => l.includes('forged')).length, 2, 'no forged line of its own')
  const table = renderClusterView({clusterId: HOSTILE, controllerId: 1, brokers: [{nodeId: 1, host: HOSTILE, port: 9092, rack: HOSTILE}], missingBrokers: [], topics: [{name: HOSTILE, partitions: 1, replicationFactor: 1, leaderless: [], underReplicated: [], internal: false}]})
  assert.doesNotMatch(table.replace(/\u001b\[[0-9;]*m/g, ''), RAW_CONTROL)
})
