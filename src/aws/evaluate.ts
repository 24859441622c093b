// The pure path evaluator: PathFacts in, a verdict per hop out. No I/O, no clock, no SDK:
// every verdict can be replayed from a fixture. The order follows the issue and the
// Reachability Analyzer: route → client egress → broker ingress → network ACLs both ways.

import {classifyAddress} from '../net/address.js'
import {cidrContains, cidrsOverlap, hostCidr, prefixLength} from './cidr.js'
import type {EndpointFacts, Fact, NetworkAclFacts, PathFacts, PeeringFacts, RouteFacts, RouteTableFacts, TgwAttachmentFacts} from './facts.js'
import {acceptPeeringFix, aclFix, egressFix, ingressFix, routeFix} from './fixes.js'
import {type Peer, describeAclEntry, describePorts, describeRule, evaluateAcl, evaluateGroups, freeRuleNumber} from './rules.js'

export type HopName =
  | 'route'
  | 'return-route'
  | 'source-egress'
  | 'broker-ingress'
  | 'nacl-source-outbound'
  | 'nacl-broker-inbound'
  | 'nacl-broker-outbound'
  | 'nacl-source-inbound'

export type HopVerdict = 'allowed' | 'blocked' | 'unknown' | 'not-applicable'

/** The Reachability Analyzer's explanation codes for the same findings. */
export type AnalyzerCode = 'NO_ROUTE_TO_DESTINATION' | 'CANNOT_ROUTE' | 'ENI_SG_RULES_MISMATCH' | 'SUBNET_ACL_RESTRICTION'

export interface Hop {
  hop: HopName
  verdict: HopVerdict
  /** What decided: rtb-…, sg-…, acl-…, pcx-…, tgw-…. */
  resource?: string
  /** The rule, entry or route that decided, in words. */
  rule?: string
  /** One line: why. */
  detail: string
  code?: AnalyzerCode
  /** The IAM action whose absence made this hop unknown. */
  missingAction?: string
  /** A command that opens the hop. */
  fix?: string
  /** Rules that almost matched (another port, another peer): the likeliest typo. */
  nearMisses?: string[]
}

export type PathKind =
  | {kind: 'same-vpc'}
  | {kind: 'peering'; id: string; referencing: boolean}
  | {kind: 'transit-gateway'; id: string; referencing: boolean}
  | {kind: 'internet'}
  | {kind: 'unknown'}

export interface PathVerdict {
  verdict: 'allowed' | 'blocked' | 'unknown'
  hops: Hop[]
  via: PathKind
}

export const HOP_ORDER: readonly HopName[] = [
  'route',
  'return-route',
  'source-egress',
  'broker-ingress',
  'nacl-source-outbound',
  'nacl-broker-inbound',
  'nacl-broker-outbound',
  'nacl-source-inbound',
]

export const HOP_TITLES: Readonly<Record<HopName, string>> = {
  route: 'route client → broker',
  'return-route': 'route broker → client',
  'source-egress': 'client SG outbound',
  'broker-ingress': 'broker SG inbound',
  'nacl-source-outbound': 'client subnet ACL out',
  'nacl-broker-inbound': 'broker subnet ACL in',
  'nacl-broker-outbound': 'broker subnet ACL out (return)',
  'nacl-source-inbound': 'client subnet ACL in (return)',
}

/** Evaluates every hop of the path; blocked wins over unknown, unknown over allowed. */
export function evaluatePath(facts: PathFacts): PathVerdict {
  const forward = forwardRoute(facts)
  const hops: Hop[] = [forward.hop, returnRoute(facts, forward.via)]
  // Inside one VPC, group references work whatever the route tables say (the local route is always there).
  const sameVpc = Boolean(facts.source.interface && facts.broker.interface && facts.source.interface.vpcId === facts.broker.interface.vpcId)
  const refsVia: PathKind = sameVpc ? {kind: 'same-vpc'} : forward.via
  hops.push(groupsHop(facts, 'source-egress', refsVia), groupsHop(facts, 'broker-ingress', refsVia))
  hops.push(...aclHops(facts))
  const verdict = hops.some((h) => h.verdict === 'blocked') ? 'blocked' : hops.some((h) => h.verdict === 'unknown') ? 'unknown' : 'allowed'
  return {verdict, hops, via: forward.via}
}

/** The first blocked hop, else the first unknown one: what the one-line verdict names. */
export function decisiveHop(verdict: PathVerdict): Hop | undefined {
  return verdict.hops.find((h) => h.verdict === 'blocked') ?? verdict.hops.find((h) => h.verdict === 'unknown')
}

// ---- routes ------------------------------------------------------------------------------

