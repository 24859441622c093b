// Static checks of Heroku's config vars: one test per missing or malformed variable.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {checkClientMaterial, checkKafkaPrefix, checkKafkaUrl, checkKafkaUrlCopies, checkTrustedCert, variableFixes} from '../../../src/checks/heroku/variables.js'
import type {Finding} from '../../../src/diagnosis/finding.js'
import {environmentSource, parseEnvFile, readHerokuVariables} from '../../../src/platforms/heroku/env.js'
import {HerokuCli} from '../../../src/platforms/heroku/prefix.js'
import {type Issued, Pki} from './pki.js'

const vars = (env: Record<string, string>) => readHerokuVariables(environmentSource(env))

function only(findings: Finding[], code: string, status: string): Finding {
  const hits = findings.filter((f) => f.code === code && f.status === status)
  assert.equal(hits.length, 1, `expected one ${code} ${status}: ${JSON.stringify(findings.map((f) => `${f.code}:${f.status} ${f.summary}`), null, 1)}`)
  return hits[0]!
}

const statuses = (findings: Finding[]) => findings.map((f) => `${f.target}:${f.status}${f.code ? `:${f.code}` : ''}`)

let pki: Pki
let ca: Issued
let otherCa: Issued
let client: Issued
let stranger: Issued

before(() => {
  pki = new Pki()
  ca = pki.issue('heroku-ca', {toDays: 3650})
  otherCa = pki.issue('heroku-ca-next', {toDays: 3650})
  client = pki.issue('tenant', {issuer: ca})
  stranger = pki.issue('someone-else', {issuer: ca})
})

after(() => pki.remove())

