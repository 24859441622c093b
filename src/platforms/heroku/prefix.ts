// Heroku multi-tenant naming: every topic and consumer group lives under the add-on's KAFKA_PREFIX
// (e.g. "wiry-12345."). Code uses the prefixed name; the Heroku CLI takes the name without it.

export type ResourceKind = 'topic' | 'group'

export interface NameVerdict {
  /** The name as the app uses it. */
  name: string
  /**
   * prefixed: starts with the prefix. unprefixed: does not (possibly only the dot is missing).
   * doubled: carries the prefix twice, the trace of a prefix typed into the Heroku CLI.
   */
  status: 'prefixed' | 'unprefixed' | 'doubled'
  /** The name the app must use. */
  corrected: string
  /** The name to give the Heroku CLI (without the prefix). */
  bare: string
}

/** Judges one name against the prefix and says what it should be. */
export function judgeName(name: string, prefix: string): NameVerdict {
  if (name.startsWith(prefix)) {
    const rest = name.slice(prefix.length)
    if (rest.startsWith(prefix)) {
      const bare = stripRepeatedPrefix(rest, prefix)
      return {name, status: 'doubled', corrected: prefix + bare, bare}
    }

    return {name, status: 'prefixed', corrected: name, bare: rest}
  }

  // "wiry-12345events", "wiry-12345_events": the prefix without its dot.
  const stem = prefix.endsWith('.') ? prefix.slice(0, -1) : prefix
  if (stem !== '' && name.startsWith(stem) && name.length > stem.length) {
    const bare = name.slice(stem.length).replace(/^[._-]/, '')
    return {name, status: 'unprefixed', corrected: prefix + bare, bare}
  }

  return {name, status: 'unprefixed', corrected: prefix + name, bare: name}
}

function stripRepeatedPrefix(name: string, prefix: string): string {
  let rest = name
  while (rest.startsWith(prefix)) rest = rest.slice(prefix.length)
  return rest
}

/** Kafka's own rule for topic names (org.apache.kafka.common.internals.Topic). */
export function invalidTopicName(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'is not a topic name'
  if (name.length > 249) return 'is longer than 249 characters'
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return 'has characters other than letters, digits, ".", "_" and "-"'
  return undefined
}

/** A Heroku prefix as the add-on sets it: topic-name characters, ending in ".". */
export function prefixProblem(prefix: string): string | undefined {
  if (prefix !== prefix.trim()) return 'has spaces or line breaks around it'
  if (!/^[A-Za-z0-9._-]+$/.test(prefix)) return 'has characters a topic name cannot have'
  if (!prefix.endsWith('.')) return 'does not end with "." (Heroku prefixes look like "wiry-12345.")'
  return undefined
}

/** Retention as the Heroku CLI writes it: "1d", "36h". */
export function herokuDuration(ms: number): string {
  const day = 86_400_000
  const hour = 3_600_000
  if (ms % day === 0) return `${ms / day}d`
  if (ms % hour === 0) return `${ms / hour}h`
  return `${Math.ceil(ms / hour)}h`
}

export interface TopicCreateOptions {
  partitions?: number
  compaction?: boolean
  retentionMs?: number
}

/**
 * The Heroku CLI commands kdoctor recommends (heroku-kafka-jsplugin). Without an app name the
 * CLI takes the app from the git remote of the current directory, so `-a` is added only when known.
 */
export class HerokuCli {
  constructor(readonly app?: string) {}

  topicsCreate(bare: string, options: TopicCreateOptions = {}): string {
    const parts = ['kafka:topics:create', bare, '--partitions', options.partitions === undefined ? '<partitions>' : String(options.partitions)]
    if (options.compaction) parts.push('--compaction')
    if (options.retentionMs !== undefined) parts.push('--retention-time', herokuDuration(options.retentionMs))
    return this.command(parts)
  }

  consumerGroupsCreate(bare: string): string {
    return this.command(['kafka:consumer-groups:create', bare])
  }

  compaction(bare: string, enable = true): string {
    return this.command(['kafka:topics:compaction', bare, enable ? 'enable' : 'disable'])
  }

  topicsInfo(bare: string): string {
    return this.command(['kafka:topics:info', bare])
  }

  consumerGroupsList(): string {
    return this.command(['kafka:consumer-groups'])
  }

  /** "disable" turns time-based retention off and leaves the topic compacted. */
  retentionTime(bare: string, retention: number | 'disable'): string {
    return this.command(['kafka:topics:retention-time', bare, retention === 'disable' ? 'disable' : herokuDuration(retention)])
  }

  /** Lists the app's config vars (names show how the Kafka add-on is attached). */
  config(): string {
    return this.command(['config'])
  }

  configGet(name: string): string {
    return this.command(['config:get', name])
  }

  /** Writes the app's config vars as kdoctor's --env-file reads them. */
  configShell(file: string): string {
    return `${this.command(['config', '--shell'])} > ${file}`
  }

  configUnset(name: string): string {
    return this.command(['config:unset', name])
  }

  /** Heroku issues a new client certificate and key and updates the config vars. */
  credentialsReset(): string {
    return this.command(['kafka:credentials', '--reset'])
  }

  topicsDestroy(bare: string): string {
    return this.command(['kafka:topics:destroy', bare])
  }

  private command(parts: string[]): string {
    return ['heroku', ...parts, ...(this.app ? ['-a', this.app] : [])].join(' ')
  }
}
