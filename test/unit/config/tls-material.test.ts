// KD106: TLS material loaded into PEM strings and checked the way OpenSSL will (openssl-made files).
import assert from 'node:assert/strict'
import {createPrivateKey} from 'node:crypto'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {inspect} from 'node:util'
import {before, describe, it} from 'node:test'

import {loadProfile} from '../../../src/config/load-profile.js'
import {Secret} from '../../../src/config/secret.js'
import {MASK} from '../../../src/diagnosis/mask.js'
import {certAndKey, one, openssl, tempDir, withCode, writeFile} from './helpers.js'

// Made at module level: after() registered inside a hook would run when that hook ends.
const dir = tempDir('kdoctor-tls-')
let client: {cert: string; key: string}
let other: {cert: string; key: string}
let ca: {cert: string; key: string}

before(() => {
  client = certAndKey(dir, 'client')
  other = certAndKey(dir, 'other')
  ca = certAndKey(dir, 'ca')
  openssl(['pkey', '-in', 'client.key', '-aes256', '-passout', 'pass:CANARY-pw-7c1e', '-out', 'client-encrypted.key'], dir)
  openssl(['x509', '-in', 'ca.crt', '-outform', 'der', '-out', 'ca.der'], dir)
})

const ssl = (...more: string[]): string[] => ['security.protocol=ssl', ...more]

