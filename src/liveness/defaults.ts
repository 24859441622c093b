// The numbers the checks compare against, as data: Karafka's listener defaults
// (lib/karafka/instrumentation/vendors/kubernetes/*.rb) and the kubelet's probe defaults.

import type {KdCode} from '../diagnosis/finding.js'

/** Karafka's LivenessListener / SwarmLivenessListener defaults. */
export const KARAFKA_LISTENER = {
  port: 3000,
  pollingTtlMs: 300_000,
  consumingTtlMs: 300_000,
  /** stability_ttl defaults to 2 × the largest max.poll.interval.ms (librdkafka default 300 000). */
  stabilityMultiplier: 2,
  maxPollIntervalMs: 300_000,
  controllingTtlMs: 60_000,
  /** Karafka's own `shutdown_timeout` default. */
  shutdownTimeoutMs: 60_000,
} as const

/** The documented probe (Karafka wiki, Deployment → Kubernetes → Liveness). */
export const RECOMMENDED_PROBE = {path: '/', initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5} as const

/** What the kubelet uses when a probe field is left out. */
export const KUBELET_PROBE_DEFAULTS = {initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3} as const

export const KUBERNETES_TERMINATION_GRACE_SECONDS = 30

/** Below this many seconds between container start and the first restart, a slow boot loops (KD801). */
export const MIN_STARTUP_WINDOW_SECONDS = 30

/** A probe timeout below this is the kubelet default (1 s) or close to it: too tight for a busy Ruby process. */
export const MIN_PROBE_TIMEOUT_SECONDS = 2

/** Default time budget of one HTTP request (the recommended timeoutSeconds). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5000

/** A timestamp further than this from our clock is worth a remark (clock skew, a caching proxy). */
export const TIMESTAMP_SKEW_NOTE_SECONDS = 30

/** librdkafka fatal error names Karafka may put in `unrecoverable` (rd_kafka_err2name, lower-case, no leading "_"). */
export const UNRECOVERABLE_MEANINGS: Readonly<Record<string, string>> = {
  fenced: 'another consumer joined with the same group.instance.id (static membership) and fenced this one',
  producer_fenced: 'a newer producer with the same transactional.id fenced this one',
  invalid_producer_epoch: 'a newer producer with the same transactional.id fenced this one',
  out_of_order_sequence_number: 'the idempotent producer lost its sequence and cannot continue',
}

/**
 * Unhealthy, but the answer does not say why: Karafka < 2.5.0's bodiless 500, JSON that does not
 * parse, or "unhealthy" from a custom #healthy? with every Karafka flag false (KD809).
 */
export const UNEXPLAINED_VERDICT_CODE: KdCode = 'KD809'
