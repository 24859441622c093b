import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {describe, test} from 'node:test'

import {InputError} from '../../../src/core/input-error.js'
import {karafkaSettingsFindings, listenerFromSettings, rebalanceMitigations} from '../../../src/liveness/karafka-checks.js'
import {classify, stripComments} from '../../../src/config/ruby.js'
import {environmentSource, layerEnvironment, parseEnvFile} from '../../../src/config/env-file.js'
import {mergeSettings, readKarafkaRuby, readXProperties} from '../../../src/liveness/karafka-config.js'

const KARAFKA_RB = readFileSync(new URL('fixtures/karafka.rb', import.meta.url), 'utf8')
const problems = (findings: ReturnType<typeof karafkaSettingsFindings>) => findings.filter((f) => f.status === 'warn' || f.status === 'fail').map((f) => f.code)

describe('reading karafka.rb', () => {
  const settings = readKarafkaRuby(KARAFKA_RB, 'karafka.rb')

  test('the librdkafka keys, with their lines; commented-out lines are ignored', () => {
    const id = settings.kafka['group.instance.id']
    assert.equal(id?.length, 1)
    assert.deepEqual(id?.[0], {text: "'orders-consumer'", literal: true, value: 'orders-consumer', where: 'karafka.rb:8'})
    assert.equal(settings.kafka['partition.assignment.strategy']?.[0]?.value, 'cooperative-sticky')
    assert.equal(settings.kafka['max.poll.interval.ms']?.[0]?.value, 400_000)
    assert.equal(settings.shutdownTimeout?.value, 120_000)
  })

  test("the listener's keyword arguments, multi-line, products evaluated", () => {
    assert.equal(settings.listeners.length, 1)
    const [listener] = settings.listeners
    assert.equal(listener?.kind, 'liveness')
    assert.equal(listener?.where, 'karafka.rb:19')
    assert.equal(listener?.args.port?.value, 3001)
    assert.equal(listener?.args.hostname?.value, '192.168.1.100')
    assert.equal(listener?.args.polling_ttl?.value, 300_000)
    assert.equal(listener?.args.consuming_ttl?.value, 60_000)
  })

  test('TTLs and port for the other checks', () => {
    const from = listenerFromSettings(settings)
    assert.deepEqual(from.port, {value: 3001, where: 'karafka.rb:19'})
    assert.equal(from.ttls.consumingMs, 60_000)
    assert.equal(from.ttls.stabilityMs, 800_000, 'derived: 2 × max.poll.interval.ms')
    assert.equal(from.ttls.source, 'karafka.rb:19')
  })

  test('findings: a bound hostname (KD801) and a shared static id (KD804)', () => {
    const findings = karafkaSettingsFindings(settings, {replicas: 3, recreate: true})
    assert.deepEqual(problems(findings), ['KD801', 'KD804'])
    assert.match(findings.find((f) => f.code === 'KD801')?.summary ?? '', /documentation's example address/)
    assert.match(findings.find((f) => f.code === 'KD804')?.summary ?? '', /all 3 replicas/)
    assert.ok(findings.some((f) => f.status === 'info' && /cooperative-sticky/.test(f.summary)))
    assert.deepEqual(rebalanceMitigations(settings), ['cooperative-sticky', 'static membership'])
  })

  test('one Recreate-deployed process may use a constant id (a note, not a warning)', () => {
    assert.deepEqual(problems(karafkaSettingsFindings(settings, {replicas: 1, recreate: true})), ['KD801'])
  })

  test('a per-pod id, the swarm listener, group.protocol=consumer, no listener', () => {
    const rb = `
      config.kafka = {
        "group.instance.id" => "#{ENV.fetch('HOSTNAME')}-#{Process.pid}",
        'group.protocol': 'consumer',
        'statistics.interval.ms': 0
      }
      Karafka.monitor.subscribe(Karafka::Instrumentation::Vendors::Kubernetes::SwarmLivenessListener.new(controlling_ttl: 120_000))
    `
    const s = readKarafkaRuby(rb, 'app.rb')
    assert.equal(s.kafka['group.instance.id']?.[0]?.literal, false)
    assert.equal(s.listeners[0]?.kind, 'swarm')
    assert.equal(listenerFromSettings(s, true).ttls.controllingMs, 120_000)
    const findings = karafkaSettingsFindings(s, {replicas: 5})
    assert.deepEqual(problems(findings), [])
    const text = findings.map((f) => f.summary).join('\n')
    assert.match(text, /must differ per process/)
    assert.match(text, /KIP-848/)
    assert.match(text, /stability_ttl never fires/)

    const none = karafkaSettingsFindings(readKarafkaRuby("config.kafka = { 'bootstrap.servers': 'x:9092' }", 'k.rb'))
    assert.match(none.map((f) => f.summary).join('\n'), /no LivenessListener\.new/)
    assert.match(none.map((f) => f.summary).join('\n'), /eager rebalances/)
  })

  test('ReadinessListener is recognised and kept apart', () => {
    const s = readKarafkaRuby('a = LivenessListener.new(port: 3000)\nb = ReadinessListener.new(port: 3001)\n', 'k.rb')
    const from = listenerFromSettings(s)
    assert.deepEqual([from.port?.value, from.readinessPort?.value], [3000, 3001])
  })

  test('comments: # outside strings, interpolation kept, =begin blocks dropped', () => {
    assert.equal(stripComments("a = 'x#y' # note"), "a = 'x#y' ")
    assert.equal(stripComments('a = "#{b}" # c'), 'a = "#{b}" ')
    assert.equal(stripComments('=begin\nport: 1\n=end\nport: 2'), '\n\n\nport: 2')
  })

  test('values: literals are read, expressions kept as text', () => {
    assert.equal(classify("'x'", 'w').value, 'x')
    assert.equal(classify('"x"', 'w').value, 'x')
    assert.equal(classify('"#{x}"', 'w').literal, false)
    assert.equal(classify('nil', 'w').value, null)
    assert.equal(classify('5 * 60 * 1_000', 'w').value, 300_000)
    assert.equal(classify("ENV.fetch('PORT', 3000).to_i", 'w').literal, false)
  })
})

/** The environment of the --env-file tests: a pod name and an env file. */
const ORDERS_ENV = layerEnvironment([environmentSource({POD_NAME: 'orders-0'}), await parseEnvFile('LIVENESS_PORT=3101\nLIVENESS_HOST=0.0.0.0\nREADY_PORT=3102\n', 'app.env')])

describe('karafka.rb with an environment (--env-file)', () => {
  const rb = `
    config.kafka = { 'group.instance.id': ENV['POD_NAME'], 'max.poll.interval.ms': ENV.fetch('MAX_POLL', 300_000).to_i }
    Karafka.monitor.subscribe(LivenessListener.new(
      port: ENV.fetch('LIVENESS_PORT', 3000).to_i,
      hostname: ENV['LIVENESS_HOST'],
      polling_ttl: ENV.fetch('POLLING_TTL').to_i,
      consuming_ttl: compute_ttl
    ))
    Karafka.monitor.subscribe(ReadinessListener.new(port: ENV['READY_PORT']))
  `
  const env = ORDERS_ENV

  test('ENV lookups become the values from the environment and the env file, under their lines', () => {
    const s = readKarafkaRuby(rb, 'karafka.rb', env)
    const [listener, readiness] = s.listeners
    assert.deepEqual(listener?.args.port, {text: "ENV.fetch('LIVENESS_PORT', 3000).to_i", literal: true, value: 3101, where: 'karafka.rb:3'})
    assert.equal(listener?.args.hostname?.value, '0.0.0.0')
    assert.equal(readiness?.args.port?.value, 3102, "ENV['READY_PORT'] without .to_i: digits read as the port")
    assert.deepEqual(listenerFromSettings(s).port, {value: 3101, where: 'karafka.rb:3'})
    assert.deepEqual(listenerFromSettings(s).readinessPort, {value: 3102, where: 'karafka.rb:9'})
    assert.equal(s.kafka['group.instance.id']?.[0]?.value, 'orders-0')
    assert.equal(s.kafka['max.poll.interval.ms']?.[0]?.value, 300_000, "ENV.fetch's default when unset")
  })

  test('what cannot be evaluated stays an expression, as without an environment', () => {
    const s = readKarafkaRuby(rb, 'karafka.rb', env)
    const args = s.listeners[0]?.args
    assert.deepEqual(args?.polling_ttl, {text: "ENV.fetch('POLLING_TTL').to_i", literal: false, where: 'karafka.rb:3'}, 'ENV.fetch without a default, unset')
    assert.deepEqual(args?.consuming_ttl, {text: 'compute_ttl', literal: false, where: 'karafka.rb:3'})

    const without = readKarafkaRuby(rb, 'karafka.rb')
    assert.deepEqual(without.listeners[0]?.args.port, {text: "ENV.fetch('LIVENESS_PORT', 3000).to_i", literal: false, where: 'karafka.rb:3'})
    assert.equal(without.kafka['group.instance.id']?.[0]?.literal, false)
  })
})

describe('-X properties', () => {
  test('only the keys the checks read are kept; -X wins over the file', () => {
    const x = readXProperties(['group.instance.id=pod-1', 'sasl.password=hunter2', 'max.poll.interval.ms=600000'])
    assert.deepEqual(Object.keys(x.kafka).sort(), ['group.instance.id', 'max.poll.interval.ms'])
    assert.doesNotMatch(JSON.stringify(x), /hunter2/)
    const merged = mergeSettings(readKarafkaRuby(KARAFKA_RB, 'karafka.rb'), x)
    assert.equal(merged?.kafka['group.instance.id']?.[0]?.value, 'pod-1')
    assert.equal(merged?.source, 'karafka.rb and -X')
    assert.equal(listenerFromSettings(merged).ttls.stabilityMs, 1_200_000)
  })

  test('a constant id given with -X is a note: it is one process\'s value', () => {
    assert.deepEqual(problems(karafkaSettingsFindings(readXProperties(['group.instance.id=pod-1']), {replicas: 3})), [])
  })

  test('not key=value → InputError naming -X', () => {
    assert.throws(() => readXProperties(['group.instance.id']), (e: unknown) => e instanceof InputError && /-X group\.instance\.id/.test(e.oneLine()))
  })
})
