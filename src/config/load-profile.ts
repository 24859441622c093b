import {basename} from 'node:path'

import {InputError} from '../core/input-error.js'
import {finding, type Finding} from '../diagnosis/finding.js'
import {parseBootstrapList} from './bootstrap.js'
import {DEFAULT_TIMEOUT_MS, parseDuration} from './duration.js'
import type {ConnectionProfile, ProfileResult, Sourced, TlsSettings} from './profile.js'
import {
  mergeProperties,
  parsePropertiesText,
  parseXArgument,
  type RawProperty,
  resolveProperties,
  type ResolvedProperty,
  StdinLines,
} from './properties.js'
import {detectProvider} from './provider.js'
import {readUserFile} from './read-file.js'
import {Secret} from './secret.js'
import {settingOrigins, settingRecords} from './settings.js'
import {resolveSasl, resolveSecurityProtocol, resolveVerification, type TokenFlag, usesTls} from './security.js'
import {
  checkProviderPorts,
  checkSchemeContradiction,
  checkTlsWithoutTls,
  checkUnknownProperties,
  checkVerification,
  readConnectionSetupTimeout,
} from './static-checks.js'
import {type OpenedKey, loadTlsMaterial} from './tls-material.js'
import {MAX_SETTINGS_ENTRIES} from '../core/limits.js'

/** Everything a command hands over to build a profile; flags as the user typed them. */
export interface ProfileInput {
  /** -b, --bootstrap-server host:port[,host:port...] */
  bootstrapServers?: string
  /** Each -X key=value, in order (librdkafka property names, as kcat takes them). */
  properties: string[]
  /** -F, --config FILE: librdkafka / kcat style properties file. */
  configFile?: string
  /** --timeout: "10s", "500ms", "2m" or milliseconds. Default 10s. */
  timeout?: string
  /** --oauth-token-file PATH (read later, by the SASL layer). */
  oauthTokenFile?: string
  /** --oauth-token-command "cmd" (run later, by the SASL layer). */
  oauthTokenCommand?: string
  /** Standard input, for values given as "-". */
  stdin?: () => Promise<string>
  /** Settings read from the app's own files (kcat.conf, karafka.rb, Java/Spring), lowest first; -F and -X override them. */
  appProperties?: RawProperty[]
  /** Where each environment variable came from ("app.env:3"); default "env NAME". */
  envSources?: ReadonlyMap<string, {source: string}>
  /** Maps a path the app's settings name (ssl.ca.location, -F) to where kdoctor reads it (--from-pid). */
  appPath?: (path: string) => string
  /**
   * KAFKA_CLIENT_CERT_KEY as heroku-prefix already read and opened it: it fills ssl.key.pem where
   * the environment's variable would (the environment then carries no key text).
   */
  herokuKey?: OpenedKey
}

export const DEFAULT_BOOTSTRAP = 'localhost:9092'

/** Heroku Kafka config vars and the librdkafka property each one fills. */
const HEROKU_TLS_VARS: readonly (readonly [string, string])[] = [
  ['KAFKA_TRUSTED_CERT', 'ssl.ca.pem'],
  ['KAFKA_CLIENT_CERT', 'ssl.certificate.pem'],
  ['KAFKA_CLIENT_CERT_KEY', 'ssl.key.pem'],
]

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== ''
}

function tokenFlagOf(input: ProfileInput): TokenFlag | undefined {
  if (input.oauthTokenFile !== undefined && input.oauthTokenCommand !== undefined) {
    throw new InputError('give either --oauth-token-file or --oauth-token-command, not both', 'flag --oauth-token-command')
  }

  if (input.oauthTokenFile !== undefined) {
    if (input.oauthTokenFile.trim() === '') throw new InputError('--oauth-token-file needs a path', 'flag --oauth-token-file')
    return {kind: 'file', path: {value: input.oauthTokenFile, source: 'flag --oauth-token-file'}}
  }

  if (input.oauthTokenCommand !== undefined) {
    if (input.oauthTokenCommand.trim() === '') throw new InputError('--oauth-token-command needs a command', 'flag --oauth-token-command')
    return {kind: 'command', command: {value: input.oauthTokenCommand, source: 'flag --oauth-token-command'}}
  }

  return undefined
}

