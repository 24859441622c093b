// What aws reachability found per broker endpoint (the hop table) beside its findings: a result
// type below the plan, for the renderers.

import type {Finding} from '../diagnosis/finding.js'
import type {AnalyzerOutcome} from './analyzer.js'
import type {PathVerdict} from './evaluate.js'

/** One broker endpoint's hop table, for the human renderer. */
export interface BrokerPathView {
  target: string
  host: string
  port: number
  ip?: string
  broker: string
  client: string
  verdict?: PathVerdict
  probe?: string
  analyzer?: AnalyzerOutcome
}

export interface AwsReachabilityResult {
  findings: Finding[]
  paths: BrokerPathView[]
  region?: string
}
