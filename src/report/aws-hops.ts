// The hop-by-hop table per broker for `kdoctor aws reachability` (human output only; --json
// carries the same hops in each path finding's evidence).

import type {ChalkInstance} from 'chalk'

import type {HopVerdict} from '../aws/evaluate.js'
import {HOP_ORDER, HOP_TITLES} from '../aws/evaluate.js'
import type {AwsReachabilityResult} from '../aws/path-view.js'
import {escapeMarkdown, escapeTerminal, markdownCode} from '../core/escape.js'
import {makeChalk} from './colour.js'
import type {Block} from './view.js'

const WORDS: Record<HopVerdict, string> = {allowed: 'allowed', blocked: 'BLOCKED', unknown: 'unknown', 'not-applicable': 'n/a'}

function paint(verdict: HopVerdict, text: string, c: ChalkInstance): string {
  switch (verdict) {
    case 'allowed':
      return c.green(text)
    case 'blocked':
      return c.red.bold(text)
    case 'unknown':
      return c.yellow(text)
    default:
      return c.dim(text)
  }
}

function clip(raw: string, width: number): string {
  const text = escapeTerminal(raw)
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`
}

export function renderHopTables(result: Pick<AwsReachabilityResult, 'paths'>, c: ChalkInstance = makeChalk(), width = process.stdout.columns || 160): string {
  const lines: string[] = []
  for (const path of result.paths) {
    lines.push(`${c.bold(escapeTerminal(path.target))} → ${escapeTerminal(path.broker)}`, `  from ${escapeTerminal(path.client)}`)
    const verdict = path.verdict
    if (verdict) {
      const hopWidth = Math.max(...HOP_ORDER.map((h) => HOP_TITLES[h].length))
      const whereWidth = Math.min(28, Math.max(5, ...verdict.hops.map((h) => (h.resource ?? '-').length)))
      lines.push(c.dim(`  ${'HOP'.padEnd(hopWidth)}  ${'VERDICT'.padEnd(7)}  ${'WHERE'.padEnd(whereWidth)}  WHY`))
      const room = Math.max(40, width - hopWidth - whereWidth - 15)
      for (const hop of verdict.hops) {
        const why = hop.verdict === 'allowed' && hop.rule ? hop.rule : hop.detail
        lines.push(`  ${HOP_TITLES[hop.hop].padEnd(hopWidth)}  ${paint(hop.verdict, WORDS[hop.verdict].padEnd(7), c)}  ${clip(hop.resource ?? '-', whereWidth).padEnd(whereWidth)}  ${clip(why, room)}`)
      }

      const overall = verdict.verdict === 'allowed' ? c.green('allowed') : verdict.verdict === 'blocked' ? c.red.bold('blocked') : c.yellow('undecided')
      lines.push(`  ${'verdict'.padEnd(hopWidth)}  ${overall}${path.probe ? c.dim(`   live probe: ${path.probe}`) : ''}`)
      for (const hop of verdict.hops) {
        if (hop.verdict === 'blocked') {
          lines.push(`  ${c.red('✗')} ${HOP_TITLES[hop.hop]}: ${escapeTerminal(hop.detail)}`)
          if (hop.fix) lines.push(`    fix: ${c.bold(escapeTerminal(hop.fix))}`)
        }

        if (hop.verdict === 'unknown' && hop.missingAction) lines.push(`  ${c.yellow('?')} ${HOP_TITLES[hop.hop]}: needs IAM permission ${hop.missingAction}`)
      }
    }

    if (path.analyzer) lines.push(`  Reachability Analyzer: ${escapeTerminal(path.analyzer.summary)}`)
    lines.push('')
  }

  return lines.join('\n') + (lines.length > 0 ? '\n' : '')
}

/** One hop table per broker endpoint, as GitHub markdown (rule texts and names escaped). */
export function renderHopTablesMarkdown(result: Pick<AwsReachabilityResult, 'paths'>): string {
  if (result.paths.length === 0) return ''
  const out = ['## Network path, hop by hop', '']
  for (const path of result.paths) {
    out.push(`### ${markdownCode(path.target)} → ${escapeMarkdown(path.broker)}`, '', `From ${escapeMarkdown(path.client)}.`, '')
    const verdict = path.verdict
    if (verdict) {
      out.push('| Hop | Verdict | Where | Why |', '|---|---|---|---|')
      for (const hop of verdict.hops) {
        const why = hop.verdict === 'allowed' && hop.rule ? hop.rule : hop.detail
        out.push(`| ${HOP_TITLES[hop.hop]} | ${WORDS[hop.verdict]} | ${hop.resource ? markdownCode(hop.resource, {inTable: true}) : '-'} | ${escapeMarkdown(why)} |`)
      }

      out.push('', `Verdict: **${verdict.verdict === 'allowed' ? 'allowed' : verdict.verdict === 'blocked' ? 'blocked' : 'undecided'}**${path.probe ? `, live probe: ${escapeMarkdown(path.probe)}` : ''}.`, '')
      for (const hop of verdict.hops) {
        if (hop.verdict === 'blocked' && hop.fix) out.push(`- Fix for ${HOP_TITLES[hop.hop]}: ${markdownCode(hop.fix)}`)
        if (hop.verdict === 'unknown' && hop.missingAction) out.push(`- ${HOP_TITLES[hop.hop]} needs IAM permission ${markdownCode(hop.missingAction)}`)
      }
    }

    if (path.analyzer) out.push('', `Reachability Analyzer: ${escapeMarkdown(path.analyzer.summary)}`)
    out.push('')
  }

  return out.join('\n')
}

export function hopTablesBlock(result: Pick<AwsReachabilityResult, 'paths'>): Block {
  return {terminal: (c) => renderHopTables(result, c), markdown: () => renderHopTablesMarkdown(result)}
}
