// High-level, side-effect-free probes built on the codec: what a listener is (ApiVersions +
// SaslHandshake with a mechanism nobody has), and Metadata at the best common version.

import {ApiKey} from './api-keys.js'
import {requestApiVersions, type ApiVersionsResult, type ClientSoftware} from './apis/api-versions.js'
import {decodeMetadataResponse, encodeMetadataRequest, METADATA_VERSIONS, type MetadataBroker, type MetadataTopic, type MetadataTruncation} from './apis/metadata.js'
import {decodeSaslHandshakeResponse, encodeSaslHandshakeRequest, SASL_HANDSHAKE_VERSION} from './apis/sasl-handshake.js'
import {decodeAuthorizedOperations} from './authorized-operations.js'
import type {ProbeConnection} from './connection.js'
import {KafkaErrorCode, kafkaErrorName} from './error-codes.js'
import {WireError, type WireErrorInfo} from './errors.js'
import {SASL_REPLY_MAX_BYTES} from './sasl/authenticate.js'
import {pickVersion, type BrokerVersions} from './versions.js'

/** A mechanism no broker enables: asking for it makes a SASL listener list the ones it has. */
export const PROBE_MECHANISM = 'KDOCTOR-PROBE'

export interface SaslFingerprint {
  /** true: SASL listener (33 + list); false: no SASL on this listener (34 ILLEGAL_SASL_STATE). */
  enabled: boolean
  /** What the broker offers; empty for a listener without SASL. */
  mechanisms: string[]
  errorCode: number
  errorName: string
  durationMs: number
  firstBytesHex: string
  /** true when the broker closes the connection after this answer (every SASL listener does). */
  connectionConsumed: boolean
}

/**
 * SaslHandshake v1 with PROBE_MECHANISM. On a SASL listener the broker answers
 * UNSUPPORTED_SASL_MECHANISM with its enabled list and then CLOSES the connection; on a listener
 * without SASL it answers ILLEGAL_SASL_STATE and the connection stays usable.
 * Throws WireError when the exchange fails on the wire.
 */
export async function fingerprintSasl(conn: ProbeConnection, options: {timeoutMs: number}): Promise<SaslFingerprint> {
  const reply = await conn.send(
    ApiKey.SaslHandshake,
    SASL_HANDSHAKE_VERSION,
    encodeSaslHandshakeRequest(PROBE_MECHANISM),
    decodeSaslHandshakeResponse,
    {timeoutMs: options.timeoutMs, maxResponseBytes: SASL_REPLY_MAX_BYTES},
  )
  const {errorCode, mechanisms} = reply.value
  const enabled = errorCode !== KafkaErrorCode.ILLEGAL_SASL_STATE
  return {
    enabled,
    mechanisms,
    errorCode,
    errorName: kafkaErrorName(errorCode),
    durationMs: reply.durationMs,
    firstBytesHex: reply.firstBytesHex,
    connectionConsumed: enabled,
  }
}

export interface ListenerFingerprint {
  apiVersions: ApiVersionsResult
  sasl: {
    /** undefined when the SaslHandshake probe itself failed (see `error`). */
    required?: boolean
    enabledMechanisms?: string[]
    errorCode?: number
    errorName?: string
    error?: WireErrorInfo
  }
  timings: {apiVersionsMs: number; saslHandshakeMs?: number; totalMs: number}
  /** The connection cannot be used afterwards (SASL listeners close it): reconnect to authenticate. */
  connectionConsumed: boolean
}

/**
 * ApiVersions, then SaslHandshake with a bogus mechanism. CONSUMES the connection on a SASL
 * listener (the broker closes it after refusing the mechanism), so authenticate on a fresh one.
 * Throws WireError when ApiVersions fails: then nothing Kafka-shaped answered, and the error's
 * kind (tls-bytes, closed, oversized, ...) is the finding.
 */
