// What `kdoctor aws reachability` says: every finding of the run and its text, from the facts the
// plan gathered (permissions, the client, each broker's interface and path verdict, MSK's ports,
// the Reachability Analyzer's outcome). The plan decides what runs; this file decides the words.

import {type Finding, finding} from '../diagnosis/finding.js'
import {formatHostPort} from '../net/address.js'
import {type AnalyzerOutcome, describeExplanation} from './analyzer.js'
import type {Caller} from './caller.js'
import type {ProbeSummary} from './correlate.js'
import {HOP_TITLES, type PathVerdict, decisiveHop} from './evaluate.js'
import type {Fact, InterfaceFacts} from './facts.js'
import {MSK_MULTI_VPC_NOTE, MSK_MULTI_VPC_PORTS, MSK_PUBLIC_ACCESS_NOTE, isVpcEndpointInterface, mskClusterName, mskPort, mskPortMap} from './msk.js'
import type {PermissionCheck} from './permissions.js'

/** A broker endpoint as the findings name it: its label ("b-1.demo…:9096") and port. */
export interface EndpointLabel {
  label: string
  port: number
}

/** The broker side of one address: the interfaces found, the one chosen, or why none. */
export interface BrokerSide {
  fact: Fact<InterfaceFacts[]>
  chosen?: InterfaceFacts
  why?: string
}

const METADATA_TARGET = 'advertised brokers'

export const awsFinding = (target: string, rest: Omit<Parameters<typeof finding>[0], 'check' | 'target'>): Finding => finding({check: 'aws', target, ...rest})

// ---------------------------------------------------------------- advertised brokers, probes

export function advertisedListed(brokers: readonly {nodeId: number; host: string; port: number}[]): Finding {
  return finding({
    check: 'metadata',
    target: METADATA_TARGET,
    status: 'pass',
    summary: `the cluster advertises ${brokers.length} broker(s): ${brokers.map((b) => formatHostPort(b.host, b.port)).join(', ')}`,
    evidence: {brokers: brokers.map((b) => ({nodeId: b.nodeId, host: b.host, port: b.port}))},
  })
}

/** No bootstrap address answered metadata; `failed` is connect's first failing layer, if any. */
export function advertisedUnknown(failed: Finding | undefined): Finding {
  return finding({
    check: 'metadata',
    target: METADATA_TARGET,
    status: 'skip',
    summary: `not listed: no bootstrap address answered Kafka metadata${failed ? ` (${failed.check} failed at ${failed.target}: ${failed.summary})` : ''}; only the bootstrap addresses are evaluated (kdoctor connect shows every layer)`,
    evidence: failed ? {firstFailure: {check: failed.check, target: failed.target, code: failed.code}} : {},
  })
}

export function advertisedNotAsked(): Finding {
  return finding({check: 'metadata', target: METADATA_TARGET, status: 'skip', summary: 'not listed: --no-probe sends no packet to Kafka, so only the bootstrap addresses are evaluated (or pass every broker with --broker)'})
}

export function probesOutOfBudget(budgetMs: number): Finding {
  return finding({check: 'tcp', target: 'broker ports', status: 'skip', summary: `not probed: the --timeout budget (${budgetMs} ms) was spent before the AWS rules were read`})
}

/** A tcp layer finding as the correlation reads it. */
export function probeSummary(tcp: Finding): ProbeSummary {
  const kind = tcp.evidence.kind as ProbeSummary['kind']
  return {ok: tcp.status === 'pass', ...(kind ? {kind} : {}), durationMs: tcp.durationMs}
}

/** The probe column of the hop table. */
export function probeWords(summary: ProbeSummary | undefined, tcp: Finding | undefined, probing: boolean): string {
  if (summary && tcp) return summary.ok ? 'connected' : `${summary.kind} (${tcp.code ?? ''})`
  return probing ? 'not run' : 'off (--no-probe)'
}

// ---------------------------------------------------------------- where kdoctor stands

