// --deep: the VPC Reachability Analyzer. AWS bills every analysis, so it runs only on request
// and says so. It creates a path and an analysis, polls until the analysis ends, reads its
// explanation codes, and always deletes what it created. A *failed* analysis (missing
// permissions, unsupported component) is reported as failed: its "no path found" is no verdict.

import {type Ec2, awsErrorLine, classifyAwsError} from './ec2-client.js'

export interface AnalyzerRequest {
  /** eni-… or i-… of the client. */
  source: string
  /** eni-… of the broker. */
  destination: string
  port: number
}

export interface AnalyzerExplanation {
  code: string
  direction?: string
  /** The components it names: sg-…, acl-…, rtb-…, eni-…, pcx-…. */
  components: string[]
  /** The rule or route it points at, in words. */
  detail?: string
}

export type AnalyzerStatus = 'reachable' | 'not-reachable' | 'failed' | 'timed-out' | 'denied' | 'error'

export interface AnalyzerOutcome {
  status: AnalyzerStatus
  /** One line, for the finding. */
  summary: string
  explanations: AnalyzerExplanation[]
  pathId?: string
  analysisId?: string
  statusMessage?: string
  /** Ids of what was deleted afterwards, and what could not be (to delete by hand). */
  deleted: string[]
  leftBehind: string[]
  durationMs: number
}

export interface AnalyzerOptions {
  pollMs?: number
  maxWaitMs?: number
  sleep?: (ms: number) => Promise<void>
}

const TAGS = [{Key: 'created-by', Value: 'kdoctor aws reachability --deep'}]

interface SdkExplanation {
  ExplanationCode?: string
  Direction?: string
  SecurityGroups?: {Id?: string}[]
  SecurityGroup?: {Id?: string}
  SecurityGroupRule?: {Cidr?: string; Direction?: string; SecurityGroupId?: string; PortRange?: {From?: number; To?: number}; PrefixListId?: string; Protocol?: string}
  Acl?: {Id?: string}
  AclRule?: {RuleNumber?: number; RuleAction?: string; Egress?: boolean; Cidr?: string; Protocol?: string; PortRange?: {From?: number; To?: number}}
  RouteTable?: {Id?: string}
  RouteTableRoute?: {DestinationCidr?: string; State?: string}
  Component?: {Id?: string}
  Subnet?: {Id?: string}
  Vpc?: {Id?: string}
  VpcPeeringConnection?: {Id?: string}
  TransitGateway?: {Id?: string}
  NetworkInterface?: {Id?: string}
  Port?: number
}

export function toExplanation(e: SdkExplanation): AnalyzerExplanation {
  const ids = [
    ...(e.SecurityGroups ?? []).map((g) => g.Id),
    e.SecurityGroup?.Id,
    e.Acl?.Id,
    e.RouteTable?.Id,
    e.VpcPeeringConnection?.Id,
    e.TransitGateway?.Id,
    e.NetworkInterface?.Id,
    e.Subnet?.Id,
    e.Component?.Id,
  ].filter((id): id is string => Boolean(id))
  let detail: string | undefined
  if (e.AclRule) {
    const r = e.AclRule
    detail = `ACL rule ${r.RuleNumber === 32_767 ? '*' : r.RuleNumber} ${r.RuleAction ?? ''} ${r.Egress ? 'outbound' : 'inbound'} ${r.Cidr ?? ''}`.replace(/\s+/g, ' ').trim()
  } else if (e.SecurityGroupRule) {
    const r = e.SecurityGroupRule
    detail = `${r.SecurityGroupId ?? 'security group'} ${r.Direction ?? ''} rule ${r.Protocol ?? ''} ${r.PortRange ? `${r.PortRange.From}-${r.PortRange.To}` : ''} ${r.Cidr ?? r.PrefixListId ?? ''}`.replace(/\s+/g, ' ').trim()
  } else if (e.RouteTableRoute) {
    detail = `route ${e.RouteTableRoute.DestinationCidr ?? ''} ${e.RouteTableRoute.State ?? ''}`.trim()
  } else if (e.Port !== undefined) {
    detail = `port ${e.Port}`
  }

  return {code: e.ExplanationCode ?? 'UNKNOWN', ...(e.Direction ? {direction: e.Direction} : {}), components: [...new Set(ids)], ...(detail ? {detail} : {})}
}

