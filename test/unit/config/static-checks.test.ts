// KD101, KD104, KD105, KD107, KD108, KD109: static checks made before any packet is sent.
import assert from 'node:assert/strict'
import {inspect} from 'node:util'
import {describe, it} from 'node:test'

import {InputError} from '../../../src/core/input-error.js'
import {didYouMean, editDistance} from '../../../src/config/did-you-mean.js'
import {KNOWN_PROPERTIES} from '../../../src/config/librdkafka-properties.js'
import {loadProfile} from '../../../src/config/load-profile.js'
import {one, tempDir, withCode, writeFile} from './helpers.js'

const MSK = 'b-1.orders.abc123.c2.kafka.us-east-1.amazonaws.com'
const MSK_ALL = [1, 2, 3].map((n) => `b-${n}.orders.abc123.c2.kafka.us-east-1.amazonaws.com`)
const CONFLUENT = 'pkc-4r087.us-west2.gcp.confluent.cloud'

describe('KD101 unknown properties', () => {
  it('suggests the librdkafka name for a typo, naming where it was set', async () => {
    const dir = tempDir()
    const file = writeFile(dir, 'client.properties', 'bootstrap.servers=k1:9092\n# auth\nsecurity.protocol=sasl_ssl\nsasl.mechansims=PLAIN\n')
    const {findings} = await loadProfile({properties: [], configFile: file}, {})
    const kd101 = one(findings, 'KD101')
    // librdkafka refuses to create a client with an unknown property: the app would not start.
    assert.equal(kd101.status, 'fail')
    assert.equal(kd101.check, 'config')
    assert.equal(kd101.summary, 'unknown property "sasl.mechansims" (from client.properties:4): did you mean "sasl.mechanisms"?; librdkafka refuses to create a client with it, so the app would not start')
    assert.deepEqual(kd101.evidence, {property: 'sasl.mechansims', source: 'client.properties:4', suggestion: 'sasl.mechanisms'})
  })

  it('Java client names get the librdkafka equivalent', async () => {
    const {findings} = await loadProfile(
      {properties: ['ssl.truststore.location=/etc/kafka/truststore.jks', 'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="k" password="CANARY-pw-7c1e";']},
      {},
    )
    const [truststore, jaas] = withCode(findings, 'KD101')
    assert.match(truststore!.summary, /^unknown property "ssl\.truststore\.location" \(from -X ssl\.truststore\.location\): not a librdkafka property: librdkafka reads PEM: use ssl\.ca\.location/)
    assert.match(jaas!.summary, /sasl\.username and sasl\.password/)
    assert.doesNotMatch(JSON.stringify(findings), /CANARY|truststore\.jks/)
  })

  it('a misspelled secret property gets a did-you-mean but its value is never echoed or kept in clear', async () => {
    const {profile, findings} = await loadProfile({properties: ['sasl.pasword=hunter2']}, {})
    const kd101 = one(findings, 'KD101')
    assert.match(kd101.summary, /did you mean "sasl\.password"\?/)
    assert.doesNotMatch(JSON.stringify(findings), /hunter2/)
    assert.doesNotMatch(inspect(profile.properties, {depth: 5}), /hunter2/)
  })

  it('property names are case-sensitive; case-only differences say so', async () => {
    const {findings} = await loadProfile({properties: ['Security.Protocol=ssl']}, {})
    assert.match(one(findings, 'KD101').summary, /case-sensitive: write "security\.protocol"/)
  })

  it('kcat topic.-prefixed and librdkafka alias names are known', async () => {
    const {findings} = await loadProfile({properties: ['topic.request.required.acks=all', 'metadata.broker.list=k1:9092', 'linger.ms=5', 'sasl.oauthbearer.client.credentials.client.id=x']}, {})
    assert.equal(withCode(findings, 'KD101').length, 0)
  })

  it('has a reasonably complete list and a Damerau distance', () => {
    assert.ok(KNOWN_PROPERTIES.size > 180)
    assert.equal(editDistance('sasl.mechanims', 'sasl.mechanisms'), 1)
    assert.equal(editDistance('ssl.ca.lcoation', 'ssl.ca.location'), 1) // swap counts once
    assert.equal(didYouMean('bootstrap_servers', KNOWN_PROPERTIES), 'bootstrap.servers')
    assert.equal(didYouMean('completely.unrelated.setting', KNOWN_PROPERTIES), undefined)
  })
})

