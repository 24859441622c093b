import type {Finding} from '../diagnosis/finding.js'
import {configFinding} from './config-finding.js'
import {didYouMean} from './did-you-mean.js'
import type {SaslMechanism, SaslSettings, SecurityProtocol, Sourced, TlsSettings, TokenProvider} from './profile.js'
import type {ResolvedProperty} from './properties.js'
import {Secret} from './secret.js'

/** Resolved properties by the name kdoctor reads (aliases folded). */
export type PropertyTable = ReadonlyMap<string, ResolvedProperty>

const PROTOCOLS: Readonly<Record<string, SecurityProtocol>> = {
  plaintext: 'PLAINTEXT',
  ssl: 'SSL',
  sasl_plaintext: 'SASL_PLAINTEXT',
  sasl_ssl: 'SASL_SSL',
}

export const LIBRDKAFKA_MECHANISMS: readonly SaslMechanism[] = ['GSSAPI', 'PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER']

export function usesSasl(protocol: SecurityProtocol): boolean {
  return protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL'
}

export function usesTls(protocol: SecurityProtocol): boolean {
  return protocol === 'SSL' || protocol === 'SASL_SSL'
}

/**
 * security.protocol: case-insensitive like librdkafka's enum. Not set → a scheme on the bootstrap
 * list (kafka+ssl:// → SSL) → librdkafka's default, plaintext. An unknown value is KD104 fail;
 * kdoctor then guesses ("tls" → SSL) so the probes can still run.
 */
export function resolveSecurityProtocol(
  props: PropertyTable,
  implied: {value: SecurityProtocol; scheme: string} | undefined,
  bootstrapSource: string,
  findings: Finding[],
): Sourced<SecurityProtocol> {
  const prop = props.get('security.protocol')
  if (!prop) {
    if (implied) return {value: implied.value, source: `${implied.scheme}:// scheme in ${bootstrapSource}`}
    return {value: 'PLAINTEXT', source: 'the default, as security.protocol is not set'}
  }

  const text = prop.value.trim().toLowerCase()
  const known = PROTOCOLS[text]
  if (known) return {value: known, source: prop.source}

  const guess = PROTOCOLS[text.replace(/tls/g, 'ssl').replace(/-/g, '_')] ?? PROTOCOLS[didYouMean(text, Object.keys(PROTOCOLS)) ?? '']
  findings.push(
    configFinding('KD104', 'fail', 'security.protocol',
      `security.protocol=${prop.value} (from ${prop.source}) is not one of plaintext, ssl, sasl_plaintext, sasl_ssl${guess ? `; did you mean ${guess.toLowerCase()}?` : ''}`,
      {property: 'security.protocol', value: prop.value, source: prop.source, ...(guess ? {assumed: guess} : {})}),
  )
  return guess ? {value: guess, source: `${prop.source} (read as ${guess.toLowerCase()})`} : {value: 'PLAINTEXT', source: `default (${prop.source} not understood)`}
}

function normalizeMechanism(text: string): string {
  return text.trim().toUpperCase().replace(/_/g, '-')
}

const ALL_MECHANISMS: readonly SaslMechanism[] = [...LIBRDKAFKA_MECHANISMS, 'AWS_MSK_IAM']

