// DescribeAcls (key 29), v1..v3 (v1 pattern type, v2 first flexible; v3 adds the USER resource
// type, same layout). Listing ACLs needs DESCRIBE on the cluster: application principals rarely
// have it, which is why kdoctor learns rights by probing and uses this only when it is allowed.

import {Reader, Writer} from '../codec.js'
import {readerFields, writerFields} from './fields.js'

export const DESCRIBE_ACLS_VERSIONS = {min: 1, max: 3} as const

/** org.apache.kafka.common.resource.ResourceType */
export const AclResourceType = {ANY: 1, TOPIC: 2, GROUP: 3, CLUSTER: 4, TRANSACTIONAL_ID: 5, DELEGATION_TOKEN: 6, USER: 7} as const
/** org.apache.kafka.common.resource.PatternType */
export const AclPatternType = {ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4} as const
/** org.apache.kafka.common.acl.AclPermissionType */
export const AclPermission = {ANY: 1, DENY: 2, ALLOW: 3} as const
/** AclOperation.ANY; the other operation codes are in ../authorized-operations.ts. */
export const ACL_OPERATION_ANY = 1

export interface AclFilter {
  resourceType: number
  resourceName: string | null
  patternType: number
  principal: string | null
  host: string | null
  operation: number
  permissionType: number
}

export interface AclBinding {
  resourceType: number
  resourceName: string
  patternType: number
  principal: string
  host: string
  operation: number
  permissionType: number
}

export interface DescribeAclsResponse {
  throttleTimeMs: number
  errorCode: number
  errorMessage: string | null
  bindings: AclBinding[]
}

export function encodeDescribeAclsRequest(version: number, filter: AclFilter): Buffer {
  const w = new Writer(64)
  const f = writerFields(w, version >= 2)
  w.int8(filter.resourceType)
  f.nullableStr(filter.resourceName)
  w.int8(filter.patternType)
  f.nullableStr(filter.principal)
  f.nullableStr(filter.host)
  w.int8(filter.operation).int8(filter.permissionType)
  f.tags()
  return w.toBuffer()
}

export function decodeDescribeAclsResponse(version: number): (r: Reader) => DescribeAclsResponse {
  return (r) => {
    const f = readerFields(r, version >= 2)
    const throttleTimeMs = r.int32()
    const errorCode = r.int16()
    const errorMessage = f.nullableStr()
    const bindings: AclBinding[] = []
    f.array(() => {
      const resourceType = r.int8()
      const resourceName = f.str()
      const patternType = r.int8()
      f.array(() => {
        const principal = f.str()
        const host = f.str()
        const operation = r.int8()
        const permissionType = r.int8()
        f.tags()
        bindings.push({resourceType, resourceName, patternType, principal, host, operation, permissionType})
      }, 4)
      f.tags()
    }, 4)
    f.tags()
    return {throttleTimeMs, errorCode, errorMessage, bindings}
  }
}
