import type {ConnectionProfile} from '../config/profile.js'
import type {Secret} from '../config/secret.js'
import {type Finding, finding} from '../diagnosis/finding.js'
import {sameEndpoint} from './target.js'
import type {Deadline} from '../core/deadline.js'
import {KAFKAJS_VERSION} from '../version.js'

/** The end-to-end view: does a real client library (kafkajs) get through with these settings? */
export async function checkClient(profile: ConnectionProfile, deadline: Deadline, oauthToken?: Secret, signal?: AbortSignal, bootstrapOnly = false): Promise<Finding> {
  const base = {check: 'client' as const, target: 'kafkajs client session'}
  // Loaded here, not at start-up: kafkajs is the heaviest module and most runs wait on the network anyway.
  const {clientSession, NOT_BOOTSTRAP} = await import('../kafka/client.js')
  const result = await clientSession(profile, {timeoutMs: deadline.stepMs(), oauthToken, signal, bootstrapOnly})
  if (result.ok) {
    return finding({
      ...base,
      status: 'pass',
      summary: `kafkajs ${KAFKAJS_VERSION} connected and described the cluster (${result.value.brokers} broker(s), controller ${result.value.controller})`,
      evidence: {...result.value, kafkajs: KAFKAJS_VERSION},
      durationMs: result.durationMs,
    })
  }

  const error = result.error as Error & {type?: string; code?: string}
  const refused = result.logs.find((l) => l.message.includes(NOT_BOOTSTRAP))
  if (bootstrapOnly && refused) {
    const summary = `not run to the end: kafkajs needs the advertised brokers, and --no-advertised forbids dialing them (${refused.message.replace(/^.*kdoctor did not dial: /, '')})`
    return finding({...base, status: 'skip', summary, durationMs: result.durationMs})
  }

  // The catalog's signatures, loaded only when there is an error to explain.
  const {explainError} = await import('../diagnosis/match.js')
  const explained = explainError(result.error)
  return finding({
    ...base,
    status: 'fail',
    code: explained?.code ?? 'KD100',
    summary: `kafkajs failed: ${error.name}: ${error.message}`,
    evidence: {error: error.name, type: error.type, errorCode: error.code, ...explained?.evidence, log: result.logs.filter((l) => l.level === 'ERROR').slice(-3).map((l) => l.message)},
    durationMs: result.durationMs,
  })
}

export interface BrokerAddress {
  nodeId: number
  host: string
  port: number
}

export interface ClientBrokerView {
  nodeId: number
  address: string
  reached: boolean
  error?: string
}

/**
 * kafkajs's own view of every advertised broker: it connects to each one as its only bootstrap
 * address, all at once under the run's deadline, so one dead broker costs one timeout. A broker
 * advertised at the profile's only bootstrap address is what the session itself dialed that way:
 * when the session (given as `session`) passed, that broker needs no second client.
 */
export async function clientBrokerView(profile: ConnectionProfile, deadline: Deadline, brokers: BrokerAddress[], oauthToken?: Secret, signal?: AbortSignal, session?: Promise<Finding>): Promise<ClientBrokerView[]> {
  const {clientReachesBroker} = await import('../kafka/client.js')
  const [only, ...others] = profile.bootstrap
  return Promise.all(
    brokers.map(async ({nodeId, host, port}) => {
      const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
      // A failed session may have failed further on (another broker, a group): then the broker gets its own client.
      if (session && only && others.length === 0 && sameEndpoint(only, {host, port}) && (await session).status === 'pass') return {nodeId, address, reached: true}

      const result = await clientReachesBroker(profile, address, {timeoutMs: deadline.stepMs(), oauthToken, signal})
      if (result.ok) return {nodeId, address, reached: true}
      const error = result.error as Error
      return {nodeId, address, reached: false, error: `${error.name}: ${error.message}`}
    }),
  )
}

/** The session's verdict with kafkajs's per-broker view added: a broker it cannot reach fails it (KD501). */
export function withBrokerView(session: Finding, brokers: ClientBrokerView[]): Finding {
  const evidence = {...session.evidence, brokers}
  const unreachable = brokers.filter((b) => !b.reached)
  if (session.status !== 'pass' || unreachable.length === 0) return {...session, evidence}
  const list = unreachable.map((b) => `broker ${b.nodeId} at ${b.address} (${b.error})`).join('; ')
  return finding({
    check: 'client',
    target: session.target,
    status: 'fail',
    code: 'KD501',
    summary: `kafkajs described the cluster through bootstrap but cannot connect to ${list}`,
    evidence,
    durationMs: session.durationMs,
  })
}

/** The client's own run was cut short: no bootstrap address got through every layer. */
export function clientNotRun(target: string): Finding {
  return finding({check: 'client', target, status: 'skip', summary: 'not run to the end: no bootstrap address got through every layer'})
}
