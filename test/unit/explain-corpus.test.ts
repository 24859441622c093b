// Accuracy of `kdoctor explain` on error text that people posted publicly (issue threads,
// question-and-answer pages, vendor knowledge bases), not written by this project. Each entry is
// labelled with what fixed the problem in its thread. Prints one line of figures; fails below 90 %.

import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, it} from 'node:test'

import {entryFor, isKnownCode} from '../../src/diagnosis/catalog.js'
import type {KdCode} from '../../src/diagnosis/finding.js'
import {explainText} from '../../src/diagnosis/match.js'

const DIR = fileURLToPath(new URL('../fixtures/real-errors', import.meta.url))
const MIN_TOP1 = 0.9
const MIN_ENTRIES = 300
const MIN_NOT_CONNECTIVITY = 30
const CLIENTS = ['librdkafka', 'karafka', 'java', 'kafkajs', 'python', 'go', 'dotnet', 'ruby-kafka'] as const

interface CorpusEntry {
  text: string
  client: (typeof CLIENTS)[number]
  /** Library or framework within the client family (sarama, spring-kafka, confluent-kafka-go …). */
  library?: string
  source: string
  expected: KdCode
  alternatives?: KdCode[]
  /** What fixed it in the thread the text was posted in. */
  fixedBy: string
  file: string
  line: number
}

function loadCorpus(): CorpusEntry[] {
  const out: CorpusEntry[] = []
  for (const name of readdirSync(DIR).filter((n) => n.endsWith('.jsonl')).sort()) {
    readFileSync(join(DIR, name), 'utf8')
      .split('\n')
      .forEach((raw, index) => {
        if (raw.trim() === '') return
        out.push({...(JSON.parse(raw) as Omit<CorpusEntry, 'file' | 'line'>), file: name, line: index + 1})
      })
  }

  return out
}

interface Score {
  entries: number
  top1: number
  top3: number
  falseKd100: number
  wrongLayer: number
  flaggedHarmless: number
}

const empty = (): Score => ({entries: 0, top1: 0, top3: 0, falseKd100: 0, wrongLayer: 0, flaggedHarmless: 0})
const pct = (n: number, of: number) => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)}%`)

function score(entries: readonly CorpusEntry[]) {
  const overall = empty()
  const perClient = new Map<string, Score>()
  const misses: string[] = []
  for (const entry of entries) {
    const codes = explainText(entry.text).map((m) => m.code)
    const accepted = new Set<KdCode>([entry.expected, ...(entry.alternatives ?? [])])
    const first = codes[0]!
    const s = perClient.get(entry.client) ?? empty()
    perClient.set(entry.client, s)
    for (const t of [overall, s]) {
      t.entries++
      if (accepted.has(first)) t.top1++
      if (codes.slice(0, 3).some((c) => accepted.has(c))) t.top3++
      if (entry.expected !== 'KD100' && first === 'KD100') t.falseKd100++
      if (entry.expected === 'KD100' && first !== 'KD100') t.flaggedHarmless++
      if (first !== 'KD100' && entry.expected !== 'KD100' && !accepted.has(first) && entryFor(first).layer !== entryFor(entry.expected).layer) t.wrongLayer++
    }

    if (!accepted.has(first)) misses.push(`${entry.file}:${entry.line} expected ${[...accepted].join('|')} got ${codes.join(',')}: ${entry.text.slice(0, 140).replaceAll('\n', '⏎')}`)
  }

  return {overall, perClient, misses}
}

describe('explain on the corpus of real posted errors', () => {
  const corpus = loadCorpus()

  it('every entry is well formed: known codes, a client, a source address, what fixed it', () => {
    for (const e of corpus) {
      const where = `${e.file}:${e.line}`
      assert.ok(typeof e.text === 'string' && e.text.trim() !== '', `${where}: text`)
      assert.ok((CLIENTS as readonly string[]).includes(e.client), `${where}: client ${e.client}`)
      assert.match(e.source, /^https?:\/\/\S+$/, `${where}: source`)
      assert.ok(isKnownCode(e.expected), `${where}: expected ${e.expected}`)
      for (const alt of e.alternatives ?? []) assert.ok(isKnownCode(alt), `${where}: alternative ${alt}`)
      assert.ok(typeof e.fixedBy === 'string' && e.fixedBy.trim() !== '', `${where}: fixedBy`)
    }

    const texts = new Set<string>()
    for (const e of corpus) {
      assert.ok(!texts.has(e.text), `${e.file}:${e.line}: duplicate text`)
      texts.add(e.text)
    }
  })

  it(`has at least ${MIN_ENTRIES} entries over every layer, with at least ${MIN_NOT_CONNECTIVITY} that must stay KD100`, () => {
    assert.ok(corpus.length >= MIN_ENTRIES, `${corpus.length} entries`)
    const layers = new Set(corpus.map((e) => e.expected.slice(0, 3)))
    for (const layer of ['KD1', 'KD2', 'KD3', 'KD4', 'KD5', 'KD6', 'KD7', 'KD8']) assert.ok(layers.has(layer), `no entry for ${layer}xx`)
    assert.ok(corpus.filter((e) => e.expected === 'KD100').length >= MIN_NOT_CONNECTIVITY)
    for (const client of CLIENTS) assert.ok(corpus.some((e) => e.client === client), `no entry from ${client}`)
  })

  it(`puts the right code first for at least ${MIN_TOP1 * 100}% of entries`, () => {
    const {overall, perClient, misses} = score(corpus)
    const o = overall
    console.log(`explain corpus: ${o.entries} entries, top-1 ${pct(o.top1, o.entries)}, top-3 ${pct(o.top3, o.entries)}, KD100 false negatives ${o.falseKd100}, wrong-layer answers ${o.wrongLayer}, harmless lines flagged ${o.flaggedHarmless}`)
    console.log(`explain corpus by client: ${[...perClient].sort().map(([c, s]) => `${c} ${s.entries} ${pct(s.top1, s.entries)}/${pct(s.top3, s.entries)}`).join('; ')}`)
    if (process.env.KDOCTOR_CORPUS_MISSES) for (const m of misses) console.log(`  miss ${m}`)
    assert.ok(o.top1 / o.entries >= MIN_TOP1, `top-1 ${pct(o.top1, o.entries)} is below ${MIN_TOP1 * 100}% (KDOCTOR_CORPUS_MISSES=1 lists the misses)`)
  })
})