describe('KD106 TLS material', () => {
  it('a matching certificate and key load into PEM strings (key as a Secret) with no finding', async () => {
    const {profile, findings} = await loadProfile(
      {bootstrapServers: 'k1:9093', properties: ssl(`ssl.ca.location=${ca.cert}`, `ssl.certificate.location=${client.cert}`, `ssl.key.location=${client.key}`)},
      {},
    )
    assert.deepEqual(findings, [])
    assert.equal(profile.tls.caPems.length, 1)
    assert.match(profile.tls.caPems[0]!.value, /^-----BEGIN CERTIFICATE-----\n/)
    assert.equal(profile.tls.caPems[0]!.source, '-X ssl.ca.location')
    assert.equal(profile.tls.certificatePem?.source, '-X ssl.certificate.location')
    assert.match(profile.tls.keyPem!.reveal(), /-----BEGIN PRIVATE KEY-----/)
    assert.doesNotMatch(JSON.stringify(profile), /PRIVATE KEY/)
  })

  it('a key that does not match the certificate is a fail (compared with node:crypto), and the pair is not presented', async () => {
    const {profile, findings} = await loadProfile(
      {bootstrapServers: 'k1:9093', properties: ssl(`ssl.certificate.location=${client.cert}`, `ssl.key.location=${other.key}`)},
      {},
    )
    const kd106 = one(findings, 'KD106')
    assert.equal(kd106.status, 'fail')
    assert.equal(kd106.summary, `private key ssl.key.location ${other.key} (from -X ssl.key.location) does not match the client certificate ssl.certificate.location ${client.cert} (from -X ssl.certificate.location)`)
    assert.match(String((kd106.evidence.certificate as {subject: string}).subject), /CN=client/)
    assert.equal(profile.tls.certificatePem, undefined)
    assert.equal(profile.tls.keyPem, undefined)
    assert.doesNotMatch(JSON.stringify(findings), /PRIVATE KEY/)
  })

  it('PEM pasted with literal \\n sequences is repaired with a warning (env var copy/paste)', async () => {
    const escaped = (path: string): string => readFileSync(path, 'utf8').trimEnd().replace(/\n/g, '\\n')
    const {profile, findings} = await loadProfile(
      {bootstrapServers: 'k1:9093', properties: ssl('ssl.ca.pem=env:KAFKA_TRUSTED_CERT', 'ssl.certificate.pem=env:CLIENT_CERT', 'ssl.key.pem=env:CLIENT_KEY')},
      {KAFKA_TRUSTED_CERT: escaped(ca.cert), CLIENT_CERT: escaped(client.cert), CLIENT_KEY: escaped(client.key)},
    )
    const kd106 = withCode(findings, 'KD106')
    assert.deepEqual(kd106.map((f) => [f.status, f.target]), [
      ['warn', 'ssl.ca.pem'],
      ['warn', 'ssl.certificate.pem'],
      ['warn', 'ssl.key.pem'],
    ])
    assert.match(kd106[0]!.summary, /^ssl\.ca\.pem \(from env KAFKA_TRUSTED_CERT\) has literal "\\n" sequences instead of line breaks/)
    assert.equal(profile.tls.caPems.length, 1)
    assert.ok(profile.tls.certificatePem)
    assert.ok(profile.tls.keyPem)
    assert.equal(findings.filter((f) => f.status === 'fail').length, 0)
  })

  it('properly formatted PEM values (real newlines) give no warning', async () => {
    const {findings} = await loadProfile(
      {bootstrapServers: 'k1:9093', properties: ssl('ssl.ca.pem=env:CA')},
      {CA: readFileSync(ca.cert, 'utf8')},
    )
    assert.deepEqual(findings, [])
  })

  it('Heroku config vars (two CA certs during rotation, client cert and key) are picked up with KAFKA_URL', async () => {
    const {profile, findings} = await loadProfile(
      {properties: ['ssl.endpoint.identification.algorithm=none']},
      {
        KAFKA_URL: 'kafka+ssl://h1:9096,kafka+ssl://h2:9096',
        KAFKA_TRUSTED_CERT: readFileSync(ca.cert, 'utf8') + readFileSync(other.cert, 'utf8'),
        KAFKA_CLIENT_CERT: readFileSync(client.cert, 'utf8'),
        KAFKA_CLIENT_CERT_KEY: readFileSync(client.key, 'utf8'),
      },
    )
    assert.equal(profile.tls.caPems.length, 1)
    assert.equal(profile.tls.caPems[0]!.value.match(/BEGIN CERTIFICATE/g)?.length, 2)
    assert.equal(profile.tls.caPems[0]!.source, 'env KAFKA_TRUSTED_CERT')
    assert.equal(profile.tls.keyPem?.source, 'env KAFKA_CLIENT_CERT_KEY')
    assert.deepEqual(findings.map((f) => `${f.code}:${f.status}`), ['KD102:warn', 'KD107:warn'])
    assert.match(one(findings, 'KD107').summary, /Heroku's documented workaround/)
  })

  it('-b "$KAFKA_URL" also picks up the Heroku vars, and -X still overrides them', async () => {
    const env = {
      KAFKA_URL: 'kafka+ssl://h1:9096',
      KAFKA_TRUSTED_CERT: readFileSync(ca.cert, 'utf8'),
      KAFKA_CLIENT_CERT: readFileSync(client.cert, 'utf8'),
      KAFKA_CLIENT_CERT_KEY: readFileSync(client.key, 'utf8'),
    }
    const {profile} = await loadProfile({bootstrapServers: 'kafka+ssl://h1:9096', properties: [`ssl.ca.location=${other.cert}`]}, env)
    assert.equal(profile.provider, 'heroku')
    assert.deepEqual(profile.tls.caPems.map((p) => p.source), ['-X ssl.ca.location', 'env KAFKA_TRUSTED_CERT'])
    assert.equal(profile.tls.certificatePem?.source, 'env KAFKA_CLIENT_CERT')
    const overridden = await loadProfile({bootstrapServers: 'kafka+ssl://h1:9096', properties: [`ssl.ca.pem=env:MY_CA`]}, {...env, MY_CA: readFileSync(other.cert, 'utf8')})
    assert.deepEqual(overridden.profile.tls.caPems.map((p) => p.source), ['env MY_CA'])
  })

  it("an opened Heroku key (heroku-prefix's) is the profile's key as it is, checked against the certificate, and -X still overrides it", async () => {
    const env = {
      KAFKA_URL: 'kafka+ssl://h1:9096',
      KAFKA_TRUSTED_CERT: readFileSync(ca.cert, 'utf8'),
      KAFKA_CLIENT_CERT: readFileSync(client.cert, 'utf8'),
    }
    const opened = (path: string) => {
      const pem = readFileSync(path, 'utf8')
      return {pem: new Secret(pem, 'env KAFKA_CLIENT_CERT_KEY'), key: createPrivateKey(pem), property: 'ssl.key.pem' as const}
    }
    const herokuKey = opened(client.key)
    const {profile, findings, settings} = await loadProfile({properties: [], herokuKey}, env)
    // The same Secret object: never revealed and wrapped again on the way.
    assert.equal(profile.tls.keyPem, herokuKey.pem)
    assert.equal(profile.properties.get('ssl.key.pem')?.value, herokuKey.pem)
    assert.equal(profile.tls.certificatePem?.source, 'env KAFKA_CLIENT_CERT')
    assert.equal(findings.some((f) => f.code === 'KD106'), false)
    assert.deepEqual(settings.find((r) => r.key === 'ssl.key.pem'), {key: 'ssl.key.pem', value: MASK, source: 'env KAFKA_CLIENT_CERT_KEY', secret: true})

    const mismatched = await loadProfile({properties: [], herokuKey: opened(other.key)}, env)
    assert.equal(mismatched.profile.tls.keyPem, undefined)
    assert.match(one(mismatched.findings, 'KD106').summary, /^private key ssl\.key\.pem \(from env KAFKA_CLIENT_CERT_KEY\) does not match the client certificate/)

    const overridden = await loadProfile({properties: [`ssl.key.location=${client.key}`], herokuKey: opened(other.key)}, env)
    assert.equal(overridden.profile.tls.keyPem?.source, '-X ssl.key.location')
    assert.equal(overridden.findings.some((f) => f.code === 'KD106'), false)
  })

  it('a missing file is a fail naming the property, path and source', async () => {
    const {findings} = await loadProfile({bootstrapServers: 'k1:9093', properties: ssl('ssl.ca.location=/etc/kafka/missing-ca.pem')}, {})
    assert.equal(one(findings, 'KD106').summary, 'ssl.ca.location /etc/kafka/missing-ca.pem (from -X ssl.ca.location): no such file')
  })

  it('DER, Java keystores and garbage are not PEM, with a hint how to convert', async () => {
    const jks = join(dir, 'truststore.jks')
    writeFileSync(jks, Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]))
    const der = await loadProfile({bootstrapServers: 'k1:9093', properties: ssl(`ssl.ca.location=${join(dir, 'ca.der')}`)}, {})
    assert.match(one(der.findings, 'KD106').summary, /is not a PEM CA certificate: it looks like DER/)
    const keystore = await loadProfile({bootstrapServers: 'k1:9093', properties: ssl(`ssl.ca.location=${jks}`)}, {})
    assert.match(one(keystore.findings, 'KD106').summary, /Java keystore \(JKS\)/)
    const broken = await loadProfile({bootstrapServers: 'k1:9093', properties: ssl('ssl.ca.pem=-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----')}, {})
    assert.equal(one(broken.findings, 'KD106').status, 'fail')
  })

  it('an encrypted key needs ssl.key.password; with the right one it loads, with a wrong one it fails', async () => {
    const encrypted = join(dir, 'client-encrypted.key')
    const base = ssl(`ssl.certificate.location=${client.cert}`, `ssl.key.location=${encrypted}`)

    const none = await loadProfile({bootstrapServers: 'k1:9093', properties: base}, {})
    assert.equal(one(none.findings, 'KD106').summary, `ssl.key.location ${encrypted} (from -X ssl.key.location) is encrypted but ssl.key.password is not set`)

    const right = await loadProfile({bootstrapServers: 'k1:9093', properties: [...base, 'ssl.key.password=env:KEY_PASSWORD']}, {KEY_PASSWORD: 'CANARY-pw-7c1e'})
    assert.deepEqual(right.findings, [])
    assert.equal(right.profile.tls.keyPassword?.source, 'env KEY_PASSWORD')

    const wrong = await loadProfile({bootstrapServers: 'k1:9093', properties: [...base, 'ssl.key.password=not-it']}, {})
    const kd106 = one(wrong.findings, 'KD106')
    assert.match(kd106.summary, /could not be decrypted with ssl\.key\.password \(from -X ssl\.key\.password\)/)
    assert.doesNotMatch(JSON.stringify(wrong) + inspect(wrong, {depth: 10}), /not-it|CANARY/)
  })

  it('a certificate without a key (and the reverse) is a fail', async () => {
    const {findings} = await loadProfile({bootstrapServers: 'k1:9093', properties: ssl(`ssl.certificate.location=${client.cert}`)}, {})
    assert.match(one(findings, 'KD106').summary, /is set without a private key/)
  })

  it('a CA directory (ssl.ca.location=dir) loads every PEM file in it', async () => {
    const caDir = tempDir('kdoctor-cadir-')
    writeFile(caDir, 'a.pem', readFileSync(ca.cert, 'utf8'))
    writeFile(caDir, 'b.crt', readFileSync(other.cert, 'utf8'))
    writeFile(caDir, 'README', 'not a cert')
    const {profile, findings} = await loadProfile({bootstrapServers: 'k1:9093', properties: ssl(`ssl.ca.location=${caDir}`)}, {})
    assert.deepEqual(findings, [])
    assert.deepEqual(profile.tls.caPems.map((p) => p.source), ['-X ssl.ca.location (a.pem)', '-X ssl.ca.location (b.crt)'])
  })
})
