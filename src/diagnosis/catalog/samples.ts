// Real-shaped examples of what each code looks like in the wild, per client, plus near misses
// that must NOT be read as that code. The tests run every example through the matcher; the docs
// show them under "What you see". Hosts and names are made up; formats follow each client.

import type {KdCode} from '../finding.js'
import type {ClientFamily} from './types.js'

export interface Seen {
  client: ClientFamily
  /** One line as the client prints it; several lines when the text around it matters (context). */
  text: string
}

export interface NearMiss {
  text: string
  why: string
}

export interface CodeSamples {
  /** The message as the user sees it, short; the README's symptom index lists these. */
  symptoms: string[]
  seen: Seen[]
  nearMiss: NearMiss[]
  /** Why only one client family (or none) can show this code, when that is the case. */
  singleSource?: string
}

const MSK1 = 'b-1.orders.a1b2c3.c2.kafka.eu-west-1.amazonaws.com'
const MSK2 = 'b-2.orders.a1b2c3.c2.kafka.eu-west-1.amazonaws.com'
const HEROKU = 'ec2-52-200-255-3.compute-1.amazonaws.com'
const CCLOUD = 'pkc-12345.eu-west-1.aws.confluent.cloud'
/** Ruby Logger prefixes as Karafka writes them. */
const RB_E = 'E, [2024-05-01T10:00:00.123456 #1] ERROR -- : '
const RB_D = 'D, [2024-05-01T10:00:00.123456 #1] DEBUG -- : '
/** librdkafka's own stderr format (kcat, confluent-kafka-python/-go logs). */
const RDK = (facility: string, thread: string) => `%3|1714557600.123|${facility}|rdkafka#consumer-1| [thrd:${thread}]: `
const JAVA = (level: string, client: string) => `[2024-05-01 10:00:00,123] ${level} [${client}] `
const KJS = (message: string, extra = '') => `{"level":"ERROR","timestamp":"2024-05-01T10:00:00.000Z","logger":"kafkajs","message":"${message}"${extra}}`

