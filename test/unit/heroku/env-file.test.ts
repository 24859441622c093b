// Heroku's variables from the environment or from `heroku config --shell` output (--env-file).
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {InputError} from '../../../src/core/input-error.js'
import {environmentSource, parseEnvFile, readHerokuVariables, variablesCopyingKafkaUrl} from '../../../src/platforms/heroku/env.js'

/**
 * How `heroku config --shell` writes a value (heroku/cli, packages/cli/src/lib/config/quote.ts):
 * plain when it has no shell-special character; in double quotes with \n for newlines and
 * " \ $ ` ! escaped when it has a newline or a single quote; otherwise in single quotes with
 * backslashes doubled.
 */
function herokuShellQuote(value: string): string {
  if (!/["\s#!$&'()*,:;<=>?@[\\\]^`{|}]/.test(value)) return value
  if (/['\n]/.test(value)) return `"${value.replace(/(["\\$`!])/g, '\\$1').replace(/\n/g, '\\n')}"`
  return `'${value.replace(/(['\\])/g, '\\$1')}'`
}

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2+xY\nabc/def+GHI=\n-----END CERTIFICATE-----\n'

describe('parseEnvFile', () => {
  it('reads back every value `heroku config --shell` writes: PEMs, URL lists, prefixes, odd characters', async () => {
    const values: Record<string, string> = {
      KAFKA_URL: 'kafka+ssl://ec2-3-1-2-3.compute-1.amazonaws.com:9096,kafka+ssl://ec2-3-1-2-4.compute-1.amazonaws.com:9096',
      KAFKA_PREFIX: 'wiry-12345.',
      KAFKA_TRUSTED_CERT: PEM + PEM,
      KAFKA_CLIENT_CERT: PEM,
      ODD: `it's a "quote" with $HOME, \`tick\`, ! and \\ backslash`,
      SPACES: 'two words',
      BACKSLASH: 'C:\\path\\to',
      EMPTY: '',
    }
    const text = Object.entries(values).map(([k, v]) => `${k}=${herokuShellQuote(v)}`).join('\n') + '\n'
    // The PEMs really are written on one line with \n escapes, the URL list in single quotes.
    assert.match(text, /^KAFKA_CLIENT_CERT="-----BEGIN CERTIFICATE-----\\nMIIB/m)
    assert.match(text, /^KAFKA_URL='kafka\+ssl:\/\//m)
    assert.match(text, /^KAFKA_PREFIX=wiry-12345\.$/m)
    const parsed = await parseEnvFile(text, 'heroku.env')
    for (const [name, value] of Object.entries(values)) assert.equal(parsed.values.get(name)?.value, value, name)
    assert.equal(parsed.values.get('KAFKA_PREFIX')?.source, 'heroku.env:2')
    assert.equal(parsed.origin, 'heroku.env')
  })

  it('takes dotenv habits too: export, comments, CRLF, quoted values over several lines', async () => {
    const text = [
      '# heroku config --shell -a my-app',
      'export KAFKA_PREFIX=wiry-12345.   # the add-on prefix',
      '',
      "KAFKA_CLIENT_CERT='-----BEGIN CERTIFICATE-----",
      'MIIBszCCAVmgAwIBAgIUQ2+xY',
      "-----END CERTIFICATE-----'",
      'KAFKA_URL="kafka+ssl://h:9096"',
    ].join('\r\n')
    const parsed = await parseEnvFile(text, 'f.env')
    assert.equal(parsed.values.get('KAFKA_PREFIX')?.value, 'wiry-12345.')
    assert.equal(parsed.values.get('KAFKA_CLIENT_CERT')?.value, '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2+xY\n-----END CERTIFICATE-----')
    assert.equal(parsed.values.get('KAFKA_CLIENT_CERT')?.source, 'f.env:4')
    assert.equal(parsed.values.get('KAFKA_URL')?.source, 'f.env:7')
  })

  it('keeps a literal backslash-n in single quotes (the broken-PEM case the variable check reports)', async () => {
    const parsed = await parseEnvFile("KAFKA_CLIENT_CERT='-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----'\n", 'f.env')
    assert.equal(parsed.values.get('KAFKA_CLIENT_CERT')?.value, '-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----')
  })

  const rejects = async (text: string, reason: RegExp, where: string) => {
    await assert.rejects(
      () => parseEnvFile(text, 'f.env'),
      (error: unknown) => error instanceof InputError && reason.test(error.message) && error.source === where,
    )
  }

  it('names the file and line of a line it cannot read', async () => {
    await rejects('KAFKA_PREFIX=a.\nthis is not an assignment\n', /expected NAME=value/, 'f.env:2')
  })

  it('says so when given the table `heroku config` prints instead of --shell output', async () => {
    await rejects('=== my-app Config Vars\nKAFKA_PREFIX: wiry-12345.\n', /heroku config --shell/, 'f.env:1')
  })

  it('reports a quote that is never closed', async () => {
    await rejects('KAFKA_URL="kafka+ssl://h:9096\nKAFKA_PREFIX=a.\n', /double quote .* never closed/, 'f.env:1')
  })

  it('reports text after a closing quote', async () => {
    await rejects("KAFKA_URL='a' b\n", /after the closing quote/, 'f.env:1')
  })
})

describe('readHerokuVariables', () => {
  it('treats empty values as missing, and lets --app-prefix replace KAFKA_PREFIX', async () => {
    const vars = readHerokuVariables(environmentSource({KAFKA_URL: '  ', KAFKA_PREFIX: 'wiry-12345.', KAFKA_CLIENT_CERT_KEY: 'key-text'}), 'other-1.')
    assert.equal(vars.url, undefined)
    assert.deepEqual(vars.prefix, {value: 'other-1.', source: 'flag --app-prefix'})
    assert.equal(vars.clientKey?.reveal(), 'key-text')
    assert.equal(JSON.stringify(vars).includes('key-text'), false, 'the key never serializes')
    assert.equal(vars.origin, 'the environment')
  })

  it("lists other attachments' Kafka variable names (never values)", () => {
    const vars = readHerokuVariables(environmentSource({HEROKU_KAFKA_AQUA_URL: 'kafka+ssl://h:9096', HEROKU_KAFKA_AQUA_PREFIX: 'p.', KAFKA_URL: 'x', PATH: '/bin'}))
    assert.deepEqual(vars.otherKafkaNames, ['HEROKU_KAFKA_AQUA_PREFIX', 'HEROKU_KAFKA_AQUA_URL'])
  })
})

describe('variablesCopyingKafkaUrl', () => {
  it('finds settings that copied KAFKA_URL verbatim, not the attachment URLs themselves', async () => {
    const copies = variablesCopyingKafkaUrl(
      environmentSource({
        KAFKA_URL: 'kafka+ssl://h:9096',
        HEROKU_KAFKA_AQUA_URL: 'kafka+ssl://h:9096',
        KAFKA_BROKERS: 'kafka+ssl://h:9096,kafka+ssl://i:9096',
        KARAFKA_BOOTSTRAP: 'h:9096',
        NOTES: 'see kafka+sslish docs',
      }),
    )
    assert.deepEqual(copies, [{name: 'KAFKA_BROKERS', source: 'env KAFKA_BROKERS'}])
  })
})
