// Terminal text for `kdoctor explain`: one entry, the code list, or the problems found in a text.
// Colour via chalk, off for non-TTY output and when NO_COLOR is set.

import type {ChalkInstance} from 'chalk'

import {entriesByLayer, entryFor, LAYER_TITLES, PROVIDER_TITLES} from '../diagnosis/catalog.js'
import type {CatalogEntry, Layer, Provider} from '../diagnosis/catalog/types.js'
import {docsPointers} from '../diagnosis/docs-page.js'
import type {KdCode} from '../diagnosis/finding.js'
import type {ExplainMatch} from '../diagnosis/match.js'
import {escapeTerminal} from '../core/escape.js'
import {makeChalk} from './colour.js'


export interface RenderOptions {
  c?: ChalkInstance
  /** Wrap width; the terminal's, capped at 100. */
  width?: number
}

function widthOf(options: RenderOptions): number {
  return options.width ?? Math.min(process.stdout.columns || 100, 100)
}

/** Word-wraps plain text to `width`, every line prefixed with `indent` spaces. */
export function wrap(text: string, width: number, indent = 0, hanging = indent): string[] {
  const lines: string[] = []
  let current = ''
  let pad = ' '.repeat(indent)
  const limit = Math.max(30, width)
  // Words, keeping `code spans` whole unless a span alone is wider than the line.
  const tokens = (text.match(/(?:``.+?``|`[^`]*`|[^\s`])+/g) ?? []).flatMap((t) => (t.length > limit - hanging - 4 && t.includes(' ') ? t.split(' ') : [t]))
  for (const word of tokens) {
    if (current !== '' && pad.length + current.length + 1 + word.length > limit) {
      lines.push(pad + current)
      current = word
      pad = ' '.repeat(hanging)
    } else {
      current = current === '' ? word : `${current} ${word}`
    }
  }

  if (current !== '') lines.push(pad + current)
  return lines
}

