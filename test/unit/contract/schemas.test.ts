// The published --json contract: schemas/ must be what `npm run schemas` generates from
// src/cli/json-output.ts, and real --json outputs of the built CLI must validate against them.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {describe, test} from 'node:test'

import {Ajv} from 'ajv'

import {generateSchemas, schemaFile} from '../../../scripts/gen-schemas.js'
import {runCli} from '../../helpers/cli.js'
import {closedPort} from '../../helpers/ports.js'

const generated = generateSchemas()

function validator(command: string) {
  const ajv = new Ajv({allErrors: true})
  return ajv.compile(JSON.parse(readFileSync(schemaFile(command), 'utf8')))
}

function assertValid(command: string, output: unknown): void {
  const validate = validator(command)
  assert.ok(validate(output), `${command} --json does not match ${schemaFile(command)}: ${JSON.stringify(validate.errors, null, 2)}`)
}

describe('schemas/ are generated from the types', () => {
  for (const [file, text] of generated) {
    test(file.replace(/.*\/schemas\//, 'schemas/'), () => {
      assert.equal(readFileSync(file, 'utf8'), text, `${file} is stale: run \`npm run schemas\` and commit schemas/`)
      const schema = JSON.parse(text)
      assert.match(schema.$id, /^kdoctor\/v1\//)
    })
  }
})

describe('real --json outputs validate against their schema', () => {
  test('explain KD301', async () => {
    const run = await runCli(['explain', 'KD301', '--json'])
    assert.equal(run.status, 0, run.stderr)
    assertValid('explain', run.json)
    assert.equal(run.json.entry.code, 'KD301')
  })

  test('explain (the list) and explain of pasted text', async () => {
    const list = await runCli(['explain', '--json'])
    assertValid('explain', list.json)
    const text = await runCli(['explain', '--json', 'Connection refused (after 0ms in state CONNECT)'])
    assertValid('explain', text.json)
  })

  test('connect to a closed loopback port', async () => {
    const port = await closedPort()
    const run = await runCli(['connect', '-b', `127.0.0.1:${port}`, '--timeout', '5s', '--json'])
    assert.equal(run.status, 1, run.stderr)
    assertValid('connect', run.json)
    assert.equal(run.json.ok, false)
  })

  test('bad input under --json', async () => {
    const run = await runCli(['connect', '--json', '--bogus'])
    assert.equal(run.status, 2)
    assertValid('connect', run.json)
  })

  test('the schema can fail: a mistyped code does not validate', async () => {
    const run = await runCli(['explain', 'KD301', '--json'])
    const broken = structuredClone(run.json)
    broken.entry.code = 'KD999'
    assert.equal(validator('explain')(broken), false)
  })
})
