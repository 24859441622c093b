import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import {fileURLToPath} from 'node:url'

import {KAFKAJS_VERSION, KDOCTOR_REPOSITORY_URL, KDOCTOR_SOFTWARE} from '../../src/version.js'

test('the version sent to brokers is the package version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {name: string; version: string}
  assert.deepEqual(KDOCTOR_SOFTWARE, {name: pkg.name, version: pkg.version})
})

test('the kafkajs version named in reports is the one package.json pins', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {dependencies: Record<string, string>}
  assert.equal(pkg.dependencies.kafkajs, KAFKAJS_VERSION)
})

test('--version, answered before oclif loads, prints the line oclif would (its user agent)', async () => {
  const {Config} = await import('@oclif/core')
  const {versionLine, versionRequested} = await import('../../src/cli/version-flag.js')
  const config = await Config.load(fileURLToPath(new URL('../..', import.meta.url)))
  assert.equal(versionLine(), config.userAgent)
  assert.ok(versionRequested(['--version']))
  assert.ok(!versionRequested(['connect', '--version']), 'only as the first argument, as oclif')
})

test('the repository address docs pointers use is the one package.json names (none yet)', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {repository?: string | {url?: string}}
  const named = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url
  assert.equal(KDOCTOR_REPOSITORY_URL, named?.replace(/^git\+/, '').replace(/\.git$/, ''))
})
