import type {ChalkInstance} from 'chalk'

import type {Finding, Report, Status} from '../diagnosis/finding.js'
import {makeChalk} from './colour.js'
import {escapeTerminal} from '../core/escape.js'

export const MARKS: Record<Status, string> = {pass: '✓', warn: '!', fail: '✗', skip: '-', info: '•'}

/** ✓ ! ✗ - • in the status's colour (also the doctor checklist's marks). */
export function mark(status: Status, chalk: ChalkInstance): string {
  const symbol = MARKS[status]
  switch (status) {
    case 'pass':
      return chalk.green(symbol)
    case 'warn':
      return chalk.yellow(symbol)
    case 'fail':
      return chalk.red(symbol)
    default:
      return chalk.dim(symbol)
  }
}

/**
 * A checklist in the spirit of `flutter doctor`: one line per target and layer, then every
 * problem once, with its code, explanation, fix and docs page.
 */
export async function renderHuman(report: Report, heading?: string, chalk: ChalkInstance = makeChalk()): Promise<string> {
  const lines: string[] = []
  if (heading) lines.push(chalk.bold(escapeTerminal(heading)), '')

  for (const [target, findings] of groupByTarget(report.findings)) {
    lines.push(chalk.bold(escapeTerminal(target)))
    const width = Math.max(...findings.map((f) => f.check.length))
    for (const f of findings) {
      const code = f.code ? chalk.dim(` [${f.code}]`) : ''
      const timing = f.durationMs > 0 ? chalk.dim(` ${f.durationMs} ms`) : ''
      lines.push(`  ${mark(f.status, chalk)} ${f.check.padEnd(width)}  ${escapeTerminal(f.summary)}${code}${timing}`)
    }

    lines.push('')
  }

  const problems = uniqueProblems(report.findings)
  if (problems.length > 0) {
    // The catalog's words load only when there is a problem to explain: a healthy run never reads them.
    const [{entryFor}, {problemBody}] = await Promise.all([import('../diagnosis/catalog.js'), import('./explain-text.js')])
    lines.push(chalk.bold('Problems'))
    for (const {code, status, where} of problems) {
      lines.push(`  ${mark(status, chalk)} ${chalk.bold(code)} ${entryFor(code).title}  ${chalk.dim(`(${escapeTerminal(where.join(', '))})`)}`)
      lines.push(...problemBody(code, {c: chalk}), '')
    }
  }

  const {pass, warn, fail, skip} = report.summary
  const verdict = report.ok ? chalk.green('No blocking problem found.') : chalk.red('Problems found.')
  lines.push(`${verdict} ${pass} passed, ${warn} warnings, ${fail} failed, ${skip} skipped.`)
  return lines.join('\n') + '\n'
}

function groupByTarget(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>()
  for (const f of findings) {
    const group = groups.get(f.target) ?? []
    group.push(f)
    groups.set(f.target, group)
  }

  return groups
}

function uniqueProblems(findings: readonly Finding[]) {
  const byCode = new Map<string, {code: NonNullable<Finding['code']>; status: Status; where: string[]}>()
  for (const f of findings) {
    if (!f.code || (f.status !== 'fail' && f.status !== 'warn')) continue
    const seen = byCode.get(f.code)
    if (seen) {
      if (!seen.where.includes(f.target)) seen.where.push(f.target)
      if (f.status === 'fail') seen.status = 'fail'
    } else {
      byCode.set(f.code, {code: f.code, status: f.status, where: [f.target]})
    }
  }

  // Failures first, then warnings, each in code order (which is layer order).
  return [...byCode.values()].sort((a, b) => (a.status === b.status ? a.code.localeCompare(b.code) : a.status === 'fail' ? -1 : 1))
}
