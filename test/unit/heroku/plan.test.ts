// The heroku-prefix plan without the network (--no-live): every static check in one run.
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import {syncBuiltinESMExports} from 'node:module'
import {after, before, describe, it} from 'node:test'

import {Deadline} from '../../../src/core/deadline.js'
import {MASK} from '../../../src/diagnosis/mask.js'
import {type HerokuPrefixInput, runHerokuPrefixPlan} from '../../../src/plans/heroku-prefix.js'
import {environmentSource} from '../../../src/platforms/heroku/env.js'
import {type Issued, Pki} from './pki.js'

let pki: Pki
let ca: Issued
let client: Issued

before(() => {
  pki = new Pki()
  ca = pki.issue('plan-ca', {toDays: 3650})
  client = pki.issue('plan-tenant', {issuer: ca})
})

after(() => pki.remove())

function input(env: Record<string, string>, more: Partial<HerokuPrefixInput> = {}): HerokuPrefixInput {
  return {
    variables: environmentSource(env),
    processEnv: {},
    topics: [],
    groups: [],
    karafka: true,
    webUi: true,
    live: false,
    connection: {properties: []},
    deadline: new Deadline(10_000),
    ...more,
  }
}

const herokuEnv = () => ({
  KAFKA_URL: 'kafka+ssl://ec2-1-2-3-4.compute-1.amazonaws.com:9096,kafka+ssl://ec2-1-2-3-5.compute-1.amazonaws.com:9096',
  KAFKA_PREFIX: 'wiry-12345.',
  KAFKA_TRUSTED_CERT: ca.certPem,
  KAFKA_CLIENT_CERT: client.certPem,
  KAFKA_CLIENT_CERT_KEY: client.keyPem,
})

