// A Java Kafka client's configuration — client.properties as Kafka's Java client reads it, and
// Spring Boot's application.yml / application.properties — translated to the librdkafka names the
// rest of kdoctor reads, each setting keeping the line it came from. The Java client ignores keys
// it does not know (a warning, not a failure), and sasl.jaas.config carries the credentials.

import type {Node as YamlNode} from 'yaml'

import {InputError} from '../core/input-error.js'
import type {Finding} from '../diagnosis/finding.js'
import {finding} from '../diagnosis/finding.js'
import {configFinding} from './config-finding.js'
import {didYouMean} from './did-you-mean.js'
import type {Sourced} from './profile.js'
import type {Dialect, RawProperty} from './properties.js'

/** One Java-side key=value, before translation. */
export interface JavaEntry {
  key: string
  value: string
  source: string
}

/**
 * Java's Properties.load: `key=value`, `key: value` or `key value`; `#`/`!` comments; a trailing
 * backslash continues the line (sasl.jaas.config is often split so); \uXXXX and \t\n escapes.
 */
export function parseJavaProperties(text: string, label: string): JavaEntry[] {
  const entries: JavaEntry[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    const first = index
    let line = lines[index]!.replace(/^\s+/, '')
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue
    while (/(?<!\\)(?:\\\\)*\\$/.test(line) && index + 1 < lines.length) {
      index++
      line = line.slice(0, -1) + lines[index]!.replace(/^\s+/, '')
    }

    const separator = /^((?:[^\\=:\s]|\\.)+)\s*[=:\s]\s*/.exec(line)
    const source = `${label}:${first + 1}`
    if (!separator) {
      entries.push({key: unescapeJava(line), value: '', source})
      continue
    }

    entries.push({key: unescapeJava(separator[1]!), value: unescapeJava(line.slice(separator[0].length)), source})
  }

  return entries
}

function unescapeJava(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_all, escape: string) => {
    if (escape.length === 5) return String.fromCharCode(Number.parseInt(escape.slice(1), 16))
    return ({t: '\t', n: '\n', r: '\r', f: '\f'} as Record<string, string>)[escape] ?? escape
  })
}

/** Spring Boot's application.yml flattened to dotted keys (lists joined with commas), with lines. */
export async function parseSpringYaml(text: string, label: string): Promise<JavaEntry[]> {
  // Loaded here: most runs read no YAML, and the parser is a large module to load at every start.
  const {parseDocument, isMap, isScalar, isSeq, LineCounter} = await import('yaml')
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: false})
  const error = doc.errors[0]
  if (error) throw new InputError(`not valid YAML (${error.code})`, `${label}:${lineCounter.linePos(error.pos[0]).line}`)
  const entries: JavaEntry[] = []
  const walk = (node: YamlNode | null | undefined, prefix: string, at: number): void => {
    const source = `${label}:${lineCounter.linePos(at).line}`
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : ''
        const keyAt = isScalar(pair.key) ? (pair.key.range?.[0] ?? at) : at
        walk(pair.value as YamlNode, prefix === '' ? key : `${prefix}.${key}`, keyAt)
      }
    } else if (isSeq(node)) {
      const values = node.items.map((item) => (isScalar(item) ? String(item.value ?? '') : ''))
      entries.push({key: prefix, value: values.join(','), source})
    } else if (isScalar(node)) {
      entries.push({key: prefix, value: node.value === null ? '' : String(node.value), source})
    }
  }

  walk(doc.contents as YamlNode, '', 0)
  return entries
}

