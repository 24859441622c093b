// The one module that imports kafkajs (design.md): the view a real client gets, with kafkajs's
// retries off so a failure surfaces at once and unmasked.
import {lookup} from 'node:dns'
import {type LookupFunction, Socket, connect as netConnect, isIP} from 'node:net'
import {connect as tlsConnect} from 'node:tls'

import kafkajs from 'kafkajs'
// kafkajs's own protocol tables (static imports, so the single-file binary bundles them too).
// @ts-expect-error kafkajs ships no types for its internals
import kafkajsApiKeys from 'kafkajs/src/protocol/requests/apiKeys.js'
// @ts-expect-error kafkajs ships no types for its internals
import kafkajsRequests from 'kafkajs/src/protocol/requests/index.js'
import type {Admin, ISocketFactory, KafkaConfig, SASLOptions} from 'kafkajs'

import {type ConnectionProfile, clientIdOf, usesSasl, usesTls} from '../config/profile.js'
import type {Secret} from '../config/secret.js'
import {CLIENT_METADATA_MAX_BYTES, CLIENT_SESSION_MAX_BYTES, METADATA_LIMITS} from '../core/limits.js'
import {canonicalIp, isValidPort, undialableReason} from '../net/address.js'

const {Kafka, logLevel} = kafkajs

// kafkajs 2.2.4 computes a negative delay in its request queue; Node 24 warns about it on
// stderr at every run. Hide that one warning and print the others as Node would.
const defaultWarningListeners = process.listeners('warning')
process.removeAllListeners('warning')
process.on('warning', (warning) => {
  if (warning.name === 'TimeoutNegativeWarning') return
  if (defaultWarningListeners.length > 0) for (const listener of defaultWarningListeners) listener(warning)
})

// kafkajs's logLevel is a plain name → number map, not a two-way enum.
const LEVEL_NAMES: Readonly<Record<number, string>> = {
  [logLevel.ERROR]: 'ERROR',
  [logLevel.WARN]: 'WARN',
  [logLevel.INFO]: 'INFO',
  [logLevel.DEBUG]: 'DEBUG',
}

export interface ClientLogLine {
  level: string
  namespace: string
  message: string
  /** The error kafkajs logged beside the message ("Not authorized to access group: ..."). */
  error?: string
}

export interface ClusterBroker {
  nodeId: number
  host: string
  port: number
  rack?: string | null
}

export interface TopicSummary {
  name: string
  partitions: number
  replicationFactor: number
  leaderless: number[]
  underReplicated: number[]
}

export interface ClusterInfo {
  clusterId: string
  controller: number | null
  brokers: ClusterBroker[]
  topics: TopicSummary[]
}

export type ClientResult<T> = {ok: true; value: T; durationMs: number; logs: ClientLogLine[]} | {ok: false; error: unknown; durationMs: number; logs: ClientLogLine[]}

export interface ClientOptions {
  timeoutMs: number
  /** Resolved OAUTHBEARER token, obtained once by the caller. */
  oauthToken?: Secret
  /** Override the bootstrap list (e.g. one address at a time). */
  brokers?: string[]
  /** Ends the session early (its sockets are destroyed): the caller no longer needs the answer. */
  signal?: AbortSignal
  /** Dial only the bootstrap addresses, never one the cluster advertised (--no-advertised). */
  bootstrapOnly?: boolean
}

/**
 * kafkajs's own socket factory, plus bookkeeping: kafkajs does not give up on a connection whose
 * SYN is dropped (the kernel retries for ~2 minutes), so every socket is destroyed when the
 * session ends or the deadline passes.
 */
function trackedSocketFactory(sockets: Set<Socket>, allowed?: ReadonlySet<string>): ISocketFactory {
  let received = 0
  return ({host, port, ssl, onConnect}) => {
    // The same rules as our probes: a learned address is dialed only when a client could reach
    // it (never link-local, unspecified, multicast, broadcast, or an impossible port), and not
    // at all under --no-advertised.
    const refusal = !isValidPort(port)
      ? `port ${port} is not a TCP port`
      : allowed && !allowed.has(endpointKey(host, port))
        ? `${host}:${port} ${NOT_BOOTSTRAP}`
        : ipRefusal(host)
    if (refusal) return refusedSocket(`kdoctor did not dial: ${refusal}`, sockets)
    const socket = ssl
      ? tlsConnect({host, port, lookup: dialableLookup, ...(isIP(host) ? {} : {servername: host}), ...ssl}, onConnect)
      : netConnect({host, port, lookup: dialableLookup}, onConnect)
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    // A forged answer can be any size; kafkajs would decode all of it.
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (received > CLIENT_SESSION_MAX_BYTES) socket.destroy(new Error(`the cluster sent more than ${CLIENT_SESSION_MAX_BYTES} bytes to the client session`))
    })
    guardMetadataAnswers(socket)
    return socket
  }
}

