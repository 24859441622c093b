// The wire side of acl-check: requests that the broker authorizes and then refuses (or merely
// describes), so every answer says allowed or denied and nothing on the cluster changes. Each
// probe batches every resource into one request where the protocol allows it.
//
// Why each probe changes nothing (checked against Kafka's KafkaApis/ControllerApis, 3.9-4.4):
// - Metadata: allow_auto_topic_creation=false (the codec always sends false).
// - Produce / Fetch: partition 2147483647 exists in no topic; the broker checks WRITE / READ on
//   the topic before the partition (29 denied, 3 UNKNOWN_TOPIC_OR_PARTITION allowed). Produce
//   carries an empty record set; Fetch is sessionless (no fetch session is created).
// - Produce with a transactional batch: the transactional id's WRITE is checked first (53).
// - CreateTopics: validate_only=true; the controller validates and writes nothing.
// - DescribeGroups / DescribeTransactions / DescribeConfigs / DescribeAcls / DescribeCluster: reads.
// - Heartbeat: a member id nobody has; READ is checked first (30), then UNKNOWN_MEMBER_ID. No
//   JoinGroup ever: that would make running consumers rebalance.
// - InitProducerId: producer_id -1 with epoch 0 is rejected (INVALID_REQUEST) right after the
//   authorization check and before a producer id is allocated.
// FindCoordinator is never sent: for a key whose coordinator topic does not exist yet it creates
// __consumer_offsets / __transaction_state. Every probe above is authorized by whichever broker
// receives it, so no coordinator lookup is needed.

import {randomBytes} from 'node:crypto'

import {
  ACL_OPERATION_ANY,
  AUTHORIZED_OPERATIONS_OMITTED,
  AclPatternType,
  AclPermission,
  AclResourceType,
  ApiKey,
  ConfigResourceType,
  CREATE_TOPICS_VERSIONS,
  DESCRIBE_ACLS_VERSIONS,
  DESCRIBE_CLUSTER_VERSIONS,
  DESCRIBE_CONFIGS_VERSIONS,
  DESCRIBE_GROUPS_VERSIONS,
  DESCRIBE_TRANSACTIONS_VERSIONS,
  FETCH_VERSIONS,
  HEARTBEAT_VERSIONS,
  INIT_PRODUCER_ID_VERSIONS,
  PRODUCE_VERSIONS,
  NoCommonVersionError,
  WireError,
  apiName,
  decodeAuthorizedOperations,
  decodeCreateTopicsResponse,
  decodeDescribeAclsResponse,
  decodeDescribeClusterResponse,
  decodeDescribeConfigsResponse,
  decodeDescribeGroupsResponse,
  decodeDescribeTransactionsResponse,
  decodeFetchResponse,
  decodeHeartbeatResponse,
  decodeInitProducerIdResponse,
  decodeProduceResponse,
  encodeCreateTopicsRequest,
  encodeDescribeAclsRequest,
  encodeDescribeClusterRequest,
  encodeDescribeConfigsRequest,
  encodeDescribeGroupsRequest,
  encodeDescribeTransactionsRequest,
  encodeFetchRequest,
  encodeHeartbeatRequest,
  encodeInitProducerIdRequest,
  encodeProbeRecordBatch,
  encodeProduceRequest,
  fetchMetadata,
  kafkaErrorName,
  pickVersion,
  type AclBinding,
  type BrokerVersions,
  type Decoder,
  type ProbeConnection,
} from './wire/index.js'

/** Every name kdoctor makes up for a probe carries this, so it is recognisable in broker logs and audit trails. */
export const PROBE_SUFFIX = 'kdoctor-acl-probe'

export type Verdict = 'allowed' | 'denied' | 'unknown'

/** What one request said about one resource. */
export interface ProbeOutcome {
  /** "Fetch v12" */
  api: string
  verdict: Verdict
  /** The broker's error name, or why there is no answer. */
  answer: string
}

/** A partition index no topic has (topics are capped far below it). */
export const MISSING_PARTITION = 2147483647