function unknownHop(hop: HopName, fact: {reason: string; missingAction?: string}, what: string): Hop {
  return {hop, verdict: 'unknown', detail: `${what}: ${fact.reason}`, ...(fact.missingAction ? {missingAction: fact.missingAction} : {})}
}

interface BestRoute {
  route?: RouteFacts
  matched?: string
  unknown?: {reason: string; missingAction?: string}
}

/** Longest-prefix match over CIDR and prefix-list routes, active or blackhole. */
function bestRoute(table: RouteTableFacts, ip: string, prefixLists: PathFacts['prefixLists']): BestRoute {
  let best: RouteFacts | undefined
  let matched: string | undefined
  let length = -1
  let unreadList: BestRoute['unknown']
  for (const route of table.routes) {
    let cidrs: string[] = route.destination ? [route.destination] : []
    if (route.destinationPrefixListId) {
      const list = prefixLists[route.destinationPrefixListId]
      if (list?.known) cidrs = list.value
      else unreadList ??= {reason: `prefix list ${route.destinationPrefixListId} in ${table.id} could not be read${list ? ` (${list.reason})` : ''}`, ...(list && !list.known && list.missingAction ? {missingAction: list.missingAction} : {})}
    }

    for (const cidr of cidrs) {
      if (!cidrContains(cidr, ip) || prefixLength(cidr) <= length) continue
      best = route
      matched = cidr
      length = prefixLength(cidr)
    }
  }

  // A more specific prefix-list route could override anything but nothing we can see; say so.
  if (unreadList) return {unknown: unreadList}
  return {...(best ? {route: best} : {}), ...(matched ? {matched} : {})}
}

function describeTarget(route: RouteFacts): string {
  const t = route.target
  switch (t.kind) {
    case 'local':
      return 'local'
    case 'other':
      return `${t.what} ${t.id}`
    default:
      return t.id
  }
}

function describeRoute(table: RouteTableFacts, route: RouteFacts, matched?: string): string {
  const dest = route.destinationPrefixListId ? `${route.destinationPrefixListId} (${matched})` : (route.destination ?? matched ?? '?')
  return `${table.id}${table.main ? ' (main)' : ''}: ${dest} → ${describeTarget(route)}${route.state === 'blackhole' ? ' (blackhole)' : ''}`
}

const isPublic = (ip: string) => classifyAddress(ip) === 'public'

function vpcOf(side: EndpointFacts): string | undefined {
  return side.interface?.vpcId
}

/** A CIDR that stands for a side in a fix command: its VPC, its subnet, or just its address. */
function sideCidr(side: EndpointFacts, prefer: 'vpc' | 'subnet'): string | undefined {
  const choice = prefer === 'vpc' ? (side.vpcCidrs[0] ?? side.subnetCidrs[0]) : (side.subnetCidrs[0] ?? side.vpcCidrs[0])
  return choice ?? (side.ip ? hostCidr(side.ip) : undefined)
}

function peeringBetween(peerings: Fact<PeeringFacts[]>, a?: string, b?: string): PeeringFacts | undefined {
  if (!peerings.known || !a || !b) return undefined
  return peerings.value.find((p) => (p.requesterVpcId === a && p.accepterVpcId === b) || (p.requesterVpcId === b && p.accepterVpcId === a))
}

function sharedTransitGateway(attachments: Fact<TgwAttachmentFacts[]>, a?: string, b?: string): string | undefined {
  if (!attachments.known || !a || !b) return undefined
  const ofA = attachments.value.filter((x) => x.vpcId === a && x.state === 'available')
  return ofA.find((x) => attachments.value.some((y) => y.vpcId === b && y.transitGatewayId === x.transitGatewayId && y.state === 'available'))?.transitGatewayId
}

/** How to fix "no route": an existing peering or TGW when there is one, else the choices. */
function noRouteFix(f: PathFacts, table: RouteTableFacts, from: EndpointFacts, to: EndpointFacts): string {
  const destination = sideCidr(to, 'vpc')
  const peering = peeringBetween(f.peerings, vpcOf(from), vpcOf(to))
  if (peering && destination) {
    const route = routeFix(table.id, destination, {peeringId: peering.id}, f.region)
    return peering.status === 'active' ? route : `${acceptPeeringFix(peering.id, f.region)}, then ${route}`
  }

  const tgw = sharedTransitGateway(f.transitGatewayAttachments, vpcOf(from), vpcOf(to))
  if (tgw && destination) return routeFix(table.id, destination, {transitGatewayId: tgw}, f.region)
  return `connect ${vpcOf(from) ?? 'the client VPC'} and ${vpcOf(to) ?? "the broker's VPC"}: VPC peering (aws ec2 create-vpc-peering-connection --vpc-id ${vpcOf(from) ?? '<client-vpc>'} --peer-vpc-id ${vpcOf(to) ?? '<broker-vpc>'}), a Transit Gateway, or MSK multi-VPC private connectivity (ports 14001-14100); then add routes on both sides`
}