describe('KD104 security.protocol contradictions', () => {
  it('credentials with plaintext/ssl are never sent (warn, naming both sources)', async () => {
    const {profile, findings} = await loadProfile({bootstrapServers: 'k1:9093', properties: ['security.protocol=ssl', 'sasl.username=app', 'sasl.password=x']}, {})
    const kd104 = one(findings, 'KD104')
    assert.equal(kd104.status, 'warn')
    assert.match(kd104.summary, /^sasl\.username \(from -X sasl\.username\), sasl\.password \(from -X sasl\.password\) set, but security\.protocol is ssl \(from -X security\.protocol\)/)
    assert.equal(profile.sasl, undefined)
  })

  it('sasl_ssl without sasl.mechanisms: GSSAPI assumed (fail when a username/password is set)', async () => {
    const withCreds = await loadProfile({bootstrapServers: 'k1:9093', properties: ['security.protocol=SASL_SSL', 'sasl.username=app', 'sasl.password=x']}, {})
    const kd104 = one(withCreds.findings, 'KD104')
    assert.equal(kd104.status, 'fail')
    assert.match(kd104.summary, /sasl\.mechanisms is not set, so librdkafka assumes GSSAPI/)
    assert.equal(withCreds.profile.sasl?.mechanism.value, 'GSSAPI')

    const bare = await loadProfile({bootstrapServers: 'k1:9093', properties: ['security.protocol=sasl_ssl']}, {})
    assert.equal(one(bare.findings, 'KD104').status, 'warn')
  })

  it('unknown protocol and mechanism values are fails with a suggestion; kdoctor keeps going', async () => {
    const {profile, findings} = await loadProfile({bootstrapServers: 'k1:9093', properties: ['security.protocol=sasl_tls', 'sasl.mechanisms=SCRAM-SHA-384', 'sasl.username=u', 'sasl.password=p']}, {})
    const [protocol, mechanism] = withCode(findings, 'KD104')
    assert.equal(protocol!.status, 'fail')
    assert.match(protocol!.summary, /^security\.protocol=sasl_tls \(from -X security\.protocol\) is not one of .*did you mean sasl_ssl\?/)
    assert.equal(profile.securityProtocol.value, 'SASL_SSL')
    assert.equal(mechanism!.status, 'fail')
    assert.match(mechanism!.summary, /sasl\.mechanisms=SCRAM-SHA-384 \(from -X sasl\.mechanisms\) is not a SASL mechanism/)
  })

  it('a mechanism in the wrong case is accepted with a warning (librdkafka compares case-sensitively)', async () => {
    const {profile, findings} = await loadProfile({bootstrapServers: 'k1:9093', properties: ['security.protocol=sasl_ssl', 'sasl.mechanism=scram-sha-512', 'sasl.username=u', 'sasl.password=p']}, {})
    assert.equal(profile.sasl?.mechanism.value, 'SCRAM-SHA-512')
    assert.match(one(findings, 'KD104').summary, /write SCRAM-SHA-512/)
  })

  it('TLS material with a non-TLS protocol is unused', async () => {
    const {findings} = await loadProfile({bootstrapServers: 'k1:9093', properties: ['ssl.ca.location=/etc/ssl/kafka-ca.pem']}, {})
    assert.match(one(findings, 'KD104').summary, /ssl\.ca\.location \(from -X ssl\.ca\.location\) set, but security\.protocol is plaintext \(from the default, as security\.protocol is not set\)/)
  })
})