/**
 * Which answers mean what, per probe: the broker checks the right first, so the error it
 * answers with tells denied from allowed. Anything else is "unknown", never "allowed".
 */
export const ANSWERS = {
  metadata: {right: 'DESCRIBE on the topic', denied: [29], allowed: [0, 3, 5, 72]},
  produce: {right: 'WRITE on the topic', denied: [29], allowed: [3, 5, 6]},
  fetch: {right: 'READ on the topic', denied: [29], allowed: [0, 1, 3, 5, 6]},
  createTopics: {right: 'CREATE', denied: [29], allowed: [0, 36, 37, 38, 39, 40, 44]},
  describeGroups: {right: 'DESCRIBE on the group', denied: [30], allowed: [0, 14, 15, 16, 69]},
  heartbeat: {right: 'READ on the group', denied: [30], allowed: [14, 15, 16, 22, 25, 27, 69]},
  describeTransactions: {right: 'DESCRIBE on the transactional id', denied: [53], allowed: [0, 14, 15, 16, 105]},
  transactionalProduce: {right: 'WRITE on the transactional id', denied: [53], allowed: [3, 5, 6, 29]},
  initProducerId: {right: 'IDEMPOTENT_WRITE', denied: [31], allowed: [42]},
  describeConfigs: {right: 'DESCRIBE_CONFIGS on the cluster', denied: [31], allowed: [0, 42]},
  describeAcls: {right: 'DESCRIBE on the cluster', denied: [31], allowed: [0, 54]},
} as const satisfies Record<string, AnswerTable>

export interface AnswerTable {
  /** What the broker checks first, for the method text. */
  right: string
  denied: readonly number[]
  allowed: readonly number[]
}

export function verdictOf(table: AnswerTable, errorCode: number): Verdict {
  if (table.denied.includes(errorCode)) return 'denied'
  if (table.allowed.includes(errorCode)) return 'allowed'
  return 'unknown'
}

export interface RequestCount {
  total: number
  byApi: Record<string, number>
}

export interface ProbeContext {
  connection: ProbeConnection
  versions: BrokerVersions
  timeoutMs: () => number
  requests: RequestCount
}

/** A request's answer, or why there is none (no common version, a wire error), said once for every resource it covered. */
type Answer<T> = {ok: true; value: T; api: string} | {ok: false; failure: ProbeOutcome}

function count(ctx: ProbeContext, apiKey: ApiKey): void {
  ctx.requests.total++
  ctx.requests.byApi[apiName(apiKey)] = (ctx.requests.byApi[apiName(apiKey)] ?? 0) + 1
}

/** Runs one request: no common version or a wire error becomes the failure outcome; anything else is a bug and throws. */
async function attempt<T>(apiKey: ApiKey, request: () => Promise<{value: T; api: string}>): Promise<Answer<T>> {
  try {
    return {ok: true, ...(await request())}
  } catch (error) {
    if (error instanceof NoCommonVersionError) return {ok: false, failure: {api: apiName(apiKey), verdict: 'unknown', answer: error.message}}
    if (error instanceof WireError) return {ok: false, failure: {api: apiName(apiKey), verdict: 'unknown', answer: `${error.kind}: ${error.message}`}}
    throw error
  }
}

/** One request at the best common version, counted. */
async function send<T>(
  ctx: ProbeContext,
  apiKey: ApiKey,
  ours: {min: number; max: number},
  encode: (version: number) => Buffer,
  decode: (version: number) => Decoder<T>,
  how = '',
): Promise<Answer<T>> {
  return attempt(apiKey, async () => {
    const version = pickVersion(ctx.versions, apiKey, ours)
    const api = `${apiName(apiKey)} v${version}${how && ` ${how}`}`
    count(ctx, apiKey)
    const reply = await ctx.connection.send(apiKey, version, encode(version), decode(version), {timeoutMs: ctx.timeoutMs()})
    return {value: reply.value, api}
  })
}

