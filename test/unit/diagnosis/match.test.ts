import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import net from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import tls from 'node:tls'
import {after, before, describe, it} from 'node:test'

import kafkajs from 'kafkajs'

import {explainError, explainText} from '../../../src/diagnosis/match.js'

const MSK = 'b-1.orders.a1b2c3.c2.kafka.eu-west-1.amazonaws.com'

describe('explainText on real-shaped logs', () => {
  const karafkaLog = [
    'I, [2024-05-01T10:00:00.000001 #1]  INFO -- : Running Karafka 2.4.0 server',
    `E, [2024-05-01T10:00:01.123456 #1] ERROR -- : rdkafka: [thrd:sasl_ssl://b-1.orders.a1b2c3.c2.kafka.eu-west-1.amazona]: sasl_ssl://${MSK}:9096/bootstrap: SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 (after 312ms in state AUTH_REQ, 1 identical error(s) suppressed)`,
    'E, [2024-05-01T10:00:01.123999 #1] ERROR -- : librdkafka internal error occurred: Local: Authentication failure (authentication)',
    `E, [2024-05-01T10:00:31.123456 #1] ERROR -- : rdkafka: [thrd:sasl_ssl://b-1.orders.a1b2c3.c2.kafka.eu-west-1.amazona]: sasl_ssl://${MSK}:9096/bootstrap: SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 (after 298ms in state AUTH_REQ, 3 identical error(s) suppressed)`,
    'E, [2024-05-01T10:00:41.000000 #1] ERROR -- : librdkafka internal error occurred: Local: All broker connections are down (all_brokers_down)',
    'config: {"sasl.username"=>"app", "sasl.password"=>"hunter2-very-secret"}',
    'E, [2024-05-01T10:01:00.000000 #1] ERROR -- : Rdkafka::RdkafkaError: Broker: Topic authorization failed (topic_authorization_failed)',
    'E, [2024-05-01T10:00:40.000000 #1] ERROR -- : rdkafka: [thrd:sasl_ssl://b-2.orders.a1b2c3.c2.kafka.eu-west-1.amazona]: sasl_ssl://b-2.orders.a1b2c3.c2.kafka.eu-west-1.amazonaws.com:9096/2: Connection setup timed out in state CONNECT (after 30012ms in state CONNECT)',
  ].join('\n')

  it('finds each distinct problem once, ordered by layer, and counts repeats and suppressed errors', () => {
    const matches = explainText(karafkaLog)
    assert.deepEqual(
      matches.map((m) => m.code),
      ['KD404', 'KD501', 'KD601'],
    )
    const auth = matches[0]!
    assert.equal(auth.lineNumber, 2)
    assert.equal(auth.count, 6, '1+1 and 1+3 suppressed; the generic "Local: Authentication failure" line restates them, it is not another failure')
  })

  it('reads the evidence: broker name, bootstrap vs advertised, state, mechanism, provider', () => {
    const [auth, advertised] = explainText(karafkaLog)
    assert.equal(auth!.evidence.host, MSK)
    assert.equal(auth!.evidence.port, 9096)
    assert.equal(auth!.evidence.node, 'bootstrap')
    assert.equal(auth!.evidence.brokerSource, 'bootstrap.servers')
    assert.equal(auth!.evidence.state, 'AUTH_REQ')
    assert.equal(auth!.evidence.mechanism, 'SCRAM-SHA-512')
    assert.equal(auth!.evidence.provider, 'msk')
    assert.equal(advertised!.evidence.node, '2')
    assert.equal(advertised!.evidence.brokerSource, 'advertised (cluster metadata)')
    assert.equal(advertised!.evidence.state, 'CONNECT')
  })

  it('never echoes secrets from the text', () => {
    const out = JSON.stringify(explainText(`${karafkaLog}\nsasl.password=hunter2-very-secret Disconnected while requesting ApiVersion`))
    assert.ok(!out.includes('hunter2'), out)
    assert.ok(out.includes('[masked]'))
  })

  it('reads the layer from librdkafka\'s "(after Nms in state X)" suffix', () => {
    const state = (s: string) => explainText(`kafka-0.example.com:9093/bootstrap: Connection setup timed out in state ${s} (after 30001ms in state ${s})`)[0]!.code
    assert.equal(state('CONNECT'), 'KD203')
    assert.equal(state('SSL_HANDSHAKE'), 'KD308')
    assert.equal(state('APIVERSION_QUERY'), 'KD301')
    assert.equal(state('AUTH_HANDSHAKE'), 'KD406')
    assert.equal(state('AUTH_REQ'), 'KD406')
  })

  it('understands both wordings of the ApiVersion disconnect (librdkafka ≤ 2.11.0 and ≥ 2.11.1)', () => {
    const old = 'kafka-0.example.com:9093/bootstrap: Disconnected while requesting ApiVersion: might be caused by incorrect security.protocol configuration (connecting to a SSL listener?) or broker version is < 0.10 (see api.version.request) (after 3ms in state APIVERSION_QUERY)'
    const current = 'kafka-0.example.com:9093/bootstrap: Disconnected: connection closed by peer: receive 0 after POLLIN: requesting ApiVersion: might be caused by incorrect security.protocol configuration (connecting to a SSL listener?) or broker version is < 0.10 (see api.version.request) (after 2ms in state APIVERSION_QUERY)'
    assert.equal(explainText(old)[0]!.code, 'KD301')
    assert.equal(explainText(current)[0]!.code, 'KD301')
  })

  it('tells a bootstrap address from an advertised one by the librdkafka broker name', () => {
    const line = (node: string) => `rdkafka: [thrd:sasl_ssl://kafka-1.example.com:9094/${node}]: sasl_ssl://kafka-1.example.com:9094/${node}: Connect to ipv4#10.0.3.8:9094 failed: Connection refused (after 1ms in state CONNECT)`
    assert.equal(explainText(line('bootstrap'))[0]!.code, 'KD202')
    assert.equal(explainText(line('3'))[0]!.code, 'KD501')
    assert.equal(explainText("localhost:9092/1: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 0ms in state CONNECT)")[0]!.code, 'KD502')
  })

  it('keeps one problem per broker port, listing every host that showed it', () => {
    const text = [1, 2, 3].map((n) => `sasl_ssl://b-${n}.orders.a1b2c3.c2.kafka.eu-west-1.amazonaws.com:9096/bootstrap: Connection setup timed out in state CONNECT (after 30000ms in state CONNECT)`).join('\n')
    const [match] = explainText(text)
    assert.equal(match!.code, 'KD707')
    assert.equal(match!.count, 3)
    assert.match(String(match!.evidence.hosts), /b-1\..*b-2\..*b-3\./)
  })

  it('mixes clients, timestamps and prefixes in one paste', () => {
    const text = [
      '2024-05-01T10:00:00.000Z app[web.1]: KafkaJSConnectionError: Connection error: getaddrinfo ENOTFOUND kafka.internal',
      '[2024-05-01 10:00:01,000] WARN [Consumer clientId=c-1, groupId=app] Error while fetching metadata with correlation id 2 : {orders=UNKNOWN_TOPIC_OR_PARTITION} (org.apache.kafka.clients.NetworkClient)',
      'panic: kafka server: The client is not authorized to access this group',
      "cimpl.KafkaException: KafkaError{code=_INVALID_ARG,val=-186,str=\"No such configuration property: \\\"ssl.truststore.location\\\"\"}",
    ].join('\n')
    const matches = explainText(text)
    assert.deepEqual(
      matches.map((m) => m.code),
      ['KD101', 'KD201', 'KD506', 'KD602'],
    )
    assert.equal(matches[0]!.evidence.property, 'ssl.truststore.location')
    assert.equal(matches[0]!.evidence.didYouMean, 'ssl.ca.location')
    assert.equal(matches[1]!.evidence.host, 'kafka.internal')
    assert.equal(matches[2]!.evidence.topic, 'orders')
  })

  it('says KD100 honestly, with what it parsed, when nothing is recognised', () => {
    const text = [
      'rdkafka: [thrd:main]: 3/3 brokers are down',
      'E, [2024-05-01T10:00:41.000000 #1] ERROR -- : librdkafka internal error occurred: Local: All broker connections are down (all_brokers_down)',
      'kafka-0.example.com:9092/1: Disconnected (after 600123ms in state UP)',
    ].join('\n')
    const [only, ...rest] = explainText(text)
    assert.equal(rest.length, 0)
    assert.equal(only!.code, 'KD100')
    assert.equal(only!.evidence.lines, 3)
    assert.match(String(only!.evidence.summaryLines), /every known broker is down/)
    assert.match(String(only!.evidence.harmless), /idle connection/)
    assert.match(String(only!.evidence.hosts), /kafka-0\.example\.com:9092/)
    assert.deepEqual(explainText('all good here').map((m) => m.code), ['KD100'])
  })

  it('uses the rest of the text: Heroku prefix, ACL settings, a Reachability Analyzer verdict', () => {
    assert.equal(explainText('KAFKA_PREFIX=columbia-1234.\nBroker: Group authorization failed (group_authorization_failed)')[0]!.code, 'KD702')
    assert.equal(explainText('KAFKA_PREFIX=columbia-1234.\nNot authorized to access group: columbia-1234.app')[0]!.code, 'KD703')
    assert.equal(explainText('Not authorized to access group: columbia-1234.app')[0]!.code, 'KD602')
    assert.equal(explainText('allow.everyone.if.no.acl.found=false\nauto.create.topics.enable=true\nBroker: Topic authorization failed')[0]!.code, 'KD604')
    const timeout = `sasl_ssl://${MSK}:9096/bootstrap: Connection setup timed out in state CONNECT (after 30000ms in state CONNECT)`
    assert.equal(explainText(`"NetworkPathFound": true\n${timeout}`)[0]!.code, 'KD708')
    assert.equal(explainText(timeout)[0]!.code, 'KD707')
  })

  it('ignores terminal colour codes and Windows line endings', () => {
    const coloured = '\u001B[31mE, [2024-05-01T10:00:00.000000 #1] ERROR -- : Rdkafka::RdkafkaError: Broker: Topic authorization failed (topic_authorization_failed)\u001B[0m\r\nnext line\r\n'
    const [match] = explainText(coloured)
    assert.equal(match!.code, 'KD601')
    assert.ok(!match!.line.includes('\u001B'))
  })

  it('recognises codes in kdoctor\'s own output', () => {
    assert.equal(explainText('  ✗ tls       certificate does not cover kafka.internal [KD304] 12 ms')[0]!.code, 'KD304')
    assert.equal(explainText('{"code": "KD203", "status": "fail"}')[0]!.code, 'KD203')
  })
})

