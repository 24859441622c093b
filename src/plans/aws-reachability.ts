// `kdoctor aws reachability`: broker addresses → their network interfaces → the client's
// interface → security groups, network ACLs and routes of both ends → a verdict per hop, then a
// live TCP probe to tell "the rules block it" from "the rules allow it but it still times out",
// and on request the VPC Reachability Analyzer. The AWS SDK is only loaded here, lazily.

import {InputError} from '../core/input-error.js'
import {checkDns} from '../checks/dns.js'
import {checkTcp} from '../checks/tcp.js'
import {type Target, advertisedTarget, bootstrapTarget, sameEndpoint} from '../checks/target.js'
import {parseBootstrapList} from '../config/bootstrap.js'
import type {ConnectionInput} from '../config/load-connection.js'
import type {ProfileResult} from '../config/profile.js'
import {type Finding, finding} from '../diagnosis/finding.js'
import {classifyAddress, formatHostPort} from '../net/address.js'
import type {Deadline} from '../core/deadline.js'
import type {AnalyzerOptions, AnalyzerOutcome} from '../aws/analyzer.js'
import type {AwsReachabilityResult, BrokerPathView} from '../aws/path-view.js'
import type {Caller, CallerInput} from '../aws/caller.js'
import type {Ec2Reader} from '../aws/collect.js'
import type {Ec2} from '../aws/ec2-client.js'
import type {Hop, PathVerdict} from '../aws/evaluate.js'
import type {Fact, InterfaceFacts} from '../aws/facts.js'
import type {ImdsOutcome} from '../aws/imds.js'
import type {PermissionCheck} from '../aws/permissions.js'
import type {ProbeSummary} from '../aws/correlate.js'

export interface AwsReachabilityInput {
  /** --broker host:port…: exactly these endpoints, no Kafka conversation. */
  brokers?: string[]
  /** Connection inputs as in connect (used when no --broker is given). */
  connection?: ConnectionInput
  region?: string
  profile?: string
  endpointUrl?: string
  source: CallerInput
  /** Live TCP probe of every endpoint (and Kafka metadata for advertised brokers). */
  probe: boolean
  deep: boolean
  /** The run's one time budget: DNS, Kafka discovery and the live probes share it. */
  deadline: Deadline
  env?: NodeJS.ProcessEnv
  /** Lines for stderr (the --deep announcement). */
  announce?: (line: string) => void
  // Test seams: an SDK client (aws-sdk-client-mock), this host's addresses, IMDS's answer.
  ec2?: Ec2
  localAddresses?: string[]
  imds?: ImdsOutcome
  analyzer?: AnalyzerOptions
}

interface Endpoint {
  target: Target
  ips: string[]
}

const aws = (target: string, rest: Omit<Parameters<typeof finding>[0], 'check' | 'target'>): Finding => finding({check: 'aws', target, ...rest})

