import {InputError} from '../core/input-error.js'
import {canonicalName, isKnownProperty, isSecretName} from './librdkafka-properties.js'
import {readUserFile} from './read-file.js'
import {MAX_CERT_FILE_BYTES, MAX_PROPERTY_KEY_CHARS, MAX_SETTINGS_ENTRIES} from '../core/limits.js'

/** Layers in increasing precedence: environment, then -F file, then -X flags. */
export type PropertyOrigin = 'env' | 'file' | 'flag'

/** One key=value exactly as the user wrote it, and where. */
export interface RawProperty {
  key: string
  /** As written: may still be an indirection (env:NAME, file:/path, "-"). */
  value: string
  /** Where the key was written: "-X sasl.password", "client.properties line 3", "env KAFKA_URL". */
  source: string
  origin: PropertyOrigin
}

/** A winning property with its indirection followed. */
export interface ResolvedProperty {
  /** As the user spelled it. */
  key: string
  /** The name kdoctor reads (aliases folded: sasl.mechanism → sasl.mechanisms). */
  name: string
  value: string
  /** Where the value came from: the line that set it, or "env KAFKA_PASSWORD" for env:KAFKA_PASSWORD. */
  source: string
  /** Where the key was written (differs from source only for indirections). */
  setBy: string
  origin: PropertyOrigin
  secret: boolean
}

/**
 * Parses a librdkafka / kcat style properties file: `key=value` lines, `#` and `!` comments,
 * blank lines, whitespace around the separator; Java's `key: value` is accepted too.
 * Each property's source is "<label> line <n>".
 */
export function parsePropertiesText(text: string, label: string): RawProperty[] {
  const properties: RawProperty[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim()
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue
    const source = `${label} line ${index + 1}`
    if (properties.length >= MAX_SETTINGS_ENTRIES) throw new InputError(`more than ${MAX_SETTINGS_ENTRIES} properties: not a client configuration`, source)
    const eq = line.indexOf('=')
    const colon = line.indexOf(':')
    const at = eq === -1 ? colon : colon === -1 ? eq : Math.min(eq, colon)
    // Never echo the line: it may be a pasted secret.
    if (at === -1) throw new InputError('expected key=value', source)
    const key = line.slice(0, at).trim()
    if (key === '' || /\s/.test(key)) throw new InputError('expected key=value (no property name before the separator)', source)
    checkKeyLength(key, source)
    properties.push({key, value: line.slice(at + 1).trim(), source, origin: 'file'})
  }

  return properties
}

/** Parses one `-X key=value` argument (kcat style: split at the first "=", value kept as is). */
export function parseXArgument(arg: string, position: number): RawProperty {
  const eq = arg.indexOf('=')
  const key = eq === -1 ? arg.trim() : arg.slice(0, eq).trim()
  if (eq === -1 || key === '') {
    // Name the argument without echoing text that may carry a value (e.g. "sasl.password:hunter2").
    const shown = isKnownProperty(key) || ['list', 'dump', 'help'].includes(key) ? `-X ${key}` : `-X argument #${position}`
    throw new InputError(`${shown} is not key=value`, shown)
  }

  checkKeyLength(key, `-X argument #${position}`)
  return {key, value: arg.slice(eq + 1), source: `-X ${key}`, origin: 'flag'}
}

/** Property names are short; a longer "name" is a pasted value or garbage (never echoed). */
function checkKeyLength(key: string, source: string): void {
  if (key.length > MAX_PROPERTY_KEY_CHARS) {
    throw new InputError(`a property name of ${key.length} characters, over kdoctor's limit of ${MAX_PROPERTY_KEY_CHARS}`, source)
  }
}

/**
 * Applies precedence: later entries win, aliases count as the same property. Pass the layers in
 * increasing precedence (env, file, flags). Returns the winners in the order they were written.
 */
export function mergeProperties(raws: readonly RawProperty[]): RawProperty[] {
  const winners = new Map<string, RawProperty>()
  for (const raw of raws) winners.set(canonicalName(raw.key), raw)
  const chosen = new Set(winners.values())
  return raws.filter((raw) => chosen.has(raw))
}

/** Hands out stdin one line per "-" value, reading it at most once. */
export class StdinLines {
  #lines?: string[]
  constructor(private readonly read?: () => Promise<string>) {}

  async next(key: string, source: string): Promise<string> {
    if (!this.read) throw new InputError(`${key}=- reads the value from standard input, but no input is available`, source)
    this.#lines ??= (await this.read()).split(/\r?\n/)
    const line = this.#lines.shift()
    if (line === undefined || (line === '' && this.#lines.length === 0)) {
      throw new InputError(`standard input has no line left for ${key}`, source)
    }

    return line
  }
}

const ENV_REF = /^env:([A-Za-z_][A-Za-z0-9_]*)$/

/**
 * Follows value indirections on -X and -F values:
 * `env:NAME` (environment variable), `file:/path` (file contents, one trailing newline dropped)
 * and `-` (one line of standard input). A reference that cannot be followed is an InputError
 * naming the reference and where it was written; the value itself is never echoed.
 */
export async function resolveProperties(
  winners: readonly RawProperty[],
  env: NodeJS.ProcessEnv,
  stdin: StdinLines,
): Promise<ResolvedProperty[]> {
  const resolved: ResolvedProperty[] = []
  for (const raw of winners) {
    const base = {key: raw.key, name: canonicalName(raw.key), setBy: raw.source, origin: raw.origin, secret: isSecretName(raw.key)}
    if (raw.origin === 'env') {
      resolved.push({...base, value: raw.value, source: raw.source})
      continue
    }

    if (raw.value === 'env:') throw new InputError(`${raw.key}=env: names no environment variable (env:NAME)`, raw.source)
    const envRef = ENV_REF.exec(raw.value)
    if (envRef) {
      const name = envRef[1]!
      const value = env[name]
      if (value === undefined) throw new InputError(`environment variable ${name} is not set`, raw.source)
      resolved.push({...base, value, source: `env ${name}`})
    } else if (raw.value.startsWith('file:') && raw.value.length > 5) {
      const path = raw.value.slice(5)
      const read = await readUserFile(path, {maxBytes: MAX_CERT_FILE_BYTES})
      if (!read.ok) throw new InputError(`cannot read ${path} for ${raw.key}: ${read.reason}`, raw.source)
      resolved.push({...base, value: read.bytes.toString('utf8').replace(/\r?\n$/, ''), source: `file ${path}`})
    } else if (raw.value === '-') {
      const value = await stdin.next(raw.key, raw.source)
      resolved.push({...base, value, source: `stdin (${raw.source})`})
    } else {
      resolved.push({...base, value: raw.value, source: raw.source})
    }
  }

  return resolved
}
