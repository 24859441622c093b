// Reads the facts out of one (already masked) error line: which broker, which layer state,
// which mechanism, topic or group. Works on any client's wording; unknown parts are left out.

import type {Evidence} from './catalog/rules.js'

const MAX_VALUE = 200

/** librdkafka broker name: <proto>://<host>:<port>/<node id | bootstrap>. */
const RDKAFKA_BROKER = /(?<![\w+\/.:-])(?:(plaintext|ssl|sasl_plaintext|sasl_ssl):\/\/)?(\[[^\]]+\]|[A-Za-z0-9][\w.-]*):(\d+)\/(bootstrap|-?\d+)(?=:\s|\]|\s|$)/i
/** librdkafka's "(after 312ms in state AUTH_REQ, 1 identical error(s) suppressed)". */
const RDKAFKA_STATE = /\(after (\d+)ms in state ([A-Z_]+)(?:, (\d+) identical error\(s\) suppressed)?\)/
const RDKAFKA_ADDRESS = /\bipv[46]#(\[[^\]]+\]|[\d.]+):(\d+)/
const RESOLVE_TARGET = /Failed to resolve '([^':]+):(\d+)'/
const NODE_SYSCALL = /\b(?:connect|getaddrinfo|read|write) (ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE|ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)(?: (\[?[\w.:-]+?\]?)(?::(\d+))?)?(?=[\s,"'}]|$)/
const JAVA_NODE = /Connection to node (-?\d+) \(([^/\s)]+)\/([^:\s)]+):(\d+)\)/
const JAVA_NODE_ID = /(?:Error connecting to node|Bootstrap broker) ([^\s:]+):(\d+) \(id: (-?\d+) rack/
const JAVA_DNS = /(?:resolve|Removing) server (\S+?):(\d+) from bootstrap\.servers/
const KAFKAJS_BROKER = /"broker":"([^"]+?):(\d+)"/
const GO_DIAL = /dial tcp (\[[^\]]+\]|[\w.-]+):(\d+)/
const GO_LOOKUP = /lookup ([\w.-]+)(?: on [^:]+:\d+)?:/
const SARAMA_BROKER = /Failed to connect to broker ([\w.-]+):(\d+)/
const KUBELET_URL = /Get "https?:\/\/([^/:"]+):(\d+)(\/[^"]*)?"/
const CURL_PORT = /Failed to connect to (\S+) port (\d+)/
const KAFKA_PYTHON = /host=([^:\s]+):(\d+)/
/** ruby-kafka's seed broker URIs: kafka://host:port (plaintext) or kafka+ssl://host:port. */
const RUBY_KAFKA = /\bkafka(?:\+ssl)?:\/\/([\w.-]+):(\d+)/
/** pino-pretty and similar loggers print the fields of a kafkajs log entry as `broker: "host:port"`. */
const PRETTY_BROKER = /^\s+broker: "([^"]+?):(\d+)"/

const MECHANISM_PATTERNS: readonly RegExp[] = [
  /\bSASL (PLAIN|GSSAPI|OAUTHBEARER|SCRAM-SHA-(?:256|512)|AWS_MSK_IAM) mechanism\b/,
  /with SASL mechanism (\S+?)[.)]?(?=\s|$)/,
  /Client SASL mechanism '([^']+)'/,
  /client mechanism (\S+?),/,
  /Unsupported SASL mechanism: (?!broker's)(\S+)/,
  /\bSASL (SCRAM SHA(?:256|512)|PLAIN|Plain|OAUTHBEARER)\b/,
  /No provider for SASL mechanism (\S+?):/,
]
const OFFERED = [/broker's supported mechanisms: ([^()]*?)(?: \(after|$)/, /enabled mechanisms are \[([^\]]*)\]/]

const TOPIC_PATTERNS: readonly RegExp[] = [
  /Subscribed topic not available: (\S+?): /,
  /Not authorized to access topics: \[([^\]]+)\]/,
  /\{([^{}=\s]+)=(?:UNKNOWN_TOPIC_OR_PARTITION|TOPIC_AUTHORIZATION_FAILED|LEADER_NOT_AVAILABLE)\}/,
  /Topic (\S+) not present in metadata/,
  /on resource = Topic:(?:LITERAL|PREFIXED):(\S+)/,
  /\btopic[= ]"([^"]+)"/i,
  /"topic":"([^"]+)"/,
  /Topic: (\S+)\s+(?:TopicId|PartitionCount)/,
  /Compaction is disabled for (\S+)/,
]
const GROUP_PATTERNS: readonly RegExp[] = [
  /Not authorized to access group: (\S+)/,
  /on resource = Group:(?:LITERAL|PREFIXED):(\S+)/,
  /"groupId":"([^"]+)"/,
  /\bgroup(?:\.id| id|Id)?[= ]"([^"]+)"/i,
]