/** `code` spans in catalog text shown in colour (backticks kept when colour is off). */
function styleCode(line: string, c: ChalkInstance): string {
  if (c.level === 0) return line
  return line.replace(/``\s?(.+?)\s?``|`([^`]+)`/g, (_m, a: string | undefined, b: string | undefined) => c.cyan(a ?? b ?? ''))
}

function para(text: string, options: Required<RenderOptions>, indent: number, hanging = indent): string[] {
  return wrap(text, options.width, indent, hanging).map((l) => styleCode(l, options.c))
}

export function resolve(options: RenderOptions): Required<RenderOptions> {
  return {c: options.c ?? makeChalk(), width: widthOf(options)}
}

function mark(entry: CatalogEntry, c: ChalkInstance): string {
  if (entry.code === 'KD100') return c.dim('?')
  return entry.defaultStatus === 'warn' ? c.yellow('!') : c.red('✗')
}

/** `kdoctor explain KD304`: the whole entry. */
export function renderEntry(entry: CatalogEntry, options: RenderOptions = {}): string {
  const o = resolve(options)
  const {c} = o
  const out: string[] = [`${c.bold(entry.code)}  ${c.bold(entry.title)}`, c.dim(`${LAYER_TITLES[entry.layer]} · default status: ${entry.defaultStatus}`), '']
  out.push(...para(entry.explanation, o, 0), '')

  out.push(c.bold('Likely causes (most likely first)'))
  entry.causes.forEach((cause, i) => {
    out.push(...para(`${i + 1}. ${cause.cause}`, o, 2, 5))
    out.push(...para(`Confirm: ${cause.confirm}`, o, 5, 14))
  })
  out.push('')

  out.push(c.bold('Fix'))
  for (const step of entry.fix) out.push(...para(`- ${step}`, o, 2, 4))
  out.push('')

  const providers = Object.entries(entry.providers) as [Provider, string][]
  if (providers.length > 0) {
    out.push(c.bold('Provider notes'))
    for (const [provider, note] of providers) out.push(...para(`${PROVIDER_TITLES[provider]}: ${note}`, o, 2, 4))
    out.push('')
  }

  if (entry.related.length > 0) {
    out.push(c.bold('Related'))
    for (const code of entry.related) out.push(`  ${code}  ${entryFor(code).title}`)
    out.push('')
  }

  const docs = docsPointers(entry.code)
  out.push(`${c.bold('Docs')}  ${docs.page}`)
  if (docs.url) out.push(`      ${c.underline(docs.url)}`)
  return out.join('\n') + '\n'
}

/** `kdoctor explain`: every code, by layer. */
export function renderCodeList(options: RenderOptions = {}): string {
  const {c} = resolve(options)
  const out: string[] = [c.bold('kdoctor codes by layer') + c.dim('   (kdoctor explain KDnnn shows one; kdoctor explain "<error text>" finds one)'), '']
  for (const [layer, entries] of entriesByLayer()) {
    if (entries.length === 0) continue
    out.push(c.bold(LAYER_TITLES[layer]))
    for (const entry of entries) out.push(`  ${entry.code}  ${entry.title}${entry.defaultStatus === 'warn' ? c.dim(' (warn)') : ''}`)
    out.push('')
  }

  return out.join('\n')
}

const HIDDEN_EVIDENCE = new Set(['alsoMatched', 'ambiguous', 'refinedFrom'])

function evidenceLine(evidence: Record<string, string | number>): string {
  return Object.entries(evidence)
    .filter(([k]) => !HIDDEN_EVIDENCE.has(k))
    .map(([k, v]) => `${k} ${escapeTerminal(String(v))}`)
    .join(', ')
}

/** `kdoctor explain "<text>"`: the problems found, grouped by layer. */
export function renderMatches(matches: readonly ExplainMatch[], meta: {lines: number; source: string}, options: RenderOptions = {}): string {
  const o = resolve(options)
  const {c} = o
  const out: string[] = []
  const unknown = matches.length === 1 && matches[0]!.code === 'KD100'
  const where = `${meta.lines} line${meta.lines === 1 ? '' : 's'} (${escapeTerminal(meta.source)})`
  out.push(
    unknown
      ? c.bold(`No known problem recognised in ${where}.`)
      : c.bold(`${matches.length} problem${matches.length === 1 ? '' : 's'} found in ${where}, in connection order:`),
    '',
  )

  let layer: Layer | undefined
  for (const match of matches) {
    const entry = entryFor(match.code)
    if (entry.layer !== layer && !unknown) {
      layer = entry.layer
      out.push(c.bold(LAYER_TITLES[layer]))
    }

    const times = match.count > 1 ? `×${match.count}, first on line ${match.lineNumber}` : match.lineNumber > 0 ? `line ${match.lineNumber}` : ''
    out.push(`  ${mark(entry, c)} ${c.bold(match.code)}  ${entry.title}${times ? c.dim(`  (${times})`) : ''}`)
    if (match.line) {
      const line = escapeTerminal(match.line)
      out.push(c.dim(`    │ ${line.length > o.width * 3 ? `${line.slice(0, o.width * 3 - 1)}…` : line}`))
    }
    const facts = evidenceLine(match.evidence)
    if (facts) out.push(...wrap(`${unknown ? 'Parsed' : 'Evidence'}: ${facts}`, o.width, 4, 6).map((l) => c.dim(l)))
    if (match.evidence.refinedFrom) out.push(...wrap(`Why not ${escapeTerminal(String(match.evidence.refinedFrom))}`, o.width, 4, 6).map((l) => c.dim(l)))
    out.push(...problemBody(match.code, o, unknown ? 'Next' : 'Fix'), '')
  }

  return out.join('\n')
}

/** Explanation, fix steps and where to read more: the part every problem shows, wherever it was found. */
export function problemBody(code: KdCode, options: RenderOptions = {}, fixLabel = 'Fix'): string[] {
  const o = resolve(options)
  const entry = entryFor(code)
  const out = [...para(entry.explanation, o, 4), `    ${fixLabel}:`]
  for (const step of entry.fix) out.push(...para(`- ${step}`, o, 6, 8))
  const docs = docsPointers(code)
  out.push(o.c.dim(`    More: ${docs.explain}  ·  page: ${[docs.page, docs.url].filter(Boolean).join('  ·  ')}`))
  return out
}
