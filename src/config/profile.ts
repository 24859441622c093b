import type {Finding, SettingRecord} from '../diagnosis/finding.js'
import type {Secret} from './secret.js'

/** Where a value came from, so a finding can say "set in client.properties line 7". */
export type Source = string

export interface Sourced<T> {
  value: T
  source: Source
}

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL'
export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'OAUTHBEARER' | 'GSSAPI' | 'AWS_MSK_IAM'

export interface BootstrapAddress {
  host: string
  port: number
  /** The entry as the user wrote it, before kafka+ssl:// stripping or trimming. */
  raw: string
  source: Source
}

/** How an OAUTHBEARER token is obtained; the token itself is only ever a Secret. */
export type TokenProvider =
  | {kind: 'static'; token: Secret}
  | {kind: 'file'; path: Sourced<string>}
  | {kind: 'command'; command: Sourced<string>}
  | {
      kind: 'oidc'
      tokenEndpoint: Sourced<string>
      clientId: Sourced<string>
      clientSecret: Secret
      scope?: Sourced<string>
      extensions?: Record<string, string>
    }
  | {kind: 'unsecured-jwt'; principal: Sourced<string>; scope?: Sourced<string>; lifetimeSeconds: number}

export interface SaslSettings {
  mechanism: Sourced<SaslMechanism>
  username?: Sourced<string>
  password?: Secret
  tokenProvider?: TokenProvider
}

export interface TlsSettings {
  /** PEM text of each CA certificate given (ssl.ca.location / ssl.ca.pem); empty = system roots. */
  caPems: Sourced<string>[]
  certificatePem?: Sourced<string>
  keyPem?: Secret
  keyPassword?: Secret
  /** A PKCS#12 client key store (ssl.keystore.location, Java's PKCS12 keystore), base64, and its password. */
  pfx?: Secret
  pfxPassword?: Secret
  /** enable.ssl.certificate.verification */
  verifyCertificate: Sourced<boolean>
  /** ssl.endpoint.identification.algorithm=https (librdkafka >= 2.0 default) */
  verifyHostname: Sourced<boolean>
}

export type Provider = 'msk' | 'confluent' | 'heroku' | 'generic'

export interface ConnectionProfile {
  bootstrap: BootstrapAddress[]
  /** Where the bootstrap list came from: "flag --bootstrap-server", "env KAFKA_URL", "default". */
  bootstrapSource: Source
  securityProtocol: Sourced<SecurityProtocol>
  sasl?: SaslSettings
  tls: TlsSettings
  /** One budget for the whole run. */
  timeoutMs: number
  /** socket.connection.setup.timeout.ms when given, for advice about the app's own timeout. */
  connectionSetupTimeoutMs?: Sourced<number>
  provider: Provider
  /** Every property as given (secrets replaced by their Secret), for evidence and advice. */
  properties: Map<string, Sourced<string | Secret>>
  /** Where the settings came from, for the heading: "karafka.rb", "app.env", "-X". */
  settingSources?: string[]
}

/** The profile plus the KD1xx findings found before any packet is sent. */
export interface ProfileResult {
  profile: ConnectionProfile
  findings: Finding[]
  /** Every effective setting with its source (secrets masked), for --json. */
  settings: SettingRecord[]
}

/** Longest client.id sent as given; a longer one (a file's stray line) is replaced by kdoctor's own. */
const MAX_CLIENT_ID_CHARS = 255

/**
 * The client id every request carries: the app's client.id when it sets one (brokers log it and
 * apply quotas by it, as for the app), else "kdoctor".
 */
export function clientIdOf(profile: Pick<ConnectionProfile, 'properties'>): string {
  const id = profile.properties.get('client.id')?.value
  return typeof id === 'string' && id.trim() !== '' && id.length <= MAX_CLIENT_ID_CHARS ? id : 'kdoctor'
}

/** security.protocol says TLS (SSL or SASL_SSL). */
export function usesTls(profile: Pick<ConnectionProfile, 'securityProtocol'>): boolean {
  const protocol = profile.securityProtocol.value
  return protocol === 'SSL' || protocol === 'SASL_SSL'
}

/** security.protocol says SASL (SASL_PLAINTEXT or SASL_SSL). */
export function usesSasl(profile: Pick<ConnectionProfile, 'securityProtocol'>): boolean {
  const protocol = profile.securityProtocol.value
  return protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL'
}
