// The matcher behind `kdoctor explain` and behind kdoctor's own checks: maps error text (pasted
// logs, exception messages) and error objects (kafkajs, Node net/tls) to catalog codes.

import {catalog, codeNumber, entryFor, isKnownCode, layerRank} from './catalog.js'
import type {ClientFamily, Signature} from './catalog/types.js'
import {companions, EMPTY_CONTEXT, type Evidence, independent, overlaps, refinements, summaries, type TextContext} from './catalog/rules.js'
import {extractEvidence} from './evidence.js'
import type {KdCode} from './finding.js'
import {maskSecrets} from './mask.js'

export {maskSecrets} from './mask.js'
export type {Evidence, TextContext} from './catalog/rules.js'

export interface ExplainMatch {
  code: KdCode
  /** The first line that showed the problem, secrets masked. */
  line: string
  /** 1-based line number of that first line in the text. */
  lineNumber: number
  /** How often the problem was seen: matching lines plus librdkafka's "N identical error(s) suppressed". */
  count: number
  evidence: Record<string, string | number>
}

/** Longest line echoed back; longer lines are cut with an ellipsis. */
const MAX_ECHO = 600
/** Longest part of a line the signatures look at (minified JSON logs can be huge). */
const MAX_MATCH = 8000
/** Most distinct hosts listed in one match's evidence. */
const MAX_HOSTS = 5

interface IndexedSignature {
  code: KdCode
  signature: Signature
}

const signatureIndex: readonly IndexedSignature[] = catalog.flatMap((entry) => entry.signatures.map((signature) => ({code: entry.code, signature})))

/**
 * Every code whose signatures match the line, with the first matching signature of each. A weak
 * signature (see Signature.weak) counts only when nothing more specific matched the same line.
 */
export function rawMatches(line: string): Map<KdCode, Signature> {
  const text = line.length > MAX_MATCH ? line.slice(0, MAX_MATCH) : line
  const found = new Map<KdCode, Signature>()
  const weak = new Map<KdCode, Signature>()
  for (const {code, signature} of signatureIndex) {
    if (found.has(code) || !signature.pattern.test(text)) continue
    if (signature.weak) {
      if (!weak.has(code)) weak.set(code, signature)
    } else {
      found.set(code, signature)
    }
  }

  return found.size > 0 ? found : weak
}

/**
 * Picks one code among several that matched the same line, using the catalog's overlap rules.
 * `resolved` is false when no rule settles it (then the earliest layer, lowest code wins).
 */
export function resolveOverlap(all: readonly KdCode[]): {code: KdCode; resolved: boolean} | undefined {
  if (all.length === 0) return undefined
  // A companion (the loopback scope) qualifies the failure beside it; it does not compete with it.
  const codes = all.some((c) => !companions.includes(c)) ? all.filter((c) => !companions.includes(c)) : all
  const remaining = codes.filter((code) => !codes.some((other) => other !== code && overlaps.some((rule) => rule.winner === other && rule.over.includes(code))))
  const sorted = [...(remaining.length > 0 ? remaining : codes)].sort((a, b) => codeNumber(a) - codeNumber(b))
  return {code: sorted[0]!, resolved: remaining.length === 1}
}

/** Applies the catalog's refinements; `null` means the line turned out to be harmless. */
export function refine(code: KdCode, line: string, evidence: Evidence, context: TextContext): {code: KdCode | null; why?: string} {
  for (const rule of refinements) {
    if (rule.from.includes(code) && rule.when({line, evidence}, context)) return {code: rule.to, why: rule.why}
  }

  return {code}
}

