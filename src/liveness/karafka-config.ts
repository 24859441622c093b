// Reads what the liveness checks need from a Karafka app's karafka.rb — without running Ruby:
// the liveness listener's arguments (port, hostname, TTLs) and a few librdkafka settings
// (static membership, assignment strategy). With an environment (the process env and
// --env-file), ENV lookups and the other expressions the shared evaluator reads are evaluated;
// anything else is kept as text and marked as such; nothing is guessed. `-X key=value` gives
// the same settings directly.

import {InputError} from '../core/input-error.js'
import type {EnvSource} from '../config/env-file.js'
import {classify as rubyLiteral, evaluateRuby, lineIndex, type RubyScope, type RubyValue, scanTo, scanValue, stripComments} from '../config/ruby.js'

/** The librdkafka keys these checks read; everything else in the file is ignored. */
export const KAFKA_KEYS = ['group.instance.id', 'partition.assignment.strategy', 'group.protocol', 'max.poll.interval.ms', 'statistics.interval.ms'] as const
export type KafkaKey = (typeof KAFKA_KEYS)[number]

export type {RubyValue} from '../config/ruby.js'

export type ListenerClass = 'liveness' | 'swarm' | 'readiness'

export interface ListenerSetup {
  kind: ListenerClass
  where: string
  /** Keyword arguments of `.new(...)`: port, hostname, polling_ttl, consuming_ttl, stability_ttl, controlling_ttl. */
  args: Record<string, RubyValue>
}

export interface KarafkaSettings {
  /** "karafka.rb" (the file name given) or "-X". */
  source: string
  /** Only from a Ruby file: whether it was read at all for listeners. */
  fromRuby: boolean
  /** Every occurrence of each key, in file order. */
  kafka: Partial<Record<KafkaKey, RubyValue[]>>
  listeners: ListenerSetup[]
  shutdownTimeout?: RubyValue
}

const LISTENER_CLASSES: Readonly<Record<string, ListenerClass>> = {LivenessListener: 'liveness', SwarmLivenessListener: 'swarm', ReadinessListener: 'readiness'}

/**
 * Parses karafka.rb text. `label` names the file in every `where`. `env` (the environment and
 * --env-file, as the app would see them) evaluates expressions such as ENV.fetch('PORT', 3000).to_i;
 * without it, or when an expression cannot be evaluated, the expression is kept as text.
 */
export function readKarafkaRuby(text: string, label: string, env?: EnvSource): KarafkaSettings {
  const scope = env ? envScope(env) : undefined
  const classify = (value: string, where: string, numericString = false) => readValue(value, where, scope, numericString)
  const code = stripComments(text)
  const lineAt = lineIndex(code)
  const where = (offset: number) => `${label}:${lineAt(offset)}`
  const kafka: KarafkaSettings['kafka'] = {}

  const keyPattern = new RegExp(`(['"])(${KAFKA_KEYS.map((k) => k.replaceAll('.', '\\.')).join('|')})\\1(\\s*:(?!:)|\\s*=>|\\]\\s*=(?![=~]))`, 'g')
  for (const match of code.matchAll(keyPattern)) {
    const key = match[2] as KafkaKey
    const start = (match.index ?? 0) + match[0].length
    const text = scanValue(code, start)
    ;(kafka[key] ??= []).push(classify(text, where(match.index ?? 0)))
  }

  const listeners: ListenerSetup[] = []
  for (const match of code.matchAll(/\b(SwarmLivenessListener|LivenessListener|ReadinessListener)\.new\b/g)) {
    const kind = LISTENER_CLASSES[match[1] ?? '']
    if (!kind) continue
    const after = (match.index ?? 0) + match[0].length
    const argsText = scanArguments(code, after)
    listeners.push({kind, where: where(match.index ?? 0), args: parseKeywordArguments(argsText, where(match.index ?? 0), classify)})
  }

  const shutdown = /config\.shutdown_timeout\s*=(?!=)/.exec(code)
  const shutdownTimeout = shutdown ? classify(scanValue(code, shutdown.index + shutdown[0].length), where(shutdown.index)) : undefined
  return {source: label, fromRuby: true, kafka, listeners, ...(shutdownTimeout ? {shutdownTimeout} : {})}
}

