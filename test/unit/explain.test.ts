import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {after, describe, it} from 'node:test'

import {InputError} from '../../src/core/input-error.js'
import {catalog} from '../../src/diagnosis/catalog.js'
import {docsPointers} from '../../src/diagnosis/docs-page.js'
import {EXPLAIN_NOTHING_RECOGNISED, EXPLAIN_OK, runExplain} from '../../src/cli/explain.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const noStdin = {readStdin: async () => assert.fail('stdin must not be read')}
const plain = {width: 100}
/** The JSON of one outcome, whichever of explain's shapes it is (the tests below know which). */
const json = (out: {json: unknown}) => out.json as Record<string, any>

describe('kdoctor explain (logic)', () => {
  it('prints one entry for a code: explanation, causes, fix, provider notes, docs path and link', async () => {
    const out = await runExplain({input: 'kd304'}, noStdin, plain)
    assert.equal(out.exitCode, EXPLAIN_OK)
    for (const part of ['KD304', 'Likely causes', 'Fix', 'Provider notes', 'Heroku', `Docs  ${join(ROOT, 'docs/troubleshooting/KD304.md')}`]) assert.ok(out.text.includes(part), part)
    assert.ok(out.text.includes('ssl.endpoint.identification.algorithm'))
    const entry = json(out).entry as Record<string, unknown>
    assert.equal(json(out).schema, 'kdoctor/v1')
    assert.equal(json(out).command, 'explain')
    assert.equal(entry.code, 'KD304')
    assert.ok(Array.isArray(entry.signatures) && typeof (entry.signatures as {pattern: unknown}[])[0]!.pattern === 'string', 'patterns as strings in JSON')
  })

  it('lists every code by layer without arguments', async () => {
    const out = await runExplain({}, noStdin, plain)
    assert.equal(out.exitCode, EXPLAIN_OK)
    for (const entry of catalog) assert.ok(out.text.includes(entry.code), entry.code)
    assert.ok(out.text.indexOf('Network') < out.text.indexOf('Listener and TLS'))
    assert.equal((json(out).codes as unknown[]).length, catalog.length)
  })

  it('--page prints the Markdown page the package ships; no web address while package.json names no repository', async () => {
    const out = await runExplain({input: 'KD301', page: true}, noStdin, plain)
    assert.equal(out.text, readFileSync(join(ROOT, 'docs/troubleshooting/KD301.md'), 'utf8'))
    assert.equal(json(out).page, out.text)
    assert.deepEqual(docsPointers('KD301'), {explain: 'kdoctor explain KD301', page: join(ROOT, 'docs/troubleshooting/KD301.md')})
    await assert.rejects(runExplain({input: 'some error text', page: true}, noStdin), (error: unknown) => error instanceof InputError && /--page needs a code/.test(error.oneLine()))
  })

  it('refuses an unknown code with a one-line input error (exit 2)', async () => {
    await assert.rejects(runExplain({input: 'KD999'}, noStdin), (error: unknown) => error instanceof InputError && /unknown code KD999/.test(error.oneLine()))
  })

  it('explains pasted text: matches with line, evidence and docs link', async () => {
    const out = await runExplain({input: 'sasl_ssl://kafka-0.example.com:9096/bootstrap: Connection setup timed out in state CONNECT (after 30037ms in state CONNECT)'}, noStdin, plain)
    assert.equal(out.exitCode, EXPLAIN_OK)
    assert.equal(json(out).ok, true)
    const [match] = json(out).matches as {code: string; line: string; evidence: Record<string, unknown>; docs: string}[]
    assert.equal(match!.code, 'KD203')
    assert.equal(match!.evidence.state, 'CONNECT')
    assert.equal(match!.docs, join(ROOT, 'docs/troubleshooting/KD203.md'))
    assert.ok(existsSync(match!.docs), 'the page is a file of the package')
    assert.match(out.text, /KD203/)
    assert.match(out.text, /kdoctor explain KD203/)
  })

  it('exits 1 with KD100 when nothing is recognised', async () => {
    const out = await runExplain({input: 'everything is fine'}, noStdin, plain)
    assert.equal(out.exitCode, EXPLAIN_NOTHING_RECOGNISED)
    assert.equal(json(out).ok, false)
    assert.deepEqual((json(out).matches as {code: string}[]).map((m) => m.code), ['KD100'])
    assert.match(out.text, /No known problem recognised/)
  })

  it('reads --file and standard input ("-" or --file -)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdoctor-explain-'))
    after(() => rmSync(dir, {recursive: true, force: true}))
    const file = join(dir, 'app.log')
    writeFileSync(file, 'I, [2024] INFO -- : boot\nE, [2024] ERROR -- : Rdkafka::RdkafkaError: Broker: Group authorization failed (group_authorization_failed)\n')
    const fromFile = await runExplain({file}, noStdin, plain)
    assert.equal(json(fromFile).source, `file ${file}`)
    assert.deepEqual((json(fromFile).matches as {code: string; lineNumber: number}[]).map((m) => [m.code, m.lineNumber]), [['KD602', 2]])

    const stdin = {readStdin: async () => 'Disconnected while requesting ApiVersion'}
    for (const input of [{input: '-'}, {file: '-'}]) {
      const out = await runExplain(input, stdin, plain)
      assert.equal(json(out).source, 'stdin')
      assert.equal((json(out).matches as {code: string}[])[0]!.code, 'KD301')
    }
  })

  it('turns an unreadable file, empty text and text plus --file into input errors', async () => {
    await assert.rejects(runExplain({file: '/nonexistent/app.log'}, noStdin), (e: unknown) => e instanceof InputError && /cannot read \/nonexistent\/app\.log: no such file/.test(e.oneLine()) && /--file/.test(e.oneLine()))
    await assert.rejects(runExplain({file: tmpdir()}, noStdin), (e: unknown) => e instanceof InputError && /directory/.test(e.oneLine()))
    await assert.rejects(runExplain({input: '   '}, noStdin), InputError)
    await assert.rejects(runExplain({input: '-'}, {readStdin: async () => ''}), InputError)
    await assert.rejects(runExplain({input: 'x', file: 'y'}, noStdin), InputError)
  })

  it('masks secrets in everything it prints', async () => {
    const out = await runExplain({input: 'sasl.password=hunter2-very-secret\nSASL authentication error: Authentication failed: Invalid username or password'}, noStdin, plain)
    assert.ok(!out.text.includes('hunter2'))
    assert.ok(!JSON.stringify(out.json).includes('hunter2'))
  })
})

