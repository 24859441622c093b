import {didYouMean} from './did-you-mean.js'

// librdkafka's configuration property names, as data (confluentinc/librdkafka CONFIGURATION.md,
// "Global configuration properties" and "Topic configuration properties"). kdoctor speaks
// librdkafka's vocabulary first because Karafka, confluent-kafka and kcat all use it.

/** Global properties (client, consumer and producer). */
export const LIBRDKAFKA_GLOBAL_PROPERTIES: readonly string[] = [
  'builtin.features', 'client.id', 'metadata.broker.list', 'bootstrap.servers', 'message.max.bytes',
  'message.copy.max.bytes', 'receive.message.max.bytes', 'max.in.flight.requests.per.connection',
  'max.in.flight', 'metadata.recovery.strategy', 'metadata.recovery.rebootstrap.trigger.ms',
  'topic.metadata.refresh.interval.ms', 'metadata.max.age.ms', 'topic.metadata.refresh.fast.interval.ms',
  'topic.metadata.refresh.fast.cnt', 'topic.metadata.refresh.sparse', 'topic.metadata.propagation.max.ms',
  'topic.blacklist', 'debug', 'socket.timeout.ms', 'socket.blocking.max.ms', 'socket.send.buffer.bytes',
  'socket.receive.buffer.bytes', 'socket.keepalive.enable', 'socket.nagle.disable', 'socket.max.fails',
  'broker.address.ttl', 'broker.address.family', 'socket.connection.setup.timeout.ms',
  'connections.max.idle.ms', 'reconnect.backoff.jitter.ms', 'reconnect.backoff.ms', 'reconnect.backoff.max.ms',
  'statistics.interval.ms', 'enabled_events', 'error_cb', 'throttle_cb', 'stats_cb', 'log_cb', 'log_level',
  'log.queue', 'log.thread.name', 'enable.random.seed', 'log.connection.close', 'background_event_cb',
  'socket_cb', 'connect_cb', 'closesocket_cb', 'open_cb', 'resolve_cb', 'opaque', 'default_topic_conf',
  'internal.termination.signal', 'api.version.request', 'api.version.request.timeout.ms',
  'api.version.fallback.ms', 'broker.version.fallback', 'allow.auto.create.topics', 'security.protocol',
  'ssl.cipher.suites', 'ssl.curves.list', 'ssl.sigalgs.list', 'ssl.key.location', 'ssl.key.password',
  'ssl.key.pem', 'ssl_key', 'ssl.certificate.location', 'ssl.certificate.pem', 'ssl_certificate',
  'ssl.ca.location', 'https.ca.location', 'https.ca.pem', 'ssl.ca.pem', 'ssl_ca', 'ssl.ca.certificate.stores',
  'ssl.crl.location', 'ssl.keystore.location', 'ssl.keystore.password', 'ssl.providers', 'ssl.engine.location',
  'ssl.engine.id', 'ssl_engine_callback_data', 'enable.ssl.certificate.verification',
  'ssl.endpoint.identification.algorithm', 'ssl.certificate.verify_cb', 'sasl.mechanisms', 'sasl.mechanism',
  'sasl.kerberos.service.name', 'sasl.kerberos.principal', 'sasl.kerberos.kinit.cmd', 'sasl.kerberos.keytab',
  'sasl.kerberos.min.time.before.relogin', 'sasl.username', 'sasl.password', 'sasl.oauthbearer.config',
  'enable.sasl.oauthbearer.unsecure.jwt', 'oauthbearer_token_refresh_cb', 'sasl.oauthbearer.method',
  'sasl.oauthbearer.client.id', 'sasl.oauthbearer.client.credentials.client.id',
  'sasl.oauthbearer.client.credentials.client.secret', 'sasl.oauthbearer.client.secret',
  'sasl.oauthbearer.scope', 'sasl.oauthbearer.extensions', 'sasl.oauthbearer.token.endpoint.url',
  'sasl.oauthbearer.grant.type', 'sasl.oauthbearer.assertion.algorithm',
  'sasl.oauthbearer.assertion.private.key.file', 'sasl.oauthbearer.assertion.private.key.passphrase',
  'sasl.oauthbearer.assertion.private.key.pem', 'sasl.oauthbearer.assertion.file',
  'sasl.oauthbearer.assertion.claim.aud', 'sasl.oauthbearer.assertion.claim.exp.seconds',
  'sasl.oauthbearer.assertion.claim.iss', 'sasl.oauthbearer.assertion.claim.jti.include',
  'sasl.oauthbearer.assertion.claim.nbf.seconds', 'sasl.oauthbearer.assertion.claim.sub',
  'sasl.oauthbearer.assertion.jwt.template.file', 'sasl.oauthbearer.metadata.authentication.type',
  'plugin.library.paths', 'interceptors', 'group.id', 'group.instance.id', 'partition.assignment.strategy',
  'session.timeout.ms', 'heartbeat.interval.ms', 'group.protocol.type', 'group.protocol',
  'group.remote.assignor', 'coordinator.query.interval.ms', 'max.poll.interval.ms', 'enable.auto.commit',
  'auto.commit.interval.ms', 'enable.auto.offset.store', 'queued.min.messages', 'queued.max.messages.kbytes',
  'fetch.wait.max.ms', 'fetch.queue.backoff.ms', 'fetch.message.max.bytes', 'max.partition.fetch.bytes',
  'fetch.max.bytes', 'fetch.min.bytes', 'fetch.error.backoff.ms', 'offset.store.method', 'isolation.level',
  'consume_cb', 'rebalance_cb', 'offset_commit_cb', 'enable.partition.eof', 'check.crcs', 'client.rack',
  'transactional.id', 'transaction.timeout.ms', 'enable.idempotence', 'enable.gapless.guarantee',
  'queue.buffering.max.messages', 'queue.buffering.max.kbytes', 'queue.buffering.max.ms', 'linger.ms',
  'message.send.max.retries', 'retries', 'retry.backoff.ms', 'retry.backoff.max.ms',
  'queue.buffering.backpressure.threshold', 'compression.codec', 'compression.type', 'batch.num.messages',
  'batch.size', 'delivery.report.only.error', 'dr_cb', 'dr_msg_cb', 'sticky.partitioning.linger.ms',
  'client.dns.lookup', 'enable.metrics.push',
]