async function readConfigFile(path: string, appPath: (path: string) => string): Promise<RawProperty[]> {
  const read = await readUserFile(appPath(path))
  if (!read.ok) throw new InputError(`cannot read config file ${path}: ${read.reason}`, 'flag --config')
  return parsePropertiesText(read.bytes.toString('utf8'), basename(path))
}

interface BootstrapChoice {
  raw: string
  source: string
  fromKafkaUrl: boolean
}

/** -b wins over bootstrap.servers (-X, then -F), then KAFKA_BOOTSTRAP_SERVERS, KAFKA_URL, localhost:9092. */
function chooseBootstrap(input: ProfileInput, property: ResolvedProperty | undefined, env: NodeJS.ProcessEnv, envSource: (name: string) => string): BootstrapChoice {
  if (input.bootstrapServers !== undefined) return {raw: input.bootstrapServers, source: 'flag --bootstrap-server', fromKafkaUrl: false}
  if (property) return {raw: property.value, source: property.source, fromKafkaUrl: false}
  if (nonEmpty(env.KAFKA_BOOTSTRAP_SERVERS)) return {raw: env.KAFKA_BOOTSTRAP_SERVERS, source: envSource('KAFKA_BOOTSTRAP_SERVERS'), fromKafkaUrl: false}
  if (nonEmpty(env.KAFKA_URL)) return {raw: env.KAFKA_URL, source: envSource('KAFKA_URL'), fromKafkaUrl: true}
  return {raw: DEFAULT_BOOTSTRAP, source: `default ${DEFAULT_BOOTSTRAP}`, fromKafkaUrl: false}
}

/**
 * Every input dialect (flags, -X, -F file, environment, Heroku config vars) → one validated
 * ConnectionProfile, plus the KD1xx findings that can be made before any packet is sent.
 *
 * Precedence: -b over bootstrap.servers; -X over -F over the environment; later -X over earlier.
 * Bad input that makes the run impossible (unreadable -F, -X without "=", bad --timeout, an
 * env:/file:/- reference that cannot be followed) throws InputError naming its source. Everything
 * else becomes a finding, and the profile is still built as far as it can be.
 */