export function apiAccessFinding(permissions: readonly PermissionCheck[], where: {region: string | undefined; regionSource: string; endpoint: string | undefined}): Finding {
  const {region, regionSource} = where
  const denied = permissions.filter((p) => p.outcome === 'denied')
  const undecided = permissions.filter((p) => p.outcome === 'unknown')
  if (denied.length === 0 && undecided.length === 0) {
    return awsFinding('AWS API', {status: 'pass', summary: `EC2 read access in ${region} (${permissions.length} actions checked with DryRun, Region from ${regionSource})`, evidence: {region, regionSource, endpoint: where.endpoint ?? 'default', actions: permissions.map((p) => p.action)}})
  }

  const missing = [denied.length > 0 ? `missing IAM permission ${denied.map((p) => p.action).join(', ')}` : '', undecided.length > 0 ? `could not check ${undecided.map((p) => p.action).join(', ')}` : ''].filter(Boolean).join('; ')
  return awsFinding('AWS API', {
    status: 'info',
    summary: `${missing}: the hops that need ${denied.length + undecided.length === 1 ? 'it' : 'them'} are reported as unknown`,
    evidence: {region, regionSource, permissions},
  })
}

/** Notes about the client beyond what resolveCaller found: VPC CNI's SNAT when a path leaves the VPC. */
export function clientNotes(caller: Caller, crossVpc: boolean): string[] {
  const notes = [...caller.notes]
  if (caller.podSnat && crossVpc) {
    notes.push("the VPC CNI translates pod traffic leaving the VPC to the node's primary address unless AWS_VPC_K8S_CNI_EXTERNALSNAT=true: CIDR rules on the broker side may see that address")
  }

  return notes
}

export function clientFinding(caller: Caller, notes: readonly string[], ephemeralPorts: unknown): Finding {
  const i = caller.interface
  const noted = notes.length > 0 ? `; ${notes.join('; ')}` : ''
  return awsFinding('client', {
    status: 'info',
    summary: i
      ? `${caller.how}; ${caller.ip ?? i.privateIps[0]} in ${i.subnetId} (${i.vpcId}), security groups ${i.groupIds.join(', ') || 'none'}${noted}`
      : `${caller.how}: ${caller.whyNoInterface ?? 'no interface'}${noted}`,
    evidence: {how: caller.how, ip: caller.ip ?? null, interface: i ?? null, outsideAws: caller.outsideAws, thisHost: caller.thisHost, ephemeralPorts, notes},
  })
}

/** The client column of the hop table. */
export function clientWords(caller: Caller): string {
  const i = caller.interface
  return i ? `${caller.ip ?? i.privateIps[0]} ${i.id}` : `${caller.ip ?? 'unknown address'} (${caller.outsideAws ? 'outside AWS' : 'no interface'})`
}

/** Why no interface was chosen for a broker address. */
export function noBrokerInterface(ip: string, region: string | undefined): string {
  return `no network interface in ${region ?? 'this Region'} has ${ip}: the cluster is in another account or Region (use --profile/--region of the cluster's account), or the address is not in AWS`
}

// ---------------------------------------------------------------- each broker

/** The broker column of the hop table. */
export function brokerWords(ip: string, broker: BrokerSide): string {
  const chosen = broker.chosen
  if (!chosen) return `${ip} (no interface found)`
  const arn = chosen.mskClusterArn
  const name = arn ? mskClusterName(arn) : undefined
  return `${ip} ${chosen.id}${arn ? ` (MSK broker${name ? ` of ${name}` : ''})` : isVpcEndpointInterface(chosen.type, chosen.description) ? ' (VPC endpoint)' : ''}`
}