/**
 * Reads the head of every response frame kafkajs receives on this socket: a Metadata answer that
 * lists more brokers than METADATA_LIMITS.brokers ends the session before kafkajs decodes it (its
 * broker pool is built one broker at a time, and 100,000 brokers never finish).
 */
function guardMetadataAnswers(socket: Socket): void {
  const metadataRequests = new Map<number, number>() // correlation id → Metadata version
  const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    // Request frame: size, api key, api version, correlation id.
    if (Buffer.isBuffer(chunk) && chunk.length >= 12 && chunk.readInt16BE(4) === 3) metadataRequests.set(chunk.readInt32BE(8), chunk.readInt16BE(6))
    return write(chunk, ...rest)
  }) as typeof socket.write

  let head = Buffer.alloc(0) // the current frame's first bytes (size, correlation id, throttle, broker count)
  let rest = 0 // bytes of the current frame after its head
  let lost = false
  socket.on('data', (chunk: Buffer) => {
    let at = 0
    while (!lost && at < chunk.length) {
      if (rest > 0) {
        const n = Math.min(rest, chunk.length - at)
        rest -= n
        at += n
        continue
      }

      const headSize = head.length < 4 ? 4 : Math.min(16, head.readInt32BE(0) + 4)
      if (head.length < headSize) {
        const take = chunk.subarray(at, at + headSize - head.length)
        head = Buffer.concat([head, take])
        at += take.length
        continue
      }

      const size = head.readInt32BE(0)
      if (size < 0) lost = true
      const version = head.length >= 8 ? metadataRequests.get(head.readInt32BE(4)) : undefined
      if (version !== undefined) {
        metadataRequests.delete(head.readInt32BE(4))
        const countAt = version >= 3 ? 12 : 8
        const count = head.length >= countAt + 4 ? head.readInt32BE(countAt) : 0
        if (size > CLIENT_METADATA_MAX_BYTES) {
          socket.destroy(new Error(`the cluster sent a ${size}-byte Metadata answer to a client session that asked for no more than a few topics`))
          return
        }

        if (count > METADATA_LIMITS.brokers) {
          socket.destroy(new Error(`the cluster advertises ${count} brokers, more than the ${METADATA_LIMITS.brokers} a client session is run against`))
          return
        }
      }

      rest = Math.max(0, size + 4 - head.length)
      head = Buffer.alloc(0)
    }
  })
}

function ipRefusal(host: string): string | undefined {
  const ip = canonicalIp(host)
  return ip ? undialableReason(ip) : undefined
}

/** dns.lookup without the addresses no client should dial; none left is a lookup error. */
const dialableLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, {...options, all: true}, (error, addresses) => {
    if (error) return callback(error, '', 0)
    const dialable = addresses.filter((a) => !undialableReason(a.address))
    if (dialable.length === 0) {
      const first = addresses[0]?.address ?? ''
      return callback(Object.assign(new Error(`kdoctor did not dial ${hostname} (${first}): ${undialableReason(first) ?? 'no address'}`), {code: 'EKDREFUSED'}), '', 0)
    }

    // Node asks for every address (all: true) when it races IPv4 and IPv6, otherwise for one.
    if (options.all) return (callback as unknown as (e: null, a: typeof dialable) => void)(null, dialable)
    callback(null, dialable[0]!.address, dialable[0]!.family)
  })
}

/** What a refused learned address says under --no-advertised, so the session can be skipped, not failed. */
export const NOT_BOOTSTRAP = 'is not a bootstrap address (--no-advertised)'

function endpointKey(host: string, port: number): string {
  return `${(canonicalIp(host) ?? host).toLowerCase()}:${port}`
}

/** A socket that fails at once, so kafkajs reports a connection error instead of dialing. */
function refusedSocket(reason: string, sockets: Set<Socket>): Socket {
  const socket = new Socket()
  sockets.add(socket)
  process.nextTick(() => socket.destroy(Object.assign(new Error(reason), {code: 'EKDREFUSED'})))
  return socket
}

