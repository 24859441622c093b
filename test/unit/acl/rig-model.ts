// What the rig's ACLs grant, evaluated the way Kafka's StandardAuthorizer does (super users,
// literal / prefixed / wildcard patterns, DENY over ALLOW, implied DESCRIBE), in acl-check's
// matrix shape — the expectation the integration tests compare kdoctor's answers with.
import type {Rig, RigAcl} from '../../helpers/rig.js'
import {type AclResource, parseResources} from '../../../src/checks/acl/resources.js'
import {PROBE_SUFFIX} from '../../../src/kafka/acl-probes.js'

export const PRINCIPALS = ['admin', 'alice', 'bob', 'heroku-tenant'] as const
export type Principal = (typeof PRINCIPALS)[number]

/** The rig's super user (server.properties super.users). */
const SUPER_USERS = new Set(['User:admin'])

/** Operations that imply DESCRIBE (and ALTER_CONFIGS → DESCRIBE_CONFIGS), as in Kafka's AclEntry. */
const IMPLIES: Record<string, string[]> = {DESCRIBE: ['READ', 'WRITE', 'DELETE', 'ALTER'], DESCRIBE_CONFIGS: ['ALTER_CONFIGS']}

type AclType = 'TOPIC' | 'GROUP' | 'CLUSTER' | 'TRANSACTIONAL_ID'

export function allowed(acls: readonly RigAcl[], principal: string, type: AclType, name: string, op: string): boolean {
  if (SUPER_USERS.has(principal)) return true
  const matching = acls.filter(
    (a) =>
      (a.principal === principal || a.principal === 'User:*') &&
      (a.resourceType as string) === type &&
      (a.patternType === 'PREFIXED' ? name.startsWith(a.name) : a.name === name || a.name === '*'),
  )
  const grants = (a: RigAcl) => a.operation === 'ALL' || a.operation === op || (IMPLIES[op] ?? []).includes(a.operation)
  if (matching.some((a) => a.permission === 'DENY' && grants(a))) return false
  return matching.some((a) => a.permission === 'ALLOW' && grants(a))
}

/** InitProducerId's rule since Kafka 2.8 (KIP-679): IDEMPOTENT_WRITE on the cluster, or WRITE on any topic. */
export function idempotentWriteAllowed(acls: readonly RigAcl[], principal: string): boolean {
  if (allowed(acls, principal, 'CLUSTER', 'kafka-cluster', 'IDEMPOTENT_WRITE')) return true
  return acls.some((a) => (a.principal === principal || a.principal === 'User:*') && (a.resourceType as string) === 'TOPIC' && a.permission === 'ALLOW' && (a.operation === 'ALL' || a.operation === 'WRITE'))
}

const TYPE: Record<AclResource['kind'], AclType> = {topic: 'TOPIC', group: 'GROUP', cluster: 'CLUSTER', 'transactional-id': 'TRANSACTIONAL_ID'}
const verdict = (b: boolean) => (b ? 'allowed' : 'denied')

/** "topic alice.orders|Read" → "allowed", "topic alice.orders|exists" → "yes", for everything acl-check reports. */
export function expectedMatrix(rig: Pick<Rig, 'acls' | 'topics'>, who: Principal, input: {topics: string[]; groups: string[]; transactionalIds: string[]}): Map<string, string> {
  const principal = `User:${who}`
  const can = (r: AclResource, op: string) => allowed(rig.acls, principal, TYPE[r.kind], r.probeName, op)
  const out = new Map<string, string>()
  const clusterCreate = allowed(rig.acls, principal, 'CLUSTER', 'kafka-cluster', 'CREATE')
  for (const t of parseResources('topic', input.topics, '--topic')) {
    const describe = can(t, 'DESCRIBE')
    out.set(`${t.label}|Describe`, verdict(describe))
    out.set(`${t.label}|Read`, verdict(can(t, 'READ')))
    out.set(`${t.label}|Write`, verdict(can(t, 'WRITE')))
    const exists = t.pattern !== 'literal' ? undefined : !describe ? 'hidden' : rig.topics.some((x) => x.name === t.name) ? 'yes' : 'no'
    if (exists) out.set(`${t.label}|exists`, exists)
    if (exists !== 'yes') out.set(`${t.label}|Create`, verdict(clusterCreate || can(t, 'CREATE')))
  }
  for (const g of parseResources('group', input.groups, '--group')) {
    out.set(`${g.label}|Describe`, verdict(can(g, 'DESCRIBE')))
    out.set(`${g.label}|Read`, verdict(can(g, 'READ')))
  }
  const probeTopic = `${PROBE_SUFFIX}-000000000000`
  out.set('cluster|Describe', verdict(allowed(rig.acls, principal, 'CLUSTER', 'kafka-cluster', 'DESCRIBE')))
  out.set('cluster|Create', verdict(clusterCreate || allowed(rig.acls, principal, 'TOPIC', probeTopic, 'CREATE')))
  out.set('cluster|IdempotentWrite', verdict(idempotentWriteAllowed(rig.acls, principal)))
  out.set('cluster|DescribeConfigs', verdict(allowed(rig.acls, principal, 'CLUSTER', 'kafka-cluster', 'DESCRIBE_CONFIGS')))
  for (const x of parseResources('transactional-id', input.transactionalIds, '--transactional-id')) {
    out.set(`${x.label}|Describe`, verdict(can(x, 'DESCRIBE')))
    out.set(`${x.label}|Write`, verdict(can(x, 'WRITE')))
  }
  return out
}

/** How each rig principal connects: admin SCRAM-SHA-512 over TLS, alice SCRAM-SHA-256, bob PLAIN, heroku-tenant mutual TLS. */
export function principalArgs(rig: Rig, who: Principal): string[] {
  const at = (name: keyof Rig['listeners']) => ['-b', `${rig.listeners[name].host}:${rig.listeners[name].port}`]
  const sasl = (mechanism: string, user: 'admin' | 'alice' | 'bob') => ['-X', `sasl.mechanisms=${mechanism}`, '-X', `sasl.username=${user}`, '-X', `sasl.password=${rig.users[user]}`]
  switch (who) {
    case 'admin':
      return [...at('sasl_ssl'), '-X', 'security.protocol=SASL_SSL', '-X', `ssl.ca.location=${rig.tls.ca}`, ...sasl('SCRAM-SHA-512', 'admin')]
    case 'alice':
      return [...at('sasl_plaintext'), '-X', 'security.protocol=SASL_PLAINTEXT', ...sasl('SCRAM-SHA-256', 'alice')]
    case 'bob':
      return [...at('sasl_plaintext'), '-X', 'security.protocol=SASL_PLAINTEXT', ...sasl('PLAIN', 'bob')]
    case 'heroku-tenant':
      return [...at('mtls'), '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${rig.tls.ca}`, '-X', `ssl.certificate.location=${rig.tls.clientCert}`, '-X', `ssl.key.location=${rig.tls.clientKey}`]
  }
}
