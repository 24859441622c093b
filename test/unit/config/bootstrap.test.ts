// Bootstrap lists: where they come from, schemes (KD102), malformed entries (KD103), providers.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {parseBootstrapList} from '../../../src/config/bootstrap.js'
import {loadProfile} from '../../../src/config/load-profile.js'
import {one, tempDir, withCode, writeFile} from './helpers.js'

const HEROKU_URL = 'kafka+ssl://ec2-52-200-255-3.compute-1.amazonaws.com:9096,kafka+ssl://ec2-34-194-112-61.compute-1.amazonaws.com:9096'

describe('where the bootstrap list comes from', () => {
  it('flag, then -X, then -F line, then KAFKA_BOOTSTRAP_SERVERS, then KAFKA_URL, then localhost:9092', async () => {
    const dir = tempDir()
    const file = writeFile(dir, 'client.properties', '# kcat config\n\nbootstrap.servers=file-broker:9092\n')
    const env = {KAFKA_BOOTSTRAP_SERVERS: 'env-broker:9092', KAFKA_URL: HEROKU_URL}
    const cases: [Parameters<typeof loadProfile>[0], NodeJS.ProcessEnv, string][] = [
      [{bootstrapServers: 'flag-broker:9092', properties: ['bootstrap.servers=x-broker:9092'], configFile: file}, env, 'flag --bootstrap-server'],
      [{properties: ['bootstrap.servers=x-broker:9092'], configFile: file}, env, '-X bootstrap.servers'],
      [{properties: [], configFile: file}, env, 'client.properties:3'],
      [{properties: []}, env, 'env KAFKA_BOOTSTRAP_SERVERS'],
      [{properties: []}, {KAFKA_URL: HEROKU_URL}, 'env KAFKA_URL'],
      [{properties: []}, {}, 'default localhost:9092'],
    ]
    for (const [input, caseEnv, expected] of cases) {
      const {profile} = await loadProfile(input, caseEnv)
      assert.equal(profile.bootstrapSource, expected)
      assert.ok(profile.bootstrap.every((a) => a.source === expected))
    }

    const fallback = await loadProfile({properties: []}, {})
    assert.deepEqual(fallback.profile.bootstrap, [{host: 'localhost', port: 9092, raw: 'localhost:9092', source: 'default localhost:9092'}])
  })

  it('-b wins over bootstrap.servers, and says so in an info finding', async () => {
    const {profile, findings} = await loadProfile({bootstrapServers: 'new-broker:9092', properties: ['bootstrap.servers=old-broker:9092']}, {})
    assert.equal(profile.bootstrap[0]?.host, 'new-broker')
    const info = findings.find((f) => f.status === 'info' && f.target === 'bootstrap.servers')
    assert.ok(info)
    assert.equal(info.summary, '--bootstrap-server overrides bootstrap.servers from -X bootstrap.servers')
  })
})

