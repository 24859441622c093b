// Every dialect read as the app reads it, without the network: karafka.rb, Java and Spring
// properties, env files (dotenv, systemd, heroku config --shell, Kubernetes Secret), kcat.conf,
// Confluent Cloud's downloads — the settings, their sources, and the findings each one gives.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, test} from 'node:test'
import {fileURLToPath} from 'node:url'

import {parseEnvFile} from '../../../src/config/env-file.js'
import {parseJaas} from '../../../src/config/java.js'
import {readKarafkaConfig} from '../../../src/config/karafka.js'
import {findKcatConfig, loadConnection} from '../../../src/config/load-connection.js'
import {evaluateRuby} from '../../../src/config/ruby.js'
import {InputError} from '../../../src/core/input-error.js'
import {one, tempDir, withCode, writeFile} from './helpers.js'

const FIXTURES = fileURLToPath(new URL('../../fixtures/dialects/', import.meta.url))
const fixture = (name: string) => join(FIXTURES, name)
const CANARY = 'canary-dialect-PW-51d2'
const setting = (settings: {key: string; value: string; source: string}[], key: string) => settings.find((s) => s.key === key)
const noCanary = (value: unknown) => assert.doesNotMatch(JSON.stringify(value), new RegExp(CANARY))

const scope = (env: Record<string, string>, files: Record<string, string> = {}) => ({
  env: (name: string) => (env[name] === undefined ? undefined : {value: env[name]!, source: `env ${name}`}),
  readFile: (path: string) => (files[path] === undefined ? {error: 'no such file'} : {text: files[path]!}),
})

describe('Ruby values, evaluated statically', () => {
  test('ENV lookups, fetch with and without a default, interpolation, gsub/split/map/join, File.read', async () => {
    const env = {KAFKA_URL: 'kafka+ssl://a:9096,kafka+ssl://b:9096', KAFKA_PREFIX: 'wiry-1.'}
    const value = (text: string) => {
      const result = evaluateRuby(text, scope(env, {'/etc/ca.pem': 'PEM\n'}))
      assert.ok(result.ok, `${text}: ${result.ok ? '' : result.reason}`)
      return result.value
    }

    assert.equal(value("ENV['KAFKA_URL'].gsub('kafka+ssl://', '')"), 'a:9096,b:9096')
    assert.equal(value("ENV.fetch('KAFKA_URL').split(',').map { |u| u.sub('kafka+ssl://', '') }.join(',')"), 'a:9096,b:9096')
    assert.equal(value("ENV.fetch('MISSING', 'dflt')"), 'dflt')
    assert.equal(value('"#{ENV[\'KAFKA_PREFIX\']}events"'), 'wiry-1.events')
    assert.equal(value("ENV['MISSING']"), null)
    assert.equal(value("ENV['MISSING'] || 'x'"), 'x')
    assert.equal(value("File.read('/etc/ca.pem').strip"), 'PEM')
    assert.equal(value('5 * 1_000'), 5000)
    assert.equal(value("ENV.fetch('MISSING', 3000).to_i"), 3000, 'Integer#to_i is the integer itself')
    assert.equal(value(':ssl'), 'ssl')
    assert.equal(value("ENV['KAFKA_URL'].gsub(/kafka\\+ssl:\\/\\//, '')"), 'a:9096,b:9096')
  })

  test('never guesses: a method call, an unset ENV.fetch and an unreadable File.read are named', async () => {
    const reason = (text: string) => {
      const result = evaluateRuby(text, scope({}))
      assert.equal(result.ok, false, text)
      return result.ok ? '' : result.reason
    }

    assert.match(reason('Vault.read("kafka/password")'), /"Vault.read" is not a value kdoctor can read statically/)
    assert.match(reason("ENV.fetch('KAFKA_PASSWORD')"), /KAFKA_PASSWORD is not set.*KeyError/)
    assert.match(reason("File.read('/run/secrets/ca.pem')"), /File.read\('\/run\/secrets\/ca.pem'\): no such file/)
    assert.match(reason("`cat /etc/passwd`"), /not a value/)
  })
})

