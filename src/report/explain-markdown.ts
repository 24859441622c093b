// `kdoctor explain` as markdown (--format markdown, --report): one entry, the code list, or the
// problems found in a pasted text. Catalog text is kdoctor's own markdown; the pasted lines and
// what was read from them are the user's (or a broker's) and are escaped.

import {escapeMarkdown, markdownCode} from '../core/escape.js'
import {entriesByLayer, entryFor, LAYER_TITLES, PROVIDER_TITLES} from '../diagnosis/catalog.js'
import type {CatalogEntry, Provider} from '../diagnosis/catalog/types.js'
import {docsPointers} from '../diagnosis/docs-page.js'
import type {KdCode} from '../diagnosis/finding.js'
import type {ExplainMatch} from '../diagnosis/match.js'

/** Where to read more, for a ticket: the command (works wherever kdoctor is), and the web page when the package names one. */
export function moreAbout(code: KdCode): string {
  const {url} = docsPointers(code)
  return `More: \`kdoctor explain ${code}\`${url ? ` · [${code}](${url})` : ''}`
}

function fixAndLink(entry: CatalogEntry, fixLabel = 'Fix'): string[] {
  return [`**${fixLabel}**`, '', ...entry.fix.map((step) => `- ${step}`), '', moreAbout(entry.code), '']
}

export function renderEntryMarkdown(entry: CatalogEntry): string {
  const out = [`# ${entry.code}: ${entry.title}`, '', `*${LAYER_TITLES[entry.layer]} · default status: ${entry.defaultStatus}*`, '', entry.explanation, '', '## Likely causes, most likely first', '']
  entry.causes.forEach((cause, i) => out.push(`${i + 1}. ${cause.cause}`, `   *How to confirm:* ${cause.confirm}`))
  out.push('')
  const providers = Object.entries(entry.providers) as [Provider, string][]
  out.push(...fixAndLink(entry))
  if (providers.length > 0) out.push('## Provider notes', '', ...providers.map(([p, note]) => `- **${PROVIDER_TITLES[p]}:** ${note}`), '')
  return out.join('\n')
}

export function renderCodeListMarkdown(): string {
  const out = ['# kdoctor codes by layer', '']
  for (const [layer, entries] of entriesByLayer()) {
    if (entries.length === 0) continue
    out.push(`## ${LAYER_TITLES[layer]}`, '', '| Code | Title | Status |', '|---|---|---|')
    for (const e of entries) out.push(`| ${e.code} | ${e.title.replace(/\|/g, '\\|')} | ${e.defaultStatus} |`)
    out.push('')
  }

  return out.join('\n')
}

export function renderMatchesMarkdown(matches: readonly ExplainMatch[], meta: {lines: number; source: string}): string {
  const unknown = matches.length === 1 && matches[0]!.code === 'KD100'
  const where = `${meta.lines} line${meta.lines === 1 ? '' : 's'} (${escapeMarkdown(meta.source)})`
  const out = ['# kdoctor explain', '', unknown ? `No known problem recognised in ${where}.` : `${matches.length} problem${matches.length === 1 ? '' : 's'} found in ${where}, in connection order.`, '']
  for (const match of matches) {
    const entry = entryFor(match.code)
    const times = match.count > 1 ? ` (×${match.count}, first on line ${match.lineNumber})` : match.lineNumber > 0 ? ` (line ${match.lineNumber})` : ''
    out.push(`## ${match.code}: ${entry.title}${times}`, '')
    if (match.line) out.push(markdownCode(match.line), '')
    const facts = Object.entries(match.evidence).filter(([k]) => !['alsoMatched', 'ambiguous', 'refinedFrom'].includes(k))
    if (facts.length > 0) out.push(`${unknown ? 'Parsed' : 'Evidence'}: ${facts.map(([k, v]) => `${escapeMarkdown(k)} ${markdownCode(String(v))}`).join(', ')}`, '')
    out.push(entry.explanation, '', ...fixAndLink(entry, unknown ? 'Next' : 'Fix'))
  }

  return out.join('\n')
}