/** "UNKNOWN_TOPIC_OR_PARTITION (passed the WRITE on the topic check)": the error, and why it means allowed. */
function outcome(api: string, table: AnswerTable, errorCode: number): ProbeOutcome {
  const verdict = verdictOf(table, errorCode)
  const name = kafkaErrorName(errorCode)
  return {api, verdict, answer: verdict === 'allowed' && errorCode !== 0 ? `${name}, after the ${table.right} check passed` : name}
}

/** The outcome of one resource's error code; `what` names the resource when the answer left it out. */
function codeOutcome(api: string, table: AnswerTable, errorCode: number | undefined, what: string): ProbeOutcome {
  return errorCode === undefined ? {api, verdict: 'unknown', answer: `${what} missing from the answer`} : outcome(api, table, errorCode)
}

/** One answer judged, or its failure. */
function judged<T, O>(answer: Answer<T>, judge: (value: T, api: string) => O): O | ProbeOutcome {
  return answer.ok ? judge(answer.value, answer.api) : answer.failure
}

/** Every name's outcome from one batched answer (`judge` indexes the answer once), or the request's failure for each. */
function perName<T, O>(names: readonly string[], answer: Answer<T>, judge: (value: T, api: string) => (name: string) => O): Map<string, O | ProbeOutcome> {
  const of = answer.ok ? judge(answer.value, answer.api) : () => answer.failure
  return new Map(names.map((n) => [n, of(n)]))
}

/** One request per name (the API carries one resource), all at once. */
async function eachName<O>(names: readonly string[], probe: (name: string) => Promise<O>): Promise<Map<string, O>> {
  const answers = await Promise.all(names.map(probe))
  return new Map(names.map((n, i) => [n, answers[i]!]))
}

// ---- topics ------------------------------------------------------------------------------------

export interface TopicMetadataOutcome extends ProbeOutcome {
  /** yes / no (UNKNOWN_TOPIC_OR_PARTITION) / hidden (Describe denied: Kafka does not say). */
  exists: 'yes' | 'no' | 'hidden' | 'unknown'
  /** KIP-430 operations, when the broker computed them. */
  authorizedOperations?: string[]
}

/** One Metadata request for every name, with the topics' authorized-operations bitfields. */
export async function probeTopicMetadata(ctx: ProbeContext, names: readonly string[]): Promise<Map<string, TopicMetadataOutcome>> {
  const answer = await attempt(ApiKey.Metadata, async () => {
    count(ctx, ApiKey.Metadata)
    const m = await fetchMetadata(ctx.connection, ctx.versions, {topics: names, includeTopicAuthorizedOperations: true, timeoutMs: ctx.timeoutMs()})
    return {value: m, api: `Metadata v${m.version}`}
  })
  if (!answer.ok) return new Map(names.map((n) => [n, {...answer.failure, exists: 'unknown' as const}]))
  const {api} = answer
  const found = new Map(answer.value.topics.map((t) => [t.name ?? '', t]))
  return new Map(names.map((name): [string, TopicMetadataOutcome] => {
    const t = found.get(name)
    if (!t) return [name, {api, verdict: 'unknown', answer: 'topic missing from the answer', exists: 'unknown'}]
    const exists = t.errorCode === 0 ? 'yes' : t.errorCode === 3 ? 'no' : t.errorCode === 29 ? 'hidden' : 'unknown'
    const out: TopicMetadataOutcome = {...outcome(api, ANSWERS.metadata, t.errorCode), exists}
    if (t.authorizedOperations) out.authorizedOperations = t.authorizedOperations
    return [name, out]
  }))
}

/** WRITE: one Produce with an empty record set for a partition no topic has, per name. */
export async function probeTopicWrite(ctx: ProbeContext, names: readonly string[]): Promise<Map<string, ProbeOutcome>> {
  const answer = await send(
    ctx,
    ApiKey.Produce,
    PRODUCE_VERSIONS,
    (v) => encodeProduceRequest(v, {transactionalId: null, acks: 1, timeoutMs: 5000, topics: names.map((name) => ({name, partitions: [{index: MISSING_PARTITION, records: Buffer.alloc(0)}]}))}),
    decodeProduceResponse,
    `(empty, to partition ${MISSING_PARTITION})`,
  )
  return perName(names, answer, (value, api) => {
    const codes = new Map(value.topics.map((t) => [t.name, t.partitions[0]?.errorCode]))
    return (name) => codeOutcome(api, ANSWERS.produce, codes.get(name), 'topic')
  })
}