function kafkaConfig(profile: ConnectionProfile, options: ClientOptions, logs: ClientLogLine[], sockets: Set<Socket>): KafkaConfig {
  const useTls = usesTls(profile)
  const useSasl = usesSasl(profile)
  const {tls} = profile
  const config: KafkaConfig = {
    clientId: clientIdOf(profile),
    brokers: options.brokers ?? profile.bootstrap.map((b) => (b.host.includes(':') ? `[${b.host}]:${b.port}` : `${b.host}:${b.port}`)),
    connectionTimeout: options.timeoutMs,
    authenticationTimeout: options.timeoutMs,
    requestTimeout: options.timeoutMs,
    enforceRequestTimeout: true,
    retry: {retries: 0},
    socketFactory: trackedSocketFactory(sockets, options.bootstrapOnly ? new Set(profile.bootstrap.map((b) => endpointKey(b.host, b.port))) : undefined),
    logLevel: logLevel.INFO,
    // kafkajs swallows causes (e.g. GROUP_AUTHORIZATION_FAILED behind "coordinator not found"); its logs keep them.
    logCreator: () => (entry) => {
      const error = (entry.log as {error?: unknown}).error
      logs.push({level: LEVEL_NAMES[entry.level] ?? String(entry.level), namespace: entry.namespace, message: String(entry.log.message), ...(error ? {error: String(error)} : {})})
    },
  }
  if (useTls) {
    config.ssl = {
      ca: tls.caPems.length > 0 ? tls.caPems.map((c) => c.value) : undefined,
      cert: tls.certificatePem?.value,
      key: tls.keyPem?.reveal(),
      passphrase: tls.keyPassword?.reveal() ?? tls.pfxPassword?.reveal(),
      ...(tls.pfx ? {pfx: Buffer.from(tls.pfx.reveal(), 'base64')} : {}),
      rejectUnauthorized: tls.verifyCertificate.value,
      ...(tls.verifyHostname.value ? {} : {checkServerIdentity: () => undefined}),
    }
  }

  if (useSasl && profile.sasl) config.sasl = saslOptions(profile, options)
  return config
}

function saslOptions(profile: ConnectionProfile, options: ClientOptions): SASLOptions | undefined {
  const sasl = profile.sasl!
  const username = sasl.username?.value ?? ''
  const password = sasl.password?.reveal() ?? ''
  switch (sasl.mechanism.value) {
    case 'PLAIN':
      return {mechanism: 'plain', username, password}
    case 'SCRAM-SHA-256':
      return {mechanism: 'scram-sha-256', username, password}
    case 'SCRAM-SHA-512':
      return {mechanism: 'scram-sha-512', username, password}
    case 'OAUTHBEARER': {
      const token = options.oauthToken?.reveal() ?? ''
      return {mechanism: 'oauthbearer', oauthBearerProvider: async () => ({value: token})}
    }
    default:
      return undefined
  }
}

