import assert from 'node:assert/strict'
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {describe, it} from 'node:test'
import {fileURLToPath} from 'node:url'

import {catalog, CLIENT_FAMILIES, docsPath, entryFor, isKnownCode, LAYERS} from '../../../src/diagnosis/catalog.js'
import {LAYER_OF_RANGE, PROVIDER_TITLES} from '../../../src/diagnosis/catalog/types.js'
import {independent, overlaps, refinements} from '../../../src/diagnosis/catalog/rules.js'
import type {KdCode} from '../../../src/diagnosis/finding.js'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
/** The stable code table: a copy of shared/diagnosis-codes.md kept in the repository. */
const TABLE_COPY = join(ROOT, 'docs/diagnosis-codes.md')

/** The shared original, found beside the checkout (or a parent of it) where there is one. */
function sharedTable(): string | undefined {
  for (let dir = join(ROOT, '..'); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'shared/diagnosis-codes.md')
    if (existsSync(candidate)) return candidate
  }

  return undefined
}

function tableRows(path: string): {code: string; warn: boolean}[] {
  return [...readFileSync(path, 'utf8').matchAll(/^\| (KD\d{3}) \| (.*) \|$/gm)].map((m) => ({code: m[1]!, warn: /\(warn\)|but warn/.test(m[2]!)}))
}

const TABLE = tableRows(TABLE_COPY)

describe('catalog', () => {
  it('has exactly one entry per code of the table (and no other), in code order', () => {
    assert.deepEqual(
      catalog.map((e) => e.code),
      TABLE.map((row) => row.code),
    )
  })

  it('reads the code table from the repository copy of shared/diagnosis-codes.md, which matches the original', () => {
    assert.ok(TABLE.length >= 59, `only ${TABLE.length} codes read from ${TABLE_COPY}`)
    const shared = sharedTable()
    if (shared) assert.equal(readFileSync(TABLE_COPY, 'utf8'), readFileSync(shared, 'utf8'), `docs/diagnosis-codes.md differs from ${shared}: copy it over`)
  })

  it('accepts only codes of the catalog as KdCode (checked by the compiler)', () => {
    // @ts-expect-error KD399 has no catalog entry, so it is not a KdCode: a mistyped code fails to compile.
    const mistyped: KdCode = 'KD399'
    assert.equal(isKnownCode(mistyped), false)
  })

  it('puts each code in the layer its range names', () => {
    for (const entry of catalog) {
      assert.equal(entry.layer, LAYER_OF_RANGE[Number(entry.code[2])], entry.code)
      assert.ok(LAYERS.includes(entry.layer))
    }
  })

  it('marks the table\'s warn codes as warn and every other code as fail', () => {
    const warn = new Set(TABLE.filter((row) => row.warn).map((row) => row.code))
    assert.ok(warn.has('KD107') && warn.has('KD807'))
    for (const entry of catalog) assert.equal(entry.defaultStatus, warn.has(entry.code) ? 'warn' : 'fail', entry.code)
  })

  it('gives every entry a title, an explanation, ordered causes with a way to confirm each, and fix steps', () => {
    for (const entry of catalog) {
      assert.ok(entry.title.length > 5, `${entry.code} title`)
      assert.ok(entry.explanation.length >= 120, `${entry.code} explanation is too short`)
      assert.ok(entry.causes.length >= 2, `${entry.code} needs at least two causes`)
      for (const cause of entry.causes) {
        assert.ok(cause.cause.length > 10 && cause.confirm.length > 10, `${entry.code} cause without a way to confirm it`)
      }

      assert.ok(entry.fix.length >= 2, `${entry.code} needs fix steps`)
    }
  })

  it('writes fixes with librdkafka property names first and the Karafka form where a client setting is the fix', () => {
    // Codes whose fix is a client setting name librdkafka properties and Karafka's config.kafka.
    const clientSetting: KdCode[] = ['KD101', 'KD102', 'KD103', 'KD104', 'KD105', 'KD106', 'KD107', 'KD109', 'KD301', 'KD302', 'KD303', 'KD304', 'KD306', 'KD401', 'KD402', 'KD403', 'KD404']
    for (const code of clientSetting) {
      const fix = entryFor(code).fix.join('\n')
      assert.match(fix, /librdkafka/, `${code} names librdkafka settings`)
      assert.match(fix, /Karafka|config\.kafka/, `${code} shows the Karafka form`)
      assert.match(fix, /Java/, `${code} gives the Java equivalent`)
      assert.match(fix, /kafkajs/, `${code} gives the kafkajs equivalent`)
      // "Java:" / "Java (Heroku):" / "Java `…`" label a Java step; librdkafka's comes first.
      const javaStep = fix.search(/\bJava(?: \([^)]*\))?:|\bJava `/)
      assert.ok(javaStep >= 0, `${code} has a Java step`)
      assert.ok(fix.search(/librdkafka/) < javaStep, `${code}: librdkafka before Java`)
    }
  })

  it('relates codes only to other known codes, and provider notes only to known providers', () => {
    for (const entry of catalog) {
      for (const code of entry.related) {
        assert.ok(isKnownCode(code), `${entry.code} relates to unknown ${code}`)
        assert.notEqual(code, entry.code)
      }

      for (const provider of Object.keys(entry.providers)) assert.ok(provider in PROVIDER_TITLES, `${entry.code}: ${provider}`)
    }
  })

  it('keeps signatures as plain, anchored-enough regular expressions', () => {
    for (const entry of catalog) {
      for (const sig of entry.signatures) {
        const where = `${entry.code} ${sig.pattern}`
        assert.ok(CLIENT_FAMILIES.includes(sig.client), where)
        assert.ok(!sig.pattern.global && !sig.pattern.sticky, `${where}: no g/y flags (they make test() stateful)`)
        assert.ok(!sig.pattern.test(''), `${where} matches the empty string`)
        assert.ok(!sig.pattern.test('error'), `${where} matches a bare word`)
        assert.ok(sig.pattern.source.length >= 12, `${where} is too short to be specific`)
      }
    }
  })

  it('covers librdkafka/Karafka, Java, kafkajs/Node, Go and Python', () => {
    const families = new Set(catalog.flatMap((e) => e.signatures.map((s) => s.client)))
    for (const family of ['librdkafka', 'karafka', 'java', 'kafkajs', 'node', 'go', 'python', 'kubernetes', 'http'] as const) assert.ok(families.has(family), family)
  })

  it('has rules that name known codes only', () => {
    for (const rule of overlaps) for (const code of [rule.winner, ...rule.over]) assert.ok(isKnownCode(code), code)
    for (const rule of refinements) {
      for (const code of rule.from) assert.ok(isKnownCode(code), code)
      if (rule.to !== null) assert.ok(isKnownCode(rule.to), rule.to)
    }

    for (const code of independent) assert.ok(isKnownCode(code), code)
  })

  it('throws for an unknown code and builds docs paths', () => {
    assert.throws(() => entryFor('KD999' as KdCode), /no catalog entry for KD999/)
    assert.equal(docsPath('KD304'), 'docs/troubleshooting/KD304.md')
    assert.ok(isKnownCode(' kd304 '))
    assert.ok(!isKnownCode('KD999'))
  })
})
