// --watch: probe again and again for a fixed time, report every change of state with its
// time, then a summary. Bounded: no request outlives the watch, and the watch ends by itself.

import {finding, type Finding, type KdCode, type Status} from '../diagnosis/finding.js'
import type {LivenessReading} from './interpret.js'

export interface WatchSample {
  /** ISO 8601, UTC. */
  at: string
  state: LivenessReading['state']
  label: string
  codes: KdCode[]
  elapsedMs: number
}

export interface Transition {
  at: string
  /** null for the first sample. */
  from: string | null
  to: string
  codes: KdCode[]
}

export interface WatchOptions {
  target: string
  durationMs: number
  intervalMs: number
  /** Per-request budget (--timeout); cut to what is left of the watch. */
  timeoutMs: number
  probe: (timeoutMs: number) => Promise<LivenessReading>
  /** Called as each transition happens (the human output prints it at once). */
  onTransition?: (transition: Transition) => void
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export interface WatchResult {
  samples: WatchSample[]
  transitions: Transition[]
  /** The last sample's reading: its findings are the current state. */
  last: LivenessReading
  summary: Finding
}

/** A request shorter than this is not worth starting at the end of a watch. */
const MIN_REQUEST_MS = 50

const realSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms)
  })

export async function watchLiveness(options: WatchOptions): Promise<WatchResult> {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? realSleep
  const started = now()
  const endsAt = started + options.durationMs
  const samples: WatchSample[] = []
  const transitions: Transition[] = []
  let last: LivenessReading | undefined
  let previous: string | null = null

  while (true) {
    const remaining = endsAt - now()
    if (last && remaining < MIN_REQUEST_MS) break
    const budget = Math.max(MIN_REQUEST_MS, Math.min(options.timeoutMs, remaining))
    const reading = await options.probe(budget)
    // A request cut short by the end of the watch says nothing about the endpoint: drop it,
    // unless it is the only sample there is.
    const cut = budget < options.timeoutMs && (reading.failure === 'connect-timeout' || reading.failure === 'answer-timeout')
    if (cut && last) break
    const at = new Date(now()).toISOString()
    last = reading
    samples.push({at, state: reading.state, label: reading.label, codes: reading.codes, elapsedMs: reading.elapsedMs})
    if (reading.label !== previous) {
      const transition: Transition = {at, from: previous, to: reading.label, codes: reading.codes}
      transitions.push(transition)
      options.onTransition?.(transition)
      previous = reading.label
    }

    const pause = Math.min(options.intervalMs, endsAt - now())
    if (pause < MIN_REQUEST_MS) break
    await sleep(pause)
  }

  return {samples, transitions, last: last!, summary: summarise(options, samples, transitions, now() - started)}
}

function summarise(options: WatchOptions, samples: WatchSample[], transitions: Transition[], durationMs: number): Finding {
  const counts: Record<string, number> = {}
  for (const s of samples) counts[s.label] = (counts[s.label] ?? 0) + 1
  const times = samples.map((s) => s.elapsedMs).sort((a, b) => a - b)
  const latency = {minMs: times[0] ?? 0, medianMs: times[Math.floor(times.length / 2)] ?? 0, maxMs: times.at(-1) ?? 0}
  const allHealthy = samples.every((s) => s.state === 'healthy')
  const lastHealthy = samples.at(-1)?.state === 'healthy'
  const firstProblem = samples.find((s) => s.state !== 'healthy')
  // The last sample's own findings carry the current verdict; this one tells the story.
  const code = lastHealthy ? firstProblem?.codes[0] : undefined
  const status: Status = allHealthy ? 'pass' : code ? 'warn' : 'info'
  const changes = transitions.length - 1
  const countsText = Object.entries(counts)
    .map(([label, n]) => `${label} ×${n}`)
    .join(', ')
  const story = allHealthy ? 'healthy throughout' : lastHealthy ? `recovered, but was ${firstProblem?.label} at ${firstProblem?.at}` : `${samples.at(-1)?.label} at the end`
  return finding({
    check: 'liveness',
    target: options.target,
    status,
    ...(code ? {code} : {}),
    summary: `watched ${Math.round(durationMs / 100) / 10} s: ${samples.length} answers (${countsText}), ${changes} change${changes === 1 ? '' : 's'} — ${story}; answer time ${latency.minMs}–${latency.maxMs} ms`,
    evidence: {watchMs: options.durationMs, intervalMs: options.intervalMs, samples: samples.length, counts, transitions, latency},
    durationMs,
  })
}