async function withAdmin<T>(profile: ConnectionProfile, options: ClientOptions, work: (admin: Admin, logs: readonly ClientLogLine[]) => Promise<T>): Promise<ClientResult<T>> {
  const logs: ClientLogLine[] = []
  const sockets = new Set<Socket>()
  const started = Date.now()
  const admin = new Kafka(kafkaConfig(profile, options, logs, sockets)).admin({retry: {retries: 0}})
  let timer: NodeJS.Timeout | undefined
  let crashed: ((error: unknown) => void) | undefined
  // kafkajs decodes in socket callbacks; a malformed answer there would otherwise kill the process.
  const onUncaught = (error: unknown) => crashed?.(error)
  // One listener per concurrent session (one per advertised broker): not a leak.
  process.setMaxListeners(Math.max(process.getMaxListeners(), process.listenerCount('uncaughtException') + 11))
  process.on('uncaughtException', onUncaught)
  try {
    const session = (async () => {
      await admin.connect()
      return work(admin, logs)
    })()
    const limit = new Promise<never>((_, reject) => {
      crashed = reject
      timer = setTimeout(() => reject(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs)
      timer.unref()
      options.signal?.addEventListener('abort', () => reject(new Error('cancelled')), {once: true})
    })
    const value = await Promise.race([session, limit])
    return {ok: true, value, durationMs: Date.now() - started, logs}
  } catch (error) {
    return {ok: false, error, durationMs: Date.now() - started, logs}
  } finally {
    clearTimeout(timer)
    process.off('uncaughtException', onUncaught)
    for (const socket of sockets) socket.destroy()
    void admin.disconnect().catch(() => {})
  }
}

/** End-to-end: what a real client sees when it connects and asks for the cluster. */
export function clientSession(profile: ConnectionProfile, options: ClientOptions): Promise<ClientResult<{clusterId: string; brokers: number; controller: number | null}>> {
  return withAdmin(profile, options, async (admin) => {
    const cluster = await admin.describeCluster()
    return {clusterId: cluster.clusterId, brokers: cluster.brokers.length, controller: cluster.controller}
  })
}

/**
 * Whether kafkajs, given only one broker's advertised address as its bootstrap list, connects to
 * that broker with these settings (kafkajs's own sockets, TLS and SASL, not our probes).
 */
export function clientReachesBroker(profile: ConnectionProfile, address: string, options: ClientOptions): Promise<ClientResult<void>> {
  return withAdmin(profile, {...options, brokers: [address]}, async () => undefined)
}

/** The kafkajs release package.json pins exactly (reports name it). */
export const KAFKAJS_VERSION = '2.2.4'

/**
 * The request versions kafkajs implements, per API key, from its own protocol tables (what it
 * can send; it picks min(its highest, the broker's highest) and does not look at the broker's
 * lowest, so a broker that dropped those versions refuses the request).
 */
export function kafkajsApiVersions(): Map<number, number[]> {
  const {requests} = kafkajsRequests as {requests: Record<string, {versions: string[]}>}
  const apiKeys = kafkajsApiKeys as Record<string, number>
  const out = new Map<number, number[]>()
  for (const [name, definition] of Object.entries(requests)) {
    const key = apiKeys[name]
    const versions = definition.versions.map(Number).filter(Number.isInteger)
    if (key !== undefined && versions.length > 0) out.set(key, versions.sort((a, b) => a - b))
  }
  return out
}

/** What `kcat -L` and Karafka::Admin.cluster_info show: brokers, controller and topics. */
export function fetchClusterInfo(profile: ConnectionProfile, options: ClientOptions): Promise<ClientResult<ClusterInfo>> {
  return withAdmin(profile, options, async (admin) => {
    const cluster = await admin.describeCluster()
    const {topics} = await admin.fetchTopicMetadata()
    return {
      clusterId: cluster.clusterId,
      controller: cluster.controller,
      brokers: cluster.brokers.map((b) => ({nodeId: b.nodeId, host: b.host, port: b.port})),
      topics: topics
        .map((t) => ({
          name: t.name,
          partitions: t.partitions.length,
          replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicas.length)),
          leaderless: t.partitions.filter((p) => p.leader < 0).map((p) => p.partitionId),
          underReplicated: t.partitions.filter((p) => p.isr.length < p.replicas.length).map((p) => p.partitionId),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }
  })
}

// ---------------------------------------------------------------- topics and groups (heroku-prefix)

/** exists / missing (the broker says so) / denied (authorization) / error (anything else). */
export type LookupOutcome = 'exists' | 'missing' | 'denied' | 'error'

/** What a failed kafkajs call said; `log` keeps the causes kafkajs drops from the error itself. */
export interface ClientErrorFacts {
  name: string
  type?: string
  code?: string | number
  message: string
  log?: string[]
}

export interface TopicLookup {
  name: string
  outcome: LookupOutcome
  partitions?: number
  replicationFactor?: number
  /** The configs asked for (DescribeConfigs), when the topic exists and may be described. */
  configs?: Record<string, {value: string | null; isDefault: boolean}>
  configError?: ClientErrorFacts
  error?: ClientErrorFacts
}

export interface GroupLookup {
  groupId: string
  /** missing: DescribeGroups answers "Dead" with no members, i.e. the group holds no state at all. */
  outcome: LookupOutcome
  state?: string
  members?: number
  protocolType?: string
  error?: ClientErrorFacts
}

export interface ResourceQuery {
  /** Topics to look up, each with the configs to read (DescribeConfigs) when it exists. */
  topics: readonly {name: string; configs?: readonly string[]}[]
  groups: readonly string[]
}

const TOPIC_CONFIG_RESOURCE = 2 // kafkajs ConfigResourceTypes.TOPIC

function errorFacts(error: unknown, log?: string[]): ClientErrorFacts {
  const e = error as Error & {type?: string; code?: string | number}
  return {name: e?.name ?? 'Error', type: e?.type, code: e?.code, message: String(e?.message ?? error), ...(log && log.length > 0 ? {log} : {})}
}

async function lookupTopic(admin: Admin, name: string, configNames: readonly string[]): Promise<TopicLookup> {
  let partitions: {replicas: number[]}[]
  try {
    // The admin client never asks the broker to auto-create (allowAutoTopicCreation false).
    const {topics} = await admin.fetchTopicMetadata({topics: [name]})
    partitions = topics[0]?.partitions ?? []
  } catch (error) {
    const type = (error as {type?: string}).type
    const outcome = type === 'UNKNOWN_TOPIC_OR_PARTITION' ? 'missing' : type === 'TOPIC_AUTHORIZATION_FAILED' ? 'denied' : 'error'
    return {name, outcome, error: errorFacts(error)}
  }

  const found: TopicLookup = {name, outcome: 'exists', partitions: partitions.length, replicationFactor: Math.max(0, ...partitions.map((p) => p.replicas.length))}
  if (configNames.length === 0) return found
  try {
    const {resources} = await admin.describeConfigs({includeSynonyms: false, resources: [{type: TOPIC_CONFIG_RESOURCE, name, configNames: [...configNames]}]})
    const entries = resources[0]?.configEntries ?? []
    found.configs = Object.fromEntries(
      configNames.map((config) => {
        const entry = entries.find((e) => e.configName === config)
        return [config, {value: entry?.configValue ?? null, isDefault: entry?.isDefault ?? false}]
      }),
    )
  } catch (error) {
    found.configError = errorFacts(error)
  }

  return found
}

const GROUP_DENIED = /Group authorization failed/i
const COORDINATOR_BUSY = /coordinator is (?:loading|not available)|not the correct coordinator/i

async function lookupGroup(admin: Admin, groupId: string, logs: readonly ClientLogLine[]): Promise<GroupLookup> {
  // A fresh cluster creates __consumer_offsets on the first lookup and answers "loading" meanwhile.
  for (let attempt = 1; ; attempt++) {
    const seen = logs.length
    try {
      const {groups} = await admin.describeGroups([groupId])
      const group = groups[0]
      const members = group?.members.length ?? 0
      const state = group?.state ?? 'Dead'
      return {groupId, outcome: state === 'Dead' && members === 0 ? 'missing' : 'exists', state, members, protocolType: group?.protocolType ?? ''}
    } catch (error) {
      // kafkajs turns a FindCoordinator error into "Failed to find group coordinator"; its log keeps the cause.
      const log = logs.slice(seen).filter((l) => l.level === 'ERROR' || l.level === 'WARN').map((l) => (l.error ? `${l.message}: ${l.error}` : l.message))
      const type = (error as {type?: string}).type
      const said = [type ?? '', ...log].join('\n')
      if (type === 'GROUP_AUTHORIZATION_FAILED' || GROUP_DENIED.test(said)) return {groupId, outcome: 'denied', error: errorFacts(error, log)}
      const busy = (error as {retriable?: boolean}).retriable === true || COORDINATOR_BUSY.test(said)
      if (!busy || attempt >= 4) return {groupId, outcome: 'error', error: errorFacts(error, log)}
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt))
    }
  }
}