export async function loadProfile(input: ProfileInput, env: NodeJS.ProcessEnv = process.env): Promise<ProfileResult> {
  const timeoutMs = input.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(input.timeout, 'flag --timeout')
  const tokenFlag = tokenFlagOf(input)
  const appPath = input.appPath ?? ((path: string) => path)
  const envSource = (name: string) => input.envSources?.get(name)?.source ?? `env ${name}`
  const fileProps = input.configFile === undefined ? [] : await readConfigFile(input.configFile, appPath)
  if (input.properties.length > MAX_SETTINGS_ENTRIES) throw new InputError(`${input.properties.length} -X flags, over kdoctor's limit of ${MAX_SETTINGS_ENTRIES}`, 'flag -X')
  const flagProps = input.properties.map((arg, index) => parseXArgument(arg, index + 1))

  // Heroku's certificate vars count when the run targets Heroku's KAFKA_URL: kdoctor's own fallback,
  // or -b "$KAFKA_URL". They are the lowest layer: -F and -X still override them.
  const given = [...(input.appProperties ?? []), ...fileProps, ...flagProps]
  const bootstrapGiven =
    input.bootstrapServers !== undefined || given.some((p) => p.key === 'bootstrap.servers' || p.key === 'metadata.broker.list')
  const herokuFallback = !bootstrapGiven && !nonEmpty(env.KAFKA_BOOTSTRAP_SERVERS) && nonEmpty(env.KAFKA_URL)
  const herokuFlag = nonEmpty(env.KAFKA_URL) && input.bootstrapServers?.trim() === env.KAFKA_URL.trim()
  const herokuLayer = herokuFallback || herokuFlag
  const envProps: RawProperty[] = herokuLayer
    ? HEROKU_TLS_VARS.filter(([name]) => nonEmpty(env[name])).map(([name, key]) => ({key, value: env[name]!, source: envSource(name), origin: 'env' as const}))
    : []

  const resolved = await resolveProperties(mergeProperties([...envProps, ...given]), env, new StdinLines(input.stdin), envSource)
  const props = new Map(resolved.map((p) => [p.name, p]))
  // The opened Heroku key is the same lowest layer: any ssl.key.pem or ssl.key.location given overrides it.
  const herokuKey = herokuLayer && !props.has('ssl.key.pem') && !props.has('ssl.key.location') ? input.herokuKey : undefined
  const findings: Finding[] = []

  // Java and Spring keys were judged by their own client's rules when they were translated.
  findings.push(...checkUnknownProperties(resolved.filter((p) => p.origin !== 'env' && p.dialect !== 'java' && p.dialect !== 'spring')))

  const bootstrapProperty = props.get('bootstrap.servers')
  const choice = chooseBootstrap(input, bootstrapProperty, env, envSource)
  if (input.bootstrapServers !== undefined && bootstrapProperty && bootstrapProperty.value !== input.bootstrapServers) {
    findings.push(
      finding({
        check: 'config',
        target: 'bootstrap.servers',
        status: 'info',
        summary: `--bootstrap-server overrides ${bootstrapProperty.key} from ${bootstrapProperty.source}`,
        evidence: {overridden: bootstrapProperty.source, used: 'flag --bootstrap-server'},
      }),
    )
  }

  const bootstrap = parseBootstrapList(choice.raw, choice.source, {fromKafkaUrlFallback: choice.fromKafkaUrl})
  findings.push(...bootstrap.findings)

  const provider = detectProvider(bootstrap.addresses, {
    fromKafkaUrl: choice.fromKafkaUrl,
    equalsKafkaUrl: nonEmpty(env.KAFKA_URL) && choice.raw.trim() === env.KAFKA_URL.trim(),
    schemes: bootstrap.schemes,
  })

  const securityProtocol = resolveSecurityProtocol(props, bootstrap.impliedProtocol, choice.source, findings)
  if (provider !== 'heroku') findings.push(...checkSchemeContradiction(bootstrap.impliedProtocol, securityProtocol, choice.source))
  const sasl = resolveSasl(props, securityProtocol, tokenFlag, findings)

  const tls: TlsSettings = {caPems: [], ...resolveVerification(props, findings)}
  if (usesTls(securityProtocol.value)) {
    const material = await loadTlsMaterial({
      caLocation: props.get('ssl.ca.location'),
      caPem: props.get('ssl.ca.pem'),
      certificateLocation: props.get('ssl.certificate.location'),
      certificatePem: props.get('ssl.certificate.pem'),
      keyLocation: props.get('ssl.key.location'),
      keyPem: props.get('ssl.key.pem'),
      keyPassword: props.get('ssl.key.password'),
      keystoreLocation: props.get('ssl.keystore.location'),
      keystorePassword: props.get('ssl.keystore.password'),
      ...(herokuKey ? {openedKey: herokuKey} : {}),
      appPath,
    })
    tls.caPems = material.caPems
    if (material.certificatePem) tls.certificatePem = material.certificatePem
    if (material.keyPem) tls.keyPem = material.keyPem
    if (material.keyPassword) tls.keyPassword = material.keyPassword
    if (material.pfx) tls.pfx = material.pfx
    if (material.pfxPassword) tls.pfxPassword = material.pfxPassword
    findings.push(...material.findings)
  } else {
    findings.push(...checkTlsWithoutTls(props, securityProtocol))
  }

  findings.push(...checkVerification(tls, securityProtocol.value, provider))
  findings.push(...checkProviderPorts(provider, bootstrap.addresses, securityProtocol, sasl, bootstrap.schemes))
  const connectionSetupTimeoutMs = readConnectionSetupTimeout(props, findings)

  const properties = new Map<string, Sourced<string | Secret>>()
  for (const prop of resolved) {
    properties.set(prop.key, {value: prop.secret ? new Secret(prop.value, prop.source) : prop.value, source: prop.source})
  }

  if (herokuKey) properties.set(herokuKey.property, {value: herokuKey.pem, source: herokuKey.pem.source})
  const settings = settingRecords(resolved, choice, herokuKey ? [{key: herokuKey.property, source: herokuKey.pem.source}] : [])
  const profile: ConnectionProfile = {
    bootstrap: bootstrap.addresses,
    bootstrapSource: choice.source,
    securityProtocol,
    tls,
    timeoutMs,
    provider,
    properties,
    settingSources: settingOrigins(settings),
    ...(sasl ? {sasl} : {}),
    ...(connectionSetupTimeoutMs ? {connectionSetupTimeoutMs} : {}),
  }
  return {profile, findings, settings}
}
