// SASL authentication over a probe connection: SaslHandshake v1 with the real mechanism, then
// SaslAuthenticate rounds. Phases are named after librdkafka's broker states (AUTH_HANDSHAKE,
// AUTH_REQ) so findings read the way librdkafka logs do. Always returns a result; never throws
// for anything the broker or the network does. Credentials never appear in the result.

import {ApiKey} from '../api-keys.js'
import {decodeSaslAuthenticateResponse, encodeSaslAuthenticateRequest, SASL_AUTHENTICATE_VERSIONS, type SaslAuthenticateResponse} from '../apis/sasl-authenticate.js'
import {decodeSaslHandshakeResponse, encodeSaslHandshakeRequest, SASL_HANDSHAKE_VERSION} from '../apis/sasl-handshake.js'
import type {ProbeConnection} from '../connection.js'
import {kafkaErrorName} from '../error-codes.js'
import {NoCommonVersionError, WireError, type WireErrorInfo} from '../errors.js'
import {pickVersion, type BrokerVersions} from '../versions.js'
import {OAUTHBEARER_ERROR_ACK, oauthBearerInitialResponse, parseOAuthBearerError, type OAuthBearerServerError} from './oauthbearer.js'
import {plainInitialResponse} from './plain.js'
import {SCRAM_MECHANISM_HASH, ScramClient, ScramError} from './scram.js'
import {monotonicMs} from '../../../core/clock.js'

export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'OAUTHBEARER'
export const SUPPORTED_SASL_MECHANISMS: readonly SaslMechanism[] = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER']

/** Plain strings: the caller unwraps its Secret right before the call. */
export interface SaslCredentials {
  /** Any name is accepted; ones we cannot speak (GSSAPI, AWS_MSK_IAM) fail with clientError "unsupported-mechanism". */
  mechanism: SaslMechanism | (string & {})
  username?: string
  password?: string
  /** OAUTHBEARER access token (compact JWS or opaque). */
  token?: string
  /** OAUTHBEARER SASL extensions (KIP-342), e.g. Confluent's logicalCluster. */
  extensions?: Readonly<Record<string, string>>
}

export type SaslPhase = 'AUTH_HANDSHAKE' | 'AUTH_REQ'

export interface SaslAuthResult {
  ok: boolean
  mechanism: string
  phase: SaslPhase
  /** The Kafka error code of the failing step (33 at handshake, 58 for bad credentials, ...). */
  errorCode?: number
  errorName?: string
  /** error_message from SaslAuthenticate, as the broker wrote it. */
  brokerMessage?: string
  /** Mechanisms the broker listed in its SaslHandshake reply. */
  enabledMechanisms?: string[]
  /** Broker-imposed session lifetime (KIP-368), 0 when none. */
  sessionLifetimeMs?: number
  saslAuthenticateVersion?: number
  /** SaslAuthenticate round trips made. */
  rounds: number
  /** Failures found on our side: SCRAM server proof wrong, no common version, ... */
  clientError?: {reason: string; message: string; serverError?: string}
  /** The JSON error challenge an OAUTHBEARER broker sent before failing. */
  oauthError?: Omit<OAuthBearerServerError, 'raw'>
  /** The network failure, when the exchange died on the wire. */
  wireError?: WireErrorInfo
  durationMs: number
  timings: {handshakeMs?: number; authenticateMs?: number}
}

export interface AuthenticateOptions {
  timeoutMs?: number
  /**
   * The broker already accepted a SaslHandshake for this mechanism on this connection (the
   * listener check's), listing these mechanisms: go straight to SaslAuthenticate.
   */
  handshaken?: readonly string[]
}

const DEFAULT_TIMEOUT_MS = 10_000
/** SASL replies are a few hundred bytes; anything near this is not a SASL reply. */
export const SASL_REPLY_MAX_BYTES = 1024 * 1024

/**
 * Authenticate on a connection that has not authenticated yet (ApiVersions may already have been
 * sent on it). On failure the broker closes the connection: open a new one for anything else.
 */
