// A Karafka app's karafka.rb, read as the app reads it — without running Ruby: the
// `config.kafka = { … }` hash (librdkafka properties, in every spelling Karafka's docs use), the
// values apps compute from ENV (and File.read), config.client_id / config.group_id, and the
// routing (topics and consumer groups), which drive acl-check and heroku-prefix.

import type {Finding} from '../diagnosis/finding.js'
import {finding} from '../diagnosis/finding.js'
import type {Sourced} from './profile.js'
import type {RawProperty} from './properties.js'
import {evaluateRuby, lineIndex, type RubyData, type RubyScope, scanTo, stripComments} from './ruby.js'

export interface KarafkaApp {
  /** config.kafka entries (and client.id from config.client_id), librdkafka names, with file:line sources. */
  properties: RawProperty[]
  /** Info findings: values kdoctor could not evaluate, and what to pass instead. */
  notes: Finding[]
  /** Keys whose value could not be evaluated (a required one makes the run impossible). */
  unevaluated: {key: string; where: string; reason: string}[]
  topics: Sourced<string>[]
  groups: Sourced<string>[]
}

/** `'key': v`, `"key": v`, `:'key' => v`, `:"key" => v`, `'key' => v`, `:key => v`, `key: v`. */
const HASH_KEY = /^(?:(['"])([^'"\n]+)\1\s*:(?!:)|:(['"])([^'"\n]+)\3\s*=>|(['"])([^'"\n]+)\5\s*=>|:([A-Za-z_]\w*)\s*=>|([A-Za-z_]\w*):(?!:))/

function toSetting(value: RubyData): string | {problem: string} | undefined {
  if (value === null) return undefined
  if (Array.isArray(value)) return {problem: "an Array (librdkafka takes a comma-separated String: add .join(','))"}
  return String(value)
}

function noteFinding(target: string, summary: string, evidence: Record<string, unknown>): Finding {
  return finding({check: 'config', target, status: 'info', summary, evidence})
}

/**
 * Reads karafka.rb. `label` names the file in every source ("karafka.rb:12"); `scope` gives ENV
 * (environment and --env-file) and File.read. Never throws for Ruby it cannot read: such values
 * become notes naming the line and the -X to pass instead.
 */
