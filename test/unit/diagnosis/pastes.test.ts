// Multi-line pastes in each client's usual log format: which problems, on which line, how often.
// The counts are occurrences of the failure, not lines: a stack trace, librdkafka's ERROR line
// that repeats its FAIL line, kafkajs' BrokerPool entry that wraps the Connection entry, a client's
// error-code heading after the specific line — each restates one failure.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {explainText} from '../../../src/diagnosis/match.js'

const summary = (text: string) => explainText(text).map((m) => `${m.code}×${m.count}@${m.lineNumber}`)

describe('explain on multi-line pastes', () => {
  it('librdkafka stderr: a FAIL line and the ERROR line repeating it are one failure; suppressed repeats count', () => {
    const text = [
      '%3|1714557600.120|FAIL|rdkafka#producer-1| [thrd:kafka-0.example.com:9092/bootstrap]: kafka-0.example.com:9092/bootstrap: Connect to ipv4#10.0.1.5:9092 failed: Connection refused (after 0ms in state CONNECT)',
      '%3|1714557600.120|ERROR|rdkafka#producer-1| [thrd:app]: rdkafka#producer-1: kafka-0.example.com:9092/bootstrap: Connect to ipv4#10.0.1.5:9092 failed: Connection refused (after 0ms in state CONNECT)',
      '%3|1714557600.121|ERROR|rdkafka#producer-1| [thrd:app]: rdkafka#producer-1: 1/1 brokers are down',
      '%3|1714557601.125|FAIL|rdkafka#producer-1| [thrd:kafka-0.example.com:9092/bootstrap]: kafka-0.example.com:9092/bootstrap: Connect to ipv4#10.0.1.5:9092 failed: Connection refused (after 0ms in state CONNECT, 2 identical error(s) suppressed)',
      '%3|1714557601.125|ERROR|rdkafka#producer-1| [thrd:app]: rdkafka#producer-1: kafka-0.example.com:9092/bootstrap: Connect to ipv4#10.0.1.5:9092 failed: Connection refused (after 0ms in state CONNECT, 2 identical error(s) suppressed)',
    ].join('\n')
    assert.deepEqual(summary(text), ['KD202×4@1'], '1, then 1 + 2 suppressed; the ERROR lines and the summary add nothing')
  })

  it('Karafka: the heading after the librdkafka line is the same failure (not ×3 for two lines)', () => {
    const text = [
      'E, [2024-05-01T10:00:01.123456 #1] ERROR -- : rdkafka: [thrd:sasl_ssl://kafka-0.example.com:9096/bootstrap]: sasl_ssl://kafka-0.example.com:9096/bootstrap: SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 (after 312ms in state AUTH_REQ, 1 identical error(s) suppressed)',
      'E, [2024-05-01T10:00:01.123999 #1] ERROR -- : librdkafka internal error occurred: Local: Authentication failure (authentication)',
    ].join('\n')
    assert.deepEqual(summary(text), ['KD404×2@1'])
  })

  it('a wrapped paste: a line ending in ":" and the "(after …)" trailer are read with the line they continue', () => {
    const text = [
      '',
      'ERROR -- : rdkafka: [thrd:sasl_ssl://kafka-0.example.com:9096/bootstrap]:',
      'sasl_ssl://kafka-0.example.com:9096/bootstrap: SASL authentication error:',
      'Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512',
      '(after 312ms in state AUTH_REQ, 1 identical error(s) suppressed)',
      '',
      'ERROR -- : librdkafka internal error occurred: Local: Authentication failure (authentication)',
    ].join('\n')
    const [auth, ...rest] = explainText(text)
    assert.equal(rest.length, 0)
    assert.equal(auth!.code, 'KD404')
    assert.equal(auth!.lineNumber, 2, 'the line the wrapped message starts on')
    assert.equal(auth!.count, 2)
    assert.equal(auth!.evidence.state, 'AUTH_REQ')
    assert.equal(auth!.evidence.mechanism, 'SCRAM-SHA-512')
  })

  it('Java: a stack trace with Caused by: is one failure, named by the line that says why', () => {
    const trace = [
      '[2024-05-01 10:00:00,123] ERROR [AdminClient clientId=adminclient-1] Connection to node -1 (kafka-0.example.com/10.0.1.5:9093) failed authentication due to: SSL handshake failed (org.apache.kafka.clients.NetworkClient)',
      'org.apache.kafka.common.errors.SslAuthenticationException: SSL handshake failed',
      'Caused by: javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
      '\tat java.base/sun.security.ssl.Alert.createSSLException(Alert.java:131)',
      '\tat java.base/sun.security.ssl.TransportContext.fatal(TransportContext.java:371)',
      'Caused by: sun.security.validator.ValidatorException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
      '\tat java.base/sun.security.validator.PKIXValidator.doBuild(PKIXValidator.java:439)',
      '\t... 20 more',
    ]
    assert.deepEqual(summary(trace.join('\n')), ['KD303×1@3'])
    assert.deepEqual(summary([...trace, ...trace].join('\n')), ['KD303×2@3'], 'the same trace logged again is a second failure')
  })

  it('Java: the OutOfMemoryError of a plaintext client reading a TLS answer, with its frames', () => {
    const text = [
      '[2024-05-01 10:00:00,278] ERROR Uncaught exception in thread \'kafka-admin-client-thread | adminclient-1\': (org.apache.kafka.common.utils.KafkaThread)',
      'java.lang.OutOfMemoryError: Java heap space',
      '\tat java.base/java.nio.HeapByteBuffer.<init>(HeapByteBuffer.java:64)',
      '\tat org.apache.kafka.common.memory.MemoryPool$1.tryAllocate(MemoryPool.java:30)',
      '\tat org.apache.kafka.common.network.NetworkReceive.readFrom(NetworkReceive.java:102)',
      'Error while executing topic command : Timed out waiting for a node assignment. Call: listTopics',
    ].join('\n')
    assert.deepEqual(summary(text), ['KD301×1@2'], 'the node-assignment timeout is its consequence')
  })

  it('Spring Boot: timestamps and thread names differ, the failure is the same', () => {
    const line = (ts: string) => `${ts}  WARN 1 --- [ntainer#0-0-C-1] org.apache.kafka.clients.NetworkClient   : [Consumer clientId=consumer-app-1, groupId=app] Connection to node -1 (kafka-0.example.com/10.0.1.5:9092) could not be established. Broker may not be available.`
    const text = [line('2024-05-01 10:00:00.123'), line('2024-05-01 10:00:01.125'), line('2024-05-01 10:00:02.331')].join('\n')
    assert.deepEqual(summary(text), ['KD202×3@1'])
  })

  it("kafkajs' JSON logger: the BrokerPool entry that wraps the Connection entry is the same attempt", () => {
    const connection = (ts: string) =>
      `{"level":"ERROR","timestamp":"${ts}","logger":"kafkajs","message":"[Connection] Connection error: connect ECONNREFUSED 10.0.1.5:9092","broker":"kafka-0.example.com:9092","clientId":"app","stack":"Error: connect ECONNREFUSED 10.0.1.5:9092\\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)"}`
    const pool = (ts: string, retry: number) =>
      `{"level":"ERROR","timestamp":"${ts}","logger":"kafkajs","message":"[BrokerPool] Failed to connect to seed broker, trying another broker from the list: Connection error: connect ECONNREFUSED 10.0.1.5:9092","retryCount":${retry},"retryTime":${300 + retry}}`
    const text = [connection('2024-05-01T10:00:00.100Z'), pool('2024-05-01T10:00:00.101Z', 0), connection('2024-05-01T10:00:00.420Z'), pool('2024-05-01T10:00:00.421Z', 1)].join('\n')
    assert.deepEqual(summary(text), ['KD202×2@1'])
  })

  it('pino-pretty: the fields under an entry belong to it (the broker address is read from them)', () => {
    const text = [
      '[1714557600123] ERROR (app/42 on web-1): kafkajs: Connection timeout',
      '    module: "KafkaConnector"',
      '    broker: "kafka-0.example.com:9092"',
      '    clientId: "app"',
      '[1714557601130] ERROR (app/42 on web-1): kafkajs: Connection timeout',
      '    broker: "kafka-0.example.com:9092"',
    ].join('\n')
    const [timeout, ...rest] = explainText(text)
    assert.equal(rest.length, 0)
    assert.deepEqual([timeout!.code, timeout!.count, timeout!.lineNumber], ['KD203', 2, 1])
  })

  it('pino JSON and Go JSON loggers: the error inside the entry is read', () => {
    const pino = '{"level":50,"time":1714557600000,"pid":1,"hostname":"web-1","msg":"kafka producer failed","err":{"type":"KafkaJSConnectionError","message":"Connection error: connect ECONNREFUSED 10.0.1.5:9092"}}'
    assert.deepEqual(summary(pino), ['KD202×1@1'])
    const zap = '{"level":"error","ts":1714557600.12,"caller":"consumer/main.go:42","msg":"cannot connect","error":"kafka: client has run out of available brokers to talk to: dial tcp 10.0.1.5:9092: i/o timeout"}'
    assert.deepEqual(summary(zap), ['KD203×1@1'], 'the dial error wins over the generic "run out of brokers"')
  })

  it('Python logging: repeated connect errors count, the traceback ending in NoBrokersAvailable restates them', () => {
    const connect = (ts: string) => `${ts} - kafka.conn - ERROR - Connect attempt to <BrokerConnection node_id=bootstrap-0 host=kafka-0.example.com:9092 <connecting> [IPv4 ('10.0.1.5', 9092)]> returned error 111. Disconnecting.`
    const text = [
      connect('2024-05-01 10:00:00,101'),
      connect('2024-05-01 10:00:00,152'),
      'Traceback (most recent call last):',
      '  File "/app/consumer.py", line 12, in <module>',
      "    consumer = KafkaConsumer('orders', bootstrap_servers=['kafka-0.example.com:9092'])",
      'kafka.errors.NoBrokersAvailable: NoBrokersAvailable',
    ].join('\n')
    assert.deepEqual(summary(text), ['KD202×2@1'])
  })

  it('root cause first: a loopback refusal before its scope, an advertised address before the refusals it causes', () => {
    assert.deepEqual(summary('localhost:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 0ms in state CONNECT)'), ['KD202×1@1', 'KD205×1@1'])
    const advertised = [
      '%3|1714557600.725|FAIL|rdkafka#consumer-2| [thrd:localhost:9092/1]: localhost:9092/1: Connect to ipv6#[::1]:9092 failed: Connection refused (after 1ms in state CONNECT)',
      '%3|1714557600.725|FAIL|rdkafka#consumer-2| [thrd:GroupCoordinator]: GroupCoordinator: localhost:9092: Connect to ipv6#[::1]:9092 failed: Connection refused (after 1ms in state CONNECT)',
    ].join('\n')
    assert.deepEqual(summary(advertised), ['KD502×2@1'])
  })

  it('a TLS failure comes before the metadata failure it causes', () => {
    const text = [
      '[2024-05-01 10:00:30,000] ERROR org.apache.kafka.common.errors.TimeoutException: Topic orders not present in metadata after 60000 ms.',
      '[2024-05-01 10:00:01,000] ERROR [Producer clientId=producer-1] Connection to node -1 (kafka-0.example.com/10.0.1.5:9093) failed authentication due to: SSL handshake failed (org.apache.kafka.clients.NetworkClient)',
      'Caused by: javax.net.ssl.SSLHandshakeException: PKIX path building failed: unable to find valid certification path to requested target',
    ].join('\n')
    assert.deepEqual(
      explainText(text).map((m) => m.code),
      ['KD303', 'KD506'],
    )
  })
})