export const samples: Readonly<Record<KdCode, CodeSamples>> = {
  KD100: {
    symptoms: [],
    seen: [
      {client: 'java', text: 'org.apache.kafka.common.errors.RecordTooLargeException: The message is 2097152 bytes when serialized which is larger than 1048576, which is the value of the max.request.size configuration.'},
      {client: 'java', text: 'org.apache.kafka.common.errors.SerializationException: Unknown magic byte!'},
      {client: 'kafkajs', text: KJS('[Runner] The group is rebalancing, re-joining', ',"groupId":"app","memberId":"app-1","error":"The group is rebalancing, so a rejoin is needed","retryCount":0,"retryTime":261')},
      {client: 'librdkafka', text: `${RDK('FAIL', 'kafka-0.example.com:9092/1')}kafka-0.example.com:9092/1: Disconnected (after 600123ms in state UP)\n${RDK('ERROR', 'kafka-0.example.com:9092/1')}1/1 brokers are down`},
    ],
    nearMiss: [{text: 'Rdkafka::RdkafkaError: Broker: Topic authorization failed (topic_authorization_failed)', why: 'recognised (KD601), so not "no explanation"'}],
  },
  KD101: {
    symptoms: ['No such configuration property: "ssl.truststore.location"', "The configuration 'sasl.mechanisms' was supplied but isn't a known config."],
    seen: [
      {client: 'karafka', text: 'Karafka::Errors::InvalidConfigurationError: {:kafka=>"No such configuration property: \\"ssl.truststore.location\\""}'},
      {client: 'python', text: 'cimpl.KafkaException: KafkaError{code=_INVALID_ARG,val=-186,str="No such configuration property: \\"sasl.jaas.config\\""}'},
      {client: 'java', text: `${JAVA('WARN', 'Consumer clientId=consumer-app-1, groupId=app')}The configuration 'sasl.mechanisms' was supplied but isn't a known config. (org.apache.kafka.clients.consumer.ConsumerConfig)`},
      {client: 'java', text: "[2024-05-01 10:00:00,123] INFO These configurations '[sasl.mechanisms, ssl.ca.location]' were supplied but are not used yet. (org.apache.kafka.clients.producer.ProducerConfig)"},
    ],
    nearMiss: [
      {text: '[2024-05-01 10:00:00,123] INFO ProducerConfig values: (org.apache.kafka.clients.producer.ProducerConfig)', why: 'the Java client printing its configuration'},
      {text: 'Dynamic configs for topic events are:', why: 'kafka-configs output'},
    ],
  },
  KD102: {
    symptoms: ['parse error: unsupported protocol "KAFKA+SSL"'],
    seen: [
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:app]: Broker name "kafka+ssl://${HEROKU}:9096" parse error: unsupported protocol "KAFKA+SSL"`},
      {client: 'python', text: `cimpl.KafkaException: KafkaError{code=_INVALID_ARG,val=-186,str="Broker name \\"kafka+ssl://${HEROKU}:9096\\" parse error: unsupported protocol \\"KAFKA+SSL\\""}`},
      {client: 'go', text: `dial tcp: address kafka+ssl://${HEROKU}:9096: too many colons in address`},
    ],
    nearMiss: [{text: `KAFKA_URL: kafka+ssl://${HEROKU}:9096,kafka+ssl://ec2-3-81-4-20.compute-1.amazonaws.com:9096`, why: "Heroku's own variable carries the scheme; only handing it to a client unchanged is a problem"}],
  },
  KD103: {
    symptoms: ['Failed to connect: Port should be >= 0 and < 65536. Received type number (NaN).', 'Failed to connect: brokers array is empty', 'Invalid url in bootstrap.servers: kafka'],
    seen: [
      {client: 'go', text: '[sarama] 2024/05/01 10:00:00 Failed to connect to broker kafka-0.example.com:9092,kafka-1.example.com:9092: dial tcp: address kafka-0.example.com:9092,kafka-1.example.com:9092: too many colons in address'},
      {client: 'java', text: 'org.apache.kafka.common.config.ConfigException: No bootstrap urls given in bootstrap.servers'},
      {client: 'python', text: "    consumer = KafkaConsumer('orders', bootstrap_servers=['0.0.0.0:9092'])"},
      {client: 'kafkajs', text: 'KafkaJSNonRetriableError: Failed to connect: Port should be >= 0 and < 65536. Received type number (NaN).'},
      {client: 'kafkajs', text: KJS('[BrokerPool] Failed to connect to seed broker, trying another broker from the list: Failed to connect: Port should be >= 0 and < 65536. Received type number (NaN).', ',"retryCount":0,"retryTime":284')},
      {client: 'node', text: 'RangeError [ERR_SOCKET_BAD_PORT]: Port should be >= 0 and < 65536. Received type number (NaN).'},
      {client: 'kafkajs', text: 'KafkaJSNonRetriableError: Failed to connect: brokers array is empty'},
      {client: 'librdkafka', text: `${RDK('CONFWARN', 'app')}No \`bootstrap.servers\` configured: client will not be able to connect to Kafka cluster`},
      {client: 'java', text: 'org.apache.kafka.common.config.ConfigException: Invalid url in bootstrap.servers: kafka'},
      {client: 'go', text: 'dial tcp: address kafka-0.example.com: missing port in address'},
    ],
    nearMiss: [{text: '\tbootstrap.servers = [kafka-0.example.com:9092]', why: 'a well-formed list in a Java configuration dump'}],
  },
  KD104: {
    symptoms: ['Configuration property `sasl.mechanism` set to `PLAIN` but `security.protocol` is not configured for SASL', 'No provider for SASL mechanism GSSAPI: recompile librdkafka with libsasl2 or openssl support', 'No serviceName defined in either JAAS or Kafka config'],
    seen: [
      {client: 'librdkafka', text: 'Error: Invalid value for configuration property "security.protocol"'},
      {client: 'librdkafka', text: `${RDK('BROKER', 'app')}Broker name "SSL://kafka-0.example.com:9093" parse error: protocol "SSL" does not match security.protocol setting "plaintext"`},
      {client: 'librdkafka', text: 'Client config error: Unsupported value "SASL_SSL" for configuration property "security.protocol": OpenSSL not available at build time'},
      {client: 'go', text: 'kafka: invalid configuration (The SASL mechanism configuration is invalid. Possible values are `OAUTHBEARER`, `PLAIN`, `SCRAM-SHA-256`, `SCRAM-SHA-512` and `GSSAPI`)'},
      {client: 'librdkafka', text: `${RDK('CONFWARN', 'app')}Configuration property \`sasl.mechanism\` set to \`SCRAM-SHA-512\` but \`security.protocol\` is not configured for SASL: recommend setting \`security.protocol\` to SASL_SSL or SASL_PLAINTEXT`},
      {client: 'librdkafka', text: `${RDK('CONFWARN', 'app')}Configuration property \`sasl.username\` only applies when \`sasl.mechanism\` is set to PLAIN or SCRAM-SHA-..`},
      {client: 'karafka', text: 'Rdkafka::Config::ClientCreationError: No provider for SASL mechanism GSSAPI: recompile librdkafka with libsasl2 or openssl support. Current build options: PLAIN SASL_SCRAM OAUTHBEARER'},
      {client: 'python', text: 'cimpl.KafkaException: KafkaError{code=_INVALID_ARG,val=-186,str="Invalid value \\"SASL-SSL\\" for configuration property \\"security.protocol\\""}'},
      {client: 'librdkafka', text: 'Unsupported SASL mechanism: SCRAM-SHA512'},
      {client: 'karafka', text: 'Karafka::Errors::InvalidConfigurationError: {:kafka=>"Unsupported value \\"SSL\\" for configuration property \\"security.protocol\\": OpenSSL not available at build time"}'},
      {client: 'java', text: 'java.lang.IllegalArgumentException: No serviceName defined in either JAAS or Kafka config'},
      {client: 'java', text: 'org.apache.kafka.common.config.ConfigException: Invalid value SASL-SSL for configuration security.protocol: String must be one of: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL'},
    ],
    nearMiss: [{text: '\tsecurity.protocol = SASL_SSL', why: 'a Java configuration dump line'}],
  },
  KD105: {
    symptoms: [`sasl_ssl://${MSK1}:9092/bootstrap: Connection setup timed out in state CONNECT`, `ssl://${CCLOUD}:9092/bootstrap: Disconnected`],
    seen: [
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:sasl_ssl://b-1.orders.a1b2c3.c2.kafka.eu-west-1.amazona]: sasl_ssl://${MSK1}:9092/bootstrap: Connection setup timed out in state CONNECT (after 30031ms in state CONNECT)`},
      {client: 'python', text: `${RDK('FAIL', 'sasl_ssl://b-2.orders.a1b2c3.c2.kafka.eu-west-1.amazona')}sasl_ssl://${MSK2}:9094/bootstrap: SASL SCRAM-SHA-512 mechanism handshake failed: Broker: Request not valid in current SASL state: broker's supported mechanisms:  (after 25ms in state AUTH_HANDSHAKE)`},
      {client: 'go', text: `ssl://${CCLOUD}:9092/bootstrap: Disconnected: verify that security.protocol is correctly configured, broker might require SASL authentication (after 301ms in state UP)`},
      {client: 'librdkafka', text: `${RDK('FAIL', `${MSK1}:9096/bootstrap`)}${MSK1}:9096/bootstrap: Disconnected while requesting ApiVersion: might be caused by incorrect security.protocol configuration (connecting to a SSL listener?) or broker version is < 0.10 (see api.version.request) (after 3ms in state APIVERSION_QUERY)`},
      {client: 'librdkafka', text: `ssl://${MSK1}:9096/bootstrap: Disconnected: verify that security.protocol is correctly configured, broker might require SASL authentication (after 210ms in state UP)`},
    ],
    nearMiss: [{text: `sasl_ssl://${MSK1}:9096/bootstrap: Connection setup timed out in state CONNECT (after 30012ms in state CONNECT)`, why: 'SASL_SSL on 9096 is the right MSK port; the timeout is a network rule (KD707)'}],
  },
  KD106: {
    symptoms: ['ssl.key.pem failed: not in PEM format?', 'error:0480006C:PEM routines::no start line', 'Keystore was tampered with, or password was incorrect'],
    seen: [
      {client: 'librdkafka', text: `${RDK('SSL', 'app')}error:06065064:digital envelope routines:EVP_DecryptFinal_ex:bad decrypt`},
      {client: 'go', text: 'level=fatal msg="Failed to create kafka client" error="open /etc/kafka/certs/ca.crt: no such file or directory"'},
      {client: 'karafka', text: 'Rdkafka::Config::ClientCreationError: ssl.key.pem failed: not in PEM format?: error:1E08010C:DECODER routines::unsupported'},
      {client: 'librdkafka', text: `${RDK('SSL', 'app')}ssl.ca.location failed: error:80000002:system library::No such file or directory`},
      {client: 'librdkafka', text: 'Private key check failed: error:05800074:x509 certificate routines::key values mismatch'},
      {client: 'librdkafka', text: `%4|1714557600.123|SSLPASSWD|rdkafka#producer-1| [thrd:app]: Private key requires password but no password configured (ssl.key.password)`},
      {client: 'node', text: 'Error: error:0480006C:PEM routines::no start line'},
      {client: 'node', text: 'Error: error:05800074:x509 certificate routines::key values mismatch'},
      {client: 'node', text: "Error: error:1C800064:Provider routines::bad decrypt { code: 'ERR_OSSL_BAD_DECRYPT' }"},
      {client: 'java', text: 'org.apache.kafka.common.KafkaException: Failed to load SSL keystore /etc/kafka/client.jks of type JKS'},
      {client: 'java', text: 'Caused by: java.io.IOException: Keystore was tampered with, or password was incorrect'},
      {client: 'go', text: 'tls: failed to find any PEM data in key input'},
      {client: 'python', text: 'ssl.SSLError: [SSL] PEM lib (_ssl.c:3900)'},
    ],
    nearMiss: [{text: '-----BEGIN CERTIFICATE-----', why: 'a certificate being printed'}],
  },
  KD107: {
    symptoms: ["Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to '0' makes TLS connections and HTTPS requests insecure", 'enable.ssl.certificate.verification=false', 'ssl.endpoint.identification.algorithm=none'],
    seen: [
      {client: 'node', text: "(node:1) Warning: Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to '0' makes TLS connections and HTTPS requests insecure by disabling certificate verification."},
      {client: 'librdkafka', text: 'enable.ssl.certificate.verification=false'},
      {client: 'karafka', text: "config.kafka = { 'bootstrap.servers': 'kafka-0.example.com:9093', 'enable.ssl.certificate.verification': false }"},
      {client: 'librdkafka', text: 'ssl.endpoint.identification.algorithm=none'},
      {client: 'java', text: '\tssl.endpoint.identification.algorithm = '},
      {client: 'kafkajs', text: '  ssl: { rejectUnauthorized: false },'},
    ],
    nearMiss: [
      {text: 'enable.ssl.certificate.verification=true', why: 'verification on'},
      {text: '\tssl.endpoint.identification.algorithm = https', why: 'the Java default'},
    ],
  },
  KD108: {
    symptoms: ['Unsupported SASL mechanism: AWS_MSK_IAM', 'No LoginModule found for software.amazon.msk.auth.iam.IAMLoginModule'],
    seen: [
      {client: 'karafka', text: 'Rdkafka::Config::ClientCreationError: Unsupported SASL mechanism: AWS_MSK_IAM'},
      {client: 'python', text: 'cimpl.KafkaException: KafkaError{code=_INVALID_ARG,val=-186,str="Failed to create producer: Unsupported SASL mechanism: AWS_MSK_IAM"}'},
      {client: 'java', text: 'javax.security.auth.login.LoginException: No LoginModule found for software.amazon.msk.auth.iam.IAMLoginModule'},
    ],
    nearMiss: [{text: `sasl_ssl://${MSK1}:9098/bootstrap: SASL SCRAM-SHA-512 mechanism handshake failed: Broker: Unsupported SASL mechanism: broker's supported mechanisms: AWS_MSK_IAM,OAUTHBEARER`, why: 'the broker refuses SCRAM on the IAM port: KD403'}],
  },
  KD109: {
    symptoms: ['sasl.username and sasl.password must be set', "Could not find a 'KafkaClient' entry in the JAAS configuration", 'SASL SCRAM SHA512 authentication: Invalid username or password'],
    seen: [
      {client: 'java', text: 'Caused by: java.lang.IllegalArgumentException: Login module control flag not specified in JAAS config'},
      {client: 'karafka', text: 'Rdkafka::Config::ClientCreationError: sasl.username and sasl.password must be set'},
      {client: 'kafkajs', text: 'KafkaJSSASLAuthenticationError: SASL SCRAM SHA512 authentication: Invalid username or password'},
      {client: 'kafkajs', text: 'KafkaJSSASLAuthenticationError: SASL Plain: Invalid username or password'},
      {client: 'kafkajs', text: 'KafkaJSSASLAuthenticationError: SASL OAUTHBEARER: Missing OAuth bearer token provider'},
      {client: 'java', text: "java.lang.IllegalArgumentException: Could not find a 'KafkaClient' entry in the JAAS configuration. System property 'java.security.auth.login.config' is not set"},
      {client: 'karafka', text: "/app/config/karafka.rb:14:in 'fetch': key not found: \"KAFKA_PASSWORD\" (KeyError)"},
      {client: 'python', text: "KeyError: 'KAFKA_PASSWORD'"},
    ],
    nearMiss: [{text: 'KafkaJSSASLAuthenticationError: SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512', why: 'credentials were sent and rejected: KD404'}],
  },
  KD201: {
    symptoms: ["Failed to resolve 'kafka:9092': Name or service not known", 'getaddrinfo ENOTFOUND kafka', 'Local: Host resolution failure (resolve)'],
    seen: [
      {client: 'java', text: 'Caused by: java.nio.channels.UnresolvedAddressException'},
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:kafka-0.example.com:9092/bootstrap]: kafka-0.example.com:9092/bootstrap: Failed to resolve 'kafka-0.example.com:9092': Name or service not known (after 12ms in state CONNECT)`},
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Local: Host resolution failure (resolve)'},
      {client: 'kafkajs', text: KJS('[Connection] Connection error: getaddrinfo ENOTFOUND kafka-0.example.com', ',"broker":"kafka-0.example.com:9092","clientId":"app"')},
      {client: 'java', text: "[2024-05-01 10:00:00,123] WARN Couldn't resolve server kafka-0.example.com:9092 from bootstrap.servers as DNS resolution failed for kafka-0.example.com (org.apache.kafka.clients.ClientUtils)"},
      {client: 'java', text: '[2024-05-01 10:00:00,123] WARN Removing server kafka:9092 from bootstrap.servers as DNS resolution failed for kafka (org.apache.kafka.clients.ClientUtils)'},
      {client: 'java', text: 'org.apache.kafka.common.config.ConfigException: No resolvable bootstrap urls given in bootstrap.servers'},
      {client: 'java', text: 'Caused by: java.net.UnknownHostException: kafka-0.example.com: Name or service not known'},
      {client: 'node', text: 'Error: getaddrinfo EAI_AGAIN kafka-0.example.com'},
      {client: 'go', text: 'dial tcp: lookup kafka-0.kafka-headless.kafka.svc.cluster.local on 10.96.0.10:53: no such host'},
      {client: 'python', text: 'DNS lookup failed for kafka-0.example.com:9092 (AddressFamily.AF_UNSPEC)'},
    ],
    nearMiss: [{text: "kafka-0.example.com:9092/1: Failed to resolve 'kafka-1.corp.example:9092': Name or service not known (after 3ms in state CONNECT)", why: 'the name came from cluster metadata (/1): KD501'}],
  },
  KD202: {
    symptoms: ['Connect to ipv4#10.0.1.5:9092 failed: Connection refused', 'connect ECONNREFUSED 10.0.1.5:9092'],
    seen: [
      {client: 'python', text: "Unable connect to node with id 1: Multiple exceptions: [Errno 111] Connect call failed ('10.0.1.5', 9092)"},
      {client: 'librdkafka', text: '1433288004.747 RDKAFKA-3-FAIL: rdkafka#producer-0: kafka-0.example.com:9092/bootstrap: Failed to connect to broker at kafka-0.example.com:9092: Connection refused'},
      {client: 'librdkafka', text: 'kafka-0.example.com:9092/bootstrap: Connect to ipv4#10.0.1.5:9092 failed: No connection could be made because the target machine actively refused it... (after 2ms in state CONNECT)'},
      {client: 'karafka', text: 'Kafka::ConnectionError: Could not connect to any of the seed brokers:\n- kafka://kafka-0.example.com:9092: Connection refused - connect(2) for 10.0.1.5:9092'},
      {client: 'librdkafka', text: `${RDK('ERROR', 'kafka-0.example.com:9092/bootstrap')}1/1 brokers are down`},
      {client: 'karafka', text: `${RB_E}Error querying watermark offsets for partition 0 of karafka_consumers_states\nLocal: All broker connections are down (all_brokers_down)`},
      {client: 'python', text: 'kafka.errors.NoBrokersAvailable: NoBrokersAvailable'},
      {client: 'go', text: 'panic: kafka: client has run out of available brokers to talk to (Is your cluster reachable?)'},
      {client: 'librdkafka', text: `${RDK('FAIL', 'kafka-0.example.com:9092/bootstrap')}kafka-0.example.com:9092/bootstrap: Connect to ipv4#10.0.1.5:9092 failed: Connection refused (after 1ms in state CONNECT)`},
      {client: 'java', text: 'Caused by: java.net.ConnectException: Connection refused'},
      {client: 'java', text: `${JAVA('WARN', 'Consumer clientId=consumer-app-1, groupId=app')}Connection to node -1 (kafka-0.example.com/10.0.1.5:9092) could not be established. Broker may not be available. (org.apache.kafka.clients.NetworkClient)`},
      {client: 'kafkajs', text: 'KafkaJSConnectionError: Connection error: connect ECONNREFUSED 10.0.1.5:9092'},
      {client: 'node', text: 'Error: connect ECONNREFUSED 10.0.1.5:9092'},
      {client: 'go', text: 'dial tcp 10.0.1.5:9092: connect: connection refused'},
      {client: 'python', text: "Connect attempt to <BrokerConnection node_id=bootstrap-0 host=kafka-0.example.com:9092 <connecting> [IPv4 ('10.0.1.5', 9092)]> returned error 111. Disconnecting."},
    ],
    nearMiss: [
      {text: 'Connect to ipv4#10.0.1.5:9092 failed: Connection timed out', why: 'dropped, not refused: KD203'},
      {text: "curl: (7) Failed to connect to localhost port 3000 after 0 ms: Couldn't connect to server", why: 'the liveness port: KD801'},
    ],
  },
  KD203: {
    symptoms: ['Connection setup timed out in state CONNECT', 'connect ETIMEDOUT 10.0.1.5:9092', 'KafkaJSConnectionError: Connection timeout'],
    seen: [
      {client: 'kafkajs', text: KJS('[Connection] Connection error: read ETIMEDOUT', ',"broker":"kafka-0.example.com:9092","clientId":"app"')},
      {client: 'kafkajs', text: '[1714557600123] ERROR (app/42 on web-1): kafkajs: Connection timeout\n    broker: "kafka-0.example.com:9092"\n    clientId: "app"'},
      {client: 'karafka', text: 'E, [2024-05-01T10:00:00.123456 #1] ERROR -- : Timed out while trying to connect to 10.0.1.5:9092: Connection timed out'},
      {client: 'java', text: 'Error while executing topic command : Timed out waiting for a node assignment. Call: createTopics'},
      {client: 'librdkafka', text: 'Confluent.Kafka.ProduceException`2[System.String,System.String]: Local: Message timed out'},
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:sasl_ssl://kafka-0.example.com:9096/bootstrap]: sasl_ssl://kafka-0.example.com:9096/bootstrap: Connection setup timed out in state CONNECT (after 30037ms in state CONNECT)`},
      {client: 'karafka', text: 'sasl_ssl://broker1.us-east-1.amazonaws.com:9092/bootstrap: Connection setup timed out in state CONNECT (after 30037ms in state CONNECT)'},
      {client: 'librdkafka', text: 'Connect to ipv4#10.0.1.5:9092 failed: Connection timed out (after 127123ms in state CONNECT)'},
      {client: 'java', text: `${JAVA('INFO', 'AdminClient clientId=adminclient-1')}Disconnecting from node -1 due to socket connection setup timeout. The timeout value is 10000 ms. (org.apache.kafka.clients.NetworkClient)`},
      {client: 'kafkajs', text: KJS('[Connection] Connection timeout', ',"broker":"kafka-0.example.com:9092","clientId":"app"')},
      {client: 'kafkajs', text: 'KafkaJSConnectionError: Connection timeout'},
      {client: 'node', text: 'Error: connect ETIMEDOUT 10.0.1.5:9092'},
      {client: 'go', text: 'dial tcp 10.0.1.5:9092: i/o timeout'},
      {client: 'python', text: "Connect attempt to <BrokerConnection node_id=bootstrap-0 host=kafka-0.example.com:9092 <connecting> [IPv4 ('10.0.1.5', 9092)]> returned error 110. Disconnecting."},
    ],
    nearMiss: [
      {text: 'ssl://kafka-0.example.com:9093/bootstrap: Connection setup timed out in state SSL_HANDSHAKE (after 30001ms in state SSL_HANDSHAKE)', why: 'TCP worked and TLS stalled: KD308'},
      {text: 'sasl_ssl://kafka-0.example.com:9096/bootstrap: Connection setup timed out in state AUTH_REQ (after 30001ms in state AUTH_REQ)', why: 'SASL stalled: KD406'},
    ],
  },
  KD204: {
    symptoms: ['Receive failed: Connection reset by peer', 'KafkaJSConnectionClosedError: Closed connection', 'read ECONNRESET'],
    seen: [
      {client: 'java', text: '2017-01-10 10:00:00.123  WARN 51406 --- [afka-consumer-1] org.apache.kafka.clients.NetworkClient   : Bootstrap broker kafka-0.example.com:9092 disconnected'},
      {client: 'kafkajs', text: 'KafkaJSConnectionError: Connection error: Client network socket disconnected before secure TLS connection was established'},
      {client: 'node', text: 'Error: Client network socket disconnected before secure TLS connection was established'},
      {client: 'karafka', text: 'Kafka::ConnectionError: Could not connect to any of the seed brokers:\n- kafka://zookeeper-0.example.com:2181: Connection error EOFError: EOFError'},
      {client: 'karafka', text: `${RB_E}librdkafka internal error occurred: Local: Broker transport failure (transport)`},
      {client: 'librdkafka', text: `${RDK('FAIL', '10.0.1.5:9092/bootstrap')}10.0.1.5:9092/1: Receive failed: Disconnected`},
      {client: 'librdkafka', text: `${RDK('FAIL', 'kafka-0.example.com:9092/1')}kafka-0.example.com:9092/1: Receive failed: Connection reset by peer (after 2ms in state UP)`},
      {client: 'librdkafka', text: 'kafka-0.example.com:9092/bootstrap: Send failed: Broken pipe (after 5ms in state UP)'},
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:ssl://kafka-0.example.com:9093/bootstrap]: ssl://kafka-0.example.com:9093/bootstrap: Disconnected (after 15ms in state UP)`},
      {client: 'kafkajs', text: 'KafkaJSConnectionClosedError: Closed connection'},
      {client: 'kafkajs', text: KJS('[BrokerPool] Closed connection', ',"retryCount":0,"retryTime":245')},
      {client: 'kafkajs', text: 'KafkaJSConnectionError: Connection closed by the server'},
      {client: 'kafkajs', text: 'KafkaJSConnectionError: Connection error: read ECONNRESET'},
      {client: 'node', text: 'Error: read ECONNRESET'},
      {client: 'java', text: 'java.io.IOException: Connection reset by peer'},
      {client: 'java', text: `${JAVA('WARN', 'Producer clientId=producer-1')}Bootstrap broker kafka-0.example.com:9093 (id: -1 rack: null) disconnected (org.apache.kafka.clients.NetworkClient)`},
      {client: 'go', text: 'read tcp 10.0.2.7:51234->10.0.1.5:9092: read: connection reset by peer'},
    ],
    nearMiss: [{text: `${RDK('FAIL', 'kafka-0.example.com:9092/1')}kafka-0.example.com:9092/1: Disconnected (after 600123ms in state UP)`, why: 'an idle connection closed by the broker after ten minutes: harmless'}],
  },
  KD205: {
    symptoms: ['connect ECONNREFUSED ::1:9092', 'localhost:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused'],
    seen: [
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:localhost:9092/bootstrap]: localhost:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 0ms in state CONNECT)`},
      {client: 'kafkajs', text: 'KafkaJSConnectionError: Connection error: connect ECONNREFUSED ::1:9092'},
      {client: 'java', text: `${JAVA('WARN', 'AdminClient clientId=adminclient-1')}Connection to node -1 (localhost/127.0.0.1:9092) could not be established. Broker may not be available. (org.apache.kafka.clients.NetworkClient)`},
      {client: 'go', text: 'dial tcp 127.0.0.1:9092: connect: connection refused'},
    ],
    nearMiss: [{text: 'Connect to ipv4#10.0.1.5:9092 failed: Connection refused', why: 'a routable address that refuses: KD202'}],
  },
  KD206: {
    symptoms: ['Connect to ipv4#10.20.0.5:9092 failed: No route to host', 'connect EHOSTUNREACH 10.20.0.5:9092'],
    seen: [
      {client: 'librdkafka', text: `${RDK('FAIL', 'kafka-0.example.com:9092/bootstrap')}kafka-0.example.com:9092/bootstrap: Connect to ipv4#10.20.0.5:9092 failed: No route to host (after 3ms in state CONNECT)`},
      {client: 'java', text: 'java.net.NoRouteToHostException: No route to host'},
      {client: 'kafkajs', text: 'KafkaJSConnectionError: Connection error: connect EHOSTUNREACH 10.20.0.5:9092'},
      {client: 'node', text: 'Error: connect ENETUNREACH 2001:db8::5:9092 - Local (:::0)'},
      {client: 'go', text: 'dial tcp 10.20.0.5:9092: connect: no route to host'},
    ],
    nearMiss: [{text: 'Connect to ipv4#10.20.0.5:9092 failed: Connection timed out', why: 'dropped silently rather than unroutable: KD203'}],
  },
  KD301: {
    symptoms: ['Disconnected while requesting ApiVersion: might be caused by incorrect security.protocol configuration (connecting to a SSL listener?)'],
    seen: [
      {client: 'java', text: 'java.lang.OutOfMemoryError: Java heap space\n\tat java.nio.HeapByteBuffer.<init>(HeapByteBuffer.java:57)\n\tat java.nio.ByteBuffer.allocate(ByteBuffer.java:335)\n\tat org.apache.kafka.common.memory.MemoryPool$1.tryAllocate(MemoryPool.java:30)\n\tat org.apache.kafka.common.network.NetworkReceive.readFrom(NetworkReceive.java:113)'},
      {client: 'karafka', text: 'Kafka::ConnectionError: Could not connect to any of the seed brokers:\n- kafka://kafka-0.example.com:9093: Connection error EOFError: EOFError'},
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:${HEROKU}:9096/bootstrap]: ${HEROKU}:9096/bootstrap: Disconnected while requesting ApiVersion: might be caused by incorrect security.protocol configuration (connecting to a SSL listener?) or broker version is < 0.10 (see api.version.request) (after 3ms in state APIVERSION_QUERY, 4 identical error(s) suppressed)`},
      {client: 'librdkafka', text: `${RDK('FAIL', 'kafka-0.example.com:9093/bootstrap')}kafka-0.example.com:9093/bootstrap: Disconnected: connection closed by peer: receive 0 after POLLIN: requesting ApiVersion: might be caused by incorrect security.protocol configuration (connecting to a SSL listener?) or broker version is < 0.10 (see api.version.request) (after 2ms in state APIVERSION_QUERY)`},
      {client: 'python', text: 'cimpl.KafkaException: KafkaError{code=_TRANSPORT,val=-195,str="kafka-0.example.com:9093/bootstrap: Connection setup timed out in state APIVERSION_QUERY (after 30010ms in state APIVERSION_QUERY)"}'},
      {client: 'java', text: 'javax.net.ssl.SSLException: Unsupported or unrecognized SSL message'},
      {client: 'go', text: 'unable to request metadata: invalid large response size 352518912 > limit 104857600; the first three bytes received appear to be a tls alert record for TLS v1.2; is this a plaintext connection speaking to a tls endpoint?'},
    ],
    nearMiss: [{text: 'ssl://kafka-0.example.com:9092/bootstrap: SSL handshake failed: Disconnected: connecting to a PLAINTEXT broker listener? (after 3ms in state SSL_HANDSHAKE)', why: 'the opposite mismatch: KD302'}],
  },
  KD302: {
    symptoms: ['SSL handshake failed: Disconnected: connecting to a PLAINTEXT broker listener?', 'SSL handshake failed: …: wrong version number'],
    seen: [
      {client: 'librdkafka', text: 'ssl://kafka-0.example.com:9092/bootstrap: SSL handshake failed: s23_clnt.c:601: error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol:  (after 4ms in state CONNECT)'},
      {client: 'librdkafka', text: `${RDK('FAIL', 'ssl://kafka-0.example.com:9092/bootstrap')}ssl://kafka-0.example.com:9092/bootstrap: SSL handshake failed: Disconnected: connecting to a PLAINTEXT broker listener? (after 3ms in state SSL_HANDSHAKE)`},
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:sasl_ssl://kafka-0.example.com:9092/bootstrap]: sasl_ssl://kafka-0.example.com:9092/bootstrap: SSL connection closed by peer: connecting to a PLAINTEXT broker listener? (after 2ms in state SSL_HANDSHAKE)`},
      {client: 'librdkafka', text: 'ssl://kafka-0.example.com:9092/bootstrap: SSL handshake failed: error:0A00010B:SSL routines::wrong version number (after 4ms in state SSL_HANDSHAKE)'},
      {client: 'node', text: 'Error: write EPROTO 140063727630144:error:1408F10B:SSL routines:ssl3_get_record:wrong version number'},
      {client: 'java', text: '[2024-05-01 10:00:00,123] WARN [SocketServer listenerType=BROKER, nodeId=1] Unexpected error from /10.0.2.7 (channelId=10.0.1.5:9092-10.0.2.7:51234-0); closing connection (org.apache.kafka.common.network.Selector) org.apache.kafka.common.network.InvalidReceiveException: Invalid receive (size = 369295617 larger than 104857600)'},
      {client: 'go', text: 'tls: first record does not look like a TLS handshake'},
      {client: 'python', text: 'ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1007)'},
    ],
    nearMiss: [{text: 'Disconnected while requesting ApiVersion', why: 'the opposite mismatch: KD301'}],
  },
  KD303: {
    symptoms: ['SSL handshake failed: error:0A000086:SSL routines::certificate verify failed: broker certificate could not be verified', 'PKIX path building failed', 'self-signed certificate in certificate chain', 'x509: certificate signed by unknown authority'],
    seen: [
      {client: 'librdkafka', text: '% ERROR: Local: SSL error: ssl://kafka-0.example.com:9093/bootstrap: Failed to verify broker certificate: unable to get issuer certificate (after 40ms in state CONNECT)'},
      {client: 'karafka', text: 'E, [2024-05-01T10:00:00.123456 #1] ERROR -- : [Producer ] Unexpected Kafka error OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: certificate verify failed (unspecified certificate verification error)'},
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:ssl://kafka-0.example.com:9093/bootstrap]: ssl://kafka-0.example.com:9093/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify failed: broker certificate could not be verified, verify that ssl.ca.location is correctly configured or root CA certificates are installed (install ca-certificates package) (after 19ms in state SSL_HANDSHAKE)`},
      {client: 'java', text: 'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target'},
      {client: 'kafkajs', text: 'KafkaJSConnectionError: Connection error: self-signed certificate in certificate chain'},
      {client: 'node', text: "Error: unable to get local issuer certificate { code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }"},
      {client: 'go', text: 'tls: failed to verify certificate: x509: certificate signed by unknown authority'},
      {client: 'python', text: 'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)'},
    ],
    nearMiss: [{text: "Hostname/IP does not match certificate's altnames: Host: 10.0.1.5. is not in the cert's altnames: DNS:kafka-0.example.com", why: 'trusted chain, wrong name: KD304'}],
  },
  KD304: {
    symptoms: ["Hostname/IP does not match certificate's altnames", 'No subject alternative DNS name matching kafka.internal found', 'x509: certificate is valid for kafka-0.example.com, not 10.0.1.5'],
    seen: [
      {client: 'java', text: 'Caused by: java.security.cert.CertificateException: No subject alternative names present'},
      {client: 'kafkajs', text: "KafkaJSConnectionError: Connection error: Hostname/IP does not match certificate's altnames: Host: 10.0.1.5. is not in the cert's altnames: DNS:kafka-0.example.com"},
      {client: 'node', text: "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: IP: 10.0.1.5 is not in the cert's list: "},
      {client: 'java', text: 'javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching kafka.internal found.'},
      {client: 'java', text: 'Caused by: java.security.cert.CertificateException: No subject alternative names matching IP address 10.0.1.5 found'},
      {client: 'go', text: 'tls: failed to verify certificate: x509: certificate is valid for 10.100.8.26, not 3.15.15.172'},
      {client: 'python', text: "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'kafka.internal'. (_ssl.c:1006)"},
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:ssl://ec2-52-200-255-3.compute-1.amazonaws.com:9096/bootstrap]: ssl://${HEROKU}:9096/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify failed: broker certificate could not be verified, verify that ssl.ca.location is correctly configured or root CA certificates are installed (install ca-certificates package) (after 36ms in state SSL_HANDSHAKE)`},
      {client: 'karafka', text: `OpenSSL::SSL::SSLError: hostname "${HEROKU}" does not match the server certificate`},
    ],
    nearMiss: [{text: 'tls: failed to verify certificate: x509: certificate signed by unknown authority', why: 'the chain is not trusted: KD303'}],
  },
  KD305: {
    symptoms: ['certificate has expired', 'x509: certificate has expired or is not yet valid', 'CertificateExpiredException: NotAfter'],
    seen: [
      {client: 'kafkajs', text: 'KafkaJSConnectionError: Connection error: certificate has expired'},
      {client: 'node', text: "Error: certificate is not yet valid { code: 'CERT_NOT_YET_VALID' }"},
      {client: 'java', text: 'Caused by: java.security.cert.CertificateExpiredException: NotAfter: Mon Apr 01 00:00:00 UTC 2024'},
      {client: 'java', text: 'sun.security.validator.ValidatorException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed'},
      {client: 'go', text: 'tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2024-05-01T10:00:00Z is after 2024-04-01T00:00:00Z'},
      {client: 'python', text: 'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)'},
    ],
    nearMiss: [{text: 'notAfter=Jun  1 12:00:00 2030 GMT', why: 'a date printed by openssl'}],
  },
  KD306: {
    symptoms: ['unexpected message: client SSL authentication might be required (see ssl.key.location and ssl.certificate.location and consult the broker logs for more information)', 'sslv3 alert bad certificate', 'Received fatal alert: bad_certificate', 'remote error: tls: certificate required'],
    seen: [
      {client: 'librdkafka', text: 'Error: ssl://kafka-0.example.com:9093/bootstrap: SSL handshake failed: .\\ssl\\s3_both.c:408: error:1408E0F4:SSL routines:ssl3_get_message:unexpected message: : client authentication might be required (see broker log)'},
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:ssl://kafka-0.example.com:9094/bootstrap]: ssl://kafka-0.example.com:9094/bootstrap: SSL handshake failed: error:0A0000F4:SSL routines::unexpected message: client SSL authentication might be required (see ssl.key.location and ssl.certificate.location and consult the broker logs for more information) (after 12ms in state SSL_HANDSHAKE)`},
      {client: 'librdkafka', text: 'ssl://kafka-0.example.com:9094/bootstrap: SSL handshake failed: error:0A000412:SSL routines::sslv3 alert bad certificate (after 5ms in state SSL_HANDSHAKE)'},
      {client: 'kafkajs', text: 'KafkaJSConnectionError: Connection error: 803CCF96007F0000:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 42'},
      {client: 'node', text: 'Error: C0D7A1F8FF7F0000:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert number 116'},
      {client: 'java', text: 'javax.net.ssl.SSLHandshakeException: Received fatal alert: bad_certificate'},
      {client: 'java', text: 'javax.net.ssl.SSLHandshakeException: Empty client certificate chain'},
      {client: 'go', text: 'remote error: tls: certificate required'},
    ],
    nearMiss: [{text: 'javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure', why: 'no common protocol or cipher: KD308'}],
  },
  KD307: {
    symptoms: [],
    seen: [],
    nearMiss: [{text: 'notAfter=Jun  1 12:00:00 2030 GMT', why: 'kdoctor judges expiry from the certificates themselves, not from log lines'}],
    singleSource: 'No client warns before a certificate expires; kdoctor reads the dates of the certificates it is served or given.',
  },
  KD308: {
    symptoms: ['Connection setup timed out in state SSL_HANDSHAKE', 'SSL handshake failed: error:0A000410:SSL routines::sslv3 alert handshake failure', 'Received fatal alert: handshake_failure'],
    seen: [
      {client: 'java', text: 'org.apache.kafka.common.errors.SslAuthenticationException: SSL handshake failed'},
      {client: 'librdkafka', text: `${RDK('FAIL', 'ssl://kafka-0.example.com:9093/bootstrap')}ssl://kafka-0.example.com:9093/bootstrap: SSL handshake failed: s3_clnt.c:3341: error:14082174:SSL routines:SSL3_CHECK_CERT_AND_ALGORITHM:dh key too small:`},
      {client: 'karafka', text: `${RB_E}librdkafka internal error occurred: Local: SSL error (ssl)`},
      {client: 'librdkafka', text: `${RDK('FAIL', 'ssl://kafka-0.example.com:9093/bootstrap')}ssl://kafka-0.example.com:9093/bootstrap: Connection setup timed out in state SSL_HANDSHAKE (after 30001ms in state SSL_HANDSHAKE)`},
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:ssl://kafka-0.example.com:9093/bootstrap]: ssl://kafka-0.example.com:9093/bootstrap: SSL handshake failed: error:0A000410:SSL routines::sslv3 alert handshake failure (after 9ms in state SSL_HANDSHAKE)`},
      {client: 'node', text: 'Error: C0D7A1F8FF7F0000:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert number 70'},
      {client: 'java', text: 'javax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is disabled or cipher suites are inappropriate)'},
      {client: 'java', text: 'javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure'},
      {client: 'go', text: 'remote error: tls: protocol version not supported'},
      {client: 'python', text: 'ssl.SSLError: [SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version (_ssl.c:1006)'},
    ],
    nearMiss: [{text: 'SSL handshake failed: error:0A000086:SSL routines::certificate verify failed', why: 'a trust problem: KD303'}],
  },
  KD401: {
    symptoms: ['Disconnected: verify that security.protocol is correctly configured, broker might require SASL authentication'],
    seen: [
      {client: 'go', text: 'read from broker errored, killing connection after 0 successful responses (is SASL missing?)'},
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:ssl://kafka-0.example.com:9096/bootstrap]: ssl://kafka-0.example.com:9096/bootstrap: Disconnected: verify that security.protocol is correctly configured, broker might require SASL authentication (after 312ms in state UP)`},
      {client: 'librdkafka', text: `${RDK('FAIL', 'kafka-0.example.com:9095/bootstrap')}kafka-0.example.com:9095/bootstrap: Disconnected: connection closed by peer: receive 0 after POLLIN: verify that security.protocol is correctly configured, broker might require SASL authentication (after 4ms in state UP)`},
      {client: 'java', text: '[2024-05-01 10:00:00,123] INFO [SocketServer listenerType=BROKER, nodeId=1] Failed authentication with /10.0.2.7 (Unexpected Kafka request of type METADATA during SASL handshake.) (org.apache.kafka.common.network.Selector)'},
    ],
    nearMiss: [{text: 'SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512', why: 'SASL was used and the credentials were rejected: KD404'}],
  },
  KD402: {
    symptoms: ['Broker: Request not valid in current SASL state (illegal_sasl_state)', 'Request is not valid given the current SASL state'],
    seen: [
      {client: 'librdkafka', text: "sasl_plaintext://kafka-0.example.com:9092/bootstrap: SASL PLAIN mechanism handshake failed: Broker: Request not valid in current SASL state: broker's supported mechanisms:  (after 3ms in state AUTH_HANDSHAKE)"},
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Broker: Request not valid in current SASL state (illegal_sasl_state)'},
      {client: 'java', text: 'org.apache.kafka.common.errors.IllegalSaslStateException: Unexpected handshake request with client mechanism SCRAM-SHA-512, enabled mechanisms are []'},
      {client: 'kafkajs', text: 'KafkaJSProtocolError: Request is not valid given the current SASL state'},
      {client: 'kafkajs', text: KJS('[Connection] Response SaslHandshake(key: 17, version: 1)', ',"broker":"kafka-0.example.com:9092","clientId":"app","error":"Request is not valid given the current SASL state","correlationId":1,"size":10')},
    ],
    nearMiss: [{text: 'Rdkafka::RdkafkaError: Broker: Unsupported SASL mechanism (unsupported_sasl_mechanism)', why: 'SASL works, but not with this mechanism: KD403'}],
  },
  KD403: {
    symptoms: ["Unsupported SASL mechanism: broker's supported mechanisms: SCRAM-SHA-512", "UnsupportedSaslMechanismException: Client SASL mechanism 'PLAIN' not enabled in the server", 'SASL SCRAM-SHA-256 mechanism is not supported by the server'],
    seen: [
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:sasl_ssl://b-1.orders.a1b2c3.c2.kafka.eu-west-1.amazona]: sasl_ssl://${MSK1}:9096/bootstrap: SASL SCRAM-SHA-256 mechanism handshake failed: Broker: Unsupported SASL mechanism: broker's supported mechanisms: SCRAM-SHA-512 (after 32ms in state AUTH_HANDSHAKE)`},
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Broker: Unsupported SASL mechanism (unsupported_sasl_mechanism)'},
      {client: 'java', text: "org.apache.kafka.common.errors.UnsupportedSaslMechanismException: Client SASL mechanism 'PLAIN' not enabled in the server, enabled mechanisms are [SCRAM-SHA-512]"},
      {client: 'kafkajs', text: 'KafkaJSSASLAuthenticationError: SASL SCRAM-SHA-256 mechanism is not supported by the server'},
      {client: 'kafkajs', text: 'KafkaJSProtocolError: The broker does not support the requested SASL mechanism'},
      {client: 'go', text: '[33] Unsupported SASL Mechanism: the broker does not support the requested SASL mechanism'},
    ],
    nearMiss: [{text: 'Unsupported SASL mechanism: AWS_MSK_IAM', why: 'the client cannot do the mechanism at all: KD108'}],
  },
  KD404: {
    symptoms: ['Local: Authentication failure (authentication)', 'SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512', 'SaslAuthenticationException: Authentication failed'],
    seen: [
      {client: 'librdkafka', text: `${RDK('FAIL', 'sasl_plaintext://kafka-0.example.com:9092/bootstrap')}sasl_plaintext://kafka-0.example.com:9092/bootstrap: SASL authentication failure: Disconnected`},
      {client: 'librdkafka', text: `${RDK('FAIL', 'sasl_ssl://kafka-0.example.com:9096/bootstrap')}sasl_ssl://kafka-0.example.com:9096/bootstrap: Disconnected (after 20ms in state AUTH_HANDSHAKE)`},
      {client: 'python', text: 'kafka.errors.SaslAuthenticationFailedError: [Error 58] SaslAuthenticationFailedError: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512'},
      {client: 'librdkafka', text: 'Error: Local: Authentication failure'},
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:sasl_ssl://b-1.orders.a1b2c3.c2.kafka.eu-west-1.amazona]: sasl_ssl://${MSK1}:9096/bootstrap: SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 (after 312ms in state AUTH_REQ, 1 identical error(s) suppressed)`},
      {client: 'karafka', text: `${RB_E}librdkafka internal error occurred: Local: Authentication failure (authentication)`},
      {client: 'java', text: 'org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed: Invalid username or password'},
      {client: 'java', text: '[2024-05-01 10:00:00,123] INFO [SocketServer listenerType=BROKER, nodeId=1] Failed authentication with /10.0.2.7 (Authentication failed: Invalid username or password) (org.apache.kafka.common.network.Selector)'},
      {client: 'kafkajs', text: 'KafkaJSSASLAuthenticationError: SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512'},
      {client: 'kafkajs', text: 'KafkaJSSASLAuthenticationError: SASL PLAIN authentication failed: Authentication failed: Invalid username or password'},
      {client: 'go', text: 'kafka server: SASL Authentication failed'},
      {client: 'python', text: 'cimpl.KafkaException: KafkaError{code=_AUTHENTICATION,val=-169,str="SASL authentication error: Authentication failed: Invalid username or password (after 33ms in state AUTH_REQ)"}'},
    ],
    nearMiss: [{text: `${RDK('FAIL', 'sasl_ssl://kafka-0.example.com:9092/bootstrap')}sasl_ssl://kafka-0.example.com:9092/bootstrap: SASL authentication error: SaslAuthenticateRequest failed: Local: Broker handle destroyed (after 0ms in state DOWN)`, why: 'a request cut short while the client closes the connection: harmless'}, 
      {text: 'KafkaJSSASLAuthenticationError: SASL OAUTHBEARER authentication failed: {"status":"invalid_token"}', why: 'a token was rejected: KD405'},
      {text: 'SASL SCRAM SHA512 authentication successful', why: 'it worked'},
    ],
  },
  KD405: {
    symptoms: ['{"status":"invalid_token"}', 'Must supply an unexpired token', 'SASL OAUTHBEARER authentication failed: {"status":"invalid_token"}'],
    seen: [
      {client: 'librdkafka', text: 'sasl_ssl://kafka-0.example.com:9092/bootstrap: SASL authentication error: Token expired at: 1746617414000 (2025-05-07T11:30:14 UTC) (ErrId: 356d7303) (after 302ms in state AUTH_REQ)'},
      {client: 'java', text: 'org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with SASL mechanism OAUTHBEARER'},
      {client: 'librdkafka', text: 'sasl_ssl://kafka-0.example.com:9096/bootstrap: SASL OAUTHBEARER authentication failed (principal=app): {"status":"invalid_token"} (after 45ms in state AUTH_REQ)'},
      {client: 'karafka', text: `${RB_E}librdkafka internal error occurred: Must supply an unexpired token: now 1714557600000ms, exp 1714557000000ms`},
      {client: 'kafkajs', text: 'KafkaJSSASLAuthenticationError: SASL OAUTHBEARER authentication failed: {"status":"invalid_token"}'},
      {client: 'java', text: 'org.apache.kafka.common.errors.SaslAuthenticationException: {"status":"invalid_token"}'},
      {client: 'java', text: '[2024-05-01 10:00:00,123] WARN Could not validate the access token: JWT (claims->{"sub":"app","exp":1714557000}) rejected due to invalid claims or other invalid content. Additional details: [[1] The JWT is no longer valid - the evaluation time NumericDate{1714557600} is on or after the Expiration Time (exp=NumericDate{1714557000}) claim value.]'},
      {client: 'python', text: 'cimpl.KafkaException: KafkaError{code=_AUTHENTICATION,val=-169,str="SASL authentication error: {\\"status\\":\\"invalid_token\\"} (after 40ms in state AUTH_REQ)"}'},
    ],
    nearMiss: [{text: 'Failed to acquire SASL OAUTHBEARER token: HTTP 401 from the token endpoint', why: 'no token was produced: KD407'}],
  },
  KD406: {
    symptoms: ['Connection setup timed out in state AUTH_REQ', 'Request SaslAuthenticate(key: 36, version: 1) timed out'],
    seen: [
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:sasl_ssl://kafka-0.example.com:9096/bootstrap]: sasl_ssl://kafka-0.example.com:9096/bootstrap: Connection setup timed out in state AUTH_REQ (after 30004ms in state AUTH_REQ)`},
      {client: 'librdkafka', text: `${RDK('FAIL', 'sasl_ssl://kafka-0.example.com:9096/bootstrap')}sasl_ssl://kafka-0.example.com:9096/bootstrap: Connection setup timed out in state AUTH_HANDSHAKE (after 30001ms in state AUTH_HANDSHAKE)`},
      {client: 'kafkajs', text: 'KafkaJSRequestTimeoutError: Request SaslAuthenticate(key: 36, version: 1) timed out'},
    ],
    nearMiss: [{text: 'sasl_ssl://kafka-0.example.com:9096/bootstrap: Connection setup timed out in state CONNECT (after 30001ms in state CONNECT)', why: 'TCP never connected: KD203'}],
  },
  KD407: {
    symptoms: ['Failed to acquire SASL OAUTHBEARER token: …', 'OAUTHBEARER cannot log in because there is no token available'],
    seen: [
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:background]: Failed to acquire SASL OAUTHBEARER token: Failed to retrieve OIDC token from "https://login.example.com/oauth2/token": 401 (Unauthorized)`},
      {client: 'librdkafka', text: `${RDK('FAIL', 'sasl_ssl://kafka-0.example.com:9096/bootstrap')}sasl_ssl://kafka-0.example.com:9096/bootstrap: OAUTHBEARER cannot log in because there is no token available; last error: Failed to retrieve OIDC token`},
      {client: 'kafkajs', text: 'KafkaJSSASLAuthenticationError: SASL OAUTHBEARER: Invalid OAuth bearer token'},
    ],
    nearMiss: [{text: 'KafkaJSSASLAuthenticationError: SASL OAUTHBEARER: Missing OAuth bearer token provider', why: 'no provider is configured at all: KD109'}],
  },
  KD501: {
    symptoms: ['kafka-1.example.com:9092/1: Connect to ipv4#10.0.3.8:9092 failed: Connection timed out', 'Connection to node 2 (kafka-2.example.com/10.0.3.9:9092) could not be established'],
    seen: [
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:sasl_ssl://kafka-1.example.com:9094/1]: sasl_ssl://kafka-1.example.com:9094/1: Connection setup timed out in state CONNECT (after 30022ms in state CONNECT)`},
      {client: 'librdkafka', text: `${RDK('FAIL', 'broker-2.corp.example:9092/2')}broker-2.corp.example:9092/2: Failed to resolve 'broker-2.corp.example:9092': Name or service not known (after 2ms in state CONNECT)`},
      {client: 'java', text: `${JAVA('WARN', 'Consumer clientId=consumer-app-1, groupId=app')}Connection to node 2 (kafka-2.example.com/10.0.3.9:9092) could not be established. Broker may not be available. (org.apache.kafka.clients.NetworkClient)`},
      {client: 'java', text: `${JAVA('WARN', 'Producer clientId=producer-1')}Error connecting to node kafka-2.example.com:9092 (id: 2 rack: eu-west-1b) (org.apache.kafka.clients.NetworkClient)`},
      {client: 'python', text: `cimpl.KafkaException: KafkaError{code=_TRANSPORT,val=-195,str="sasl_ssl://${MSK2}:9096/2: Connection setup timed out in state CONNECT (after 30010ms in state CONNECT)"}`},
    ],
    nearMiss: [{text: 'kafka-0.example.com:9092/bootstrap: Connect to ipv4#10.0.1.5:9092 failed: Connection refused', why: 'the configured bootstrap address itself: KD202'}],
  },
  KD502: {
    symptoms: ["Failed to resolve '1cbfdb9e8dc6:9092'", 'localhost:9092/1: Connect to ipv4#127.0.0.1:9092 failed: Connection refused'],
    seen: [
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:localhost:9092/1]: localhost:9092/1: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 0ms in state CONNECT)`},
      {client: 'librdkafka', text: `${RDK('FAIL', '1cbfdb9e8dc6:9092/1001')}1cbfdb9e8dc6:9092/1001: Failed to resolve '1cbfdb9e8dc6:9092': Name or service not known (after 1ms in state CONNECT)`},
      {client: 'librdkafka', text: "sasl_ssl://kafka-1.kafka-headless.kafka.svc.cluster.local:9093/1: Failed to resolve 'kafka-1.kafka-headless.kafka.svc.cluster.local:9093': Name or service not known (after 5ms in state CONNECT)"},
      {client: 'java', text: `${JAVA('WARN', 'Consumer clientId=consumer-app-1, groupId=app')}Connection to node 1 (localhost/127.0.0.1:9092) could not be established. Broker may not be available. (org.apache.kafka.clients.NetworkClient)`},
      {client: 'java', text: `${JAVA('WARN', 'AdminClient clientId=adminclient-1')}Error connecting to node 1cbfdb9e8dc6:9092 (id: 1001 rack: null) (org.apache.kafka.clients.NetworkClient)`},
      {client: 'kafkajs', text: KJS('[Connection] Connection error: getaddrinfo ENOTFOUND 4f2b3c1d9e8a', ',"broker":"4f2b3c1d9e8a:9092","clientId":"app"')},
    ],
    nearMiss: [{text: 'localhost:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused', why: 'the configured bootstrap address is loopback: KD205'}],
  },
  KD503: {
    symptoms: ['Broker: Invalid replication factor (invalid_replication_factor)', 'Replication factor: 3 larger than available brokers: 1.', 'Replication-factor is invalid'],
    seen: [
      {client: 'python', text: 'kafka.errors.InvalidReplicationFactorError: [Error 38] InvalidReplicationFactorError: Replication factor: 3 larger than available brokers: 1.'},
      {client: 'java', text: 'kafka.admin.AdminOperationException: replication factor: 3 larger than available brokers: 1'},
      {client: 'karafka', text: 'Rdkafka::RdkafkaError (Broker: Invalid replication factor (invalid_replication_factor))'},
      {client: 'java', text: 'org.apache.kafka.common.errors.InvalidReplicationFactorException: Replication factor: 3 larger than available brokers: 1.'},
      {client: 'java', text: 'org.apache.kafka.common.errors.InvalidReplicationFactorException: Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 2 broker(s) are registered.'},
      {client: 'kafkajs', text: 'KafkaJSCreateTopicError: Replication-factor is invalid'},
      {client: 'python', text: 'KafkaError{code=INVALID_REPLICATION_FACTOR,val=38,str="Replication factor: 3 larger than available brokers: 1."}'},
    ],
    nearMiss: [{text: 'Replication Factor:   3', why: 'a topic description'}],
  },
  KD504: {
    symptoms: ['Broker: Leader not available', 'Broker: Not enough in-sync replicas', 'There is no leader for this topic-partition as we are in the middle of a leadership election'],
    seen: [
      {client: 'librdkafka', text: 'Kafka log message: [thrd:main]: kafka-0.example.com:9092/bootstrap: Group "app" GroupCoordinator response error: Broker: Group coordinator not available'},
      {client: 'kafkajs', text: KJS('[Connection] Response GroupCoordinator(key: 10, version: 2)', ',"broker":"kafka-0.example.com:9093","clientId":"app","error":"The group coordinator is not available","correlationId":0,"size":55')},
      {client: 'java', text: `${JAVA('WARN', 'Producer clientId=producer-1')}Got error produce response with correlation id 369 on topic-partition orders-0, retrying (2 attempts left). Error: NOT_ENOUGH_REPLICAS (org.apache.kafka.clients.producer.internals.Sender)`},
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Broker: Not enough in-sync replicas (not_enough_replicas)'},
      {client: 'librdkafka', text: `${RDK('ERROR', 'main')}FindCoordinator response error: Broker: Coordinator not available`},
      {client: 'java', text: `${JAVA('WARN', 'Producer clientId=producer-1')}Error while fetching metadata with correlation id 7 : {events=LEADER_NOT_AVAILABLE} (org.apache.kafka.clients.NetworkClient)`},
      {client: 'java', text: 'org.apache.kafka.common.errors.NotEnoughReplicasException: Messages are rejected since there are fewer in-sync replicas than required.'},
      {client: 'kafkajs', text: 'KafkaJSProtocolError: There is no leader for this topic-partition as we are in the middle of a leadership election'},
      {client: 'kafkajs', text: 'KafkaJSGroupCoordinatorNotFound: Failed to find group coordinator'},
      {client: 'go', text: 'kafka server: In the middle of a leadership election, there is currently no leader for this partition and hence it is unavailable for writes'},
    ],
    nearMiss: [{text: '\tTopic: events\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3', why: 'a healthy partition'}],
  },
  KD505: {
    symptoms: ['Broker: API version not supported', 'UnsupportedVersionException', 'The version of API is not supported'],
    seen: [
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Broker: API version not supported (unsupported_version)'},
      {client: 'librdkafka', text: `${RDK('ERROR', 'app')}Failed to initialize transactions: Local: Required feature not supported by broker`},
      {client: 'java', text: 'org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support INIT_PRODUCER_ID'},
      {client: 'kafkajs', text: 'KafkaJSProtocolError: The version of API is not supported'},
      {client: 'kafkajs', text: 'KafkaJSServerDoesNotSupportApiKey: The Kafka server does not support the requested API version'},
    ],
    nearMiss: [{text: '[2024-05-01 10:00:00,123] INFO Kafka version: 3.7.0 (org.apache.kafka.common.utils.AppInfoParser)', why: 'a version printed at start-up'}],
  },
  KD506: {
    symptoms: ['Broker: Unknown topic or partition', 'This server does not host this topic-partition', 'Topic events not present in metadata after 60000 ms.'],
    seen: [
      {client: 'librdkafka', text: 'Produce failed: Local: Unknown topic'},
      {client: 'python', text: 'kafka.errors.UnknownTopicOrPartitionError: [Error 3] UnknownTopicOrPartitionError'},
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Broker: Unknown topic or partition (unknown_topic_or_part)'},
      {client: 'librdkafka', text: `${RDK('ERROR', 'main')}Subscribed topic not available: events: Broker: Unknown topic or partition`},
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Local: Unknown partition (unknown_partition)'},
      {client: 'java', text: 'org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.'},
      {client: 'java', text: `${JAVA('WARN', 'Consumer clientId=consumer-app-1, groupId=app')}Error while fetching metadata with correlation id 2 : {events=UNKNOWN_TOPIC_OR_PARTITION} (org.apache.kafka.clients.NetworkClient)`},
      {client: 'java', text: 'org.apache.kafka.common.errors.TimeoutException: Topic events not present in metadata after 60000 ms.'},
      {client: 'kafkajs', text: 'KafkaJSProtocolError: This server does not host this topic-partition'},
      {client: 'go', text: 'kafka server: Request was for a topic or partition that does not exist on this broker'},
      {client: 'python', text: 'KafkaError{code=UNKNOWN_TOPIC_OR_PART,val=3,str="Subscribed topic not available: events: Broker: Unknown topic or partition"}'},
    ],
    nearMiss: [{text: 'Subscribed topic not available: karafka_consumers_states: Broker: Unknown topic or partition', why: 'a Karafka Web UI topic: KD706'}],
  },
  KD601: {
    symptoms: ['Broker: Topic authorization failed', 'Not authorized to access topics: [events]', '{events=TOPIC_AUTHORIZATION_FAILED}'],
    seen: [
      {client: 'python', text: 'kafka.errors.TopicAuthorizationFailedError: [Error 29] TopicAuthorizationFailedError: orders'},
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Broker: Topic authorization failed (topic_authorization_failed)'},
      {client: 'librdkafka', text: `${RDK('ERROR', 'main')}Subscribed topic not available: events: Broker: Topic authorization failed`},
      {client: 'java', text: 'org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to access topics: [events]'},
      {client: 'java', text: `${JAVA('WARN', 'Producer clientId=producer-1')}Error while fetching metadata with correlation id 3 : {events=TOPIC_AUTHORIZATION_FAILED} (org.apache.kafka.clients.NetworkClient)`},
      {client: 'java', text: '[2024-05-01 10:00:00,123] INFO Principal = User:app is Denied Operation = Read from host = 10.0.2.7 on resource = Topic:LITERAL:events for request = Fetch with resourceRefCount = 1 (kafka.authorizer.logger)'},
      {client: 'java', text: '[2024-05-01 10:00:00,123] INFO Principal = User:app is Denied operation = DESCRIBE from host = 10.0.2.7 on resource = Topic:LITERAL:events for request = Metadata with resourceRefCount = 1 based on rule DefaultDeny (kafka.authorizer.logger)'},
      {client: 'kafkajs', text: 'KafkaJSProtocolError: Not authorized to access topics: [Topic authorization failed]'},
      {client: 'go', text: 'kafka server: The client is not authorized to access this topic'},
      {client: 'python', text: 'KafkaError{code=TOPIC_AUTHORIZATION_FAILED,val=29,str="Broker: Topic authorization failed"}'},
    ],
    nearMiss: [{text: 'Principal = User:app is Allowed Operation = Read from host = 10.0.2.7 on resource = Topic:LITERAL:events', why: 'an allowed operation'}],
  },
  KD602: {
    symptoms: ['Broker: Group authorization failed', 'Not authorized to access group: app'],
    seen: [
      {client: 'karafka', text: 'Kafka::GroupAuthorizationFailed'},
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Broker: Group authorization failed (group_authorization_failed)'},
      {client: 'librdkafka', text: `${RDK('ERROR', 'main')}JoinGroup failed: Broker: Group authorization failed`},
      {client: 'java', text: 'org.apache.kafka.common.errors.GroupAuthorizationException: Not authorized to access group: app'},
      {client: 'java', text: '[2024-05-01 10:00:00,123] INFO Principal = User:app is Denied Operation = Read from host = 10.0.2.7 on resource = Group:LITERAL:app for request = JoinGroup with resourceRefCount = 1 (kafka.authorizer.logger)'},
      {client: 'kafkajs', text: 'KafkaJSProtocolError: Not authorized to access group: Group authorization failed'},
      {client: 'go', text: 'kafka server: The client is not authorized to access this group'},
      {client: 'python', text: 'KafkaError{code=GROUP_AUTHORIZATION_FAILED,val=30,str="JoinGroup failed: Broker: Group authorization failed"}'},
    ],
    nearMiss: [{text: 'Rdkafka::RdkafkaError: Broker: Topic authorization failed (topic_authorization_failed)', why: 'the topic, not the group: KD601'}],
  },
  KD603: {
    symptoms: ['Broker: Cluster authorization failed', 'ClusterAuthorizationException'],
    seen: [
      {client: 'karafka', text: 'Kafka::ClusterAuthorizationFailed'},
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Broker: Cluster authorization failed (cluster_authorization_failed)'},
      {client: 'java', text: 'org.apache.kafka.common.errors.ClusterAuthorizationException: The producer is not authorized to do idempotent sends'},
      {client: 'java', text: '[2024-05-01 10:00:00,123] INFO Principal = User:app is Denied Operation = Create from host = 10.0.2.7 on resource = Cluster:LITERAL:kafka-cluster for request = CreateTopics with resourceRefCount = 1 (kafka.authorizer.logger)'},
      {client: 'kafkajs', text: 'KafkaJSProtocolError: Cluster authorization failed'},
      {client: 'go', text: 'kafka server: The client is not authorized to send this request type'},
      {client: 'python', text: 'KafkaError{code=CLUSTER_AUTHORIZATION_FAILED,val=31,str="Broker: Cluster authorization failed"}'},
    ],
    nearMiss: [{text: 'Principal = User:app is Denied Operation = Create from host = 10.0.2.7 on resource = Cluster:LITERAL:kafka-cluster for request = Metadata with resourceRefCount = 1', why: 'a topic being created on first use: KD604'}],
  },
  KD604: {
    symptoms: ['Principal = User:app is Denied Operation = Create from host = 10.0.2.7 on resource = Topic:LITERAL:events for request = Metadata'],
    seen: [
      {client: 'java', text: '[2024-05-01 10:00:00,123] INFO Principal = User:app is Denied Operation = Create from host = 10.0.2.7 on resource = Topic:LITERAL:events for request = Metadata with resourceRefCount = 1 (kafka.authorizer.logger)'},
      {client: 'java', text: '[2024-05-01 10:00:00,123] INFO Principal = User:app is Denied operation = CREATE from host = 10.0.2.7 on resource = Cluster:LITERAL:kafka-cluster for request = Metadata with resourceRefCount = 1 based on rule DefaultDeny (kafka.authorizer.logger)'},
      {client: 'karafka', text: `allow.everyone.if.no.acl.found=false\nauto.create.topics.enable=true\n${RB_E}Rdkafka::RdkafkaError: Broker: Topic authorization failed (topic_authorization_failed)`},
      {client: 'kafkajs', text: 'auto.create.topics.enable=true\nallow.everyone.if.no.acl.found=false\nKafkaJSProtocolError: Not authorized to access topics: [Topic authorization failed]'},
    ],
    nearMiss: [{text: 'Principal = User:app is Denied Operation = Create from host = 10.0.2.7 on resource = Topic:LITERAL:events for request = CreateTopics with resourceRefCount = 1', why: 'an explicit CreateTopics request: KD601'}],
  },
  KD605: {
    symptoms: ['Broker: Transactional Id authorization failed', 'TransactionalIdAuthorizationException'],
    seen: [
      {client: 'python', text: 'kafka.errors.TransactionalIdAuthorizationFailedError: [Error 53] TransactionalIdAuthorizationFailedError'},
      {client: 'karafka', text: 'WaterDrop::Errors::ProduceError: #<Rdkafka::RdkafkaError: Broker: Transactional Id authorization failed (transactional_id_authorization_failed)>'},
      {client: 'java', text: 'org.apache.kafka.common.errors.TransactionalIdAuthorizationException: Transactional Id authorization failed.'},
      {client: 'java', text: '[2024-05-01 10:00:00,123] INFO Principal = User:app is Denied Operation = Write from host = 10.0.2.7 on resource = TransactionalId:LITERAL:app-1 for request = InitProducerId with resourceRefCount = 1 (kafka.authorizer.logger)'},
      {client: 'kafkajs', text: 'KafkaJSProtocolError: Transactional Id authorization failed'},
      {client: 'python', text: 'KafkaError{code=TRANSACTIONAL_ID_AUTHORIZATION_FAILED,val=53,str="Broker: Transactional Id authorization failed"}'},
    ],
    nearMiss: [{text: '\ttransactional.id = app-1', why: 'a configuration dump line'}],
  },
  KD701: {
    symptoms: ['[4f2a9c] Polled 0 messages in 1000.3ms'],
    seen: [
      {client: 'karafka', text: `KAFKA_PREFIX=columbia-1234.\n${RB_D}[4f2a9c] Polled 0 messages in 1000.3ms\n${RB_D}[4f2a9c] Polled 0 messages in 1000.1ms`},
      {client: 'karafka', text: 'KAFKA_PREFIX:           columbia-1234.\nRdkafka::RdkafkaError: Broker: Topic authorization failed (topic_authorization_failed)'},
      {client: 'java', text: `KAFKA_PREFIX=columbia-1234.\n${JAVA('WARN', 'Consumer clientId=consumer-app-1, groupId=columbia-1234.app')}Error while fetching metadata with correlation id 2 : {events=TOPIC_AUTHORIZATION_FAILED} (org.apache.kafka.clients.NetworkClient)`},
      {client: 'kafkajs', text: `KAFKA_URL=kafka+ssl://${HEROKU}:9096\nKafkaJSProtocolError: This server does not host this topic-partition`},
    ],
    nearMiss: [{text: `${RB_D}[4f2a9c] Polled 0 messages in 1000.3ms`, why: 'an idle consumer outside Heroku'}],
  },
  KD702: {
    symptoms: [],
    seen: [
      {client: 'karafka', text: `KAFKA_PREFIX=columbia-1234.\n${RB_E}Rdkafka::RdkafkaError: Broker: Group authorization failed (group_authorization_failed)`},
      {client: 'java', text: 'KAFKA_PREFIX=columbia-1234.\norg.apache.kafka.common.errors.GroupAuthorizationException: Not authorized to access group: app'},
      {client: 'kafkajs', text: `KAFKA_PREFIX=columbia-1234.\n{"level":"ERROR","timestamp":"2024-05-01T10:00:00.000Z","logger":"kafkajs","message":"[Consumer] Crash: KafkaJSProtocolError: Not authorized to access group: Group authorization failed","groupId":"app","retryCount":0}`},
    ],
    nearMiss: [{text: 'KAFKA_PREFIX=columbia-1234.\norg.apache.kafka.common.errors.GroupAuthorizationException: Not authorized to access group: columbia-1234.app', why: 'the group carries the prefix: it was not created (KD703)'}],
  },
  KD703: {
    symptoms: [],
    seen: [
      {client: 'java', text: 'KAFKA_PREFIX=columbia-1234.\norg.apache.kafka.common.errors.GroupAuthorizationException: Not authorized to access group: columbia-1234.app'},
      {client: 'kafkajs', text: `KAFKA_URL=kafka+ssl://${HEROKU}:9096\nKafkaJSGroupCoordinatorNotFound: Failed to find group coordinator`},
    ],
    nearMiss: [{text: 'org.apache.kafka.common.errors.GroupAuthorizationException: Not authorized to access group: columbia-1234.app', why: 'without any sign of Heroku it is a plain group ACL: KD602'}],
  },
  KD704: {
    symptoms: ['key not found: "KAFKA_URL"', "KeyError: 'KAFKA_CLIENT_CERT_KEY'"],
    seen: [
      {client: 'karafka', text: "/app/karafka.rb:12:in 'fetch': key not found: \"KAFKA_URL\" (KeyError)"},
      {client: 'python', text: "KeyError: 'KAFKA_TRUSTED_CERT'"},
    ],
    nearMiss: [{text: "/app/config.rb:3:in 'fetch': key not found: \"REDIS_URL\" (KeyError)", why: 'not a Kafka variable'}],
  },
  KD705: {
    symptoms: ['Initial consumers state missing', 'The initial consumers state for the Web UI was not created.'],
    seen: [
      {client: 'karafka', text: 'The initial consumers state for the Web UI was not created.'},
      {client: 'karafka', text: 'Karafka::Web::Errors::Processing::MissingConsumersStateError'},
      {client: 'java', text: 'Topic: karafka_consumers_states\tTopicId: 3Yl1mZ6mT4uV2rP0kq8XgA\tPartitionCount: 1\tReplicationFactor: 3\tConfigs: cleanup.policy=delete,retention.ms=86400000'},
      {client: 'heroku', text: 'Compaction:           Compaction is disabled for karafka_consumers_states'},
    ],
    nearMiss: [{text: 'Topic: karafka_consumers_states\tPartitionCount: 1\tReplicationFactor: 3\tConfigs: cleanup.policy=compact', why: 'compacted as the Web UI wants'}],
  },
  KD706: {
    symptoms: ['Web UI requires the following topics to exist'],
    seen: [
      {client: 'karafka', text: 'Web UI requires the following topics to exist: karafka_consumers_states, karafka_consumers_reports, karafka_consumers_metrics, karafka_errors'},
      {client: 'karafka', text: 'Karafka::Web::Errors::Processing::MissingConsumersStatesTopicError'},
      {client: 'librdkafka', text: `${RDK('ERROR', 'main')}Subscribed topic not available: karafka_consumers_reports: Broker: Unknown topic or partition`},
      {client: 'java', text: `${JAVA('WARN', 'Consumer clientId=consumer-karafka_web-1, groupId=karafka_web')}Error while fetching metadata with correlation id 2 : {karafka_consumers_reports=UNKNOWN_TOPIC_OR_PARTITION} (org.apache.kafka.clients.NetworkClient)`},
    ],
    nearMiss: [{text: 'Subscribed topic not available: events: Broker: Unknown topic or partition', why: 'an application topic: KD506'}],
  },
  KD707: {
    symptoms: [`sasl_ssl://${MSK1}:9096/bootstrap: Connection setup timed out in state CONNECT`],
    seen: [
      {client: 'karafka', text: `${RB_E}rdkafka: [thrd:sasl_ssl://b-1.orders.a1b2c3.c2.kafka.eu-west-1.amazona]: sasl_ssl://${MSK1}:9096/bootstrap: Connection setup timed out in state CONNECT (after 30029ms in state CONNECT)`},
      {client: 'kafkajs', text: KJS('[Connection] Connection timeout', `,"broker":"${MSK1}:9096","clientId":"app"`)},
      {client: 'go', text: `[sarama] 2024/05/01 10:00:00 Failed to connect to broker ${MSK1}:9096: dial tcp 10.0.1.57:9096: i/o timeout`},
      {client: 'node', text: '    "NetworkPathFound": false,\nError: connect ETIMEDOUT 10.0.1.57:9096'},
    ],
    nearMiss: [{text: `${MSK1}:9092/bootstrap: Connect to ipv4#10.0.1.57:9092 failed: Connection refused (after 1ms in state CONNECT)`, why: 'refused means something answered: KD202'}],
  },
  KD708: {
    symptoms: [],
    seen: [
      {client: 'karafka', text: `    "NetworkPathFound": true,\n${RB_E}rdkafka: [thrd:sasl_ssl://b-1.orders.a1b2c3.c2.kafka.eu-west-1.amazona]: sasl_ssl://${MSK1}:9096/bootstrap: Connection setup timed out in state CONNECT (after 30029ms in state CONNECT)`},
      {client: 'kafkajs', text: `"NetworkPathFound": true\n${KJS('[Connection] Connection timeout', `,"broker":"${MSK1}:9096","clientId":"app"`)}`},
    ],
    nearMiss: [{text: `sasl_ssl://${MSK1}:9096/bootstrap: Connection setup timed out in state CONNECT (after 30029ms in state CONNECT)`, why: 'without a Reachability Analyzer result the rules are not known to allow it: KD707'}],
  },
  KD801: {
    symptoms: ['Liveness probe failed: Get "http://10.244.1.17:3000/": dial tcp 10.244.1.17:3000: connect: connection refused'],
    seen: [
      {client: 'kubernetes', text: '  Warning  Unhealthy  50s (x16 over 5m50s)  kubelet  Liveness probe failed: dial tcp 10.244.1.10:3000: connect: connection refused'},
      {client: 'http', text: 'Error: Get "http://localhost:3000": net/http: HTTP/1.x transport connection broken: unexpected EOF'},
      {client: 'kubernetes', text: '  Warning  Unhealthy  12s (x3 over 32s)  kubelet  Liveness probe failed: Get "http://10.244.1.17:3000/": dial tcp 10.244.1.17:3000: connect: connection refused'},
      {client: 'http', text: "curl: (7) Failed to connect to localhost port 3000 after 0 ms: Couldn't connect to server"},
    ],
    nearMiss: [{text: '  Warning  Unhealthy  5s (x3 over 25s)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 500', why: 'the listener answered; its JSON body says which TTL fired'}],
  },
  KD802: {
    symptoms: ['"polling_ttl_exceeded": true', 'Application maximum poll interval (300000ms) exceeded by 88ms'],
    seen: [
      {client: 'http', text: '{"status":"unhealthy","timestamp":1717251446,"port":3000,"process_id":12345,"errors":{"polling_ttl_exceeded":true,"consumption_ttl_exceeded":false,"stability_ttl_exceeded":false,"unrecoverable":false}}'},
      {client: 'librdkafka', text: '%4|1714557600.123|MAXPOLL|rdkafka#consumer-1| [thrd:main]: Application maximum poll interval (300000ms) exceeded by 88ms (adjust max.poll.interval.ms for long-running message processing): leaving group'},
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Local: Maximum application poll interval (max.poll.interval.ms) exceeded (max_poll_exceeded)'},
      {client: 'java', text: `${JAVA('WARN', 'Consumer clientId=consumer-app-1, groupId=app')}consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time processing messages.`},
    ],
    nearMiss: [{text: '"polling_ttl_exceeded": false,', why: 'healthy'}],
  },
  KD803: {
    symptoms: ['"consumption_ttl_exceeded": true'],
    seen: [
      {client: 'http', text: '    "consumption_ttl_exceeded": true,'},
      {client: 'http', text: '{"status":"unhealthy","timestamp":1717251446,"port":3000,"process_id":12345,"errors":{"polling_ttl_exceeded":false,"consumption_ttl_exceeded":true,"stability_ttl_exceeded":false,"unrecoverable":false}}'},
    ],
    nearMiss: [{text: '"consumption_ttl_exceeded": false', why: 'healthy'}],
    singleSource: "Only the Karafka liveness listener's JSON reports this; no client logs it.",
  },
  KD804: {
    symptoms: ['"unrecoverable": "fenced"', 'Local: This instance has been fenced by a newer instance (fenced)'],
    seen: [
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Broker: Static consumer fenced by other consumer with same group.instance.id (fenced_instance_id)'},
      {client: 'http', text: '{"status":"unhealthy","timestamp":1717251446,"port":3000,"process_id":12345,"errors":{"polling_ttl_exceeded":false,"consumption_ttl_exceeded":false,"stability_ttl_exceeded":false,"unrecoverable":"fenced"}}'},
      {client: 'karafka', text: 'Rdkafka::RdkafkaError: Local: This instance has been fenced by a newer instance (fenced)'},
      {client: 'librdkafka', text: '%0|1714557600.123|FATAL|rdkafka#consumer-1| [thrd:main]: Fatal error: Broker: Static consumer fenced by other consumer with same group.instance.id: JoinGroup'},
      {client: 'java', text: 'org.apache.kafka.common.errors.FencedInstanceIdException: The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.'},
      {client: 'kafkajs', text: 'KafkaJSProtocolError: The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id'},
    ],
    nearMiss: [{text: '"unrecoverable": false', why: 'healthy'}],
  },
  KD805: {
    symptoms: ['"controlling_ttl_exceeded": true'],
    seen: [
      {client: 'http', text: '{"status":"unhealthy","timestamp":1717251446,"port":3000,"process_id":12345,"errors":{"controlling_ttl_exceeded":true}}'},
      {client: 'http', text: '    "controlling_ttl_exceeded": true'},
    ],
    nearMiss: [{text: '{"status":"healthy","errors":{"controlling_ttl_exceeded":false}}', why: 'healthy'}],
    singleSource: "Only the Karafka swarm liveness listener's JSON reports this; no client logs it.",
  },
  KD806: {
    symptoms: ['"stability_ttl_exceeded": true'],
    seen: [
      {client: 'http', text: '{"status":"unhealthy","timestamp":1717251446,"port":3000,"process_id":12345,"errors":{"polling_ttl_exceeded":false,"consumption_ttl_exceeded":false,"stability_ttl_exceeded":true,"unrecoverable":false}}'},
      {client: 'http', text: '    "stability_ttl_exceeded": true,'},
    ],
    nearMiss: [{text: '"stability_ttl_exceeded": false', why: 'healthy'}],
    singleSource: "Only the Karafka liveness listener's JSON reports this; no client logs it.",
  },
  KD807: {
    symptoms: ['StrategyType:           RollingUpdate'],
    seen: [
      {client: 'kubernetes', text: 'StrategyType:           RollingUpdate'},
      {client: 'kubernetes', text: '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"karafka"},"spec":{"replicas":3,"strategy":{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"},"type":"RollingUpdate"}}}'},
    ],
    nearMiss: [
      {text: 'StrategyType:           Recreate', why: 'the recommended strategy'},
      {text: '{"kind":"StatefulSet","spec":{"updateStrategy":{"type":"RollingUpdate"}}}', why: 'a StatefulSet cannot use Recreate'},
    ],
    singleSource: 'Only the Deployment spec shows it (kubectl describe or get -o json); no client logs it.',
  },
  KD808: {
    symptoms: ['Liveness probe failed: HTTP probe failed with statuscode: 404', 'Liveness probe failed: Get "http://10.244.1.17:3000/": context deadline exceeded'],
    seen: [
      {client: 'kubernetes', text: '  Warning  Unhealthy  5s (x3 over 25s)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 404'},
      {client: 'kubernetes', text: '  Warning  Unhealthy  8s (x2 over 18s)  kubelet  Liveness probe failed: Get "http://10.244.1.17:3000/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)'},
    ],
    nearMiss: [{text: '  Warning  Unhealthy  5s (x3 over 25s)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 500', why: 'the listener itself reports unhealthy'}],
    singleSource: 'Only the kubelet reports probe results (kubectl describe pod, events).',
  },
  KD809: {
    symptoms: ['{"status":"unhealthy", … "errors":{"polling_ttl_exceeded":false,"consumption_ttl_exceeded":false,"unrecoverable":false}}'],
    seen: [
      {client: 'http', text: '{"status":"unhealthy","timestamp":1717251446,"port":3000,"process_id":12345,"errors":{"polling_ttl_exceeded":false,"consumption_ttl_exceeded":false,"unrecoverable":false}}'},
      {client: 'http', text: '{"status":"unhealthy","timestamp":1717251446,"port":3000,"process_id":12345,"errors":{"polling_ttl_exceeded":false,"consumption_ttl_exceeded":false,"stability_ttl_exceeded":false,"unrecoverable":false}}'},
    ],
    nearMiss: [
      {text: '{"status":"unhealthy","timestamp":1717251446,"port":3000,"process_id":12345,"errors":{"polling_ttl_exceeded":true,"consumption_ttl_exceeded":false,"unrecoverable":false}}', why: 'a Karafka check names itself: KD802'},
      {text: '{"status":"healthy","timestamp":1717251446,"port":3000,"process_id":12345,"errors":{"polling_ttl_exceeded":false,"consumption_ttl_exceeded":false,"unrecoverable":false}}', why: 'healthy'},
    ],
    singleSource: "Only the liveness endpoint's answer shows it; `kdoctor liveness` also reports a bodiless or unparsable 500 with this code.",
  },
}