describe('karafka.rb', () => {
  test("the seed's Heroku snippet: settings from the config vars, with the line and the variable; routes' topics and group", () => {
    const text = readFileSync(fixture('karafka-heroku.rb'), 'utf8')
    const env = {KAFKA_URL: 'kafka+ssl://b1:9096,kafka+ssl://b2:9096', KAFKA_PREFIX: 'wiry-1.', KAFKA_CLIENT_CERT: 'C', KAFKA_CLIENT_CERT_KEY: CANARY, KAFKA_TRUSTED_CERT: 'T'}
    const app = readKarafkaConfig(text, 'karafka.rb', scope(env))
    const prop = (key: string) => app.properties.find((p) => p.key === key)
    assert.equal(prop('bootstrap.servers')?.value, 'b1:9096,b2:9096')
    assert.equal(prop('bootstrap.servers')?.source, 'karafka.rb:9 via env KAFKA_URL')
    assert.equal(prop('security.protocol')?.source, 'karafka.rb:10')
    assert.equal(prop('ssl.key.pem')?.source, 'karafka.rb:12 via env KAFKA_CLIENT_CERT_KEY')
    assert.equal(prop('client.id')?.value, 'orders-app')
    assert.deepEqual(app.topics.map((t) => t.value), ['wiry-1.events', 'wiry-1.payments'])
    assert.deepEqual(app.groups, [{value: 'wiry-1.orders-app', source: 'karafka.rb:17'}])
    assert.deepEqual(app.notes, [])
  })

  test('every hash spelling; consumer_group and subscription_group; the MSK snippet with ENV.fetch', async () => {
    const text = readFileSync(fixture('karafka-msk.rb'), 'utf8')
    const app = readKarafkaConfig(text, 'karafka.rb', scope({KAFKA_BROKERS: 'b-1:9096', KAFKA_USERNAME: 'alice', KAFKA_PASSWORD: CANARY}))
    assert.deepEqual(app.properties.map((p) => [p.key, p.key === 'sasl.password' ? '*' : p.value]), [
      ['bootstrap.servers', 'b-1:9096'],
      ['security.protocol', 'SASL_SSL'],
      ['sasl.mechanisms', 'SCRAM-SHA-512'],
      ['sasl.username', 'alice'],
      ['sasl.password', '*'],
      ['client.id', 'billing-consumer'],
    ])
    assert.deepEqual(app.topics.map((t) => t.value), ['invoices', 'refunds'])
    assert.deepEqual(app.groups.map((g) => g.value), ['billing'])
  })

  test('an expression it cannot evaluate is a note naming the line and the -X to pass; Ruby is never run', async () => {
    const app = readKarafkaConfig("config.kafka = {\n  'bootstrap.servers': 'b:9092',\n  'sasl.password': Vault.read('kafka')\n}\n", 'k.rb', scope({}))
    assert.equal(app.properties.length, 1)
    assert.equal(app.notes.length, 1)
    assert.match(app.notes[0]!.summary, /^sasl.password \(k.rb:3\) is not read: "Vault.read" .*; pass the value with -X sasl.password=…$/)
  })

  test('connect --karafka-config: an unknown librdkafka key in karafka.rb is a failure (Karafka would not start)', async () => {
    const dir = tempDir()
    const rb = writeFile(dir, 'karafka.rb', "config.kafka = { 'bootstrap.servers': 'b:9092', 'sasl.mechansims': 'PLAIN' }\n")
    const {findings} = await loadConnection({properties: [], karafkaConfig: rb}, {})
    const kd101 = one(findings, 'KD101')
    assert.equal(kd101.status, 'fail')
    assert.match(kd101.summary, /sasl\.mechansims.*karafka\.rb:1.*did you mean "sasl\.mechanisms"/)
  })

  test('bootstrap.servers from an unset ENV.fetch: exit-2 input error naming the line, unless -b gives it', async () => {
    const dir = tempDir()
    const rb = writeFile(dir, 'karafka.rb', "# app\nconfig.kafka = {\n  'bootstrap.servers': ENV.fetch('KAFKA_BROKERS')\n}\n")
    await assert.rejects(loadConnection({properties: [], karafkaConfig: rb}, {}), (error: InputError) => {
      assert.ok(error instanceof InputError)
      assert.equal(error.source, 'karafka.rb:3')
      assert.match(error.message, /KAFKA_BROKERS is not set.*give it with -b/)
      return true
    })
    const given = await loadConnection({properties: [], karafkaConfig: rb, bootstrapServers: 'x:9092'}, {})
    assert.equal(given.profile.bootstrapSource, 'flag --bootstrap-server')
  })
})

