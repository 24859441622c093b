// The one module that imports kafkajs (design.md): the view a real client gets, with kafkajs's
// retries off so a failure surfaces at once and unmasked.
import {type Socket, connect as netConnect, isIP} from 'node:net'
import {connect as tlsConnect} from 'node:tls'

import kafkajs from 'kafkajs'
import type {Admin, ISocketFactory, KafkaConfig, SASLOptions} from 'kafkajs'

import {type ConnectionProfile, usesSasl, usesTls} from '../config/profile.js'
import type {Secret} from '../config/secret.js'

const {Kafka, logLevel} = kafkajs

export interface ClientLogLine {
  level: string
  namespace: string
  message: string
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
}

/**
 * kafkajs's own socket factory, plus bookkeeping: kafkajs does not give up on a connection whose
 * SYN is dropped (the kernel retries for ~2 minutes), so every socket is destroyed when the
 * session ends or the deadline passes.
 */
function trackedSocketFactory(sockets: Set<Socket>): ISocketFactory {
  return ({host, port, ssl, onConnect}) => {
    const socket = ssl
      ? tlsConnect({host, port, ...(isIP(host) ? {} : {servername: host}), ...ssl}, onConnect)
      : netConnect({host, port}, onConnect)
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    return socket
  }
}

function kafkaConfig(profile: ConnectionProfile, options: ClientOptions, logs: ClientLogLine[], sockets: Set<Socket>): KafkaConfig {
  const useTls = usesTls(profile)
  const useSasl = usesSasl(profile)
  const {tls} = profile
  const config: KafkaConfig = {
    clientId: 'kdoctor',
    brokers: options.brokers ?? profile.bootstrap.map((b) => (b.host.includes(':') ? `[${b.host}]:${b.port}` : `${b.host}:${b.port}`)),
    connectionTimeout: options.timeoutMs,
    authenticationTimeout: options.timeoutMs,
    requestTimeout: options.timeoutMs,
    enforceRequestTimeout: true,
    retry: {retries: 0},
    socketFactory: trackedSocketFactory(sockets),
    logLevel: logLevel.INFO,
    // kafkajs swallows causes (e.g. GROUP_AUTHORIZATION_FAILED behind "coordinator not found"); its logs keep them.
    logCreator: () => (entry) => {
      logs.push({level: logLevel[entry.level] ?? String(entry.level), namespace: entry.namespace, message: String(entry.log.message)})
    },
  }
  if (useTls) {
    config.ssl = {
      ca: tls.caPems.length > 0 ? tls.caPems.map((c) => c.value) : undefined,
      cert: tls.certificatePem?.value,
      key: tls.keyPem?.reveal(),
      passphrase: tls.keyPassword?.reveal(),
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

async function withAdmin<T>(profile: ConnectionProfile, options: ClientOptions, work: (admin: Admin) => Promise<T>): Promise<ClientResult<T>> {
  const logs: ClientLogLine[] = []
  const sockets = new Set<Socket>()
  const started = Date.now()
  const admin = new Kafka(kafkaConfig(profile, options, logs, sockets)).admin({retry: {retries: 0}})
  let timer: NodeJS.Timeout | undefined
  let crashed: ((error: unknown) => void) | undefined
  // kafkajs decodes in socket callbacks; a malformed answer there would otherwise kill the process.
  const onUncaught = (error: unknown) => crashed?.(error)
  process.on('uncaughtException', onUncaught)
  try {
    const session = (async () => {
      await admin.connect()
      return work(admin)
    })()
    const limit = new Promise<never>((_, reject) => {
      crashed = reject
      timer = setTimeout(() => reject(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs)
      timer.unref()
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
