// The correlation step, pure. Its live half is tested against loopback ports only
// (test/integration/aws-reachability.test.ts).
import assert from 'node:assert/strict'
import {test} from 'node:test'

import {correlate} from '../../../src/aws/correlate.js'

const ctx = {target: '127.0.0.1:9096', ip: '127.0.0.1', port: 9096, probedFromClient: true}

test('rules allow, port times out → KD708', () => {
  const f = correlate('allowed', {ok: false, kind: 'timeout', durationMs: 5000}, ctx)
  assert.equal(f?.code, 'KD708')
  assert.equal(f?.status, 'fail')
  assert.match(f!.summary, /may still be propagating/)
})

test('rules block, port times out → consistent, no second code', () => {
  const f = correlate('blocked', {ok: false, kind: 'timeout', durationMs: 5000}, ctx)
  assert.equal(f?.status, 'info')
  assert.equal(f?.code, undefined)
})

test('refused → the packets got there, nothing listens (MSK listener named)', () => {
  const f = correlate('allowed', {ok: false, kind: 'refused', durationMs: 1}, ctx)
  assert.equal(f?.status, 'info')
  assert.match(f!.summary, /nothing listens on 9096 \(MSK: 9096 is the SASL\/SCRAM over TLS listener/)
})

test('connected although the rules say blocked → kdoctor evaluated the wrong client', () => {
  const f = correlate('blocked', {ok: true, durationMs: 1}, ctx)
  assert.match(f!.summary, /another client than this one/)
  assert.equal(correlate('allowed', {ok: true, durationMs: 1}, ctx), undefined)
})

test('the probe ran elsewhere than the evaluated client: no KD708 claimed', () => {
  const f = correlate('allowed', {ok: false, kind: 'timeout', durationMs: 5000}, {...ctx, probedFromClient: false})
  assert.equal(f?.code, undefined)
  assert.equal(f?.status, 'info')
})
