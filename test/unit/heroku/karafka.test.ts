// The Karafka side: Web UI topic settings (KD705) and the config.kafka snippet built from Heroku's variables.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {createCommand, judgeWebUiTopic} from '../../../src/checks/heroku/web-ui.js'
import {WEB_UI_TOPICS, karafkaKafkaSettings, karafkaSnippet} from '../../../src/platforms/heroku/karafka.js'
import {HerokuCli} from '../../../src/platforms/heroku/prefix.js'

const cli = new HerokuCli('my-app')
const DAY = 86_400_000
const web = (name: string) => WEB_UI_TOPICS.find((t) => t.name === name)!

describe('Web UI topics (error catalog section C)', () => {
  it('lists the five topics with the settings karafka-web creates them with', () => {
    assert.deepEqual(
      WEB_UI_TOPICS.map((t) => [t.name, t.cleanupPolicy, t.retentionMs, t.singlePartition]),
      [
        ['karafka_consumers_states', 'compact', 3_600_000, true],
        ['karafka_consumers_reports', 'delete', DAY, true],
        ['karafka_consumers_metrics', 'compact', DAY, true],
        ['karafka_consumers_commands', 'delete', 7 * DAY, false],
        ['karafka_errors', 'delete', 93 * DAY, false],
      ],
    )
  })

  it("accepts the Web UI's own settings", () => {
    assert.deepEqual(judgeWebUiTopic(web('karafka_consumers_states'), {partitions: 1, cleanupPolicy: 'compact', retentionMs: 3_600_000}, 'karafka_consumers_states', cli), [])
    assert.deepEqual(judgeWebUiTopic(web('karafka_consumers_reports'), {partitions: 1, cleanupPolicy: 'delete', retentionMs: DAY}, 'karafka_consumers_reports', cli), [])
    assert.deepEqual(judgeWebUiTopic(web('karafka_errors'), {partitions: 4, cleanupPolicy: 'delete', retentionMs: 14 * DAY}, 'karafka_errors', cli), [])
  })

  it("fails a states topic left at Heroku's one-day delete retention, with the compaction command", () => {
    const [p, ...rest] = judgeWebUiTopic(web('karafka_consumers_states'), {partitions: 1, cleanupPolicy: 'delete', retentionMs: DAY}, 'karafka_consumers_states', cli)
    assert.equal(rest.length, 0)
    assert.equal(p!.status, 'fail')
    assert.equal(p!.setting, 'cleanup.policy')
    assert.match(p!.summary, /cleanup\.policy=delete with retention\.ms=86400000 \(1d\).*deletes after 1d \("initial consumers state missing"\)/)
    assert.deepEqual(p!.commands, ['heroku kafka:topics:compaction karafka_consumers_states enable -a my-app'])
  })

  it('warns about compact,delete on a snapshot topic and turns the time-based deletion off', () => {
    const [p] = judgeWebUiTopic(web('karafka_consumers_metrics'), {partitions: 1, cleanupPolicy: 'compact,delete', retentionMs: DAY}, 'karafka_consumers_metrics', cli)
    assert.equal(p!.status, 'warn')
    assert.deepEqual(p!.commands, ['heroku kafka:topics:retention-time karafka_consumers_metrics disable -a my-app'])
  })

  it('warns about retention below what a delete topic needs, with the retention command', () => {
    const [p] = judgeWebUiTopic(web('karafka_consumers_reports'), {partitions: 1, cleanupPolicy: 'delete', retentionMs: 6 * 3_600_000}, 'karafka_consumers_reports', cli)
    assert.equal(p!.status, 'warn')
    assert.equal(p!.setting, 'retention.ms')
    assert.deepEqual(p!.commands, ['heroku kafka:topics:retention-time karafka_consumers_reports 1d -a my-app'])
    const [errors] = judgeWebUiTopic(web('karafka_errors'), {partitions: 1, cleanupPolicy: 'delete', retentionMs: DAY}, 'karafka_errors', cli)
    assert.deepEqual(errors!.commands, ['heroku kafka:topics:retention-time karafka_errors 14d -a my-app'])
  })

  it('warns about a compacted delete-policy topic', () => {
    const [p] = judgeWebUiTopic(web('karafka_consumers_commands'), {partitions: 1, cleanupPolicy: 'compact', retentionMs: 7 * DAY}, 'karafka_consumers_commands', cli)
    assert.equal(p!.status, 'warn')
    assert.deepEqual(p!.commands, ['heroku kafka:topics:compaction karafka_consumers_commands disable -a my-app'])
  })

  it('fails a topic that must have one partition and has more: recreate it', () => {
    const [p] = judgeWebUiTopic(web('karafka_consumers_reports'), {partitions: 3, cleanupPolicy: 'delete', retentionMs: DAY}, 'karafka_consumers_reports', cli)
    assert.equal(p!.status, 'fail')
    assert.equal(p!.setting, 'partitions')
    assert.deepEqual(p!.commands, [
      'heroku kafka:topics:destroy karafka_consumers_reports -a my-app',
      'heroku kafka:topics:create karafka_consumers_reports --partitions 1 --retention-time 1d -a my-app',
    ])
  })

  it('creates each topic with its settings', () => {
    assert.deepEqual(
      WEB_UI_TOPICS.map((t) => createCommand(t, t.name, new HerokuCli())),
      [
        'heroku kafka:topics:create karafka_consumers_states --partitions 1 --compaction',
        'heroku kafka:topics:create karafka_consumers_reports --partitions 1 --retention-time 1d',
        'heroku kafka:topics:create karafka_consumers_metrics --partitions 1 --compaction',
        'heroku kafka:topics:create karafka_consumers_commands --partitions 1 --retention-time 7d',
        'heroku kafka:topics:create karafka_errors --partitions 1 --retention-time 14d',
      ],
    )
  })
})

