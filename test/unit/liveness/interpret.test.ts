import assert from 'node:assert/strict'
import {describe, test} from 'node:test'

import type {ProbeOutcome} from '../../../src/liveness/http-probe.js'
import {DEFAULT_PROBE_TIMEOUT, DEFAULT_TTLS, type InterpretContext, interpretOutcome} from '../../../src/liveness/interpret.js'

const NOW = 1_717_251_446_000
const context: InterpretContext = {url: 'http://localhost:3000/', port: 3000, swarmExpected: false, probeTimeout: DEFAULT_PROBE_TIMEOUT, ttls: DEFAULT_TTLS, nowMs: NOW}

function response(statusCode: number, body: unknown, extra: Partial<Extract<ProbeOutcome, {kind: 'response'}>> = {}): ProbeOutcome {
  return {kind: 'response', statusCode, statusMessage: '', contentType: 'application/json', body: typeof body === 'string' ? body : JSON.stringify(body), truncated: false, elapsedMs: 3, ...extra}
}

function liveness(errors: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
  const merged = {polling_ttl_exceeded: false, consumption_ttl_exceeded: false, stability_ttl_exceeded: false, unrecoverable: false, ...errors}
  const unhealthy = Object.values(merged).some((v) => v !== false)
  return {status: unhealthy ? 'unhealthy' : 'healthy', timestamp: NOW / 1000, port: 3000, process_id: 1, errors: merged, ...top}
}

const problems = (reading: ReturnType<typeof interpretOutcome>) => reading.findings.filter((f) => f.status === 'fail' || f.status === 'warn').map((f) => `${f.status}:${f.code}`)