/** READ: one sessionless Fetch of a partition no topic has, 1 byte at most, per name. */
export async function probeTopicRead(ctx: ProbeContext, names: readonly string[]): Promise<Map<string, ProbeOutcome>> {
  const answer = await send(
    ctx,
    ApiKey.Fetch,
    FETCH_VERSIONS,
    (v) => encodeFetchRequest(v, {maxWaitMs: 0, minBytes: 0, maxBytes: 1, topics: names.map((name) => ({name, partitions: [{index: MISSING_PARTITION, fetchOffset: 0n, partitionMaxBytes: 1}]}))}),
    decodeFetchResponse,
    `(sessionless, partition ${MISSING_PARTITION})`,
  )
  return perName(names, answer, (value, api) => {
    if (value.errorCode !== 0) {
      const whole: ProbeOutcome = {api, verdict: 'unknown', answer: kafkaErrorName(value.errorCode)}
      return () => whole
    }

    const codes = new Map(value.topics.map((t) => [t.name, t.partitions[0]?.errorCode]))
    return (name) => codeOutcome(api, ANSWERS.fetch, codes.get(name), 'topic')
  })
}

/** A name for the cluster-wide CREATE probe that no literal or prefixed topic ACL is likely to cover. */
export function clusterCreateProbeName(): string {
  return `${PROBE_SUFFIX}-${randomBytes(6).toString('hex')}`
}

/** CREATE: one CreateTopics with validate_only for every name (broker defaults for partitions and replicas). */
export async function probeTopicCreate(ctx: ProbeContext, names: readonly string[]): Promise<Map<string, ProbeOutcome>> {
  if (names.length === 0) return new Map()
  const answer = await send(
    ctx,
    ApiKey.CreateTopics,
    CREATE_TOPICS_VERSIONS,
    (v) => encodeCreateTopicsRequest(v, {topics: names.map((name) => ({name, numPartitions: -1, replicationFactor: -1})), timeoutMs: Math.min(ctx.timeoutMs(), 30_000), validateOnly: true}),
    decodeCreateTopicsResponse,
    '(validate_only)',
  )
  return perName(names, answer, (value, api) => {
    const codes = new Map(value.topics.map((t) => [t.name, t.errorCode]))
    return (name) => {
      const code = codes.get(name)
      // 36 means the name exists: creation was authorized, then refused for being taken.
      return code === 0 ? {...outcome(api, ANSWERS.createTopics, code), answer: 'NONE (validated, not created)'} : codeOutcome(api, ANSWERS.createTopics, code, 'topic')
    }
  })
}

// ---- groups ------------------------------------------------------------------------------------

export interface GroupDescribeOutcome extends ProbeOutcome {
  state?: string
  members?: number
  authorizedOperations?: string[]
}

/** DESCRIBE (and KIP-430 bitfields where this broker coordinates the group): one DescribeGroups. */
export async function probeGroupDescribe(ctx: ProbeContext, groups: readonly string[]): Promise<Map<string, GroupDescribeOutcome>> {
  if (groups.length === 0) return new Map()
  const answer = await send(ctx, ApiKey.DescribeGroups, DESCRIBE_GROUPS_VERSIONS, (v) => encodeDescribeGroupsRequest(v, {groups, includeAuthorizedOperations: true}), decodeDescribeGroupsResponse)
  return perName(groups, answer, (value, api) => {
    const results = new Map(value.groups.map((g) => [g.groupId, g]))
    return (name): GroupDescribeOutcome => {
      const g = results.get(name)
      if (!g) return {api, verdict: 'unknown', answer: 'group missing from the answer'}
      const out: GroupDescribeOutcome = outcome(api, ANSWERS.describeGroups, g.errorCode)
      if (g.errorCode === 0) {
        out.state = g.groupState
        out.members = g.members.length
      }
      const ops = decodeAuthorizedOperations(g.authorizedOperations)
      if (ops && g.errorCode === 0) out.authorizedOperations = ops
      return out
    }
  })
}