function forwardRoute(f: PathFacts): {hop: Hop; via: PathKind} {
  const {source, broker} = f
  const brokerIp = broker.ip ?? ''
  if (!source.interface && !source.outsideAws) {
    return {hop: {hop: 'route', verdict: 'unknown', detail: `the client's interface was not found: ${source.whyNoInterface ?? 'unknown reason'}`}, via: {kind: 'unknown'}}
  }

  if (!source.interface) {
    if (isPublic(brokerIp)) {
      return {hop: {hop: 'route', verdict: 'not-applicable', detail: `the client is in no VPC kdoctor can see (${source.whyNoInterface ?? 'no interface'}): it reaches the public address ${brokerIp} over the internet`}, via: {kind: 'internet'}}
    }

    return {
      hop: {
        hop: 'route',
        verdict: 'unknown',
        detail: `the client is in no VPC kdoctor can see (${source.whyNoInterface ?? 'no interface'}) and ${brokerIp} is a private address: only a VPN, Direct Connect or a network kdoctor can't see reaches it; from the internet use MSK public access (ports 9194/9196/9198), or run kdoctor inside the VPC`,
      },
      via: {kind: 'unknown'},
    }
  }

  const tableFact = f.routeTables.source
  if (!tableFact) return {hop: {hop: 'route', verdict: 'unknown', detail: "the client subnet's route table was not collected"}, via: {kind: 'unknown'}}
  if (!tableFact.known) return {hop: unknownHop('route', tableFact, "the client subnet's route table"), via: {kind: 'unknown'}}
  const table = tableFact.value
  const best = bestRoute(table, brokerIp, f.prefixLists)
  if (best.unknown) return {hop: unknownHop('route', best.unknown, `route to ${brokerIp}`), via: {kind: 'unknown'}}
  const route = best.route
  if (!route) {
    return {
      hop: {hop: 'route', verdict: 'blocked', resource: table.id, detail: `no route in ${table.id}${table.main ? ' (main)' : ''} covers ${brokerIp}`, code: 'NO_ROUTE_TO_DESTINATION', fix: noRouteFix(f, table, source, broker)},
      via: {kind: 'unknown'},
    }
  }

  const rule = describeRoute(table, route, best.matched)
  if (route.state === 'blackhole') {
    return {
      hop: {hop: 'route', verdict: 'blocked', resource: table.id, rule, detail: `the route to ${brokerIp} is a blackhole: its target ${describeTarget(route)} no longer exists or is not attached`, code: 'NO_ROUTE_TO_DESTINATION', fix: noRouteFix(f, table, source, broker)},
      via: {kind: 'unknown'},
    }
  }

  const farSideUnknown = (via: PathKind, how: string): {hop: Hop; via: PathKind} => ({
    hop: {hop: 'route', verdict: 'unknown', resource: table.id, rule, detail: `${how}, but ${broker.whyNoInterface ?? "the broker's interface was not found"}: the far side can't be checked`},
    via,
  })

  const target = route.target
  switch (target.kind) {
    case 'local': {
      if (!broker.interface) return farSideUnknown({kind: 'same-vpc'}, `${brokerIp} is inside the client's VPC (local route)`)
      if (broker.interface.vpcId === source.interface.vpcId) {
        return {hop: {hop: 'route', verdict: 'allowed', resource: table.id, rule, detail: `same VPC ${source.interface.vpcId}: the local route carries it`}, via: {kind: 'same-vpc'}}
      }

      return {
        hop: {hop: 'route', verdict: 'blocked', resource: table.id, rule, code: 'CANNOT_ROUTE', detail: `${brokerIp} lies inside the client VPC's own range (local route ${best.matched}) but the broker is in ${broker.interface.vpcId}: overlapping VPC ranges cannot be routed between`, fix: 'give the VPCs non-overlapping CIDR ranges, or use MSK multi-VPC private connectivity (PrivateLink, ports 14001-14100), which works across overlapping ranges'},
        via: {kind: 'unknown'},
      }
    }

    case 'peering': {
      if (!f.peerings.known) return {hop: unknownHop('route', f.peerings, `route via ${target.id}`), via: {kind: 'unknown'}}
      const peering = f.peerings.value.find((p) => p.id === target.id)
      if (!peering) return {hop: {hop: 'route', verdict: 'unknown', resource: table.id, rule, detail: `${target.id} is not visible to this account (owned by another account?)`}, via: {kind: 'unknown'}}
      const sourceVpc = source.interface.vpcId
      const other = peering.requesterVpcId === sourceVpc ? peering.accepterVpcId : peering.accepterVpcId === sourceVpc ? peering.requesterVpcId : undefined
      const referencing = !peering.requesterRegion || !peering.accepterRegion || peering.requesterRegion === peering.accepterRegion
      const via: PathKind = {kind: 'peering', id: peering.id, referencing}
      if (peering.status !== 'active') {
        return {
          hop: {hop: 'route', verdict: 'blocked', resource: peering.id, rule, code: 'NO_ROUTE_TO_DESTINATION', detail: `peering ${peering.id} is ${peering.status}, not active`, fix: peering.status === 'pending-acceptance' ? acceptPeeringFix(peering.id, peering.accepterRegion ?? f.region) : `create a new peering connection: ${peering.id} is ${peering.status}`},
          via,
        }
      }

      if (!broker.interface) return farSideUnknown(via, `the route goes over ${peering.id} to ${other}`)
      if (other !== broker.interface.vpcId) {
        return {
          hop: {hop: 'route', verdict: 'blocked', resource: table.id, rule, code: 'CANNOT_ROUTE', detail: `${peering.id} connects ${sourceVpc} with ${other ?? 'another VPC'}, not with the broker's ${broker.interface.vpcId}`, fix: noRouteFix(f, table, source, broker)},
          via: {kind: 'unknown'},
        }
      }

      return {hop: {hop: 'route', verdict: 'allowed', resource: table.id, rule, detail: `over active peering ${peering.id} to ${other}`}, via}
    }

    case 'transit-gateway':
      return transitForward(f, table, route, rule)

    case 'internet-gateway': {
      if (isPublic(brokerIp)) return {hop: {hop: 'route', verdict: 'allowed', resource: table.id, rule, detail: `to the public address ${brokerIp} through internet gateway ${target.id}`}, via: {kind: 'internet'}}
      return {
        hop: {hop: 'route', verdict: 'blocked', resource: table.id, rule, code: 'CANNOT_ROUTE', detail: `${brokerIp} is private but its best route goes to internet gateway ${target.id}, which does not carry private addresses`, fix: noRouteFix(f, table, source, broker)},
        via: {kind: 'unknown'},
      }
    }

    case 'nat-gateway': {
      if (isPublic(brokerIp)) {
        return {hop: {hop: 'route', verdict: 'unknown', resource: table.id, rule, detail: `through NAT gateway ${target.id}: the broker sees the NAT's public address, which kdoctor does not look up; check the broker's security group allows it`}, via: {kind: 'internet'}}
      }

      return {
        hop: {hop: 'route', verdict: 'blocked', resource: table.id, rule, code: 'CANNOT_ROUTE', detail: `${brokerIp} is private but its best route goes to NAT gateway ${target.id}, which cannot reach another network's private addresses`, fix: noRouteFix(f, table, source, broker)},
        via: {kind: 'unknown'},
      }
    }

    default:
      return {
        hop: {hop: 'route', verdict: 'unknown', resource: table.id, rule, detail: `routed to ${describeTarget(route)} (an appliance, VPN or endpoint): kdoctor can't follow it; --deep asks the Reachability Analyzer`},
        via: {kind: 'unknown'},
      }
  }
}