describe('explainError on errors kdoctor catches', () => {
  const {KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSSASLAuthenticationError, KafkaJSProtocolError, KafkaJSConnectionClosedError, KafkaJSNonRetriableError} = kafkajs as unknown as Record<string, new (...args: any[]) => Error>

  it('maps kafkajs connection errors by their Node code, through retry wrappers', () => {
    const inner = new KafkaJSConnectionError!('Connection error: connect ECONNREFUSED 127.0.0.1:19092', {broker: 'localhost:19092', code: 'ECONNREFUSED'})
    const outer = new KafkaJSNumberOfRetriesExceeded!(inner, {retryCount: 5, retryTime: 3000})
    const explained = explainError(outer)
    assert.equal(explained?.code, 'KD202')
    assert.equal(explained?.evidence.host, 'localhost')
    assert.equal(explained?.evidence.port, 19092)
    assert.equal(explained?.evidence.errorCode, 'ECONNREFUSED')
  })

  it('maps kafkajs TLS and DNS errors', () => {
    const cases: [string, string, string][] = [
      ['Connection error: getaddrinfo ENOTFOUND kafka.internal', 'ENOTFOUND', 'KD201'],
      ['Connection error: self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN', 'KD303'],
      ["Connection error: Hostname/IP does not match certificate's altnames: Host: 127.0.0.2. is not in the cert's altnames: DNS:localhost", 'ERR_TLS_CERT_ALTNAME_INVALID', 'KD304'],
      ['Connection error: certificate has expired', 'CERT_HAS_EXPIRED', 'KD305'],
      ['Connection error: 80:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:SSL alert number 42', 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'KD306'],
      // Node closes the socket during the handshake for a proxy, a kafkajs connection timeout or a plaintext
      // listener alike; the posted cases (test/fixtures/real-errors) were mostly the first two.
      ['Connection error: Client network socket disconnected before secure TLS connection was established', 'ECONNRESET', 'KD204'],
      ['Connection error: read ECONNRESET', 'ECONNRESET', 'KD204'],
    ]
    for (const [message, code, expected] of cases) {
      assert.equal(explainError(new KafkaJSConnectionError!(message, {broker: 'localhost:19093', code}))?.code, expected, message)
    }

    assert.equal(explainError(new KafkaJSConnectionError!('Connection timeout', {broker: 'localhost:19093'}))?.code, 'KD203')
    assert.equal(explainError(new KafkaJSConnectionClosedError!('Closed connection', {host: 'localhost', port: 19093}))?.code, 'KD204')
  })

  it('maps SASL and protocol errors by message and by type', () => {
    assert.equal(explainError(new KafkaJSSASLAuthenticationError!('SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512'))?.code, 'KD404')
    assert.equal(explainError(new KafkaJSSASLAuthenticationError!('SASL PLAIN mechanism is not supported by the server'))?.code, 'KD403')
    assert.equal(explainError(new KafkaJSProtocolError!({message: 'Request is not valid given the current SASL state', type: 'ILLEGAL_SASL_STATE', code: 34}))?.code, 'KD402')
    assert.equal(explainError(new KafkaJSProtocolError!({message: 'Not authorized to access topics: [Topic authorization failed]', type: 'TOPIC_AUTHORIZATION_FAILED', code: 29}))?.code, 'KD601')
    assert.equal(explainError(new KafkaJSProtocolError!({message: 'something new', type: 'GROUP_AUTHORIZATION_FAILED', code: 30}))?.code, 'KD602')
    assert.equal(explainError(new KafkaJSNonRetriableError!('Failed to connect: brokers array is empty'))?.code, 'KD103')
    const evidence = explainError(new KafkaJSProtocolError!({message: 'Not authorized to access topics: [Topic authorization failed]', type: 'TOPIC_AUTHORIZATION_FAILED', code: 29}))?.evidence
    assert.equal(evidence?.errorType, 'TOPIC_AUTHORIZATION_FAILED')
  })

  it('returns undefined for errors it does not know, and masks what it keeps', () => {
    assert.equal(explainError(new Error('something else entirely')), undefined)
    assert.equal(explainError(undefined), undefined)
    assert.equal(explainError('Broker: Topic authorization failed')?.code, 'KD601')
    const explained = explainError(new KafkaJSSASLAuthenticationError!('SASL PLAIN authentication failed: bad password=hunter2secret'))
    assert.equal(explained?.code, 'KD404')
    assert.ok(!JSON.stringify(explained).includes('hunter2secret'))
  })

  it('explains real Node errors: a refused loopback port', async () => {
    const server = net.createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as net.AddressInfo
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const error = await new Promise<Error>((resolve) => net.connect(port, '127.0.0.1').on('error', resolve))
    const explained = explainError(error)
    assert.equal(explained?.code, 'KD202')
    assert.equal(explained?.evidence.port, port)
  })

  describe('real TLS handshakes against a loopback server', () => {
    let dir = ''
    let server: tls.Server | undefined
    let port = 0
    let cert = ''
    let haveOpenssl = true

    before(async () => {
      try {
        dir = mkdtempSync(join(tmpdir(), 'kdoctor-explain-'))
        execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-days', '2', '-keyout', 'key.pem', '-out', 'cert.pem'], {cwd: dir, stdio: 'ignore'})
      } catch {
        haveOpenssl = false
        return
      }

      cert = readFileSync(join(dir, 'cert.pem'), 'utf8')
      server = tls.createServer({key: readFileSync(join(dir, 'key.pem')), cert}, (socket) => socket.end())
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
      port = (server.address() as net.AddressInfo).port
    })

    after(() => {
      server?.close()
      if (dir) rmSync(dir, {recursive: true, force: true})
    })

    const handshake = (options: tls.ConnectionOptions) =>
      new Promise<Error>((resolve, reject) => {
        const socket = tls.connect({host: '127.0.0.1', port, ...options}, () => {
          socket.destroy()
          reject(new Error('handshake unexpectedly succeeded'))
        })
        socket.on('error', resolve)
      })

    it('an untrusted self-signed certificate is KD303', async (t) => {
      if (!haveOpenssl) return t.skip('openssl not available')
      assert.equal(explainError(await handshake({servername: 'localhost'}))?.code, 'KD303')
    })

    it('a trusted certificate for another name is KD304', async (t) => {
      if (!haveOpenssl) return t.skip('openssl not available')
      const explained = explainError(await handshake({servername: 'kafka.example.com', ca: [cert]}))
      assert.equal(explained?.code, 'KD304')
      assert.match(String(explained?.evidence.certificateNames), /DNS:localhost/)
    })
  })
})

it('maps TLS alert codes from newer OpenSSL (Node 22+) like the OpenSSL 3.0 ones', () => {
  const error = (code: string) => Object.assign(new Error('alert'), {code})
  assert.equal(explainError(error('ERR_SSL_SSL/TLS_ALERT_BAD_CERTIFICATE'))?.code, 'KD306')
  assert.equal(explainError(error('ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE'))?.code, 'KD306')
  assert.equal(explainError(error('ERR_SSL_SSL/TLS_ALERT_HANDSHAKE_FAILURE'))?.code, 'KD308')
})