describe('karafkaSnippet', () => {
  const input = {prefix: 'wiry-12345.', groupId: 'app', adminGroup: 'karafka_admin', webGroup: 'karafka_web', topics: ['events', 'events'], webUi: true}

  it("builds config.kafka from Heroku's variables: scheme stripped, PEMs from env, host name check off, CA check on", () => {
    const snippet = karafkaSnippet(input)
    assert.match(snippet, /'bootstrap\.servers': ENV\.fetch\('KAFKA_URL'\)\.gsub\('kafka\+ssl:\/\/', ''\),/)
    assert.match(snippet, /'security\.protocol': 'ssl',/)
    assert.match(snippet, /'ssl\.ca\.pem': ENV\.fetch\('KAFKA_TRUSTED_CERT'\),/)
    assert.match(snippet, /'ssl\.certificate\.pem': ENV\.fetch\('KAFKA_CLIENT_CERT'\),/)
    assert.match(snippet, /'ssl\.key\.pem': ENV\.fetch\('KAFKA_CLIENT_CERT_KEY'\),/)
    assert.match(snippet, /'ssl\.endpoint\.identification\.algorithm': 'none'/)
    assert.doesNotMatch(snippet, /enable\.ssl\.certificate\.verification/)
  })

  it('prefixes every group and Web UI topic name from KAFKA_PREFIX', () => {
    const snippet = karafkaSnippet(input)
    assert.match(snippet, /config\.group_id = "#\{ENV\.fetch\('KAFKA_PREFIX'\)\}app"/)
    assert.match(snippet, /config\.admin\.group_id = "#\{ENV\.fetch\('KAFKA_PREFIX'\)\}karafka_admin"/)
    assert.match(snippet, /Karafka::Web\.setup do \|config\|\n {2}config\.group_id = "#\{ENV\.fetch\('KAFKA_PREFIX'\)\}karafka_web"/)
    for (const topic of WEB_UI_TOPICS) assert.ok(snippet.includes(`${topic.setting} = "#{ENV.fetch('KAFKA_PREFIX')}${topic.name}"`), topic.name)
    assert.equal(snippet.match(/topic "#\{ENV\.fetch\('KAFKA_PREFIX'\)\}events" do/g)?.length, 1, 'each route once')
  })

  it('uses plain names on a dedicated plan (no prefix) and leaves the Web UI out when asked', () => {
    const snippet = karafkaSnippet({...input, prefix: undefined, webUi: false})
    assert.match(snippet, /config\.group_id = 'app'/)
    assert.doesNotMatch(snippet, /KAFKA_PREFIX|Karafka::Web/)
  })

  it('gives the same settings as data, the key only as the name of its variable', () => {
    const settings = karafkaKafkaSettings('h1:9096,h2:9096')
    assert.deepEqual(settings.find((s) => s.property === 'bootstrap.servers')?.value, 'h1:9096,h2:9096')
    assert.deepEqual(settings.find((s) => s.property === 'ssl.key.pem'), {property: 'ssl.key.pem', from: 'KAFKA_CLIENT_CERT_KEY'})
    assert.deepEqual(settings.find((s) => s.property === 'ssl.endpoint.identification.algorithm')?.value, 'none')
  })
})