export async function runAwsReachabilityPlan(input: AwsReachabilityInput): Promise<AwsReachabilityResult> {
  const env = input.env ?? process.env
  const findings: Finding[] = []

  if (input.endpointUrl && !/^https?:$/.test(URL.canParse(input.endpointUrl) ? new URL(input.endpointUrl).protocol : '')) {
    throw new InputError(`"${input.endpointUrl}" is not an http(s) URL (e.g. http://127.0.0.1:5000)`, 'flag --endpoint-url')
  }

  // 1. The endpoints: --broker as given, or the connection's bootstrap list.
  let targets: Target[]
  let profileResult: ProfileResult | undefined
  if (input.brokers && input.brokers.length > 0) {
    const parsed = parseBootstrapList(input.brokers.join(','), 'flag --broker')
    findings.push(...parsed.findings)
    targets = parsed.addresses.map((a) => ({host: a.host, port: a.port, role: 'bootstrap', label: formatHostPort(a.host, a.port)}))
  } else {
    const {loadConnection} = await import('../config/load-connection.js')
    profileResult = await loadConnection(input.connection ?? {properties: []}, env)
    findings.push(...profileResult.findings)
    targets = profileResult.profile.bootstrap.map((b) => bootstrapTarget(b.host, b.port))
  }

  if (targets.length === 0) return {findings, paths: []}
  const {regionFromHost, isMskHost} = await import('../aws/msk.js')

  // 2. Meanwhile: instance metadata (≤1 s), DNS, and advertised brokers when we may talk to Kafka.
  const flagsName = Boolean(input.source.sourceEni || input.source.sourceIp || input.source.sourceInstance)
  const hostRegion = targets.map((t) => regionFromHost(t.host)).find(Boolean)
  const envRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION
  const {readInstanceIdentity} = await import('../aws/imds.js')
  const imdsPending: Promise<ImdsOutcome | undefined> = input.imds
    ? Promise.resolve(input.imds)
    : !flagsName || !(input.region || envRegion || hostRegion)
      ? readInstanceIdentity(env)
      : Promise.resolve(undefined)
  const {deadline} = input
  const discovery = input.probe && profileResult ? discoverAdvertised(profileResult, targets, deadline) : Promise.resolve(undefined)
  const endpoints = await resolveAll(targets, deadline, findings)
  const advertised = await discovery
  if (advertised) {
    findings.push(advertised.finding)
    endpoints.push(...(await resolveAll(advertised.targets, deadline, findings)))
  } else if (profileResult && !input.probe) {
    findings.push(finding({check: 'metadata', target: 'advertised brokers', status: 'skip', summary: 'not listed: --no-probe sends no packet to Kafka, so only the bootstrap addresses are evaluated (or pass every broker with --broker)'}))
  }

  // Nothing resolved: there is nothing to look up in AWS (the DNS findings say why).
  if (endpoints.every((e) => e.ips.length === 0)) return {findings, paths: []}

  // 3. AWS: Region, client, the IAM preflight.
  const imds = await imdsPending
  const imdsRegion = imds?.ok ? imds.identity.region : undefined
  const region = input.region || envRegion || hostRegion || imdsRegion
  const regionSource = input.region ? 'flag --region' : envRegion ? `env ${env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION'}` : hostRegion ? 'the MSK broker name' : imdsRegion ? 'instance metadata' : 'the AWS config profile'
  if (imds && !imds.ok && !input.imds && !env.AWS_EC2_METADATA_DISABLED && imds.endpoint) {
    // Instance metadata did not answer: spare the SDK's credential chain a second 1 s wait on it.
    process.env.AWS_EC2_METADATA_DISABLED = 'true'
  }

  const {createEc2, AwsSetupError, classifyAwsError, setupError} = await import('../aws/ec2-client.js')
  const {checkReadPermissions} = await import('../aws/permissions.js')
  const collect = await import('../aws/collect.js')
  const ec2 = input.ec2 ?? (await createEc2({...(region ? {region} : {}), ...(input.profile ? {profile: input.profile} : {}), ...(input.endpointUrl ? {endpointUrl: input.endpointUrl} : {})}))
  const where = input.endpointUrl ? `the EC2 API at ${input.endpointUrl}` : `the EC2 API${region ? ` in ${region}` : ''}`
  let permissions: PermissionCheck[]
  let resolvedRegion = region
  try {
    permissions = await checkReadPermissions(ec2, where)
    resolvedRegion = region ?? (await ec2.client.config.region())
  } catch (error) {
    if (error instanceof AwsSetupError) throw new InputError(error.message, error.source)
    const kind = classifyAwsError(error)
    if (kind === 'credentials' || kind === 'region' || kind === 'unreachable') {
      const setup = setupError(kind, error, where)
      throw new InputError(setup.message, setup.source)
    }

    throw error
  }

  const denied = permissions.filter((p) => p.outcome === 'denied')
  const undecided = permissions.filter((p) => p.outcome === 'unknown')
  findings.push(
    denied.length === 0 && undecided.length === 0
      ? aws('AWS API', {status: 'pass', summary: `EC2 read access in ${resolvedRegion} (${permissions.length} actions checked with DryRun, Region from ${regionSource})`, evidence: {region: resolvedRegion, regionSource, endpoint: input.endpointUrl ?? 'default', actions: permissions.map((p) => p.action)}})
      : aws('AWS API', {
          status: 'info',
          summary: `${[denied.length > 0 ? `missing IAM permission ${denied.map((p) => p.action).join(', ')}` : '', undecided.length > 0 ? `could not check ${undecided.map((p) => p.action).join(', ')}` : ''].filter(Boolean).join('; ')}: the hops that need ${denied.length + undecided.length === 1 ? 'it' : 'them'} are reported as unknown`,
          evidence: {region: resolvedRegion, regionSource, permissions},
        }),
  )
  const reader: Ec2Reader = new collect.Ec2Reader(ec2, denied.map((p) => p.action), where)

  // 4. Live probes run beside the AWS reads (the run's one budget), once AWS is usable. With the
  // budget spent, a probe would only report our own timeout as the network's: skip it instead.
  const probes = new Map<string, Promise<{finding: Finding; summary: ProbeSummary}>>()
  if (input.probe && deadline.expired) {
    findings.push(finding({check: 'tcp', target: 'broker ports', status: 'skip', summary: `not probed: the --timeout budget (${deadline.budgetMs} ms) was spent before the AWS rules were read`}))
  } else if (input.probe) {
    for (const e of endpoints) {
      for (const ip of e.ips) {
        probes.set(`${e.target.label} ${ip}`, checkTcp(e.target, ip, deadline).then(({finding: f, socket}) => {
          socket?.destroy()
          const ok = f.status === 'pass'
          const kind = f.evidence.kind as ProbeSummary['kind']
          return {finding: f, summary: {ok, ...(kind ? {kind} : {}), durationMs: f.durationMs}}
        }))
      }
    }
  }

  try {
    return await evaluateEndpoints({input, env, findings, endpoints, reader, ec2, imds, region: resolvedRegion, probes, isMskHost})
  } catch (error) {
    if (error instanceof AwsSetupError) throw new InputError(error.message, error.source)
    throw error
  }
}

