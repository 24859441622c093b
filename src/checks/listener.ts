import {type ConnectionProfile, clientIdOf, usesSasl, usesTls} from '../config/profile.js'
import {type Finding, finding} from '../diagnosis/finding.js'
import type {Deadline} from '../core/deadline.js'
import type {TlsClientMaterial} from '../net/tls.js'
import {type ProbeSession, type SaslFingerprint, type SessionFailure, type Transport, brokerGeneration, offeredMechanisms, openSession} from '../kafka/probe-session.js'
import type {Target} from './target.js'
import type {Socket} from 'node:net'

export interface ListenerCheck {
  finding: Finding
  ok: boolean
  /** What the port really speaks, when that could be told. */
  speaks?: Transport
  /** The handshake facts (or the failure) the tls check judges. */
  tls?: ProbeSession['tls']
  tlsFailure?: SessionFailure
  sasl?: SaslFingerprint
  apiVersionCount?: number
  /**
   * The listener's session, still open, when the next step can go on with it: neither side uses
   * SASL (the refused SaslHandshake left the connection usable), or the listener accepted the
   * SaslHandshake for the client's mechanism (the next request is its SaslAuthenticate). The sasl
   * check takes it over, and closes it when it does not use it; a plan that stops before closes it.
   */
  session?: ProbeSession
}

export function configuredTransport(profile: ConnectionProfile): Transport {
  return usesTls(profile) ? 'tls' : 'plaintext'
}

export function tlsMaterial(profile: ConnectionProfile): TlsClientMaterial {
  return {
    caPems: profile.tls.caPems.map((c) => c.value),
    certificatePem: profile.tls.certificatePem?.value,
    keyPem: profile.tls.keyPem?.reveal(),
    keyPassword: profile.tls.keyPassword?.reveal(),
    ...(profile.tls.pfx ? {pfx: Buffer.from(profile.tls.pfx.reveal(), 'base64'), pfxPassword: profile.tls.pfxPassword?.reveal()} : {}),
  }
}

/** Failures that mean "wrong protocol on this socket" rather than "broken server". */
const MISMATCH_KINDS = new Set(['closed', 'reset', 'tls-bytes', 'oversized', 'garbage', 'handshake'])

/**
 * Tells what the port speaks (TLS or plaintext Kafka, SASL or not, which mechanisms) by trying
 * the configured transport first and the other one only when the first fails the way a
 * mismatch fails — so both directions of the classic security.protocol mistake are named.
 * `socket`: the tcp check's open connection, used for the first attempt (one connection fewer).
 */
