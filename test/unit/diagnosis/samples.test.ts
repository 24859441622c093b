// Every code against real-shaped lines from several clients, and against near misses.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {catalog, entryFor} from '../../../src/diagnosis/catalog.js'
import {independent, refinements} from '../../../src/diagnosis/catalog/rules.js'
import {samples} from '../../../src/diagnosis/catalog/samples.js'
import type {KdCode} from '../../../src/diagnosis/finding.js'
import {explainText, rawMatches, resolveOverlap} from '../../../src/diagnosis/match.js'

const codesOf = (text: string): KdCode[] => explainText(text).map((m) => m.code)

/** Codes no single line can show: kdoctor finds them with probes only (the samples file says why). */
const NO_LINES: readonly KdCode[] = ['KD307']

describe('samples', () => {
  it('exist for every code in the catalog and for no other', () => {
    assert.deepEqual(Object.keys(samples).sort(), catalog.map((e) => e.code).sort())
  })

  for (const entry of catalog) {
    const s = samples[entry.code]!
    describe(entry.code, () => {
      if (entry.code === 'KD100') {
        it('is what unrecognised text gives, and nothing else', () => {
          for (const seen of s.seen) assert.deepEqual(codesOf(seen.text), ['KD100'], seen.text)
          for (const miss of s.nearMiss) assert.ok(!codesOf(miss.text).includes('KD100'), miss.text)
        })
        return
      }

      it('has at least two positive lines from two client families, and a near miss', () => {
        assert.ok(s.nearMiss.length >= 1, 'a near-miss negative')
        if (NO_LINES.includes(entry.code)) {
          assert.ok(s.singleSource, 'the catalog says why no line shows it')
          assert.equal(entry.signatures.length, 0)
          return
        }

        assert.ok(s.seen.length >= 2, 'two positive samples')
        const families = new Set(s.seen.map((x) => x.client))
        if (families.size < 2) assert.ok(s.singleSource, `only ${[...families].join()} shows ${entry.code}: the samples must say why`)
      })

      for (const seen of s.seen) {
        it(`recognises the ${seen.client} line: ${seen.text.split('\n').at(-1)!.slice(0, 90)}`, () => {
          assert.ok(codesOf(seen.text).includes(entry.code), `got ${codesOf(seen.text).join(', ')}`)
        })
      }

      for (const miss of s.nearMiss) {
        it(`does not take the near miss for ${entry.code}: ${miss.text.slice(0, 80)}`, () => {
          assert.ok(!codesOf(miss.text).includes(entry.code), `${miss.why}; got ${codesOf(miss.text).join(', ')}`)
        })
      }

      it('lists symptoms that its own signatures (or the rules leading to it) recognise', () => {
        const sources = new Set<KdCode>([entry.code, ...refinements.filter((r) => r.to === entry.code).flatMap((r) => r.from)])
        for (const symptom of s.symptoms) {
          const matched = [...rawMatches(symptom).keys()]
          assert.ok(
            matched.some((c) => sources.has(c)),
            `"${symptom}" matched ${matched.join(', ') || 'nothing'}`,
          )
        }
      })

      it('exercises every one of its signatures with a sample', () => {
        const texts = [...s.seen.flatMap((x) => x.text.split('\n')), ...s.symptoms]
        for (const sig of entry.signatures) assert.ok(texts.some((t) => sig.pattern.test(t)), `no sample for ${sig.client} ${sig.pattern}`)
      })
    })
  }

  it('never lets one line match codes of two layers unless a catalog rule decides between them', () => {
    const lines = Object.values(samples).flatMap((s) => [...s.seen.map((x) => x.text), ...s.nearMiss.map((x) => x.text), ...s.symptoms]).flatMap((t) => t.split('\n'))
    const unresolved: string[] = []
    for (const line of lines) {
      const codes = [...rawMatches(line).keys()]
      if (codes.length < 2) continue
      if (codes.every((c) => independent.includes(c))) continue // separate liveness flags on one JSON line
      const layers = new Set(codes.map((c) => entryFor(c).layer))
      const decided = resolveOverlap(codes.filter((c) => !independent.includes(c)))
      if (!decided?.resolved) unresolved.push(`${codes.join('+')} (${[...layers].join(', ')}): ${line.slice(0, 120)}`)
    }

    assert.deepEqual(unresolved, [])
  })

  it('reports the liveness flags of one JSON body as separate problems', () => {
    const body = '{"status":"unhealthy","errors":{"polling_ttl_exceeded":true,"consumption_ttl_exceeded":true,"stability_ttl_exceeded":false,"unrecoverable":"fenced"}}'
    assert.deepEqual(codesOf(body).sort(), ['KD802', 'KD803', 'KD804'])
  })
})