export async function authenticate(
  conn: ProbeConnection,
  credentials: SaslCredentials,
  versions: BrokerVersions,
  options: AuthenticateOptions = {},
): Promise<SaslAuthResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const started = monotonicMs()
  const mechanism = credentials.mechanism
  const result: SaslAuthResult = {ok: false, mechanism, phase: 'AUTH_HANDSHAKE', rounds: 0, durationMs: 0, timings: {}}
  const finish = (patch: Partial<SaslAuthResult>): SaslAuthResult => {
    Object.assign(result, patch)
    result.durationMs = monotonicMs() - started
    return result
  }
  // Validate mechanism and credentials before any traffic.
  const initial = firstMessage(credentials)
  if ('reason' in initial) return finish({clientError: initial})

  // --- AUTH_HANDSHAKE
  let authVersion: number
  try {
    pickVersion(versions, ApiKey.SaslHandshake, {min: SASL_HANDSHAKE_VERSION, max: SASL_HANDSHAKE_VERSION})
    authVersion = pickVersion(versions, ApiKey.SaslAuthenticate, SASL_AUTHENTICATE_VERSIONS)
  } catch (err) {
    if (err instanceof NoCommonVersionError) return finish({clientError: {reason: 'no-common-version', message: err.message}})
    throw err
  }
  result.saslAuthenticateVersion = authVersion
  if (options.handshaken) {
    result.enabledMechanisms = [...options.handshaken]
  } else {
    try {
      const hs = await conn.send(
        ApiKey.SaslHandshake,
        SASL_HANDSHAKE_VERSION,
        encodeSaslHandshakeRequest(mechanism),
        decodeSaslHandshakeResponse,
        {timeoutMs, maxResponseBytes: SASL_REPLY_MAX_BYTES},
      )
      result.timings.handshakeMs = hs.durationMs
      result.enabledMechanisms = hs.value.mechanisms
      if (hs.value.errorCode !== 0) {
        return finish({errorCode: hs.value.errorCode, errorName: kafkaErrorName(hs.value.errorCode)})
      }
    } catch (err) {
      return finish(wireFailure(err))
    }
  }

  // --- AUTH_REQ
  result.phase = 'AUTH_REQ'
  const authStarted = monotonicMs()
  const round = async (bytes: Uint8Array): Promise<SaslAuthenticateResponse> => {
    result.rounds++
    const reply = await conn.send(
      ApiKey.SaslAuthenticate,
      authVersion,
      encodeSaslAuthenticateRequest(authVersion, bytes),
      decodeSaslAuthenticateResponse(authVersion),
      {timeoutMs, maxResponseBytes: SASL_REPLY_MAX_BYTES},
    )
    return reply.value
  }
  const brokerFailure = (r: SaslAuthenticateResponse): Partial<SaslAuthResult> => ({
    errorCode: r.errorCode,
    errorName: kafkaErrorName(r.errorCode),
    ...(r.errorMessage !== null && {brokerMessage: r.errorMessage}),
  })
  const done = (patch: Partial<SaslAuthResult>) => {
    result.timings.authenticateMs = monotonicMs() - authStarted
    return finish(patch)
  }

  try {
    const first = await round(initial.bytes)
    if (first.errorCode !== 0) return done(brokerFailure(first))

    if (initial.scram) {
      const scram = initial.scram
      let clientFinal: string
      try {
        clientFinal = await scram.clientFinal(first.authBytes.toString('utf8'))
      } catch (err) {
        if (err instanceof ScramError) return done({clientError: scramClientError(err)})
        throw err
      }
      const second = await round(Buffer.from(clientFinal, 'utf8'))
      if (second.errorCode !== 0) return done(brokerFailure(second))
      try {
        scram.verifyServerFinal(second.authBytes.toString('utf8'))
      } catch (err) {
        if (err instanceof ScramError) return done({clientError: scramClientError(err)})
        throw err
      }
      return done({ok: true, sessionLifetimeMs: second.sessionLifetimeMs})
    }

    if (mechanism === 'OAUTHBEARER' && first.authBytes.length > 0) {
      // An error challenge: answer with the RFC 7628 dummy byte so the broker ends the exchange.
      const parsed = parseOAuthBearerError(first.authBytes)
      const oauthError = parsed && {
        status: parsed.status,
        ...(parsed.scope !== undefined && {scope: parsed.scope}),
        ...(parsed.openidConfiguration !== undefined && {openidConfiguration: parsed.openidConfiguration}),
      }
      let last: SaslAuthenticateResponse | undefined
      try {
        last = await round(OAUTHBEARER_ERROR_ACK)
      } catch (err) {
        return done({...wireFailure(err), ...(oauthError && {oauthError})})
      }
      return done({
        ...(last.errorCode !== 0 ? brokerFailure(last) : {clientError: {reason: 'oauth-error-challenge', message: 'broker sent an error challenge'}}),
        ...(oauthError && {oauthError}),
      })
    }

    return done({ok: true, sessionLifetimeMs: first.sessionLifetimeMs})
  } catch (err) {
    result.timings.authenticateMs = monotonicMs() - authStarted
    return finish(wireFailure(err))
  }
}

interface FirstMessage {
  bytes: Buffer
  scram?: ScramClient
}

type ClientError = NonNullable<SaslAuthResult['clientError']>

function firstMessage(c: SaslCredentials): FirstMessage | ClientError {
  const missing = (what: string): ClientError => ({reason: 'missing-credentials', message: `${c.mechanism} needs a ${what}`})
  try {
    switch (c.mechanism) {
      case 'PLAIN':
        if (!c.username) return missing('username')
        if (!c.password) return missing('password')
        return {bytes: plainInitialResponse(c.username, c.password)}
      case 'SCRAM-SHA-256':
      case 'SCRAM-SHA-512': {
        if (!c.username) return missing('username')
        if (!c.password) return missing('password')
        const scram = new ScramClient(SCRAM_MECHANISM_HASH[c.mechanism] ?? 'sha256', c.username, c.password)
        return {bytes: Buffer.from(scram.clientFirst(), 'utf8'), scram}
      }
      case 'OAUTHBEARER':
        if (!c.token) return missing('token')
        return {bytes: oauthBearerInitialResponse(c.token, c.extensions)}
      default:
        return {reason: 'unsupported-mechanism', message: `kdoctor cannot authenticate with ${c.mechanism}`}
    }
  } catch (err) {
    // plain/oauthbearer refuse malformed input with messages that never contain the secret.
    return {reason: 'invalid-credentials-format', message: (err as Error).message}
  }
}

function scramClientError(err: ScramError): NonNullable<SaslAuthResult['clientError']> {
  return {reason: `scram-${err.reason}`, message: err.message, ...(err.serverError !== undefined && {serverError: err.serverError})}
}

function wireFailure(err: unknown): Partial<SaslAuthResult> {
  if (err instanceof WireError) return {wireError: err.toInfo()}
  throw err
}
