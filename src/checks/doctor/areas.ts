// kdoctor doctor's areas: their names, the one-line verdict of each (worst status, its codes, the
// first problem or what passed) and the words for an area that did not run.

import {type Finding, type KdCode, finding} from '../../diagnosis/finding.js'

export type DoctorArea = 'settings' | 'connect' | 'acl' | 'heroku' | 'liveness' | 'aws'

/** Checklist order: what is read first, then what is sent. */
export const DOCTOR_AREAS: readonly DoctorArea[] = ['settings', 'connect', 'acl', 'heroku', 'liveness', 'aws']

/** The checklist title, and the command that runs the same checks alone (for "run it alone"). */
export const AREA_INFO: Readonly<Record<DoctorArea, {title: string; command: string}>> = {
  settings: {title: 'Settings', command: 'kdoctor connect'},
  connect: {title: 'Connection', command: 'kdoctor connect'},
  acl: {title: 'Permissions', command: 'kdoctor acl-check'},
  heroku: {title: 'Heroku conventions', command: 'kdoctor heroku-prefix'},
  liveness: {title: 'Liveness', command: 'kdoctor liveness'},
  aws: {title: 'AWS reachability', command: 'kdoctor aws reachability'},
}

export type AreaStatus = 'pass' | 'warn' | 'fail' | 'skip'

export interface AreaVerdict {
  area: DoctorArea
  title: string
  status: AreaStatus
  /** Codes of the area's warnings and failures, failures first, each once. */
  codes: KdCode[]
  /** One line: the first problem, what passed, or why the area did not run. */
  summary: string
}

/** Why an area did not run, in a few words (the checklist line and a `skip` finding say it). */
export const SKIP_REASONS = {
  byFlag: 'skipped with --skip',
  noResources: 'no topic or group known (give --topic/--group, or the app config that names them)',
  noHeroku: 'no Heroku Kafka variables (KAFKA_URL as kafka+ssl://, KAFKA_PREFIX, KAFKA_TRUSTED_CERT…)',
  noLivenessPort: 'no liveness port given (--liveness-port) or found in --karafka-config',
  noLivenessListener: (file: string) => `${file} sets up no LivenessListener (give --liveness-port when the app listens anyway)`,
  livenessPortExpression: (where: string, text: string) => `the listener's port at ${where} is the expression ${text} (give --liveness-port)`,
  imdsDisabled: 'instance metadata is off (AWS_EC2_METADATA_DISABLED)',
  noImds: (reason: string) => `not on EC2 as far as instance metadata tells (${reason})`,
  awsSetup: (reason: string) => `the EC2 API could not be asked: ${reason}`,
} as const

/** The finding that records an area that did not run, so every output (JSON, markdown) says why. */
export function skippedArea(area: DoctorArea, why: string): Finding {
  return finding({check: 'doctor', target: AREA_INFO[area].title, status: 'skip', summary: `not run: ${why}`})
}

/** The area's line: its worst status, its codes, and the first problem (or how much passed). */
export function areaVerdict(area: DoctorArea, findings: readonly Finding[]): AreaVerdict {
  const {title} = AREA_INFO[area]
  const failed = findings.filter((f) => f.status === 'fail')
  const warned = findings.filter((f) => f.status === 'warn')
  const codes = [...new Set([...failed, ...warned].flatMap((f) => (f.code ? [f.code] : [])))]
  const first = failed[0] ?? warned[0]
  if (first) {
    const more = failed.length + warned.length - 1
    return {area, title, status: failed.length > 0 ? 'fail' : 'warn', codes, summary: `${first.target}: ${first.summary}${more > 0 ? ` (and ${more} more)` : ''}`}
  }

  const passed = findings.filter((f) => f.status === 'pass').length
  const skipped = findings.filter((f) => f.status === 'skip')
  if (passed === 0 && skipped.length > 0) return {area, title, status: 'skip', codes, summary: skipped[0]!.summary.replace(/^not run: /, '')}
  const targets = new Set(findings.filter((f) => f.status === 'pass').map((f) => f.target)).size
  const parts = [`${passed} check${passed === 1 ? '' : 's'} passed${targets > 1 ? ` on ${targets} targets` : ''}`]
  if (skipped.length > 0) parts.push(`${skipped.length} skipped`)
  if (passed === 0) parts[0] = area === 'settings' ? 'read, nothing to remark' : 'nothing to remark'
  return {area, title, status: 'pass', codes, summary: parts.join(', ')}
}
