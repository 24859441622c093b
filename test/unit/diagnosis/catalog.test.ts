import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {catalog, CLIENT_FAMILIES, docsPath, entryFor, isKnownCode, LAYERS} from '../../../src/diagnosis/catalog.js'
import {LAYER_OF_RANGE, PROVIDER_TITLES} from '../../../src/diagnosis/catalog/types.js'
import {independent, overlaps, refinements} from '../../../src/diagnosis/catalog/rules.js'
import type {KdCode} from '../../../src/diagnosis/finding.js'

/** The stable code table (shared/diagnosis-codes.md): every code there has an entry, no others. */
const TABLE: readonly KdCode[] = [
  ...range(100, 109),
  ...range(201, 206),
  ...range(301, 308),
  ...range(401, 407),
  ...range(501, 506),
  ...range(601, 605),
  ...range(701, 708),
  ...range(801, 809),
]

/** Codes the table marks "(warn)": they work now but are fragile. */
const WARN_CODES: readonly KdCode[] = ['KD107', 'KD205', 'KD307', 'KD502', 'KD504', 'KD807']

function range(from: number, to: number): KdCode[] {
  return Array.from({length: to - from + 1}, (_, i) => `KD${from + i}` as KdCode)
}

describe('catalog', () => {
  it('has exactly one entry per code of the table, in code order', () => {
    assert.deepEqual(
      catalog.map((e) => e.code),
      [...TABLE],
    )
  })

  it('puts each code in the layer its range names', () => {
    for (const entry of catalog) {
      assert.equal(entry.layer, LAYER_OF_RANGE[Number(entry.code[2])], entry.code)
      assert.ok(LAYERS.includes(entry.layer))
    }
  })

  it('marks the table\'s warn codes as warn and every other code as fail', () => {
    for (const entry of catalog) assert.equal(entry.defaultStatus, WARN_CODES.includes(entry.code) ? 'warn' : 'fail', entry.code)
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
    assert.throws(() => entryFor('KD999'), /no catalog entry for KD999/)
    assert.equal(docsPath('KD304'), 'docs/troubleshooting/KD304.md')
    assert.ok(isKnownCode(' kd304 '))
    assert.ok(!isKnownCode('KD999'))
  })
})