function transitForward(f: PathFacts, table: RouteTableFacts, route: RouteFacts, rule: string): {hop: Hop; via: PathKind} {
  const target = route.target as {kind: 'transit-gateway'; id: string}
  const {source, broker} = f
  const brokerIp = broker.ip ?? ''
  if (!f.transitGatewayAttachments.known) return {hop: unknownHop('route', f.transitGatewayAttachments, `route via ${target.id}`), via: {kind: 'unknown'}}
  const attachments = f.transitGatewayAttachments.value.filter((a) => a.transitGatewayId === target.id)
  const from = attachments.find((a) => a.vpcId === source.interface?.vpcId)
  if (!broker.interface) return farSideUnknown()
  const to = attachments.find((a) => a.vpcId === broker.interface!.vpcId)
  const via: PathKind = {kind: 'transit-gateway', id: target.id, referencing: Boolean(from?.securityGroupReferencing && to?.securityGroupReferencing)}
  const blocked = (detail: string, fix?: string, code: AnalyzerCode = 'CANNOT_ROUTE'): {hop: Hop; via: PathKind} => ({hop: {hop: 'route', verdict: 'blocked', resource: target.id, rule, code, detail, ...(fix ? {fix} : {})}, via})
  if (!from) return blocked(`${source.interface?.vpcId} has no attachment on ${target.id}`)
  if (!to) return blocked(`the broker's ${broker.interface.vpcId} has no attachment on ${target.id}`, `aws ec2 create-transit-gateway-vpc-attachment --transit-gateway-id ${target.id} --vpc-id ${broker.interface.vpcId} --subnet-ids ${broker.interface.subnetId}${f.region ? ` --region ${f.region}` : ''}`)
  for (const a of [from, to]) if (a.state !== 'available') return blocked(`attachment ${a.id} (${a.vpcId}) is ${a.state}`)
  const tgw = transitRoute(f, from, brokerIp, to)
  if (tgw.verdict !== 'allowed') return {hop: {hop: 'route', resource: tgw.resource ?? target.id, rule, ...tgw}, via}
  return {hop: {hop: 'route', verdict: 'allowed', resource: table.id, rule, detail: `${target.id}, then ${tgw.detail}`}, via}

  function farSideUnknown(): {hop: Hop; via: PathKind} {
    return {hop: {hop: 'route', verdict: 'unknown', resource: table.id, rule, detail: `the route goes to ${target.id}, but ${broker.whyNoInterface ?? "the broker's interface was not found"}: the far side can't be checked`}, via: {kind: 'unknown'}}
  }
}

