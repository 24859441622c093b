// Heartbeat (key 12), v0..v4 (v3 group_instance_id, v4 first flexible version).
// kdoctor sends it only as a group READ probe, with a member id no consumer has: the broker
// checks READ on the group first (GROUP_AUTHORIZATION_FAILED), then the coordinator answers
// UNKNOWN_MEMBER_ID (or NOT_COORDINATOR) without touching the group — no join, no rebalance.

import {Reader, Writer} from '../codec.js'
import {readerFields, writerFields} from './fields.js'

export const HEARTBEAT_VERSIONS = {min: 0, max: 4} as const

export interface HeartbeatRequest {
  groupId: string
  generationId: number
  memberId: string
}

export function encodeHeartbeatRequest(version: number, req: HeartbeatRequest): Buffer {
  const w = new Writer(64)
  const f = writerFields(w, version >= 4)
  f.str(req.groupId)
  w.int32(req.generationId)
  f.str(req.memberId)
  if (version >= 3) f.nullableStr(null) // group_instance_id: not a static member
  f.tags()
  return w.toBuffer()
}

export function decodeHeartbeatResponse(version: number): (r: Reader) => {throttleTimeMs: number; errorCode: number} {
  return (r) => {
    const throttleTimeMs = version >= 1 ? r.int32() : 0
    const errorCode = r.int16()
    readerFields(r, version >= 4).tags()
    return {throttleTimeMs, errorCode}
  }
}
