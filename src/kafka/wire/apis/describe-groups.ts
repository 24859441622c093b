// DescribeGroups (key 15), v3..v5. Field boundaries from Kafka's DescribeGroupsRequest/Response.json:
//   v3  include_authorized_operations / authorized_operations (KIP-430)
//   v4  group_instance_id          v5  first flexible version
//   v6  (Kafka 4.0+) error_message: not implemented; v5 still answers unknown groups with
//       state Dead and no error, so the bitfield is computed for them too.
// The broker checks DESCRIBE on each group before anything else (GROUP_AUTHORIZATION_FAILED).

import {Reader, Writer} from '../codec.js'
import {readerFields, writerFields} from './fields.js'

export const DESCRIBE_GROUPS_VERSIONS = {min: 3, max: 5} as const

export interface DescribedGroup {
  errorCode: number
  groupId: string
  groupState: string
  protocolType: string
  protocolData: string
  members: Array<{memberId: string; groupInstanceId: string | null; clientId: string; clientHost: string}>
  /** Raw KIP-430 bitfield (-2147483648 when not computed). */
  authorizedOperations: number
}

export interface DescribeGroupsResponse {
  throttleTimeMs: number
  groups: DescribedGroup[]
}

export function encodeDescribeGroupsRequest(version: number, req: {groups: readonly string[]; includeAuthorizedOperations: boolean}): Buffer {
  const w = new Writer(64)
  const f = writerFields(w, version >= 5)
  f.array(req.groups, (g) => f.str(g))
  w.bool(req.includeAuthorizedOperations)
  f.tags()
  return w.toBuffer()
}

export function decodeDescribeGroupsResponse(version: number): (r: Reader) => DescribeGroupsResponse {
  return (r) => {
    const f = readerFields(r, version >= 5)
    const throttleTimeMs = r.int32()
    const groups = f.array((): DescribedGroup => {
      const errorCode = r.int16()
      const groupId = f.str()
      const groupState = f.str()
      const protocolType = f.str()
      const protocolData = f.str()
      const members = f.array(() => {
        const memberId = f.str()
        const groupInstanceId = version >= 4 ? f.nullableStr() : null
        const clientId = f.str()
        const clientHost = f.str()
        f.nullableBytes() // member_metadata
        f.nullableBytes() // member_assignment
        f.tags()
        return {memberId, groupInstanceId, clientId, clientHost}
      }, 4)
      const authorizedOperations = r.int32()
      f.tags()
      return {errorCode, groupId, groupState, protocolType, protocolData, members, authorizedOperations}
    }, 10)
    f.tags()
    return {throttleTimeMs, groups}
  }
}
