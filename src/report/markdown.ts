// The ticket-ready report (`--format markdown`, `--report FILE.md`): what ran where, the settings
// with their sources, every problem with its evidence and fix, every check, and the versions
// seen. Written for GitHub's renderer; every string that did not come from kdoctor itself (broker
// replies, host names, file contents, settings) goes through core/escape.ts.

import {escapeMarkdown, markdownCode, markdownCodeBlock} from '../core/escape.js'
import {entryFor} from '../diagnosis/catalog.js'
import {moreAbout} from './explain-markdown.js'
import type {Finding, KdCode, Report, Status} from '../diagnosis/finding.js'
import type {Block, ReportView} from './view.js'

export interface ReportContext {
  kdoctorVersion: string
  kafkajsVersion: string
  host: {hostname: string; os: string; node: string; podNamespace?: string; podNamespaceSource?: string}
  /** ISO time the run finished. */
  at: string
}

const MARKS: Record<Status, string> = {pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️', info: 'ℹ️'}
const MASK = '••••••'

/** A table cell from untrusted text: one line, pipes and markdown escaped, never empty. */
function cell(text: string): string {
  return text === '' ? ' ' : escapeMarkdown(text)
}

function verdictLine(report: Report): string {
  const {pass, warn, fail, skip, info} = report.summary
  const counts = `${fail} failed, ${warn} warnings, ${pass} passed, ${skip} skipped${info > 0 ? `, ${info} notes` : ''}`
  return report.ok ? `✅ **No blocking problem found.** ${counts}.` : `❌ **Problems found.** ${counts}.`
}

function whereItRan(context: ReportContext): string[] {
  const {host} = context
  const lines = [
    `- **kdoctor:** ${escapeMarkdown(context.kdoctorVersion)} (Node.js ${escapeMarkdown(host.node)})`,
    `- **Host:** ${markdownCode(host.hostname)} · ${escapeMarkdown(host.os)}`,
  ]
  if (host.podNamespace) lines.push(`- **Kubernetes pod namespace:** ${markdownCode(host.podNamespace)} (from ${escapeMarkdown(host.podNamespaceSource ?? 'unknown')})`)
  lines.push(`- **Finished:** ${escapeMarkdown(context.at)}`)
  return lines
}

function settingsSection(report: Report): string[] {
  if (!report.settings || report.settings.length === 0) return []
  const out = ['## Settings', '', '| Setting | Value | Source |', '|---|---|---|']
  for (const s of report.settings) {
    // Masked again here: a secret's value never reaches the report, whoever built the record.
    const value = s.secret ? `${MASK} (secret)` : markdownCode(s.value, {inTable: true})
    out.push(`| ${markdownCode(s.key, {inTable: true})} | ${value} | ${cell(s.source)} |`)
  }

  out.push('')
  return out
}

interface Problem {
  code: KdCode
  status: Status
  findings: Finding[]
}

function problems(findings: readonly Finding[]): Problem[] {
  const byCode = new Map<KdCode, Problem>()
  for (const f of findings) {
    if (!f.code || (f.status !== 'fail' && f.status !== 'warn')) continue
    const seen = byCode.get(f.code) ?? {code: f.code, status: f.status, findings: []}
    seen.findings.push(f)
    if (f.status === 'fail') seen.status = 'fail'
    byCode.set(f.code, seen)
  }

  return [...byCode.values()].sort((a, b) => (a.status === b.status ? a.code.localeCompare(b.code) : a.status === 'fail' ? -1 : 1))
}

function evidenceBlock(findings: readonly Finding[]): string[] {
  const shown = findings.filter((f) => Object.keys(f.evidence).length > 0)
  if (shown.length === 0) return []
  const json = JSON.stringify(shown.length === 1 ? shown[0]!.evidence : Object.fromEntries(shown.map((f) => [`${f.check} ${f.target}`, f.evidence])), null, 2)
  return ['<details><summary>Evidence</summary>', '', markdownCodeBlock(json, 'json'), '', '</details>', '']
}

function problemSection(problem: Problem): string[] {
  // Catalog text is kdoctor's own markdown: rendered as written.
  const entry = entryFor(problem.code)
  const out = [`### ${MARKS[problem.status]} ${problem.code}: ${entry.title}`, '']
  for (const f of problem.findings) out.push(`- ${markdownCode(f.target)} (${f.check}): ${escapeMarkdown(f.summary)}`)
  out.push('', entry.explanation, '', '**Fix**', '')
  for (const step of entry.fix) out.push(`- ${step}`)
  out.push('', ...evidenceBlock(problem.findings))
  out.push(moreAbout(problem.code), '')
  return out
}

function checksTable(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return []
  const out = ['## Every check', '', '| | Target | Check | Result | Code |', '|---|---|---|---|---|']
  for (const f of findings) out.push(`| ${MARKS[f.status]} | ${markdownCode(f.target, {inTable: true})} | ${f.check} | ${cell(f.summary)} | ${f.code ?? ' '} |`)
  out.push('')
  return out
}

/** "Kafka 4.x or newer (ApiVersions from 127.0.0.1:9092)", once per broker generation seen. */
function versionsSeen(report: Report, context: ReportContext): string[] {
  const lines = [`- kdoctor ${escapeMarkdown(context.kdoctorVersion)}`]
  const clientRan = report.findings.some((f) => f.check === 'client' && f.status !== 'skip')
  if (clientRan) lines.push(`- kafkajs ${escapeMarkdown(context.kafkajsVersion)} (the end-to-end client check)`)
  const brokers = new Map<string, string[]>()
  for (const f of report.findings) {
    const generation = f.evidence.brokerGeneration
    if (typeof generation !== 'string') continue
    const at = brokers.get(generation) ?? []
    if (!at.includes(f.target)) at.push(f.target)
    brokers.set(generation, at)
  }

  for (const [generation, targets] of brokers) lines.push(`- broker: Kafka ${escapeMarkdown(generation)} (from ApiVersions of ${targets.map((t) => markdownCode(t)).join(', ')})`)
  if (brokers.size === 0) lines.push('- broker: not reached')
  return lines
}

function blocks(list: readonly Block[] = []): string[] {
  const out: string[] = []
  for (const block of list) {
    const text = block.markdown().trimEnd()
    if (text !== '') out.push(text, '')
  }

  return out
}

export function renderMarkdown(report: Report, view: ReportView, context: ReportContext): string {
  const out: string[] = [`# kdoctor ${report.command}`, '']
  if (view.heading) out.push(`*${escapeMarkdown(view.heading)}*`, '')
  out.push(verdictLine(report), '', ...whereItRan(context), '')
  // As in the terminal, the command's own tables (doctor's checklist, the ACL matrix) come first.
  out.push(...blocks(view.before))
  out.push(...settingsSection(report))

  const found = problems(report.findings)
  if (found.length > 0) {
    out.push('## Problems', '')
    for (const problem of found) out.push(...problemSection(problem))
  }

  out.push(...blocks(view.after))

  out.push(...checksTable(report.findings))
  out.push('## Versions seen', '', ...versionsSeen(report, context), '')
  out.push('---', '', `*Report by kdoctor ${escapeMarkdown(context.kdoctorVersion)}. Secrets are masked; JSON of the same run: \`kdoctor ${report.command} --json\`.*`, '')
  return out.join('\n')
}