/** The Transit Gateway's own route table, from the attachment the packet enters by. */
function transitRoute(f: PathFacts, entry: TgwAttachmentFacts, ip: string, exit: TgwAttachmentFacts): Omit<Hop, 'hop'> {
  const expectedVpc = exit.vpcId
  if (!entry.routeTableId) return {verdict: 'blocked', code: 'NO_ROUTE_TO_DESTINATION', detail: `attachment ${entry.id} is associated with no Transit Gateway route table`}
  const routes = f.transitGatewayRoutes[entry.routeTableId]
  if (!routes) return {verdict: 'unknown', resource: entry.routeTableId, detail: `Transit Gateway route table ${entry.routeTableId} was not collected`}
  if (!routes.known) return {verdict: 'unknown', resource: entry.routeTableId, detail: `Transit Gateway route table ${entry.routeTableId}: ${routes.reason}`, ...(routes.missingAction ? {missingAction: routes.missingAction} : {})}
  const best = routes.value.filter((r) => cidrContains(r.destination, ip)).sort((a, b) => prefixLength(b.destination) - prefixLength(a.destination))[0]
  if (!best) {
    const cidr = (expectedVpc === f.broker.interface?.vpcId ? f.broker.vpcCidrs[0] : f.source.vpcCidrs[0]) ?? `<cidr of ${expectedVpc}>`
    return {verdict: 'blocked', resource: entry.routeTableId, code: 'NO_ROUTE_TO_DESTINATION', detail: `Transit Gateway route table ${entry.routeTableId} has no route to ${ip}`, fix: `aws ec2 create-transit-gateway-route --transit-gateway-route-table-id ${entry.routeTableId} --destination-cidr-block ${cidr} --transit-gateway-attachment-id ${exit.id}${f.region ? ` --region ${f.region}` : ''}`}
  }
  if (best.state === 'blackhole') return {verdict: 'blocked', resource: entry.routeTableId, code: 'NO_ROUTE_TO_DESTINATION', detail: `Transit Gateway route ${best.destination} in ${entry.routeTableId} is a blackhole`}
  if (best.resourceIds.length === 0 && best.attachmentIds.length === 0) {
    return {verdict: 'unknown', resource: entry.routeTableId, detail: `Transit Gateway route ${best.destination} in ${entry.routeTableId} names no attachment: kdoctor can't tell where it leads`}
  }

  if (!best.resourceIds.includes(expectedVpc) && !best.attachmentIds.includes(exit.id)) {
    return {verdict: 'unknown', resource: entry.routeTableId, detail: `Transit Gateway route table ${entry.routeTableId} sends ${best.destination} to ${[...best.resourceIds, ...best.attachmentIds].join(', ')}, not ${expectedVpc} (an inspection or firewall VPC?): kdoctor can't follow it`}
  }

  return {verdict: 'allowed', resource: entry.routeTableId, detail: `${entry.routeTableId} sends ${best.destination} to ${expectedVpc}`}
}

