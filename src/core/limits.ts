/**
 * Input limits shared by every reader of user-supplied input (files, flags, pastes, env). Past a
 * limit the reader refuses with an InputError naming the limit and the source (exit 2), instead of
 * spending gigabytes or minutes on it. The numbers are generous for real use: the largest real
 * inputs we know of are noted beside each one.
 */

/** A config, properties, env or manifest file (a large Kubernetes manifest is ~1 MB). */
export const MAX_INPUT_FILE_BYTES = 4 * 1024 * 1024

/** A PEM/keystore file (a CA bundle such as ca-certificates.crt is ~220 KB). */
export const MAX_CERT_FILE_BYTES = 2 * 1024 * 1024

/** Text pasted into `explain` (from stdin or -f): an error log excerpt. */
export const MAX_PASTE_BYTES = 1024 * 1024

/** One line of a text input (a single-line PEM in an env var is ~4 KB). */
export const MAX_LINE_CHARS = 64 * 1024

/** A property key (`ssl.endpoint.identification.algorithm` is the longest real one, 37). */
export const MAX_PROPERTY_KEY_CHARS = 256

/** Distinct settings in one source (a large client config has ~100). */
export const MAX_SETTINGS_ENTRIES = 2_000

/** Bootstrap addresses (-b entries and bootstrap.servers combined). */
export const MAX_BOOTSTRAP_ENTRIES = 256

/** Repeated flags naming resources (--topic, --group). */
export const MAX_RESOURCE_ENTRIES = 1_000

/** YAML documents in one manifest file. */
export const MAX_MANIFEST_DOCUMENTS = 1_000

/** A pipe or FIFO (-F <(cmd), --env-file <(heroku config -s)) must deliver all its data within this time. */
export const PIPE_READ_MS = 3000

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

/** "1.5 MB", "800 KB": sizes in messages. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`
}
