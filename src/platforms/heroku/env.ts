// Heroku Kafka's config vars, read from the process environment (a dyno, `heroku run`) or from a
// file written by `heroku config --shell` (a laptop). Values stay here; findings get names and sources.

import {InputError} from '../../core/input-error.js'
import {Secret} from '../../config/secret.js'
import {registerUrlCredentials} from '../../diagnosis/mask.js'

/** The variables the Heroku Kafka add-on attaches to an app. */
export const HEROKU_KAFKA_VARIABLES = ['KAFKA_URL', 'KAFKA_PREFIX', 'KAFKA_TRUSTED_CERT', 'KAFKA_CLIENT_CERT', 'KAFKA_CLIENT_CERT_KEY'] as const

export type HerokuVariableName = (typeof HEROKU_KAFKA_VARIABLES)[number]

export interface EnvValue {
  value: string
  /** "env KAFKA_URL", "heroku.env line 4", "flag --app-prefix". */
  source: string
}

/** Every variable of one run, and where each came from. */
export interface EnvSource {
  values: ReadonlyMap<string, EnvValue>
  /** "the environment" or the file name, for messages. */
  origin: string
  /** The --env-file the values were read from. */
  file?: string
}

/**
 * The Heroku Kafka variables this environment holds, when it looks like the add-on's: KAFKA_URL in
 * its kafka+ssl:// (or kafka://) form, or any of the add-on's other variables. Empty otherwise.
 */
export function herokuVariablesPresent(env: NodeJS.ProcessEnv): HerokuVariableName[] {
  const set = (name: HerokuVariableName) => (env[name] ?? '').trim() !== ''
  const others = HEROKU_KAFKA_VARIABLES.filter((name) => name !== 'KAFKA_URL' && set(name))
  const herokuUrl = set('KAFKA_URL') && /^\s*kafka(?:\+ssl)?:\/\//i.test(env.KAFKA_URL!)
  if (!herokuUrl && others.length === 0) return []
  return set('KAFKA_URL') ? ['KAFKA_URL', ...others] : others
}

export function environmentSource(env: NodeJS.ProcessEnv): EnvSource {
  const values = new Map<string, EnvValue>()
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) values.set(name, {value, source: `env ${name}`})
  }

  return {values, origin: 'the environment'}
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s
const HEROKU_CONFIG_TABLE = /^(?:===\s|[A-Za-z_][A-Za-z0-9_]*:\s)/

/** Index of the quote that closes a value (backslash escapes count inside double quotes only). */
function closingQuote(text: string, quote: '"' | "'"): number {
  for (let i = 0; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++
    else if (text[i] === quote) return i
  }

  return -1
}

// `heroku config --shell` writes values with a newline or a single quote in double quotes, newlines
// as \n and \ " $ ` ! escaped (heroku/cli packages/cli/src/lib/config/quote.ts); other values with
// shell-special characters in single quotes, backslashes doubled.
function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([\s\S])/g, (all, char: string) => (char === 'n' ? '\n' : '\\"$`!'.includes(char) ? char : all))
}

/**
 * Reads the output of `heroku config --shell` (or a dotenv file): NAME=value lines, values bare,
 * 'single-quoted' or "double-quoted" (both may span lines), `export` and # comments allowed.
 * A line that is none of these is an input error naming the file and line (exit 2).
 */