/** Topic properties (kcat sets them with -X as well, optionally prefixed "topic."). */
export const LIBRDKAFKA_TOPIC_PROPERTIES: readonly string[] = [
  'request.required.acks', 'acks', 'request.timeout.ms', 'message.timeout.ms', 'delivery.timeout.ms',
  'queuing.strategy', 'produce.offset.report', 'partitioner', 'partitioner_cb', 'msg_order_cmp', 'opaque',
  'compression.codec', 'compression.type', 'compression.level', 'auto.commit.enable', 'enable.auto.commit',
  'auto.commit.interval.ms', 'auto.offset.reset', 'offset.store.path', 'offset.store.sync.interval.ms',
  'offset.store.method', 'consume.callback.max.messages',
]

export const KNOWN_PROPERTIES: ReadonlySet<string> = new Set([...LIBRDKAFKA_GLOBAL_PROPERTIES, ...LIBRDKAFKA_TOPIC_PROPERTIES])

/** librdkafka aliases → the name kdoctor reads. Setting either sets the same property. */
export const PROPERTY_ALIASES: Readonly<Record<string, string>> = {
  'metadata.broker.list': 'bootstrap.servers',
  'sasl.mechanism': 'sasl.mechanisms',
  'sasl.oauthbearer.client.credentials.client.id': 'sasl.oauthbearer.client.id',
  'sasl.oauthbearer.client.credentials.client.secret': 'sasl.oauthbearer.client.secret',
}

/** Properties whose values are secrets: wrapped in Secret, never printed. */
export const SECRET_PROPERTIES: ReadonlySet<string> = new Set([
  'sasl.password',
  'ssl.key.password',
  'ssl.key.pem',
  'ssl.keystore.password',
  'sasl.oauthbearer.client.secret',
  'sasl.oauthbearer.client.credentials.client.secret',
  'sasl.oauthbearer.assertion.private.key.passphrase',
  'sasl.oauthbearer.assertion.private.key.pem',
])

const SECRET_LOOKING_NAME = /pass|pasw|pwd|secret|token|jaas|credential|private|key\.pem|api\.?key|\.key$/i

/**
 * True for a known secret property; for an unknown name, true when it looks like it could hold
 * one (sasl.jaas.config, *.token) or is a misspelling of a secret property ("sasl.pasword").
 */
