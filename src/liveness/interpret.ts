// From one probe outcome to a verdict: healthy, unhealthy (which threshold tripped),
// unreachable (KD801) or not the listener at all (KD808). Pure: time comes in as an argument.

import {finding, type Finding, type KdCode} from '../diagnosis/finding.js'
import {maskSecrets} from '../diagnosis/mask.js'
import {FLAGS, LISTENER_NAMES, type ListenerAnswer, flagRaised, readBody} from './answer.js'
import {KARAFKA_LISTENER, KUBELET_PROBE_DEFAULTS, TIMESTAMP_SKEW_NOTE_SECONDS, UNEXPLAINED_VERDICT_CODE, UNRECOVERABLE_MEANINGS} from './defaults.js'
import type {ProbeFailure, ProbeOutcome} from './http-probe.js'

export type LivenessState = 'healthy' | 'unhealthy' | 'unreachable' | 'not-listener'

/** The listener's thresholds in ms, and where they were read. */
export interface TtlSettings {
  pollingMs: number
  consumingMs: number
  stabilityMs: number
  controllingMs: number
  source: string
}

export const DEFAULT_TTLS: TtlSettings = {
  pollingMs: KARAFKA_LISTENER.pollingTtlMs,
  consumingMs: KARAFKA_LISTENER.consumingTtlMs,
  stabilityMs: KARAFKA_LISTENER.stabilityMultiplier * KARAFKA_LISTENER.maxPollIntervalMs,
  controllingMs: KARAFKA_LISTENER.controllingTtlMs,
  source: "Karafka's defaults",
}

export interface InterpretContext {
  url: string
  /** The port the request was sent to (the body names the listener's own port). */
  port: number
  /** --swarm: the user expects the SwarmLivenessListener. */
  swarmExpected: boolean
  /** The kubelet's timeoutSeconds for this probe, in ms, and where that number comes from. */
  probeTimeout: {ms: number; source: string}
  ttls: TtlSettings
  /** Wall clock at the answer (ms since the epoch), for the timestamp's age. */
  nowMs: number
}

export interface LivenessReading {
  state: LivenessState
  /** Short and stable for transitions: "healthy", "unhealthy (polling_ttl_exceeded)", "unreachable (refused)". */
  label: string
  /** Codes of the problems in this reading, in order. */
  codes: KdCode[]
  findings: Finding[]
  elapsedMs: number
  statusCode?: number
  answer?: ListenerAnswer
  /** How the request failed, when it did. */
  failure?: ProbeFailure
}