/** kafkajs' placeholders where a name would be ("Not authorized to access topics: [Topic authorization failed]"). */
const PLACEHOLDER_NAMES = new Set(['Topic authorization failed', 'Group authorization failed'])

/** Java names a few librdkafka properties differently; the did-you-mean for KD101. */
const PROPERTY_SUGGESTIONS: Readonly<Record<string, string>> = {
  'ssl.truststore.location': 'ssl.ca.location',
  'ssl.truststore.password': '(not needed: librdkafka reads PEM via ssl.ca.location / ssl.ca.pem)',
  'ssl.keystore.location': 'ssl.certificate.location + ssl.key.location (or ssl.keystore.location for PKCS#12)',
  'sasl.jaas.config': 'sasl.username + sasl.password',
  'sasl.mechanisms': 'sasl.mechanism (Java)',
  'ssl.ca.location': 'ssl.truststore.location (Java)',
  'enable.ssl.certificate.verification': 'ssl.endpoint.identification.algorithm (Java has no switch for chain verification)',
  security_protocol: 'security.protocol',
  bootstrap_servers: 'bootstrap.servers',
  'bootstrap.server': 'bootstrap.servers',
  'sasl.user': 'sasl.username',
}

function clip(value: string): string {
  const trimmed = value.trim()
  return trimmed.length > MAX_VALUE ? `${trimmed.slice(0, MAX_VALUE - 1)}…` : trimmed
}

function firstGroup(line: string, patterns: readonly RegExp[]): string | undefined {
  for (const pattern of patterns) {
    const found = pattern.exec(line)?.[1]
    if (found) return found
  }

  return undefined
}

/** loopback / private / link-local / container-id / cluster-local / public, for a host or IP. */
export function addressScope(host: string): string | undefined {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (h === 'localhost' || /^127\./.test(h) || h === '::1') return 'loopback'
  if (/^10\./.test(h) || /^192\.168\./.test(h) || /^172\.(?:1[6-9]|2\d|3[01])\./.test(h) || /^f[cd][0-9a-f]{2}:/.test(h)) return 'private'
  if (/^169\.254\./.test(h) || /^fe80:/.test(h)) return 'link-local'
  if (/^[0-9a-f]{12}$/.test(h)) return 'container-id'
  if (/\.svc(?:\.cluster\.local)?\.?$/.test(h) || /\.cluster\.local\.?$/.test(h)) return 'cluster-local'
  if (/\.(?:internal|local|localdomain)\.?$/.test(h)) return 'internal-name'
  return undefined
}

/** msk / confluent / heroku from a broker host name. */
export function providerOf(host: string): string | undefined {
  if (/\.kafka(?:-serverless)?\.[a-z0-9-]+\.amazonaws\.com$/i.test(host)) return 'msk'
  if (/\.confluent\.cloud$/i.test(host)) return 'confluent'
  if (/^ec2-[\d-]+\.compute(?:-1)?\.amazonaws\.com$/i.test(host)) return 'heroku'
  return undefined
}

