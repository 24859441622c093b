// Matching one packet (or one range of ports) against security group rules and network ACL
// entries, exactly as EC2 does: any security group rule may allow (they are stateful and
// permissive), ACL entries are read in rule-number order and the first match decides, with the
// implicit final deny (rule "*", 32767) behind them.

import {cidrContains} from './cidr.js'
import type {Fact, NetworkAclEntry, SecurityGroupFacts, SecurityGroupRule} from './facts.js'

/** The other end of a rule check: its address (if known) and its security groups. */
export interface Peer {
  ip?: string
  groupIds: string[]
  /** Whether security-group references can match this peer (same VPC, peering, TGW with referencing). */
  referencesMatch: boolean | 'unknown'
  /** Why references cannot match, for the explanation ("over the internet", "TGW without SG referencing"). */
  whyNoReferences?: string
}

export const ALL_ADDRESSES = new Set(['0.0.0.0/0', '::/0'])

const TCP_PROTOCOLS = new Set(['-1', 'tcp', '6', 'all'])

export function ruleCoversPort(rule: Pick<SecurityGroupRule, 'protocol' | 'fromPort' | 'toPort'>, port: number): boolean {
  if (!TCP_PROTOCOLS.has(rule.protocol.toLowerCase())) return false
  if (rule.protocol === '-1' || rule.protocol.toLowerCase() === 'all') return true
  const from = rule.fromPort ?? -1
  const to = rule.toPort ?? -1
  if (from === -1 && to === -1) return true
  return from <= port && port <= to
}

type PeerMatch = 'yes' | 'no' | {unknown: string; missingAction?: string}

function rulePeerMatches(rule: SecurityGroupRule, peer: Peer, prefixLists: Record<string, Fact<string[]>>): PeerMatch {
  const cidr = rule.cidrIpv4 ?? rule.cidrIpv6
  if (cidr) {
    if (ALL_ADDRESSES.has(cidr) && (!peer.ip || peer.ip.includes(':') === cidr.includes(':'))) return 'yes'
    if (!peer.ip) return {unknown: "the client's address is unknown (pass --source-ip)"}
    return cidrContains(cidr, peer.ip) ? 'yes' : 'no'
  }

  if (rule.prefixListId) {
    const list = prefixLists[rule.prefixListId]
    if (!list || !list.known) {
      return {unknown: `prefix list ${rule.prefixListId} could not be read${list && !list.known ? ` (${list.reason})` : ''}`, missingAction: list && !list.known ? list.missingAction : undefined}
    }

    if (!peer.ip) return list.value.some((c) => ALL_ADDRESSES.has(c)) ? 'yes' : {unknown: "the client's address is unknown (pass --source-ip)"}
    return list.value.some((c) => cidrContains(c, peer.ip!)) ? 'yes' : 'no'
  }

  if (rule.referencedGroupId) {
    if (!peer.groupIds.includes(rule.referencedGroupId)) return 'no'
    if (peer.referencesMatch === 'unknown') return {unknown: `whether ${rule.referencedGroupId} can match depends on ${peer.whyNoReferences ?? 'the route'}`}
    return peer.referencesMatch ? 'yes' : 'no'
  }

  return 'no'
}

/** "tcp 9096", "tcp 9092-9098", "all traffic". */
export function describePorts(rule: Pick<SecurityGroupRule, 'protocol' | 'fromPort' | 'toPort'>): string {
  const protocol = rule.protocol.toLowerCase()
  if (protocol === '-1' || protocol === 'all') return 'all traffic'
  const name = protocol === '6' ? 'tcp' : protocol === '17' ? 'udp' : protocol
  if (rule.fromPort === undefined || rule.fromPort === -1) return `${name} all ports`
  return rule.fromPort === rule.toPort ? `${name} ${rule.fromPort}` : `${name} ${rule.fromPort}-${rule.toPort}`
}

export function describePeer(rule: SecurityGroupRule): string {
  if (rule.cidrIpv4) return rule.cidrIpv4
  if (rule.cidrIpv6) return rule.cidrIpv6
  if (rule.prefixListId) return `prefix list ${rule.prefixListId}`
  if (rule.referencedGroupId) return `${rule.referencedGroupId}${rule.referencedPeeringId ? ` over ${rule.referencedPeeringId}` : ''}`
  return 'nothing'
}

