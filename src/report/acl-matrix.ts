// The acl-check matrix as a table (resource × operation, each cell with the request that decided
// it), then the commands that grant what is denied. The checklist and problems follow it (human.ts).

import type {ChalkInstance} from 'chalk'

import type {Cell, MatrixRow} from '../checks/acl/matrix.js'
import {ACL_OPERATION, OPERATIONS, type Operation} from '../checks/acl/operations.js'
import type {AclReport} from '../checks/acl/report.js'
import {escapeMarkdown, escapeTerminal, markdownCode, markdownCodeBlock} from '../core/escape.js'
import {makeChalk} from './colour.js'
import type {Block} from './view.js'

// Column headers in Kafka's own operation names, as kafka-acls prints them.
const HEADER: Readonly<Record<Operation, string>> = ACL_OPERATION

/** "✓ Fetch+": mark, the API that decided, + when the authorized-operations bitfield agrees. */
export function cellText(cell: Cell): string {
  const mark = cell.verdict === 'allowed' ? '✓' : cell.verdict === 'denied' ? '✗' : '?'
  const decisive = cell.evidence.find((e) => e.verdict === cell.verdict && e.verdict !== 'unknown')
  if (!decisive) return `${mark} unknown`
  const by = decisive.source === 'probe' ? (decisive.api.split(' ')[0] ?? decisive.api) : 'ops'
  const agree = decisive.source === 'probe' && cell.evidence.some((e) => e.source === 'authorized-operations' && e.verdict === cell.verdict)
  return `${mark} ${by}${agree ? '+' : ''}${cell.conflict ? '!' : ''}`
}

function rowLabel(row: MatrixRow): string {
  const state = row.exists === 'no' ? ' (missing)' : row.exists === 'hidden' ? ' (hidden)' : ''
  return row.resource.label + state
}

function paint(text: string, cell: Cell | undefined, c: ChalkInstance): string {
  if (!cell) return c.dim(text)
  return cell.verdict === 'allowed' ? c.green(text) : cell.verdict === 'denied' ? c.red(text) : c.yellow(text)
}

export function renderAclMatrix(acl: AclReport, c: ChalkInstance = makeChalk()): string {
  const lines: string[] = []
  const p = acl.principal
  lines.push(`${c.bold('Principal')}  ${escapeTerminal(p.principal)}  ${c.dim(`· ${escapeTerminal(p.from)}`)}`)
  if (acl.acls.noAuthorizer) lines.push(c.yellow('           this broker has no authorizer (DescribeAcls: SECURITY_DISABLED): every client may do everything'))
  lines.push(
    `${c.bold('Broker')}     ${acl.broker.nodeId ?? '?'} at ${escapeTerminal(acl.broker.address)} (${acl.broker.generation}) · ${acl.requests.total} requests, nothing written` +
      (acl.autoCreateTopics ? ` · auto.create.topics.enable=${acl.autoCreateTopics.value}${acl.autoCreateTopics.assumed ? ' (assumed)' : ''}` : ''),
  )
  lines.push('')

  const columns = OPERATIONS.filter((op) => acl.matrix.some((row) => row.cells.some((cell) => cell.operation === op)))
  const table = acl.matrix.map((row) => [rowLabel(row), ...columns.map((op) => row.cells.find((cell) => cell.operation === op))] as const)
  const texts = table.map(([label, ...cells]) => [escapeTerminal(label), ...cells.map((cell) => (cell ? cellText(cell) : '·'))])
  const header = ['RESOURCE', ...columns.map((op) => HEADER[op])]
  const widths = header.map((h, i) => Math.max(h.length, ...texts.map((t) => (t[i] ?? '').length)))
  lines.push(c.bold(header.map((h, i) => h.padEnd(widths[i] ?? 0)).join('  ').trimEnd()))
  table.forEach(([, ...cells], r) => {
    const text = texts[r] ?? []
    const parts = [(text[0] ?? '').padEnd(widths[0] ?? 0), ...cells.map((cell, i) => paint((text[i + 1] ?? '').padEnd(widths[i + 1] ?? 0), cell, c))]
    lines.push(parts.join('  ').trimEnd())
  })
  lines.push(
    c.dim(
      '✓ allowed  ✗ denied  ? unknown · the request that decided (a probe that changes nothing); + the broker\'s authorized-operations bitfield (KIP-430) agrees; ops = decided by the bitfield; ! probe and bitfield disagree. Every cell\'s method: --json.',
    ),
  )

  const notes = acl.matrix.flatMap((row) => row.cells.filter((cell) => cell.note && cell.verdict === 'allowed').map((cell) => `${row.resource.label} ${cell.operation}: ${cell.note}`))
  if (notes.length > 0) lines.push(...notes.map((n) => c.dim(`  ${escapeTerminal(n)}`)))
  lines.push('')

  if (acl.fixes.createTopics) {
    lines.push(c.bold('Topics to create first'), c.dim('  # they do not exist and nothing will create them on first use'), ...acl.fixes.createTopics.map((cmd) => `  ${escapeTerminal(cmd)}`), '')
  }
  if (acl.fixes.commands.length > 0) {
    lines.push(c.bold('To grant what is missing'))
    for (const fix of acl.fixes.commands) {
      lines.push(c.dim(`  # ${escapeTerminal(fix.grants)}`), `  ${escapeTerminal(fix.command)}`)
      if (fix.literalAlternative) lines.push(c.dim('  # or only these names:'), ...fix.literalAlternative.split('\n').map((l) => `  ${escapeTerminal(l)}`))
      if (fix.note) lines.push(c.dim(`  # ${escapeTerminal(fix.note)}`))
    }
    for (const note of acl.fixes.notes) lines.push(c.dim(`  ${escapeTerminal(note)}`))
    lines.push('')
  }
  return lines.join('\n') + '\n'
}

