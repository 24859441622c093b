import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after} from 'node:test'

import type {Finding} from '../../../src/diagnosis/finding.js'

/** A temp directory removed after the test (or, at module level, the file) that made it. Not for use inside hooks. */
export function tempDir(prefix = 'kdoctor-config-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  after(() => rmSync(dir, {recursive: true, force: true}))
  return dir
}

export function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** The findings with this code (any status). */
export function withCode(findings: readonly Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code)
}

/** Exactly one finding with this code; returns it. */
export function one(findings: readonly Finding[], code: string): Finding {
  const hits = withCode(findings, code)
  assert.equal(hits.length, 1, `expected one ${code}, got ${hits.length}: ${JSON.stringify(findings.map((f) => `${f.code}:${f.status} ${f.summary}`), null, 1)}`)
  return hits[0]!
}

export function openssl(args: string[], cwd: string): void {
  const run = spawnSync('openssl', args, {cwd, encoding: 'utf8'})
  assert.equal(run.status, 0, `openssl ${args.join(' ')} failed: ${run.stderr}`)
}

/** A self-signed EC certificate and its key, made by openssl in `dir`: <name>.crt and <name>.key. */
export function certAndKey(dir: string, name: string): {cert: string; key: string} {
  openssl(
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-subj', `/CN=${name}`, '-days', '2'],
    dir,
  )
  return {cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`)}
}