export function readKarafkaConfig(text: string, label: string, scope: RubyScope): KarafkaApp {
  const code = stripComments(text)
  const lineAt = lineIndex(code)
  const where = (offset: number) => `${label}:${lineAt(offset)}`
  const app: KarafkaApp = {properties: [], notes: [], unevaluated: [], topics: [], groups: []}

  /** The value as a librdkafka setting with its source, or undefined (and a note saying why). */
  const evaluate = (expression: string, at: number, key: string): {value: string; source: string} | undefined => {
    const whereText = where(at)
    const result = evaluateRuby(expression.trim(), scope)
    const setting = result.ok ? toSetting(result.value) : {problem: result.reason}
    if (typeof setting === 'object') {
      app.unevaluated.push({key, where: whereText, reason: setting.problem})
      app.notes.push(noteFinding(key, `${key} (${whereText}) is not read: ${setting.problem}; pass the value with -X ${key}=…`, {property: key, source: whereText}))
      return undefined
    }

    const inputs = result.ok ? result.inputs : []
    if (setting === undefined) {
      app.notes.push(noteFinding(key, `${key} (${whereText}) is nil (${inputs.join(', ')}): the app would not set it`, {property: key, source: whereText}))
      return undefined
    }

    return {value: setting, source: inputs.length > 0 ? `${whereText} via ${inputs.join(', ')}` : whereText}
  }

  const valueAfter = (match: RegExpExecArray): string => {
    const from = match.index + match[0].length
    return code.slice(from, scanTo(code, from, {comma: false, lineEnd: true, unmatchedClose: true}))
  }

  const kafka = /config\.kafka\s*=\s*/.exec(code)
  if (kafka) {
    const start = kafka.index + kafka[0].length
    if (code[start] !== '{') {
      app.notes.push(noteFinding('config.kafka', `config.kafka (${where(kafka.index)}) is not a literal hash { … }: kdoctor reads no settings from it; pass them with -X`, {source: where(kafka.index)}))
    } else {
      const end = scanTo(code, start + 1, {comma: false, lineEnd: false, unmatchedClose: true})
      let offset = start + 1
      while (offset < end) {
        while (offset < end && /[\s,]/.test(code[offset]!)) offset++
        if (offset >= end) break
        const entryEnd = scanTo(code, offset, {comma: true, lineEnd: false, unmatchedClose: true})
        const entry = code.slice(offset, Math.min(entryEnd, end))
        const key = HASH_KEY.exec(entry)
        if (!key) {
          app.notes.push(noteFinding('config.kafka', `an entry of config.kafka (${where(offset)}) is not key => value; kdoctor skips it`, {source: where(offset)}))
        } else {
          const name = key[2] ?? key[4] ?? key[6] ?? key[7] ?? key[8] ?? ''
          const setting = evaluate(entry.slice(key[0].length), offset, name)
          if (setting) app.properties.push({key: name, ...setting, origin: 'file', dialect: 'karafka'})
        }

        offset = entryEnd + 1
      }
    }
  }

  const clientId = /config\.client_id\s*=(?!=)\s*/.exec(code)
  if (clientId && !app.properties.some((p) => p.key === 'client.id')) {
    const setting = evaluate(valueAfter(clientId), clientId.index, 'client.id')
    if (setting) app.properties.push({key: 'client.id', ...setting, origin: 'file', dialect: 'karafka'})
  }

  const named = (pattern: RegExp, role: string): Sourced<string>[] => {
    const found: Sourced<string>[] = []
    for (const match of code.matchAll(pattern)) {
      const at = match.index ?? 0
      const from = at + match[0].length
      const lineEnd = code.indexOf('\n', from)
      let argument = code.slice(from, lineEnd === -1 ? code.length : lineEnd)
      argument = argument.replace(/\s+(?:do\b(?:\s*\|[^|]*\|)?|\{).*$/, '').trim()
      if (argument.startsWith('(') && argument.endsWith(')')) argument = argument.slice(1, -1)
      argument = argument.replace(/,.*$/, '').trim()
      if (argument === '') continue
      const result = evaluateRuby(argument, scope)
      const value = result.ok ? toSetting(result.value) : undefined
      if (!result.ok || typeof value !== 'string') {
        const reason = result.ok ? 'not a name' : result.reason
        app.notes.push(noteFinding(role, `a ${role} name (${where(at)}) is not read: ${reason}; name it with --${role === 'topic' ? 'topic' : 'group'}`, {source: where(at)}))
        continue
      }

      found.push({value, source: where(at)})
    }

    return found
  }

  const routes = /routes\.draw\b/.test(code)
  if (routes) {
    app.topics = named(/(?<![\w.])topic\s*\(?\s*(?=[:'"(A-Z])/g, 'topic')
    const consumerGroups = named(/(?<![\w.])consumer_group\s*\(?\s*(?=[:'"(A-Z])/g, 'consumer group')
    app.groups.push(...consumerGroups)
  }

  const groupId = /config\.group_id\s*=(?!=)\s*/.exec(code)
  if (groupId) {
    const setting = evaluate(valueAfter(groupId), groupId.index, 'group.id')
    if (setting && !app.groups.some((g) => g.value === setting.value)) app.groups.unshift({value: setting.value, source: where(groupId.index)})
  } else if (routes && app.topics.length > 0 && !/(?<![\w.])consumer_group\b/.test(code)) {
    // Topics drawn outside any consumer_group belong to the default group, config.group_id ('app').
    app.groups.unshift({value: 'app', source: "Karafka's default config.group_id"})
  }

  return app
}
