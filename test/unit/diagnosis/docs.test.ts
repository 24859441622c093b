import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {dirname, join, normalize} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, it} from 'node:test'

import {catalog, docsPath} from '../../../src/diagnosis/catalog.js'
import {generatedDocs, inlineCode, TROUBLESHOOTING_DIR} from '../../../src/diagnosis/docs.js'
import {samples} from '../../../src/diagnosis/catalog/samples.js'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const REGENERATE = 'run: node --import tsx scripts/gen-docs.ts'
const PLATFORMS = ['README.md', 'aws-msk.md', 'confluent-cloud.md', 'heroku.md', 'kubernetes.md', 'docker.md', 'systemd.md']

describe('troubleshooting docs', () => {
  const files = generatedDocs()

  it('has a page for every code, and every generated page is on disk and current', () => {
    for (const entry of catalog) assert.ok(files.has(docsPath(entry.code)), entry.code)
    for (const [path, content] of files) {
      const abs = join(ROOT, path)
      assert.ok(existsSync(abs), `missing ${path} (${REGENERATE})`)
      assert.equal(readFileSync(abs, 'utf8'), content, `stale ${path} (${REGENERATE})`)
    }
  })

  it('scripts/gen-docs.ts --check agrees', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-docs.ts', '--check'], {cwd: ROOT, encoding: 'utf8'})
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /up to date/)
  })

  it('has no page for a code that is not in the catalog', () => {
    const pages = readdirSync(join(ROOT, TROUBLESHOOTING_DIR)).filter((n) => /^KD\d{3}\.md$/.test(n))
    for (const page of pages) assert.ok(files.has(`${TROUBLESHOOTING_DIR}/${page}`), `orphan page ${page}`)
  })

  it('indexes every code by layer and every symptom', () => {
    const index = files.get(`${TROUBLESHOOTING_DIR}/README.md`)!
    assert.match(index, /## By layer/)
    assert.match(index, /## By symptom/)
    for (const entry of catalog) assert.ok(index.includes(`[${entry.code}](${entry.code}.md)`), entry.code)
    for (const s of Object.values(samples)) for (const symptom of s.symptoms) assert.ok(index.includes(inlineCode(symptom.replace(/\|/g, '\\|'))), symptom)
  })

  it('writes each page with the sections a reader needs', () => {
    for (const entry of catalog) {
      const page = files.get(docsPath(entry.code))!
      for (const heading of ['## Likely causes', '## Fix', '## What you see', '## Match signatures']) assert.ok(page.includes(heading), `${entry.code} ${heading}`)
      assert.ok(page.includes(`kdoctor explain ${entry.code}`))
      if (Object.keys(entry.providers).length > 0) assert.ok(page.includes('## Provider notes'), entry.code)
    }
  })

  it('escapes backticks and pipes so tables and code spans stay intact', () => {
    assert.equal(inlineCode('a|b'), '`a|b`')
    assert.equal(inlineCode('set `x`'), '`` set `x` ``')
    const kd104 = files.get(docsPath('KD104'))!
    const row = kd104.split('\n').find((l) => l.startsWith('| librdkafka | ') && l.includes('security'))!
    assert.equal(row.split(/(?<!\\)\|/).length, 5, row)
  })
})

describe('platform docs', () => {
  it('cover AWS MSK, Confluent Cloud, Heroku, Kubernetes, Docker and systemd', () => {
    for (const name of PLATFORMS) assert.ok(existsSync(join(ROOT, 'docs/platforms', name)), name)
  })

  it('say how to run kdoctor there with the app\'s own settings', () => {
    const read = (name: string) => readFileSync(join(ROOT, 'docs/platforms', name), 'utf8')
    assert.match(read('kubernetes.md'), /kubectl debug/)
    assert.match(read('docker.md'), /--network container:/)
    assert.match(read('systemd.md'), /EnvironmentFile/)
    assert.match(read('heroku.md'), /heroku run/)
    assert.match(read('aws-msk.md'), /9096/)
    assert.match(read('confluent-cloud.md'), /SASL_SSL/)
  })

  it('link only to files that exist', () => {
    const dirs = ['docs/platforms', TROUBLESHOOTING_DIR]
    for (const dir of dirs) {
      for (const name of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.md'))) {
        const text = readFileSync(join(ROOT, dir, name), 'utf8')
        for (const [, target] of text.matchAll(/\]\(([^)#\s]+\.md)(?:#[^)]*)?\)/g)) {
          const abs = normalize(join(ROOT, dir, dirname(name), target!))
          assert.ok(existsSync(abs), `${dir}/${name} links to missing ${target}`)
        }
      }
    }
  })
})