export const DEFAULT_PROBE_TIMEOUT = {ms: KUBELET_PROBE_DEFAULTS.timeoutSeconds * 1000, source: "the kubelet's default timeoutSeconds"}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`)

export function interpretOutcome(outcome: ProbeOutcome, context: InterpretContext): LivenessReading {
  return outcome.kind === 'error' ? interpretFailure(outcome, context) : interpretResponse(outcome, context)
}

function interpretFailure(outcome: Extract<ProbeOutcome, {kind: 'error'}>, {url, port}: InterpretContext): LivenessReading {
  const where = outcome.address ?? url
  const evidence = {phase: outcome.connected ? 'answer' : 'connect', failure: outcome.failure, ...(outcome.errorCode ? {errorCode: outcome.errorCode} : {}), ...(outcome.address ? {address: outcome.address} : {}), timeoutMs: outcome.timeoutMs, message: outcome.message}
  const make = (code: KdCode, summary: string, state: LivenessState = 'unreachable'): LivenessReading => ({
    state,
    label: `${state} (${outcome.failure})`,
    codes: [code],
    findings: [finding({check: 'liveness', target: url, status: 'fail', code, summary, evidence, durationMs: outcome.elapsedMs})],
    elapsedMs: outcome.elapsedMs,
    failure: outcome.failure,
  })

  switch (outcome.failure) {
    case 'refused':
      return make('KD801', `connection refused on port ${port}: nothing listens — the listener opens only once Karafka runs (swarm: once the supervisor runs), or it is bound to another address or port`)
    case 'connect-timeout':
      return make('KD801', `no TCP answer within ${seconds(outcome.timeoutMs)}: packets to ${where} are dropped (wrong host, NetworkPolicy, firewall)`)
    case 'answer-timeout':
      return make('KD801', `connected to ${where}, but no answer within ${seconds(outcome.timeoutMs)}: the process is frozen (its listener thread never gets to run) or the port belongs to something that waits for more`)
    case 'reset':
      return make('KD801', `connection to ${where} closed or reset before an answer: not the listener, or the process is going down`)
    case 'dns':
      return make('KD801', `host name in ${url} does not resolve (${outcome.errorCode ?? 'DNS failure'})`)
    case 'unreachable':
      return make('KD801', `no route to ${where} (${outcome.errorCode ?? 'unreachable'})`)
    case 'not-http':
      return make('KD808', `${where} answered, but not with HTTP: another service owns port ${port}`, 'not-listener')
    default:
      return make('KD801', `request to ${url} failed: ${outcome.message}`)
  }
}

function interpretResponse(outcome: Extract<ProbeOutcome, {kind: 'response'}>, context: InterpretContext): LivenessReading {
  const {url} = context
  const {statusCode, elapsedMs} = outcome
  const kubeletHealthy = statusCode >= 200 && statusCode < 400
  const httpFacts = {statusCode, ...(outcome.contentType ? {contentType: outcome.contentType} : {}), ...(outcome.address ? {address: outcome.address} : {}), elapsedMs, kubeletVerdict: kubeletHealthy ? 'success' : 'failure'}
  const findings: Finding[] = []
  const codes: KdCode[] = []
  const add = (f: Finding) => {
    findings.push(f)
    if (f.code && (f.status === 'fail' || f.status === 'warn') && !codes.includes(f.code)) codes.push(f.code)
  }

  // The renderer shows durationMs next to each finding: the summary need not repeat it.
  const http = `HTTP ${statusCode}`
  const body = readBody(outcome.body)
  let state: LivenessState
  let raised: string[] = []
  let answer: ListenerAnswer | undefined

  if (body.ok && body.answer.kind === 'readiness') {
    answer = body.answer
    add(answerFinding(http, answer, context, httpFacts, elapsedMs))
    add(finding({check: 'liveness', target: url, status: kubeletHealthy ? 'warn' : 'fail', code: 'KD808', summary: `this is Karafka's ReadinessListener (it says whether every subscription group has polled), not the LivenessListener: point the livenessProbe at the liveness listener's port`, evidence: {listener: 'readiness', ready: answer.status}}))
    state = 'not-listener'
  } else if (body.ok) {
    answer = body.answer
    add(answerFinding(http, answer, context, httpFacts, elapsedMs))
    raised = FLAGS.filter((f) => flagRaised(answer?.errors[f.key])).map((f) => f.key)
    for (const key of raised) add(flagFinding(key, answer, context, kubeletHealthy))
    const unhealthy = answer.status !== 'healthy' || raised.length > 0 || !kubeletHealthy
    if (!unhealthy) {
      add(finding({check: 'liveness', target: url, status: 'pass', summary: healthySummary(answer), evidence: {status: answer.status, errors: answer.errors}}))
    } else if (raised.length === 0) {
      // Unhealthy with every known flag false: an overridden #healthy? (e.g. a Redis check) said no.
      add(finding({check: 'liveness', target: url, status: kubeletHealthy ? 'warn' : 'fail', code: UNEXPLAINED_VERDICT_CODE, summary: `"${answer.status}" (${http}) with no Karafka check exceeded: a custom #healthy? override (e.g. a database or Redis check) decided, and the listener does not say why`, evidence: {status: answer.status, errors: answer.errors}}))
    }

    state = unhealthy ? 'unhealthy' : 'healthy'
  } else if (body.reason === 'empty' && (statusCode === 204 || statusCode === 500)) {
    // Karafka before 2.5.0: 204 (healthy) or 500 (unhealthy), text/plain, no body.
    if (statusCode === 204) {
      add(finding({check: 'liveness', target: url, status: 'pass', summary: `${http}, no body: healthy — Karafka before 2.5.0 answers this way; 2.5.0+ answers 200 with JSON that names the check that fails`, evidence: {...httpFacts, listener: 'legacy (< 2.5.0)'}, durationMs: elapsedMs}))
      state = 'healthy'
    } else {
      add(finding({check: 'liveness', target: url, status: 'fail', code: UNEXPLAINED_VERDICT_CODE, summary: `${http}, no body: unhealthy, and Karafka before 2.5.0 does not say which check failed (polling, consuming or an unrecoverable error); upgrade to 2.5.0+ for the JSON body`, evidence: {...httpFacts, listener: 'legacy (< 2.5.0)', possibleCodes: ['KD802', 'KD803', 'KD804']}, durationMs: elapsedMs}))
      state = 'unhealthy'
    }
  } else if (body.reason === 'not-json' && (statusCode === 200 || statusCode === 500) && looksLikeJson(outcome.contentType, outcome.body)) {
    // Meant as JSON but broken (cut short, a custom listener's bug): the status code still
    // decides for the kubelet; which check failed cannot be read.
    const healthy = statusCode === 200
    const summary = healthy
      ? `${http} with JSON that does not parse: the kubelet counts it as healthy, but which checks pass cannot be read`
      : `${http} with JSON that does not parse: unhealthy, and which check failed cannot be read`
    add(finding({check: 'liveness', target: url, status: healthy ? 'warn' : 'fail', code: UNEXPLAINED_VERDICT_CODE, summary, evidence: {...httpFacts, body: maskSecrets(body.excerpt), truncated: outcome.truncated}, durationMs: elapsedMs}))
    state = healthy ? 'healthy' : 'unhealthy'
    raised = ['malformed JSON']
  } else {
    // Karafka's listener answers every path and method with 200 or 500 and its JSON: anything
    // else comes from another server on this port (Puma, a sidecar, a proxy).
    const bodyNote = body.reason === 'empty' ? 'no body' : body.reason === 'not-json' ? 'a body that is not JSON' : 'JSON that is not the listener\'s'
    const why = kubeletHealthy
      ? `${http} with ${bodyNote}: the kubelet counts this as healthy, but it is not Karafka's liveness listener — another server owns port ${context.port}`
      : statusCode === 500
        ? `${http} with ${bodyNote}: not Karafka's liveness listener (it always answers JSON) — another server on port ${context.port} failed`
        : `${http}: the Karafka listener answers every path with 200 or 500, so another server owns port ${context.port}`
    add(finding({check: 'liveness', target: url, status: kubeletHealthy ? 'warn' : 'fail', code: 'KD808', summary: why, evidence: {...httpFacts, ...(body.excerpt ? {body: maskSecrets(body.excerpt)} : {}), truncated: outcome.truncated}, durationMs: elapsedMs}))
    state = 'not-listener'
  }

  // Slower than the kubelet waits: the probe fails although the listener would say healthy.
  if (elapsedMs > context.probeTimeout.ms && state !== 'not-listener') {
    const fromManifest = context.probeTimeout.source !== DEFAULT_PROBE_TIMEOUT.source
    add(finding({check: 'liveness', target: url, status: fromManifest ? 'fail' : 'warn', code: 'KD808', summary: `answered in ${elapsedMs} ms, later than ${context.probeTimeout.source} (${seconds(context.probeTimeout.ms)}): the kubelet counts such answers as failures — raise timeoutSeconds (recommended 5)`, evidence: {elapsedMs, probeTimeoutMs: context.probeTimeout.ms, probeTimeoutSource: context.probeTimeout.source}}))
  }

  // --swarm versus what answered.
  if (answer && context.swarmExpected && answer.kind === 'liveness') {
    add(finding({check: 'liveness', target: url, status: 'warn', code: 'KD808', summary: 'swarm mode expected (--swarm), but the standard LivenessListener answered: in swarm mode subscribe SwarmLivenessListener (it reports the supervisor)', evidence: {expected: 'swarm', answered: 'liveness'}}))
  }

  const reasons = raised.length > 0 ? raised.map((k) => flagLabel(k, answer)).join(', ') : 'no reason given'
  const label = state === 'unhealthy' ? `unhealthy (${reasons})` : state === 'not-listener' ? `not-listener (HTTP ${statusCode})` : raised.length > 0 ? `healthy (${reasons})` : 'healthy'
  return {state, label, codes, findings, elapsedMs, statusCode, ...(answer ? {answer} : {})}
}

