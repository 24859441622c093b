// What the Karafka liveness listener puts in its body (research/error-catalog.md §D), read
// tolerantly: unknown keys are kept as evidence, missing keys are noted, nothing is assumed.

import type {KdCode} from '../diagnosis/finding.js'

export type ListenerKind =
  /** Karafka::Instrumentation::Vendors::Kubernetes::LivenessListener */
  | 'liveness'
  /** …::SwarmLivenessListener (runs in the swarm supervisor) */
  | 'swarm'
  /** …::ReadinessListener: a readiness endpoint, not a liveness one */
  | 'readiness'
  /** A JSON status envelope without any known `errors` (a custom BaseListener subclass) */
  | 'custom'

export interface ListenerAnswer {
  kind: ListenerKind
  status: string
  timestamp?: number
  port?: number
  processId?: number
  errors: Record<string, unknown>
  /** Keys kdoctor does not know (top level, and inside errors as "errors.x"): tolerated, shown. */
  extraKeys: string[]
  /** Keys the listener kind normally sends but this answer lacks (older Karafka). */
  missingKeys: string[]
}

export type BodyReading = {ok: true; answer: ListenerAnswer} | {ok: false; reason: 'empty' | 'not-json' | 'not-karafka'; excerpt: string}

/** One flag of the `errors` object and what it means. */
export interface FlagMeaning {
  key: string
  code: KdCode
  ttl?: 'polling' | 'consuming' | 'stability' | 'controlling'
  /** What a true value says, in a few words. */
  what: string
  listener: 'liveness' | 'swarm'
}

export const FLAGS: readonly FlagMeaning[] = [
  {key: 'polling_ttl_exceeded', code: 'KD802', ttl: 'polling', what: 'no fetch-loop poll within polling_ttl', listener: 'liveness'},
  {key: 'consumption_ttl_exceeded', code: 'KD803', ttl: 'consuming', what: 'a consume, revoke, shutdown or tick job has run longer than consuming_ttl', listener: 'liveness'},
  {key: 'stability_ttl_exceeded', code: 'KD806', ttl: 'stability', what: 'a subscription group stuck in one non-steady join state (wait-join, wait-assn, wait-sync…) longer than stability_ttl', listener: 'liveness'},
  {key: 'unrecoverable', code: 'KD804', what: 'a fatal librdkafka error: the consumer cannot continue', listener: 'liveness'},
  {key: 'controlling_ttl_exceeded', code: 'KD805', ttl: 'controlling', what: 'the swarm supervisor has not controlled its nodes within controlling_ttl', listener: 'swarm'},
]

const ENVELOPE_KEYS = ['status', 'timestamp', 'port', 'process_id', 'errors'] as const
const READINESS_KEYS = ['ready', 'polled_subscription_groups', 'expected_subscription_groups']
/** stability_ttl arrived in 2.6.0 and unrecoverable in 2.4.14: their absence dates the listener. */
const LIVENESS_FLAG_KEYS = FLAGS.filter((f) => f.listener === 'liveness').map((f) => f.key)

const EXCERPT_CHARS = 200

export function excerpt(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ').trim()
  return oneLine.length > EXCERPT_CHARS ? `${oneLine.slice(0, EXCERPT_CHARS)}…` : oneLine
}

/** A flag is raised when it is true, or (unrecoverable) a non-empty error name. */
export function flagRaised(value: unknown): boolean {
  if (value === true) return true
  if (typeof value === 'string') return value !== '' && value !== 'false'
  return false
}

export function readBody(body: string): BodyReading {
  if (body.trim() === '') return {ok: false, reason: 'empty', excerpt: ''}
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return {ok: false, reason: 'not-json', excerpt: excerpt(body)}
  }

  if (!isRecord(json) || typeof json.status !== 'string') return {ok: false, reason: 'not-karafka', excerpt: excerpt(body)}
  const parsed: Record<string, unknown> & {status: string} = {...json, status: json.status}
  const errors = isRecord(parsed.errors) ? parsed.errors : {}
  const errorKeys = Object.keys(errors)
  const kind: ListenerKind = errorKeys.includes('controlling_ttl_exceeded')
    ? 'swarm'
    : errorKeys.some((k) => LIVENESS_FLAG_KEYS.includes(k))
      ? 'liveness'
      : READINESS_KEYS.some((k) => k in parsed)
        ? 'readiness'
        : 'custom'

  const knownTop = new Set<string>([...ENVELOPE_KEYS, ...(kind === 'readiness' ? READINESS_KEYS : [])])
  const knownFlags = new Set(FLAGS.map((f) => f.key))
  const extraKeys = [...Object.keys(parsed).filter((k) => !knownTop.has(k)), ...errorKeys.filter((k) => !knownFlags.has(k)).map((k) => `errors.${k}`)]
  const expected = kind === 'liveness' ? LIVENESS_FLAG_KEYS.map((k) => `errors.${k}`) : kind === 'swarm' ? ['errors.controlling_ttl_exceeded'] : []
  const missingKeys = [...['timestamp', 'port', 'process_id'].filter((k) => !(k in parsed)), ...expected.filter((k) => !(k.slice('errors.'.length) in errors))]

  return {
    ok: true,
    answer: {
      kind,
      status: parsed.status,
      ...(typeof parsed.timestamp === 'number' ? {timestamp: parsed.timestamp} : {}),
      ...(typeof parsed.port === 'number' ? {port: parsed.port} : {}),
      ...(typeof parsed.process_id === 'number' ? {processId: parsed.process_id} : {}),
      errors,
      extraKeys,
      missingKeys,
    },
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export const LISTENER_NAMES: Readonly<Record<ListenerKind, string>> = {
  liveness: 'Karafka LivenessListener',
  swarm: 'Karafka SwarmLivenessListener',
  readiness: 'Karafka ReadinessListener',
  custom: 'a Karafka-style status listener',
}
