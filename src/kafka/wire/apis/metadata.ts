// Metadata (key 3), v4..v12. Field boundaries from Kafka's MetadataRequest/Response.json:
//   v4  allow_auto_topic_creation (our floor: older versions may auto-create the topics we ask about)
//   v5  offline_replicas           v7  leader_epoch
//   v8  authorized-operations flags and bitfields (KIP-430)
//   v9  first flexible version     v10 topic_id
//   v11 cluster flag/bitfield removed (moved to DescribeCluster, KIP-700)
//   v12 response topic name nullable (topics queried by id)

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
}

export interface MetadataResponse {
  throttleTimeMs: number
  brokers: MetadataBroker[]
  clusterId: string | null
  controllerId: number
  topics: MetadataTopic[]
  /** v8-v10 only. */
  clusterAuthorizedOperations?: number
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

export function decodeMetadataResponse(version: number): (r: Reader) => MetadataResponse {
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

  const topic = (r: Reader): MetadataTopic => {
    const errorCode = r.int16()
    const name = version >= 12 ? nullableStr(r) : str(r)
    const t: MetadataTopic = {errorCode, name, isInternal: false, partitions: []}
    if (version >= 10) t.topicId = r.uuid()
    t.isInternal = r.bool()
    t.partitions = arr(r, partition, 10)
    if (version >= 8) t.topicAuthorizedOperations = r.int32()
    tags(r)
    return t
  }

  return (r) => {
    const throttleTimeMs = r.int32()
    const brokers = arr(r, broker, 10)
    const clusterId = nullableStr(r)
    const controllerId = r.int32()
    const topics = arr(r, topic, 4)
    const out: MetadataResponse = {throttleTimeMs, brokers, clusterId, controllerId, topics}
    if (version >= 8 && version <= 10) out.clusterAuthorizedOperations = r.int32()
    tags(r)
    return out
  }
}
