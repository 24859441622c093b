import {advertisedTruncated, advertisedVerdict, refuseToDial} from '../checks/advertised.js'
import {type ClientBrokerView, checkClient, clientBrokerView, clientNotRun, withBrokerView} from '../checks/client.js'
import {checkDns} from '../checks/dns.js'
import {checkListener, configuredTransport} from '../checks/listener.js'
import {checkMetadata} from '../checks/metadata.js'
import {layerNotRun, reopenFailed} from '../checks/not-run.js'
import {checkQuorum} from '../checks/quorum.js'
import {checkSasl} from '../checks/sasl.js'
import {type Target, advertisedTarget, bootstrapTarget, sameEndpoint} from '../checks/target.js'
import {checkTcp} from '../checks/tcp.js'
import {checkTls} from '../checks/tls.js'
import {type ConnectionProfile, type ProfileResult, usesSasl} from '../config/profile.js'
import type {CheckName, Finding} from '../diagnosis/finding.js'
import {type TokenOutcome, tokenOnce} from '../kafka/oauth-token.js'
import type {MetadataResult} from '../kafka/probe-session.js'
import type {ApiVersionRange} from '../kafka/wire/versions.js'
import {METADATA_LIMITS} from '../core/limits.js'
import type {Deadline} from '../core/deadline.js'
import {undialableReason} from '../net/address.js'

export interface ConnectPlanOptions {
  /** The run's one time budget (built where the run starts). */
  deadline: Deadline
  /** Also probe every advertised broker (default true). */
  advertised?: boolean
  /** Finish with an end-to-end kafkajs session (default true, as doctor runs it; connect asks for it only with --client). */
  client?: boolean
  /** After metadata, ask the bootstrap broker for the controller quorum (cluster-info; default false). */
  quorum?: boolean
  /** The run's OAUTHBEARER token source, when the caller goes on using it after this plan. */
  token?: () => Promise<TokenOutcome | undefined>
}

export interface ConnectPlanResult {
  findings: Finding[]
  /** The first metadata answer a bootstrap address gave, for cluster-info. */
  metadata?: MetadataResult
  /** Each advertised broker's ApiVersions answer (those that got that far), for cluster-info --api-versions. */
  brokerApiVersions?: {nodeId: number; address: string; ranges: readonly ApiVersionRange[]}[]
}

interface TargetResult {
  findings: Finding[]
  metadata?: MetadataResult
  /** The broker's ApiVersions answer, once a session got that far. */
  apiVersions?: readonly ApiVersionRange[]
  reachedEnd: boolean
}

interface RunContext {
  profile: ConnectionProfile
  deadline: Deadline
  token: () => Promise<TokenOutcome | undefined>
  quorum: boolean
}

/**
 * DNS → TCP → listener → TLS → SASL → metadata for every bootstrap address at once, then the
 * same for every advertised broker, then (unless options.client is false) a real client session.
 * Each target stops at its first failed layer; one deadline bounds everything, so N dead brokers
 * cost one timeout.
 */
export async function runConnectPlan({profile, findings: configFindings}: ProfileResult, options: ConnectPlanOptions): Promise<ConnectPlanResult> {
  const {deadline} = options
  const context: RunContext = {profile, deadline, token: options.token ?? tokenOnce(profile, deadline), quorum: options.quorum === true}
  const findings = [...configFindings]
  if (profile.bootstrap.length === 0) return {findings}

  // The client session does not depend on our probes, so it runs beside them (its sockets and
  // crashes are contained in kafka/client.ts); it is reported only when some bootstrap address
  // got through every layer, since otherwise it would repeat the same failure less precisely.
  const cancelClient = new AbortController()
  const clientSession =
    options.client === false
      ? undefined
      : context.token().then((token) => checkClient(profile, deadline, token?.ok ? token.token : undefined, cancelClient.signal, options.advertised === false))
  const bootstrapTargets = profile.bootstrap.map((b) => bootstrapTarget(b.host, b.port))
  const bootstrap = await Promise.all(bootstrapTargets.map((t) => probeTarget(t, context, true)))
  for (const result of bootstrap) findings.push(...result.findings)
  const answered = bootstrap.findIndex((r) => r.metadata)
  const metadata = bootstrap[answered]?.metadata
  const learnedFrom = answered >= 0 ? `${bootstrapTargets[answered]!.host}:${bootstrapTargets[answered]!.port}` : undefined
  // One probe per distinct address, and no more than the cap: a broker may advertise 100,000.
  const distinct = [...new Map((metadata?.brokers ?? []).map((b) => [`${b.host.toLowerCase()}:${b.port}`, b])).values()]
  const dialed = distinct.slice(0, METADATA_LIMITS.dialedBrokers)
  // kafkajs's own view of every advertised broker, beside our probes of them.
  const brokerView: Promise<ClientBrokerView[]> | undefined =
    clientSession && metadata && options.advertised !== false
      ? context.token().then((token) => clientBrokerView(profile, deadline, dialed, token?.ok ? token.token : undefined, cancelClient.signal, clientSession))
      : undefined

  let brokerApiVersions: ConnectPlanResult['brokerApiVersions']
  if (metadata && options.advertised !== false) {
    const bootstrapHosts = bootstrapTargets.map((t) => t.host)
    const advertised = dialed.map((b) => advertisedTarget(b.host, b.port, b.nodeId))
    if (distinct.length > advertised.length || metadata.truncated?.brokers) {
      const announced = metadata.truncated?.brokers ?? distinct.length
      findings.push(advertisedTruncated(announced, advertised.length, METADATA_LIMITS.dialedBrokers))
    }

    const results = await Promise.all(
      advertised.map(async (target) => {
        const twin = bootstrapTargets.findIndex((b) => sameEndpoint(b, target))
        if (twin >= 0) {
          const {host, port} = bootstrapTargets[twin]!
          return {target, apiVersions: bootstrap[twin]!.apiVersions, findings: [advertisedVerdict(target, [], bootstrapHosts, `${host}:${port}`, learnedFrom)]}
        }
        const probed = await probeTarget(target, context, false)
        // A refused address is its own verdict (KD502): nothing was dialed to judge.
        if (probed.findings.some((f) => f.code === 'KD502' && f.check === 'advertised')) return {target, findings: probed.findings}
        return {target, apiVersions: probed.apiVersions, findings: [...probed.findings, advertisedVerdict(target, probed.findings, bootstrapHosts, undefined, learnedFrom)]}
      }),
    )
    for (const result of results) findings.push(...result.findings)
    brokerApiVersions = results.flatMap(({target, apiVersions}) =>
      apiVersions && target.nodeId !== undefined ? [{nodeId: target.nodeId, address: `${target.host}:${target.port}`, ranges: apiVersions}] : [],
    )
  }

  if (clientSession) {
    // Nothing got through: the client's verdict would only repeat it, so stop waiting for it.
    const reached = bootstrap.some((r) => r.reachedEnd)
    if (!reached) cancelClient.abort()
    const session = await clientSession
    const client = brokerView ? withBrokerView(session, await brokerView) : session
    findings.push(reached ? client : clientNotRun(client.target))
  }

  return {findings, metadata, ...(brokerApiVersions && {brokerApiVersions})}
}