describe('KD105 port vs provider listener map', () => {
  it('MSK TLS port 9094 with SASL_SSL is a fail, one finding for all brokers', async () => {
    const {findings} = await loadProfile(
      {bootstrapServers: MSK_ALL.map((h) => `${h}:9094`).join(','), properties: ['security.protocol=SASL_SSL', 'sasl.mechanisms=SCRAM-SHA-512', 'sasl.username=u', 'sasl.password=p']},
      {},
    )
    const kd105 = one(findings, 'KD105')
    assert.equal(kd105.status, 'fail')
    assert.equal(kd105.target, `${MSK}:9094`)
    assert.equal(
      kd105.summary,
      `${MSK}:9094 (and 2 more) is AWS MSK's TLS port, which takes security.protocol=ssl, but security.protocol is sasl_ssl (from -X security.protocol)`,
    )
    assert.equal((kd105.evidence.addresses as string[]).length, 3)
  })

  it('MSK SCRAM port 9096 wants SCRAM-SHA-512 (not 256)', async () => {
    const {findings} = await loadProfile({bootstrapServers: `${MSK}:9096`, properties: ['security.protocol=sasl_ssl', 'sasl.mechanisms=SCRAM-SHA-256', 'sasl.username=u', 'sasl.password=p']}, {})
    assert.match(one(findings, 'KD105').summary, /SASL\/SCRAM port, which takes security\.protocol=sasl_ssl with sasl\.mechanisms=SCRAM-SHA-512, but sasl\.mechanisms is SCRAM-SHA-256/)
  })

  it('a correct MSK SCRAM setup has no KD105, and plaintext on 9096 is flagged', async () => {
    const good = await loadProfile({bootstrapServers: `${MSK}:9096`, properties: ['security.protocol=sasl_ssl', 'sasl.mechanisms=SCRAM-SHA-512', 'sasl.username=u', 'sasl.password=p']}, {})
    assert.deepEqual(good.findings, [])
    const plain = await loadProfile({bootstrapServers: `${MSK}:9096`, properties: []}, {})
    assert.equal(one(plain.findings, 'KD105').status, 'fail')
  })

  it('an unknown MSK port is a warning', async () => {
    const {findings} = await loadProfile({bootstrapServers: `${MSK}:9093`, properties: []}, {})
    const kd105 = one(findings, 'KD105')
    assert.equal(kd105.status, 'warn')
    assert.match(kd105.summary, /9093 is not an MSK client port/)
  })

  it('Confluent Cloud 9092 is SASL_SSL with PLAIN', async () => {
    const wrong = await loadProfile({bootstrapServers: `${CONFLUENT}:9092`, properties: ['security.protocol=ssl']}, {})
    const kd105 = one(wrong.findings, 'KD105')
    assert.equal(kd105.status, 'fail')
    assert.match(kd105.summary, /is Confluent Cloud's SASL_SSL port, which takes security\.protocol=sasl_ssl with sasl\.mechanisms=PLAIN or OAUTHBEARER, but security\.protocol is ssl/)

    const right = await loadProfile(
      {bootstrapServers: `${CONFLUENT}:9092`, properties: ['security.protocol=SASL_SSL', 'sasl.mechanisms=PLAIN', 'sasl.username=ABCDEFGHIJKLMNOP', 'sasl.password=env:CC_SECRET']},
      {CC_SECRET: 'CANARY-pw-7c1e'},
    )
    assert.equal(right.profile.provider, 'confluent')
    assert.deepEqual(right.findings, [])
  })
})

describe('KD107 verification weakened', () => {
  it('warns when certificate or host name checks are off, naming the source', async () => {
    const {profile, findings} = await loadProfile(
      {bootstrapServers: 'k1:9093', properties: ['security.protocol=ssl', 'enable.ssl.certificate.verification=false', 'ssl.endpoint.identification.algorithm=none']},
      {},
    )
    const kd107 = withCode(findings, 'KD107')
    assert.deepEqual(kd107.map((f) => [f.status, f.target]), [
      ['warn', 'enable.ssl.certificate.verification'],
      ['warn', 'ssl.endpoint.identification.algorithm'],
    ])
    assert.match(kd107[0]!.summary, /\(from -X enable\.ssl\.certificate\.verification\)/)
    assert.deepEqual(profile.tls.verifyHostname, {value: false, source: '-X ssl.endpoint.identification.algorithm'})
  })

  it('defaults are on (librdkafka >= 2.0) and say so; a non-boolean is KD101', async () => {
    const {profile, findings} = await loadProfile({bootstrapServers: 'k1:9093', properties: ['security.protocol=ssl', 'enable.ssl.certificate.verification=maybe']}, {})
    assert.equal(profile.tls.verifyCertificate.value, true)
    assert.equal(profile.tls.verifyHostname.value, true)
    assert.match(profile.tls.verifyHostname.source, /^default/)
    assert.equal(one(findings, 'KD101').status, 'fail')
  })
})

describe('KD108 AWS_MSK_IAM', () => {
  it('is a fail pointing at SCRAM or OAUTHBEARER', async () => {
    const {profile, findings} = await loadProfile({bootstrapServers: `${MSK}:9098`, properties: ['security.protocol=SASL_SSL', 'sasl.mechanism=AWS_MSK_IAM']}, {})
    const kd108 = one(findings, 'KD108')
    assert.equal(kd108.status, 'fail')
    assert.match(kd108.summary, /^sasl\.mechanisms=AWS_MSK_IAM \(from -X sasl\.mechanism\): librdkafka-based clients .* use SCRAM-SHA-512 .* or OAUTHBEARER/)
    assert.equal(profile.sasl?.mechanism.value, 'AWS_MSK_IAM')
    assert.equal(withCode(findings, 'KD105').length, 0)
    assert.equal(withCode(findings, 'KD109').length, 0)
  })
})

describe('KD109 credentials missing', () => {
  it('SCRAM without a password', async () => {
    const {findings} = await loadProfile({bootstrapServers: 'k1:9096', properties: ['security.protocol=sasl_ssl', 'sasl.mechanisms=SCRAM-SHA-512', 'sasl.username=app']}, {})
    const kd109 = one(findings, 'KD109')
    assert.equal(kd109.status, 'fail')
    assert.equal(kd109.target, 'sasl.password')
    assert.equal(kd109.summary, 'SCRAM-SHA-512 (sasl.mechanisms from -X sasl.mechanisms) needs sasl.password, which is not set')
  })

  it('an empty password from env counts as missing', async () => {
    const {findings} = await loadProfile({bootstrapServers: 'k1:9096', properties: ['security.protocol=sasl_ssl', 'sasl.mechanisms=PLAIN', 'sasl.username=app', 'sasl.password=env:KAFKA_PASSWORD']}, {KAFKA_PASSWORD: ''})
    assert.equal(one(findings, 'KD109').target, 'sasl.password')
  })

  it('OAUTHBEARER without any token source', async () => {
    const {findings} = await loadProfile({bootstrapServers: 'k1:9098', properties: ['security.protocol=sasl_ssl', 'sasl.mechanisms=OAUTHBEARER']}, {})
    assert.match(one(findings, 'KD109').summary, /OAUTHBEARER .* has no token source: give --oauth-token-file or --oauth-token-command/)
  })

  it('OIDC lists the missing pieces', async () => {
    const {findings} = await loadProfile(
      {bootstrapServers: 'k1:9098', properties: ['security.protocol=sasl_ssl', 'sasl.mechanisms=OAUTHBEARER', 'sasl.oauthbearer.method=oidc', 'sasl.oauthbearer.client.id=app']},
      {},
    )
    const kd109 = one(findings, 'KD109')
    assert.deepEqual(kd109.evidence.missing, ['sasl.oauthbearer.client.secret', 'sasl.oauthbearer.token.endpoint.url'])
  })
})

describe('OAUTHBEARER token providers', () => {
  it('--oauth-token-command is recorded (not run) and implies OAUTHBEARER', async () => {
    const {profile, findings} = await loadProfile({bootstrapServers: 'k1:9098', properties: ['security.protocol=sasl_ssl'], oauthTokenCommand: 'aws-msk-token --region us-east-1'}, {})
    assert.deepEqual(profile.sasl?.mechanism, {value: 'OAUTHBEARER', source: 'implied by --oauth-token-command'})
    assert.deepEqual(profile.sasl?.tokenProvider, {kind: 'command', command: {value: 'aws-msk-token --region us-east-1', source: 'flag --oauth-token-command'}})
    assert.deepEqual(findings, [])
  })

  it('--oauth-token-file is recorded as a path', async () => {
    const {profile} = await loadProfile({bootstrapServers: 'k1:9098', properties: ['security.protocol=sasl_ssl', 'sasl.mechanisms=OAUTHBEARER'], oauthTokenFile: '/var/run/secrets/token'}, {})
    assert.deepEqual(profile.sasl?.tokenProvider, {kind: 'file', path: {value: '/var/run/secrets/token', source: 'flag --oauth-token-file'}})
  })

  it('both token flags at once is an InputError', async () => {
    await assert.rejects(loadProfile({properties: [], oauthTokenFile: '/t', oauthTokenCommand: 'x'}, {}), InputError)
  })

  it('oidc properties become an oidc provider with the client secret as a Secret', async () => {
    const {profile, findings} = await loadProfile(
      {
        bootstrapServers: 'k1:9098',
        properties: [
          'security.protocol=sasl_ssl',
          'sasl.mechanisms=OAUTHBEARER',
          'sasl.oauthbearer.method=OIDC',
          'sasl.oauthbearer.client.id=orders',
          'sasl.oauthbearer.client.secret=env:OIDC_SECRET',
          'sasl.oauthbearer.token.endpoint.url=https://idp.example.com/oauth2/token',
          'sasl.oauthbearer.scope=kafka',
          'sasl.oauthbearer.extensions=logicalCluster=lkc-123,identityPoolId=pool-1',
        ],
      },
      {OIDC_SECRET: 'CANARY-oidc-secret'},
    )
    assert.deepEqual(findings, [])
    const provider = profile.sasl?.tokenProvider
    assert.equal(provider?.kind, 'oidc')
    if (provider?.kind !== 'oidc') return
    assert.equal(provider.clientSecret.reveal(), 'CANARY-oidc-secret')
    // Only secret properties are hidden in the property table; the endpoint stays readable.
    assert.equal(profile.properties.get('sasl.oauthbearer.token.endpoint.url')?.value, 'https://idp.example.com/oauth2/token')
    assert.equal(provider.clientSecret.source, 'env OIDC_SECRET')
    assert.deepEqual(provider.extensions, {logicalCluster: 'lkc-123', identityPoolId: 'pool-1'})
    assert.doesNotMatch(JSON.stringify({profile, findings}), /CANARY-oidc-secret/)
  })

  it('sasl.oauthbearer.config becomes librdkafka\'s unsecured JWT', async () => {
    const {profile} = await loadProfile(
      {bootstrapServers: 'k1:9098', properties: ['security.protocol=sasl_plaintext', 'sasl.mechanisms=OAUTHBEARER', 'enable.sasl.oauthbearer.unsecure.jwt=true', 'sasl.oauthbearer.config=principal=admin scope=read,write lifeSeconds=600']},
      {},
    )
    assert.deepEqual(profile.sasl?.tokenProvider, {
      kind: 'unsecured-jwt',
      principal: {value: 'admin', source: '-X sasl.oauthbearer.config'},
      scope: {value: 'read,write', source: '-X sasl.oauthbearer.config'},
      lifetimeSeconds: 600,
    })
  })
})

describe('secrets never leak', () => {
  it('the canary password and token appear in no finding, summary, evidence or JSON', async () => {
    const dir = tempDir()
    const tokenFile = writeFile(dir, 'token', 'eyJhbGciOiJub25lIn0.CANARY-token-91ab.')
    const file = writeFile(dir, 'client.properties', `bootstrap.servers=kafka+ssl://${MSK}:9094\nsasl.pasword=CANARY-pw-7c1e\nsasl.password=CANARY-pw-7c1e\nsasl.oauthbearer.token=CANARY-token-91ab\n`)
    const {profile, findings} = await loadProfile(
      {
        properties: ['security.protocol=sasl_ssl', 'sasl.mechanisms=PLAIN', 'sasl.username=app', 'ssl.key.password=env:KEY_PW', 'sasl.oauthbearer.client.secret=CANARY-pw-7c1e'],
        configFile: file,
        oauthTokenFile: tokenFile,
      },
      {KEY_PW: 'CANARY-pw-7c1e'},
    )
    assert.ok(findings.length >= 4)
    const everything = [
      JSON.stringify({profile, findings}),
      JSON.stringify([...profile.properties]),
      inspect({profile, findings}, {depth: 10}),
      ...findings.map((f) => f.summary),
    ].join('\n')
    assert.doesNotMatch(everything, /CANARY-pw-7c1e/)
    assert.doesNotMatch(everything, /CANARY-token-91ab/)
    assert.equal(profile.sasl?.password?.reveal(), 'CANARY-pw-7c1e')
  })

  it('InputErrors for secret-bearing inputs never include the value', async () => {
    const errors: string[] = []
    for (const input of [
      {properties: ['sasl.password=env:NOPE_UNSET']},
      {properties: ['sasl.passwordCANARY-pw-7c1e']},
      {properties: ['sasl.password=CANARY-pw-7c1e'], timeout: 'CANARY-pw-7c1e'},
    ]) {
      await loadProfile(input, {}).catch((error: InputError) => errors.push(error.oneLine()))
    }

    assert.equal(errors.length, 3)
    // The --timeout case echoes what was typed into --timeout (not a secret field); the others never do.
    assert.doesNotMatch(errors.slice(0, 2).join('\n'), /CANARY/)
  })
})