export function interfaceFinding(target: EndpointLabel, ip: string, broker: BrokerSide): Finding {
  const chosen = broker.chosen
  if (!chosen) {
    const missing = !broker.fact.known ? broker.fact.missingAction : undefined
    return awsFinding(target.label, {status: 'skip', summary: `broker interface for ${ip} unknown: ${broker.why ?? 'not found'}`, evidence: {ip, ...(missing ? {missingAction: missing} : {})}})
  }

  const where = `${chosen.subnetId} (${chosen.vpcId}), security groups ${chosen.groupIds.join(', ') || 'none'}`
  const evidence = {ip, interface: chosen, mskClusterArn: chosen.mskClusterArn ?? null}
  if (chosen.mskClusterArn) {
    return awsFinding(target.label, {status: 'info', summary: `${ip} is ${chosen.id}, an Amazon MSK broker interface of cluster ${chosen.mskClusterArn}; ${where}`, evidence})
  }

  if (isVpcEndpointInterface(chosen.type, chosen.description)) {
    const multiVpc = target.port >= MSK_MULTI_VPC_PORTS.from && target.port <= MSK_MULTI_VPC_PORTS.to
    return awsFinding(target.label, {status: 'info', summary: `${ip} is ${chosen.id}, a VPC endpoint interface${multiVpc ? ' (MSK multi-VPC private connectivity)' : ''}; ${where}`, evidence})
  }

  return awsFinding(target.label, {status: 'info', summary: `${ip} is ${chosen.id} (${chosen.type}${chosen.description ? `, "${chosen.description}"` : ''}), not an MSK broker interface; ${where}`, evidence})
}

const ACCESS_NOTES: Record<string, string> = {public: MSK_PUBLIC_ACCESS_NOTE, 'multi-vpc': MSK_MULTI_VPC_NOTE}

/**
 * The path's verdict: allowed, blocked at its decisive hop (KD707), or undecided. `msk`: the broker
 * is MSK's, so the verdict also carries which listener this port is and what its access mode needs.
 */
export function pathFinding(target: EndpointLabel, ip: string, caller: Caller, verdict: PathVerdict, msk: boolean): Finding {
  const evidence: Record<string, unknown> = {ip, port: target.port, client: caller.ip ?? null, verdict: verdict.verdict, via: verdict.via, hops: verdict.hops, fix: verdict.hops.filter((h) => h.verdict === 'blocked' && h.fix).map((h) => h.fix)}
  const listener = msk ? mskPort(target.port) : undefined
  if (listener) {
    const note = ACCESS_NOTES[listener.access]
    evidence.msk = {listener: listener.listener, access: listener.access, client: listener.client, portMap: mskPortMap(), ...(note ? {note} : {})}
  }

  const via = verdict.via.kind === 'same-vpc' ? 'same VPC' : verdict.via.kind === 'peering' ? `peering ${verdict.via.id}` : verdict.via.kind === 'transit-gateway' ? `Transit Gateway ${verdict.via.id}` : verdict.via.kind === 'internet' ? 'internet' : undefined
  if (verdict.verdict === 'allowed') {
    return awsFinding(target.label, {status: 'pass', summary: `tcp ${target.port} from ${caller.ip ?? 'the client'} to ${ip} allowed by routes, security groups and network ACLs${via ? ` (${via})` : ''}`, evidence})
  }

  const hop = decisiveHop(verdict)!
  const title = HOP_TITLES[hop.hop] ?? hop.hop
  if (verdict.verdict === 'blocked') {
    return awsFinding(target.label, {status: 'fail', code: 'KD707', summary: `blocked at ${title}: ${hop.detail}${hop.fix ? ` → fix: ${hop.fix}` : ''}`, evidence})
  }

  const missing = [...new Set(verdict.hops.map((h) => h.missingAction).filter(Boolean))]
  return awsFinding(target.label, {status: 'skip', summary: `undecided: ${title} unknown (${hop.detail})${missing.length > 0 ? `; missing IAM permission ${missing.join(', ')}` : ''}`, evidence})
}