/** `-X key=value` arguments: only the keys in KAFKA_KEYS are kept (values are never echoed otherwise). */
export function readXProperties(args: readonly string[]): KarafkaSettings {
  const kafka: KarafkaSettings['kafka'] = {}
  for (const arg of args) {
    const eq = arg.indexOf('=')
    if (eq <= 0) throw new InputError('expected key=value', `-X ${arg.split('=')[0] ?? ''}`.trim())
    const key = arg.slice(0, eq).trim()
    const value = arg.slice(eq + 1).trim()
    if (!(KAFKA_KEYS as readonly string[]).includes(key)) continue
    const number = /^\d+$/.test(value) ? Number(value) : undefined
    ;(kafka[key as KafkaKey] ??= []).push({text: value, literal: true, value: number ?? value, where: `-X ${key}`})
  }

  return {source: '-X', fromRuby: false, kafka, listeners: []}
}

/** Later sources win key by key (a file, then -X on top). */
export function mergeSettings(base: KarafkaSettings | undefined, over: KarafkaSettings | undefined): KarafkaSettings | undefined {
  if (!base) return over
  if (!over) return base
  const kafka: KarafkaSettings['kafka'] = {...base.kafka}
  for (const key of KAFKA_KEYS) if (over.kafka[key]) kafka[key] = over.kafka[key]
  return {...base, source: `${base.source} and ${over.source}`, kafka}
}

/** The argument list after `.new`: `( … )` across lines, or the rest of the line without parentheses. */
function scanArguments(code: string, from: number): string {
  const rest = code.slice(from)
  const open = /^\s*\(/.exec(rest)
  if (!open) {
    const line = rest.split('\n')[0] ?? ''
    return /^\s+[a-z_]+:/.test(line) ? line : ''
  }

  const start = from + open[0].length
  return code.slice(start, scanTo(code, start, {comma: false, lineEnd: false, unmatchedClose: true}))
}

/** ENV from the environment and --env-file; File.read is not followed for the liveness settings. */
function envScope(env: EnvSource): RubyScope {
  return {env: (name) => env.values.get(name), readFile: () => ({error: 'File.read is not read for the liveness settings'})}
}

/**
 * A literal as `classify` reads it; else, with a scope, the evaluated value (still under the
 * expression's text and line); else the expression kept as text. `numericString`: a port given
 * as a string of digits (ENV['PORT'] without .to_i — Ruby's TCPServer takes it) reads as a number.
 */
function readValue(text: string, where: string, scope: RubyScope | undefined, numericString: boolean): RubyValue {
  const read = rubyLiteral(text, where)
  if (read.literal || !scope) return read
  const result = evaluateRuby(text, scope)
  if (!result.ok) return read
  const {value} = result
  if (typeof value === 'number' || value === null) return {text, literal: true, value, where}
  if (typeof value === 'string') return {text, literal: true, value: numericString && /^\d+$/.test(value) ? Number(value) : value, where}
  return read
}

function parseKeywordArguments(text: string, where: string, classify: (text: string, where: string, numericString?: boolean) => RubyValue): Record<string, RubyValue> {
  const args: Record<string, RubyValue> = {}
  let offset = 0
  while (offset < text.length) {
    const part = scanValue(text, offset, true)
    offset += part.length + 1
    const keyword = /^\s*([a-z_]+):\s*([\s\S]*)$/.exec(part)
    if (keyword?.[1] && keyword[2] !== undefined) args[keyword[1]] = classify(keyword[2].trim().replace(/\s+/g, ' '), where, keyword[1] === 'port')
  }

  return args
}