/** READ: one Heartbeat per group (the request carries a single group) with a member nobody has. */
export async function probeGroupRead(ctx: ProbeContext, groups: readonly string[]): Promise<Map<string, ProbeOutcome>> {
  const memberId = `${PROBE_SUFFIX}-${randomBytes(8).toString('hex')}`
  return eachName(groups, async (groupId) => {
    const answer = await send(ctx, ApiKey.Heartbeat, HEARTBEAT_VERSIONS, (v) => encodeHeartbeatRequest(v, {groupId, generationId: -1, memberId}), decodeHeartbeatResponse, '(made-up member)')
    return judged(answer, (value, api) => outcome(api, ANSWERS.heartbeat, value.errorCode))
  })
}

// ---- cluster -----------------------------------------------------------------------------------

export interface ClusterOperationsOutcome {
  api: string
  /** Every operation's verdict is known only when DESCRIBE on the cluster is allowed (else the broker sends 0). */
  authorizedOperations?: string[]
  describeDenied?: boolean
  failure?: string
}

/** KIP-430 cluster bitfield (DescribeCluster; Metadata v11+ no longer carries it). */
export async function probeClusterOperations(ctx: ProbeContext): Promise<ClusterOperationsOutcome> {
  const answer = await send(ctx, ApiKey.DescribeCluster, DESCRIBE_CLUSTER_VERSIONS, (v) => encodeDescribeClusterRequest(v, {includeClusterAuthorizedOperations: true}), decodeDescribeClusterResponse)
  if (!answer.ok) return {api: answer.failure.api, failure: answer.failure.answer}
  const {value, api} = answer
  if (value.errorCode !== 0) return {api, failure: kafkaErrorName(value.errorCode)}
  const bits = value.clusterAuthorizedOperations
  if (bits === AUTHORIZED_OPERATIONS_OMITTED) return {api, failure: 'the broker did not compute the bitfield'}
  if (bits === 0) return {api, describeDenied: true}
  return {api, authorizedOperations: decodeAuthorizedOperations(bits) ?? []}
}

/** IDEMPOTENT_WRITE (or, since Kafka 2.8, WRITE on any topic): a deliberately invalid InitProducerId. */
export async function probeIdempotentWrite(ctx: ProbeContext): Promise<ProbeOutcome> {
  const answer = await send(
    ctx,
    ApiKey.InitProducerId,
    INIT_PRODUCER_ID_VERSIONS,
    (v) => encodeInitProducerIdRequest(v, {transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: 0}),
    decodeInitProducerIdResponse,
    '(producer id -1, epoch 0: refused before allocation)',
  )
  return judged(answer, (value, api) => outcome(api, ANSWERS.initProducerId, value.errorCode))
}

export interface BrokerConfigOutcome extends ProbeOutcome {
  /** auto.create.topics.enable as this broker reports it, when the principal may see it. */
  autoCreateTopicsEnable?: boolean
  /** default.replication.factor likewise: what a topic created on first use (or with -1) gets. */
  defaultReplicationFactor?: number
}

/** DESCRIBE_CONFIGS on the cluster: DescribeConfigs of this broker's auto.create.topics.enable and default.replication.factor. */
export async function probeBrokerConfig(ctx: ProbeContext, brokerId: number): Promise<BrokerConfigOutcome> {
  const answer = await send(
    ctx,
    ApiKey.DescribeConfigs,
    DESCRIBE_CONFIGS_VERSIONS,
    (v) => encodeDescribeConfigsRequest(v, {resources: [{resourceType: ConfigResourceType.BROKER, resourceName: String(brokerId), configurationKeys: ['auto.create.topics.enable', 'default.replication.factor']}]}),
    decodeDescribeConfigsResponse,
  )
  return judged(answer, (value, api): BrokerConfigOutcome => {
    const result = value.results[0]
    if (!result) return {api, verdict: 'unknown', answer: 'empty answer'}
    const out: BrokerConfigOutcome = outcome(api, ANSWERS.describeConfigs, result.errorCode)
    const setting = result.configs.find((c) => c.name === 'auto.create.topics.enable')
    if (setting?.value === 'true' || setting?.value === 'false') out.autoCreateTopicsEnable = setting.value === 'true'
    const factor = Number(result.configs.find((c) => c.name === 'default.replication.factor')?.value)
    if (Number.isInteger(factor) && factor > 0) out.defaultReplicationFactor = factor
    return out
  })
}

