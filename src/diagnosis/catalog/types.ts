// The shape of the diagnosis catalog: one entry per stable KD code (shared/diagnosis-codes.md).
// Entries are data (src/diagnosis/catalog/kdNxx.ts); nothing here knows about any one code.

import type {KdCode} from '../finding.js'

/** The layer a code belongs to, in the order a connection passes through them. */
export type Layer = 'config' | 'network' | 'listener-tls' | 'authentication' | 'cluster' | 'authorization' | 'platform' | 'liveness'

/** Every layer in connection order; explain output and the docs index follow this order. */
export const LAYERS: readonly Layer[] = ['config', 'network', 'listener-tls', 'authentication', 'cluster', 'authorization', 'platform', 'liveness']

/** The hundreds digit of a code names its layer (KD3xx is listener and TLS). */
export const LAYER_OF_RANGE: Readonly<Record<number, Layer>> = {
  1: 'config',
  2: 'network',
  3: 'listener-tls',
  4: 'authentication',
  5: 'cluster',
  6: 'authorization',
  7: 'platform',
  8: 'liveness',
}

export const LAYER_TITLES: Readonly<Record<Layer, string>> = {
  config: 'Configuration (found before any packet is sent)',
  network: 'Network',
  'listener-tls': 'Listener and TLS',
  authentication: 'Authentication',
  cluster: 'Cluster and metadata',
  authorization: 'Authorization',
  platform: 'Platforms',
  liveness: 'Process liveness (Karafka Kubernetes liveness listener)',
}

/**
 * Where a message comes from. librdkafka covers every client built on it when the text is
 * librdkafka's own (kcat, confluent-kafka-python/-go print it verbatim); karafka is what the
 * Ruby side adds (Rdkafka::RdkafkaError#to_s, Karafka's logger, the Web UI); heroku,
 * kubernetes and http are the platforms' own tools (Heroku CLI, kubelet events, the liveness
 * endpoint's answer).
 */
export type ClientFamily = 'librdkafka' | 'karafka' | 'java' | 'kafkajs' | 'node' | 'go' | 'python' | 'heroku' | 'kubernetes' | 'http'

export const CLIENT_FAMILIES: readonly ClientFamily[] = ['librdkafka', 'karafka', 'java', 'kafkajs', 'node', 'go', 'python', 'heroku', 'kubernetes', 'http']

/** One recognisable message. Patterns are matched against a single (masked) line, never with g/y flags. */
export interface Signature {
  client: ClientFamily
  pattern: RegExp
  note?: string
  /**
   * The line only says that this layer failed (a client's error-code heading, a summary such as
   * "1/1 brokers are down", a disconnect that follows another failure). It gives the code when the
   * text shows nothing more specific; any other recognised problem or harmless line replaces it.
   */
  weak?: boolean
}

export type Provider = 'msk' | 'confluent' | 'heroku' | 'kubernetes' | 'docker'

export const PROVIDER_TITLES: Readonly<Record<Provider, string>> = {
  msk: 'AWS MSK',
  confluent: 'Confluent Cloud',
  heroku: 'Heroku',
  kubernetes: 'Kubernetes',
  docker: 'Docker',
}

export interface Cause {
  /** One likely cause, most likely first in the list. */
  cause: string
  /** How kdoctor (or the user, with the command given) confirms or rules it out. */
  confirm: string
}

/** A code as an entry spells it; the closed KdCode union (./codes.ts) is read off the entries. */
export type CodeLiteral = `KD${number}`

/**
 * An entry as written in kdNxx.ts (`satisfies CatalogEntryData[]` keeps each code's literal type).
 * The catalog then holds them as CatalogEntry, which only compiles when every `related` code exists.
 */
export type CatalogEntryData = Omit<CatalogEntry, 'code' | 'related'> & {code: CodeLiteral; related: CodeLiteral[]}

export interface CatalogEntry {
  code: KdCode
  title: string
  layer: Layer
  /** What the code means, for an engineer reading it in a debug pod. */
  explanation: string
  causes: Cause[]
  /** Exact settings or commands: librdkafka property names first, then Karafka, Java, kafkajs. */
  fix: string[]
  providers: Partial<Record<Provider, string>>
  related: KdCode[]
  signatures: Signature[]
  defaultStatus: 'fail' | 'warn'
}
