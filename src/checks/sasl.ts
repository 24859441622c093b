import {type ConnectionProfile, clientIdOf, usesSasl} from '../config/profile.js'
import type {Secret} from '../config/secret.js'
import {type Finding, finding} from '../diagnosis/finding.js'
import type {TokenOutcome} from '../kafka/oauth-token.js'
import {type ProbeSession, authenticate, brokerGeneration, openSession} from '../kafka/probe-session.js'
import type {Deadline} from '../core/deadline.js'
import {type ListenerCheck, tlsMaterial} from './listener.js'
import type {Target} from './target.js'

export interface SaslCheck {
  /** Absent when neither the client nor the listener uses SASL. */
  finding?: Finding
  /** Advice that is not a failure (e.g. client versions known to break on this broker). */
  notes?: Finding[]
  ok: boolean
  /** An open, authenticated (or SASL-free) session for the metadata step; the caller closes it. */
  session?: ProbeSession
}

/** Mechanisms kdoctor can authenticate with itself. */
const PROBED_MECHANISMS = new Set(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'])

/**
 * librdkafka's AUTH_HANDSHAKE and AUTH_REQ: compares what the client is set to with what the
 * listener offers, then authenticates for real: on the listener's connection when the listener
 * accepted the SaslHandshake for the client's mechanism, else on a fresh one.
 */
export async function checkSasl(...args: Parameters<typeof saslVerdict>): Promise<SaslCheck> {
  const result = await saslVerdict(...args)
  // The listener's session, on every path that did not carry it on.
  const {session} = args[3]
  if (session && result.session !== session) session.close()
  return result
}

async function saslVerdict(
  target: Target,
  ip: string,
  profile: ConnectionProfile,
  listener: ListenerCheck,
  deadline: Deadline,
  token: () => Promise<TokenOutcome | undefined>,
): Promise<SaslCheck> {
  const base = {check: 'sasl' as const, target: target.label}
  const offered = listener.sasl
  const open = () =>
    openSession({ip, host: target.host, port: target.port, transport: listener.speaks ?? 'plaintext', tls: tlsMaterial(profile), timeoutMs: () => deadline.stepMs(), clientId: clientIdOf(profile)})

  if (!usesSasl(profile)) {
    if (offered?.enabled) {
      return {
        ok: false,
        finding: finding({
          ...base,
          status: 'fail',
          code: 'KD401',
          summary: `the listener requires SASL (offers ${offered.mechanisms.join(', ')}) but the client is not set up for it (security.protocol=${profile.securityProtocol.value} from ${profile.securityProtocol.source})`,
          evidence: {offered: offered.mechanisms, securityProtocol: profile.securityProtocol.value},
        }),
      }
    }

    if (listener.session && !offered?.enabled) return {ok: true, session: listener.session}
    const opened = await open()
    return opened.ok ? {ok: true, session: opened.session} : {ok: false}
  }

  const sasl = profile.sasl
  const mechanism = sasl?.mechanism.value ?? 'GSSAPI'
  const mechanismSource = sasl?.mechanism.source ?? 'librdkafka default'
  const evidence: Record<string, unknown> = {mechanism, offered: offered?.mechanisms, username: sasl?.username?.value, ...passwordShape(sasl?.password)}

  if (offered && !offered.enabled) {
    return {
      ok: false,
      finding: finding({...base, status: 'fail', code: 'KD402', summary: `the client uses SASL (${mechanism}) but this listener has no SASL (broker answered ${offered.errorName})`, evidence}),
    }
  }

  if (offered?.enabled && !offered.mechanisms.includes(mechanism)) {
    return {
      ok: false,
      finding: finding({
        ...base,
        status: 'fail',
        code: 'KD403',
        summary: `mechanism ${mechanism} (from ${mechanismSource}) is not enabled on this listener; it offers ${offered.mechanisms.join(', ')}`,
        evidence,
      }),
    }
  }

  if (!PROBED_MECHANISMS.has(mechanism)) {
    return {ok: true, finding: finding({...base, status: 'info', summary: `${mechanism} is offered; kdoctor does not authenticate with it itself`, evidence})}
  }

  let secret: {password?: string; token?: string} = {password: sasl?.password?.reveal()}
  if (mechanism === 'OAUTHBEARER') {
    const outcome = await token()
    if (!outcome?.ok) {
      return {
        ok: false,
        finding: finding({
          ...base,
          status: 'fail',
          code: outcome ? 'KD407' : 'KD109',
          summary: outcome ? `the token provider (${outcome.from}) failed: ${outcome.reason}` : 'OAUTHBEARER is configured but no token source is',
          evidence,
        }),
      }
    }

    evidence.tokenFrom = outcome.from
    evidence.claims = outcome.claims
    secret = {token: outcome.token.reveal()}
  }

  // The listener's connection has had its SaslHandshake for this mechanism accepted: authenticate on it.
  const handshaken = listener.session && offered?.enabled && offered.errorCode === 0 ? offered.mechanisms : undefined
  const opened = handshaken ? ({ok: true, session: listener.session!} as const) : await open()
  if (!opened.ok) {
    return {ok: false, finding: finding({...base, status: 'fail', code: 'KD406', summary: `could not reopen the connection to authenticate: ${opened.message}`, evidence})}
  }

  const started = Date.now()
  const result = await authenticate(
    opened.session.connection,
    {mechanism, username: sasl?.username?.value ?? '', ...secret},
    opened.session.apiVersions,
    {timeoutMs: deadline.stepMs(), handshaken},
  )
  const durationMs = Date.now() - started
  if (result.ok) {
    const generation = brokerGeneration(opened.session.apiVersions)
    evidence.broker = generation
    const notes =
      mechanism.startsWith('SCRAM') && generation === '4.x or newer'
        ? [
            finding({
              ...base,
              status: 'info',
              code: 'KD505',
              summary: `this broker is Kafka 4.x: librdkafka before 2.6.1 (e.g. kcat 1.7.1 with librdkafka 2.0.2) fails ${mechanism} here with "invalid credentials" although they are right; upgrade the client's librdkafka`,
              evidence: {broker: generation, mechanism, fixedIn: 'librdkafka 2.6.1 (confluentinc/librdkafka#4895)'},
            }),
          ]
        : undefined
    return {
      ok: true,
      notes,
      session: opened.session,
      finding: finding({...base, status: 'pass', summary: `authenticated with ${mechanism}${sasl?.username ? ` as ${sasl.username.value}` : ''}`, evidence, durationMs}),
    }
  }

  opened.session.close()
  evidence.brokerError = result.errorName
  evidence.brokerMessage = result.brokerMessage
  evidence.phase = result.phase
  if (result.oauthError) evidence.oauthError = result.oauthError
  if (result.clientError) evidence.clientError = result.clientError
  if (result.wireError) evidence.wireError = result.wireError
  const timedOut = result.wireError?.kind === 'timeout'
  const code = timedOut ? 'KD406' : result.errorName === 'UNSUPPORTED_SASL_MECHANISM' ? 'KD403' : mechanism === 'OAUTHBEARER' ? 'KD405' : 'KD404'
  const summary = timedOut
    ? `authentication did not finish in time (state ${result.phase})`
    : `${mechanism} authentication failed${result.brokerMessage ? `: ${result.brokerMessage}` : ` (${result.errorName ?? result.clientError?.message ?? result.wireError?.message ?? 'no reason given'})`}${
        evidence.passwordHasOuterWhitespace ? ' — note: the password starts or ends with whitespace' : ''
      }`
  return {ok: false, finding: finding({...base, status: 'fail', code, summary, evidence, durationMs})}
}

/** What can be said about a password without saying it: where it came from, its length, stray whitespace. */
function passwordShape(password: Secret | undefined): Record<string, unknown> {
  if (!password) return {}
  const value = password.reveal()
  return {password: password.describe(), passwordLength: value.length, passwordHasOuterWhitespace: value !== value.trim()}
}
