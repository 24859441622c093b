import type {ConnectionProfile} from '../config/profile.js'
import type {Secret} from '../config/secret.js'
import {explainError} from '../diagnosis/match.js'
import {type Finding, finding} from '../diagnosis/finding.js'
import type {Deadline} from '../core/deadline.js'
import {KAFKAJS_VERSION} from '../version.js'

/** The end-to-end view: does a real client library (kafkajs) get through with these settings? */
export async function checkClient(profile: ConnectionProfile, deadline: Deadline, oauthToken?: Secret, signal?: AbortSignal): Promise<Finding> {
  const base = {check: 'client' as const, target: 'kafkajs client session'}
  // Loaded here, not at start-up: kafkajs is the heaviest module and most runs wait on the network anyway.
  const {clientSession} = await import('../kafka/client.js')
  const result = await clientSession(profile, {timeoutMs: deadline.stepMs(), oauthToken, signal})
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
