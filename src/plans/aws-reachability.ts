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
import type {Finding} from '../diagnosis/finding.js'
import {classifyAddress, formatHostPort} from '../net/address.js'
import type {Deadline} from '../core/deadline.js'
import type {AnalyzerOptions, AnalyzerOutcome} from '../aws/analyzer.js'
import {
  ANALYZER_ANNOUNCEMENT, type BrokerSide, advertisedListed, advertisedNotAsked, advertisedUnknown, analyzerFindings, analyzerNotRun, apiAccessFinding,
  brokerWords, clientFinding, clientNotes, clientWords, inReadingOrder, interfaceFinding, mskPortFinding, noBrokerInterface, pathFinding,
  probeSummary, probeWords, probesOutOfBudget,
} from '../aws/findings.js'
import type {AwsReachabilityResult, BrokerPathView} from '../aws/path-view.js'
import type {Caller, CallerInput} from '../aws/caller.js'
import type {Ec2Reader} from '../aws/collect.js'
import type {Ec2} from '../aws/ec2-client.js'
import type {PathVerdict} from '../aws/evaluate.js'
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
    findings.push(advertisedNotAsked())
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

  findings.push(apiAccessFinding(permissions, {region: resolvedRegion, regionSource, endpoint: input.endpointUrl}))
  const denied = permissions.filter((p) => p.outcome === 'denied')
  const reader: Ec2Reader = new collect.Ec2Reader(ec2, denied.map((p) => p.action), where)

  // 4. Live probes run beside the AWS reads (the run's one budget), once AWS is usable. With the
  // budget spent, a probe would only report our own timeout as the network's: skip it instead.
  const probes = new Map<string, Promise<{finding: Finding; summary: ProbeSummary}>>()
  if (input.probe && deadline.expired) {
    findings.push(probesOutOfBudget(deadline.budgetMs))
  } else if (input.probe) {
    for (const e of endpoints) {
      for (const ip of e.ips) {
        probes.set(`${e.target.label} ${ip}`, checkTcp(e.target, ip, deadline).then(({finding: f, socket}) => {
          socket?.destroy()
          return {finding: f, summary: probeSummary(f)}
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
  if (!metadata) return {targets: [], finding: advertisedUnknown(findings.find((f) => f.status === 'fail'))}
  const targets = metadata.brokers.map((b) => advertisedTarget(b.host, b.port, b.nodeId)).filter((t) => !bootstrap.some((b) => sameEndpoint(b, t)))
  return {targets, finding: advertisedListed(metadata.brokers)}
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


type Verdicts = {endpoint: Endpoint; ip: string; broker: BrokerSide; verdict: PathVerdict}[]

async function evaluateEndpoints(ctx: EvaluateContext): Promise<AwsReachabilityResult> {
  const {input, findings, endpoints, reader, region} = ctx
  const collect = await import('../aws/collect.js')
  const {resolveCaller, ephemeralPorts, localVpcAddresses} = await import('../aws/caller.js')
  const {evaluatePath} = await import('../aws/evaluate.js')
  const {correlate} = await import('../aws/correlate.js')
  const {isMskServerlessHost} = await import('../aws/msk.js')

  // Broker addresses → interfaces (MSK's recognised by their description).
  const ips = [...new Set(endpoints.flatMap((e) => e.ips))]
  const brokers = new Map<string, BrokerSide>()
  await Promise.all(
    ips.map(async (ip) => {
      let fact = await collect.interfacesByPrivateIp(reader, ip)
      if (fact.known && fact.value.length === 0 && classifyAddress(ip) === 'public') fact = await collect.interfacesByPublicIp(reader, ip)
      const chosen = fact.known ? (fact.value.find((i) => i.mskClusterArn) ?? fact.value[0]) : undefined
      const why = !fact.known ? fact.reason : chosen ? undefined : noBrokerInterface(ip, region)
      brokers.set(ip, {fact, ...(chosen ? {chosen} : {}), ...(why ? {why} : {})})
    }),
  )

  // The client.
  const localAddresses = input.localAddresses ?? localVpcAddresses()
  const vpcHints = [...new Set([...brokers.values()].flatMap((b) => (b.chosen ? [b.chosen.vpcId] : [])))]
  const caller: Caller = await resolveCaller(reader, input.source, {...(ctx.imds ? {imds: ctx.imds} : {}), localAddresses, env: ctx.env, vpcHints, ...(region ? {region} : {})})
  const ephemeral = await ephemeralPorts(caller.thisHost)
  const i = caller.interface
  const crossVpc = [...brokers.values()].some((b) => b.chosen && i && b.chosen.vpcId !== i.vpcId)
  findings.push(clientFinding(caller, clientNotes(caller, crossVpc), ephemeral))

  const probedFromClient = caller.thisHost || (caller.ip !== undefined && localAddresses.includes(caller.ip))
  const paths: BrokerPathView[] = []
  const verdicts: Verdicts = []
  const isMsk = (target: Target, broker: BrokerSide) => Boolean(broker.chosen?.mskClusterArn) || ctx.isMskHost(target.host)

  for (const endpoint of endpoints) {
    const {target} = endpoint
    for (const ip of endpoint.ips) {
      const broker = brokers.get(ip)!
      findings.push(interfaceFinding(target, ip, broker))
      const facts = await collect.collectPathFacts(reader, {
        source: {...(caller.ip ? {ip: caller.ip} : {}), ...(i ? {interface: i} : {}), ...(caller.whyNoInterface ? {whyNoInterface: caller.whyNoInterface} : {}), ...(caller.outsideAws ? {outsideAws: true} : {})},
        broker: {ip, ...(broker.chosen ? {interface: broker.chosen} : {}), ...(broker.why ? {whyNoInterface: broker.why} : {})},
        port: target.port,
        ephemeralPorts: ephemeral,
        ...(region ? {region} : {}),
      })
      const verdict = evaluatePath(facts)
      verdicts.push({endpoint, ip, broker, verdict})
      findings.push(pathFinding(target, ip, caller, verdict, isMsk(target, broker)))

      const probe = await ctx.probes.get(`${target.label} ${ip}`)
      if (probe) {
        findings.push(probe.finding)
        const correlation = correlate(verdict.verdict, probe.summary, {target: target.label, ip, port: target.port, probedFromClient})
        if (correlation) findings.push(correlation)
      }

      paths.push({target: target.label, host: target.host, port: target.port, ip, broker: brokerWords(ip, broker), client: clientWords(caller), verdict, probe: probeWords(probe?.summary, probe?.finding, input.probe)})
    }
  }

  // MSK facts: the port map, public access and multi-VPC conditions, for every port in use.
  const ports = [...new Set(verdicts.filter((v) => isMsk(v.endpoint.target, v.broker)).map((v) => v.endpoint.target.port))]
  const serverless = verdicts.some((v) => isMskServerlessHost(v.endpoint.target.host))
  for (const port of ports) findings.push(mskPortFinding(port, serverless))

  if (input.deep) await runDeep(ctx, caller, verdicts, paths, findings)
  return {findings: inReadingOrder(findings, new Set(endpoints.map((e) => e.target.label))), paths, ...(region ? {region} : {})}
}

/** The VPC Reachability Analyzer once per client interface, broker interface and port. */
async function runDeep(ctx: EvaluateContext, caller: Caller, verdicts: Verdicts, paths: BrokerPathView[], findings: Finding[]): Promise<void> {
  const {runReachabilityAnalyzer} = await import('../aws/analyzer.js')
  ctx.input.announce?.(ANALYZER_ANNOUNCEMENT)
  const source = caller.interface?.id
  const runs = new Map<string, Promise<AnalyzerOutcome>>()
  for (const [index, v] of verdicts.entries()) {
    const {label, port} = v.endpoint.target
    const destination = v.broker.chosen?.id
    if (!source || !destination) {
      findings.push(analyzerNotRun(label, source !== undefined))
      continue
    }

    const key = `${source} ${destination} ${port}`
    let run = runs.get(key)
    if (!run) {
      run = runReachabilityAnalyzer(ctx.ec2, {source, destination, port}, ctx.input.analyzer)
      runs.set(key, run)
    }

    const outcome = await run
    // paths and verdicts were filled in the same order.
    const view = paths[index]
    if (view) view.analyzer = outcome
    findings.push(...analyzerFindings(label, outcome, v.verdict.verdict))
  }
}