describe('KAFKA_URL', () => {
  it('passes a list of kafka+ssl:// URLs and gives the brokers without the scheme', () => {
    const {findings, brokers} = checkKafkaUrl(vars({KAFKA_URL: 'kafka+ssl://ec2-1-2-3-4.compute-1.amazonaws.com:9096,kafka+ssl://ec2-1-2-3-5.compute-1.amazonaws.com:9096'}))
    assert.deepEqual(brokers, ['ec2-1-2-3-4.compute-1.amazonaws.com:9096', 'ec2-1-2-3-5.compute-1.amazonaws.com:9096'])
    assert.deepEqual(statuses(findings), ['KAFKA_URL:pass'])
  })

  it('missing: KD704 fail, naming another attachment it sees', () => {
    const {findings} = checkKafkaUrl(vars({HEROKU_KAFKA_AQUA_URL: 'kafka+ssl://h:9096'}))
    const f = only(findings, 'KD704', 'fail')
    assert.match(f.summary, /KAFKA_URL is not set in the environment/)
    assert.deepEqual(f.evidence.otherKafkaVariables, ['HEROKU_KAFKA_AQUA_URL'])
    assert.equal(f.evidence.command, 'heroku config')
  })

  it('another scheme (kafka://): KD704 fail', () => {
    const f = only(checkKafkaUrl(vars({KAFKA_URL: 'kafka://h:9092'})).findings, 'KD704', 'fail')
    assert.match(f.summary, /uses kafka:\/\/ where Heroku's KAFKA_URL uses kafka\+ssl:\/\//)
  })

  it('a port that is not a number: KD704 fail', () => {
    const f = only(checkKafkaUrl(vars({KAFKA_URL: 'kafka+ssl://h:90960'})).findings, 'KD704', 'fail')
    assert.match(f.summary, /"kafka\+ssl:\/\/h:90960" is not kafka\+ssl:\/\/host:port/)
  })

  it('no scheme or a stray comma: KD704 warn, the brokers still usable', () => {
    const {findings, brokers} = checkKafkaUrl(vars({KAFKA_URL: 'h1:9096,,kafka+ssl://h2:9096'}))
    const f = only(findings, 'KD704', 'warn')
    assert.match(f.summary, /entry 1 has no kafka\+ssl:\/\/ scheme.*entry 2 is empty/)
    assert.deepEqual(brokers, ['h1:9096', 'h2:9096'])
  })
})

describe('KAFKA_PREFIX', () => {
  it('passes a Heroku prefix', () => {
    const {finding, prefix} = checkKafkaPrefix(vars({KAFKA_PREFIX: 'wiry-12345.'}))
    assert.equal(finding.status, 'pass')
    assert.equal(prefix, 'wiry-12345.')
  })

  it('missing: KD704 warn (a dedicated plan has none), no prefix to check names against', () => {
    const {finding, prefix} = checkKafkaPrefix(vars({HEROKU_KAFKA_AQUA_PREFIX: 'x.'}))
    assert.equal(finding.code, 'KD704')
    assert.equal(finding.status, 'warn')
    assert.match(finding.summary, /dedicated plan.*seen: HEROKU_KAFKA_AQUA_PREFIX/)
    assert.equal(prefix, undefined)
  })

  it('without its trailing dot: KD704 fail', () => {
    const {finding, prefix} = checkKafkaPrefix(vars({KAFKA_PREFIX: 'wiry-12345'}))
    assert.equal(finding.code, 'KD704')
    assert.equal(finding.status, 'fail')
    assert.match(finding.summary, /does not end with "\."/)
    assert.equal(prefix, undefined)
  })

  it('with spaces or characters a topic name cannot have: KD704 fail', () => {
    assert.match(checkKafkaPrefix(vars({KAFKA_PREFIX: 'wiry-12345. '})).finding.summary, /spaces or line breaks/)
    assert.match(checkKafkaPrefix(vars({KAFKA_PREFIX: 'wiry/12345.'})).finding.summary, /characters a topic name cannot have/)
  })
})

describe('KAFKA_TRUSTED_CERT', () => {
  it('passes one CA certificate', () => {
    const findings = checkTrustedCert(vars({KAFKA_TRUSTED_CERT: ca.certPem}))
    assert.deepEqual(statuses(findings), ['KAFKA_TRUSTED_CERT:pass'])
    assert.match(findings[0]!.summary, /^CA certificate CN=heroku-ca until \d{4}-\d{2}-\d{2}$/)
  })

  it('two certificates during a CA rotation are fine, and both are reported', () => {
    const [f, ...rest] = checkTrustedCert(vars({KAFKA_TRUSTED_CERT: ca.certPem + otherCa.certPem}))
    assert.equal(rest.length, 0)
    assert.equal(f!.status, 'pass')
    assert.match(f!.summary, /2 CA certificates, a CA rotation in progress.*CN=heroku-ca until .*; CN=heroku-ca-next until/)
    assert.deepEqual((f!.evidence.certificates as {subject: string}[]).map((c) => c.subject), ['CN=heroku-ca', 'CN=heroku-ca-next'])
    assert.equal(f!.evidence.rotation, true)
  })

  it('missing: KD704 fail', () => {
    assert.match(only(checkTrustedCert(vars({})), 'KD704', 'fail').summary, /KAFKA_TRUSTED_CERT is not set/)
  })

  it('not PEM: KD704 fail, without echoing the value', () => {
    const f = only(checkTrustedCert(vars({KAFKA_TRUSTED_CERT: 'MIIB-not-a-pem-value'})), 'KD704', 'fail')
    assert.match(f.summary, /is not PEM.*\(heroku config:get KAFKA_TRUSTED_CERT\)$/)
    assert.equal(f.evidence.command, 'heroku config:get KAFKA_TRUSTED_CERT')
    assert.equal(JSON.stringify(f).includes('not-a-pem-value'), false)
  })

  it('a PEM block that does not parse: KD704 fail', () => {
    const broken = '-----BEGIN CERTIFICATE-----\nAAAAAAAAAAAA\n-----END CERTIFICATE-----\n'
    assert.match(only(checkTrustedCert(vars({KAFKA_TRUSTED_CERT: broken})), 'KD704', 'fail').summary, /certificate 1 of 1 does not parse/)
  })

  it('literal \\n sequences instead of line breaks: KD704 warn, still read', () => {
    const findings = checkTrustedCert(vars({KAFKA_TRUSTED_CERT: ca.certPem.trim().replace(/\n/g, '\\n')}))
    assert.match(only(findings, 'KD704', 'warn').summary, /literal "\\n" sequences/)
    assert.ok(findings.some((f) => f.status === 'pass'))
  })

  it('a certificate that is not a CA: KD704 warn', () => {
    assert.match(only(checkTrustedCert(vars({KAFKA_TRUSTED_CERT: client.certPem})), 'KD704', 'warn').summary, /is not a CA certificate/)
  })

  it('an expired CA: KD305 fail', () => {
    const old = pki.issue('expired-ca', {fromDays: -400, toDays: -2})
    assert.match(only(checkTrustedCert(vars({KAFKA_TRUSTED_CERT: old.certPem})), 'KD305', 'fail').summary, /CA certificate CN=expired-ca expired on/)
  })

  it('an expired old CA beside a valid new one (rotation): KD305 warn only', () => {
    const old = pki.issue('expired-ca-2', {fromDays: -400, toDays: -2})
    const findings = checkTrustedCert(vars({KAFKA_TRUSTED_CERT: old.certPem + ca.certPem}))
    assert.match(only(findings, 'KD305', 'warn').summary, /another certificate in it is still valid/)
    assert.equal(findings.some((f) => f.status === 'fail'), false)
  })

  it('a CA expiring within 30 days: KD307 warn', () => {
    const soon = pki.issue('soon-ca', {toDays: 10})
    assert.match(only(checkTrustedCert(vars({KAFKA_TRUSTED_CERT: soon.certPem})), 'KD307', 'warn').summary, /expires in (9|10) days/)
  })
})

describe('KAFKA_CLIENT_CERT and KAFKA_CLIENT_CERT_KEY', () => {
  it('pass a certificate with its own key', () => {
    const {findings} = checkClientMaterial(vars({KAFKA_CLIENT_CERT: client.certPem, KAFKA_CLIENT_CERT_KEY: client.keyPem}))
    assert.deepEqual(statuses(findings), ['KAFKA_CLIENT_CERT:pass', 'KAFKA_CLIENT_CERT_KEY:pass'])
    assert.match(findings[1]!.summary, /private key \(rsa 2048 bits\), matches KAFKA_CLIENT_CERT/)
  })

  it('certificate missing: KD704 fail', () => {
    const {findings} = checkClientMaterial(vars({KAFKA_CLIENT_CERT_KEY: client.keyPem}))
    assert.match(only(findings, 'KD704', 'fail').summary, /KAFKA_CLIENT_CERT is not set/)
  })

  it('key missing: KD704 fail', () => {
    const {findings} = checkClientMaterial(vars({KAFKA_CLIENT_CERT: client.certPem}))
    assert.match(only(findings, 'KD704', 'fail').summary, /KAFKA_CLIENT_CERT_KEY is not set/)
  })

  it('certificate that is not PEM: KD704 fail', () => {
    const {findings} = checkClientMaterial(vars({KAFKA_CLIENT_CERT: 'garbage', KAFKA_CLIENT_CERT_KEY: client.keyPem}))
    assert.match(only(findings, 'KD704', 'fail').summary, /KAFKA_CLIENT_CERT \(from env KAFKA_CLIENT_CERT\) is not PEM/)
  })

  it('a key variable that holds a certificate: KD704 fail', () => {
    const {findings} = checkClientMaterial(vars({KAFKA_CLIENT_CERT: client.certPem, KAFKA_CLIENT_CERT_KEY: client.certPem}))
    assert.match(only(findings, 'KD704', 'fail').summary, /holds no private key \(found: CERTIFICATE\)/)
  })

  it('an encrypted key: KD704 fail', () => {
    const {findings} = checkClientMaterial(vars({KAFKA_CLIENT_CERT: client.certPem, KAFKA_CLIENT_CERT_KEY: pki.encrypted(client)}))
    assert.match(only(findings, 'KD704', 'fail').summary, /is encrypted/)
  })

  it('a key that does not match the certificate: KD704 fail, and no key text anywhere', () => {
    const {findings} = checkClientMaterial(vars({KAFKA_CLIENT_CERT: client.certPem, KAFKA_CLIENT_CERT_KEY: stranger.keyPem}))
    const f = only(findings, 'KD704', 'fail')
    assert.match(f.summary, /does not belong to KAFKA_CLIENT_CERT \(CN=tenant\)/)
    assert.equal(f.evidence.matchesCertificate, false)
    assert.equal(f.evidence.command, 'heroku kafka:credentials --reset')
    const keyBody = stranger.keyPem.split('\n')[2]!
    assert.equal(JSON.stringify(findings).includes(keyBody), false)
  })

  it('an expired client certificate: KD305 fail', () => {
    const old = pki.issue('old-tenant', {issuer: ca, fromDays: -60, toDays: -1})
    const {findings} = checkClientMaterial(vars({KAFKA_CLIENT_CERT: old.certPem, KAFKA_CLIENT_CERT_KEY: old.keyPem}))
    assert.match(only(findings, 'KD305', 'fail').summary, /client certificate CN=old-tenant expired on .*the broker rejects the TLS handshake/)
  })

  it('a client certificate not valid yet: KD305 fail', () => {
    const early = pki.issue('early-tenant', {issuer: ca, fromDays: 2, toDays: 300})
    const {findings} = checkClientMaterial(vars({KAFKA_CLIENT_CERT: early.certPem, KAFKA_CLIENT_CERT_KEY: early.keyPem}))
    assert.match(only(findings, 'KD305', 'fail').summary, /is not valid before/)
  })

  it('a client certificate expiring within 30 days: KD307 warn', () => {
    const soon = pki.issue('soon-tenant', {issuer: ca, toDays: 5})
    const {findings} = checkClientMaterial(vars({KAFKA_CLIENT_CERT: soon.certPem, KAFKA_CLIENT_CERT_KEY: soon.keyPem}))
    assert.match(only(findings, 'KD307', 'warn').summary, /expires in [45] days/)
  })
})

describe('Heroku CLI commands for variable problems', () => {
  it('with --env-file, every variable problem is fixed by writing the file again', async () => {
    const fixes = variableFixes(new HerokuCli('my-app'), 'heroku.env')
    const {findings} = checkClientMaterial(readHerokuVariables(await parseEnvFile(`KAFKA_CLIENT_CERT="${client.certPem.replace(/\n/g, '\\n')}"\n`, 'heroku.env')), new Date(), fixes)
    assert.equal(only(findings, 'KD704', 'fail').evidence.command, 'heroku config --shell -a my-app > heroku.env')
  })

  it('in a dyno, an expiring client certificate gets new credentials from Heroku', () => {
    const soon = pki.issue('rotating-tenant', {issuer: ca, toDays: 3})
    const {findings} = checkClientMaterial(vars({KAFKA_CLIENT_CERT: soon.certPem, KAFKA_CLIENT_CERT_KEY: soon.keyPem}), new Date(), variableFixes(new HerokuCli('my-app')))
    assert.equal(only(findings, 'KD307', 'warn').evidence.command, 'heroku kafka:credentials --reset -a my-app')
  })
})

describe('KD102: KAFKA_URL copied verbatim into another setting', () => {
  it('fails each variable that holds kafka+ssl:// URLs', () => {
    const [f, ...rest] = checkKafkaUrlCopies([{name: 'KAFKA_BROKERS', source: 'heroku.env:3'}])
    assert.equal(rest.length, 0)
    assert.equal(f!.code, 'KD102')
    assert.equal(f!.status, 'fail')
    assert.match(f!.summary, /KAFKA_BROKERS \(from heroku\.env:3\) holds kafka\+ssl:\/\/ URLs.*gsub\('kafka\+ssl:\/\/', ''\)/)
    assert.equal(f!.evidence.command, 'heroku config:unset KAFKA_BROKERS')
  })
})
