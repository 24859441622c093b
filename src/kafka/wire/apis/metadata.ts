// Metadata (key 3), v4..v12. Field boundaries from Kafka's MetadataRequest/Response.json:
//   v4  allow_auto_topic_creation (our floor: older versions may auto-create the topics we ask about)
//   v5  offline_replicas           v7  leader_epoch
//   v8  authorized-operations flags and bitfields (KIP-430)
//   v9  first flexible version     v10 topic_id
//   v11 cluster flag/bitfield removed (moved to DescribeCluster, KIP-700)
//   v12 response topic name nullable (topics queried by id)

import {METADATA_LIMITS} from '../../../core/limits.js'
import {Reader, Writer, ZERO_UUID} from '../codec.js'

export const METADATA_VERSIONS = {min: 4, max: 12} as const

export interface MetadataRequest {
  /** null = all topics; [] = no topics (brokers and cluster id only). */
  topics: readonly string[] | null
  includeClusterAuthorizedOperations?: boolean
  includeTopicAuthorizedOperations?: boolean
}

export interface MetadataBroker {
  nodeId: number
  host: string
  port: number
  rack: string | null
}

export interface MetadataPartition {
  errorCode: number
  partitionIndex: number
  leaderId: number
  leaderEpoch?: number
  replicaNodes: number[]
  isrNodes: number[]
  offlineReplicas?: number[]
}

export interface MetadataTopic {
  errorCode: number
  name: string | null
  /** 22-char base64url, v10+; ZERO_UUID for topics that do not exist. */
  topicId?: string
  isInternal: boolean
  partitions: MetadataPartition[]
  /** Raw KIP-430 bitfield, v8+ (-2147483648 when not requested). */
  topicAuthorizedOperations?: number
  /** Partitions the broker listed beyond the run's partition cap: counted, not kept. */
  partitionsNotKept?: number
}

/** What a Metadata answer announced beyond the caps (METADATA_LIMITS): the announced totals. */
export interface MetadataTruncation {
  brokers?: number
  topics?: number
  partitions?: number
}

export interface MetadataResponse {
  throttleTimeMs: number
  brokers: MetadataBroker[]
  clusterId: string | null
  controllerId: number
  topics: MetadataTopic[]
  /** v8-v10 only. */
  clusterAuthorizedOperations?: number
  /** Set when the answer was larger than the caps; only the first elements were kept. */
  truncated?: MetadataTruncation
}

export interface MetadataCaps {
  brokers: number
  topics: number
  partitions: number
}

export function encodeMetadataRequest(version: number, req: MetadataRequest): Buffer {
  const w = new Writer(64)
  const flexible = version >= 9
  if (flexible) {
    w.compactNullableArray(req.topics, (x, name) => {
      if (version >= 10) x.uuid(ZERO_UUID)
      x.compactString(name)
      x.taggedFields()
    })
  } else {
    w.nullableArray(req.topics, (x, name) => x.string(name))
  }
  // Never create topics while diagnosing: this is why v4 is our floor.
  w.bool(false)
  if (version >= 8 && version <= 10) w.bool(req.includeClusterAuthorizedOperations ?? false)
  if (version >= 8) w.bool(req.includeTopicAuthorizedOperations ?? false)
  if (flexible) w.taggedFields()
  return w.toBuffer()
}

/**
 * Decodes at most `caps` brokers, topics and partitions (summed over topics) into memory; what
 * lies beyond is parsed over without allocating and reported in `truncated`, so a forged answer
 * with 100,000 brokers or 500,000 partitions costs time in proportion to its bytes, not memory.
 */
export function decodeMetadataResponse(version: number, caps: MetadataCaps = METADATA_LIMITS): (r: Reader) => MetadataResponse {
  const flexible = version >= 9
  const str = (r: Reader) => (flexible ? r.compactString() : r.string())
  const nullableStr = (r: Reader) => (flexible ? r.compactNullableString() : r.nullableString())
  const arr = <T>(r: Reader, read: (x: Reader) => T, min: number) => (flexible ? r.compactArray(read, min) : r.array(read, min))
  const int32s = (r: Reader) => arr(r, (x) => x.int32(), 4)
  const tags = (r: Reader) => {
    if (flexible) r.taggedFields()
  }

  const broker = (r: Reader): MetadataBroker => {
    const b = {nodeId: r.int32(), host: str(r), port: r.int32(), rack: nullableStr(r)}
    tags(r)
    return b
  }

  const partition = (r: Reader): MetadataPartition => {
    const p: MetadataPartition = {errorCode: r.int16(), partitionIndex: r.int32(), leaderId: r.int32(), replicaNodes: [], isrNodes: []}
    if (version >= 7) p.leaderEpoch = r.int32()
    p.replicaNodes = int32s(r)
    p.isrNodes = int32s(r)
    if (version >= 5) p.offlineReplicas = int32s(r)
    tags(r)
    return p
  }

  const skipBroker = (r: Reader): void => {
    r.skip(4)
    r.skipString(flexible)
    r.skip(4)
    r.skipString(flexible)
    tags(r)
  }

  const skipPartition = (r: Reader): void => {
    r.skip(version >= 7 ? 14 : 10)
    r.skipArray(flexible, 4)
    r.skipArray(flexible, 4)
    if (version >= 5) r.skipArray(flexible, 4)
    tags(r)
  }

  let partitionsLeft = caps.partitions
  let partitionsAnnounced = 0
  const topicBody = (r: Reader, t: MetadataTopic): MetadataTopic => {
    if (version >= 10) t.topicId = r.uuid()
    t.isInternal = r.bool()
    const partitions = r.boundedArray(flexible, partition, skipPartition, partitionsLeft, 10)
    partitionsLeft -= partitions.items.length
    partitionsAnnounced += partitions.count
    t.partitions = partitions.items
    if (partitions.count > partitions.items.length) t.partitionsNotKept = partitions.count - partitions.items.length
    if (version >= 8) t.topicAuthorizedOperations = r.int32()
    tags(r)
    return t
  }

  const topic = (r: Reader): MetadataTopic => {
    const errorCode = r.int16()
    const name = version >= 12 ? nullableStr(r) : str(r)
    return topicBody(r, {errorCode, name, isInternal: false, partitions: []})
  }

  const skipTopic = (r: Reader): void => {
    r.skip(2)
    r.skipString(flexible)
    partitionsLeft = 0
    topicBody(r, {errorCode: 0, name: null, isInternal: false, partitions: []})
  }

  return (r) => {
    partitionsLeft = caps.partitions
    partitionsAnnounced = 0
    const throttleTimeMs = r.int32()
    const brokers = r.boundedArray(flexible, broker, skipBroker, caps.brokers, 10)
    const clusterId = nullableStr(r)
    const controllerId = r.int32()
    const topics = r.boundedArray(flexible, topic, skipTopic, caps.topics, 4)
    const out: MetadataResponse = {throttleTimeMs, brokers: brokers.items, clusterId, controllerId, topics: topics.items}
    if (version >= 8 && version <= 10) out.clusterAuthorizedOperations = r.int32()
    tags(r)
    const keptPartitions = caps.partitions - partitionsLeft
    if (brokers.count > brokers.items.length || topics.count > topics.items.length || partitionsAnnounced > keptPartitions) {
      out.truncated = {
        ...(brokers.count > brokers.items.length && {brokers: brokers.count}),
        ...(topics.count > topics.items.length && {topics: topics.count}),
        ...(partitionsAnnounced > keptPartitions && {partitions: partitionsAnnounced}),
      }
    }

    return out
  }
}
