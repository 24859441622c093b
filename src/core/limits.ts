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
