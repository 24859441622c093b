// How much untrusted input kdoctor takes in: files, flags, pastes and broker answers. Every limit
// is far above what a real setup needs and far below what would hang a run or exhaust memory.

/** Broker answers (Metadata): what is kept in memory, and how many advertised brokers are dialed. */
export const METADATA_LIMITS = {
  /** Brokers kept from one Metadata answer; the largest real clusters have a few hundred. */
  brokers: 1000,
  /** Topics kept; the rest are counted, not kept. */
  topics: 10_000,
  /** Partitions kept across all topics; the rest are counted per topic, not kept. */
  partitions: 100_000,
  /** Advertised brokers probed per run. */
  dialedBrokers: 200,
} as const

/** Bytes a kafkajs session may receive in all before it is cut off (a forged metadata flood). */
export const CLIENT_SESSION_MAX_BYTES = 64 * 1024 * 1024

/** What kdoctor reads from files, flags and pastes. Over a limit: one line naming the source, exit 2. */
export const INPUT_LIMITS = {
  /** A properties/env/config file (-F, --env-file, karafka.rb, kcat.conf): real ones are a few KB. */
  configFileBytes: 1024 * 1024,
  /** A PEM file or value (CA bundle, certificate, key): the Mozilla bundle is about 220 KB. */
  pemFileBytes: 2 * 1024 * 1024,
  /** A Kubernetes manifest for liveness --manifest. */
  manifestBytes: 4 * 1024 * 1024,
  /** YAML documents in one manifest. */
  manifestDocuments: 1000,
  /** Text given to explain (-f, stdin, argument): logs can be long. */
  explainBytes: 16 * 1024 * 1024,
  /** A property name (-X key, file key): the longest librdkafka/Java name is under 64 characters. */
  propertyKeyChars: 256,
  /** Properties in one source (a file, the -X flags). */
  properties: 5000,
  /** Entries in a bootstrap list (-b, bootstrap.servers, KAFKA_URL). */
  bootstrapEntries: 100,
  /** A pipe or FIFO (-F <(cmd)) must deliver all its data within this time. */
  pipeReadMs: 3000,
} as const

/** "1.5 MB", "800 KB": sizes in messages. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`
}