/** Reads sasl.mechanisms: one mechanism, exact case (librdkafka compares with strcmp). */
function parseMechanism(prop: ResolvedProperty, findings: Finding[]): SaslMechanism | undefined {
  const parts = prop.value.split(/[,\s]+/).filter((p) => p !== '')
  const first = parts[0] ?? ''
  if (parts.length > 1) {
    findings.push(
      configFinding('KD104', 'warn', 'sasl.mechanisms',
        `sasl.mechanisms (from ${prop.source}) lists ${parts.length} mechanisms, but librdkafka takes exactly one; kdoctor uses ${first}`,
        {property: 'sasl.mechanisms', value: prop.value, source: prop.source}),
    )
  }

  const mechanism = ALL_MECHANISMS.find((m) => normalizeMechanism(m) === normalizeMechanism(first))
  if (!mechanism) {
    const near = didYouMean(first.toUpperCase(), ALL_MECHANISMS)
    findings.push(
      configFinding('KD104', 'fail', 'sasl.mechanisms',
        `sasl.mechanisms=${first} (from ${prop.source}) is not a SASL mechanism (GSSAPI, PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER)${near ? `; did you mean ${near}?` : ''}`,
        {property: 'sasl.mechanisms', value: first, source: prop.source, ...(near ? {suggestion: near} : {})}),
    )
    return undefined
  }

  if (mechanism === 'AWS_MSK_IAM') {
    findings.push(
      configFinding('KD108', 'fail', 'sasl.mechanisms',
        `sasl.mechanisms=${first} (from ${prop.source}): librdkafka-based clients (Karafka, confluent-kafka, kcat) have no AWS_MSK_IAM; use SCRAM-SHA-512 (MSK port 9096) or OAUTHBEARER with a token provider (port 9098)`,
        {property: 'sasl.mechanisms', value: first, source: prop.source, alternatives: ['SCRAM-SHA-512', 'OAUTHBEARER']}),
    )
  } else if (first !== mechanism) {
    findings.push(
      configFinding('KD104', 'warn', 'sasl.mechanisms',
        `sasl.mechanisms=${first} (from ${prop.source}): write ${mechanism}; librdkafka matches mechanism names case-sensitively`,
        {property: 'sasl.mechanisms', value: first, source: prop.source, expected: mechanism}),
    )
  }

  return mechanism
}

/** --oauth-token-file / --oauth-token-command, as given on the command line. */
export type TokenFlag = {kind: 'file'; path: Sourced<string>} | {kind: 'command'; command: Sourced<string>}

/** Names of properties that only make sense with SASL. */
const SASL_ONLY = ['sasl.mechanisms', 'sasl.username', 'sasl.password', 'sasl.oauthbearer.method', 'sasl.oauthbearer.config', 'sasl.oauthbearer.client.id', 'sasl.oauthbearer.client.secret', 'sasl.oauthbearer.token.endpoint.url']

function parseExtensions(text: string): Record<string, string> {
  const extensions: Record<string, string> = {}
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=')
    if (eq > 0) extensions[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim()
  }

  return extensions
}

function credentialsMissing(mechanism: SaslMechanism, missing: string[], source: string, findings: Finding[]): void {
  findings.push(
    configFinding('KD109', 'fail', missing[0]!,
      `${mechanism} (sasl.mechanisms from ${source}) needs ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not set`,
      {mechanism, missing, source}),
  )
}

function oauthProvider(props: PropertyTable, tokenFlag: TokenFlag | undefined, mechanismSource: string, findings: Finding[]): TokenProvider | undefined {
  if (tokenFlag?.kind === 'file') return {kind: 'file', path: tokenFlag.path}
  if (tokenFlag?.kind === 'command') return {kind: 'command', command: tokenFlag.command}

  const method = props.get('sasl.oauthbearer.method')
  const methodValue = method?.value.trim().toLowerCase() ?? 'default'
  if (method && methodValue !== 'default' && methodValue !== 'oidc') {
    findings.push(
      configFinding('KD101', 'fail', 'sasl.oauthbearer.method', `sasl.oauthbearer.method=${method.value} (from ${method.source}) is not default or oidc`, {
        property: 'sasl.oauthbearer.method',
        value: method.value,
        source: method.source,
      }),
    )
  }

  if (methodValue === 'oidc') {
    const clientId = props.get('sasl.oauthbearer.client.id')
    const clientSecret = props.get('sasl.oauthbearer.client.secret')
    const endpoint = props.get('sasl.oauthbearer.token.endpoint.url')
    const missing = [
      ...(clientId?.value ? [] : ['sasl.oauthbearer.client.id']),
      ...(clientSecret?.value ? [] : ['sasl.oauthbearer.client.secret']),
      ...(endpoint?.value ? [] : ['sasl.oauthbearer.token.endpoint.url']),
    ]
    if (missing.length > 0 || !clientId || !clientSecret || !endpoint) {
      findings.push(
        configFinding('KD109', 'fail', missing[0] ?? 'sasl.oauthbearer.method',
          `sasl.oauthbearer.method=oidc (from ${method!.source}) needs ${missing.join(', ')}, not set`,
          {mechanism: 'OAUTHBEARER', method: 'oidc', missing}),
      )
      return undefined
    }

    const scope = props.get('sasl.oauthbearer.scope')
    const extensions = props.get('sasl.oauthbearer.extensions')
    return {
      kind: 'oidc',
      tokenEndpoint: {value: endpoint.value, source: endpoint.source},
      clientId: {value: clientId.value, source: clientId.source},
      clientSecret: new Secret(clientSecret.value, clientSecret.source),
      ...(scope?.value ? {scope: {value: scope.value, source: scope.source}} : {}),
      ...(extensions?.value ? {extensions: parseExtensions(extensions.value)} : {}),
    }
  }

  const config = props.get('sasl.oauthbearer.config')
  if (config?.value.trim()) {
    const fields = new Map<string, string>()
    for (const pair of config.value.trim().split(/\s+/)) {
      const eq = pair.indexOf('=')
      if (eq > 0) fields.set(pair.slice(0, eq), pair.slice(eq + 1))
    }

    const principal = fields.get('principal')
    if (!principal) {
      findings.push(
        configFinding('KD109', 'fail', 'sasl.oauthbearer.config',
          `sasl.oauthbearer.config (from ${config.source}) has no principal=..., which librdkafka's unsecured JWT needs`,
          {mechanism: 'OAUTHBEARER', missing: ['principal'], source: config.source}),
      )
      return undefined
    }

    const life = Number(fields.get('lifeSeconds') ?? 3600)
    const scope = fields.get('scope')
    return {
      kind: 'unsecured-jwt',
      principal: {value: principal, source: config.source},
      ...(scope ? {scope: {value: scope, source: config.source}} : {}),
      lifetimeSeconds: Number.isInteger(life) && life > 0 ? life : 3600,
    }
  }

  findings.push(
    configFinding('KD109', 'fail', 'sasl.oauthbearer.method',
      `OAUTHBEARER (sasl.mechanisms from ${mechanismSource}) has no token source: give --oauth-token-file or --oauth-token-command (what the app's token callback produces), or sasl.oauthbearer.method=oidc with client id, secret and token endpoint`,
      {mechanism: 'OAUTHBEARER', missing: ['token provider']}),
  )
  return undefined
}

