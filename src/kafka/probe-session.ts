// Opens probe connections the way a client does (TCP, then TLS when asked, then ApiVersions)
// and keeps every failure's evidence. Joins net/ (sockets) and kafka/wire/ (Kafka framing).
import {connectTcp} from '../net/tcp.js'
import {KDOCTOR_SOFTWARE} from '../version.js'
import {type TlsClientMaterial, type TlsHandshake, startTls} from '../net/tls.js'
import {
  ApiKey,
  KafkaErrorCode,
  SASL_HANDSHAKE_VERSION,
  decodeSaslHandshakeResponse,
  encodeSaslHandshakeRequest,
  kafkaErrorName,
  type ApiVersionsResult,
  type MetadataResult,
  type SaslAuthResult,
  type SaslFingerprint,
  ProbeConnection,
  WireError,
  authenticate,
  fetchMetadata,
  fingerprintSasl,
  requestApiVersions,
  DESCRIBE_QUORUM_VERSIONS,
  decodeDescribeQuorumResponse,
  encodeDescribeQuorumRequest,
  pickVersion,
  type DescribeQuorumResponse,
} from './wire/index.js'

export type Transport = 'plaintext' | 'tls'

export interface SessionFailure {
  stage: 'tcp' | 'tls' | 'kafka'
  /** WireError kind, tcp failure kind or TLS error code. */
  kind: string
  errorCode?: string
  message: string
  /** TLS alert the server sent (certificate_required, handshake_failure, ...). */
  tlsAlert?: string
  firstBytesHex?: string
  foreign?: string
  frameLength?: number
  durationMs: number
  tls?: Omit<TlsHandshake, 'socket'>
}

export interface ProbeSession {
  transport: Transport
  connection: ProbeConnection
  apiVersions: ApiVersionsResult
  tls?: Omit<TlsHandshake, 'socket'>
  connectMs: number
  close(): void
}

export type SessionOutcome = {ok: true; session: ProbeSession} | ({ok: false} & SessionFailure)

export interface SessionOptions {
  ip: string
  host: string
  port: number
  transport: Transport
  tls: TlsClientMaterial
  timeoutMs: () => number
  /** client_id of every request (the app's client.id, or kdoctor). */
  clientId: string
  /** A TCP connection already open to ip:port (the tcp check's), used instead of dialing again. */
  socket?: import('node:net').Socket
}

/** TCP → (TLS) → ApiVersions: librdkafka's CONNECT, SSL_HANDSHAKE and APIVERSION_QUERY states. */
export async function openSession(options: SessionOptions): Promise<SessionOutcome> {
  const started = Date.now()
  const tcp = options.socket ? ({ok: true, socket: options.socket} as const) : await connectTcp(options.ip, options.port, options.timeoutMs())
  if (!tcp.ok) return {ok: false, stage: 'tcp', kind: tcp.kind, errorCode: tcp.errorCode, message: tcp.message, durationMs: Date.now() - started}

  let socket: import('node:net').Socket = tcp.socket
  let tls: Omit<TlsHandshake, 'socket'> | undefined
  if (options.transport === 'tls') {
    const handshake = await startTls(tcp.socket, options.host, options.tls, options.timeoutMs())
    if (!handshake.ok) {
      return {ok: false, stage: 'tls', kind: 'handshake', errorCode: handshake.errorCode, message: handshake.message, tlsAlert: handshake.alert, durationMs: Date.now() - started}
    }

    const {socket: tlsSocket, ...facts} = handshake
    socket = tlsSocket
    tls = facts
  }

  const connection = new ProbeConnection(socket, {clientId: options.clientId})
  try {
    const apiVersions = await requestApiVersions(connection, {timeoutMs: options.timeoutMs(), software: KDOCTOR_SOFTWARE})
    return {ok: true, session: {transport: options.transport, connection, apiVersions, tls, connectMs: Date.now() - started, close: () => connection.close()}}
  } catch (error) {
    connection.close()
    return {ok: false, stage: 'kafka', tls, durationMs: Date.now() - started, ...describeWireFailure(error)}
  }
}

export function describeWireFailure(error: unknown): Omit<SessionFailure, 'stage' | 'durationMs'> {
  if (error instanceof WireError) {
    const alert = /ALERT_([A-Z_]+)$/.exec(error.code ?? '')?.[1]?.toLowerCase()
    return {
      kind: error.kind,
      errorCode: error.code,
      message: error.message,
      tlsAlert: alert,
      firstBytesHex: error.firstBytesHex || undefined,
      foreign: error.foreign,
      frameLength: error.frameLength,
    }
  }

  const err = error as NodeJS.ErrnoException
  return {kind: 'other', errorCode: err.code, message: err.message}
}

export {authenticate, fetchMetadata, fingerprintSasl}

/** The KRaft quorum as the active controller reports it (the broker forwards the request there). */
export async function describeQuorum(session: ProbeSession, timeoutMs: number): Promise<DescribeQuorumResponse & {api: string}> {
  const version = pickVersion(session.apiVersions, ApiKey.DescribeQuorum, DESCRIBE_QUORUM_VERSIONS)
  const reply = await session.connection.send(ApiKey.DescribeQuorum, version, encodeDescribeQuorumRequest(version), decodeDescribeQuorumResponse(version), {timeoutMs})
  return {...reply.value, api: `DescribeQuorum v${version}`}
}
export type {MetadataResult, SaslAuthResult, SaslFingerprint}

/**
 * Kafka 4.0 dropped Fetch v0-v3 (KIP-896; Produce still advertises v0 for old librdkafka), so a
 * Fetch floor of 4 or more means a 4.x broker. That matters for advice: some old clients fail
 * against 4.x in ways that look like bad settings.
 */
export function brokerGeneration(apiVersions: ApiVersionsResult): '4.x or newer' | 'before 4.0' | 'unknown' {
  const fetch = apiVersions.ranges.find((r) => r.apiKey === 1)
  if (!fetch) return 'unknown'
  return fetch.minVersion >= 4 ? '4.x or newer' : 'before 4.0'
}

/**
 * Learns whether the listener uses SASL and which mechanisms it offers. Asking for the client's
 * own mechanism gets the list back at once when it is enabled; a refused mechanism (ours, or
 * the bogus probe when the client has none) makes brokers wait before answering
 * (connection.failed.authentication.delay.ms), so that path is kept for when it is the answer.
 * The connection is spent afterwards either way.
 */
export async function offeredMechanisms(connection: ProbeConnection, mechanism: string | undefined, timeoutMs: number): Promise<SaslFingerprint> {
  if (!mechanism) return fingerprintSasl(connection, {timeoutMs})
  const reply = await connection.send(ApiKey.SaslHandshake, SASL_HANDSHAKE_VERSION, encodeSaslHandshakeRequest(mechanism), decodeSaslHandshakeResponse, {timeoutMs})
  const {errorCode, mechanisms} = reply.value
  return {
    enabled: errorCode !== KafkaErrorCode.ILLEGAL_SASL_STATE,
    mechanisms,
    errorCode,
    errorName: kafkaErrorName(errorCode),
    durationMs: reply.durationMs,
    firstBytesHex: reply.firstBytesHex,
    connectionConsumed: true,
  }
}