/** MSK's facts for one port in use: KD105 when MSK does not listen there. */
export function mskPortFinding(port: number, serverless: boolean): Finding {
  const listener = mskPort(port)
  const evidence = {port, portMap: mskPortMap(), listener: listener ?? null}
  const target = `MSK port ${port}`
  if (serverless && port !== 9098) {
    return awsFinding(target, {status: 'warn', code: 'KD105', summary: `MSK Serverless listens only on 9098 (IAM over TLS), not ${port}`, evidence})
  }

  if (!listener) {
    return awsFinding(target, {status: 'warn', code: 'KD105', summary: `${port} is not an MSK listener port (${mskPortMap()})`, evidence})
  }

  const note = ACCESS_NOTES[listener.access]
  return awsFinding(target, {status: 'info', summary: `${port} is MSK's ${listener.listener} listener (${listener.access}): ${listener.client}${note ? `; ${note}` : ''}`, evidence})
}

// ---------------------------------------------------------------- --deep

export const ANALYZER_ANNOUNCEMENT = 'kdoctor: --deep runs the VPC Reachability Analyzer: AWS bills each analysis to this account; kdoctor deletes the paths and analyses it creates.'

export function analyzerNotRun(label: string, hasClientInterface: boolean): Finding {
  return awsFinding(label, {status: 'skip', summary: `Reachability Analyzer not run: it needs ${!hasClientInterface ? 'a client interface inside AWS (pass --source-eni or --source-instance)' : "the broker's interface"}`})
}

/** The analyzer's verdict beside kdoctor's own (KD707 when not reachable), and what it left behind. */
export function analyzerFindings(label: string, outcome: AnalyzerOutcome, kdoctorVerdict: PathVerdict['verdict']): Finding[] {
  const explanations = outcome.explanations.map(describeExplanation)
  const evidence = {status: outcome.status, explanations, pathId: outcome.pathId ?? null, analysisId: outcome.analysisId ?? null, statusMessage: outcome.statusMessage ?? null, deleted: outcome.deleted, leftBehind: outcome.leftBehind, kdoctorVerdict}
  const disagree = (outcome.status === 'reachable' && kdoctorVerdict === 'blocked') || (outcome.status === 'not-reachable' && kdoctorVerdict === 'allowed')
  const note = disagree ? ` (kdoctor's own evaluation says ${kdoctorVerdict}: the analyzer models more components, e.g. appliances and Transit Gateway route tables)` : ''
  const timing = {evidence, durationMs: outcome.durationMs}
  const findings = [
    outcome.status === 'reachable'
      ? awsFinding(label, {status: 'pass', summary: `${outcome.summary}${note}`, ...timing})
      : outcome.status === 'not-reachable'
        ? awsFinding(label, {status: 'fail', code: 'KD707', summary: `${outcome.summary}${explanations.length > 0 ? ` — ${explanations.join('; ')}` : ''}${note}`, ...timing})
        : awsFinding(label, {status: 'skip', summary: outcome.summary, ...timing}),
  ]
  if (outcome.leftBehind.length > 0) {
    findings.push(awsFinding(label, {status: 'info', summary: `could not delete ${outcome.leftBehind.join(', ')}: delete by hand (aws ec2 delete-network-insights-analysis / delete-network-insights-path)`, evidence: {leftBehind: outcome.leftBehind}}))
  }

  return findings
}

/** Configuration, then where kdoctor stands (AWS API, client), then each broker, then MSK facts. */
export function inReadingOrder(findings: readonly Finding[], brokerTargets: ReadonlySet<string>): Finding[] {
  const rank = (f: Finding): number => {
    if (f.check === 'config') return 0
    if (f.check === 'aws' && (f.target === 'AWS API' || f.target === 'client')) return 1
    if (f.target === METADATA_TARGET) return 2
    if (brokerTargets.has(f.target)) return 3
    return 4
  }

  return findings.map((f, index) => ({f, index})).sort((a, b) => rank(a.f) - rank(b.f) || a.index - b.index).map(({f}) => f)
}
