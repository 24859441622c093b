// The controller as far as a client can see it: DescribeQuorum, which a KRaft broker forwards to
// the active controller. Metadata alone cannot tell: a broker that lost its controller keeps
// answering from its last metadata (the dead brokers still listed, a live one named controller).

import {type Finding, finding} from '../diagnosis/finding.js'
import {type ProbeSession, describeQuorum, describeWireFailure} from '../kafka/probe-session.js'
import {KafkaErrorCode, NoCommonVersionError, kafkaErrorName} from '../kafka/wire/index.js'
import type {Deadline} from '../core/deadline.js'
import type {Target} from './target.js'

/** How long to wait for the controller at most: a lost quorum never answers, and the run goes on. */
export const QUORUM_WAIT_MS = 5000

export async function checkQuorum(target: Target, session: ProbeSession, deadline: Deadline): Promise<Finding> {
  const base = {check: 'metadata' as const, target: `controller quorum (asked ${target.host}:${target.port})`}
  const started = Date.now()
  const waitMs = Math.min(deadline.stepMs(), QUORUM_WAIT_MS)
  let answer: Awaited<ReturnType<typeof describeQuorum>>
  try {
    answer = await describeQuorum(session, waitMs)
  } catch (error) {
    const durationMs = Date.now() - started
    if (error instanceof NoCommonVersionError) {
      return finding({...base, status: 'info', summary: `not asked: the broker offers no DescribeQuorum kdoctor speaks (not KRaft, or older than 2.7)`, durationMs})
    }
    const failure = describeWireFailure(error)
    if (failure.kind === 'timeout') {
      return finding({
        ...base,
        status: 'warn',
        code: 'KD504',
        summary: `no active controller: DescribeQuorum, which the broker forwards to the active controller, got no answer within ${waitMs} ms (controller quorum lost?); the metadata brokers answer may be stale`,
        evidence: {...failure, waitedMs: waitMs},
        durationMs,
      })
    }
    return finding({...base, status: 'info', summary: `could not ask the controller quorum: ${failure.message}`, evidence: {...failure}, durationMs})
  }

  const durationMs = Date.now() - started
  const partition = answer.partitions[0]
  const errorCode = answer.errorCode || partition?.errorCode || 0
  if (errorCode === KafkaErrorCode.CLUSTER_AUTHORIZATION_FAILED) {
    return finding({...base, status: 'info', summary: `not shown: this principal may not DESCRIBE the cluster (${answer.api} → CLUSTER_AUTHORIZATION_FAILED)`, durationMs})
  }
  if (errorCode !== 0 || !partition) {
    const name = kafkaErrorName(errorCode)
    return finding({...base, status: 'warn', code: 'KD504', summary: `the controller quorum did not describe itself: ${answer.api} → ${name}`, evidence: {api: answer.api, error: name}, durationMs})
  }
  const voters = partition.currentVoters.map((v) => ({
    nodeId: v.replicaId,
    logEndOffset: Number(v.logEndOffset),
    caughtUp: v.logEndOffset >= partition.highWatermark,
    ...(v.lastCaughtUpTimestamp >= 0n ? {lastCaughtUpMsAgo: Math.max(0, Date.now() - Number(v.lastCaughtUpTimestamp))} : {}),
  }))
  const behind = voters.filter((v) => !v.caughtUp).map((v) => v.nodeId)
  const evidence = {api: answer.api, leaderId: partition.leaderId, leaderEpoch: partition.leaderEpoch, highWatermark: Number(partition.highWatermark), voters}
  const summary = `active controller ${partition.leaderId} (epoch ${partition.leaderEpoch}); voters ${voters.map((v) => v.nodeId).join(', ')}${behind.length > 0 ? `, behind the leader: ${behind.join(', ')}` : ', all caught up'}`
  return finding({...base, status: 'pass', summary, evidence, durationMs})
}
