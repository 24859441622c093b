// kdoctor doctor's checklist, in the spirit of `flutter doctor`: one line per area with ✓ / ! / ✗
// (or - for an area that did not run, saying why), its codes and its first problem.

import type {ChalkInstance} from 'chalk'

import type {AreaVerdict} from '../checks/doctor/areas.js'
import {escapeMarkdown, escapeTerminal} from '../core/escape.js'
import type {Report} from '../diagnosis/finding.js'
import type {AclReport} from '../checks/acl/report.js'
import type {HerokuSummary} from '../checks/heroku/summary.js'
import {makeChalk} from './colour.js'
import {MARKS, mark} from './human.js'
import type {Block} from './view.js'

export interface DoctorView extends Report {
  doctor: {areas: AreaVerdict[]}
  acl?: AclReport
  heroku?: HerokuSummary
}

export function renderDoctorChecklist(areas: readonly AreaVerdict[], c: ChalkInstance = makeChalk()): string {
  const width = Math.max(...areas.map((a) => a.title.length))
  const lines = areas.map((a) => {
    const codes = a.codes.length > 0 ? `${c.bold(a.codes.join(' '))} · ` : ''
    // A summary may quote a broker's or a file's words.
    const summary = a.status === 'skip' ? c.dim(`skipped: ${escapeTerminal(a.summary)}`) : escapeTerminal(a.summary)
    return `[${mark(a.status, c)}] ${a.title.padEnd(width)}  ${codes}${summary}`
  })
  return lines.join('\n') + '\n'
}

/** The same checklist as a GitHub table (for the ticket-ready report). */
export function renderDoctorChecklistMarkdown(areas: readonly AreaVerdict[]): string {
  const rows = areas.map((a) => `| ${MARKS[a.status]} | ${a.title} | ${a.codes.join(' ')} | ${escapeMarkdown(a.status === 'skip' ? `skipped: ${a.summary}` : a.summary)} |`)
  return ['| | Area | Codes | Result |', '|---|---|---|---|', ...rows].join('\n') + '\n'
}

/** The checklist first, then the details: in the terminal and in the markdown report. */
export function doctorChecklistBlock(areas: readonly AreaVerdict[]): Block {
  return {terminal: (c) => `${renderDoctorChecklist(areas, c)}\n${c.bold('Details')}\n\n`, markdown: () => `## Checklist\n\n${renderDoctorChecklistMarkdown(areas)}`}
}