/** "ENI_SG_RULES_MISMATCH (ingress) sg-1: …" */
export function describeExplanation(e: AnalyzerExplanation): string {
  return `${e.code}${e.direction ? ` (${e.direction})` : ''}${e.components.length > 0 ? ` ${e.components.join(', ')}` : ''}${e.detail ? `: ${e.detail}` : ''}`
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export async function runReachabilityAnalyzer(ec2: Ec2, request: AnalyzerRequest, options: AnalyzerOptions = {}): Promise<AnalyzerOutcome> {
  const started = Date.now()
  const pollMs = options.pollMs ?? 3000
  const maxWaitMs = options.maxWaitMs ?? 180_000
  const sleep = options.sleep ?? defaultSleep
  const {sdk, client} = ec2
  const send = <T>(command: unknown) => client.send(command as never) as Promise<T>
  const deleted: string[] = []
  const leftBehind: string[] = []
  let pathId: string | undefined
  let analysisId: string | undefined
  const done = (status: AnalyzerStatus, summary: string, extra: Partial<AnalyzerOutcome> = {}): AnalyzerOutcome => ({
    status,
    summary,
    explanations: [],
    ...(pathId ? {pathId} : {}),
    ...(analysisId ? {analysisId} : {}),
    deleted,
    leftBehind,
    durationMs: Date.now() - started,
    ...extra,
  })

  const pathInput = {
    Source: request.source,
    Destination: request.destination,
    Protocol: 'tcp' as const,
    DestinationPort: request.port,
    TagSpecifications: [{ResourceType: 'network-insights-path' as const, Tags: TAGS}],
  }

  try {
    // Permission first, before anything billable or anything to clean up exists.
    try {
      await send(new sdk.CreateNetworkInsightsPathCommand({...pathInput, DryRun: true}))
    } catch (error) {
      const kind = classifyAwsError(error)
      if (kind === 'denied') return done('denied', 'Reachability Analyzer not run: missing IAM permission ec2:CreateNetworkInsightsPath (the AmazonVPCReachabilityAnalyzerFullAccessPolicy managed policy has all it needs)')
      if (kind !== 'dry-run-ok') return done('error', `Reachability Analyzer could not start: ${awsErrorLine(error)}`)
    }

    const created = await send<{NetworkInsightsPath?: {NetworkInsightsPathId?: string}}>(new sdk.CreateNetworkInsightsPathCommand(pathInput))
    pathId = created.NetworkInsightsPath?.NetworkInsightsPathId
    if (!pathId) return done('error', 'Reachability Analyzer returned no path id')
    const startedAnalysis = await send<{NetworkInsightsAnalysis?: {NetworkInsightsAnalysisId?: string}}>(
      new sdk.StartNetworkInsightsAnalysisCommand({NetworkInsightsPathId: pathId, TagSpecifications: [{ResourceType: 'network-insights-analysis', Tags: TAGS}]}),
    )
    analysisId = startedAnalysis.NetworkInsightsAnalysis?.NetworkInsightsAnalysisId
    if (!analysisId) return done('error', 'Reachability Analyzer returned no analysis id')

    const deadline = Date.now() + maxWaitMs
    for (;;) {
      const out = await send<{
        NetworkInsightsAnalyses?: {Status?: string; StatusMessage?: string; NetworkPathFound?: boolean; Explanations?: SdkExplanation[]}[]
      }>(new sdk.DescribeNetworkInsightsAnalysesCommand({NetworkInsightsAnalysisIds: [analysisId]}))
      const analysis = out.NetworkInsightsAnalyses?.[0]
      const status = analysis?.Status
      if (status === 'succeeded') {
        const explanations = (analysis?.Explanations ?? []).map(toExplanation)
        if (analysis?.NetworkPathFound) return done('reachable', `Reachability Analyzer found a path to port ${request.port}`, {explanations})
        const codes = [...new Set(explanations.map((e) => e.code))].join(', ') || 'no explanation given'
        return done('not-reachable', `Reachability Analyzer found no path to port ${request.port}: ${codes}`, {explanations})
      }

      if (status === 'failed') {
        const message = analysis?.StatusMessage ?? 'no message'
        return done('failed', `Reachability Analyzer analysis failed (${message}): no verdict from it`, {statusMessage: message})
      }

      if (Date.now() + pollMs > deadline) return done('timed-out', `Reachability Analyzer still running after ${Math.round(maxWaitMs / 1000)} s: no verdict from it`)
      await sleep(pollMs)
    }
  } catch (error) {
    const kind = classifyAwsError(error)
    const why = kind === 'denied' ? `missing IAM permission (${awsErrorLine(error)})` : awsErrorLine(error)
    return done(kind === 'denied' ? 'denied' : 'error', `Reachability Analyzer could not run: ${why}`)
  } finally {
    // Always clean up, analysis first (a path with analyses cannot be deleted).
    if (analysisId) {
      try {
        await send(new sdk.DeleteNetworkInsightsAnalysisCommand({NetworkInsightsAnalysisId: analysisId}))
        deleted.push(analysisId)
      } catch {
        leftBehind.push(analysisId)
      }
    }

    if (pathId) {
      try {
        await send(new sdk.DeleteNetworkInsightsPathCommand({NetworkInsightsPathId: pathId}))
        deleted.push(pathId)
      } catch {
        leftBehind.push(pathId)
      }
    }
  }
}
