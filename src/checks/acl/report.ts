// What acl-check found, as the JSON report carries it and the renderers draw it: a result type
// below the plan, so report/ and other plans read it without importing the plan.

import type {RequestCount} from '../../kafka/acl-probes.js'
import type {AutoCreateSetting, ReplicationSetting} from './findings.js'
import type {FixPlan} from './fixes.js'
import type {MatrixRow} from './matrix.js'
import type {PrincipalView} from './principal.js'

/** A listed ACL, in kafka-acls' words. */
export interface ListedAcl {
  resourceType: string
  name: string
  patternType: string
  principal: string
  host: string
  operation: string
  permission: string
}

export interface AclReport {
  principal: PrincipalView
  broker: {address: string; nodeId?: number; generation: string}
  autoCreateTopics?: AutoCreateSetting
  replication?: ReplicationSetting
  matrix: MatrixRow[]
  fixes: FixPlan
  /** DescribeAcls: the principal's own ACLs when it may list them. */
  acls: {listed: boolean; answer: string; bindings?: ListedAcl[]; noAuthorizer?: boolean; principalFilter?: string}
  /** Requests sent for the probes (connect's own layers not included). */
  requests: RequestCount
  durationMs: number
}