function returnRoute(f: PathFacts, via: PathKind): Hop {
  const {source, broker} = f
  const hop = 'return-route'
  const sourceIp = source.ip
  if (!broker.interface) return {hop, verdict: 'unknown', detail: broker.whyNoInterface ?? "the broker's interface was not found"}
  if (via.kind === 'same-vpc') return {hop, verdict: 'allowed', detail: 'same VPC: the local route carries the replies'}
  if (via.kind === 'unknown' && source.interface) return {hop, verdict: 'unknown', detail: 'depends on the forward route, which is not settled'}
  if (!source.interface && !isPublic(broker.ip ?? '')) return {hop, verdict: 'unknown', detail: 'the client is in no VPC kdoctor can see and the broker address is private (see the forward route)'}

  const tableFact = f.routeTables.broker
  if (!tableFact) return {hop, verdict: 'unknown', detail: "the broker subnet's route table was not collected"}
  if (!tableFact.known) return unknownHop(hop, tableFact, "the broker subnet's route table")
  const table = tableFact.value

  if (via.kind === 'internet') {
    // Replies to a public client leave through an internet gateway (or the broker has no public path at all).
    const best = sourceIp ? bestRoute(table, sourceIp, f.prefixLists) : {route: table.routes.find((r) => r.destination === '0.0.0.0/0')}
    if (best.unknown) return unknownHop(hop, best.unknown, 'route back to the client')
    const route = best.route
    if (route?.target.kind === 'internet-gateway' && route.state === 'active') return {hop, verdict: 'allowed', resource: table.id, rule: describeRoute(table, route, best.matched), detail: `replies leave through internet gateway ${route.target.id}`}
    if (!route) return {hop, verdict: 'blocked', resource: table.id, code: 'NO_ROUTE_TO_DESTINATION', detail: `no route in ${table.id} back to ${sourceIp ?? 'the internet'}: the broker subnet is not public`, fix: routeFix(table.id, '0.0.0.0/0', {gatewayId: '<igw-id>'}, f.region)}
    return {hop, verdict: 'blocked', resource: table.id, rule: describeRoute(table, route, best.matched), code: 'CANNOT_ROUTE', detail: `replies to ${sourceIp ?? 'the internet'} go to ${describeTarget(route)}, not an internet gateway: MSK public access needs public subnets`}
  }

  if (!sourceIp) return {hop, verdict: 'unknown', detail: "the client's address is unknown"}
  const best = bestRoute(table, sourceIp, f.prefixLists)
  if (best.unknown) return unknownHop(hop, best.unknown, 'route back to the client')
  const route = best.route
  const wanted = via.kind === 'peering' ? {peeringId: via.id} : via.kind === 'transit-gateway' ? {transitGatewayId: via.id} : undefined
  const backCidr = sideCidr(source, 'vpc') ?? hostCidr(sourceIp)
  const fix = wanted ? routeFix(table.id, backCidr, wanted, f.region) : undefined
  if (!route) return {hop, verdict: 'blocked', resource: table.id, code: 'NO_ROUTE_TO_DESTINATION', detail: `no route in ${table.id}${table.main ? ' (main)' : ''} back to ${sourceIp}: replies from the broker are lost`, ...(fix ? {fix} : {})}
  const rule = describeRoute(table, route, best.matched)
  if (route.state === 'blackhole') return {hop, verdict: 'blocked', resource: table.id, rule, code: 'NO_ROUTE_TO_DESTINATION', detail: `the route back to ${sourceIp} is a blackhole`, ...(fix ? {fix} : {})}
  const target = route.target
  if (via.kind === 'peering' && target.kind === 'peering' && target.id === via.id) return {hop, verdict: 'allowed', resource: table.id, rule, detail: `replies return over ${via.id}`}
  if (via.kind === 'transit-gateway' && target.kind === 'transit-gateway' && target.id === via.id) {
    if (!f.transitGatewayAttachments.known) return unknownHop(hop, f.transitGatewayAttachments, 'Transit Gateway attachments')
    const entry = f.transitGatewayAttachments.value.find((a) => a.transitGatewayId === via.id && a.vpcId === broker.interface?.vpcId)
    const exit = f.transitGatewayAttachments.value.find((a) => a.transitGatewayId === via.id && a.vpcId === source.interface?.vpcId)
    if (!entry || !exit) return {hop, verdict: 'unknown', resource: via.id, rule, detail: "the VPCs' attachments were not found"}
    const tgw = transitRoute(f, entry, sourceIp, exit)
    return {hop, resource: tgw.resource ?? via.id, rule, ...tgw, detail: tgw.verdict === 'allowed' ? `${via.id}, then ${tgw.detail}` : tgw.detail}
  }

  if (target.kind === 'local' && source.interface && cidrsOverlap(best.matched ?? '', sourceIp)) {
    return {hop, verdict: 'blocked', resource: table.id, rule, code: 'CANNOT_ROUTE', detail: `${sourceIp} lies inside the broker VPC's own range: replies stay in ${broker.interface.vpcId} (overlapping ranges)`}
  }

  return {hop, verdict: 'blocked', resource: table.id, rule, code: 'CANNOT_ROUTE', detail: `replies to ${sourceIp} go to ${describeTarget(route)}, not back the way they came (${wanted?.peeringId ?? wanted?.transitGatewayId ?? '?'})`, ...(fix ? {fix} : {})}
}