describe('runHerokuPrefixPlan --no-live', () => {
  it('passes a correct setup without sending anything, and still builds the Karafka settings', async () => {
    const result = await runHerokuPrefixPlan(input(herokuEnv(), {topics: [{name: 'wiry-12345.events'}], groupId: 'wiry-12345.app'}))
    const bad = result.findings.filter((f) => f.status === 'fail' || f.status === 'warn')
    assert.deepEqual(bad, [])
    const live = result.findings.find((f) => f.target === 'live checks')
    assert.equal(live?.status, 'skip')
    assert.match(live!.summary, /--no-live: nothing was sent/)
    // No layer of connect ran.
    assert.equal(result.findings.some((f) => ['dns', 'tcp', 'tls'].includes(f.check)), false)
    const snippet = result.findings.find((f) => f.target === 'Karafka settings')!
    assert.equal(snippet.code, 'KD304')
    assert.equal(snippet.status, 'info')
    assert.equal(result.heroku.prefix, 'wiry-12345.')
    assert.deepEqual(result.heroku.commands, [])
    assert.deepEqual(result.heroku.karafka.kafka[0], {property: 'bootstrap.servers', value: 'ec2-1-2-3-4.compute-1.amazonaws.com:9096,ec2-1-2-3-5.compute-1.amazonaws.com:9096', from: 'KAFKA_URL without kafka+ssl://'})
  })

  it('collects every naming mistake and the Heroku CLI command of each problem', async () => {
    const result = await runHerokuPrefixPlan(input({...herokuEnv(), HEROKU_APP_NAME: 'my-app'}, {topics: [{name: 'events'}, {name: 'wiry-12345.wiry-12345.orders', partitions: 4}], groups: ['app'], adminGroup: 'karafka_admin'}))
    const codes = result.findings.filter((f) => f.code && f.status !== 'info').map((f) => `${f.code}:${f.status}:${f.target}`)
    assert.deepEqual(codes, [
      'KD701:fail:topic events',
      'KD701:warn:topic wiry-12345.wiry-12345.orders',
      'KD702:fail:group app',
      'KD702:fail:group karafka_admin',
    ])
    assert.equal(result.heroku.app, 'my-app')
    assert.deepEqual(result.heroku.commands, [
      'heroku kafka:topics:info events -a my-app',
      'heroku kafka:topics:create orders --partitions 4 -a my-app',
      'heroku kafka:consumer-groups -a my-app',
    ])
    // The snippet names the groups the way the app must: prefix from the environment + name without it.
    assert.match(result.heroku.karafka.snippet, /config\.admin\.group_id = "#\{ENV\.fetch\('KAFKA_PREFIX'\)\}karafka_admin"/)
  })

  it('reports KD102 for a configuration that uses KAFKA_URL verbatim (-b "$KAFKA_URL", or a copied variable)', async () => {
    const env = {...herokuEnv(), KAFKA_BROKERS: herokuEnv().KAFKA_URL}
    const result = await runHerokuPrefixPlan(input(env, {connection: {bootstrapServers: env.KAFKA_URL, properties: []}}))
    const kd102 = result.findings.filter((f) => f.code === 'KD102').map((f) => `${f.status}:${f.target}`)
    assert.deepEqual(kd102.sort(), ['fail:KAFKA_BROKERS', 'fail:bootstrap.servers'])
  })

  it("does not report KD102 for kdoctor's own reading of KAFKA_URL, nor KD106 twice for the certificate variables", async () => {
    const env = {...herokuEnv(), KAFKA_CLIENT_CERT_KEY: 'not a key'}
    const result = await runHerokuPrefixPlan(input(env))
    assert.equal(result.findings.some((f) => f.code === 'KD102'), false)
    assert.equal(result.findings.some((f) => f.code === 'KD106'), false)
    assert.equal(result.findings.filter((f) => f.code === 'KD704' && f.target === 'KAFKA_CLIENT_CERT_KEY').length, 1)
  })

  it('never puts the private key into findings or the summary', async () => {
    const result = await runHerokuPrefixPlan(input(herokuEnv(), {topics: [{name: 'events'}]}))
    const text = JSON.stringify(result)
    for (const line of client.keyPem.split('\n').filter((l) => l.length > 40)) assert.equal(text.includes(line), false)
  })

  it('opens KAFKA_CLIENT_CERT_KEY once: the profile takes that opened key, the text never goes back into an environment to be parsed again', async (t) => {
    // Every private key opened in the run (ESM importers of node:crypto see the mock once synced).
    const opened: string[] = []
    const createPrivateKey = crypto.createPrivateKey
    t.mock.method(crypto, 'createPrivateKey', (...args: Parameters<typeof createPrivateKey>) => {
      const [key] = args
      opened.push(typeof key === 'object' && key !== null && 'key' in key && typeof key.key === 'string' ? key.key : String(key))
      return createPrivateKey(...args)
    })
    syncBuiltinESMExports()
    t.after(() => {
      t.mock.restoreAll()
      syncBuiltinESMExports()
    })

    const result = await runHerokuPrefixPlan(input(herokuEnv()))
    const body = client.keyPem.split('\n').find((l) => l.length > 40)!
    assert.equal(opened.filter((text) => text.includes(body)).length, 1, 'the key is opened by checkClientMaterial only')
    const keyPem = result.profile?.tls.keyPem
    assert.ok(keyPem, 'the profile has the client key')
    assert.equal(keyPem.source, 'env KAFKA_CLIENT_CERT_KEY')
    assert.ok(keyPem.reveal().includes(body))
    // Listed among the settings where the variable stood, masked.
    const setting = result.settings?.find((s) => s.key === 'ssl.key.pem')
    assert.deepEqual(setting, {key: 'ssl.key.pem', value: MASK, source: 'env KAFKA_CLIENT_CERT_KEY', secret: true})
    assert.deepEqual(result.settings?.map((s) => s.key), ['bootstrap.servers', 'ssl.ca.pem', 'ssl.certificate.pem', 'ssl.key.pem'])
  })

  it('without KAFKA_URL: KD704, and no live checks even when asked', async () => {
    const {KAFKA_URL: _, ...env} = herokuEnv()
    const result = await runHerokuPrefixPlan(input(env, {live: true}))
    assert.ok(result.findings.some((f) => f.code === 'KD704' && f.target === 'KAFKA_URL' && f.status === 'fail'))
    const live = result.findings.find((f) => f.target === 'live checks')
    assert.match(live!.summary, /KAFKA_URL gives no broker/)
  })
})