/**
 * Assembles SaslSettings when security.protocol is SASL_*, with KD104 (GSSAPI assumed, username
 * with a mechanism that ignores it), KD108 (AWS_MSK_IAM) and KD109 (credentials missing).
 * For non-SASL protocols it reports SASL settings that will never be sent (KD104) and returns
 * undefined: the client would not authenticate, so neither do the probes.
 */
export function resolveSasl(
  props: PropertyTable,
  protocol: Sourced<SecurityProtocol>,
  tokenFlag: TokenFlag | undefined,
  findings: Finding[],
): SaslSettings | undefined {
  const username = props.get('sasl.username')
  const password = props.get('sasl.password')
  const mechanismProp = props.get('sasl.mechanisms')

  if (!usesSasl(protocol.value)) {
    // The mechanism is still checked: AWS_MSK_IAM or a typo is wrong whatever the protocol.
    if (mechanismProp) parseMechanism(mechanismProp, findings)
    const set = SASL_ONLY.filter((name) => props.has(name)).map((name) => `${name} (from ${props.get(name)!.source})`)
    if (tokenFlag) set.push(tokenFlag.kind === 'file' ? `--oauth-token-file` : `--oauth-token-command`)
    if (set.length > 0) {
      findings.push(
        configFinding('KD104', 'warn', 'security.protocol',
          `${set.join(', ')} set, but security.protocol is ${protocol.value.toLowerCase()} (from ${protocol.source}): these credentials are never sent; use sasl_ssl (or sasl_plaintext)`,
          {securityProtocol: protocol.value, securityProtocolSource: protocol.source, saslProperties: set}),
      )
    }

    return undefined
  }

  let mechanism: Sourced<SaslMechanism>
  if (mechanismProp) {
    const parsed = parseMechanism(mechanismProp, findings)
    if (!parsed) return undefined
    mechanism = {value: parsed, source: mechanismProp.source}
  } else if (tokenFlag) {
    mechanism = {value: 'OAUTHBEARER', source: `implied by ${tokenFlag.kind === 'file' ? '--oauth-token-file' : '--oauth-token-command'}`}
  } else {
    const credentials = [username, password].filter((p) => p !== undefined).map((p) => p!.key)
    findings.push(
      configFinding('KD104', credentials.length > 0 ? 'fail' : 'warn', 'sasl.mechanisms',
        `security.protocol is ${protocol.value.toLowerCase()} (from ${protocol.source}) but sasl.mechanisms is not set, so librdkafka assumes GSSAPI (Kerberos)${credentials.length > 0 ? `; with ${credentials.join(' and ')} set you likely want PLAIN or SCRAM-SHA-512` : ''}`,
        {securityProtocol: protocol.value, assumed: 'GSSAPI', credentialProperties: credentials}),
    )
    mechanism = {value: 'GSSAPI', source: 'default GSSAPI (sasl.mechanisms not set)'}
  }

  const settings: SaslSettings = {mechanism}
  if (username) settings.username = {value: username.value, source: username.source}
  if (password) settings.password = new Secret(password.value, password.source)

  switch (mechanism.value) {
    case 'PLAIN':
    case 'SCRAM-SHA-256':
    case 'SCRAM-SHA-512': {
      const missing = [...(username?.value ? [] : ['sasl.username']), ...(password?.value ? [] : ['sasl.password'])]
      if (missing.length > 0) credentialsMissing(mechanism.value, missing, mechanism.source, findings)
      break
    }

    case 'OAUTHBEARER': {
      const provider = oauthProvider(props, tokenFlag, mechanism.source, findings)
      if (provider) settings.tokenProvider = provider
      break
    }

    default:
      break
  }

  // (A defaulted GSSAPI was reported above already, with the username in it.)
  if (username && mechanismProp && (mechanism.value === 'OAUTHBEARER' || mechanism.value === 'GSSAPI')) {
    findings.push(
      configFinding('KD104', 'warn', 'sasl.username',
        `sasl.username (from ${username.source}) only applies to PLAIN and SCRAM, but the mechanism is ${mechanism.value} (from ${mechanism.source})`,
        {mechanism: mechanism.value, source: username.source}),
    )
  }

  if (tokenFlag && mechanism.value !== 'OAUTHBEARER') {
    findings.push(
      configFinding('KD104', 'warn', 'sasl.mechanisms',
        `${tokenFlag.kind === 'file' ? '--oauth-token-file' : '--oauth-token-command'} given, but sasl.mechanisms is ${mechanism.value} (from ${mechanism.source}): the token is only used with OAUTHBEARER`,
        {mechanism: mechanism.value}),
    )
  }

  return settings
}

