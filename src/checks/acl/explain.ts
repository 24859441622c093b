// acl-check's answers in words: the grant commands (into acl.fixes), a finding per matrix row and
// the summary finding, and the listed ACLs in kafka-acls' names.

import type {ConnectionProfile} from '../../config/profile.js'
import {type Finding, finding} from '../../diagnosis/finding.js'
import type {AclListOutcome} from '../../kafka/acl-probes.js'
import {AclPatternType, AclPermission, AclResourceType, ACL_OPERATION_NAMES} from '../../kafka/wire/index.js'
import {formatHostPort} from '../../net/address.js'
import {createTopicCommand, rowFindings} from './findings.js'
import {type Denial, type FixContext, fixPlan} from './fixes.js'
import {deniedOperations} from './matrix.js'
import type {PrincipalView} from './principal.js'
import type {AclReport} from './report.js'

/** The permission probes did not run, and why. */
export function aclNotRun(why: string): Finding {
  return finding({check: 'acl', target: 'permissions', status: 'skip', summary: `not run: ${why}`})
}

/** The grant commands (into acl.fixes) and the findings: one per matrix row, then a summary. */
export function explainAcl(acl: AclReport, profile: ConnectionProfile, kafkaPrefix: string | undefined): Finding[] {
  const {matrix, principal, autoCreateTopics: autoCreate, replication} = acl
  const fixContext = fixContextFor(profile, principal, kafkaPrefix)
  // A hidden topic (Describe denied) most likely exists: granting Describe shows it; Create is
  // only worth granting for topics known to be missing (KD604 covers the hidden case).
  const denials: Denial[] = matrix
    .map((row) => ({resource: row.resource, operations: deniedOperations(row).filter((op) => !(op === 'Create' && row.exists === 'hidden'))}))
    .filter((d) => d.operations.length > 0)
  acl.fixes = fixPlan(fixContext, denials)
  const {bootstrap} = fixContext
  const uncreatable = matrix.filter(
    (row) => row.resource.kind === 'topic' && row.resource.pattern === 'literal' && row.exists === 'no' && (!autoCreate?.value || row.cells.find((c) => c.operation === 'Create')?.verdict !== 'allowed'),
  )
  const bare = (name: string) => (profile.provider === 'heroku' && kafkaPrefix && name.startsWith(kafkaPrefix) ? name.slice(kafkaPrefix.length) : name)
  if (uncreatable.length > 0) acl.fixes.createTopics = uncreatable.map((row) => createTopicCommand(profile.provider, bare(row.resource.name), bootstrap))

  const findings: Finding[] = []
  for (const row of matrix) {
    const own = denials.filter((d) => d.resource === row.resource)
    const rowFixes = own.length > 0 ? fixPlan(fixContext, own).commands : []
    findings.push(...rowFindings(row, {principal: principal.principal, provider: profile.provider, autoCreate, replication, fixes: rowFixes, bootstrap}))
  }

  const {acls, requests, broker} = acl
  findings.push(
    finding({
      check: 'acl',
      target: 'permissions',
      status: 'info',
      summary:
        `as ${principal.principal} (${principal.from}), asked broker ${broker.nodeId ?? '?'} at ${broker.address} with ${requests.total} side-effect-free requests` +
        (acls.noAuthorizer ? '; the broker has no authorizer: everything is allowed to everyone' : acls.listed ? `; it may list ACLs (${acls.bindings?.length ?? 0} ${acls.principalFilter ? 'of its own' : 'in the cluster'})` : '; listing ACLs is not allowed to it, so probes decide') +
        (autoCreate ? `; auto.create.topics.enable=${autoCreate.value}${autoCreate.assumed ? ' (assumed)' : ''}` : ''),
      evidence: {principal, requests, broker, ...(autoCreate && {autoCreateTopicsEnable: autoCreate}), acls},
      durationMs: acl.durationMs,
    }),
  )
  return findings
}

const MSK_REGION = /\.kafka(?:-serverless)?\.([a-z0-9-]+)\.amazonaws\.com/i

function fixContextFor(profile: ConnectionProfile, principal: PrincipalView, kafkaPrefix: string | undefined): FixContext {
  const first = profile.bootstrap[0]
  const mechanism = profile.sasl?.mechanism.value
  const iam = profile.provider === 'msk' && (mechanism === 'OAUTHBEARER' || mechanism === 'AWS_MSK_IAM' || profile.bootstrap.some((b) => b.port === 9098 || b.port === 9198))
  const region = first && MSK_REGION.exec(first.host)?.[1]
  return {
    provider: profile.provider,
    principal,
    bootstrap: profile.bootstrap.map((b) => formatHostPort(b.host, b.port)).join(',') || 'HOST:PORT',
    iam,
    ...(region && {region}),
    ...(kafkaPrefix && {kafkaPrefix}),
    ...(profile.provider === 'confluent' && profile.sasl?.username && {apiKey: profile.sasl.username.value}),
  }
}

const RESOURCE_TYPE_NAMES = Object.fromEntries(Object.entries(AclResourceType).map(([k, v]) => [v, k])) as Record<number, string>
const PATTERN_NAMES = Object.fromEntries(Object.entries(AclPatternType).map(([k, v]) => [v, k])) as Record<number, string>
const PERMISSION_NAMES = Object.fromEntries(Object.entries(AclPermission).map(([k, v]) => [v, k])) as Record<number, string>
const LISTED_ACL_LIMIT = 500

/** The listed ACLs: the principal's own, or everyone's when its broker-side name is uncertain (principalFilter unset). */
export function aclListing(outcome: AclListOutcome | undefined, principalFilter: string | undefined): AclReport['acls'] {
  if (!outcome) return {listed: false, answer: 'not asked'}
  const out: AclReport['acls'] = {listed: outcome.verdict === 'allowed' && !outcome.noAuthorizer, answer: `${outcome.api} → ${outcome.answer}`, ...(principalFilter && {principalFilter})}
  if (outcome.noAuthorizer) out.noAuthorizer = true
  if (outcome.bindings) {
    out.bindings = outcome.bindings.slice(0, LISTED_ACL_LIMIT).map((b) => ({
      resourceType: RESOURCE_TYPE_NAMES[b.resourceType] ?? String(b.resourceType),
      name: b.resourceName,
      patternType: PATTERN_NAMES[b.patternType] ?? String(b.patternType),
      principal: b.principal,
      host: b.host,
      operation: ACL_OPERATION_NAMES[b.operation] ?? String(b.operation),
      permission: PERMISSION_NAMES[b.permissionType] ?? String(b.permissionType),
    }))
  }
  return out
}
