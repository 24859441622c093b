// DescribeCluster (key 60), v0..v1, flexible from v0 (v1 endpoint_type; v2 in Kafka 4.0+ adds
// fenced brokers, not implemented). Carries the cluster's KIP-430 bitfield since Metadata v11
// dropped it (KIP-700). The broker computes the bitfield only for principals allowed to DESCRIBE
// the cluster and answers 0 to everyone else.

import {Reader, Writer} from '../codec.js'
import {readerFields, writerFields} from './fields.js'

export const DESCRIBE_CLUSTER_VERSIONS = {min: 0, max: 1} as const

export interface DescribeClusterResponse {
  throttleTimeMs: number
  errorCode: number
  errorMessage: string | null
  clusterId: string
  controllerId: number
  brokers: Array<{brokerId: number; host: string; port: number; rack: string | null}>
  /** Raw KIP-430 bitfield (-2147483648 when not requested). */
  clusterAuthorizedOperations: number
}

export function encodeDescribeClusterRequest(version: number, req: {includeClusterAuthorizedOperations: boolean}): Buffer {
  const w = new Writer(8)
  w.bool(req.includeClusterAuthorizedOperations)
  if (version >= 1) w.int8(1) // endpoint_type: brokers
  writerFields(w, true).tags()
  return w.toBuffer()
}

export function decodeDescribeClusterResponse(version: number): (r: Reader) => DescribeClusterResponse {
  return (r) => {
    const f = readerFields(r, true)
    const throttleTimeMs = r.int32()
    const errorCode = r.int16()
    const errorMessage = f.nullableStr()
    if (version >= 1) r.int8() // endpoint_type
    const clusterId = f.str()
    const controllerId = r.int32()
    const brokers = f.array(() => {
      const b = {brokerId: r.int32(), host: f.str(), port: r.int32(), rack: f.nullableStr()}
      f.tags()
      return b
    }, 11)
    const clusterAuthorizedOperations = r.int32()
    f.tags()
    return {throttleTimeMs, errorCode, errorMessage, clusterId, controllerId, brokers, clusterAuthorizedOperations}
  }
}