export interface AclListOutcome extends ProbeOutcome {
  /** The principal's own ACLs (what `kafka-acls --list --principal` would show), when allowed. */
  bindings?: AclBinding[]
  /** SECURITY_DISABLED: the broker has no authorizer, so everything is allowed. */
  noAuthorizer?: boolean
}

/** DESCRIBE on the cluster, directly: DescribeAcls (and the ACLs themselves when that is allowed). */
export async function probeAclList(ctx: ProbeContext, principal: string | null): Promise<AclListOutcome> {
  const answer = await send(
    ctx,
    ApiKey.DescribeAcls,
    DESCRIBE_ACLS_VERSIONS,
    (v) =>
      encodeDescribeAclsRequest(v, {
        resourceType: AclResourceType.ANY,
        resourceName: null,
        patternType: AclPatternType.ANY,
        principal,
        host: null,
        operation: ACL_OPERATION_ANY,
        permissionType: AclPermission.ANY,
      }),
    decodeDescribeAclsResponse,
  )
  return judged(answer, (value, api) => {
    const out: AclListOutcome = outcome(api, ANSWERS.describeAcls, value.errorCode)
    if (value.errorCode === 0) out.bindings = value.bindings
    if (value.errorCode === 54) out.noAuthorizer = true
    return out
  })
}

// ---- transactional ids -------------------------------------------------------------------------

/** DESCRIBE: one DescribeTransactions for every id (never FindCoordinator: see the top of this file). */
export async function probeTransactionDescribe(ctx: ProbeContext, ids: readonly string[]): Promise<Map<string, ProbeOutcome>> {
  if (ids.length === 0) return new Map()
  const answer = await send(ctx, ApiKey.DescribeTransactions, DESCRIBE_TRANSACTIONS_VERSIONS, (v) => encodeDescribeTransactionsRequest(v, {transactionalIds: ids}), decodeDescribeTransactionsResponse)
  return perName(ids, answer, (value, api) => {
    const codes = new Map(value.states.map((s) => [s.transactionalId, s.errorCode]))
    return (id) => codeOutcome(api, ANSWERS.describeTransactions, codes.get(id), 'id')
  })
}

/**
 * WRITE: a Produce carrying a transactional batch under the id, to a partition no topic has.
 * The broker checks WRITE on the transactional id before anything else (53 when denied); past
 * that it answers for the topic (29 or 3) and appends nothing. One request per id: a Produce
 * carries a single transactional id.
 */
export async function probeTransactionWrite(ctx: ProbeContext, ids: readonly string[]): Promise<Map<string, ProbeOutcome>> {
  const batch = encodeProbeRecordBatch({transactional: true})
  const topic = `${PROBE_SUFFIX}-txn`
  return eachName(ids, async (transactionalId) => {
    const answer = await send(
      ctx,
      ApiKey.Produce,
      PRODUCE_VERSIONS,
      (v) => encodeProduceRequest(v, {transactionalId, acks: -1, timeoutMs: 5000, topics: [{name: topic, partitions: [{index: MISSING_PARTITION, records: batch}]}]}),
      decodeProduceResponse,
      `(transactional batch, to partition ${MISSING_PARTITION})`,
    )
    return judged(answer, (value, api): ProbeOutcome => {
      const code = value.topics[0]?.partitions[0]?.errorCode
      return code === undefined ? {api, verdict: 'unknown', answer: 'empty answer'} : outcome(api, ANSWERS.transactionalProduce, code)
    })
  })
}
