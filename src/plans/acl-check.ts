// acl-check: connect's layers first (stop there when nothing gets through), then one
// authenticated session to a bootstrap broker that answers every permission probe, batched per
// request type, and the matrix, findings and grant commands built from the answers.

import {aclListing, aclNotRun, explainAcl} from '../checks/acl/explain.js'
import {autoCreateSetting} from '../checks/acl/findings.js'
import {type ProbeAnswers, buildMatrix} from '../checks/acl/matrix.js'
import {type Operation, type OperationsByKind, operationsFor} from '../checks/acl/operations.js'
import {type PrincipalView, principalFor} from '../checks/acl/principal.js'
import {
  type GroupDescribeOutcome,
  type ProbeContext,
  type ProbeOutcome,
  type RequestCount,
  type TopicMetadataOutcome,
  clusterCreateProbeName,
  probeAclList,
  probeBrokerConfig,
  probeClusterOperations,
  probeGroupDescribe,
  probeGroupRead,
  probeIdempotentWrite,
  probeTopicCreate,
  probeTopicMetadata,
  probeTopicRead,
  probeTopicWrite,
  probeTransactionDescribe,
  probeTransactionWrite,
} from '../kafka/acl-probes.js'
import type {AclResource} from '../checks/acl/resources.js'
import {checkDns} from '../checks/dns.js'
import {checkListener} from '../checks/listener.js'
import {checkSasl} from '../checks/sasl.js'
import {bootstrapTarget} from '../checks/target.js'
import type {ConnectionProfile, ProfileResult} from '../config/profile.js'
import type {Finding} from '../diagnosis/finding.js'
import {type TokenOutcome, tokenOnce} from '../kafka/oauth-token.js'
import {type MetadataResult, type ProbeSession, brokerGeneration} from '../kafka/probe-session.js'
import {formatHostPort} from '../net/address.js'
import type {Deadline} from '../core/deadline.js'
import {type ConnectPlanResult, runConnectPlan} from './connect.js'
import type {AclReport} from '../checks/acl/report.js'

export interface AclCheckOptions {
  topics: AclResource[]
  groups: AclResource[]
  transactionalIds: AclResource[]
  /** undefined = every operation of each resource type. */
  operations?: ReadonlySet<Operation> | OperationsByKind
  /** --principal: the name the broker uses when it maps ours differently. */
  principal?: string
  /** Heroku: $KAFKA_PREFIX, for the Heroku CLI commands. */
  kafkaPrefix?: string
  /** The run's one time budget: connect's layers and the probes share it. */
  deadline: Deadline
  /** connect's layers already ran on this profile (kdoctor doctor): reused, not probed again nor repeated. */
  connected?: ConnectPlanResult
  /** The run's OAUTHBEARER token source, when a caller shares one token across plans. */
  token?: () => Promise<TokenOutcome | undefined>
}

export interface AclCheckResult {
  findings: Finding[]
  acl?: AclReport
}

export async function runAclCheckPlan(profileResult: ProfileResult, options: AclCheckOptions): Promise<AclCheckResult> {
  const {profile} = profileResult
  const {deadline} = options
  // One token for the whole run: the connect layers and the probe session share it.
  const token = options.token ?? tokenOnce(profile, deadline)
  const connect = options.connected ?? (await runConnectPlan(profileResult, {deadline, advertised: false, client: false, token}))
  const findings = options.connected ? [] : [...connect.findings]
  const stop = (why: string) => {
    findings.push(aclNotRun(why))
    return {findings}
  }
  if (!connect.metadata) return stop('no bootstrap address got through every connection layer')

  const opened = await openProbeSession(profile, connect.findings, deadline, token)
  if (!opened.session) return stop(opened.why)
  const {session, address} = opened

  try {
    const outcome = await token()
    const principal = principalFor(profile, {override: options.principal, tokenSub: outcome?.ok ? outcome.claims?.sub : undefined})
    const nodeId = brokerIdAt(connect.metadata, address)
    const probeStarted = Date.now()
    const requests: RequestCount = {total: 0, byApi: {}}
    const ctx: ProbeContext = {connection: session.connection, versions: session.apiVersions, timeoutMs: () => deadline.stepMs(), requests}
    const answers = await runProbes(ctx, options, principal, nodeId)
    const acl: AclReport = {
      principal,
      broker: {address, ...(nodeId !== undefined && {nodeId}), generation: brokerGeneration(session.apiVersions)},
      ...(options.topics.length > 0 && {autoCreateTopics: autoCreateSetting(answers.brokerConfig, profile.provider, nodeId)}),
      ...(answers.brokerConfig?.defaultReplicationFactor !== undefined && {
        replication: {
          defaultFactor: answers.brokerConfig.defaultReplicationFactor,
          source: `DescribeConfigs of broker ${nodeId ?? '?'}`,
          liveBrokers: connect.metadata.brokers.map((b) => b.nodeId).sort((a, b) => a - b),
        },
      }),
      matrix: buildMatrix(options, answers),
      fixes: {commands: [], notes: []},
      acls: aclListing(answers.aclList, principal.uncertain ? undefined : principal.principal),
      requests,
      durationMs: Date.now() - probeStarted,
    }
    findings.push(...explainAcl(acl, profile, options.kafkaPrefix))
    return {findings, acl}
  } finally {
    session.close()
  }
}