// ---- security groups ---------------------------------------------------------------------

function referencesFor(via: PathKind, peerInAws: boolean): Pick<Peer, 'referencesMatch' | 'whyNoReferences'> {
  if (!peerInAws) return {referencesMatch: false, whyNoReferences: 'the other side has no interface kdoctor can see'}
  switch (via.kind) {
    case 'same-vpc':
      return {referencesMatch: true}
    case 'peering':
      return via.referencing ? {referencesMatch: true} : {referencesMatch: false, whyNoReferences: `security group references do not work over inter-Region peering ${via.id}`}
    case 'transit-gateway':
      return via.referencing ? {referencesMatch: true} : {referencesMatch: false, whyNoReferences: `security group referencing is off on the ${via.id} attachments`}
    case 'internet':
      return {referencesMatch: false, whyNoReferences: 'traffic crosses the internet'}
    default:
      return {referencesMatch: 'unknown', whyNoReferences: 'the route between the VPCs, which is not settled'}
  }
}

function groupsHop(f: PathFacts, hop: 'source-egress' | 'broker-ingress', via: PathKind): Hop {
  const egress = hop === 'source-egress'
  const own = egress ? f.source : f.broker
  const other = egress ? f.broker : f.source
  if (!own.interface) {
    if (egress && own.outsideAws) return {hop, verdict: 'not-applicable', detail: `the client is outside AWS (${own.whyNoInterface ?? 'no interface'}): no security group on its side`}
    if (egress) return {hop, verdict: 'unknown', detail: `the client's interface was not found: ${own.whyNoInterface ?? 'unknown reason'}`}
    return {hop, verdict: 'unknown', detail: own.whyNoInterface ?? "the broker's interface was not found"}
  }

  if (!f.securityGroups.known) return unknownHop(hop, f.securityGroups, 'security groups')
  const groups = f.securityGroups.value
  const refs = referencesFor(via, Boolean(other.interface))
  const peer: Peer = {groupIds: other.interface?.groupIds ?? [], ...refs, ...(other.ip ? {ip: other.ip} : {})}
  const outcome = evaluateGroups(own.interface.groupIds, groups, egress, f.port, peer, f.prefixLists)
  const names = own.interface.groupIds.map((id) => (groups[id]?.name ? `${id} (${groups[id]!.name})` : id)).join(', ')
  const resource = own.interface.groupIds.join(', ')
  if (outcome.verdict === 'allowed') {
    return {hop, verdict: 'allowed', resource: outcome.allowedBy!.groupId, rule: describeRule(outcome.allowedBy!), detail: `${egress ? 'outbound' : 'inbound'} tcp ${f.port} allowed by ${outcome.allowedBy!.id}`}
  }

  const nearMisses = outcome.nearMisses.map(describeRule)
  if (outcome.verdict === 'unknown') {
    return {hop, verdict: 'unknown', resource, detail: outcome.unknownBecause ?? 'undecided', ...(outcome.missingAction ? {missingAction: outcome.missingAction} : {}), ...(nearMisses.length > 0 ? {nearMisses} : {})}
  }

  const peerWords = [other.ip, refs.referencesMatch === true && peer.groupIds.length > 0 ? peer.groupIds.join(', ') : undefined].filter(Boolean).join(' / ') || 'the client'
  const refNote = refs.referencesMatch === false && refs.whyNoReferences && outcome.nearMisses.some((r) => r.referencedGroupId) ? ` (group references can't match: ${refs.whyNoReferences})` : ''
  const closest = outcome.nearMisses[0]
  const hint = closest ? `; closest: ${closest.id} allows ${describePorts(closest)} ${egress ? 'to' : 'from'} ${closest.cidrIpv4 ?? closest.cidrIpv6 ?? closest.prefixListId ?? closest.referencedGroupId}` : ''
  const groupId = own.interface.groupIds[0]
  const peerGroup = refs.referencesMatch === true ? other.interface?.groupIds[0] : undefined
  let fix: string | undefined
  if (groupId) {
    fix = egress
      ? egressFix(groupId, f.port, peerGroup ? {groupId: peerGroup} : {cidr: other.ip ? hostCidr(other.ip) : '<broker-ip>/32'}, f.region)
      : ingressFix(groupId, f.port, peerGroup ? {groupId: peerGroup} : {cidr: (other.interface ? sideCidr(other, 'subnet') : undefined) ?? (other.ip ? hostCidr(other.ip) : '<client-public-ip>/32')}, f.region)
  }

  return {
    hop,
    verdict: 'blocked',
    resource,
    code: 'ENI_SG_RULES_MISMATCH',
    detail: `${names} has no ${egress ? 'outbound' : 'inbound'} rule for tcp ${f.port} ${egress ? 'to' : 'from'} ${peerWords}${refNote}${hint}`,
    ...(fix ? {fix} : {}),
    ...(nearMisses.length > 0 ? {nearMisses} : {}),
  }
}

