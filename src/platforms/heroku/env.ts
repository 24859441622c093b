// Heroku Kafka's config vars, read from the process environment (a dyno, `heroku run`) or from a
// file written by `heroku config --shell` (a laptop). Values stay here; findings get names and sources.

import type {EnvSource, EnvValue} from '../../config/env-file.js'
import {Secret} from '../../config/secret.js'
import {registerUrlCredentials} from '../../diagnosis/mask.js'

/** The variables the Heroku Kafka add-on attaches to an app. */
export const HEROKU_KAFKA_VARIABLES = ['KAFKA_URL', 'KAFKA_PREFIX', 'KAFKA_TRUSTED_CERT', 'KAFKA_CLIENT_CERT', 'KAFKA_CLIENT_CERT_KEY'] as const

export type HerokuVariableName = (typeof HEROKU_KAFKA_VARIABLES)[number]

export type {EnvSource, EnvValue} from '../../config/env-file.js'
export {environmentSource, parseEnvFile} from '../../config/env-file.js'

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