function looksLikeJson(contentType: string | undefined, body: string): boolean {
  return /json/i.test(contentType ?? '') || /^\s*[{[]/.test(body)
}

function flagLabel(key: string, answer: ListenerAnswer | undefined): string {
  const value = answer?.errors[key]
  return typeof value === 'string' ? `${key}=${value}` : key
}

function answerFinding(http: string, answer: ListenerAnswer, context: InterpretContext, httpFacts: Record<string, unknown>, elapsedMs: number): Finding {
  const parts = [LISTENER_NAMES[answer.kind]]
  if (answer.processId !== undefined) parts.push(`pid ${answer.processId}`)
  if (answer.port !== undefined) parts.push(answer.port === context.port ? `port ${answer.port}` : `listener port ${answer.port} (reached through ${context.port})`)
  let ageSeconds: number | undefined
  if (answer.timestamp !== undefined) {
    // Karafka stamps Time.now.to_i (whole seconds): compare whole seconds.
    ageSeconds = Math.floor(context.nowMs / 1000) - answer.timestamp
    const skew = Math.abs(ageSeconds) > TIMESTAMP_SKEW_NOTE_SECONDS ? ' — clocks differ, or a proxy served an old answer' : ''
    parts.push(ageSeconds >= 0 ? `time-stamped ${ageSeconds} s ago${skew}` : `time-stamped ${-ageSeconds} s in the future${skew}`)
  }

  const notes: string[] = []
  if (answer.missingKeys.length > 0) notes.push(`missing ${answer.missingKeys.join(', ')}${answer.missingKeys.includes('errors.stability_ttl_exceeded') ? ' (Karafka < 2.6.0)' : ''}`)
  if (answer.extraKeys.length > 0) notes.push(`extra ${answer.extraKeys.join(', ')}`)
  if (answer.kind === 'swarm' && !context.swarmExpected) notes.push('swarm supervisor')
  return finding({
    check: 'liveness',
    target: context.url,
    status: 'pass',
    summary: `${http}: ${parts.join(', ')}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`,
    evidence: {
      ...httpFacts,
      listener: answer.kind,
      status: answer.status,
      ...(answer.processId !== undefined ? {processId: answer.processId} : {}),
      ...(answer.port !== undefined ? {listenerPort: answer.port} : {}),
      ...(answer.timestamp !== undefined ? {timestamp: answer.timestamp, timestampAgeSeconds: ageSeconds} : {}),
      ...(answer.extraKeys.length > 0 ? {extraKeys: answer.extraKeys} : {}),
      ...(answer.missingKeys.length > 0 ? {missingKeys: answer.missingKeys} : {}),
    },
    durationMs: elapsedMs,
  })
}

function flagFinding(key: string, answer: ListenerAnswer, context: InterpretContext, kubeletHealthy: boolean): Finding {
  const flag = FLAGS.find((f) => f.key === key)!
  const value = answer.errors[key]
  const ttlMs = flag.ttl ? ttlOf(flag.ttl, context.ttls) : undefined
  let summary: string
  if (key === 'unrecoverable') {
    const name = typeof value === 'string' ? value : String(value)
    const meaning = UNRECOVERABLE_MEANINGS[name]
    summary = `unrecoverable: "${name}" — ${meaning ?? flag.what}; only a restart helps`
  } else {
    summary = `${key}: ${flag.what}${ttlMs === undefined ? '' : ` (${seconds(ttlMs)}, ${context.ttls.source})`}`
  }

  if (kubeletHealthy) summary += ' — yet the listener answered 2xx, so the kubelet does not restart it'
  return finding({
    check: 'liveness',
    target: context.url,
    status: 'fail',
    code: flag.code,
    summary,
    evidence: {flag: key, value, ...(ttlMs === undefined ? {} : {ttlMs, ttlSource: context.ttls.source})},
  })
}

function ttlOf(ttl: NonNullable<(typeof FLAGS)[number]['ttl']>, ttls: TtlSettings): number {
  switch (ttl) {
    case 'polling':
      return ttls.pollingMs
    case 'consuming':
      return ttls.consumingMs
    case 'stability':
      return ttls.stabilityMs
    default:
      return ttls.controllingMs
  }
}

function healthySummary(answer: ListenerAnswer): string {
  if (answer.kind === 'swarm') return 'healthy: the supervisor controls its nodes within controlling_ttl'
  if (answer.kind === 'liveness') {
    const ttls = FLAGS.filter((f) => f.listener === 'liveness' && f.ttl && f.key in answer.errors).map((f) => f.ttl)
    const unrecoverable = 'unrecoverable' in answer.errors ? ', no unrecoverable error' : ''
    return `healthy: ${ttls.join(', ')} within their TTLs${unrecoverable}`
  }

  return `healthy (status "${answer.status}")`
}

/** No endpoint was given, so only the settings and manifests were read. */
export function endpointNotCalled(): Finding {
  return finding({check: 'liveness', target: 'liveness endpoint', status: 'info', summary: 'not called: give a URL, --host/--port or --watch to check the running listener as well'})
}