async function resolveAll(targets: Target[], deadline: Deadline, findings: Finding[]): Promise<Endpoint[]> {
  const resolved = await Promise.all(targets.map(async (target) => ({target, dns: await checkDns(target, deadline)})))
  return resolved.map(({target, dns}) => {
    findings.push(dns.finding)
    // IPv4 first: MSK brokers are IPv4 (dual-stack clusters add IPv6 names of their own).
    const ips = dns.addresses.map((a) => a.address).sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')))
    return {target, ips: ips.slice(0, 4)}
  })
}

async function discoverAdvertised(profileResult: ProfileResult, bootstrap: Target[], deadline: Deadline): Promise<{finding: Finding; targets: Target[]}> {
  const {runConnectPlan} = await import('./connect.js')
  const {findings, metadata} = await runConnectPlan(profileResult, {deadline, advertised: false, client: false})
  if (!metadata) {
    const failed = findings.find((f) => f.status === 'fail')
    return {
      targets: [],
      finding: finding({
        check: 'metadata',
        target: 'advertised brokers',
        status: 'skip',
        summary: `not listed: no bootstrap address answered Kafka metadata${failed ? ` (${failed.check} failed at ${failed.target}: ${failed.summary})` : ''}; only the bootstrap addresses are evaluated (kdoctor connect shows every layer)`,
        evidence: failed ? {firstFailure: {check: failed.check, target: failed.target, code: failed.code}} : {},
      }),
    }
  }

  const targets = metadata.brokers.map((b) => advertisedTarget(b.host, b.port, b.nodeId)).filter((t) => !bootstrap.some((b) => sameEndpoint(b, t)))
  return {
    targets,
    finding: finding({
      check: 'metadata',
      target: 'advertised brokers',
      status: 'pass',
      summary: `the cluster advertises ${metadata.brokers.length} broker(s): ${metadata.brokers.map((b) => formatHostPort(b.host, b.port)).join(', ')}`,
      evidence: {brokers: metadata.brokers.map((b) => ({nodeId: b.nodeId, host: b.host, port: b.port}))},
    }),
  }
}