/** The same matrix and grant commands as GitHub markdown (names escaped: they are the user's and the broker's). */
export function renderAclMatrixMarkdown(acl: AclReport): string {
  const p = acl.principal
  const out = ['## Permissions', '', `- **Principal:** ${markdownCode(p.principal)} (${escapeMarkdown(p.from)})`]
  if (acl.acls.noAuthorizer) out.push('- **This broker has no authorizer** (DescribeAcls: SECURITY_DISABLED): every client may do everything')
  out.push(`- **Broker:** ${acl.broker.nodeId ?? '?'} at ${markdownCode(acl.broker.address)} (${escapeMarkdown(acl.broker.generation)}), ${acl.requests.total} requests, nothing written`)
  if (acl.autoCreateTopics) out.push(`- **auto.create.topics.enable:** ${acl.autoCreateTopics.value}${acl.autoCreateTopics.assumed ? ' (assumed)' : ''}`)
  out.push('')
  const columns = OPERATIONS.filter((op) => acl.matrix.some((row) => row.cells.some((cell) => cell.operation === op)))
  out.push(`| Resource | ${columns.map((op) => HEADER[op]).join(' | ')} |`, `|---|${columns.map(() => '---').join('|')}|`)
  for (const row of acl.matrix) {
    const cells = columns.map((op) => {
      const cell = row.cells.find((c) => c.operation === op)
      return cell ? escapeMarkdown(cellText(cell)) : '·'
    })
    out.push(`| ${markdownCode(rowLabel(row), {inTable: true})} | ${cells.join(' | ')} |`)
  }

  out.push('', "✓ allowed, ✗ denied, ? unknown; the request that decided; + the authorized-operations bitfield agrees; ops = decided by the bitfield; ! they disagree.", '')
  const commands: string[] = []
  if (acl.fixes.createTopics) commands.push('# Topics to create first: they do not exist and nothing will create them on first use', ...acl.fixes.createTopics)
  for (const fix of acl.fixes.commands) {
    commands.push(`# ${fix.grants}`, fix.command)
    if (fix.literalAlternative) commands.push('# or only these names:', ...fix.literalAlternative.split('\n'))
    if (fix.note) commands.push(`# ${fix.note}`)
  }
  for (const note of acl.fixes.notes) commands.push(`# ${note}`)
  if (commands.length > 0) out.push('### To grant what is missing', '', markdownCodeBlock(commands.join('\n'), 'sh'), '')
  return out.join('\n')
}

export function aclMatrixBlock(acl: AclReport): Block {
  return {terminal: (c) => renderAclMatrix(acl, c), markdown: () => renderAclMatrixMarkdown(acl)}
}
