// What each command prints under --json, by name: the source of the published JSON Schemas in
// schemas/ (`npm run schemas` regenerates them; test/unit/contract/schemas.test.ts checks both).
// Types only; `schema` stays 'kdoctor/v1' until a breaking change.

import type {AclReport} from '../checks/acl/report.js'
import type {HerokuSummary} from '../checks/heroku/summary.js'
import type {Report} from '../diagnosis/finding.js'
import type {ClusterView} from '../report/cluster-table.js'
import type {DoctorView} from '../report/doctor-checklist.js'
import type {ExplainJson} from './explain.js'

export type ConnectJson = Report
export type LivenessJson = Report
export type AwsReachabilityJson = Report
export type AclCheckJson = Report & {acl?: AclReport}
export type ClusterInfoJson = Report & {cluster?: ClusterView}
export type HerokuPrefixJson = Report & {heroku: HerokuSummary}
export type DoctorJson = DoctorView
export type {ExplainJson}

/** Any command's bad input under --json (exit 2): the one JSON document on stdout. */
export interface ErrorJson {
  schema: 'kdoctor/v1'
  command: string
  ok: false
  error: string
}
