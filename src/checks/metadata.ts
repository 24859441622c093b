import {type Finding, finding} from '../diagnosis/finding.js'
import {type MetadataResult, type ProbeSession, describeWireFailure, fetchMetadata} from '../kafka/probe-session.js'
import {METADATA_LIMITS} from '../core/limits.js'
import type {Deadline} from '../net/deadline.js'
import type {Target} from './target.js'

export interface MetadataCheck {
  finding: Finding
  metadata?: MetadataResult
}

/** Cluster id, controller, brokers with their advertised addresses, and partitions without a leader. */
export async function checkMetadata(target: Target, session: ProbeSession, deadline: Deadline): Promise<MetadataCheck> {
  const base = {check: 'metadata' as const, target: target.label}
  const started = Date.now()
  let metadata: MetadataResult
  try {
    metadata = await fetchMetadata(session.connection, session.apiVersions, {topics: null, timeoutMs: deadline.stepMs()})
  } catch (error) {
    const failure = describeWireFailure(error)
    const code = failure.kind === 'protocol' ? 'KD505' : 'KD204'
    return {finding: finding({...base, status: 'fail', code, summary: `metadata request failed: ${failure.message}`, evidence: {...failure}, durationMs: Date.now() - started})}
  }

  const leaderless = metadata.topics.flatMap((t) => t.partitions.filter((p) => p.leaderId < 0).map((p) => `${t.name}-${p.partitionIndex}`))
  const evidence = {
    clusterId: metadata.clusterId,
    controllerId: metadata.controllerId,
    brokers: metadata.brokers.slice(0, 50).map((b) => ({nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack})),
    topicCount: metadata.topics.length,
    leaderlessPartitions: leaderless.slice(0, 20),
    metadataVersion: metadata.version,
    ...(metadata.truncated && {truncated: {...metadata.truncated, limits: METADATA_LIMITS}}),
  }
  const shown = metadata.brokers.slice(0, 10).map((b) => `${b.nodeId}=${b.host}:${b.port}`)
  const brokerTotal = metadata.truncated?.brokers ?? metadata.brokers.length
  const brokers = shown.join(', ') + (brokerTotal > shown.length ? ` and ${brokerTotal - shown.length} more` : '')
  const durationMs = Date.now() - started
  if (metadata.controllerId < 0 || leaderless.length > 0) {
    const why = metadata.controllerId < 0 ? 'no active controller' : `${leaderless.length} partition(s) without a leader`
    return {metadata, finding: finding({...base, status: 'warn', code: 'KD504', summary: `cluster ${metadata.clusterId ?? '?'}: ${why}`, evidence, durationMs})}
  }

  if (metadata.truncated) {
    const over = Object.entries(metadata.truncated).map(([what, total]) => `${total} ${what} (kept ${METADATA_LIMITS[what as keyof typeof METADATA_LIMITS]})`)
    return {
      metadata,
      finding: finding({...base, status: 'warn', summary: `cluster ${metadata.clusterId ?? '?'}: the answer lists ${over.join(', ')}; only the first were read`, evidence, durationMs}),
    }
  }

  return {
    metadata,
    finding: finding({
      ...base,
      status: 'pass',
      summary: `cluster ${metadata.clusterId ?? '?'}, controller ${metadata.controllerId}, brokers ${brokers}, ${metadata.topics.length} topic(s) visible`,
      evidence,
      durationMs,
    }),
  }
}
