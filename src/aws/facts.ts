// What kdoctor knows about the network between the client and a broker, in plain data. The
// collectors (collect.ts) fill it from the EC2 API; the evaluator (evaluate.ts) reads it and
// nothing else, so every verdict can be reproduced from a fixture.

/** A fact from the EC2 API, or why kdoctor does not have it (never a guess). */
export type Fact<T> = {known: true; value: T} | {known: false; reason: string; missingAction?: string}

export const known = <T>(value: T): Fact<T> => ({known: true, value})
export const unknownFact = <T>(reason: string, missingAction?: string): Fact<T> =>
  missingAction ? {known: false, reason, missingAction} : {known: false, reason}

/** One elastic network interface (ENI). */
export interface InterfaceFacts {
  id: string
  /** interface | branch | trunk | vpc_endpoint | nat_gateway | … (EC2's InterfaceType). */
  type: string
  description: string
  subnetId: string
  vpcId: string
  groupIds: string[]
  /** Primary first. */
  privateIps: string[]
  /** Prefixes delegated to the interface (EKS prefix delegation), e.g. 10.0.3.16/28. */
  ipv4Prefixes: string[]
  publicIp?: string
  instanceId?: string
  /** From MSK's description "DO NOT DELETE - Amazon MSK network interface for cluster arn:…". */
  mskClusterArn?: string
}

/** One side of the path: the client (source) or the broker. */
export interface EndpointFacts {
  /** The address the packets carry (for the source: the address the broker sees). */
  ip?: string
  /** Absent: outside AWS, or no interface with this address in the account and Region. */
  interface?: InterfaceFacts
  subnetCidrs: string[]
  vpcCidrs: string[]
  /** Why there is no interface, in words ("outside AWS", "not in this account and Region"). */
  whyNoInterface?: string
  /** The client runs outside AWS (no security group or subnet on its side at all). */
  outsideAws?: boolean
}

export interface SecurityGroupRule {
  id: string
  groupId: string
  egress: boolean
  /** "-1" (all), "tcp", "udp", "icmp", or a protocol number as text. */
  protocol: string
  fromPort?: number
  toPort?: number
  cidrIpv4?: string
  cidrIpv6?: string
  prefixListId?: string
  referencedGroupId?: string
  referencedVpcId?: string
  referencedPeeringId?: string
  description?: string
}

export interface SecurityGroupFacts {
  id: string
  name?: string
  vpcId?: string
  rules: SecurityGroupRule[]
}

export interface NetworkAclEntry {
  ruleNumber: number
  egress: boolean
  /** "-1" or a protocol number as text ("6" is TCP). */
  protocol: string
  action: 'allow' | 'deny'
  cidr?: string
  ipv6Cidr?: string
  fromPort?: number
  toPort?: number
}

export interface NetworkAclFacts {
  id: string
  isDefault: boolean
  entries: NetworkAclEntry[]
}

export type RouteTarget =
  | {kind: 'local'}
  | {kind: 'peering'; id: string}
  | {kind: 'transit-gateway'; id: string}
  | {kind: 'internet-gateway'; id: string}
  | {kind: 'nat-gateway'; id: string}
  | {kind: 'other'; id: string; what: string}

export interface RouteFacts {
  destination?: string
  destinationPrefixListId?: string
  target: RouteTarget
  state: 'active' | 'blackhole'
}

export interface RouteTableFacts {
  id: string
  /** The VPC's main table, used because the subnet has no explicit association. */
  main: boolean
  routes: RouteFacts[]
}

export interface PeeringFacts {
  id: string
  /** pending-acceptance | active | rejected | expired | failed | deleted | provisioning … */
  status: string
  requesterVpcId: string
  accepterVpcId: string
  requesterRegion?: string
  accepterRegion?: string
}

export interface TgwAttachmentFacts {
  id: string
  transitGatewayId: string
  vpcId: string
  state: string
  securityGroupReferencing: boolean
  /** The Transit Gateway route table associated with the attachment. */
  routeTableId?: string
}

export interface TgwRouteFacts {
  destination: string
  state: 'active' | 'blackhole'
  /** The VPCs (or other resources) the route sends traffic to. */
  resourceIds: string[]
  /** The attachments it sends traffic to (tgw-attach-…). */
  attachmentIds: string[]
}

/** Everything the evaluator needs for one client → broker:port path. */
export interface PathFacts {
  port: number
  source: EndpointFacts
  broker: EndpointFacts
  /** The client's ephemeral ports, which the return traffic is addressed to. */
  ephemeralPorts: {from: number; to: number; source: string}
  /** The security groups of both interfaces, by id. */
  securityGroups: Fact<Record<string, SecurityGroupFacts>>
  /** Managed prefix lists referenced by rules or routes, by id. */
  prefixLists: Record<string, Fact<string[]>>
  networkAcls: {source?: Fact<NetworkAclFacts>; broker?: Fact<NetworkAclFacts>}
  routeTables: {source?: Fact<RouteTableFacts>; broker?: Fact<RouteTableFacts>}
  peerings: Fact<PeeringFacts[]>
  transitGatewayAttachments: Fact<TgwAttachmentFacts[]>
  /** Routes of Transit Gateway route tables, by route table id. */
  transitGatewayRoutes: Record<string, Fact<TgwRouteFacts[]>>
  region?: string
}
