import type {BootstrapAddress, Provider, SaslMechanism, SecurityProtocol} from './profile.js'

/** MSK broker names: b-1.<cluster>.<id>.c2.kafka.<region>.amazonaws.com, boot-<id>.c1.kafka-serverless.<region>.amazonaws.com. */
const MSK_HOST = /\.kafka(-serverless)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/i
const CONFLUENT_HOST = /\.confluent\.cloud$/i
/** Heroku's own domains; Heroku Kafka brokers are usually plain EC2 names reached through KAFKA_URL. */
const HEROKU_HOST = /(^|\.)heroku(app|space)?\.com$|\.herokuspace\.com$/i
const EC2_HOST = /^ec2-[0-9-]+\.(?:[a-z0-9-]+\.)?compute(?:-1)?\.amazonaws\.com$/i

export function isMskHost(host: string): boolean {
  return MSK_HOST.test(host)
}

export function isMskServerlessHost(host: string): boolean {
  return MSK_HOST.exec(host)?.[1] !== undefined
}

export function isConfluentCloudHost(host: string): boolean {
  return CONFLUENT_HOST.test(host)
}

export interface ProviderHints {
  /** The bootstrap list came from env KAFKA_URL (Heroku's config var). */
  fromKafkaUrl: boolean
  /** The bootstrap text equals the KAFKA_URL value (the user passed "$KAFKA_URL" along). */
  equalsKafkaUrl: boolean
  /** Schemes seen in the bootstrap list (lower case). */
  schemes: readonly string[]
}

/** Which platform the bootstrap list points at, from its host names and how it was given. */
export function detectProvider(addresses: readonly BootstrapAddress[], hints: ProviderHints): Provider {
  if (addresses.some((a) => isMskHost(a.host))) return 'msk'
  if (addresses.some((a) => isConfluentCloudHost(a.host))) return 'confluent'
  if (hints.fromKafkaUrl || hints.equalsKafkaUrl) return 'heroku'
  if (addresses.some((a) => HEROKU_HOST.test(a.host))) return 'heroku'
  if (hints.schemes.includes('kafka+ssl') && addresses.some((a) => EC2_HOST.test(a.host))) return 'heroku'
  return 'generic'
}

/** What a provider's listener on a given port expects from the client. */
export interface ListenerExpectation {
  /** Human name of the listener: "TLS", "SASL/SCRAM", "IAM". */
  listener: string
  protocol: SecurityProtocol
  /** Acceptable mechanisms for SASL listeners (first one is the recommendation). */
  mechanisms?: readonly SaslMechanism[]
  public?: boolean
}

/**
 * AWS MSK client ports (docs.aws.amazon.com/msk/latest/developerguide/port-info.html).
 * IAM listeners take AWS_MSK_IAM (Java) or OAUTHBEARER with a token provider (librdkafka).
 */
export const MSK_PORTS: Readonly<Record<number, ListenerExpectation>> = {
  9092: {listener: 'PLAINTEXT', protocol: 'PLAINTEXT'},
  9094: {listener: 'TLS', protocol: 'SSL'},
  9096: {listener: 'SASL/SCRAM', protocol: 'SASL_SSL', mechanisms: ['SCRAM-SHA-512']},
  9098: {listener: 'IAM', protocol: 'SASL_SSL', mechanisms: ['OAUTHBEARER', 'AWS_MSK_IAM']},
  9194: {listener: 'public TLS', protocol: 'SSL', public: true},
  9196: {listener: 'public SASL/SCRAM', protocol: 'SASL_SSL', mechanisms: ['SCRAM-SHA-512'], public: true},
  9198: {listener: 'public IAM', protocol: 'SASL_SSL', mechanisms: ['OAUTHBEARER', 'AWS_MSK_IAM'], public: true},
}

/** MSK Serverless has one listener: IAM on 9098. */
export const MSK_SERVERLESS_PORTS: Readonly<Record<number, ListenerExpectation>> = {
  9098: {listener: 'IAM', protocol: 'SASL_SSL', mechanisms: ['OAUTHBEARER', 'AWS_MSK_IAM']},
}

/** Confluent Cloud: <cluster>.<region>.<cloud>.confluent.cloud:9092, SASL_SSL with PLAIN (API key) or OAUTHBEARER. */
export const CONFLUENT_PORTS: Readonly<Record<number, ListenerExpectation>> = {
  9092: {listener: 'SASL_SSL', protocol: 'SASL_SSL', mechanisms: ['PLAIN', 'OAUTHBEARER']},
}
