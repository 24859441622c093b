// kdoctor's and kafkajs's version choice against a broker's ApiVersions, and KD505 where none is left.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {apiVersionFindings, apiVersionRows} from '../../../src/checks/api-versions.js'

const broker = (ranges: Record<number, [number, number]>) => Object.entries(ranges).map(([k, [min, max]]) => ({apiKey: Number(k), minVersion: min, maxVersion: max}))

describe('apiVersionRows', () => {
  it('kdoctor takes the highest common version; kafkajs min(its highest, the broker highest), ignoring the broker lowest', () => {
    const rows = apiVersionRows(broker({1: [4, 18], 3: [0, 13], 60: [0, 2]}), new Map([[1, {min: 4, max: 12}]]), new Map([[1, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]], [3, [0, 1, 2, 3, 4, 5, 6]], [99, [0]]]))
    assert.deepEqual(rows.map((r) => [r.name, r.broker, r.kdoctor?.uses, r.kafkajs?.uses]), [
      ['Fetch', {min: 4, max: 18}, 12, 11],
      ['Metadata', {min: 0, max: 13}, undefined, 6],
      ['DescribeCluster', {min: 0, max: 2}, undefined, undefined],
      ['ApiKey(99)', null, undefined, null],
    ])
  })
})

describe('apiVersionFindings', () => {
  it('KD505 when the broker refuses every version a client sends (KIP-896); an API it never offered is only noted', () => {
    // A broker whose Fetch starts at v12: kafkajs (v0-11) has nothing left; kdoctor (v4-12) still does.
    const apis = apiVersionRows(broker({1: [12, 18]}), new Map([[1, {min: 4, max: 12}]]), new Map([[1, [0, 11]], [99, [0]]]))
    const findings = apiVersionFindings({nodeId: 2, address: 'b2:9092', apis}, {kdoctor: 'kdoctor', kafkajs: 'kafkajs 2.2.4'})
    assert.equal(findings.length, 1)
    assert.equal(findings[0]!.code, 'KD505')
    assert.equal(findings[0]!.status, 'warn')
    assert.equal(findings[0]!.target, 'b2:9092 (broker 2)')
    assert.match(findings[0]!.summary, /kafkajs 2\.2\.4: the broker refuses every version kafkajs 2\.2\.4 sends of Fetch \(kafkajs v0-11, broker v12-18\); it does not offer ApiKey\(99\)/)
    assert.deepEqual(apiVersionFindings({address: 'b:1', apis: apiVersionRows(broker({1: [4, 18]}), new Map([[1, {min: 4, max: 12}]]), new Map())}, {kdoctor: 'kdoctor', kafkajs: 'kafkajs'}), [])
  })
})