function parseBool(prop: ResolvedProperty, findings: Finding[]): boolean | undefined {
  const text = prop.value.trim().toLowerCase()
  if (['true', 't', '1'].includes(text)) return true
  if (['false', 'f', '0'].includes(text)) return false
  findings.push(
    configFinding('KD101', 'fail', prop.key, `${prop.key}=${prop.value} (from ${prop.source}) is not true or false`, {
      property: prop.key,
      value: prop.value,
      source: prop.source,
    }),
  )
  return undefined
}

/** enable.ssl.certificate.verification and ssl.endpoint.identification.algorithm (librdkafka ≥ 2.0 defaults: on, https). */
export function resolveVerification(props: PropertyTable, findings: Finding[]): Pick<TlsSettings, 'verifyCertificate' | 'verifyHostname'> {
  let verifyCertificate: Sourced<boolean> = {value: true, source: 'default (enable.ssl.certificate.verification=true)'}
  const verifyProp = props.get('enable.ssl.certificate.verification')
  if (verifyProp) {
    const value = parseBool(verifyProp, findings)
    if (value !== undefined) verifyCertificate = {value, source: verifyProp.source}
  }

  let verifyHostname: Sourced<boolean> = {value: true, source: 'default (ssl.endpoint.identification.algorithm=https since librdkafka 2.0)'}
  const algorithm = props.get('ssl.endpoint.identification.algorithm')
  if (algorithm) {
    const text = algorithm.value.trim().toLowerCase()
    if (text === 'https' || text === 'none') {
      verifyHostname = {value: text === 'https', source: algorithm.source}
    } else {
      findings.push(
        configFinding('KD101', 'fail', 'ssl.endpoint.identification.algorithm',
          `ssl.endpoint.identification.algorithm=${algorithm.value === '' ? '(empty)' : algorithm.value} (from ${algorithm.source}) is not https or none${algorithm.value.trim() === '' ? ' (Java turns hostname checks off with an empty value; librdkafka needs none)' : ''}`,
          {property: 'ssl.endpoint.identification.algorithm', value: algorithm.value, source: algorithm.source}),
      )
    }
  }

  return {verifyCertificate, verifyHostname}
}
