// Naming against KAFKA_PREFIX: one test per naming mistake, plus the prefix rules themselves.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {type NameToCheck, checkNames} from '../../../src/checks/heroku/names.js'
import {namesToCheck} from '../../../src/checks/heroku/names.js'
import {HerokuCli, herokuDuration, invalidTopicName, judgeName, prefixProblem} from '../../../src/platforms/heroku/prefix.js'

const PREFIX = {value: 'wiry-12345.', source: 'env KAFKA_PREFIX'}
const cli = new HerokuCli()
const topic = (name: string, extra: Partial<NameToCheck> = {}): NameToCheck => ({kind: 'topic', name, role: 'topic', given: true, ...extra})
const group = (name: string, role = 'consumer group'): NameToCheck => ({kind: 'group', name, role, given: true})
const one = (n: NameToCheck) => {
  const findings = checkNames([n], PREFIX, cli)
  assert.equal(findings.length, 1)
  return findings[0]!
}

describe('judgeName', () => {
  it('keeps a prefixed name and gives the Heroku CLI name without the prefix', () => {
    assert.deepEqual(judgeName('wiry-12345.events', 'wiry-12345.'), {name: 'wiry-12345.events', status: 'prefixed', corrected: 'wiry-12345.events', bare: 'events'})
  })

  it('prefixes a bare name', () => {
    assert.deepEqual(judgeName('events', 'wiry-12345.'), {name: 'events', status: 'unprefixed', corrected: 'wiry-12345.events', bare: 'events'})
  })

  it('repairs a prefix written without its dot', () => {
    assert.equal(judgeName('wiry-12345events', 'wiry-12345.').corrected, 'wiry-12345.events')
    assert.equal(judgeName('wiry-12345_events', 'wiry-12345.').corrected, 'wiry-12345.events')
    assert.equal(judgeName('wiry-12345-events', 'wiry-12345.').bare, 'events')
  })

  it('spots a prefix typed twice', () => {
    assert.deepEqual(judgeName('wiry-12345.wiry-12345.events', 'wiry-12345.'), {
      name: 'wiry-12345.wiry-12345.events',
      status: 'doubled',
      corrected: 'wiry-12345.events',
      bare: 'events',
    })
  })
})

describe('checkNames (KD701 topics, KD702 groups)', () => {
  it('passes a prefixed topic', () => {
    const f = one(topic('wiry-12345.events'))
    assert.equal(f.status, 'pass')
    assert.equal(f.target, 'topic wiry-12345.events')
  })

  it('unprefixed topic: KD701 fail with the corrected name, the Karafka form and a Heroku CLI command', () => {
    const f = one(topic('events'))
    assert.equal(f.code, 'KD701')
    assert.equal(f.status, 'fail')
    assert.equal(f.target, 'topic events')
    assert.equal(f.evidence.corrected, 'wiry-12345.events')
    assert.equal(f.evidence.herokuCliName, 'events')
    assert.match(f.summary, /lacks KAFKA_PREFIX "wiry-12345\.": use wiry-12345\.events \(in Karafka "#\{ENV\.fetch\('KAFKA_PREFIX'\)\}events"\)/)
    assert.equal(f.evidence.command, 'heroku kafka:topics:info events')
  })

  it('unprefixed consumer group: KD702 fail with the corrected name', () => {
    const f = one(group('app'))
    assert.equal(f.code, 'KD702')
    assert.equal(f.status, 'fail')
    assert.equal(f.evidence.corrected, 'wiry-12345.app')
    assert.equal(f.evidence.command, 'heroku kafka:consumer-groups')
  })

  it("Karafka's own unprefixed defaults (admin and Web UI groups): KD702", () => {
    for (const [name, role] of [['karafka_admin', 'Karafka admin group'], ['karafka_web', 'Web UI group']] as const) {
      const f = one(group(name, role))
      assert.equal(f.code, 'KD702')
      assert.match(f.summary, new RegExp(`^${role} ${name} lacks KAFKA_PREFIX.*use wiry-12345\\.${name}`))
    }
  })

  it('prefix without its dot: KD701 with the repaired name', () => {
    const f = one(topic('wiry-12345events'))
    assert.equal(f.code, 'KD701')
    assert.equal(f.evidence.corrected, 'wiry-12345.events')
  })

  it('prefix typed into the Heroku CLI (carried twice): KD701 warn with the create command under the right name', () => {
    const f = one(topic('wiry-12345.wiry-12345.events', {partitions: 8}))
    assert.equal(f.code, 'KD701')
    assert.equal(f.status, 'warn')
    assert.equal(f.evidence.command, 'heroku kafka:topics:create events --partitions 8')
  })

  it('group carried twice: KD702 warn', () => {
    const f = one(group('wiry-12345.wiry-12345.app'))
    assert.equal(f.code, 'KD702')
    assert.equal(f.status, 'warn')
    assert.equal(f.evidence.command, 'heroku kafka:consumer-groups:create app')
  })

  it("does not repeat kdoctor's own (already prefixed) defaults", () => {
    assert.deepEqual(checkNames([{...group('wiry-12345.app'), given: false}], PREFIX, cli), [])
  })

  it('without a prefix, says the names were not checked', () => {
    const [f] = checkNames([topic('events')], undefined, cli)
    assert.equal(f!.status, 'skip')
    assert.match(f!.summary, /not checked against a prefix: KAFKA_PREFIX is not set/)
  })
})

