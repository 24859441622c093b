// kdoctor doctor's checklist, in the spirit of `flutter doctor`: one line per area with ✓ / ! / ✗
// (or - for an area that did not run, saying why), its codes and its first problem.

import type {ChalkInstance} from 'chalk'

import type {AreaStatus, AreaVerdict} from '../checks/doctor/areas.js'
import type {Report} from '../diagnosis/finding.js'
import type {AclReport} from '../checks/acl/report.js'
import type {HerokuSummary} from '../checks/heroku/summary.js'
import {renderAclMatrix} from './acl-matrix.js'
import {makeChalk} from './explain-text.js'
import {renderHerokuAppendix} from './heroku-appendix.js'
import {renderHuman} from './human.js'

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

const MARKS: Record<AreaStatus, string> = {pass: '✓', warn: '!', fail: '✗', skip: '-'}

function paint(status: AreaStatus, text: string, c: ChalkInstance): string {
  switch (status) {
    case 'pass':
      return c.green(text)
    case 'warn':
      return c.yellow(text)
    case 'fail':
      return c.red(text)
    default:
      return c.dim(text)
  }
}

export function renderDoctorChecklist(areas: readonly AreaVerdict[], c: ChalkInstance = makeChalk()): string {
  const width = Math.max(...areas.map((a) => a.title.length))
  const lines = areas.map((a) => {
    const codes = a.codes.length > 0 ? `${c.bold(a.codes.join(' '))} · ` : ''
    const summary = a.status === 'skip' ? c.dim(`skipped: ${a.summary}`) : a.summary
    return `[${paint(a.status, MARKS[a.status], c)}] ${a.title.padEnd(width)}  ${codes}${summary}`
  })
  return lines.join('\n') + '\n'
}

/** The same checklist as a GitHub table (for the ticket-ready report). */
export function renderDoctorChecklistMarkdown(areas: readonly AreaVerdict[]): string {
  const cell = (text: string) => text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/[\r\n]+/g, ' ')
  const rows = areas.map((a) => `| ${MARKS[a.status]} | ${cell(a.title)} | ${a.codes.join(' ')} | ${cell(a.status === 'skip' ? `skipped: ${a.summary}` : a.summary)} |`)
  return ['| | Area | Codes | Result |', '|---|---|---|---|', ...rows].join('\n') + '\n'
}