export async function checkListener(target: Target, ip: string, profile: ConnectionProfile, deadline: Deadline, socket?: Socket): Promise<ListenerCheck> {
  const started = Date.now()
  const wanted = configuredTransport(profile)
  const other: Transport = wanted === 'tls' ? 'plaintext' : 'tls'
  const open = (transport: Transport, socket?: Socket) =>
    openSession({ip, host: target.host, port: target.port, transport, tls: tlsMaterial(profile), timeoutMs: () => deadline.stepMs(), clientId: clientIdOf(profile), socket})
  const base = {check: 'listener' as const, target: target.label}
  const protocolSource = `security.protocol=${profile.securityProtocol.value} from ${profile.securityProtocol.source}`

  const first = await open(wanted, socket)
  if (first.ok) {
    const mechanism = usesSasl(profile) ? profile.sasl?.mechanism.value : undefined
    const sasl = await offeredMechanisms(first.session.connection, mechanism, deadline.stepMs()).catch(() => undefined)
    const keep = sasl !== undefined && (usesSasl(profile) ? sasl.enabled && sasl.errorCode === 0 : !sasl.connectionConsumed)
    if (!keep) first.session.close()
    return {
      ...(keep && {session: first.session}),
      ok: true,
      speaks: wanted,
      tls: first.session.tls,
      sasl,
      apiVersionCount: first.session.apiVersions.ranges.length,
      finding: finding({
        ...base,
        status: 'pass',
        summary: describeListener(wanted, first.session.tls?.protocol, sasl),
        evidence: listenerEvidence(wanted, first.session, sasl),
        durationMs: Date.now() - started,
      }),
    }
  }

  // TLS answered, then the server refused us (client certificate required, ...): the port is TLS; the tls check explains.
  if (wanted === 'tls' && (first.tlsAlert || (first.stage === 'kafka' && first.tls))) {
    if (first.tlsAlert || first.kind === 'closed' || first.kind === 'reset') {
      return {
        ok: true,
        speaks: 'tls',
        tls: first.tls,
        tlsFailure: first,
        finding: finding({
          ...base,
          status: 'pass',
          summary: first.tlsAlert ? `TLS listener (the server ended the handshake with alert "${first.tlsAlert}")` : 'TLS listener (closed the connection after the handshake)',
          evidence: {speaks: 'tls', tlsAlert: first.tlsAlert, error: first.errorCode, stage: first.stage},
          durationMs: Date.now() - started,
        }),
      }
    }
  }

  if (MISMATCH_KINDS.has(first.kind) && deadline.remainingMs() > 0) {
    const second = await open(other)
    const otherWorks = second.ok || (other === 'tls' && (second.stage === 'kafka' || Boolean(second.tlsAlert)))
    if (second.ok) second.session.close()
    if (otherWorks) {
      const code = other === 'tls' ? 'KD301' : 'KD302'
      const summary =
        other === 'tls'
          ? `this port speaks TLS, but the client sends plaintext (${protocolSource})`
          : `this port speaks plaintext Kafka, but the client starts TLS (${protocolSource})`
      return {
        ok: false,
        speaks: other,
        finding: finding({
          ...base,
          status: 'fail',
          code,
          summary,
          evidence: {configured: wanted, speaks: other, configuredAttempt: failureEvidence(first), tlsVersion: second.ok ? second.session.tls?.protocol : second.tls?.protocol},
          durationMs: Date.now() - started,
        }),
      }
    }

    return notKafka(base, first, second.ok ? undefined : second, started)
  }

  return notKafka(base, first, undefined, started)
}

function notKafka(base: {check: 'listener'; target: string}, first: SessionFailure, second: SessionFailure | undefined, started: number): ListenerCheck {
  const what =
    first.kind === 'timeout'
      ? 'the port accepted the connection but sent no Kafka answer in time'
      : first.kind === 'oversized'
        ? `the answer is not Kafka (length prefix of ${first.frameLength ?? '?'} bytes)`
        : first.kind === 'garbage' || first.foreign
          ? `the answer is not Kafka (${first.foreign ?? 'undecodable bytes'})`
          : `the connection was ${first.kind === 'reset' ? 'reset' : 'closed'} by the peer before any Kafka answer`
  return {
    ok: false,
    finding: finding({
      ...base,
      status: 'fail',
      code: 'KD204',
      summary: `${what}; neither plaintext nor TLS Kafka works here`,
      evidence: {attempt: failureEvidence(first), otherAttempt: second ? failureEvidence(second) : undefined},
      durationMs: Date.now() - started,
    }),
  }
}

function failureEvidence(failure: SessionFailure): Record<string, unknown> {
  const {stage, kind, errorCode, message, tlsAlert, firstBytesHex, foreign, frameLength, durationMs} = failure
  return {stage, kind, errorCode, message, tlsAlert, firstBytesHex, foreign, frameLength, durationMs}
}

function describeListener(transport: Transport, tlsVersion: string | null | undefined, sasl: SaslFingerprint | undefined): string {
  const head = transport === 'tls' ? `TLS (${tlsVersion ?? 'unknown version'}) Kafka listener` : 'plaintext Kafka listener'
  if (!sasl) return `${head}; SASL support unknown`
  if (!sasl.enabled) return `${head}; no SASL`
  return `${head}; SASL required, offers ${sasl.mechanisms.join(', ') || 'no mechanism'}`
}

function listenerEvidence(transport: Transport, session: ProbeSession, sasl: SaslFingerprint | undefined): Record<string, unknown> {
  return {
    speaks: transport,
    tlsVersion: session.tls?.protocol,
    apiVersions: session.apiVersions.ranges.length,
    brokerGeneration: brokerGeneration(session.apiVersions),
    saslEnabled: sasl?.enabled,
    mechanisms: sasl?.mechanisms,
  }
}