// ---- session -----------------------------------------------------------------------------------

/** Reopens an authenticated session to the first bootstrap address whose layers all passed. */
async function openProbeSession(
  profile: ConnectionProfile,
  findings: readonly Finding[],
  deadline: Deadline,
  token: () => Promise<TokenOutcome | undefined>,
): Promise<{session: ProbeSession; address: string} | {session?: undefined; why: string}> {
  const passed = profile.bootstrap
    .map((b) => bootstrapTarget(b.host, b.port))
    .filter((t) => findings.some((f) => f.target === t.label && f.check === 'metadata' && f.status !== 'fail' && f.status !== 'skip'))
  for (const target of passed) {
    const dns = await checkDns(target, deadline)
    const ip = dns.addresses[0]?.address
    if (!ip) continue
    const listener = await checkListener(target, ip, profile, deadline)
    if (!listener.ok) continue
    const sasl = await checkSasl(target, ip, profile, listener, deadline, token)
    if (sasl.ok && sasl.session) return {session: sasl.session, address: formatHostPort(target.host, target.port)}
  }
  return {why: 'could not reopen an authenticated session to a bootstrap address that passed'}
}

/**
 * The node id of the broker we talk to (the DescribeConfigs resource name), from the advertised
 * addresses. When the bootstrap name differs from every advertised one, the first broker: a
 * broker asked about another one still authorizes first (then answers INVALID_REQUEST).
 */
function brokerIdAt(metadata: MetadataResult, address: string): number | undefined {
  return (metadata.brokers.find((b) => formatHostPort(b.host, b.port) === address) ?? metadata.brokers[0])?.nodeId
}

// ---- probes ------------------------------------------------------------------------------------

/** Every probe at once on the one connection; CreateTopics waits for Metadata (it asks only about names that are missing). */
async function runProbes(ctx: ProbeContext, options: AclCheckOptions, principal: PrincipalView, nodeId: number | undefined): Promise<ProbeAnswers> {
  const wants = (kind: AclResource['kind'], op: Operation) => operationsFor(kind, options.operations).includes(op)
  const topicNames = options.topics.map((t) => t.probeName)
  const groups = options.groups.map((g) => g.probeName)
  const ids = options.transactionalIds.map((t) => t.probeName)
  const clusterCreateName = clusterCreateProbeName()
  const none = <T>() => Promise.resolve(new Map<string, T>())

  const metadata = topicNames.length > 0 ? probeTopicMetadata(ctx, topicNames) : none<TopicMetadataOutcome>()
  const create = metadata.then((m) => {
    const names = wants('topic', 'Create') ? options.topics.filter((t) => t.pattern !== 'literal' || m.get(t.probeName)?.exists !== 'yes').map((t) => t.probeName) : []
    if (wants('cluster', 'Create')) names.push(clusterCreateName)
    return probeTopicCreate(ctx, names)
  })
  const [meta, write, read, created, groupDescribe, groupRead, cluster, idempotent, brokerConfig, aclList, txnDescribe, txnWrite] = await Promise.all([
    metadata,
    topicNames.length > 0 && wants('topic', 'Write') ? probeTopicWrite(ctx, topicNames) : none<ProbeOutcome>(),
    topicNames.length > 0 && wants('topic', 'Read') ? probeTopicRead(ctx, topicNames) : none<ProbeOutcome>(),
    create,
    groups.length > 0 ? probeGroupDescribe(ctx, groups) : none<GroupDescribeOutcome>(),
    groups.length > 0 && wants('group', 'Read') ? probeGroupRead(ctx, groups) : none<ProbeOutcome>(),
    probeClusterOperations(ctx),
    wants('cluster', 'IdempotentWrite') ? probeIdempotentWrite(ctx) : Promise.resolve(undefined),
    // auto.create.topics.enable matters for every topic that turns out missing.
    nodeId !== undefined && (wants('cluster', 'DescribeConfigs') || topicNames.length > 0) ? probeBrokerConfig(ctx, nodeId) : Promise.resolve(undefined),
    wants('cluster', 'Describe') ? probeAclList(ctx, principal.uncertain ? null : principal.principal) : Promise.resolve(undefined),
    ids.length > 0 && wants('transactional-id', 'Describe') ? probeTransactionDescribe(ctx, ids) : none<ProbeOutcome>(),
    ids.length > 0 && wants('transactional-id', 'Write') ? probeTransactionWrite(ctx, ids) : none<ProbeOutcome>(),
  ])
  return {metadata: meta, write, read, create: created, clusterCreateName, groupDescribe, groupRead, cluster, idempotent, brokerConfig, aclList, txnDescribe, txnWrite}
}