/** "sgr-0ab (sg-123): tcp 9096 from sg-app". */
export function describeRule(rule: SecurityGroupRule): string {
  return `${rule.id} (${rule.groupId}): ${describePorts(rule)} ${rule.egress ? 'to' : 'from'} ${describePeer(rule)}`
}

export interface GroupsOutcome {
  verdict: 'allowed' | 'blocked' | 'unknown'
  allowedBy?: SecurityGroupRule
  /** Rules that match the peer on another port, or the port from another peer. */
  nearMisses: SecurityGroupRule[]
  unknownBecause?: string
  missingAction?: string
}

/** Does any rule of these groups allow TCP to/from the peer on the port (one direction)? */
export function evaluateGroups(
  groupIds: string[],
  groups: Record<string, SecurityGroupFacts>,
  egress: boolean,
  port: number,
  peer: Peer,
  prefixLists: Record<string, Fact<string[]>>,
): GroupsOutcome {
  const nearMisses: SecurityGroupRule[] = []
  let undecided: {unknown: string; missingAction?: string} | undefined
  const missingGroups = groupIds.filter((id) => !groups[id])
  for (const id of groupIds) {
    for (const rule of groups[id]?.rules ?? []) {
      if (rule.egress !== egress) continue
      const portOk = ruleCoversPort(rule, port)
      const match = rulePeerMatches(rule, peer, prefixLists)
      if (portOk && match === 'yes') return {verdict: 'allowed', allowedBy: rule, nearMisses: []}
      if (portOk && typeof match === 'object') undecided ??= match
      else if (portOk || (match === 'yes' && TCP_PROTOCOLS.has(rule.protocol.toLowerCase()))) nearMisses.push(rule)
    }
  }

  if (undecided) return {verdict: 'unknown', nearMisses, unknownBecause: undecided.unknown, ...(undecided.missingAction ? {missingAction: undecided.missingAction} : {})}
  if (missingGroups.length > 0) return {verdict: 'unknown', nearMisses, unknownBecause: `security group ${missingGroups.join(', ')} could not be read (another account?)`}
  // Peer-matching rules first: "allows 9098 from your group, not 9096" is the likeliest mistake.
  nearMisses.sort((a, b) => Number(rulePeerMatches(b, peer, prefixLists) === 'yes') - Number(rulePeerMatches(a, peer, prefixLists) === 'yes'))
  return {verdict: 'blocked', nearMisses: nearMisses.slice(0, 3)}
}

/** The implicit final rule of every network ACL, in both directions. */
export const IMPLICIT_DENY_RULE = 32_767

export interface AclOutcome {
  verdict: 'allowed' | 'blocked' | 'unknown'
  /** The entries that allowed (parts of) the range, in order. */
  allowedBy: NetworkAclEntry[]
  /** The entry that denied, 32767 for the implicit deny. */
  deniedBy?: NetworkAclEntry
  /** The part of the range that is denied. */
  deniedPorts?: {from: number; to: number}
  unknownBecause?: string
}

function entryCoversAddress(entry: NetworkAclEntry, ip: string | undefined): boolean | 'unknown' {
  const cidr = entry.cidr ?? entry.ipv6Cidr
  if (!cidr) return false
  if (ALL_ADDRESSES.has(cidr)) return !ip || ip.includes(':') === cidr.includes(':')
  if (!ip) return 'unknown'
  return cidrContains(cidr, ip)
}

function entryPorts(entry: NetworkAclEntry): {from: number; to: number} {
  if (entry.protocol === '-1' || entry.fromPort === undefined || entry.toPort === undefined) return {from: 0, to: 65_535}
  return {from: entry.fromPort, to: entry.toPort}
}

/**
 * Evaluates a port range (one port, or the client's ephemeral ports) in one direction of a
 * network ACL: entries in rule-number order, the first that covers a port decides it, the
 * implicit deny last. Blocked as soon as any port of the range is denied.
 */
