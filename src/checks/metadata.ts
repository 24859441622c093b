import {type Finding, finding} from '../diagnosis/finding.js'
import type {MetadataPartition} from '../kafka/wire/apis/metadata.js'
import {type MetadataResult, type ProbeSession, describeWireFailure, fetchMetadata} from '../kafka/probe-session.js'
import {METADATA_LIMITS} from '../core/limits.js'
import type {Deadline} from '../core/deadline.js'
import type {Target} from './target.js'

export interface MetadataCheck {
  finding: Finding
  metadata?: MetadataResult
}

export interface TopicHealth {
  name: string
  /** Partition indexes without a leader. */
  leaderless: number[]
  /** Partition indexes with fewer in-sync replicas than replicas. */
  underReplicated: number[]
}

export interface ClusterHealth {
  /** Node ids named as replicas but absent from the broker list: stopped or fenced brokers. */
  missingBrokers: number[]
  /** Only topics with a leaderless or under-replicated partition, sorted by name. */
  topics: TopicHealth[]
}

/** Leaderless and under-replicated partition indexes of one topic, ascending. */
export function partitionHealth(partitions: readonly MetadataPartition[]): Omit<TopicHealth, 'name'> {
  const sorted = [...partitions].sort((a, b) => a.partitionIndex - b.partitionIndex)
  return {
    leaderless: sorted.filter((p) => p.leaderId < 0).map((p) => p.partitionIndex),
    underReplicated: sorted.filter((p) => p.isrNodes.length < p.replicaNodes.length).map((p) => p.partitionIndex),
  }
}

/** What metadata alone tells about the cluster's health, per topic (for connect and cluster-info). */
export function clusterHealth(metadata: MetadataResult): ClusterHealth {
  const live = new Set(metadata.brokers.map((b) => b.nodeId))
  const missing = new Set<number>()
  const topics: TopicHealth[] = []
  for (const topic of metadata.topics) {
    if (topic.errorCode !== 0 && topic.partitions.length === 0) continue
    for (const p of topic.partitions) for (const id of p.replicaNodes) if (!live.has(id)) missing.add(id)
    const health = partitionHealth(topic.partitions)
    if (health.leaderless.length > 0 || health.underReplicated.length > 0) topics.push({name: topic.name ?? '', ...health})
  }
  return {missingBrokers: [...missing].sort((a, b) => a - b), topics: topics.sort((a, b) => a.name.localeCompare(b.name))}
}

/** "alice.orders 0,1,2; alice.solo 0" for a summary, at most a few topics. */
function perTopic(topics: TopicHealth[], pick: (t: TopicHealth) => number[]): string {
  const shown = topics.filter((t) => pick(t).length > 0)
  const text = shown.slice(0, 5).map((t) => `${t.name} ${pick(t).join(',')}`).join('; ')
  return shown.length > 5 ? `${text}; … ${shown.length - 5} more topic(s)` : text
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

  const health = clusterHealth(metadata)
  const leaderless = health.topics.flatMap((t) => t.leaderless.map((p) => `${t.name}-${p}`))
  const underReplicated = health.topics.flatMap((t) => t.underReplicated.map((p) => `${t.name}-${p}`))
  const evidence = {
    clusterId: metadata.clusterId,
    controllerId: metadata.controllerId,
    brokers: metadata.brokers.slice(0, 50).map((b) => ({nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack})),
    topicCount: metadata.topics.length,
    leaderlessPartitions: leaderless.slice(0, 20),
    underReplicatedPartitions: underReplicated.slice(0, 20),
    missingBrokers: health.missingBrokers,
    unhealthyTopics: health.topics.slice(0, 20),
    metadataVersion: metadata.version,
    ...(metadata.truncated && {truncated: {...metadata.truncated, limits: METADATA_LIMITS}}),
  }
  const shown = metadata.brokers.slice(0, 10).map((b) => `${b.nodeId}=${b.host}:${b.port}`)
  const brokerTotal = metadata.truncated?.brokers ?? metadata.brokers.length
  const brokers = shown.join(', ') + (brokerTotal > shown.length ? ` and ${brokerTotal - shown.length} more` : '')
  const durationMs = Date.now() - started
  if (metadata.controllerId < 0 || health.topics.length > 0 || health.missingBrokers.length > 0) {
    const why = [
      metadata.controllerId < 0 ? 'no active controller' : '',
      health.missingBrokers.length > 0 ? `broker ${health.missingBrokers.join(', ')} missing from the metadata (named as a replica)` : '',
      leaderless.length > 0 ? `${leaderless.length} partition(s) without a leader (${perTopic(health.topics, (t) => t.leaderless)})` : '',
      underReplicated.length > 0 ? `${underReplicated.length} under-replicated (${perTopic(health.topics, (t) => t.underReplicated)})` : '',
    ].filter(Boolean)
    return {metadata, finding: finding({...base, status: 'warn', code: 'KD504', summary: `cluster ${metadata.clusterId ?? '?'}: ${why.join('; ')}`, evidence, durationMs})}
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
