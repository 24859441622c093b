// The one shape every check produces and every renderer consumes (design.md "Finding").

import type {KdCode} from './catalog/codes.js'

export type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'info'

/** Layers, named after what happens on the wire (librdkafka's broker states, in our words). */
export type CheckName =
  | 'config'
  | 'dns'
  | 'tcp'
  | 'listener'
  | 'tls'
  | 'sasl'
  | 'metadata'
  | 'advertised'
  | 'client'
  | 'acl'
  | 'heroku'
  | 'explain'
  | 'aws'
  | 'liveness'
  | 'manifest'
  /** kdoctor doctor's own record of an area it did not run. */
  | 'doctor'

/** A stable diagnosis code: the closed union of the catalog's codes (catalog/codes.ts). */
export type {KdCode} from './catalog/codes.js'

export interface Finding {
  check: CheckName
  /** What was probed: "host:port", a topic, a variable name, "config". */
  target: string
  status: Status
  /** Present whenever status is warn or fail. */
  code?: KdCode
  /** One line, no secrets. */
  summary: string
  /** Structured, secret-free facts (certificate SANs, offered mechanisms, advertised address...). */
  evidence: Record<string, unknown>
  durationMs: number
}

export interface ReportSummary {
  pass: number
  warn: number
  fail: number
  skip: number
  info: number
}

/** One effective client setting and where it came from; secret values are masked. */
export interface SettingRecord {
  key: string
  value: string
  /** "karafka.rb:12", "env KAFKA_URL", "-X sasl.password", "app.env:3", "client.properties:7 (sasl.jaas.config)". */
  source: string
  secret?: true
}

export interface Report {
  schema: 'kdoctor/v1'
  command: string
  ok: boolean
  summary: ReportSummary
  findings: Finding[]
  /** The settings the run used (commands that connect). */
  settings?: SettingRecord[]
}

export function summarize(findings: readonly Finding[]): ReportSummary {
  const summary: ReportSummary = {pass: 0, warn: 0, fail: 0, skip: 0, info: 0}
  for (const finding of findings) summary[finding.status]++
  return summary
}

export function buildReport(command: string, findings: Finding[], failOn: 'fail' | 'warn' = 'fail', settings?: SettingRecord[]): Report {
  const summary = summarize(findings)
  const ok = summary.fail === 0 && (failOn === 'fail' || summary.warn === 0)
  return {schema: 'kdoctor/v1', command, ok, summary, findings, ...(settings ? {settings} : {})}
}

export function finding(partial: Omit<Finding, 'evidence' | 'durationMs'> & Partial<Pick<Finding, 'evidence' | 'durationMs'>>): Finding {
  // Fixed key order keeps the JSON readable: what, where, verdict, then the facts.
  const {check, target, status, code, summary, evidence = {}, durationMs = 0} = partial
  return code ? {check, target, status, code, summary, evidence, durationMs} : {check, target, status, summary, evidence, durationMs}
}
