// kdoctor doctor's checklist, in the spirit of `flutter doctor`: one line per area with ✓ / ! / ✗
// (or - for an area that did not run, saying why), its codes and its first problem.

import type {ChalkInstance} from 'chalk'

import type {AreaVerdict} from '../checks/doctor/areas.js'
import {escapeMarkdown, escapeTerminal} from '../core/escape.js'
import type {Report} from '../diagnosis/finding.js'
import type {AclReport} from '../plans/acl-check.js'
import type {HerokuSummary} from '../plans/heroku-prefix.js'
import {renderAclMatrix} from './acl-matrix.js'
import {makeChalk} from './explain-text.js'
import {renderHerokuAppendix} from './heroku-appendix.js'
import {MARKS, mark, renderHuman} from './human.js'

export interface DoctorView extends Report {
  doctor: {areas: AreaVerdict[]}
  acl?: AclReport
  heroku?: HerokuSummary
}

/** Heading, the checklist, then the details: the permission matrix, every finding, the Heroku commands. */
export function renderDoctor(report: DoctorView, heading: string, c: ChalkInstance = makeChalk()): string {
  const parts = [`${c.bold(heading)}\n\n`, renderDoctorChecklist(report.doctor.areas, c), `\n${c.bold('Details')}\n\n`]
  if (report.acl) parts.push(renderAclMatrix(report.acl, c))
  parts.push(renderHuman(report, undefined, c))
  if (report.heroku && report.heroku.commands.length > 0) parts.push(renderHerokuAppendix(report.heroku))
  return parts.join('')
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