/** Facts about the whole text that individual lines do not carry. */
export function detectContext(text: string): TextContext {
  const prefix = /\bKAFKA_PREFIX["']?\s*(?:=>|=|:)\s*["']?([a-z][\w-]*\.)/.exec(text)?.[1]
  const reachability = /"NetworkPathFound"\s*:\s*(true|false)/.exec(text)?.[1]
  return {
    heroku: /\bKAFKA_PREFIX\b|\bKAFKA_URL\b|kafka\+ssl:\/\/|\bec2-[\d-]+\.compute-1\.amazonaws\.com\b|\bheroku\b/i.test(text),
    kafkaPrefix: prefix,
    msk: /\.kafka(?:-serverless)?\.[a-z0-9-]+\.amazonaws\.com\b/i.test(text),
    confluent: /\.confluent\.cloud\b/i.test(text),
    reachability: reachability === 'true' ? 'path-found' : reachability === 'false' ? 'blocked' : undefined,
    aclDefaultDeny: /allow\.everyone\.if\.no\.acl\.found["']?\s*(?:=>|=|:)\s*["']?false\b/i.test(text),
    autoCreateOn: /auto\.create\.topics\.enable["']?\s*(?:=>|=|:)\s*["']?true\b/i.test(text),
    oauthbearer: /\bOAUTHBEARER\b/i.test(text),
  }
}

export interface LineVerdict {
  code?: KdCode
  /** Further codes on the same line that are problems of their own (liveness JSON flags). */
  extra?: KdCode[]
  /** Codes that qualify `code` on the same line (the loopback scope of a refused address); ranked after it. */
  secondary?: KdCode[]
  /** Only a weak signature matched: the line says this layer failed, not why (see Signature.weak). */
  weak?: boolean
  client?: ClientFamily
  alsoMatched?: string
  ambiguous?: boolean
  refinedBecause?: string
  benign?: string
  summary?: string
  kdoctorCode?: KdCode
  evidence: Evidence
}

/** The verdict for one masked line, with no memory of other lines. */
export function explainLine(line: string, context: TextContext = EMPTY_CONTEXT): LineVerdict {
  const matches = rawMatches(line)
  const evidence = extractEvidence(line)
  if (matches.size === 0) {
    const summary = summaries.find((s) => s.pattern.test(line))
    if (summary) return {summary: summary.what, evidence}
    // A line from kdoctor's own output ("✗ tcp … [KD203]", "code": "KD203").
    const own = /\[(KD\d{3})\]|"code"\s*:\s*"(KD\d{3})"/.exec(line)
    const ownCode = own?.[1] ?? own?.[2]
    if (ownCode && isKnownCode(ownCode)) return {kdoctorCode: ownCode as KdCode, code: ownCode as KdCode, evidence: {...evidence, source: 'kdoctor output'}}
    return {evidence}
  }

  const all = [...matches.keys()]
  const separate = all.filter((c) => independent.includes(c))
  const codes = separate.length === all.length ? separate.slice(0, 1) : all.filter((c) => !separate.includes(c) || all.length === 1)
  const picked = resolveOverlap(codes)!
  const signature = matches.get(picked.code)!
  const refined = refine(picked.code, line, evidence, context)
  const beaten = (c: KdCode) => overlaps.some((rule) => rule.winner === picked.code && rule.over.includes(c))
  const secondary = codes.filter((c) => c !== picked.code && companions.includes(c) && !beaten(c))
  const others = codes.filter((c) => c !== picked.code && !secondary.includes(c))
  if (refined.code === null) return {benign: refined.why, evidence}
  const extra = separate.filter((c) => c !== picked.code)
  return {
    code: refined.code,
    extra: extra.length > 0 ? extra : undefined,
    secondary: secondary.length > 0 ? secondary : undefined,
    weak: signature.weak === true ? true : undefined,
    summary: signature.weak === true ? (signature.note ?? entryFor(refined.code).title) : undefined,
    client: signature.client,
    alsoMatched: others.length > 0 ? others.join(',') : undefined,
    ambiguous: !picked.resolved,
    refinedBecause: refined.code === picked.code ? undefined : `${picked.code}: ${refined.why ?? ''}`,
    evidence,
  }
}

function echo(line: string): string {
  const trimmed = line.trim()
  return trimmed.length > MAX_ECHO ? `${trimmed.slice(0, MAX_ECHO - 1)}…` : trimmed
}

/** Timestamps, thread ids and counters removed, so the same error on many lines is one problem. */
function stableKey(line: string): string {
  return line
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '')
    .replace(/%\d\|\d+\.\d+\|/g, '')
    .replace(/\(after \d+ms in state ([A-Z_]+)(?:, \d+ identical error\(s\) suppressed)?\)/g, '(state $1)')
    .replace(/#\d+\]/g, ']')
    .replace(/"timestamp":"[^"]*"|"retryTime":\d+|"retryCount":\d+|"correlationId":\d+/g, '')
    .trim()
}

/** What distinguishes two occurrences of one code: the port, topic or group involved. */
function problemKey(code: KdCode, evidence: Evidence): string {
  return [code, evidence.port ?? '', evidence.topic ?? '', evidence.group ?? '', evidence.liveness ?? ''].join('|')
}

/** One logical line: a physical line plus the lines a narrow terminal or a wrapped paste split off it. */
interface LogicalLine {
  text: string
  /** 0-based index of its first physical line. */
  index: number
  /** Index of the event (one log record with its stack trace or fields) it belongs to. */
  event: number
}

/** The start of a new log record in the formats kdoctor reads (librdkafka, Java, Ruby Logger, JSON). */
const RECORD_START = /^(?:%\d\||\[?\d{4}-\d\d-\d\d[T ]|[A-Z], \[\d{4}-|\d{10}(?:\.\d+)? RDKAFKA-|\{")/
/** A stack frame, a `Caused by:` of the exception above it, or a field of a pretty-printed log entry. */
const CONTINUATION = /^(?:\s+at\s|\s*\.\.\. \d+ (?:more|common frames omitted)|Caused by:\s|\s+Suppressed:\s|\s+[\w.-]+: ["'\d{[tfn]]|\s*\| )/
/** kafkajs' JSON log entry: the message after its "[Connection]"-style tag. */
const KAFKAJS_MESSAGE = /"message":"(?:\[\w+\] )?((?:[^"\\]|\\.)*)"/
/** librdkafka's broker-scoped message, without the log prefix and the "(after …)" trailer. */
const BROKER_MESSAGE = /(?:(?:plaintext|ssl|sasl_plaintext|sasl_ssl):\/\/)?[\w.[\]:-]+:\d+\/(?:bootstrap|-?\d+): .*?(?= \(after \d+ms in state|$)/

/**
 * Joins wrapped lines (a line ending in ':' continued on the next, librdkafka's "(after …)" trailer on
 * its own line) and groups lines into events: a stack trace or a pretty-printed entry with its first
 * line, librdkafka's FAIL line with the ERROR line that repeats it, kafkajs' "[Connection]" entry with
 * the "[BrokerPool] …: <same error>" entry that wraps it. An event counts a problem once.
 */
function logicalLines(lines: readonly string[]): LogicalLine[] {
  const out: LogicalLine[] = []
  let event = -1
  let previousMessage: {key: string; fail: boolean} | undefined
  let previousKafkajs: string | undefined
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === '') {
      previousMessage = undefined
      previousKafkajs = undefined
      continue
    }

    const index = i
    let text = lines[i]!
    while (i + 1 < lines.length && lines[i + 1]!.trim() !== '') {
      const next = lines[i + 1]!
      const trailer = /^\s*\(after \d+ms in state /.test(next)
      const wrapped = /:\s*$/.test(text) && !/^\s/.test(next) && !RECORD_START.test(next) && !CONTINUATION.test(next)
      if (!trailer && !wrapped) break
      text = `${text.trimEnd()} ${next.trim()}`
      i++
    }

    const message = BROKER_MESSAGE.exec(text)?.[0]
    const fail = /\|FAIL\||-FAIL:|\bFAIL\b/.test(text)
    const repeatsFail = message !== undefined && previousMessage?.fail === true && previousMessage.key === message && /\|ERROR\||-ERROR:|\bERROR\b/.test(text)
    const kafkajs = KAFKAJS_MESSAGE.exec(text)?.[1]
    const wrapsKafkajs = kafkajs !== undefined && previousKafkajs !== undefined && kafkajs !== previousKafkajs && kafkajs.endsWith(`: ${previousKafkajs}`)
    if (out.length === 0 || !(CONTINUATION.test(text) || repeatsFail || wrapsKafkajs)) event++
    previousMessage = message === undefined ? undefined : {key: message, fail}
    previousKafkajs = kafkajs
    out.push({text, index, event})
  }

  return out
}

/** Where a network-layer failure went: the same address in an advertised-address problem explains it. */
function target(evidence: Record<string, string | number>): string[] {
  const out: string[] = []
  if (typeof evidence.address === 'string') out.push(String(evidence.address))
  if (typeof evidence.host === 'string' && evidence.port !== undefined) out.push(`${evidence.host}:${evidence.port}`)
  return out
}

type Problem = ExplainMatch & {hosts: Set<string>; secondary: boolean; weak: boolean; event: number; eventCount: number}

/**
 * Every distinct problem in a text — a pasted error, a log excerpt, a whole log file — ordered by
 * layer. Lines are masked before anything is matched or echoed. When nothing is recognised the
 * result is a single KD100 whose evidence says what was parsed.
 */
export function explainText(text: string): ExplainMatch[] {
  // Colour codes from terminals and log viewers (kubectl logs, Rails dev logs) are not part of the message.
  // eslint-disable-next-line no-control-regex
  const masked = maskSecrets(text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, ''))
  const context = detectContext(masked)
  const lines = masked.split(/\r?\n/)
  const verdicts = new Map<string, LineVerdict>()
  const strong = new Map<string, Problem>()
  const weak = new Map<string, Problem>()
  const parsed = {lines: 0, summaries: new Set<string>(), benign: new Set<string>(), hosts: new Set<string>(), states: new Set<string>(), firstError: -1}

  for (const {text: raw, index, event} of logicalLines(lines)) {
    parsed.lines++
    const key = stableKey(raw)
    let verdict = verdicts.get(key)
    if (!verdict) {
      verdict = explainLine(raw, context)
      verdicts.set(key, verdict)
    }

    const ev = verdict.evidence
    if (typeof ev.host === 'string') parsed.hosts.add(ev.port ? `${ev.host}:${ev.port}` : ev.host)
    if (typeof ev.state === 'string') parsed.states.add(ev.state)
    if (verdict.summary) parsed.summaries.add(verdict.summary)
    if (verdict.benign) parsed.benign.add(verdict.benign)
    if (parsed.firstError < 0 && /\b(?:error|fail(?:ed|ure)?|exception|refused|timed? ?out|denied|unable|cannot|invalid)\b/i.test(raw)) parsed.firstError = index
    if (!verdict.code) continue

    // Occurrences on this very line: librdkafka folds repeats into "N identical error(s) suppressed".
    const suppressed = /, (\d+) identical error\(s\) suppressed\)/.exec(raw)?.[1]
    const occurrences = 1 + (suppressed ? Number(suppressed) : 0)
    const host = typeof ev.host === 'string' ? ev.host : typeof ev.address === 'string' ? ev.address : undefined
    const found = verdict.weak ? weak : strong
    const codes: Array<[KdCode, boolean]> = [[verdict.code, false], ...(verdict.extra ?? []).map((c): [KdCode, boolean] => [c, false]), ...(verdict.secondary ?? []).map((c): [KdCode, boolean] => [c, true])]
    for (const [code, secondary] of codes) {
      const pkey = problemKey(code, ev)
      const seen = found.get(pkey)
      if (seen) {
        // One event (a stack trace, librdkafka's FAIL line and the ERROR line repeating it) is one occurrence.
        if (seen.event !== event) {
          seen.count += occurrences
          seen.event = event
          seen.eventCount = occurrences
        } else if (occurrences > seen.eventCount) {
          seen.count += occurrences - seen.eventCount
          seen.eventCount = occurrences
        }

        if (host) seen.hosts.add(host)
        continue
      }

      const evidence: Record<string, string | number> = {}
      for (const [k, v] of Object.entries(ev)) if (k !== 'suppressed') evidence[k] = v
      if (verdict.client) evidence.client = verdict.client
      if (verdict.alsoMatched) evidence.alsoMatched = verdict.alsoMatched
      if (verdict.refinedBecause) evidence.refinedFrom = verdict.refinedBecause
      if (verdict.ambiguous) evidence.ambiguous = 'several codes matched and no catalog rule decides between them'
      if (verdict.weak) evidence.generic = 'this line only says that this layer failed; the line that says why is not in the text'
      found.set(pkey, {code, line: echo(raw), lineNumber: index + 1, count: occurrences, evidence, hosts: new Set(host ? [host] : []), secondary, weak: verdict.weak === true, event, eventCount: occurrences})
    }
  }

  // A weak line (an error-code heading, "1/1 brokers are down") stands for a problem only when the
  // text shows nothing more specific, and nothing harmless that it may be summarising.
  const problems = strong.size > 0 || parsed.benign.size > 0 ? strong : weak

  // A generic line (no port, topic or group: "Local: Authentication failure") restates the
  // specific occurrence of the same code when there is one; it is not another occurrence.
  const generic = (m: ExplainMatch) => m.evidence.port === undefined && m.evidence.topic === undefined && m.evidence.group === undefined
  for (const [key, match] of problems) {
    if (!generic(match)) continue
    if ([...problems.values()].some((m) => m !== match && m.code === match.code && !generic(m))) problems.delete(key)
  }

  // A refused, silent or unresolvable address that is also the advertised address of a broker is that
  // advertised-address problem seen again (the group coordinator, a retry): the root cause comes first.
  const advertised = [...problems.values()].filter((m) => m.code === 'KD501' || m.code === 'KD502')
  for (const [key, match] of problems) {
    if (entryFor(match.code).layer !== 'network' || match.secondary) continue
    const owner = advertised.find((a) => target(a.evidence).some((t) => target(match.evidence).includes(t)))
    if (!owner) continue
    owner.count += match.count
    problems.delete(key)
    for (const [k, m] of problems) if (m.secondary && m.lineNumber === match.lineNumber && target(m.evidence).some((t) => target(owner.evidence).includes(t))) problems.delete(k)
  }

  const found = [...problems.values()]
    .map(({hosts, secondary: _secondary, weak: _weak, event: _event, eventCount: _eventCount, ...match}) => {
      if (hosts.size > 1) match.evidence.hosts = [...hosts].slice(0, MAX_HOSTS).join(', ') + (hosts.size > MAX_HOSTS ? `, +${hosts.size - MAX_HOSTS} more` : '')
      return {match, secondary: _secondary}
    })
    .sort((a, b) => layerRank(entryFor(a.match.code).layer) - layerRank(entryFor(b.match.code).layer) || Number(a.secondary) - Number(b.secondary) || a.match.lineNumber - b.match.lineNumber)
    .map(({match}) => match)

  if (found.length > 0) return found

  // Nothing recognised: say so, with what could be read.
  const firstNonEmpty = lines.findIndex((l) => l.trim() !== '')
  const at = parsed.firstError >= 0 ? parsed.firstError : firstNonEmpty
  const evidence: Record<string, string | number> = {lines: parsed.lines}
  if (parsed.hosts.size > 0) evidence.hosts = [...parsed.hosts].slice(0, MAX_HOSTS).join(', ')
  if (parsed.states.size > 0) evidence.states = [...parsed.states].join(', ')
  if (parsed.summaries.size > 0) evidence.summaryLines = [...parsed.summaries].join('; ')
  if (parsed.benign.size > 0) evidence.harmless = [...parsed.benign].join('; ')
  if (at >= 0) Object.assign(evidence, withoutKeys(verdictEvidence(lines[at]!, context), ['suppressed']))
  return [{code: 'KD100', line: at >= 0 ? echo(lines[at]!) : '', lineNumber: at >= 0 ? at + 1 : 0, count: 1, evidence}]
}

function verdictEvidence(line: string, context: TextContext): Evidence {
  return explainLine(line, context).evidence
}

function withoutKeys(evidence: Evidence, keys: readonly string[]): Evidence {
  const out: Evidence = {}
  for (const [k, v] of Object.entries(evidence)) if (!keys.includes(k)) out[k] = v
  return out
}

// ---------------------------------------------------------------------------------------------
// Errors caught by kdoctor's own checks (kafkajs, Node net/tls/dns).

/** Node error codes whose meaning does not depend on the message. */
const NODE_CODES: Readonly<Record<string, KdCode>> = {
  ENOTFOUND: 'KD201',
  EAI_AGAIN: 'KD201',
  EAI_NONAME: 'KD201',
  EAI_FAIL: 'KD201',
  ECONNREFUSED: 'KD202',
  ETIMEDOUT: 'KD203',
  EHOSTUNREACH: 'KD206',
  ENETUNREACH: 'KD206',
  ERR_SOCKET_BAD_PORT: 'KD103',
  ERR_INVALID_ADDRESS: 'KD103',
  ERR_SSL_WRONG_VERSION_NUMBER: 'KD302',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'KD302',
  SELF_SIGNED_CERT_IN_CHAIN: 'KD303',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'KD303',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'KD303',
  UNABLE_TO_GET_ISSUER_CERT: 'KD303',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'KD303',
  CERT_UNTRUSTED: 'KD303',
  CERT_SIGNATURE_FAILURE: 'KD303',
  ERR_TLS_CERT_ALTNAME_INVALID: 'KD304',
  CERT_HAS_EXPIRED: 'KD305',
  CERT_NOT_YET_VALID: 'KD305',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'KD306',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'KD306',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: 'KD306',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'KD308',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'KD308',
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: 'KD308',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'KD308',
  ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR: 'KD308',
  ERR_OSSL_PEM_NO_START_LINE: 'KD106',
  ERR_OSSL_X509_KEY_VALUES_MISMATCH: 'KD106',
  ERR_OSSL_BAD_DECRYPT: 'KD106',
  ERR_OSSL_EVP_BAD_DECRYPT: 'KD106',
  ERR_OSSL_UNSUPPORTED: 'KD106',
}

/**
 * OpenSSL 3.0 (Node 20) names TLS alerts ERR_SSL_SSLV3_ALERT_…/TLSV1_ALERT_…; newer OpenSSL
 * (Node 22+) says ERR_SSL_SSL/TLS_ALERT_…. The table uses the 3.0 names.
 */
function sameAlertAsOpenSsl30(code: string): string {
  const alert = /^ERR_SSL_SSL\/TLS_ALERT_([A-Z_]+)$/.exec(code)?.[1]
  if (!alert) return code
  return [`ERR_SSL_SSLV3_ALERT_${alert}`, `ERR_SSL_TLSV1_ALERT_${alert}`, `ERR_SSL_TLSV13_ALERT_${alert}`].find((c) => NODE_CODES[c]) ?? code
}

/** Node codes that only say "the connection went away"; the message may say more. */
const NODE_FALLBACK_CODES: Readonly<Record<string, KdCode>> = {
  ECONNRESET: 'KD204',
  EPIPE: 'KD204',
  ECONNABORTED: 'KD204',
}

/** kafkajs protocol error types (KafkaJSProtocolError.type). */
const KAFKAJS_TYPES: Readonly<Record<string, KdCode>> = {
  TOPIC_AUTHORIZATION_FAILED: 'KD601',
  GROUP_AUTHORIZATION_FAILED: 'KD602',
  CLUSTER_AUTHORIZATION_FAILED: 'KD603',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'KD605',
  SASL_AUTHENTICATION_FAILED: 'KD404',
  UNSUPPORTED_SASL_MECHANISM: 'KD403',
  ILLEGAL_SASL_STATE: 'KD402',
  UNSUPPORTED_VERSION: 'KD505',
  INVALID_REPLICATION_FACTOR: 'KD503',
  UNKNOWN_TOPIC_OR_PARTITION: 'KD506',
  LEADER_NOT_AVAILABLE: 'KD504',
  NOT_LEADER_FOR_PARTITION: 'KD504',
  NOT_ENOUGH_REPLICAS: 'KD504',
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: 'KD504',
  COORDINATOR_NOT_AVAILABLE: 'KD504',
  NOT_COORDINATOR: 'KD504',
  COORDINATOR_LOAD_IN_PROGRESS: 'KD504',
  FENCED_INSTANCE_ID: 'KD804',
}

type ErrorLike = Error & {
  code?: unknown
  type?: unknown
  broker?: unknown
  host?: unknown
  port?: unknown
  address?: unknown
  hostname?: unknown
  syscall?: unknown
  reason?: unknown
  cause?: unknown
  originalError?: unknown
  errors?: unknown
  cert?: {subjectaltname?: unknown; valid_to?: unknown; subject?: {CN?: unknown}}
}

/** The error and what it wraps, innermost last, at most eight deep, no cycles. */
function errorChain(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = []
  const queue: unknown[] = [err]
  while (queue.length > 0 && chain.length < 8) {
    const next = queue.shift()
    if (!next || typeof next !== 'object' || chain.includes(next as ErrorLike)) continue
    const e = next as ErrorLike
    chain.push(e)
    queue.push(e.cause, e.originalError)
    if (Array.isArray(e.errors)) queue.push(...e.errors)
  }

  return chain
}

function errorEvidence(e: ErrorLike): Record<string, unknown> {
  const evidence: Record<string, unknown> = {}
  const message = typeof e.message === 'string' ? maskSecrets(e.message) : undefined
  if (message) Object.assign(evidence, extractEvidence(message))
  if (typeof e.name === 'string' && e.name !== 'Error') evidence.error = e.name
  if (typeof e.code === 'string' || typeof e.code === 'number') evidence.errorCode = e.code
  if (typeof e.type === 'string') evidence.errorType = e.type
  if (typeof e.syscall === 'string') evidence.syscall = e.syscall
  if (typeof e.broker === 'string') {
    evidence.broker = e.broker
    const hp = /^(.*):(\d+)$/.exec(e.broker)
    if (hp) {
      evidence.host = hp[1]
      evidence.port = Number(hp[2])
    }
  }

  if (typeof e.host === 'string') evidence.host = e.host
  if (typeof e.hostname === 'string') evidence.host ??= e.hostname
  if (typeof e.port === 'number' || typeof e.port === 'string') evidence.port = Number(e.port)
  if (typeof e.address === 'string') evidence.address = e.address
  if (typeof e.reason === 'string') evidence.reason = maskSecrets(e.reason)
  if (e.cert && typeof e.cert === 'object') {
    if (typeof e.cert.subjectaltname === 'string') evidence.certificateNames = e.cert.subjectaltname
    if (typeof e.cert.valid_to === 'string') evidence.certificateValidTo = e.cert.valid_to
  }

  if (message) evidence.message = message.length > MAX_ECHO ? `${message.slice(0, MAX_ECHO - 1)}…` : message
  return evidence
}

/**
 * Explains an error caught from kafkajs (KafkaJSConnectionError with a Node `code`,
 * KafkaJSSASLAuthenticationError, KafkaJSProtocolError with a `type`, wrappers with a `cause`)
 * or from Node's net/tls/dns. Returns undefined when nothing in the catalog fits.
 */
export function explainError(err: unknown): {code: KdCode; evidence: Record<string, unknown>} | undefined {
  if (typeof err === 'string') {
    const verdict = explainLine(maskSecrets(err))
    return verdict.code ? {code: verdict.code, evidence: {...verdict.evidence, message: maskSecrets(err)}} : undefined
  }

  const chain = errorChain(err).reverse() // innermost (the root cause) first
  const withEvidence = (code: KdCode, e: ErrorLike) => ({code, evidence: errorEvidence(e)})

  for (const e of chain) {
    const nodeCode = typeof e.code === 'string' ? sameAlertAsOpenSsl30(e.code) : undefined
    if (nodeCode && NODE_CODES[nodeCode]) return withEvidence(NODE_CODES[nodeCode]!, e)
    if (typeof e.type === 'string' && KAFKAJS_TYPES[e.type]) return withEvidence(KAFKAJS_TYPES[e.type]!, e)
    if (typeof e.message === 'string') {
      // "KafkaJSConnectionError: Connection timeout" as kafkajs logs it; the class name matters.
      const named = typeof e.name === 'string' && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message
      const verdict = explainLine(maskSecrets(named))
      if (verdict.code) return withEvidence(verdict.code, e)
    }

    if (typeof e.code === 'string' && NODE_FALLBACK_CODES[e.code]) return withEvidence(NODE_FALLBACK_CODES[e.code]!, e)
  }

  return undefined
}