describe('env files', () => {
  test('dotenv, systemd EnvironmentFile and heroku config --shell: quotes, export, comments, continuation', async () => {
    const parsed = await parseEnvFile(
      [
        '# dotenv',
        'export KAFKA_BROKERS=b1:9092',
        "KAFKA_USERNAME='alice'",
        'KAFKA_PASSWORD="pa\\"ss"',
        '; systemd comment',
        'LONG=one\\',
        'two',
        'KAFKA_CLIENT_CERT="-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----"',
      ].join('\n'),
      'app.env',
    )
    assert.equal(parsed.values.get('KAFKA_BROKERS')?.value, 'b1:9092')
    assert.equal(parsed.values.get('KAFKA_USERNAME')?.source, 'app.env:3')
    assert.equal(parsed.values.get('KAFKA_PASSWORD')?.value, 'pa"ss')
    assert.equal(parsed.values.get('LONG')?.value, 'onetwo')
    assert.equal(parsed.values.get('KAFKA_CLIENT_CERT')?.value, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----')
  })

  test('a Kubernetes Secret: data base64-decoded, stringData as is, each with its line and key', async () => {
    const parsed = await parseEnvFile(readFileSync(fixture('kafka-secret.yaml'), 'utf8'), 'kafka-secret.yaml')
    assert.deepEqual(parsed.values.get('KAFKA_USERNAME'), {value: 'alice', source: 'kafka-secret.yaml:9 (Secret kafka data.KAFKA_USERNAME)'})
    assert.deepEqual(parsed.values.get('KAFKA_SECURITY_PROTOCOL'), {value: 'SASL_PLAINTEXT', source: 'kafka-secret.yaml:11 (Secret kafka stringData.KAFKA_SECURITY_PROTOCOL)'})
  })

  test('a ConfigMap in a kubectl List (JSON); bad base64 and bad lines are exit-2 errors naming file:line, never the value', async () => {
    const list = JSON.stringify({kind: 'List', items: [{kind: 'ConfigMap', metadata: {name: 'kafka'}, data: {KAFKA_BROKERS: 'b:9092'}}]}, null, 2)
    assert.equal((await parseEnvFile(list, 'cm.json')).values.get('KAFKA_BROKERS')?.value, 'b:9092')
    const bad = `kind: Secret\nmetadata:\n  name: s\ndata:\n  KAFKA_PASSWORD: ${CANARY}!\n`
    await assert.rejects(() => parseEnvFile(bad, 's.yaml'), (error: InputError) => {
      assert.equal(error.source, 's.yaml:5 (Secret s data.KAFKA_PASSWORD)')
      assert.doesNotMatch(error.oneLine(), new RegExp(CANARY))
      return true
    })
    await assert.rejects(() => parseEnvFile(`A=1\n${CANARY}\n`, 'x.env'), (error: InputError) => error.source === 'x.env:2' && !error.oneLine().includes(CANARY))
  })

  test('--env-file values win over the environment, later files over earlier, and the sources say so', async () => {
    const dir = tempDir()
    const first = writeFile(dir, 'a.env', 'KAFKA_BOOTSTRAP_SERVERS=a:9092\n')
    const second = writeFile(dir, 'b.env', '\nKAFKA_BOOTSTRAP_SERVERS=b:9092\n')
    const {profile, settings} = await loadConnection({properties: [], envFiles: [first, second]}, {KAFKA_BOOTSTRAP_SERVERS: 'env:9092'})
    assert.equal(profile.bootstrap[0]!.host, 'b')
    assert.deepEqual(setting(settings, 'bootstrap.servers'), {key: 'bootstrap.servers', value: 'b:9092', source: `${second}:2`})
  })
})

describe('Java and Spring', () => {
  test('JAAS: Plain and Scram give username and password; OAuthBearer gives the OIDC client; a broken one names its line only', async () => {
    const scram = parseJaas('org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="p\\"w";', 'c:1')
    assert.equal(scram.options.get('password'), 'p"w')
    assert.throws(() => parseJaas(`PlainLoginModule required username=${CANARY} "x"`, 'c.properties:4'), (error: InputError) => error.source === 'c.properties:4' && !error.oneLine().includes(CANARY))
  })

  test('MSK client.properties with ScramLoginModule over continued lines: no KD101, no false KD109, empty algorithm = no host name check', async () => {
    const dir = tempDir()
    const file = writeFile(dir, 'client.properties', readFileSync(fixture('msk-client.properties'), 'utf8').replace('${MSK_PASSWORD}', CANARY))
    const {profile, findings, settings} = await loadConnection({properties: [], javaConfig: file, bootstrapServers: 'b-1:9096'}, {})
    assert.deepEqual(withCode(findings, 'KD101'), [])
    assert.deepEqual(withCode(findings, 'KD109'), [])
    assert.equal(profile.sasl?.mechanism.value, 'SCRAM-SHA-512')
    assert.deepEqual(profile.sasl?.username, {value: 'alice', source: 'client.properties:5 (sasl.jaas.config)'})
    assert.equal(profile.sasl?.password?.reveal(), CANARY)
    assert.deepEqual(setting(settings, 'sasl.password'), {key: 'sasl.password', value: '[masked]', source: 'client.properties:5 (sasl.jaas.config)', secret: true})
    assert.deepEqual(profile.tls.verifyHostname, {value: false, source: 'client.properties:8 (empty: no host name check)'})
    noCanary({findings, settings})
  })

  test('-F with a Java file is read as Java (an info line says so); OAuthBearerLoginModule with clientId/clientSecret/scope is OIDC', async () => {
    const dir = tempDir()
    const file = writeFile(dir, 'client.properties', [
      'bootstrap.servers=b:9093',
      'security.protocol=SASL_SSL',
      'sasl.mechanism=OAUTHBEARER',
      'sasl.oauthbearer.token.endpoint.url=https://idp.example/oauth2/token',
      'sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
      `sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="app" clientSecret="${CANARY}" scope="kafka";`,
      'ssl.endpoint.identification.algorithm=',
      'linger.mss=5',
    ].join('\n'))
    const {profile, findings, settings} = await loadConnection({properties: [], configFile: file}, {})
    assert.ok(findings.some((f) => f.status === 'info' && /read as a Java client's configuration/.test(f.summary)))
    const provider = profile.sasl?.tokenProvider
    assert.equal(provider?.kind, 'oidc')
    if (provider?.kind === 'oidc') {
      assert.equal(provider.clientId.value, 'app')
      assert.equal(provider.scope?.value, 'kafka')
      assert.equal(provider.tokenEndpoint.source, 'client.properties:4')
    }

    const kd107 = withCode(findings, 'KD107')
    assert.equal(kd107.length, 1)
    assert.match(kd107[0]!.summary, /client.properties:7 \(empty: no host name check\)/)
    // The Java client ignores an unknown key: a warning, not a failure.
    const kd101 = one(findings, 'KD101')
    assert.equal(kd101.status, 'warn')
    assert.match(kd101.summary, /linger\.mss.*Java client ignores it.*did you mean "linger\.ms"/)
    noCanary({findings, settings})
  })

  test('Spring Boot application.yml: bootstrap list, security.protocol, properties.*, consumer group; ${VARS} from a Kubernetes Secret', async () => {
    const dir = tempDir()
    const secret = writeFile(dir, 'secret.yaml', readFileSync(fixture('kafka-secret.yaml'), 'utf8') + `  KAFKA_PASSWORD: ${CANARY}\n  KAFKA_BROKERS: b1:9092\n`)
    const {profile, findings, settings, app} = await loadConnection({properties: [], javaConfig: fixture('application.yml'), envFiles: [secret]}, {})
    assert.deepEqual(profile.bootstrap.map((b) => `${b.host}:${b.port}`), ['b1:9092'])
    assert.equal(profile.bootstrapSource, `application.yml:6 via ${secret}:13 (Secret kafka stringData.KAFKA_BROKERS)`)
    assert.equal(profile.securityProtocol.value, 'SASL_PLAINTEXT')
    assert.equal(profile.sasl?.mechanism.value, 'SCRAM-SHA-256')
    assert.equal(profile.sasl?.username?.value, 'alice')
    assert.equal(profile.sasl?.password?.reveal(), CANARY)
    assert.deepEqual(app.groups.map((g) => g.value), ['billing-consumers'])
    assert.deepEqual(findings.filter((f) => f.status !== 'info'), [])
    noCanary({findings, settings})
  })

  test('a JKS key store is a KD106 naming the file and the keytool command; a PEM trust store is read', async () => {
    const dir = tempDir()
    const jks = join(dir, 'client.keystore.jks')
    writeFile(dir, 'client.keystore.jks', '')
    const {writeFileSync} = await import('node:fs')
    writeFileSync(jks, Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]))
    const file = writeFile(dir, 'client.properties', `security.protocol=SSL\nssl.keystore.location=${jks}\nssl.keystore.password=${CANARY}\nssl.truststore.type=PEM\nssl.truststore.location=${jks}.pem\n`)
    const {findings} = await loadConnection({properties: [], javaConfig: file, bootstrapServers: 'b:9093'}, {})
    const kd106 = withCode(findings, 'KD106')
    const keystore = kd106.find((f) => f.target === 'ssl.keystore.location')
    assert.ok(keystore)
    assert.match(keystore.summary, /Java key store \(JKS\).*keytool -importkeystore -srckeystore .*client\.keystore\.jks -srcstoretype JKS -destkeystore .*client\.keystore\.p12 -deststoretype PKCS12/)
    assert.ok(kd106.some((f) => f.target === 'ssl.ca.location' && /no such file/.test(f.summary)), 'the PEM trust store is read as ssl.ca.location')
    noCanary(findings)
  })
})

describe('librdkafka files: kcat.conf and Confluent Cloud downloads', () => {
  test('kcat.conf is found as kcat finds it: $KCAT_CONFIG, then ~/.config/kcat.conf, then kafkacat.conf', async () => {
    const home = tempDir()
    assert.equal(findKcatConfig({}, home), undefined)
    writeFile(home, '.config', '')
    const {rmSync, mkdirSync} = await import('node:fs')
    rmSync(join(home, '.config'))
    mkdirSync(join(home, '.config'))
    writeFile(join(home, '.config'), 'kafkacat.conf', 'bootstrap.servers=old:9092\n')
    assert.equal(findKcatConfig({}, home)?.path, join(home, '.config', 'kafkacat.conf'))
    writeFile(join(home, '.config'), 'kcat.conf', 'bootstrap.servers=k:9092\nsasl.mechansims=PLAIN\n')
    assert.equal(findKcatConfig({}, home)?.path, join(home, '.config', 'kcat.conf'))
    assert.deepEqual(findKcatConfig({KCAT_CONFIG: '/etc/kcat.conf'}, home), {path: '/etc/kcat.conf', why: 'env KCAT_CONFIG'})

    const {profile, findings} = await loadConnection({properties: []}, {HOME: home})
    assert.equal(profile.bootstrapSource, `${join(home, '.config', 'kcat.conf')}:1`)
    assert.deepEqual(profile.settingSources, [join(home, '.config', 'kcat.conf')])
    assert.equal(one(findings, 'KD101').status, 'fail', 'kcat refuses an unknown property too')
    const withFlag = await loadConnection({properties: [], bootstrapServers: 'b:9092', configFile: join(home, '.config', 'kafkacat.conf')}, {HOME: home})
    assert.deepEqual(withCode(withFlag.findings, 'KD101'), [], '-F takes precedence over kcat.conf, as in kcat')
  })

  test("Confluent Cloud's librdkafka download: unfilled placeholders fail with their line; Schema Registry keys are one info line", async () => {
    const {findings, profile} = await loadConnection({properties: [], configFile: fixture('confluent-librdkafka.properties')}, {})
    const placeholders = findings.filter((f) => (f.evidence as {placeholder?: boolean}).placeholder)
    assert.deepEqual(placeholders.map((f) => [f.code, f.status, f.target, (f.evidence as {source: string}).source]), [
      ['KD103', 'fail', 'bootstrap.servers', 'confluent-librdkafka.properties:2'],
      ['KD109', 'fail', 'sasl.username', 'confluent-librdkafka.properties:5'],
      ['KD109', 'fail', 'sasl.password', 'confluent-librdkafka.properties:6'],
    ])
    assert.deepEqual(withCode(findings, 'KD101'), [])
    const ignored = findings.filter((f) => f.status === 'info' && /not Kafka client settings, ignored/.test(f.summary))
    assert.equal(ignored.length, 1)
    assert.match(ignored[0]!.summary, /schema\.registry\.url \(confluent-librdkafka\.properties:12\)/)
    assert.equal(profile.sasl?.username, undefined, 'the placeholder is not shown as the user')
  })

  test("Confluent Cloud's Java download: <API_KEY> in the JAAS string is a placeholder failure, not the user", async () => {
    const {findings, profile} = await loadConnection({properties: [], configFile: fixture('confluent-java.properties')}, {})
    const placeholders = findings.filter((f) => (f.evidence as {placeholder?: boolean}).placeholder)
    assert.deepEqual(placeholders.map((f) => [f.code, f.target]), [['KD109', 'sasl.username'], ['KD109', 'sasl.password']])
    assert.deepEqual(withCode(findings, 'KD101'), [])
    assert.equal(profile.sasl?.username, undefined)
  })

  test('-X sasl.mechansims=PLAIN is a failure: librdkafka would not create the client', async () => {
    const {findings} = await loadConnection({properties: ['sasl.mechansims=PLAIN'], bootstrapServers: 'b:9092'}, {HOME: '/nonexistent'})
    assert.equal(one(findings, 'KD101').status, 'fail')
  })
})