/** The Java client's common configuration names (AdminClient, consumer, producer). */
const JAVA_KNOWN = new Set([
  'bootstrap.servers', 'client.id', 'client.dns.lookup', 'client.rack', 'security.protocol', 'security.providers',
  'sasl.mechanism', 'sasl.jaas.config', 'sasl.client.callback.handler.class', 'sasl.login.callback.handler.class', 'sasl.login.class',
  'sasl.kerberos.service.name', 'sasl.kerberos.kinit.cmd', 'sasl.kerberos.min.time.before.relogin', 'sasl.kerberos.ticket.renew.jitter',
  'sasl.kerberos.ticket.renew.window.factor', 'sasl.login.refresh.buffer.seconds', 'sasl.login.refresh.min.period.seconds',
  'sasl.login.refresh.window.factor', 'sasl.login.refresh.window.jitter', 'sasl.login.connect.timeout.ms', 'sasl.login.read.timeout.ms',
  'sasl.login.retry.backoff.ms', 'sasl.login.retry.backoff.max.ms', 'sasl.oauthbearer.token.endpoint.url', 'sasl.oauthbearer.jwks.endpoint.url',
  'sasl.oauthbearer.scope.claim.name', 'sasl.oauthbearer.sub.claim.name', 'sasl.oauthbearer.expected.audience', 'sasl.oauthbearer.expected.issuer',
  'sasl.oauthbearer.clock.skew.seconds', 'sasl.oauthbearer.jwks.endpoint.refresh.ms', 'sasl.oauthbearer.jwks.endpoint.retry.backoff.ms',
  'sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms', 'sasl.oauthbearer.header.urlencode',
  'ssl.protocol', 'ssl.enabled.protocols', 'ssl.provider', 'ssl.cipher.suites', 'ssl.endpoint.identification.algorithm',
  'ssl.keystore.type', 'ssl.keystore.location', 'ssl.keystore.password', 'ssl.keystore.key', 'ssl.keystore.certificate.chain', 'ssl.key.password',
  'ssl.truststore.type', 'ssl.truststore.location', 'ssl.truststore.password', 'ssl.truststore.certificates',
  'ssl.keymanager.algorithm', 'ssl.trustmanager.algorithm', 'ssl.secure.random.implementation', 'ssl.engine.factory.class',
  'request.timeout.ms', 'default.api.timeout.ms', 'socket.connection.setup.timeout.ms', 'socket.connection.setup.timeout.max.ms',
  'connections.max.idle.ms', 'reconnect.backoff.ms', 'reconnect.backoff.max.ms', 'retry.backoff.ms', 'retry.backoff.max.ms', 'retries',
  'metadata.max.age.ms', 'metadata.max.idle.ms', 'metadata.recovery.strategy', 'metadata.recovery.rebootstrap.trigger.ms', 'send.buffer.bytes', 'receive.buffer.bytes',
  'metric.reporters', 'metrics.num.samples', 'metrics.recording.level', 'metrics.sample.window.ms', 'auto.include.jmx.reporter', 'enable.metrics.push',
  'interceptor.classes', 'group.id', 'group.instance.id', 'group.protocol', 'group.remote.assignor', 'session.timeout.ms', 'heartbeat.interval.ms',
  'max.poll.interval.ms', 'max.poll.records', 'enable.auto.commit', 'auto.commit.interval.ms', 'auto.offset.reset', 'fetch.min.bytes',
  'fetch.max.bytes', 'fetch.max.wait.ms', 'max.partition.fetch.bytes', 'isolation.level', 'partition.assignment.strategy',
  'exclude.internal.topics', 'allow.auto.create.topics', 'check.crcs', 'client.rack', 'key.deserializer', 'value.deserializer',
  'key.serializer', 'value.serializer', 'acks', 'batch.size', 'linger.ms', 'buffer.memory', 'compression.type', 'compression.gzip.level',
  'compression.lz4.level', 'compression.zstd.level', 'max.block.ms', 'max.request.size', 'delivery.timeout.ms', 'enable.idempotence',
  'max.in.flight.requests.per.connection', 'partitioner.class', 'partitioner.ignore.keys', 'partitioner.adaptive.partitioning.enable',
  'partitioner.availability.timeout.ms', 'transactional.id', 'transaction.timeout.ms', 'internal.leave.group.on.close',
])