// ---- network ACLs ------------------------------------------------------------------------

function aclHops(f: PathFacts): Hop[] {
  const {source, broker} = f
  const sameSubnet = Boolean(source.interface && broker.interface && source.interface.subnetId === broker.interface.subnetId)
  const service = {from: f.port, to: f.port}
  const ephemeral = {from: f.ephemeralPorts.from, to: f.ephemeralPorts.to}
  const plan: [HopName, 'source' | 'broker', boolean, {from: number; to: number}][] = [
    ['nacl-source-outbound', 'source', true, service],
    ['nacl-broker-inbound', 'broker', false, service],
    ['nacl-broker-outbound', 'broker', true, ephemeral],
    ['nacl-source-inbound', 'source', false, ephemeral],
  ]
  return plan.map(([hop, side, egress, ports]) => {
    if (sameSubnet) return {hop, verdict: 'not-applicable', detail: 'same subnet: network ACLs only filter traffic that enters or leaves a subnet'}
    const own = side === 'source' ? source : broker
    const other = side === 'source' ? broker : source
    if (!own.interface) {
      if (side === 'source' && !own.outsideAws) return {hop, verdict: 'unknown', detail: `the client's interface was not found: ${own.whyNoInterface ?? 'unknown reason'}`}
      return side === 'source' ? {hop, verdict: 'not-applicable', detail: 'the client is outside AWS: no subnet on its side'} : {hop, verdict: 'unknown', detail: own.whyNoInterface ?? "the broker's interface was not found"}
    }

    const fact = f.networkAcls[side]
    if (!fact) return {hop, verdict: 'unknown', detail: `the ${side === 'source' ? 'client' : 'broker'} subnet's network ACL was not collected`}
    if (!fact.known) return unknownHop(hop, fact, `the ${side === 'source' ? 'client' : 'broker'} subnet's network ACL`)
    return aclHop(f, hop, fact.value, egress, other, ports)
  })
}

function aclHop(f: PathFacts, hop: HopName, acl: NetworkAclFacts, egress: boolean, other: EndpointFacts, ports: {from: number; to: number}): Hop {
  const outcome = evaluateAcl(acl.entries, egress, other.ip, ports)
  const isReturn = ports.from !== f.port || ports.to !== f.port
  const portWords = isReturn ? `the client's ephemeral ports ${ports.from}-${ports.to} (${f.ephemeralPorts.source})` : `tcp ${f.port}`
  const peerWords = other.ip ?? 'the client'
  if (outcome.verdict === 'allowed') {
    return {hop, verdict: 'allowed', resource: acl.id, rule: outcome.allowedBy.map(describeAclEntry).join('; '), detail: `${egress ? 'outbound' : 'inbound'} ${portWords} ${egress ? 'to' : 'from'} ${peerWords} allowed`}
  }

  if (outcome.verdict === 'unknown') return {hop, verdict: 'unknown', resource: acl.id, detail: outcome.unknownBecause ?? 'undecided'}
  const denied = outcome.deniedBy
  const deniedPorts = outcome.deniedPorts ?? ports
  const which = denied ? describeAclEntry(denied) : 'rule * (the implicit deny)'
  const rangeWords = deniedPorts.from === deniedPorts.to ? `port ${deniedPorts.from}` : `ports ${deniedPorts.from}-${deniedPorts.to}`
  // AWS's advice for return traffic is 1024-65535, which covers every client OS and NAT gateways.
  const fixPorts = isReturn ? {from: 1024, to: 65_535} : ports
  const cidr = sideCidr(other, 'subnet') ?? '<client-cidr>'
  const ruleNumber = freeRuleNumber(acl.entries, egress, denied?.ruleNumber ?? 32_767)
  return {
    hop,
    verdict: 'blocked',
    resource: acl.id,
    rule: which,
    code: 'SUBNET_ACL_RESTRICTION',
    detail: `${acl.id}${acl.isDefault ? ' (default)' : ''} ${egress ? 'outbound' : 'inbound'}: ${rangeWords} ${egress ? 'to' : 'from'} ${peerWords} hit ${which}${isReturn ? ' — the replies are dropped' : ''}`,
    fix: aclFix(acl.id, {egress, ruleNumber}, fixPorts, cidr, f.region),
  }
}