interface EvaluateContext {
  input: AwsReachabilityInput
  env: NodeJS.ProcessEnv
  findings: Finding[]
  endpoints: Endpoint[]
  reader: Ec2Reader
  ec2: Ec2
  imds?: ImdsOutcome
  region?: string
  probes: Map<string, Promise<{finding: Finding; summary: ProbeSummary}>>
  isMskHost: (host: string) => boolean
}

interface BrokerSide {
  fact: Fact<InterfaceFacts[]>
  chosen?: InterfaceFacts
  why?: string
}

async function evaluateEndpoints(ctx: EvaluateContext): Promise<AwsReachabilityResult> {
  const {input, findings, endpoints, reader, region} = ctx
  const collect = await import('../aws/collect.js')
  const {resolveCaller, ephemeralPorts, localVpcAddresses} = await import('../aws/caller.js')
  const {evaluatePath, decisiveHop, HOP_TITLES} = await import('../aws/evaluate.js')
  const {correlate} = await import('../aws/correlate.js')
  const msk = await import('../aws/msk.js')

  // Broker addresses → interfaces (MSK's recognised by their description).
  const ips = [...new Set(endpoints.flatMap((e) => e.ips))]
  const brokers = new Map<string, BrokerSide>()
  await Promise.all(
    ips.map(async (ip) => {
      let fact = await collect.interfacesByPrivateIp(reader, ip)
      if (fact.known && fact.value.length === 0 && classifyAddress(ip) === 'public') fact = await collect.interfacesByPublicIp(reader, ip)
      const chosen = fact.known ? (fact.value.find((i) => i.mskClusterArn) ?? fact.value[0]) : undefined
      const why = !fact.known
        ? fact.reason
        : chosen
          ? undefined
          : `no network interface in ${region ?? 'this Region'} has ${ip}: the cluster is in another account or Region (use --profile/--region of the cluster's account), or the address is not in AWS`
      brokers.set(ip, {fact, ...(chosen ? {chosen} : {}), ...(why ? {why} : {})})
    }),
  )

  // The client.
  const localAddresses = input.localAddresses ?? localVpcAddresses()
  const vpcHints = [...new Set([...brokers.values()].flatMap((b) => (b.chosen ? [b.chosen.vpcId] : [])))]
  const caller: Caller = await resolveCaller(reader, input.source, {...(ctx.imds ? {imds: ctx.imds} : {}), localAddresses, env: ctx.env, vpcHints, ...(region ? {region} : {})})
  const ephemeral = await ephemeralPorts(caller.thisHost)
  const crossVpc = [...brokers.values()].some((b) => b.chosen && caller.interface && b.chosen.vpcId !== caller.interface.vpcId)
  const notes = [...caller.notes]
  if (caller.podSnat && crossVpc) {
    notes.push("the VPC CNI translates pod traffic leaving the VPC to the node's primary address unless AWS_VPC_K8S_CNI_EXTERNALSNAT=true: CIDR rules on the broker side may see that address")
  }

  const i = caller.interface
  findings.push(
    aws('client', {
      status: 'info',
      summary: i
        ? `${caller.how}; ${caller.ip ?? i.privateIps[0]} in ${i.subnetId} (${i.vpcId}), security groups ${i.groupIds.join(', ') || 'none'}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`
        : `${caller.how}: ${caller.whyNoInterface ?? 'no interface'}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`,
      evidence: {how: caller.how, ip: caller.ip ?? null, interface: i ?? null, outsideAws: caller.outsideAws, thisHost: caller.thisHost, ephemeralPorts: ephemeral, notes},
    }),
  )

  const probedFromClient = caller.thisHost || (caller.ip !== undefined && localAddresses.includes(caller.ip))
  const paths: BrokerPathView[] = []
  const verdicts: {endpoint: Endpoint; ip: string; broker: BrokerSide; verdict: PathVerdict}[] = []
  const clientWords = i ? `${caller.ip ?? i.privateIps[0]} ${i.id}` : `${caller.ip ?? 'unknown address'} (${caller.outsideAws ? 'outside AWS' : 'no interface'})`

  for (const endpoint of endpoints) {
    const {target} = endpoint
    if (endpoint.ips.length === 0) continue
    for (const ip of endpoint.ips) {
      const broker = brokers.get(ip)!
      findings.push(interfaceFinding(target, ip, broker, msk))
      const facts = await collect.collectPathFacts(reader, {
        source: {...(caller.ip ? {ip: caller.ip} : {}), ...(i ? {interface: i} : {}), ...(caller.whyNoInterface ? {whyNoInterface: caller.whyNoInterface} : {}), ...(caller.outsideAws ? {outsideAws: true} : {})},
        broker: {ip, ...(broker.chosen ? {interface: broker.chosen} : {}), ...(broker.why ? {whyNoInterface: broker.why} : {})},
        port: target.port,
        ephemeralPorts: ephemeral,
        ...(region ? {region} : {}),
      })
      const verdict = evaluatePath(facts)
      verdicts.push({endpoint, ip, broker, verdict})
      const path = pathFinding(target, ip, caller, verdict, decisiveHop(verdict), HOP_TITLES)
      // MSK facts belong in the verdict: which listener this port is, and what its access mode needs.
      const listener = broker.chosen?.mskClusterArn || ctx.isMskHost(target.host) ? msk.mskPort(target.port) : undefined
      if (listener) path.evidence.msk = {listener: listener.listener, access: listener.access, client: listener.client, portMap: msk.mskPortMap(), ...(listener.access === 'public' ? {note: msk.MSK_PUBLIC_ACCESS_NOTE} : listener.access === 'multi-vpc' ? {note: msk.MSK_MULTI_VPC_NOTE} : {})}
      findings.push(path)

      let probeWords: string | undefined
      const probe = ctx.probes.get(`${target.label} ${ip}`)
      if (probe) {
        const {finding: tcp, summary} = await probe
        findings.push(tcp)
        probeWords = summary.ok ? 'connected' : `${summary.kind} (${tcp.code ?? ''})`
        const correlation = correlate(verdict.verdict, summary, {target: target.label, ip, port: target.port, probedFromClient})
        if (correlation) findings.push(correlation)
      }

      paths.push({
        target: target.label,
        host: target.host,
        port: target.port,
        ip,
        broker: brokerWords(ip, broker, msk),
        client: clientWords,
        verdict,
        ...(probeWords ? {probe: probeWords} : {probe: input.probe ? 'not run' : 'off (--no-probe)'}),
      })
    }
  }

  // MSK facts: the port map, public access and multi-VPC conditions, for every port in use.
  const ports = [...new Set(verdicts.filter((v) => v.broker.chosen?.mskClusterArn || ctx.isMskHost(v.endpoint.target.host)).map((v) => v.endpoint.target.port))]
  for (const port of ports) findings.push(mskFinding(port, verdicts.some((v) => msk.isMskServerlessHost(v.endpoint.target.host)), msk))

  if (input.deep) await runDeep(ctx, caller, verdicts, paths, findings)
  return {findings: inReadingOrder(findings, endpoints), paths, ...(region ? {region} : {})}
}