describe('namesToCheck', () => {
  const base = {topics: [], groups: [], karafka: true, webUi: true}

  it("adds Karafka's group_id, admin and Web UI groups and the five Web UI topics, prefixed", () => {
    const names = namesToCheck(base, 'wiry-12345.')
    assert.deepEqual(
      names.map((n) => `${n.kind} ${n.name} ${n.given}`),
      [
        'group wiry-12345.app false',
        'group wiry-12345.karafka_admin false',
        'group wiry-12345.karafka_web false',
        'topic wiry-12345.karafka_consumers_states false',
        'topic wiry-12345.karafka_consumers_reports false',
        'topic wiry-12345.karafka_consumers_metrics false',
        'topic wiry-12345.karafka_consumers_commands false',
        'topic wiry-12345.karafka_errors false',
      ],
    )
  })

  it("checks Karafka's names as the app gives them, once each, and skips what is switched off", () => {
    const names = namesToCheck({...base, webUi: false, groups: ['app'], groupId: 'app', adminGroup: 'karafka_admin', topics: [{name: 'events', partitions: 3}]}, 'wiry-12345.')
    assert.deepEqual(
      names.map((n) => `${n.kind} ${n.name} ${n.role} ${n.given}`),
      ['topic events topic true', 'group app consumer group true', 'group karafka_admin Karafka admin group true'],
    )
    assert.deepEqual(namesToCheck({...base, karafka: false, webUi: false}, 'p.'), [])
  })

  it('keeps the Web UI settings check for a --topic that is a Web UI topic', () => {
    const names = namesToCheck({...base, karafka: false, topics: [{name: 'p.karafka_errors'}]}, 'p.')
    const errors = names.filter((n) => n.name === 'p.karafka_errors')
    assert.equal(errors.length, 1)
    assert.equal(errors[0]!.given, true)
    assert.equal(errors[0]!.webUi?.name, 'karafka_errors')
  })
})

describe('prefix rules', () => {
  it('validates topic names as Kafka does', () => {
    assert.equal(invalidTopicName('wiry-12345.events_v2'), undefined)
    assert.match(invalidTopicName('has space')!, /characters other than/)
    assert.match(invalidTopicName('..')!, /not a topic name/)
    assert.match(invalidTopicName('x'.repeat(250))!, /longer than 249/)
  })

  it('knows what a Heroku prefix looks like', () => {
    assert.equal(prefixProblem('wiry-12345.'), undefined)
    assert.match(prefixProblem('wiry-12345')!, /does not end with/)
  })

  it('writes Heroku CLI commands, with -a only when the app is known', () => {
    assert.equal(new HerokuCli().consumerGroupsCreate('app'), 'heroku kafka:consumer-groups:create app')
    assert.equal(new HerokuCli('my-app').topicsCreate('events', {partitions: 8}), 'heroku kafka:topics:create events --partitions 8 -a my-app')
    assert.equal(new HerokuCli().topicsCreate('events'), 'heroku kafka:topics:create events --partitions <partitions>')
    assert.equal(new HerokuCli().topicsCreate('s', {partitions: 1, compaction: true}), 'heroku kafka:topics:create s --partitions 1 --compaction')
    assert.equal(new HerokuCli().retentionTime('r', 86_400_000), 'heroku kafka:topics:retention-time r 1d')
    assert.equal(new HerokuCli().retentionTime('r', 'disable'), 'heroku kafka:topics:retention-time r disable')
  })

  it('writes durations the way the Heroku CLI reads them', () => {
    assert.equal(herokuDuration(14 * 86_400_000), '14d')
    assert.equal(herokuDuration(6 * 3_600_000), '6h')
    assert.equal(herokuDuration(90 * 60_000), '2h')
  })
})
