// Input dialects: -F properties files, -X, precedence, value indirections (env:, file:, -), --timeout.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {InputError} from '../../../src/core/input-error.js'
import {parseDuration} from '../../../src/config/duration.js'
import {loadProfile} from '../../../src/config/load-profile.js'
import {parsePropertiesText} from '../../../src/config/properties.js'
import {Secret} from '../../../src/config/secret.js'
import {tempDir, writeFile} from './helpers.js'

const KCAT_FILE = `# client.properties for the orders service (kcat -F)
! exported from the app's librdkafka config

bootstrap.servers = broker-1.internal:9093,broker-2.internal:9093
security.protocol=SASL_SSL
sasl.mechanisms =SCRAM-SHA-512
sasl.username= orders-app
  # indented comment
client.id: orders-diagnostics
`

/** Asserts `promise` rejects with an InputError and returns it. */
async function inputError(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise
  } catch (error) {
    assert.ok(error instanceof InputError, `expected InputError, got ${String(error)}`)
    return error
  }

  assert.fail('expected an InputError')
}

describe('-F properties file', () => {
  it('reads kcat-style key=value lines with # and ! comments, blank lines, spaces around =, and Java key: value', () => {
    const props = parsePropertiesText(KCAT_FILE, 'client.properties')
    assert.deepEqual(
      props.map((p) => [p.key, p.value, p.source]),
      [
        ['bootstrap.servers', 'broker-1.internal:9093,broker-2.internal:9093', 'client.properties:4'],
        ['security.protocol', 'SASL_SSL', 'client.properties:5'],
        ['sasl.mechanisms', 'SCRAM-SHA-512', 'client.properties:6'],
        ['sasl.username', 'orders-app', 'client.properties:7'],
        ['client.id', 'orders-diagnostics', 'client.properties:9'],
      ],
    )
  })

  it('names the file line in bootstrapSource and in every property source', async () => {
    const dir = tempDir()
    const file = writeFile(dir, 'client.properties', KCAT_FILE)
    const {profile} = await loadProfile({properties: ['sasl.password=x'], configFile: file}, {})
    assert.equal(profile.bootstrapSource, 'client.properties:4')
    assert.deepEqual(profile.bootstrap.map((a) => `${a.host}:${a.port}`), ['broker-1.internal:9093', 'broker-2.internal:9093'])
    assert.deepEqual(profile.securityProtocol, {value: 'SASL_SSL', source: 'client.properties:5'})
    assert.deepEqual(profile.sasl?.mechanism, {value: 'SCRAM-SHA-512', source: 'client.properties:6'})
    assert.deepEqual(profile.sasl?.username, {value: 'orders-app', source: 'client.properties:7'})
    assert.equal(profile.properties.get('client.id')?.source, 'client.properties:9')
  })

  it('an unreadable -F file is an InputError from flag --config', async () => {
    const error = await inputError(loadProfile({properties: [], configFile: '/nonexistent/kdoctor/client.properties'}, {}))
    assert.equal(error.source, 'flag --config')
    assert.match(error.message, /cannot read config file \/nonexistent\/kdoctor\/client\.properties: no such file/)
  })

  it('a line without a separator is an InputError naming the line, without echoing it', async () => {
    const dir = tempDir()
    const file = writeFile(dir, 'app.conf', 'security.protocol=ssl\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n')
    const error = await inputError(loadProfile({properties: [], configFile: file}, {}))
    assert.equal(error.source, 'app.conf:2')
    assert.doesNotMatch(error.oneLine(), /MIIE/)
  })
})

describe('-X key=value', () => {
  it('-X without "=" is an InputError naming the argument', async () => {
    const error = await inputError(loadProfile({properties: ['security.protocol=ssl', 'sasl.username'], configFile: undefined}, {}))
    assert.equal(error.source, '-X sasl.username')
    assert.match(error.message, /is not key=value/)
  })

  it('does not echo an argument that may carry a secret', async () => {
    const error = await inputError(loadProfile({properties: ['sasl.password:CANARY-pw-7c1e']}, {}))
    assert.equal(error.source, '-X argument #1')
    assert.doesNotMatch(error.oneLine(), /CANARY/)
  })

  it('precedence: -X over -F over env, aliases count as the same property', async () => {
    const dir = tempDir()
    const file = writeFile(dir, 'client.properties', 'bootstrap.servers=file-broker:9092\nsasl.mechanism=PLAIN\nsecurity.protocol=sasl_ssl\nsasl.username=u\nsasl.password=p\n')
    const env = {KAFKA_BOOTSTRAP_SERVERS: 'env-broker:9092'}

    const fileWins = await loadProfile({properties: [], configFile: file}, env)
    assert.equal(fileWins.profile.bootstrapSource, 'client.properties:1')
    assert.equal(fileWins.profile.bootstrap[0]?.host, 'file-broker')

    const flagWins = await loadProfile({properties: ['metadata.broker.list=flag-broker:9092', 'sasl.mechanisms=SCRAM-SHA-256'], configFile: file}, env)
    assert.equal(flagWins.profile.bootstrapSource, '-X metadata.broker.list')
    assert.equal(flagWins.profile.bootstrap[0]?.host, 'flag-broker')
    assert.deepEqual(flagWins.profile.sasl?.mechanism, {value: 'SCRAM-SHA-256', source: '-X sasl.mechanisms'})

    const envOnly = await loadProfile({properties: []}, env)
    assert.equal(envOnly.profile.bootstrapSource, 'env KAFKA_BOOTSTRAP_SERVERS')

    const laterX = await loadProfile({properties: ['client.id=a', 'client.id=b']}, {})
    assert.deepEqual(laterX.profile.properties.get('client.id'), {value: 'b', source: '-X client.id'})
  })
})