/**
 * DescribeGroups goes through FindCoordinator, and on a cluster without __consumer_offsets that
 * request creates it. Asked only when the topic is known to exist: Metadata shows it, or some
 * consumer group is listed (ListGroups never creates anything). A fresh cluster: every group is
 * missing. Otherwise, when the principal can see neither, the lookup is not made.
 */
async function coordinatorLookupIsSafe(admin: Admin): Promise<true | {outcome: LookupOutcome; error?: ClientErrorFacts}> {
  const offsets = await lookupTopic(admin, '__consumer_offsets', [])
  if (offsets.outcome === 'exists') return true
  if (offsets.outcome === 'missing') return {outcome: 'missing'}
  try {
    const {groups} = await admin.listGroups()
    if (groups.length > 0) return true
  } catch {}

  const message = 'not looked up: no consumer group is visible to this principal, and asking for a group coordinator would create __consumer_offsets on a fresh cluster'
  return {outcome: 'error', error: {name: 'NotAsked', message}}
}

/**
 * Which topics and consumer groups exist, as the profile's principal sees them, without side
 * effects: Metadata (no auto-creation), DescribeConfigs, DescribeGroups. One call per name, so
 * one denied name cannot hide the answer for the others.
 */
export function lookupTopicsAndGroups(
  profile: ConnectionProfile,
  options: ClientOptions,
  query: ResourceQuery,
): Promise<ClientResult<{topics: TopicLookup[]; groups: GroupLookup[]}>> {
  return withAdmin(profile, options, async (admin, logs) => {
    // Loads the broker list first: describeGroups needs it to reach the coordinator.
    await admin.describeCluster()
    const topics: TopicLookup[] = []
    for (const topic of query.topics) topics.push(await lookupTopic(admin, topic.name, topic.configs ?? []))
    const groups: GroupLookup[] = []
    const safe = query.groups.length > 0 ? await coordinatorLookupIsSafe(admin) : true
    for (const groupId of query.groups) groups.push(safe === true ? await lookupGroup(admin, groupId, logs) : {groupId, outcome: safe.outcome, ...(safe.error && {error: safe.error})})
    return {topics, groups}
  })
}
