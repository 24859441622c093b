import assert from 'node:assert/strict'
import {describe, test} from 'node:test'

import {flagRaised, readBody} from '../../../src/liveness/answer.js'

// Bodies as Karafka writes them (JSON.generate: compact, keys in this order).
const HEALTHY_2_6 = '{"status":"healthy","timestamp":1717251446,"port":3000,"process_id":12345,"errors":{"polling_ttl_exceeded":false,"consumption_ttl_exceeded":false,"stability_ttl_exceeded":false,"unrecoverable":false}}'
const HEALTHY_2_5 = '{"status":"healthy","timestamp":1717251446,"port":3000,"process_id":12345,"errors":{"polling_ttl_exceeded":false,"consumption_ttl_exceeded":false,"unrecoverable":false}}'
const SWARM = '{"status":"unhealthy","timestamp":1717251446,"port":3000,"process_id":7,"errors":{"controlling_ttl_exceeded":true}}'
const READINESS = '{"status":"healthy","timestamp":1717251446,"port":3001,"process_id":7,"ready":true,"polled_subscription_groups":2,"expected_subscription_groups":2}'

describe('reading the listener body', () => {
  test('the LivenessListener envelope, every field', () => {
    const read = readBody(HEALTHY_2_6)
    assert.ok(read.ok)
    assert.equal(read.answer.kind, 'liveness')
    assert.equal(read.answer.status, 'healthy')
    assert.equal(read.answer.timestamp, 1717251446)
    assert.equal(read.answer.port, 3000)
    assert.equal(read.answer.processId, 12345)
    assert.deepEqual(read.answer.extraKeys, [])
    assert.deepEqual(read.answer.missingKeys, [])
  })

  test('2.5.x has no stability_ttl_exceeded: noted as missing, not an error', () => {
    const read = readBody(HEALTHY_2_5)
    assert.ok(read.ok)
    assert.equal(read.answer.kind, 'liveness')
    assert.deepEqual(read.answer.missingKeys, ['errors.stability_ttl_exceeded'])
  })

  test('unknown keys are tolerated and listed, at the top and inside errors', () => {
    const body = JSON.parse(HEALTHY_2_6)
    body.version = '2.7.0'
    body.errors.redis_down = false
    const read = readBody(JSON.stringify(body))
    assert.ok(read.ok)
    assert.deepEqual(read.answer.extraKeys, ['version', 'errors.redis_down'])
  })

  test('the swarm and readiness listeners are told apart by their keys', () => {
    const swarm = readBody(SWARM)
    assert.ok(swarm.ok)
    assert.equal(swarm.answer.kind, 'swarm')
    const readiness = readBody(READINESS)
    assert.ok(readiness.ok)
    assert.equal(readiness.answer.kind, 'readiness')
    assert.deepEqual(readiness.answer.extraKeys, [])
  })

  test('empty, non-JSON and foreign JSON bodies are not answers', () => {
    assert.deepEqual(readBody(''), {ok: false, reason: 'empty', excerpt: ''})
    const html = readBody('<html><body>Not Found</body></html>')
    assert.equal(html.ok, false)
    assert.equal(!html.ok && html.reason, 'not-json')
    const foreign = readBody('{"ok":true}')
    assert.equal(!foreign.ok && foreign.reason, 'not-karafka')
    const truncated = readBody('{"status":"unhealthy","errors":{"polling_')
    assert.equal(!truncated.ok && truncated.reason, 'not-json')
  })

  test('long bodies are cut in the excerpt', () => {
    const read = readBody('x'.repeat(5000))
    assert.ok(!read.ok && read.excerpt.length <= 201)
  })

  test('a flag is raised by true or an error name, never by false', () => {
    assert.equal(flagRaised(true), true)
    assert.equal(flagRaised('fenced'), true)
    assert.equal(flagRaised(false), false)
    assert.equal(flagRaised(null), false)
    assert.equal(flagRaised(''), false)
    assert.equal(flagRaised(0), false)
  })
})
