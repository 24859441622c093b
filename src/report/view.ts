// How a command's report is shown, whatever the format: a heading, command-specific blocks around
// the checklist (the ACL matrix, the hop tables, the cluster table, the Heroku commands), each
// rendered for the terminal and for the markdown report. Commands build a ReportView from these
// pieces; BaseCommand picks the format.

import type {ChalkInstance} from 'chalk'

import type {Report} from '../diagnosis/finding.js'
import {makeChalk} from './colour.js'
import {renderHuman} from './human.js'

/** A piece of command-specific output, in both formats. */
export interface Block {
  terminal: (c: ChalkInstance) => string
  /** GitHub-flavoured markdown, every untrusted string escaped (core/escape.ts). */
  markdown: () => string
}

export interface ReportView {
  /** "kdoctor connect · broker:9092 · SASL_SSL": first line of the terminal output, subtitle of the markdown report. */
  heading?: string
  /** Blocks before the checklist (tables the checklist refers to). */
  before?: Block[]
  /** Blocks after it (commands to run). */
  after?: Block[]
  /** false: the terminal shows only the blocks (cluster-info's table); markdown always has every check. */
  terminalChecklist?: boolean
}

export async function renderTerminal(report: Report, view: ReportView = {}, c: ChalkInstance = makeChalk()): Promise<string> {
  const parts: string[] = []
  // One heading line: describeProfile already ends it with where the settings came from.
  if (view.heading) parts.push(`${c.bold(view.heading)}\n\n`)

  for (const block of view.before ?? []) parts.push(block.terminal(c))
  if (view.terminalChecklist !== false) parts.push(await renderHuman(report, undefined, c))
  for (const block of view.after ?? []) parts.push(block.terminal(c))
  return parts.join('')
}
