import assert from 'node:assert/strict'
import {describe, test} from 'node:test'

import type {KdCode} from '../../../src/diagnosis/finding.js'
import type {LivenessReading} from '../../../src/liveness/interpret.js'
import {type Transition, watchLiveness} from '../../../src/liveness/watch.js'

/** A clock that only moves when the watch sleeps or a probe takes time. */
function fakeClock(start = Date.UTC(2024, 5, 1, 12, 0, 0)) {
  let t = start
  return {now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => void (t += ms)}
}

const reading = (state: LivenessReading['state'], label: string, codes: KdCode[] = [], elapsedMs = 5, failure?: LivenessReading['failure']): LivenessReading => ({state, label, codes, findings: [], elapsedMs, ...(failure ? {failure} : {})})
const HEALTHY = reading('healthy', 'healthy')
const POLLING = reading('unhealthy', 'unhealthy (polling_ttl_exceeded)', ['KD802'])
const REFUSED = reading('unreachable', 'unreachable (refused)', ['KD801'])

function scripted(clock: ReturnType<typeof fakeClock>, script: LivenessReading[]) {
  let i = 0
  const budgets: number[] = []
  return {
    budgets,
    probe: async (timeoutMs: number) => {
      budgets.push(timeoutMs)
      const r = script[Math.min(i++, script.length - 1)]!
      clock.advance(r.elapsedMs)
      return r
    },
  }
}

describe('--watch', () => {
  test('prints each change with its time, then a summary; stops by itself', async () => {
    const clock = fakeClock()
    const {probe} = scripted(clock, [REFUSED, HEALTHY, HEALTHY, POLLING, POLLING, HEALTHY])
    const seen: Transition[] = []
    const result = await watchLiveness({target: 'http://localhost:3000/', durationMs: 5000, intervalMs: 1000, timeoutMs: 5000, probe, onTransition: (t) => seen.push(t), now: clock.now, sleep: clock.sleep})
    assert.deepEqual(
      seen.map((t) => [t.at.slice(11), t.from, t.to]),
      [
        ['12:00:00.005Z', null, 'unreachable (refused)'],
        ['12:00:01.010Z', 'unreachable (refused)', 'healthy'],
        ['12:00:03.020Z', 'healthy', 'unhealthy (polling_ttl_exceeded)'],
      ],
    )
    assert.equal(result.samples.length, 5, 'five polls fit in 5 s at 1 s intervals')
    assert.deepEqual(result.transitions, seen)
    assert.equal(result.last, POLLING)
    // Ended unhealthy: the last reading carries the verdict, the summary tells the story.
    assert.equal(result.summary.status, 'info')
    assert.match(result.summary.summary, /^watched 5 s: 5 answers \(unreachable \(refused\) ×1, healthy ×2, unhealthy \(polling_ttl_exceeded\) ×2\), 2 changes — unhealthy \(polling_ttl_exceeded\) at the end/)
    assert.deepEqual(result.summary.evidence.counts, {'unreachable (refused)': 1, healthy: 2, 'unhealthy (polling_ttl_exceeded)': 2})
  })

  test('recovered within the watch: a warning with the first problem\'s code', async () => {
    const clock = fakeClock()
    const {probe} = scripted(clock, [HEALTHY, POLLING, HEALTHY])
    const result = await watchLiveness({target: 't', durationMs: 2500, intervalMs: 1000, timeoutMs: 5000, probe, now: clock.now, sleep: clock.sleep})
    assert.equal(result.summary.status, 'warn')
    assert.equal(result.summary.code, 'KD802')
    assert.match(result.summary.summary, /recovered, but was unhealthy \(polling_ttl_exceeded\) at 2024-06-01T12:00:01/)
  })

  test('healthy throughout: a pass with answer times', async () => {
    const clock = fakeClock()
    const {probe} = scripted(clock, [HEALTHY])
    const result = await watchLiveness({target: 't', durationMs: 2000, intervalMs: 500, timeoutMs: 5000, probe, now: clock.now, sleep: clock.sleep})
    assert.equal(result.summary.status, 'pass')
    assert.equal(result.transitions.length, 1)
    assert.match(result.summary.summary, /healthy throughout; answer time 5–5 ms/)
  })

  test('no request outlives the watch; a request cut by the end is dropped', async () => {
    const clock = fakeClock()
    const timeout = reading('unreachable', 'unreachable (answer-timeout)', ['KD801'], 0, 'answer-timeout')
    let calls = 0
    const probe = async (budget: number) => {
      calls++
      if (calls === 1) {
        clock.advance(5)
        return HEALTHY
      }

      clock.advance(budget)
      return {...timeout, elapsedMs: budget}
    }

    const result = await watchLiveness({target: 't', durationMs: 1500, intervalMs: 1000, timeoutMs: 5000, probe, now: clock.now, sleep: clock.sleep})
    assert.equal(calls, 2)
    assert.equal(result.samples.length, 1, 'the cut request is not a sample')
    assert.equal(result.summary.status, 'pass')
    assert.ok(clock.now() - Date.UTC(2024, 5, 1, 12, 0, 0) <= 1500)
  })

  test('a watch shorter than one request still takes one sample', async () => {
    const clock = fakeClock()
    const {probe, budgets} = scripted(clock, [REFUSED])
    const result = await watchLiveness({target: 't', durationMs: 100, intervalMs: 1000, timeoutMs: 5000, probe, now: clock.now, sleep: clock.sleep})
    assert.equal(result.samples.length, 1)
    assert.deepEqual(budgets, [100])
  })
})
