import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {maskSecrets} from '../../../src/diagnosis/match.js'
import {redactForOutput, registerSecret, secretsIn} from '../../../src/diagnosis/mask.js'

const SECRET = 'hunter2-Very-Secret'

describe('maskSecrets', () => {
  const cases: [string, string][] = [
    ['properties file', `sasl.password=${SECRET}`],
    ['properties with spaces', `sasl.password = ${SECRET}`],
    ['Java config dump', `\tssl.key.password = ${SECRET}`],
    ['Ruby hash (Karafka config.kafka inspect)', `{:kafka=>{"bootstrap.servers"=>"b-1:9096", "sasl.password"=>"${SECRET}"}}`],
    ['Ruby symbol hash', `config.kafka = { 'sasl.password': '${SECRET}' }`],
    ['JSON', `{"sasl.password": "${SECRET}", "sasl.username": "app"}`],
    ['YAML', `  password: ${SECRET}`],
    ['JAAS line', `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="${SECRET}";`],
    ['environment', `KAFKA_PASSWORD=${SECRET}`],
    ['export', `export SASL_PASSWORD="${SECRET}"`],
    ['OIDC client secret', `sasl.oauthbearer.client.secret=${SECRET}`],
    ['URL credentials', `https://app:${SECRET}@registry.example.com/subjects`],
    ['AWS secret key', `AWS_SECRET_ACCESS_KEY=${SECRET}`],
    ['token field', `"token": "${SECRET}"`],
    ['kafkajs config', `sasl: { mechanism: 'scram-sha-512', username: 'app', password: '${SECRET}' }`],
  ]

  for (const [name, text] of cases) {
    it(`masks a secret in a ${name}`, () => {
      const masked = maskSecrets(text)
      assert.ok(!masked.includes(SECRET), masked)
      assert.match(masked, /\[masked\]/)
    })
  }

  it('masks JWTs and bearer tokens wherever they appear', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhcHAiLCJleHAiOjE3MTQ1NTcwMDB9.c2lnbmF0dXJlLWJ5dGVz'
    const masked = maskSecrets(`SASL OAUTHBEARER authentication failed: token ${jwt} rejected; Authorization: Bearer abcdefghijklmnop1234`)
    assert.ok(!masked.includes('eyJzdWIi'), masked)
    assert.ok(!masked.includes('abcdefghijklmnop1234'), masked)
  })

  it('masks PEM private keys, multi-line and with literal \\n, but keeps certificates', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----'
    const cert = '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----'
    const masked = maskSecrets(`KAFKA_CLIENT_CERT_KEY=${key}\nKAFKA_CLIENT_CERT=${cert}`)
    assert.ok(!masked.includes('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'), masked)
    assert.ok(masked.includes('MIIDdzCCAl+gAwIBAgIE'), 'certificates are public')
    const escaped = maskSecrets('KAFKA_CLIENT_CERT_KEY="-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAsecret\\n-----END RSA PRIVATE KEY-----"')
    assert.ok(!escaped.includes('MIIEowIBAAKCAQEAsecret'), escaped)
    const truncated = maskSecrets('ssl.key.pem=-----BEGIN ENCRYPTED PRIVATE KEY-----MIIFHDBOBgkqhkiG9w0BBQ0wQTAp')
    assert.ok(!truncated.includes('MIIFHDBOBgkq'), truncated)
  })

  it('leaves error messages, placeholders and non-secret settings alone', () => {
    const untouched = [
      'SASL authentication error: Authentication failed: Invalid username or password (after 33ms in state AUTH_REQ)',
      'Failed to acquire SASL OAUTHBEARER token: Failed to retrieve OIDC token',
      'KafkaJSServerDoesNotSupportApiKey: The Kafka server does not support the requested API version',
      'sasl.oauthbearer.token.endpoint.url=https://login.example.com/oauth2/token',
      '\tssl.truststore.password = null',
      '\tsasl.jaas.config = [hidden]',
      'sasl.password=env:KAFKA_PASSWORD',
      'sasl.username=app',
      'KAFKA_PASSWORD_FILE=/run/secrets/kafka',
    ]
    for (const line of untouched) assert.equal(maskSecrets(line), line)
  })

  it('is idempotent', () => {
    const once = maskSecrets(`sasl.password=${SECRET} "token": "abc123456789"`)
    assert.equal(maskSecrets(once), once)
  })
})

describe('maskSecrets in odd places (issue #14 item 9)', () => {
  const cases: [string, string][] = [
    ['after &', `client_id=app&password=${SECRET}&grant=x`],
    ['after |', `user=app|password=${SECRET}`],
    ['after conf:', `conf:sasl.password=${SECRET}`],
    ['prose', `the password: ${SECRET} was rejected`],
    ['URL with an empty user', `https://:${SECRET}@registry.example.com/`],
    ['passphrase=', `ssl.key.passphrase=${SECRET}`],
    ['KAFKA_PASS=', `KAFKA_PASS=${SECRET}`],
    ['tab separated', `sasl.password\t${SECRET}`],
    ['space separated', `  sasl.password   ${SECRET}`],
    ['full-width equals', `sasl.password＝${SECRET}`],
    ['Azure connection string', `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${SECRET}=`],
    ['escaped JAAS inside JSON', `{"sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"app\\" password=\\"${SECRET}\\";"}`],
  ]
  for (const [name, text] of cases) {
    it(`masks a secret ${name}`, () => {
      const masked = maskSecrets(text)
      assert.ok(!masked.includes(SECRET), masked)
    })
  }

  it('masks a bare PEM body, and keeps the key name of an Azure connection string', () => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7abcdefghij\nQ2xvdWQgY29tcHV0aW5nIGlzIGp1c3Qgc29tZWJvZHkgZWxzZSdzIGNvbXB1dGVy\n'
    assert.ok(!maskSecrets(`key: ${body}`).includes('QIBADANBgkqhkiG9w0BAQEFAASC'))
    assert.match(maskSecrets(`SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${SECRET}`), /SharedAccessKeyName=RootManageSharedAccessKey/)
  })

  it('finds the secret values in an argument, for the output guard', () => {
    assert.deepEqual(secretsIn(`sasl.password=${SECRET}`), [SECRET])
    assert.deepEqual(secretsIn(`http://app:${SECRET}@127.0.0.1:9000/health`), [SECRET])
    assert.deepEqual(secretsIn('sasl.username=app'), [])
  })

  it('redactForOutput hides registered secrets (and their URL encoding) and secret-shaped text in any field', () => {
    registerSecret('p@ss word-canary')
    const out = redactForOutput('fail-on p@ss word-canary / p%40ss%20word-canary / -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- kafka+ssl://u:pw123@host:9096')
    assert.ok(!out.includes('word-canary'), out)
    assert.ok(!out.includes('MIIE'), out)
    assert.ok(!out.includes('pw123'), out)
  })
})

describe('secrets in a tab-separated dump and in a host argument', () => {
  it('masks a setting-like key and its value after a tab anywhere in the line', () => {
    assert.equal(maskSecrets('SASL authentication failed sasl.password\tCANARY-tab-secret'), 'SASL authentication failed sasl.password\t[masked]')
    // Spaces alone in prose still do not make a setting.
    assert.equal(maskSecrets('the token expired at noon'), 'the token expired at noon')
  })
})