describe('secrets from env:, stdin and file:', () => {
  it('-X sasl.password=env:KAFKA_PASSWORD → Secret with source "env KAFKA_PASSWORD"', async () => {
    const {profile} = await loadProfile(
      {bootstrapServers: 'k1:9096', properties: ['security.protocol=sasl_ssl', 'sasl.mechanisms=SCRAM-SHA-512', 'sasl.username=app', 'sasl.password=env:KAFKA_PASSWORD']},
      {KAFKA_PASSWORD: 'CANARY-pw-7c1e'},
    )
    const password = profile.sasl?.password
    assert.ok(password instanceof Secret)
    assert.equal(password.source, 'env KAFKA_PASSWORD')
    assert.equal(password.reveal(), 'CANARY-pw-7c1e')
    assert.ok(profile.properties.get('sasl.password')?.value instanceof Secret)
  })

  it('a referenced but unset env var is an InputError naming the variable and the -X that referenced it', async () => {
    const error = await inputError(loadProfile({properties: ['sasl.password=env:KAFKA_PASSWORD']}, {}))
    assert.equal(error.message, 'environment variable KAFKA_PASSWORD is not set')
    assert.equal(error.source, '-X sasl.password')
  })

  it('an env reference that loses to a higher layer is never followed', async () => {
    const dir = tempDir()
    const file = writeFile(dir, 'client.properties', 'sasl.password=env:UNSET_IN_THIS_TEST\n')
    const {profile} = await loadProfile({properties: ['sasl.password=direct'], configFile: file}, {})
    assert.equal(profile.properties.get('sasl.password')?.source, '-X sasl.password')
  })

  it('-X sasl.password=- reads one line of stdin; each "-" takes the next line', async () => {
    let reads = 0
    const stdin = async (): Promise<string> => {
      reads++
      return 'CANARY-pw-7c1e\nclient-secret-2\n'
    }

    const {profile} = await loadProfile(
      {
        properties: ['security.protocol=sasl_ssl', 'sasl.mechanisms=PLAIN', 'sasl.username=key', 'sasl.password=-', 'ssl.key.password=-'],
        stdin,
      },
      {},
    )
    assert.equal(reads, 1)
    assert.equal(profile.sasl?.password?.reveal(), 'CANARY-pw-7c1e')
    assert.equal(profile.sasl?.password?.source, 'stdin (-X sasl.password)')
    const keyPassword = profile.properties.get('ssl.key.password')?.value
    assert.ok(keyPassword instanceof Secret)
    assert.equal(keyPassword.reveal(), 'client-secret-2')
  })

  it('"-" without stdin, or with stdin used up, is an InputError', async () => {
    const none = await inputError(loadProfile({properties: ['sasl.password=-']}, {}))
    assert.equal(none.source, '-X sasl.password')
    const short = await inputError(loadProfile({properties: ['sasl.password=-', 'ssl.key.password=-'], stdin: async () => 'only-one\n'}, {}))
    assert.equal(short.source, '-X ssl.key.password')
  })

  it('file:/path reads a secret from a file (one trailing newline dropped)', async () => {
    const dir = tempDir()
    const path = writeFile(dir, 'password', 'CANARY-pw-7c1e\n')
    const {profile} = await loadProfile({properties: ['security.protocol=sasl_ssl', 'sasl.mechanisms=PLAIN', 'sasl.username=u', `sasl.password=file:${path}`]}, {})
    assert.equal(profile.sasl?.password?.reveal(), 'CANARY-pw-7c1e')
    assert.equal(profile.sasl?.password?.source, `file ${path}`)
    const missing = await inputError(loadProfile({properties: ['sasl.password=file:/nonexistent/pw']}, {}))
    assert.equal(missing.source, '-X sasl.password')
    assert.match(missing.message, /no such file/)
  })
})

describe('--timeout', () => {
  it('parses 10s, 3s, 500ms, 2m and plain milliseconds', () => {
    assert.equal(parseDuration('10s', 'flag --timeout'), 10_000)
    assert.equal(parseDuration('3s', 'flag --timeout'), 3000)
    assert.equal(parseDuration('500ms', 'flag --timeout'), 500)
    assert.equal(parseDuration('2m', 'flag --timeout'), 120_000)
    assert.equal(parseDuration('1500', 'flag --timeout'), 1500)
    assert.equal(parseDuration('1.5s', 'flag --timeout'), 1500)
  })

  it('defaults to 10s and rejects what it cannot parse with InputError from flag --timeout', async () => {
    assert.equal((await loadProfile({properties: []}, {})).profile.timeoutMs, 10_000)
    assert.equal((await loadProfile({properties: [], timeout: '3s'}, {})).profile.timeoutMs, 3000)
    for (const bad of ['ten seconds', '10x', '-1s', '0', '']) {
      const error = await inputError(loadProfile({properties: [], timeout: bad}, {}))
      assert.equal(error.source, 'flag --timeout', bad)
    }
  })
})