export function isSecretName(name: string): boolean {
  if (isKnownProperty(name)) return SECRET_PROPERTIES.has(name)
  if (SECRET_LOOKING_NAME.test(name)) return true
  const near = didYouMean(name, KNOWN_PROPERTIES)
  return near !== undefined && SECRET_PROPERTIES.has(near)
}

/** The name kdoctor reads for a property ("topic." prefix and aliases folded), or the name itself. */
export function canonicalName(name: string): string {
  const bare = name.startsWith('topic.') && LIBRDKAFKA_TOPIC_PROPERTIES.includes(name.slice(6)) ? name.slice(6) : name
  return PROPERTY_ALIASES[bare] ?? bare
}

export function isKnownProperty(name: string): boolean {
  return KNOWN_PROPERTIES.has(name) || (name.startsWith('topic.') && LIBRDKAFKA_TOPIC_PROPERTIES.includes(name.slice(6)))
}

/**
 * Names from other clients (mostly the Java client, some kafkajs / kafka-python habits), with what
 * to write for librdkafka instead. A did-you-mean by spelling would mislead for these.
 */
export const FOREIGN_PROPERTY_HINTS: Readonly<Record<string, string>> = {
  'sasl.jaas.config': 'librdkafka has no JAAS: put the login in sasl.username and sasl.password, and the mechanism in sasl.mechanisms',
  'ssl.truststore.location': 'librdkafka reads PEM: use ssl.ca.location (export the truststore with keytool -exportcert -rfc) or ssl.ca.pem',
  'ssl.truststore.password': 'librdkafka reads PEM CA files (ssl.ca.location / ssl.ca.pem), which need no password',
  'ssl.truststore.type': 'librdkafka reads PEM CA certificates: use ssl.ca.location or ssl.ca.pem',
  'ssl.truststore.certificates': 'use ssl.ca.pem',
  'ssl.keystore.type': 'ssl.keystore.location takes PKCS#12 only; for PEM use ssl.certificate.location and ssl.key.location',
  'ssl.keystore.certificate.chain': 'use ssl.certificate.pem',
  'ssl.keystore.key': 'use ssl.key.pem',
  'ssl.protocol': 'librdkafka negotiates the TLS version through OpenSSL; there is no such setting',
  'ssl.enabled.protocols': 'librdkafka negotiates the TLS version through OpenSSL; there is no such setting',
  'ssl.keymanager.algorithm': 'Java-only setting; librdkafka has no equivalent',
  'ssl.trustmanager.algorithm': 'Java-only setting; librdkafka has no equivalent',
  'ssl.secure.random.implementation': 'Java-only setting; librdkafka has no equivalent',
  'sasl.login.callback.handler.class': 'librdkafka has no Java callback classes: use sasl.oauthbearer.method=oidc (or kdoctor --oauth-token-command)',
  'sasl.client.callback.handler.class': 'librdkafka has no Java callback classes (AWS IAM: use SCRAM-SHA-512 or OAUTHBEARER with a token provider)',
  'sasl.login.class': 'librdkafka has no Java login classes',
  'sasl.oauthbearer.scope.claim.name': 'Java-only setting; for librdkafka\'s unsecured JWT use scopeClaimName= inside sasl.oauthbearer.config',
  'sasl.oauthbearer.sub.claim.name': 'Java-only setting; for librdkafka\'s unsecured JWT use principalClaimName= inside sasl.oauthbearer.config',
  'key.serializer': 'serialization is the application\'s job with librdkafka; drop this property',
  'value.serializer': 'serialization is the application\'s job with librdkafka; drop this property',
  'key.deserializer': 'deserialization is the application\'s job with librdkafka; drop this property',
  'value.deserializer': 'deserialization is the application\'s job with librdkafka; drop this property',
  'default.api.timeout.ms': 'Java-only setting; librdkafka uses socket.timeout.ms and per-call timeouts',
  'max.block.ms': 'Java-only setting; librdkafka has no equivalent',
  'brokers': 'kafkajs option: use bootstrap.servers',
  'clientId': 'kafkajs option: use client.id',
  'connectionTimeout': 'kafkajs option: use socket.connection.setup.timeout.ms',
  'authenticationTimeout': 'kafkajs option: librdkafka bounds authentication with socket.connection.setup.timeout.ms',
  'ssl': 'kafkajs option: use security.protocol=ssl (or sasl_ssl) and ssl.* properties',
  'sasl': 'kafkajs option: use security.protocol=sasl_ssl, sasl.mechanisms, sasl.username and sasl.password',
}
