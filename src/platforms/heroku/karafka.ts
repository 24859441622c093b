// What a Karafka app on Heroku Kafka needs: its consumer groups, the Web UI's topics with the
// settings the Web UI creates them with, and the config.kafka block built from Heroku's variables.
// Names and settings: karafka lib/karafka/setup/config.rb, karafka-web lib/karafka/web/config.rb.

/** Karafka's default group names: config.group_id, config.admin.group_id, Karafka::Web config.group_id. */
export const KARAFKA_GROUPS = {app: 'app', admin: 'karafka_admin', web: 'karafka_web'} as const

const HOUR = 3_600_000
const DAY = 24 * HOUR

export interface WebUiTopic {
  /** Default name; on Heroku multi-tenant plans it is used with the prefix. */
  name: string
  /** The Karafka::Web setting that names it. */
  setting: string
  cleanupPolicy: 'compact' | 'delete'
  /** retention.ms the Web UI creates it with. */
  retentionMs: number
  /** Delete-policy topics: less retention than this loses what the Web UI shows (capped by Heroku's 2-week limit). */
  minRetentionMs?: number
  /** The Web UI's status page requires exactly one partition. */
  singlePartition: boolean
  /** The Web UI fails without it (the commands topic is Pro-only: the status page only warns). */
  required: boolean
  /** What the Web UI keeps in it, for messages. */
  holds: string
  /** What the Web UI's status page says when a compacted topic lost its snapshot. */
  lostNotice?: string
}

/** Heroku's retention upper limit on standard plans (devcenter "Managing Kafka on Heroku"). */
export const HEROKU_MAX_RETENTION_MS = 14 * DAY

export const WEB_UI_TOPICS: readonly WebUiTopic[] = [
  {
    name: 'karafka_consumers_states',
    setting: 'config.topics.consumers.states.name',
    cleanupPolicy: 'compact',
    retentionMs: HOUR,
    singlePartition: true,
    required: true,
    holds: "the processes' current state",
    lostNotice: 'initial consumers state missing',
  },
  {
    name: 'karafka_consumers_reports',
    setting: 'config.topics.consumers.reports.name',
    cleanupPolicy: 'delete',
    retentionMs: DAY,
    minRetentionMs: DAY,
    singlePartition: true,
    required: true,
    holds: "every process's periodic report",
  },
  {
    name: 'karafka_consumers_metrics',
    setting: 'config.topics.consumers.metrics.name',
    cleanupPolicy: 'compact',
    retentionMs: DAY,
    singlePartition: true,
    required: true,
    holds: "the metrics behind the Web UI's charts",
    lostNotice: 'initial consumers metrics missing',
  },
  {
    name: 'karafka_consumers_commands',
    setting: 'config.topics.consumers.commands.name',
    cleanupPolicy: 'delete',
    retentionMs: 7 * DAY,
    minRetentionMs: 7 * DAY,
    singlePartition: false,
    required: false,
    holds: 'commands sent to processes (Karafka Pro)',
  },
  {
    name: 'karafka_errors',
    setting: 'config.topics.errors.name',
    cleanupPolicy: 'delete',
    retentionMs: 3 * 31 * DAY,
    minRetentionMs: HEROKU_MAX_RETENTION_MS,
    singlePartition: false,
    required: true,
    // The Web UI keeps 93 days; Heroku allows at most 2 weeks on standard plans.
    holds: 'the errors processes report',
  },
]

export interface SnippetInput {
  /** KAFKA_PREFIX in use; undefined on dedicated plans (names without a prefix). */
  prefix?: string
  /** Names without the prefix. */
  groupId: string
  adminGroup: string
  webGroup: string
  /** Topics the app uses, without the prefix (shown in comments for routes and producers). */
  topics: readonly string[]
  webUi: boolean
}

function nameExpression(bare: string, prefixed: boolean): string {
  return prefixed ? `"#{ENV.fetch('KAFKA_PREFIX')}${bare}"` : `'${bare}'`
}

/** The Karafka setup for this app, every value read from Heroku's config vars at boot. */
export function karafkaSnippet(input: SnippetInput): string {
  const prefixed = input.prefix !== undefined
  const name = (bare: string) => nameExpression(bare, prefixed)
  const lines = [
    'class KarafkaApp < Karafka::App',
    '  setup do |config|',
    '    config.kafka = {',
    "      # KAFKA_URL is a list of kafka+ssl:// URLs; librdkafka wants host:port (KD102)",
    "      'bootstrap.servers': ENV.fetch('KAFKA_URL').gsub('kafka+ssl://', ''),",
    "      'security.protocol': 'ssl',",
    "      'ssl.ca.pem': ENV.fetch('KAFKA_TRUSTED_CERT'),",
    "      'ssl.certificate.pem': ENV.fetch('KAFKA_CLIENT_CERT'),",
    "      'ssl.key.pem': ENV.fetch('KAFKA_CLIENT_CERT_KEY'),",
    "      # Heroku's broker certificates do not name the brokers' hosts: skip only the host",
    '      # name check; the CA check against KAFKA_TRUSTED_CERT stays on (KD304)',
    "      'ssl.endpoint.identification.algorithm': 'none'",
    '    }',
    `    config.group_id = ${name(input.groupId)}`,
    `    config.admin.group_id = ${name(input.adminGroup)}`,
    '  end',
  ]
  if (prefixed && input.topics.length > 0) {
    lines.push('', '  # Routes and producers use the prefixed names too, e.g.:')
    const topics = [...new Set(input.topics)]
    for (const topic of topics) lines.push(`  #   topic ${name(topic)} do ... end`)
    lines.push(`  #   Karafka.producer.produce_async(topic: ${name(topics[0]!)}, payload: ...)`)
  }

  lines.push('end')
  if (input.webUi) {
    lines.push('', 'Karafka::Web.setup do |config|', `  config.group_id = ${name(input.webGroup)}`)
    if (prefixed) for (const topic of WEB_UI_TOPICS) lines.push(`  ${topic.setting} = ${name(topic.name)}`)
    lines.push('end')
  }

  if (prefixed) {
    lines.push('', '# Create topics and groups with the Heroku CLI under the names without the prefix, e.g.', `#   heroku kafka:consumer-groups:create ${input.groupId}`)
  }

  return lines.join('\n') + '\n'
}

export interface KafkaSetting {
  property: string
  /** The value when it is neither secret nor a certificate (bootstrap list, literals). */
  value?: string
  /** The config var it is read from. */
  from?: string
}

/** The same settings as data (for --json and other clients): librdkafka property names. */
export function karafkaKafkaSettings(bootstrapServers: string | undefined): KafkaSetting[] {
  return [
    {property: 'bootstrap.servers', ...(bootstrapServers ? {value: bootstrapServers} : {}), from: 'KAFKA_URL without kafka+ssl://'},
    {property: 'security.protocol', value: 'ssl'},
    {property: 'ssl.ca.pem', from: 'KAFKA_TRUSTED_CERT'},
    {property: 'ssl.certificate.pem', from: 'KAFKA_CLIENT_CERT'},
    {property: 'ssl.key.pem', from: 'KAFKA_CLIENT_CERT_KEY'},
    {property: 'ssl.endpoint.identification.algorithm', value: 'none'},
  ]
}