describe('KD102 URL scheme in the bootstrap list', () => {
  it('Heroku KAFKA_URL: schemes stripped, SSL implied, Heroku provider, cert vars used, KD102 warn', async () => {
    const env = {
      KAFKA_URL: 'kafka+ssl://h1:9096,kafka+ssl://h2:9096',
      KAFKA_TRUSTED_CERT: 'not a pem',
    }
    const {profile, findings} = await loadProfile({properties: []}, env)
    assert.deepEqual(profile.bootstrap.map((a) => [a.host, a.port, a.raw]), [['h1', 9096, 'kafka+ssl://h1:9096'], ['h2', 9096, 'kafka+ssl://h2:9096']])
    assert.equal(profile.bootstrapSource, 'env KAFKA_URL')
    assert.deepEqual(profile.securityProtocol, {value: 'SSL', source: 'kafka+ssl:// scheme in env KAFKA_URL'})
    assert.equal(profile.provider, 'heroku')
    const kd102 = one(findings, 'KD102')
    assert.equal(kd102.status, 'warn')
    assert.match(kd102.summary, /^env KAFKA_URL carries kafka\+ssl:\/\//)
    assert.deepEqual(kd102.evidence.entries, ['kafka+ssl://h1:9096', 'kafka+ssl://h2:9096'])
    // KAFKA_TRUSTED_CERT is read as ssl.ca.pem and checked like any other CA.
    const kd106 = one(findings, 'KD106')
    assert.match(kd106.summary, /^ssl\.ca\.pem \(from env KAFKA_TRUSTED_CERT\) is not a PEM CA certificate/)
    assert.equal(withCode(findings, 'KD103').length, 0)
  })

  it('the same URL handed over verbatim (-b) is a KD102 fail, and kdoctor still probes the hosts', async () => {
    const {profile, findings} = await loadProfile({bootstrapServers: HEROKU_URL, properties: []}, {})
    const kd102 = one(findings, 'KD102')
    assert.equal(kd102.status, 'fail')
    assert.match(kd102.summary, /from flag --bootstrap-server carries kafka\+ssl:\/\/: librdkafka rejects it/)
    assert.equal(profile.bootstrap.length, 2)
    assert.equal(profile.bootstrap[0]?.host, 'ec2-52-200-255-3.compute-1.amazonaws.com')
    assert.equal(profile.securityProtocol.value, 'SSL')
    assert.equal(profile.provider, 'heroku')
  })

  it('librdkafka\'s own sasl_ssl:// prefix is only a warning', () => {
    const parsed = parseBootstrapList('SASL_SSL://k1:9093', '-X bootstrap.servers')
    assert.equal(one(parsed.findings, 'KD102').status, 'warn')
    assert.deepEqual(parsed.impliedProtocol, {value: 'SASL_SSL', scheme: 'sasl_ssl'})
  })

  it('credentials inside a URL are removed and never echoed', () => {
    const parsed = parseBootstrapList('kafka://app:CANARY-pw-7c1e@k1:9092', 'env KAFKA_BOOTSTRAP_SERVERS')
    assert.equal(parsed.addresses[0]?.host, 'k1')
    assert.equal(parsed.addresses[0]?.raw, 'kafka://***@k1:9092')
    assert.equal(one(parsed.findings, 'KD102').status, 'fail')
    assert.doesNotMatch(JSON.stringify(parsed), /CANARY/)
  })

  it('security.protocol that contradicts the scheme is KD104', async () => {
    const {findings} = await loadProfile({bootstrapServers: 'ssl://k1:9093', properties: ['security.protocol=plaintext']}, {})
    const kd104 = one(findings, 'KD104')
    assert.equal(kd104.status, 'warn')
    assert.match(kd104.summary, /ssl:\/\/ scheme in flag --bootstrap-server implies ssl, but security\.protocol is plaintext \(from -X security\.protocol\)/)
  })
})

describe('KD103 malformed bootstrap addresses', () => {
  const source = '-X bootstrap.servers'

  it('a missing port is a warning and becomes 9092, as in librdkafka', () => {
    const parsed = parseBootstrapList('kafka-0.kafka-headless', source)
    assert.deepEqual(parsed.addresses.map((a) => a.port), [9092])
    const kd103 = one(parsed.findings, 'KD103')
    assert.equal(kd103.status, 'warn')
    assert.match(kd103.summary, /"kafka-0.kafka-headless" from -X bootstrap.servers: no port/)
  })

  it('an invalid port is a fail; the other entries are still used', () => {
    const parsed = parseBootstrapList('k1:9092,k2:90x2,k3:70000,k4:', source)
    assert.deepEqual(parsed.addresses.map((a) => a.host), ['k1'])
    const fails = withCode(parsed.findings, 'KD103').filter((f) => f.status === 'fail')
    assert.equal(fails.length, 3)
    assert.match(fails[0]!.summary, /port "90x2" is not a number from 1 to 65535/)
    assert.match(fails[2]!.summary, /empty port/)
  })

  it('stray spaces and stray commas are warnings; entries still parse', () => {
    const parsed = parseBootstrapList('k1:9092, k2:9092,,', source)
    assert.deepEqual(parsed.addresses.map((a) => a.host), ['k1', 'k2'])
    const kd103 = withCode(parsed.findings, 'KD103')
    assert.ok(kd103.every((f) => f.status === 'warn'))
    assert.ok(kd103.some((f) => /stray spaces/.test(f.summary)))
    assert.ok(kd103.some((f) => /stray comma/.test(f.summary)))
  })

  it('entries separated by spaces are split with a warning', () => {
    const parsed = parseBootstrapList('k1:9092 k2:9092', source)
    assert.deepEqual(parsed.addresses.map((a) => a.host), ['k1', 'k2'])
    assert.ok(withCode(parsed.findings, 'KD103').every((f) => f.status === 'warn' && /spaces instead of commas/.test(f.summary)))
  })

  it('IPv6 needs brackets', () => {
    const ok = parseBootstrapList('[::1]:9092,[fd00::5]:9093', source)
    assert.deepEqual(ok.addresses.map((a) => [a.host, a.port]), [['::1', 9092], ['fd00::5', 9093]])
    assert.equal(ok.findings.length, 0)
    const bad = parseBootstrapList('fd00::5:9092', source)
    assert.equal(bad.addresses.length, 0)
    const kd103 = withCode(bad.findings, 'KD103')
    assert.match(kd103[0]!.summary, /IPv6 address without brackets/)
    assert.ok(kd103.every((f) => f.status === 'fail'))
  })

  it('an empty list, or one with nothing usable, is a fail finding, not an exception', async () => {
    const {profile, findings} = await loadProfile({bootstrapServers: '', properties: []}, {})
    assert.deepEqual(profile.bootstrap, [])
    const kd103 = one(findings, 'KD103')
    assert.equal(kd103.status, 'fail')
    assert.equal(kd103.summary, 'bootstrap list from flag --bootstrap-server is empty')

    const none = parseBootstrapList('k1:abc', source)
    assert.equal(none.addresses.length, 0)
    assert.ok(none.findings.some((f) => f.code === 'KD103' && f.status === 'fail' && f.summary === 'no usable bootstrap address in the list from -X bootstrap.servers'))
  })
})

describe('provider detection', () => {
  it('recognises MSK, MSK Serverless, Confluent Cloud, Heroku and the rest', async () => {
    const provider = async (bootstrapServers: string, env: NodeJS.ProcessEnv = {}) => (await loadProfile({bootstrapServers, properties: []}, env)).profile.provider
    assert.equal(await provider('b-1.orders.abc123.c2.kafka.eu-west-1.amazonaws.com:9092'), 'msk')
    assert.equal(await provider('boot-abcd1234.c1.kafka-serverless.us-east-1.amazonaws.com:9098'), 'msk')
    assert.equal(await provider('pkc-4r087.us-west2.gcp.confluent.cloud:9092'), 'confluent')
    assert.equal(await provider('h1:9096', {KAFKA_URL: 'h1:9096'}), 'heroku')
    assert.equal(await provider('kafka-0.kafka.svc.cluster.local:9092'), 'generic')
  })
})