export function parseEnvFile(text: string, file: string): EnvSource {
  const values = new Map<string, EnvValue>()
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim()
    if (line === '' || line.startsWith('#')) continue
    const where = `${file} line ${index + 1}`
    if (HEROKU_CONFIG_TABLE.test(line)) {
      throw new InputError('this is the table `heroku config` prints; write the file with `heroku config --shell -a <app> > FILE`', where)
    }

    const match = ASSIGNMENT.exec(line)
    if (!match) throw new InputError('expected NAME=value', where)
    const name = match[1]!
    const rest = match[2]!
    const quote = rest[0]
    let value: string
    if (quote === '"' || quote === "'") {
      let body = rest.slice(1)
      let last = index
      let close = closingQuote(body, quote)
      while (close < 0 && last + 1 < lines.length) {
        last++
        body += `\n${lines[last]!}`
        close = closingQuote(body, quote)
      }

      if (close < 0) throw new InputError(`the ${quote === '"' ? 'double' : 'single'} quote that starts ${name}'s value is never closed`, where)
      const after = body.slice(close + 1).trim()
      if (after !== '' && !after.startsWith('#')) throw new InputError(`unexpected text after the closing quote of ${name}`, `${file} line ${last + 1}`)
      const inner = body.slice(0, close)
      value = quote === '"' ? unescapeDoubleQuoted(inner) : inner.replace(/\\\\/g, '\\')
      index = last
    } else {
      value = rest.replace(/\s+#.*$/, '').trim()
    }

    values.set(name, {value, source: where})
  }

  return {values, origin: file, file}
}

/** The Heroku variables of one run. The key is a Secret: it is parsed locally and handed to TLS, never shown. */
export interface HerokuVariables {
  url?: EnvValue
  prefix?: EnvValue
  trustedCert?: EnvValue
  clientCert?: EnvValue
  clientKey?: Secret
  /** Variable names (never values) that look like another attachment's Kafka vars, e.g. HEROKU_KAFKA_AQUA_URL. */
  otherKafkaNames: string[]
  origin: string
}

const OTHER_ATTACHMENT = /^[A-Z0-9_]*KAFKA[A-Z0-9_]*_(?:URL|PREFIX|TRUSTED_CERT|CLIENT_CERT|CLIENT_CERT_KEY)$/

/** Picks the five variables; empty values count as missing. `prefixOverride` is --app-prefix. */
export function readHerokuVariables(source: EnvSource, prefixOverride?: string): HerokuVariables {
  const get = (name: HerokuVariableName): EnvValue | undefined => {
    const found = source.values.get(name)
    return found && found.value.trim() !== '' ? found : undefined
  }

  const key = get('KAFKA_CLIENT_CERT_KEY')
  // KAFKA_URL may carry user:password@ (copied from elsewhere): never printed, wherever it goes.
  registerUrlCredentials(get('KAFKA_URL')?.value ?? '')
  const prefix = prefixOverride === undefined ? get('KAFKA_PREFIX') : {value: prefixOverride, source: 'flag --app-prefix'}
  const others = [...source.values.keys()].filter((name) => OTHER_ATTACHMENT.test(name) && !(HEROKU_KAFKA_VARIABLES as readonly string[]).includes(name))
  return {
    ...(get('KAFKA_URL') ? {url: get('KAFKA_URL')} : {}),
    ...(prefix ? {prefix} : {}),
    ...(get('KAFKA_TRUSTED_CERT') ? {trustedCert: get('KAFKA_TRUSTED_CERT')} : {}),
    ...(get('KAFKA_CLIENT_CERT') ? {clientCert: get('KAFKA_CLIENT_CERT')} : {}),
    ...(key ? {clientKey: new Secret(key.value, key.source)} : {}),
    otherKafkaNames: others.sort(),
    origin: source.origin,
  }
}

/**
 * Variables other than Heroku's own that hold a kafka+ssl:// URL: a config var or setting that
 * copied KAFKA_URL verbatim (KD102). Attachment URLs (*_URL) are Heroku's and carry the scheme by design.
 */
export function variablesCopyingKafkaUrl(source: EnvSource): {name: string; source: string}[] {
  const copies: {name: string; source: string}[] = []
  for (const [name, entry] of source.values) {
    if (name.endsWith('_URL')) continue
    if (/(?:^|[\s,='"])kafka\+ssl:\/\//i.test(entry.value)) copies.push({name, source: entry.source})
  }

  return copies
}