export function extractEvidence(line: string): Evidence {
  const ev: Evidence = {}
  const set = (key: string, value: string | number | undefined): void => {
    if (value === undefined || value === '' || key in ev) return
    ev[key] = typeof value === 'string' ? clip(value) : value
  }

  const broker = RDKAFKA_BROKER.exec(line)
  if (broker) {
    const [name, proto, host, port, node] = broker as unknown as [string, string | undefined, string, string, string]
    set('broker', name)
    set('protocol', proto?.toLowerCase() ?? 'plaintext')
    set('host', host)
    set('port', Number(port))
    set('node', node)
    set('brokerSource', node === 'bootstrap' ? 'bootstrap.servers' : 'advertised (cluster metadata)')
  }

  const state = RDKAFKA_STATE.exec(line)
  if (state) {
    set('state', state[2])
    set('afterMs', Number(state[1]))
    if (state[3]) set('suppressed', Number(state[3]))
  }

  const javaNode = JAVA_NODE.exec(line)
  if (javaNode) {
    set('host', javaNode[2])
    set('address', `${javaNode[3]}:${javaNode[4]}`)
    set('port', Number(javaNode[4]))
    set('node', javaNode[1])
    set('brokerSource', javaNode[1]?.startsWith('-') ? 'bootstrap.servers' : 'advertised (cluster metadata)')
  }

  const javaNodeId = JAVA_NODE_ID.exec(line)
  if (javaNodeId) {
    set('host', javaNodeId[1])
    set('port', Number(javaNodeId[2]))
    set('node', javaNodeId[3])
    set('brokerSource', javaNodeId[3]?.startsWith('-') ? 'bootstrap.servers' : 'advertised (cluster metadata)')
  }

  for (const pattern of [KAFKAJS_BROKER, SARAMA_BROKER, JAVA_DNS, RESOLVE_TARGET, KUBELET_URL, CURL_PORT, KAFKA_PYTHON, RUBY_KAFKA, PRETTY_BROKER]) {
    const found = pattern.exec(line)
    if (found?.[1]) {
      set('host', found[1])
      if (found[2]) set('port', Number(found[2]))
      if (pattern === KUBELET_URL && found[3]) set('path', found[3])
    }
  }

  const address = RDKAFKA_ADDRESS.exec(line)
  if (address) {
    set('address', `${address[1]}:${address[2]}`)
    set('port', Number(address[2]))
  }

  const syscall = NODE_SYSCALL.exec(line)
  if (syscall) {
    set('errno', syscall[1])
    if (syscall[2]) {
      if (syscall[3]) {
        set('address', `${syscall[2]}:${syscall[3]}`)
        set('port', Number(syscall[3]))
      } else {
        set('host', syscall[2])
      }
    }
  }

  const dial = GO_DIAL.exec(line)
  if (dial) {
    set('address', `${dial[1]}:${dial[2]}`)
    set('port', Number(dial[2]))
  }

  const lookup = GO_LOOKUP.exec(line)
  if (lookup) set('host', lookup[1])

  const mechanism = firstGroup(line, MECHANISM_PATTERNS)
  if (mechanism) set('mechanism', mechanism.replace(/^SCRAM SHA(\d+)$/i, 'SCRAM-SHA-$1').toUpperCase())
  const offered = firstGroup(line, OFFERED)
  if (offered !== undefined) set('offeredMechanisms', offered.trim() === '' ? '(none)' : offered)

  const topic = firstGroup(line, TOPIC_PATTERNS)
  if (topic && !PLACEHOLDER_NAMES.has(topic)) set('topic', topic)
  const group = firstGroup(line, GROUP_PATTERNS)
  if (group && !PLACEHOLDER_NAMES.has(group)) set('group', group)

  const principal = /Principal = (\S+)/.exec(line)?.[1] ?? /\(principal=([^)]*)\)/.exec(line)?.[1]
  set('principal', principal)
  const operation = /Denied [Oo]peration = (\w+)/.exec(line)?.[1]
  set('operation', operation)
  const resource = /on resource = (\w+:\w+:\S+)/.exec(line)?.[1]
  set('resource', resource)
  const transactionalId = /resource = TransactionalId:(?:LITERAL|PREFIXED):(\S+)/.exec(line)?.[1]
  set('transactionalId', transactionalId)

  const property = /No such configuration property: \\?"([^"\\]+)\\?"/.exec(line)?.[1] ?? /The configuration '([^']+)' was supplied/.exec(line)?.[1] ?? /These configurations '\[([^\]]+)\]'/.exec(line)?.[1]
  if (property) {
    set('property', property)
    const suggestion = PROPERTY_SUGGESTIONS[property]
    set('didYouMean', suggestion)
  }

  const scheme = /unsupported protocol "([^"]+)"/.exec(line)?.[1] ?? /address ([a-z][a-z0-9+.-]*):\/\//.exec(line)?.[1]
  set('scheme', scheme?.toLowerCase())

  // Error names as the clients print them.
  set('errorName', /\(([a-z_]+)\)\s*$/.exec(line)?.[1])
  const python = /KafkaError\{code=([A-Z_]+),val=(-?\d+)/.exec(line)
  if (python) {
    set('errorName', python[1])
    set('errorCode', Number(python[2]))
  }

  set('exception', /\b((?:[a-z]+\.)+[A-Z]\w*(?:Exception|Error))\b/.exec(line)?.[1] ?? /\b(KafkaJS\w+Error|KafkaJS\w+)\b/.exec(line)?.[1])

  // Karafka liveness JSON.
  for (const key of ['polling_ttl_exceeded', 'consumption_ttl_exceeded', 'stability_ttl_exceeded', 'controlling_ttl_exceeded']) {
    if (new RegExp(`"${key}":\\s*true`).test(line)) set('liveness', key)
  }

  const unrecoverable = /"unrecoverable":\s*"([a-z_]+)"/.exec(line)?.[1]
  set('unrecoverable', unrecoverable)
  const statusCode = /statuscode: (\d{3})/.exec(line)?.[1]
  if (statusCode) set('httpStatus', Number(statusCode))

  const host = typeof ev.host === 'string' ? ev.host : typeof ev.address === 'string' ? String(ev.address).replace(/:\d+$/, '') : undefined
  if (host) {
    set('addressScope', addressScope(host))
    set('provider', providerOf(host))
  }

  return ev
}
