// The operations acl-check looks at, per resource type (the list), their names in each
// vocabulary, and the --operations filter.

import {InputError} from '../../core/input-error.js'
import type {ResourceKind} from './resources.js'

export type Operation = 'Describe' | 'Read' | 'Write' | 'Create' | 'IdempotentWrite' | 'DescribeConfigs'

export const OPERATIONS: readonly Operation[] = ['Describe', 'Read', 'Write', 'Create', 'IdempotentWrite', 'DescribeConfigs']

/** Topic Create is only asked about when the topic does not exist (or cannot be seen). */
export const OPERATIONS_BY_KIND: Readonly<Record<ResourceKind, readonly Operation[]>> = {
  topic: ['Describe', 'Read', 'Write', 'Create'],
  group: ['Describe', 'Read'],
  cluster: ['Describe', 'Create', 'IdempotentWrite', 'DescribeConfigs'],
  'transactional-id': ['Describe', 'Write'],
}

/** AclOperation names as in KIP-430 bitfields (../../kafka/wire/authorized-operations.ts). */
export const ACL_OPERATION: Readonly<Record<Operation, string>> = {
  Describe: 'DESCRIBE',
  Read: 'READ',
  Write: 'WRITE',
  Create: 'CREATE',
  IdempotentWrite: 'IDEMPOTENT_WRITE',
  DescribeConfigs: 'DESCRIBE_CONFIGS',
}

/** Confluent CLI spelling (--operations read,describe-configs). */
export const CONFLUENT_OPERATION: Readonly<Record<Operation, string>> = {
  Describe: 'describe',
  Read: 'read',
  Write: 'write',
  Create: 'create',
  IdempotentWrite: 'idempotent-write',
  DescribeConfigs: 'describe-configs',
}

const normal = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '')
const BY_NORMAL = new Map(OPERATIONS.map((op) => [normal(op), op]))

/** "read,Write" "describe-configs" → the set; undefined = every operation. */
export function parseOperations(values: readonly string[] | undefined): Set<Operation> | undefined {
  const names = (values ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)
  if (names.length === 0) return undefined
  const out = new Set<Operation>()
  for (const name of names) {
    const op = BY_NORMAL.get(normal(name))
    if (!op) throw new InputError(`unknown operation "${name}"; use ${OPERATIONS.join(', ')}`, 'flag --operations')
    out.add(op)
  }
  return out
}

/** Operations per resource type, instead of one filter for all. */
export type OperationsByKind = Readonly<Record<ResourceKind, readonly Operation[]>>

/**
 * What a running app needs (kdoctor doctor): the use of its topics and groups, and idempotent
 * producing; creating topics or describing the cluster is an administrator's business.
 */
export const APP_OPERATIONS: OperationsByKind = {...OPERATIONS_BY_KIND, cluster: ['IdempotentWrite']}

export function operationsFor(kind: ResourceKind, wanted: ReadonlySet<Operation> | OperationsByKind | undefined): Operation[] {
  if (wanted && !(wanted instanceof Set)) return [...(wanted as OperationsByKind)[kind]]
  return OPERATIONS_BY_KIND[kind].filter((op) => !wanted || (wanted as ReadonlySet<Operation>).has(op))
}