/** Configuration, then where kdoctor stands (AWS API, client), then each broker, then MSK facts. */
function inReadingOrder(findings: Finding[], endpoints: Endpoint[]): Finding[] {
  const brokerTargets = new Set(endpoints.map((e) => e.target.label))
  const rank = (f: Finding): number => {
    if (f.check === 'config') return 0
    if (f.check === 'aws' && (f.target === 'AWS API' || f.target === 'client')) return 1
    if (f.target === 'advertised brokers') return 2
    if (brokerTargets.has(f.target)) return 3
    return 4
  }

  return findings.map((f, index) => ({f, index})).sort((a, b) => rank(a.f) - rank(b.f) || a.index - b.index).map(({f}) => f)
}

type MskModule = typeof import('../aws/msk.js')

function brokerWords(ip: string, broker: BrokerSide, msk: MskModule): string {
  const chosen = broker.chosen
  if (!chosen) return `${ip} (no interface found)`
  const arn = chosen.mskClusterArn
  const name = arn ? msk.mskClusterName(arn) : undefined
  return `${ip} ${chosen.id}${arn ? ` (MSK broker${name ? ` of ${name}` : ''})` : msk.isVpcEndpointInterface(chosen.type, chosen.description) ? ' (VPC endpoint)' : ''}`
}

