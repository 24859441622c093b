import {advertisedVerdict, refuseToDial} from '../checks/advertised.js'
import {type ClientBrokerView, checkClient, clientBrokerView, withBrokerView} from '../checks/client.js'
import {checkDns} from '../checks/dns.js'
import {checkListener, configuredTransport} from '../checks/listener.js'
import {checkMetadata} from '../checks/metadata.js'
import {checkSasl} from '../checks/sasl.js'
import {type Target, advertisedTarget, bootstrapTarget, sameEndpoint} from '../checks/target.js'
import {checkTcp} from '../checks/tcp.js'
import {checkTls} from '../checks/tls.js'
import {type ConnectionProfile, type ProfileResult, usesSasl} from '../config/profile.js'
import {type CheckName, type Finding, finding} from '../diagnosis/finding.js'
import {type TokenOutcome, tokenOnce} from '../kafka/oauth-token.js'
import type {MetadataResult} from '../kafka/probe-session.js'
import {METADATA_LIMITS} from '../core/limits.js'
import type {Deadline} from '../core/deadline.js'
import {undialableReason} from '../net/address.js'

export interface ConnectPlanOptions {
  /** The run's one time budget (built where the run starts). */
  deadline: Deadline
  /** Also probe every advertised broker (default true). */
  advertised?: boolean
  /** Finish with an end-to-end kafkajs session (default true). */
  client?: boolean
  /** The run's OAUTHBEARER token source, when the caller goes on using it after this plan. */
  token?: () => Promise<TokenOutcome | undefined>
}

export interface ConnectPlanResult {
  findings: Finding[]
  /** The first metadata answer a bootstrap address gave, for cluster-info. */
  metadata?: MetadataResult
}

interface TargetResult {
  findings: Finding[]
  metadata?: MetadataResult
  reachedEnd: boolean
}

interface RunContext {
  profile: ConnectionProfile
  deadline: Deadline
  token: () => Promise<TokenOutcome | undefined>
}

/**
 * DNS → TCP → listener → TLS → SASL → metadata for every bootstrap address at once, then the
 * same for every advertised broker, then a real client session. Each target stops at its first
 * failed layer; one deadline bounds everything, so N dead brokers cost one timeout.
 */
export async function runConnectPlan({profile, findings: configFindings}: ProfileResult, options: ConnectPlanOptions): Promise<ConnectPlanResult> {
  const {deadline} = options
  const context: RunContext = {profile, deadline, token: options.token ?? tokenOnce(profile, deadline)}
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
  // kafkajs's own view of every advertised broker, beside our probes of them.
  const brokerView: Promise<ClientBrokerView[]> | undefined =
    clientSession && metadata && options.advertised !== false
      ? context.token().then((token) => clientBrokerView(profile, deadline, metadata.brokers, token?.ok ? token.token : undefined, cancelClient.signal))
      : undefined

  if (metadata && options.advertised !== false) {
    const bootstrapHosts = bootstrapTargets.map((t) => t.host)
    // One probe per distinct address, and no more than the cap: a broker may advertise 100,000.
    const distinct = [...new Map(metadata.brokers.map((b) => [`${b.host.toLowerCase()}:${b.port}`, b])).values()]
    const advertised = distinct.slice(0, METADATA_LIMITS.dialedBrokers).map((b) => advertisedTarget(b.host, b.port, b.nodeId))
    if (distinct.length > advertised.length || metadata.truncated?.brokers) {
      const announced = metadata.truncated?.brokers ?? distinct.length
      findings.push(
        finding({
          check: 'advertised',
          target: 'advertised brokers',
          status: 'warn',
          summary: `the cluster advertises ${announced} brokers; only the first ${advertised.length} distinct addresses were probed`,
          evidence: {announced, probed: advertised.length, limit: METADATA_LIMITS.dialedBrokers},
        }),
      )
    }

    const results = await Promise.all(
      advertised.map(async (target) => {
        const twin = bootstrapTargets.find((b) => sameEndpoint(b, target))
        if (twin) return [advertisedVerdict(target, [], bootstrapHosts, `${twin.host}:${twin.port}`, learnedFrom)]
        const probed = await probeTarget(target, context, false)
        // A refused address is its own verdict (KD502): nothing was dialed to judge.
        if (probed.findings.some((f) => f.code === 'KD502' && f.check === 'advertised')) return probed.findings
        return [...probed.findings, advertisedVerdict(target, probed.findings, bootstrapHosts, undefined, learnedFrom)]
      }),
    )
    for (const result of results) findings.push(...result)
  }

  if (clientSession) {
    // Nothing got through: the client's verdict would only repeat it, so stop waiting for it.
    const reached = bootstrap.some((r) => r.reachedEnd)
    if (!reached) cancelClient.abort()
    const session = await clientSession
    const client = brokerView ? withBrokerView(session, await brokerView) : session
    findings.push(reached ? client : finding({check: 'client', target: client.target, status: 'skip', summary: 'not run to the end: no bootstrap address got through every layer'}))
  }

  return {findings, metadata}
}

function layersFor(profile: ConnectionProfile, withMetadata: boolean): CheckName[] {
  const layers: CheckName[] = ['dns', 'tcp', 'listener']
  if (configuredTransport(profile) === 'tls') layers.push('tls')
  if (usesSasl(profile)) layers.push('sasl')
  if (withMetadata) layers.push('metadata')
  return layers
}

async function probeTarget(target: Target, {profile, deadline, token}: RunContext, withMetadata: boolean): Promise<TargetResult> {
  const findings: Finding[] = []
  const stop = (failed: Finding): TargetResult => {
    const done = new Set(findings.map((f) => f.check))
    for (const layer of layersFor(profile, withMetadata)) {
      if (done.has(layer)) continue
      findings.push(finding({check: layer, target: target.label, status: 'skip', summary: `not run: ${failed.check} failed`}))
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

  const tcp = await checkTcp(target, ip, deadline)
  tcp.socket?.destroy()
  findings.push(tcp.finding)
  if (tcp.finding.status === 'fail') return stop(tcp.finding)

  const listener = await checkListener(target, ip, profile, deadline)
  findings.push(listener.finding)
  if (!listener.ok) return stop(listener.finding)

  if (listener.speaks === 'tls') {
    const tls = checkTls(target, profile, listener)
    findings.push(tls.finding)
    if (!tls.ok) return stop(tls.finding)
  }

  const sasl = await checkSasl(target, ip, profile, listener, deadline, token)
  if (sasl.finding) findings.push(sasl.finding)
  if (sasl.notes) findings.push(...sasl.notes)
  if (!sasl.ok || !sasl.session) {
    return stop(sasl.finding ?? finding({check: 'listener', target: target.label, status: 'fail', summary: 'could not reopen the connection'}))
  }

  try {
    if (!withMetadata) return {findings, reachedEnd: true}
    const metadata = await checkMetadata(target, sasl.session, deadline)
    findings.push(metadata.finding)
    return {findings, metadata: metadata.metadata, reachedEnd: metadata.finding.status !== 'fail'}
  } finally {
    sasl.session.close()
  }
}