export function evaluateAcl(entries: NetworkAclEntry[], egress: boolean, peerIp: string | undefined, ports: {from: number; to: number}): AclOutcome {
  const ordered = entries.filter((e) => e.egress === egress).sort((a, b) => a.ruleNumber - b.ruleNumber)
  // moto (and some exports) list only the entries that were created: the implicit deny is always there.
  if (!ordered.some((e) => e.ruleNumber === IMPLICIT_DENY_RULE && (e.cidr ?? '') === '0.0.0.0/0')) {
    ordered.push({ruleNumber: IMPLICIT_DENY_RULE, egress, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0'})
  }

  if (peerIp?.includes(':') && !ordered.some((e) => e.ruleNumber === IMPLICIT_DENY_RULE && e.ipv6Cidr === '::/0')) {
    ordered.push({ruleNumber: IMPLICIT_DENY_RULE, egress, protocol: '-1', action: 'deny', ipv6Cidr: '::/0'})
  }

  let remaining: {from: number; to: number}[] = [ports]
  const allowedBy: NetworkAclEntry[] = []
  for (const entry of ordered) {
    if (entry.protocol !== '-1' && entry.protocol !== '6') continue
    const covers = entryCoversAddress(entry, peerIp)
    if (covers === false) continue
    if (covers === 'unknown') return {verdict: 'unknown', allowedBy, unknownBecause: `rule ${entry.ruleNumber} depends on the client's address, which is unknown (pass --source-ip)`}
    const range = entryPorts(entry)
    const hit = remaining.map((r) => ({from: Math.max(r.from, range.from), to: Math.min(r.to, range.to)})).filter((r) => r.from <= r.to)
    if (hit.length === 0) continue
    if (entry.action === 'deny') return {verdict: 'blocked', allowedBy, deniedBy: entry, deniedPorts: hit[0]!}
    allowedBy.push(entry)
    remaining = remaining.flatMap((r) => subtract(r, range))
    if (remaining.length === 0) return {verdict: 'allowed', allowedBy}
  }

  // Unreachable while the implicit deny is appended, kept for safety.
  return {verdict: 'blocked', allowedBy, deniedPorts: remaining[0]!}
}

function subtract(r: {from: number; to: number}, cut: {from: number; to: number}): {from: number; to: number}[] {
  if (cut.to < r.from || cut.from > r.to) return [r]
  const parts: {from: number; to: number}[] = []
  if (cut.from > r.from) parts.push({from: r.from, to: cut.from - 1})
  if (cut.to < r.to) parts.push({from: cut.to + 1, to: r.to})
  return parts
}

/** "rule 100 allow tcp 9096 from 10.0.2.0/24", "rule * (the implicit deny) from 0.0.0.0/0". */
export function describeAclEntry(entry: NetworkAclEntry): string {
  if (entry.ruleNumber === IMPLICIT_DENY_RULE && entry.action === 'deny') return `rule * (the implicit deny) ${entry.egress ? 'to' : 'from'} ${entry.cidr ?? entry.ipv6Cidr ?? '?'}`
  const number = String(entry.ruleNumber)
  const what = entry.protocol === '-1' ? 'all traffic' : `${entry.protocol === '6' ? 'tcp' : `protocol ${entry.protocol}`} ${entry.fromPort === entry.toPort ? entry.fromPort : `${entry.fromPort}-${entry.toPort}`}`
  return `rule ${number} ${entry.action} ${what} ${entry.egress ? 'to' : 'from'} ${entry.cidr ?? entry.ipv6Cidr ?? '?'}`
}

/** A free rule number that comes before `before`, for a fix command (multiples of 10 preferred). */
export function freeRuleNumber(entries: NetworkAclEntry[], egress: boolean, before: number): number {
  const used = new Set(entries.filter((e) => e.egress === egress).map((e) => e.ruleNumber))
  if (before === IMPLICIT_DENY_RULE) {
    const highest = Math.max(0, ...[...used].filter((n) => n < IMPLICIT_DENY_RULE))
    const next = Math.floor(highest / 10) * 10 + 10
    if (next < IMPLICIT_DENY_RULE && !used.has(next)) return next
  }

  const previous = Math.max(0, ...[...used].filter((n) => n < before))
  for (let n = Math.floor((before - 1) / 10) * 10; n > previous; n -= 10) if (!used.has(n)) return n
  for (let n = before - 1; n >= 1; n--) if (!used.has(n)) return n
  return 1
}