function interfaceFinding(target: Target, ip: string, broker: BrokerSide, msk: MskModule): Finding {
  const chosen = broker.chosen
  if (!chosen) {
    const missing = !broker.fact.known ? broker.fact.missingAction : undefined
    return aws(target.label, {status: 'skip', summary: `broker interface for ${ip} unknown: ${broker.why ?? 'not found'}`, evidence: {ip, ...(missing ? {missingAction: missing} : {})}})
  }

  const where = `${chosen.subnetId} (${chosen.vpcId}), security groups ${chosen.groupIds.join(', ') || 'none'}`
  const evidence = {ip, interface: chosen, mskClusterArn: chosen.mskClusterArn ?? null}
  if (chosen.mskClusterArn) {
    return aws(target.label, {status: 'info', summary: `${ip} is ${chosen.id}, an Amazon MSK broker interface of cluster ${chosen.mskClusterArn}; ${where}`, evidence})
  }

  if (msk.isVpcEndpointInterface(chosen.type, chosen.description)) {
    const multiVpc = target.port >= msk.MSK_MULTI_VPC_PORTS.from && target.port <= msk.MSK_MULTI_VPC_PORTS.to
    return aws(target.label, {status: 'info', summary: `${ip} is ${chosen.id}, a VPC endpoint interface${multiVpc ? ' (MSK multi-VPC private connectivity)' : ''}; ${where}`, evidence})
  }

  return aws(target.label, {status: 'info', summary: `${ip} is ${chosen.id} (${chosen.type}${chosen.description ? `, "${chosen.description}"` : ''}), not an MSK broker interface; ${where}`, evidence})
}

function pathFinding(target: Target, ip: string, caller: Caller, verdict: PathVerdict, decisive: Hop | undefined, titles: Record<string, string>): Finding {
  const evidence = {ip, port: target.port, client: caller.ip ?? null, verdict: verdict.verdict, via: verdict.via, hops: verdict.hops, fix: verdict.hops.filter((h) => h.verdict === 'blocked' && h.fix).map((h) => h.fix)}
  const via = verdict.via.kind === 'same-vpc' ? 'same VPC' : verdict.via.kind === 'peering' ? `peering ${verdict.via.id}` : verdict.via.kind === 'transit-gateway' ? `Transit Gateway ${verdict.via.id}` : verdict.via.kind === 'internet' ? 'internet' : undefined
  if (verdict.verdict === 'allowed') {
    return aws(target.label, {status: 'pass', summary: `tcp ${target.port} from ${caller.ip ?? 'the client'} to ${ip} allowed by routes, security groups and network ACLs${via ? ` (${via})` : ''}`, evidence})
  }

  const hop = decisive!
  const title = titles[hop.hop] ?? hop.hop
  if (verdict.verdict === 'blocked') {
    return aws(target.label, {status: 'fail', code: 'KD707', summary: `blocked at ${title}: ${hop.detail}${hop.fix ? ` → fix: ${hop.fix}` : ''}`, evidence})
  }

  const missing = [...new Set(verdict.hops.map((h) => h.missingAction).filter(Boolean))]
  return aws(target.label, {status: 'skip', summary: `undecided: ${title} unknown (${hop.detail})${missing.length > 0 ? `; missing IAM permission ${missing.join(', ')}` : ''}`, evidence})
}