/**
 * Runs the oclif command class from source in a child process (no build, no manifest needed),
 * the way bin/run.js would run it: real argv parsing, stdout/stderr and exit code.
 */
function runCommand(argv: string[], input = ''): Promise<{stdout: string; stderr: string; exitCode: number}> {
  const script = `const {default: Explain} = await import(${JSON.stringify(new URL('../../src/commands/explain.ts', import.meta.url).href)}); await Explain.run(process.argv.slice(1), {root: ${JSON.stringify(ROOT)}}).catch((e) => { process.exitCode = e?.oclif?.exit ?? 1 })`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...argv], {cwd: ROOT, env: {...process.env, NO_COLOR: '1'}})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({stdout, stderr, exitCode: code ?? -1}))
    child.stdin.end(input)
  })
}

describe('kdoctor explain (command)', () => {
  it('KD304 --json prints one kdoctor/v1 document and exits 0', async () => {
    const run = await runCommand(['KD304', '--json'])
    assert.equal(run.exitCode, 0)
    const doc = JSON.parse(run.stdout)
    assert.equal(doc.schema, 'kdoctor/v1')
    assert.equal(doc.command, 'explain')
    assert.equal(doc.ok, true)
    assert.equal(doc.entry.code, 'KD304')
  })

  it('pasted text in human form, exit 0', async () => {
    const run = await runCommand(['Local: Authentication failure (authentication)'])
    assert.equal(run.exitCode, 0)
    assert.match(run.stdout, /KD404/)
  })

  it('an unknown code is a one-line error on stderr with exit 2', async () => {
    const run = await runCommand(['KD999'])
    assert.equal(run.exitCode, 2)
    assert.match(run.stderr, /^kdoctor: unknown code KD999/)
    assert.equal(run.stderr.trim().split('\n').length, 1)
  })

  it('an unreadable file under --json is a JSON error with exit 2', async () => {
    const run = await runCommand(['--file', '/nonexistent/app.log', '--json'])
    assert.equal(run.exitCode, 2)
    const doc = JSON.parse(run.stdout)
    assert.equal(doc.ok, false)
    assert.match(doc.error, /cannot read/)
  })

  it('nothing recognised: KD100 and exit 1', async () => {
    const run = await runCommand(['all quiet', '--json'])
    assert.equal(run.exitCode, 1)
    assert.equal(JSON.parse(run.stdout).matches[0].code, 'KD100')
  })

  it('reads piped logs with "-", and never reads stdin on its own', async () => {
    const piped = await runCommand(['-', '--json'], 'KafkaJSConnectionError: Connection error: connect ECONNREFUSED 10.0.1.5:9092\n')
    assert.equal(piped.exitCode, 0)
    assert.equal(JSON.parse(piped.stdout).matches[0].code, 'KD202')
    const list = await runCommand(['--json'], 'Disconnected while requesting ApiVersion\n')
    assert.ok(Array.isArray(JSON.parse(list.stdout).codes), 'no argument lists the codes even when something is piped')
  })
})