/** Java keys whose librdkafka name is the same and which kdoctor reads. */
const SAME_NAME = ['bootstrap.servers', 'security.protocol', 'client.id', 'group.id', 'group.instance.id', 'sasl.oauthbearer.token.endpoint.url', 'socket.connection.setup.timeout.ms', 'ssl.key.password', 'ssl.keystore.location', 'ssl.keystore.password']

export interface JavaTranslation {
  properties: RawProperty[]
  findings: Finding[]
  groups: Sourced<string>[]
}

interface JaasLogin {
  module: string
  options: Map<string, string>
}

/**
 * `<LoginModule class> <flag> key="value" ...;` — the values may hold the password, so a parse
 * problem names the property and its line, never the text.
 */
export function parseJaas(text: string, source: string): JaasLogin {
  const head = /^\s*([\w.$]+)\s+(required|requisite|sufficient|optional)\b/.exec(text)
  if (!head) throw new InputError('sasl.jaas.config is not "<LoginModule> required key=\\"value\\" …;"', source)
  const options = new Map<string, string>()
  let rest = text.slice(head[0].length)
  for (;;) {
    rest = rest.replace(/^\s+/, '')
    if (rest === '' || rest.startsWith(';')) break
    const option = /^([\w.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s;"']+))/.exec(rest)
    if (!option) throw new InputError('sasl.jaas.config has an option that is not key="value"', source)
    options.set(option[1]!, (option[2] ?? option[3] ?? option[4] ?? '').replace(/\\(.)/g, '$1'))
    rest = rest.slice(option[0].length)
  }

  return {module: head[1]!, options}
}

function info(target: string, summary: string, evidence: Record<string, unknown> = {}): Finding {
  return finding({check: 'config', target, status: 'info', summary, evidence})
}

/**
 * Translates Java client settings to librdkafka's vocabulary. `dialect` says whether they came
 * from a client.properties ("java") or from Spring Boot ("spring"), for the sources and messages.
 */
export function translateJava(entries: readonly JavaEntry[], dialect: Dialect): JavaTranslation {
  const out: JavaTranslation = {properties: [], findings: [], groups: []}
  const byKey = new Map(entries.map((e) => [e.key, e]))
  const put = (key: string, value: string, source: string) => out.properties.push({key, value, source, origin: 'file', dialect})

  for (const entry of entries) {
    const {key, value, source} = entry
    if (SAME_NAME.includes(key)) {
      put(key, value, source)
      if (key === 'group.id' && value.trim() !== '') out.groups.push({value, source})
    } else if (key === 'sasl.mechanism') {
      put('sasl.mechanisms', value, source)
    } else if (key === 'sasl.jaas.config') {
      translateJaas(entry, put, out.findings)
    } else if (key === 'ssl.endpoint.identification.algorithm') {
      // Java: an empty value turns the host name check off; librdkafka spells that "none".
      put(key, value.trim() === '' ? 'none' : value, value.trim() === '' ? `${source} (empty: no host name check)` : source)
    } else if (key === 'ssl.truststore.certificates') {
      put('ssl.ca.pem', value, source)
    } else if (key === 'ssl.truststore.location') {
      const type = byKey.get('ssl.truststore.type')?.value.trim().toUpperCase()
      if (type === 'PEM' || /\.(pem|crt|cer)$/i.test(value)) put('ssl.ca.location', value, source)
      else out.findings.push(truststoreFinding(value, source, type))
    } else if (key === 'ssl.keystore.certificate.chain') {
      put('ssl.certificate.pem', value, source)
    } else if (key === 'ssl.keystore.key') {
      put('ssl.key.pem', value, source)
    } else if (JAVA_KNOWN.has(key)) {
      // Known to the Java client, nothing kdoctor's probes use (serializers, batching, …).
    } else {
      const near = didYouMean(key, [...JAVA_KNOWN])
      out.findings.push(
        configFinding('KD101', 'warn', key, `unknown property "${key}" (from ${source}): the Java client ignores it and logs a warning${near ? `; did you mean "${near}"?` : ''}`, {
          property: key,
          source,
          dialect,
          ...(near ? {suggestion: near} : {}),
        }),
      )
    }
  }

  // A PEM key store given as a file: the certificate and the key are both in it.
  const keystoreType = byKey.get('ssl.keystore.type')?.value.trim().toUpperCase()
  const keystore = out.properties.find((p) => p.key === 'ssl.keystore.location')
  if (keystore && (keystoreType === 'PEM' || /\.pem$/i.test(keystore.value))) {
    out.properties = out.properties.filter((p) => p !== keystore && p.key !== 'ssl.keystore.password')
    put('ssl.certificate.location', keystore.value, keystore.source)
    put('ssl.key.location', keystore.value, keystore.source)
  }

  return out
}

function truststoreFinding(path: string, source: string, type: string | undefined): Finding {
  const pkcs12 = type === 'PKCS12' || /\.(p12|pfx)$/i.test(path)
  const command = pkcs12
    ? `openssl pkcs12 -in ${path} -nokeys -out ca.pem`
    : `keytool -exportcert -rfc -keystore ${path} -alias <alias> -file ca.pem`
  return configFinding('KD106', 'warn', 'ssl.truststore.location',
    `ssl.truststore.location ${path} (from ${source}) is a ${pkcs12 ? 'PKCS#12' : 'Java (JKS)'} trust store, which kdoctor does not read: the probes trust the system's CA roots; export the CA with \`${command}\` and pass -X ssl.ca.location=ca.pem`,
    {property: 'ssl.truststore.location', path, source, storeType: pkcs12 ? 'PKCS12' : 'JKS', command})
}

type Put = (key: string, value: string, source: string) => void

function translateJaas(entry: JavaEntry, put: Put, findings: Finding[]): void {
  const where = `${entry.source} (sasl.jaas.config)`
  const login = parseJaas(entry.value, entry.source)
  const module = login.module.split('.').at(-1) ?? login.module
  const option = (name: string) => login.options.get(name)
  switch (module) {
    case 'PlainLoginModule':
    case 'ScramLoginModule': {
      const username = option('username')
      const password = option('password')
      if (username !== undefined) put('sasl.username', username, where)
      if (password !== undefined) put('sasl.password', password, where)
      break
    }

    case 'OAuthBearerLoginModule': {
      const clientId = option('clientId') ?? option('client_id')
      const clientSecret = option('clientSecret') ?? option('client_secret')
      const unsecured = option('unsecuredLoginStringClaim_sub')
      if (clientId !== undefined || clientSecret !== undefined) {
        put('sasl.oauthbearer.method', 'oidc', where)
        if (clientId !== undefined) put('sasl.oauthbearer.client.id', clientId, where)
        if (clientSecret !== undefined) put('sasl.oauthbearer.client.secret', clientSecret, where)
        const scope = option('scope')
        if (scope !== undefined) put('sasl.oauthbearer.scope', scope, where)
      } else if (unsecured !== undefined) {
        put('sasl.oauthbearer.config', `principal=${unsecured}`, where)
      } else {
        findings.push(info('sasl.jaas.config', `OAuthBearerLoginModule (${entry.source}) gets its token from the app's callback handler: give kdoctor --oauth-token-file or --oauth-token-command`, {source: entry.source}))
      }

      break
    }

    case 'IAMLoginModule':
      findings.push(info('sasl.jaas.config', `IAMLoginModule (${entry.source}): AWS MSK IAM authentication, see the sasl.mechanism finding`, {source: entry.source}))
      break
    default:
      findings.push(info('sasl.jaas.config', `${module} (${entry.source}) is a login module kdoctor does not read`, {source: entry.source, module}))
  }
}

/**
 * Spring Boot's spring.kafka.* settings → Java client names: bootstrap-servers, client-id,
 * security.protocol, ssl.*, properties.* (passed to the client as is), then the consumer's own
 * overrides (consumer.*), which is the client kdoctor stands in for. Non-Kafka keys are ignored.
 */
export function springToJava(entries: readonly JavaEntry[]): JavaEntry[] {
  const SSL: Record<string, string> = {
    'key-password': 'ssl.key.password',
    'key-store-certificate-chain': 'ssl.keystore.certificate.chain',
    'key-store-key': 'ssl.keystore.key',
    'key-store-location': 'ssl.keystore.location',
    'key-store-password': 'ssl.keystore.password',
    'key-store-type': 'ssl.keystore.type',
    'trust-store-certificates': 'ssl.truststore.certificates',
    'trust-store-location': 'ssl.truststore.location',
    'trust-store-password': 'ssl.truststore.password',
    'trust-store-type': 'ssl.truststore.type',
    protocol: 'ssl.protocol',
  }
  const layer = (prefix: string): JavaEntry[] => {
    const found: JavaEntry[] = []
    for (const entry of entries) {
      if (!entry.key.startsWith(prefix)) continue
      const rest = entry.key.slice(prefix.length)
      const value = rest.endsWith('location') && rest.startsWith('ssl.') ? entry.value.replace(/^file:/, '') : entry.value
      let key: string | undefined
      if (rest === 'bootstrap-servers') key = 'bootstrap.servers'
      else if (rest === 'client-id') key = 'client.id'
      else if (rest === 'group-id') key = 'group.id'
      else if (rest === 'security.protocol') key = 'security.protocol'
      else if (rest.startsWith('ssl.')) key = SSL[rest.slice(4)]
      else if (rest.startsWith('properties.')) key = rest.slice('properties.'.length)
      if (key) found.push({key, value, source: entry.source})
    }

    return found
  }

  const merged = new Map<string, JavaEntry>()
  for (const entry of [...layer('spring.kafka.'), ...layer('spring.kafka.consumer.')]) merged.set(entry.key, entry)
  return [...merged.values()]
}

/** A .properties file "is clearly Java" when it uses Java-only names and none of librdkafka's own. */
export function looksLikeJava(keys: readonly string[]): boolean {
  const javaOnly = ['sasl.jaas.config', 'sasl.mechanism', 'ssl.truststore.location', 'ssl.truststore.type', 'ssl.truststore.certificates', 'ssl.keystore.type', 'key.serializer', 'value.serializer', 'key.deserializer', 'value.deserializer', 'sasl.login.callback.handler.class', 'sasl.client.callback.handler.class']
  const librdkafkaOnly = ['sasl.mechanisms', 'sasl.username', 'sasl.password', 'ssl.ca.location', 'ssl.certificate.location', 'ssl.key.location', 'ssl.ca.pem', 'enable.ssl.certificate.verification']
  return keys.some((k) => javaOnly.includes(k)) && !keys.some((k) => librdkafkaOnly.includes(k))
}

/** Spring's ${NAME} and ${NAME:default} placeholders, resolved from the environment. */
export function resolveSpringPlaceholders(entries: readonly JavaEntry[], env: (name: string) => {value: string; source: string} | undefined, findings: Finding[]): JavaEntry[] {
  return entries.map((entry) => {
    const inputs: string[] = []
    let unresolved: string | undefined
    const value = entry.value.replace(/\$\{([^}:]+)(?::([^}]*))?\}/g, (_all, name: string, fallback: string | undefined) => {
      const envName = name.trim().replace(/[.-]/g, '_').toUpperCase()
      const found = env(name.trim()) ?? env(envName)
      if (found) {
        inputs.push(found.source)
        return found.value
      }

      if (fallback !== undefined) return fallback
      unresolved = name.trim()
      return ''
    })
    if (unresolved !== undefined) {
      findings.push(info(entry.key, `${entry.key} (${entry.source}) uses \${${unresolved}}, which is not set in the environment or an --env-file`, {property: entry.key, source: entry.source}))
    }

    return {key: entry.key, value, source: inputs.length > 0 ? `${entry.source} via ${inputs.join(', ')}` : entry.source}
  })
}
