// The hop-by-hop table per broker for `kdoctor aws reachability` (human output only; --json
// carries the same hops in each path finding's evidence).

import type {ChalkInstance} from 'chalk'

import type {HopVerdict} from '../aws/evaluate.js'
import {HOP_ORDER, HOP_TITLES} from '../aws/evaluate.js'
import type {AwsReachabilityResult} from '../plans/aws-reachability.js'
import {makeChalk} from './explain-text.js'
import {escapeTerminal} from '../core/escape.js'

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

export function renderHopTables(result: AwsReachabilityResult, heading?: string, c: ChalkInstance = makeChalk(), width = process.stdout.columns || 160): string {
  const lines: string[] = heading ? [c.bold(heading), ''] : []
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