export async function fingerprintListener(
  conn: ProbeConnection,
  options: {timeoutMs: number; software?: ClientSoftware},
): Promise<ListenerFingerprint> {
  const started = performance.now()
  const apiVersions = await requestApiVersions(conn, options)
  try {
    const sasl = await fingerprintSasl(conn, options)
    return {
      apiVersions,
      sasl: {required: sasl.enabled, enabledMechanisms: sasl.mechanisms, errorCode: sasl.errorCode, errorName: sasl.errorName},
      timings: {apiVersionsMs: apiVersions.durationMs, saslHandshakeMs: sasl.durationMs, totalMs: performance.now() - started},
      connectionConsumed: sasl.connectionConsumed,
    }
  } catch (err) {
    if (!(err instanceof WireError)) throw err
    return {
      apiVersions,
      sasl: {error: err.toInfo()},
      timings: {apiVersionsMs: apiVersions.durationMs, totalMs: performance.now() - started},
      connectionConsumed: true,
    }
  }
}

export interface MetadataOptions {
  /** Topic names; omitted or null = all topics; [] = none (brokers and cluster only). */
  topics?: readonly string[] | null
  includeTopicAuthorizedOperations?: boolean
  /** Honoured on v8-v10 only; newer brokers moved it to DescribeCluster. */
  includeClusterAuthorizedOperations?: boolean
  timeoutMs?: number
}

export interface MetadataTopicResult extends MetadataTopic {
  errorName: string
  /** Decoded topicAuthorizedOperations, when requested and returned. */
  authorizedOperations?: string[]
  partitions: Array<MetadataTopic['partitions'][number] & {errorName: string}>
}

export interface MetadataResult {
  version: number
  throttleTimeMs: number
  brokers: MetadataBroker[]
  clusterId: string | null
  controllerId: number
  topics: MetadataTopicResult[]
  clusterAuthorizedOperations?: number
  clusterAuthorizedOperationNames?: string[]
  /** Announced totals, when the answer exceeded METADATA_LIMITS and only part of it was kept. */
  truncated?: MetadataTruncation
  durationMs: number
  frameBytes: number
  firstBytesHex: string
}

/**
 * Metadata at the highest version in 4..12 the broker accepts, allow_auto_topic_creation=false.
 * Throws NoCommonVersionError when there is none, WireError on the wire.
 */
export async function fetchMetadata(conn: ProbeConnection, versions: BrokerVersions, options: MetadataOptions = {}): Promise<MetadataResult> {
  const version = pickVersion(versions, ApiKey.Metadata, METADATA_VERSIONS)
  const request = {
    topics: options.topics === undefined ? null : options.topics,
    includeTopicAuthorizedOperations: options.includeTopicAuthorizedOperations ?? false,
    includeClusterAuthorizedOperations: options.includeClusterAuthorizedOperations ?? false,
  }
  const reply = await conn.send(ApiKey.Metadata, version, encodeMetadataRequest(version, request), decodeMetadataResponse(version), {
    timeoutMs: options.timeoutMs ?? 10_000,
  })
  const m = reply.value
  const result: MetadataResult = {
    version,
    throttleTimeMs: m.throttleTimeMs,
    brokers: m.brokers,
    clusterId: m.clusterId,
    controllerId: m.controllerId,
    topics: m.topics.map((t) => {
      const ops = t.topicAuthorizedOperations === undefined ? undefined : decodeAuthorizedOperations(t.topicAuthorizedOperations)
      return {
        ...t,
        errorName: kafkaErrorName(t.errorCode),
        ...(ops && {authorizedOperations: ops}),
        partitions: t.partitions.map((p) => ({...p, errorName: kafkaErrorName(p.errorCode)})),
      }
    }),
    durationMs: reply.durationMs,
    frameBytes: reply.frameBytes,
    firstBytesHex: reply.firstBytesHex,
  }
  if (m.truncated) result.truncated = m.truncated
  if (m.clusterAuthorizedOperations !== undefined) {
    result.clusterAuthorizedOperations = m.clusterAuthorizedOperations
    const names = decodeAuthorizedOperations(m.clusterAuthorizedOperations)
    if (names) result.clusterAuthorizedOperationNames = names
  }
  return result
}