describe('interpreting an answer', () => {
  test('200 healthy: two passes, no problem', () => {
    const reading = interpretOutcome(response(200, liveness()), context)
    assert.equal(reading.state, 'healthy')
    assert.equal(reading.label, 'healthy')
    assert.deepEqual(problems(reading), [])
    assert.match(reading.findings[0]?.summary ?? '', /HTTP 200: Karafka LivenessListener, pid 1, port 3000, time-stamped 0 s ago/)
    assert.match(reading.findings[1]?.summary ?? '', /healthy: polling, consuming, stability within their TTLs, no unrecoverable error/)
  })

  for (const [flag, code] of [
    ['polling_ttl_exceeded', 'KD802'],
    ['consumption_ttl_exceeded', 'KD803'],
    ['stability_ttl_exceeded', 'KD806'],
  ] as const) {
    test(`500 with ${flag} → ${code}`, () => {
      const reading = interpretOutcome(response(500, liveness({[flag]: true})), context)
      assert.equal(reading.state, 'unhealthy')
      assert.equal(reading.label, `unhealthy (${flag})`)
      assert.deepEqual(reading.codes, [code])
      const failure = reading.findings.find((f) => f.code === code)
      assert.equal(failure?.status, 'fail')
      assert.equal(failure?.evidence.flag, flag)
    })
  }

  test('the TTL in the message comes from the settings when given', () => {
    const reading = interpretOutcome(response(500, liveness({polling_ttl_exceeded: true})), {...context, ttls: {...DEFAULT_TTLS, pollingMs: 120_000, source: 'karafka.rb line 9'}})
    assert.match(reading.findings.find((f) => f.code === 'KD802')?.summary ?? '', /120 s, karafka\.rb line 9/)
  })

  test('unrecoverable "fenced" → KD804 with the error name and what it means', () => {
    const reading = interpretOutcome(response(500, liveness({unrecoverable: 'fenced'})), context)
    assert.deepEqual(reading.codes, ['KD804'])
    assert.equal(reading.label, 'unhealthy (unrecoverable=fenced)')
    const f = reading.findings.find((x) => x.code === 'KD804')
    assert.match(f?.summary ?? '', /"fenced".*group\.instance\.id/)
    assert.equal(f?.evidence.value, 'fenced')
  })

  test('several flags at once: one failure each, in the listener\'s order', () => {
    const reading = interpretOutcome(response(500, liveness({consumption_ttl_exceeded: true, polling_ttl_exceeded: true})), context)
    assert.deepEqual(reading.codes, ['KD802', 'KD803'])
  })

  test('swarm: controlling_ttl_exceeded → KD805; healthy swarm passes', () => {
    const body = {status: 'unhealthy', timestamp: NOW / 1000, port: 3000, process_id: 9, errors: {controlling_ttl_exceeded: true}}
    const reading = interpretOutcome(response(500, body), {...context, swarmExpected: true})
    assert.deepEqual(reading.codes, ['KD805'])
    assert.match(reading.findings[0]?.summary ?? '', /SwarmLivenessListener/)
    const healthy = interpretOutcome(response(200, {...body, status: 'healthy', errors: {controlling_ttl_exceeded: false}}), {...context, swarmExpected: true})
    assert.equal(healthy.state, 'healthy')
    assert.deepEqual(problems(healthy), [])
  })

  test('--swarm but the standard listener answers → KD808 warning', () => {
    const reading = interpretOutcome(response(200, liveness()), {...context, swarmExpected: true})
    assert.deepEqual(problems(reading), ['warn:KD808'])
  })

  test('a swarm answer without --swarm is read anyway and noted', () => {
    const body = {status: 'healthy', timestamp: NOW / 1000, port: 3000, process_id: 9, errors: {controlling_ttl_exceeded: false}}
    const reading = interpretOutcome(response(200, body), context)
    assert.equal(reading.state, 'healthy')
    assert.match(reading.findings[0]?.summary ?? '', /swarm supervisor/)
  })

  test('old Karafka: 204 without a body is healthy, with a note', () => {
    const reading = interpretOutcome(response(204, '', {contentType: 'text/plain'}), context)
    assert.equal(reading.state, 'healthy')
    assert.deepEqual(problems(reading), [])
    assert.match(reading.findings[0]?.summary ?? '', /before 2\.5\.0/)
  })

  test('old Karafka: 500 without a body is unhealthy without a reason (KD809, candidates listed)', () => {
    const reading = interpretOutcome(response(500, '', {contentType: 'text/plain'}), context)
    assert.equal(reading.state, 'unhealthy')
    assert.deepEqual(reading.codes, ['KD809'])
    assert.deepEqual(reading.findings[0]?.evidence.possibleCodes, ['KD802', 'KD803', 'KD804'])
  })

  test('unknown extra keys are tolerated; the timestamp age is reported', () => {
    const reading = interpretOutcome(response(200, liveness({}, {version: '2.7', timestamp: NOW / 1000 - 95})), context)
    assert.equal(reading.state, 'healthy')
    const answer = reading.findings[0]
    assert.equal(answer?.evidence.timestampAgeSeconds, 95)
    assert.deepEqual(answer?.evidence.extraKeys, ['version'])
    assert.match(answer?.summary ?? '', /time-stamped 95 s ago — clocks differ/)
  })

  test('the body names another port: reached through a port-forward', () => {
    const reading = interpretOutcome(response(200, liveness()), {...context, port: 13000})
    assert.match(reading.findings[0]?.summary ?? '', /listener port 3000 \(reached through 13000\)/)
  })

  test('malformed JSON: the status code decides, the reason is unreadable (KD809)', () => {
    const broken = '{"status":"unhealthy","errors":{"polling_ttl'
    const sick = interpretOutcome(response(500, broken), context)
    assert.equal(sick.state, 'unhealthy')
    assert.deepEqual(problems(sick), ['fail:KD809'])
    const fine = interpretOutcome(response(200, broken), context)
    assert.equal(fine.state, 'healthy')
    assert.deepEqual(problems(fine), ['warn:KD809'])
  })

  test('404 and HTML come from another server (KD808)', () => {
    const notFound = interpretOutcome(response(404, '<h1>Not Found</h1>', {contentType: 'text/html'}), context)
    assert.equal(notFound.state, 'not-listener')
    assert.deepEqual(problems(notFound), ['fail:KD808'])
    assert.match(notFound.findings[0]?.summary ?? '', /answers every path with 200 or 500/)
    const puma = interpretOutcome(response(200, '<html>Rails</html>', {contentType: 'text/html'}), context)
    assert.deepEqual(problems(puma), ['warn:KD808'])
    assert.equal(puma.findings[0]?.evidence.body, '<html>Rails</html>')
  })

  test("the ReadinessListener's answer is not a liveness answer (KD808)", () => {
    const reading = interpretOutcome(response(200, {status: 'healthy', timestamp: NOW / 1000, port: 3001, process_id: 1, ready: true, polled_subscription_groups: 1, expected_subscription_groups: 1}), context)
    assert.equal(reading.state, 'not-listener')
    assert.deepEqual(problems(reading), ['warn:KD808'])
  })

  test('unhealthy with every flag false: a custom #healthy? said no (KD809)', () => {
    const reading = interpretOutcome(response(500, {...liveness(), status: 'unhealthy'}), context)
    assert.equal(reading.state, 'unhealthy')
    assert.deepEqual(problems(reading), ['fail:KD809'])
    assert.match(reading.findings[1]?.summary ?? '', /custom #healthy\?/)
  })

  test('slower than the kubelet default timeout: warn; slower than the manifest\'s: fail', () => {
    const slow = interpretOutcome(response(200, liveness(), {elapsedMs: 1400}), context)
    assert.deepEqual(problems(slow), ['warn:KD808'])
    const manifest = interpretOutcome(response(200, liveness(), {elapsedMs: 1400}), {...context, probeTimeout: {ms: 1000, source: "the livenessProbe's timeoutSeconds in deployment/x"}})
    assert.deepEqual(problems(manifest), ['fail:KD808'])
    const quick = interpretOutcome(response(200, liveness(), {elapsedMs: 900}), context)
    assert.deepEqual(problems(quick), [])
  })

  test('secrets in a foreign body are masked', () => {
    const reading = interpretOutcome(response(500, 'error: password=hunter2-secret in config', {contentType: 'text/plain'}), context)
    assert.doesNotMatch(JSON.stringify(reading.findings), /hunter2-secret/)
  })
})

describe('interpreting a failed request', () => {
  const failure = (kind: Extract<ProbeOutcome, {kind: 'error'}>['failure'], connected = false): ProbeOutcome => ({kind: 'error', failure: kind, message: 'x', connected, timeoutMs: 5000, elapsedMs: 5000})

  test('refused → KD801, naming why the port may be closed', () => {
    const reading = interpretOutcome(failure('refused'), context)
    assert.equal(reading.state, 'unreachable')
    assert.equal(reading.label, 'unreachable (refused)')
    assert.deepEqual(reading.codes, ['KD801'])
    assert.match(reading.findings[0]?.summary ?? '', /opens only once Karafka runs/)
  })

  test('timeouts: dropped SYNs and a silent process are both KD801, told apart', () => {
    const dropped = interpretOutcome(failure('connect-timeout'), context)
    const silent = interpretOutcome(failure('answer-timeout', true), context)
    assert.deepEqual([dropped.codes, silent.codes], [['KD801'], ['KD801']])
    assert.equal(dropped.findings[0]?.evidence.phase, 'connect')
    assert.equal(silent.findings[0]?.evidence.phase, 'answer')
    assert.match(silent.findings[0]?.summary ?? '', /frozen/)
  })

  test('bytes that are not HTTP → KD808', () => {
    const reading = interpretOutcome(failure('not-http', true), context)
    assert.equal(reading.state, 'not-listener')
    assert.deepEqual(reading.codes, ['KD808'])
  })
})
