// KIP-430 authorized-operations bitfields (Metadata v8+, DescribeGroups v3+, DescribeCluster).
// Bit n is set when the principal may perform the AclOperation whose code is n
// (org.apache.kafka.common.acl.AclOperation).

export const ACL_OPERATION_NAMES: Readonly<Record<number, string>> = {
  0: 'UNKNOWN',
  1: 'ANY',
  2: 'ALL',
  3: 'READ',
  4: 'WRITE',
  5: 'CREATE',
  6: 'DELETE',
  7: 'ALTER',
  8: 'DESCRIBE',
  9: 'CLUSTER_ACTION',
  10: 'DESCRIBE_CONFIGS',
  11: 'ALTER_CONFIGS',
  12: 'IDEMPOTENT_WRITE',
  13: 'CREATE_TOKENS',
  14: 'DESCRIBE_TOKENS',
}

/** The broker's "not requested / not provided" value (Integer.MIN_VALUE). */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648

/** Operation names in a bitfield, or undefined when the broker did not compute it. */
export function decodeAuthorizedOperations(bits: number): string[] | undefined {
  if (bits === AUTHORIZED_OPERATIONS_OMITTED) return undefined
  const names: string[] = []
  for (let bit = 0; bit < 31; bit++) {
    if ((bits >>> bit) & 1) names.push(ACL_OPERATION_NAMES[bit] ?? `OP_${bit}`)
  }
  return names
}