function mskFinding(port: number, serverless: boolean, msk: MskModule): Finding {
  const listener = msk.mskPort(port)
  const evidence = {port, portMap: msk.mskPortMap(), listener: listener ?? null}
  const target = `MSK port ${port}`
  if (serverless && port !== 9098) {
    return aws(target, {status: 'warn', code: 'KD105', summary: `MSK Serverless listens only on 9098 (IAM over TLS), not ${port}`, evidence})
  }

  if (!listener) {
    return aws(target, {status: 'warn', code: 'KD105', summary: `${port} is not an MSK listener port (${msk.mskPortMap()})`, evidence})
  }

  const note = listener.access === 'public' ? `; ${msk.MSK_PUBLIC_ACCESS_NOTE}` : listener.access === 'multi-vpc' ? `; ${msk.MSK_MULTI_VPC_NOTE}` : ''
  return aws(target, {status: 'info', summary: `${port} is MSK's ${listener.listener} listener (${listener.access}): ${listener.client}${note}`, evidence})
}

async function runDeep(ctx: EvaluateContext, caller: Caller, verdicts: {endpoint: Endpoint; ip: string; broker: BrokerSide; verdict: PathVerdict}[], paths: BrokerPathView[], findings: Finding[]): Promise<void> {
  const {runReachabilityAnalyzer, describeExplanation} = await import('../aws/analyzer.js')
  ctx.input.announce?.('kdoctor: --deep runs the VPC Reachability Analyzer: AWS bills each analysis to this account; kdoctor deletes the paths and analyses it creates.')
  const source = caller.interface?.id
  const runs = new Map<string, Promise<AnalyzerOutcome>>()
  for (const [index, v] of verdicts.entries()) {
    const label = v.endpoint.target.label
    const destination = v.broker.chosen?.id
    if (!source || !destination) {
      findings.push(aws(label, {status: 'skip', summary: `Reachability Analyzer not run: it needs ${!source ? 'a client interface inside AWS (pass --source-eni or --source-instance)' : "the broker's interface"}`}))
      continue
    }

    const key = `${source} ${destination} ${v.endpoint.target.port}`
    let run = runs.get(key)
    if (!run) {
      run = runReachabilityAnalyzer(ctx.ec2, {source, destination, port: v.endpoint.target.port}, ctx.input.analyzer)
      runs.set(key, run)
    }

    const outcome = await run
    // paths and verdicts were filled in the same order.
    const view = paths[index]
    if (view) view.analyzer = outcome
    const evidence = {status: outcome.status, explanations: outcome.explanations.map(describeExplanation), pathId: outcome.pathId ?? null, analysisId: outcome.analysisId ?? null, statusMessage: outcome.statusMessage ?? null, deleted: outcome.deleted, leftBehind: outcome.leftBehind, kdoctorVerdict: v.verdict.verdict}
    const disagree = (outcome.status === 'reachable' && v.verdict.verdict === 'blocked') || (outcome.status === 'not-reachable' && v.verdict.verdict === 'allowed')
    const note = disagree ? ` (kdoctor's own evaluation says ${v.verdict.verdict}: the analyzer models more components, e.g. appliances and Transit Gateway route tables)` : ''
    if (outcome.status === 'reachable') findings.push(aws(label, {status: 'pass', summary: `${outcome.summary}${note}`, evidence, durationMs: outcome.durationMs}))
    else if (outcome.status === 'not-reachable') {
      findings.push(aws(label, {status: 'fail', code: 'KD707', summary: `${outcome.summary}${outcome.explanations.length > 0 ? ` — ${outcome.explanations.map(describeExplanation).join('; ')}` : ''}${note}`, evidence, durationMs: outcome.durationMs}))
    } else {
      findings.push(aws(label, {status: 'skip', summary: outcome.summary, evidence, durationMs: outcome.durationMs}))
    }

    if (outcome.leftBehind.length > 0) {
      findings.push(aws(label, {status: 'info', summary: `could not delete ${outcome.leftBehind.join(', ')}: delete by hand (aws ec2 delete-network-insights-analysis / delete-network-insights-path)`, evidence: {leftBehind: outcome.leftBehind}}))
    }
  }
}