function layersFor(profile: ConnectionProfile, withMetadata: boolean): CheckName[] {
  const layers: CheckName[] = ['dns', 'tcp', 'listener']
  if (configuredTransport(profile) === 'tls') layers.push('tls')
  if (usesSasl(profile)) layers.push('sasl')
  if (withMetadata) layers.push('metadata')
  return layers
}

async function probeTarget(target: Target, {profile, deadline, token, quorum}: RunContext, withMetadata: boolean): Promise<TargetResult> {
  const findings: Finding[] = []
  const stop = (failed: Finding): TargetResult => {
    const done = new Set(findings.map((f) => f.check))
    for (const layer of layersFor(profile, withMetadata)) {
      if (done.has(layer)) continue
      findings.push(layerNotRun(layer, target.label, failed))
    }

    return {findings, reachedEnd: false}
  }

  const badPort = refuseToDial(target)
  if (badPort) {
    findings.push(badPort)
    return stop(badPort)
  }

  const dns = await checkDns(target, deadline)
  findings.push(dns.finding)
  if (dns.finding.status === 'fail' || dns.addresses.length === 0) return stop(dns.finding)
  // Dial the first address a client may reach; never link-local, unspecified, multicast, broadcast.
  const ip = dns.addresses.find((a) => !undialableReason(a.address))?.address
  if (!ip) {
    const refused = refuseToDial(target, dns.addresses[0]!.address)!
    findings.push(refused)
    return stop(refused)
  }

  // The tcp check's connection carries on into the listener check, and a SASL-free listener's
  // session into the metadata step: fewer connections, fewer round trips on a distant cluster.
  const tcp = await checkTcp(target, ip, deadline)
  findings.push(tcp.finding)
  if (tcp.finding.status === 'fail') return stop(tcp.finding)

  const listener = await checkListener(target, ip, profile, deadline, tcp.socket)
  findings.push(listener.finding)
  if (!listener.ok) return stop(listener.finding)

  if (listener.speaks === 'tls') {
    const tls = checkTls(target, profile, listener)
    findings.push(tls.finding)
    if (!tls.ok) {
      listener.session?.close()
      return stop(tls.finding)
    }
  }

  const sasl = await checkSasl(target, ip, profile, listener, deadline, token)
  if (sasl.finding) findings.push(sasl.finding)
  if (sasl.notes) findings.push(...sasl.notes)
  if (!sasl.ok || !sasl.session) {
    return stop(sasl.finding ?? reopenFailed(target.label))
  }

  const apiVersions = sasl.session.apiVersions.ranges
  try {
    if (!withMetadata) return {findings, apiVersions, reachedEnd: true}
    const metadata = await checkMetadata(target, sasl.session, deadline)
    findings.push(metadata.finding)
    if (quorum && metadata.metadata) findings.push(await checkQuorum(target, sasl.session, deadline))
    return {findings, apiVersions, metadata: metadata.metadata, reachedEnd: metadata.finding.status !== 'fail'}
  } finally {
    sasl.session.close()
  }
}
