// The EC2 read side: one small function per question, each answering with a Fact (the value,
// or why it is unknown: a missing IAM action, throttling, a resource in another account).
// Results are memoised per run, so N brokers in one subnet cost one set of calls.

import {type AwsErrorKind, type Ec2, awsErrorLine, classifyAwsError, setupError} from './ec2-client.js'
import {
  type EndpointFacts,
  type Fact,
  type InterfaceFacts,
  type NetworkAclFacts,
  type PathFacts,
  type PeeringFacts,
  type RouteFacts,
  type RouteTableFacts,
  type RouteTarget,
  type SecurityGroupFacts,
  type SecurityGroupRule,
  type TgwAttachmentFacts,
  type TgwRouteFacts,
  known,
  unknownFact,
} from './facts.js'
import {mskClusterArnFrom} from './msk.js'

const MAX_PAGES = 20

/** Memoised, permission-aware reads from the EC2 API. */
export class Ec2Reader {
  private readonly memo = new Map<string, Promise<Fact<unknown>>>()
  /** IAM actions known to be missing (from the DryRun preflight or a later denial). */
  readonly denied: Set<string>

  constructor(
    readonly ec2: Ec2,
    denied: Iterable<string> = [],
    /** Where the API is, for error lines ("the EC2 API at http://127.0.0.1:5000"). */
    readonly where = 'the EC2 API',
  ) {
    this.denied = new Set(denied)
  }

  /** Runs (once per key) one read; errors become unknown facts, setup errors are thrown. */
  read<T>(action: string, key: string, run: () => Promise<T>): Promise<Fact<T>> {
    const memoKey = `${action} ${key}`
    let pending = this.memo.get(memoKey) as Promise<Fact<T>> | undefined
    if (!pending) {
      pending = this.attempt(action, run)
      this.memo.set(memoKey, pending as Promise<Fact<unknown>>)
    }

    return pending
  }

  private async attempt<T>(action: string, run: () => Promise<T>): Promise<Fact<T>> {
    if (this.denied.has(action)) return unknownFact(`missing IAM permission ${action}`, action)
    try {
      return known(await run())
    } catch (error) {
      return this.failed(action, error)
    }
  }

  failed<T>(action: string, error: unknown): Fact<T> {
    const kind: AwsErrorKind = classifyAwsError(error)
    switch (kind) {
      case 'denied':
        this.denied.add(action)
        return unknownFact(`missing IAM permission ${action}`, action)
      case 'throttled':
        return unknownFact(`the EC2 API throttled ${action} (${awsErrorLine(error)}) after 3 attempts: run again`)
      case 'credentials':
      case 'region':
      case 'unreachable':
        throw setupError(kind, error, this.where)
      default:
        return unknownFact(`${action} failed: ${awsErrorLine(error)}`)
    }
  }

  async send<T>(command: unknown): Promise<T> {
    return (await this.ec2.client.send(command as never)) as T
  }
}

async function paginate<T>(page: (token?: string) => Promise<{items: T[]; next?: string}>): Promise<T[]> {
  const out: T[] = []
  let token: string | undefined
  for (let i = 0; i < MAX_PAGES; i++) {
    const {items, next} = await page(token)
    out.push(...items)
    if (!next) break
    token = next
  }

  return out
}

// ---- shapes from the SDK, reduced to what the evaluator reads ------------------------------

interface SdkInterface {
  NetworkInterfaceId?: string
  InterfaceType?: string
  Description?: string
  SubnetId?: string
  VpcId?: string
  Groups?: {GroupId?: string}[]
  PrivateIpAddress?: string
  PrivateIpAddresses?: {PrivateIpAddress?: string; Primary?: boolean}[]
  Ipv4Prefixes?: {Ipv4Prefix?: string}[]
  Ipv6Addresses?: {Ipv6Address?: string}[]
  Association?: {PublicIp?: string}
  Attachment?: {InstanceId?: string; DeviceIndex?: number}
}

export function toInterface(ni: SdkInterface): InterfaceFacts {
  const primary = ni.PrivateIpAddress
  const others = (ni.PrivateIpAddresses ?? []).map((a) => a.PrivateIpAddress).filter((a): a is string => Boolean(a) && a !== primary)
  const v6 = (ni.Ipv6Addresses ?? []).map((a) => a.Ipv6Address).filter((a): a is string => Boolean(a))
  const description = ni.Description ?? ''
  const arn = mskClusterArnFrom(description)
  return {
    id: ni.NetworkInterfaceId ?? '?',
    type: ni.InterfaceType ?? 'interface',
    description,
    subnetId: ni.SubnetId ?? '?',
    vpcId: ni.VpcId ?? '?',
    groupIds: (ni.Groups ?? []).map((g) => g.GroupId).filter((g): g is string => Boolean(g)),
    privateIps: [...(primary ? [primary] : []), ...others, ...v6],
    ipv4Prefixes: (ni.Ipv4Prefixes ?? []).map((p) => p.Ipv4Prefix).filter((p): p is string => Boolean(p)),
    ...(ni.Association?.PublicIp ? {publicIp: ni.Association.PublicIp} : {}),
    ...(ni.Attachment?.InstanceId ? {instanceId: ni.Attachment.InstanceId} : {}),
    ...(arn ? {mskClusterArn: arn} : {}),
  }
}

async function describeInterfaces(reader: Ec2Reader, key: string, input: Record<string, unknown>): Promise<Fact<InterfaceFacts[]>> {
  const {sdk} = reader.ec2
  return reader.read('ec2:DescribeNetworkInterfaces', key, async () => {
    const found = await paginate(async (NextToken) => {
      const out = await reader.send<{NetworkInterfaces?: SdkInterface[]; NextToken?: string}>(
        new sdk.DescribeNetworkInterfacesCommand({...input, ...(NextToken ? {NextToken} : {})}),
      )
      return {items: out.NetworkInterfaces ?? [], next: out.NextToken}
    })
    return found.map(toInterface)
  })
}

/** Interfaces holding this private address (primary or secondary). */
export function interfacesByPrivateIp(reader: Ec2Reader, ip: string): Promise<Fact<InterfaceFacts[]>> {
  return describeInterfaces(reader, `ip ${ip}`, {Filters: [{Name: 'addresses.private-ip-address', Values: [ip]}]})
}

/** Interfaces whose public (Elastic) address is this one: MSK public access brokers. */
export async function interfacesByPublicIp(reader: Ec2Reader, ip: string): Promise<Fact<InterfaceFacts[]>> {
  const fact = await describeInterfaces(reader, `public ${ip}`, {Filters: [{Name: 'association.public-ip', Values: [ip]}]})
  // moto does not implement this filter; an empty answer is the honest equivalent there.
  if (!fact.known && /FilterNotImplemented|not implemented/i.test(fact.reason)) return known([])
  return fact
}

export async function interfaceById(reader: Ec2Reader, id: string): Promise<Fact<InterfaceFacts | undefined>> {
  const fact = await describeInterfaces(reader, `id ${id}`, {NetworkInterfaceIds: [id]})
  if (!fact.known) return /NotFound|does not exist/i.test(fact.reason) ? known(undefined) : fact
  return known(fact.value[0])
}

/** The instance's primary interface (device index 0), else its first. */
export async function interfaceOfInstance(reader: Ec2Reader, instanceId: string): Promise<Fact<InterfaceFacts | undefined>> {
  const {sdk} = reader.ec2
  const fact = await reader.read('ec2:DescribeNetworkInterfaces', `instance ${instanceId}`, async () => {
    const out = await reader.send<{NetworkInterfaces?: SdkInterface[]}>(
      new sdk.DescribeNetworkInterfacesCommand({Filters: [{Name: 'attachment.instance-id', Values: [instanceId]}]}),
    )
    const list = out.NetworkInterfaces ?? []
    const primary = list.find((n) => n.Attachment?.DeviceIndex === 0) ?? list[0]
    return primary ? toInterface(primary) : undefined
  })
  return fact
}

/** Every interface of a VPC: the prefix-delegation scan (an EKS pod IP inside a /28 prefix). */
export function interfacesInVpc(reader: Ec2Reader, vpcId: string): Promise<Fact<InterfaceFacts[]>> {
  return describeInterfaces(reader, `vpc ${vpcId}`, {Filters: [{Name: 'vpc-id', Values: [vpcId]}]})
}

// ---- security groups -----------------------------------------------------------------------

interface SdkGroupRule {
  SecurityGroupRuleId?: string
  GroupId?: string
  IsEgress?: boolean
  IpProtocol?: string
  FromPort?: number
  ToPort?: number
  CidrIpv4?: string
  CidrIpv6?: string
  PrefixListId?: string
  ReferencedGroupInfo?: {GroupId?: string; VpcId?: string; VpcPeeringConnectionId?: string}
  Description?: string
}

interface SdkPermission {
  IpProtocol?: string
  FromPort?: number
  ToPort?: number
  IpRanges?: {CidrIp?: string; Description?: string}[]
  Ipv6Ranges?: {CidrIpv6?: string; Description?: string}[]
  PrefixListIds?: {PrefixListId?: string; Description?: string}[]
  UserIdGroupPairs?: {GroupId?: string; VpcId?: string; VpcPeeringConnectionId?: string; Description?: string}[]
}

interface SdkGroup {
  GroupId?: string
  GroupName?: string
  VpcId?: string
  IpPermissions?: SdkPermission[]
  IpPermissionsEgress?: SdkPermission[]
}

function toRule(r: SdkGroupRule): SecurityGroupRule {
  const ref = r.ReferencedGroupInfo
  return {
    id: r.SecurityGroupRuleId ?? '?',
    groupId: r.GroupId ?? '?',
    egress: Boolean(r.IsEgress),
    protocol: r.IpProtocol ?? '-1',
    ...(r.FromPort !== undefined ? {fromPort: r.FromPort} : {}),
    ...(r.ToPort !== undefined ? {toPort: r.ToPort} : {}),
    ...(r.CidrIpv4 ? {cidrIpv4: r.CidrIpv4} : {}),
    ...(r.CidrIpv6 ? {cidrIpv6: r.CidrIpv6} : {}),
    ...(r.PrefixListId ? {prefixListId: r.PrefixListId} : {}),
    ...(ref?.GroupId ? {referencedGroupId: ref.GroupId} : {}),
    ...(ref?.VpcId ? {referencedVpcId: ref.VpcId} : {}),
    ...(ref?.VpcPeeringConnectionId ? {referencedPeeringId: ref.VpcPeeringConnectionId} : {}),
    ...(r.Description ? {description: r.Description} : {}),
  }
}

/** DescribeSecurityGroups' permissions as one rule per peer, for when only that action is allowed. */
export function rulesFromPermissions(group: SdkGroup): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = []
  const groupId = group.GroupId ?? '?'
  for (const [egress, permissions] of [[false, group.IpPermissions ?? []], [true, group.IpPermissionsEgress ?? []]] as const) {
    for (const p of permissions) {
      const base = {
        groupId,
        egress,
        protocol: p.IpProtocol ?? '-1',
        ...(p.FromPort !== undefined ? {fromPort: p.FromPort} : {}),
        ...(p.ToPort !== undefined ? {toPort: p.ToPort} : {}),
      }
      const id = () => `${groupId} ${egress ? 'outbound' : 'inbound'} #${rules.length + 1}`
      for (const r of p.IpRanges ?? []) if (r.CidrIp) rules.push({...base, id: id(), cidrIpv4: r.CidrIp})
      for (const r of p.Ipv6Ranges ?? []) if (r.CidrIpv6) rules.push({...base, id: id(), cidrIpv6: r.CidrIpv6})
      for (const r of p.PrefixListIds ?? []) if (r.PrefixListId) rules.push({...base, id: id(), prefixListId: r.PrefixListId})
      for (const r of p.UserIdGroupPairs ?? []) {
        if (r.GroupId) rules.push({...base, id: id(), referencedGroupId: r.GroupId, ...(r.VpcId ? {referencedVpcId: r.VpcId} : {}), ...(r.VpcPeeringConnectionId ? {referencedPeeringId: r.VpcPeeringConnectionId} : {})})
      }
    }
  }

  return rules
}

/** The groups with their rules: DescribeSecurityGroupRules, else DescribeSecurityGroups' permissions. */
export async function securityGroups(reader: Ec2Reader, groupIds: string[]): Promise<Fact<Record<string, SecurityGroupFacts>>> {
  const ids = [...new Set(groupIds)].sort()
  if (ids.length === 0) return known({})
  const {sdk} = reader.ec2
  const key = ids.join(',')
  const [rules, groups] = await Promise.all([
    reader.read('ec2:DescribeSecurityGroupRules', key, () =>
      paginate(async (NextToken) => {
        const out = await reader.send<{SecurityGroupRules?: SdkGroupRule[]; NextToken?: string}>(
          new sdk.DescribeSecurityGroupRulesCommand({Filters: [{Name: 'group-id', Values: ids}], ...(NextToken ? {NextToken} : {})}),
        )
        return {items: (out.SecurityGroupRules ?? []).map(toRule), next: out.NextToken}
      }),
    ),
    reader.read('ec2:DescribeSecurityGroups', key, () =>
      paginate(async (NextToken) => {
        const out = await reader.send<{SecurityGroups?: SdkGroup[]; NextToken?: string}>(
          new sdk.DescribeSecurityGroupsCommand({Filters: [{Name: 'group-id', Values: ids}], ...(NextToken ? {NextToken} : {})}),
        )
        return {items: out.SecurityGroups ?? [], next: out.NextToken}
      }),
    ),
  ])
  if (!rules.known && !groups.known) return rules.missingAction ? unknownFact(`${rules.reason} (and ${groups.reason})`, rules.missingAction) : rules
  const byId: Record<string, SecurityGroupFacts> = {}
  if (groups.known) {
    for (const g of groups.value) {
      if (!g.GroupId) continue
      byId[g.GroupId] = {id: g.GroupId, ...(g.GroupName ? {name: g.GroupName} : {}), ...(g.VpcId ? {vpcId: g.VpcId} : {}), rules: rules.known ? [] : rulesFromPermissions(g)}
    }
  }

  if (rules.known) {
    for (const rule of rules.value) {
      byId[rule.groupId] ??= {id: rule.groupId, rules: []}
      byId[rule.groupId]!.rules.push(rule)
    }

    // A group with no rules at all (no default egress either) still exists when the rules call found none.
    for (const id of ids) if (!groups.known) byId[id] ??= {id, rules: []}
  }

  return known(byId)
}

export function prefixListEntries(reader: Ec2Reader, prefixListId: string): Promise<Fact<string[]>> {
  const {sdk} = reader.ec2
  return reader.read('ec2:GetManagedPrefixListEntries', prefixListId, () =>
    paginate(async (NextToken) => {
      const out = await reader.send<{Entries?: {Cidr?: string}[]; NextToken?: string}>(
        new sdk.GetManagedPrefixListEntriesCommand({PrefixListId: prefixListId, ...(NextToken ? {NextToken} : {})}),
      )
      return {items: (out.Entries ?? []).map((e) => e.Cidr).filter((c): c is string => Boolean(c)), next: out.NextToken}
    }),
  )
}

// ---- network ACLs, routes, subnets, VPCs ---------------------------------------------------

interface SdkAcl {
  NetworkAclId?: string
  IsDefault?: boolean
  Entries?: {RuleNumber?: number; Egress?: boolean; Protocol?: string; RuleAction?: string; CidrBlock?: string; Ipv6CidrBlock?: string; PortRange?: {From?: number; To?: number}}[]
}

export function toAcl(acl: SdkAcl): NetworkAclFacts {
  return {
    id: acl.NetworkAclId ?? '?',
    isDefault: Boolean(acl.IsDefault),
    entries: (acl.Entries ?? []).map((e) => ({
      ruleNumber: e.RuleNumber ?? 32_767,
      egress: Boolean(e.Egress),
      protocol: e.Protocol ?? '-1',
      action: e.RuleAction === 'allow' ? 'allow' : 'deny',
      ...(e.CidrBlock ? {cidr: e.CidrBlock} : {}),
      ...(e.Ipv6CidrBlock ? {ipv6Cidr: e.Ipv6CidrBlock} : {}),
      ...(e.PortRange?.From !== undefined ? {fromPort: e.PortRange.From} : {}),
      ...(e.PortRange?.To !== undefined ? {toPort: e.PortRange.To} : {}),
    })),
  }
}

export async function networkAclOfSubnet(reader: Ec2Reader, subnetId: string): Promise<Fact<NetworkAclFacts>> {
  const {sdk} = reader.ec2
  const fact = await reader.read('ec2:DescribeNetworkAcls', subnetId, async () => {
    const out = await reader.send<{NetworkAcls?: SdkAcl[]}>(new sdk.DescribeNetworkAclsCommand({Filters: [{Name: 'association.subnet-id', Values: [subnetId]}]}))
    return out.NetworkAcls?.[0]
  })
  if (!fact.known) return fact
  return fact.value ? known(toAcl(fact.value)) : unknownFact(`no network ACL is associated with ${subnetId} (another account's subnet?)`)
}

interface SdkRoute {
  DestinationCidrBlock?: string
  DestinationIpv6CidrBlock?: string
  DestinationPrefixListId?: string
  GatewayId?: string
  NatGatewayId?: string
  VpcPeeringConnectionId?: string
  TransitGatewayId?: string
  NetworkInterfaceId?: string
  InstanceId?: string
  LocalGatewayId?: string
  CarrierGatewayId?: string
  EgressOnlyInternetGatewayId?: string
  CoreNetworkArn?: string
  State?: string
}

interface SdkRouteTable {
  RouteTableId?: string
  Routes?: SdkRoute[]
}

export function toRouteTarget(r: SdkRoute): RouteTarget {
  if (r.GatewayId === 'local') return {kind: 'local'}
  if (r.VpcPeeringConnectionId) return {kind: 'peering', id: r.VpcPeeringConnectionId}
  if (r.TransitGatewayId) return {kind: 'transit-gateway', id: r.TransitGatewayId}
  if (r.NatGatewayId) return {kind: 'nat-gateway', id: r.NatGatewayId}
  if (r.GatewayId?.startsWith('igw-')) return {kind: 'internet-gateway', id: r.GatewayId}
  if (r.GatewayId?.startsWith('vgw-')) return {kind: 'other', id: r.GatewayId, what: 'VPN gateway'}
  if (r.GatewayId?.startsWith('vpce-')) return {kind: 'other', id: r.GatewayId, what: 'VPC endpoint'}
  if (r.GatewayId) return {kind: 'other', id: r.GatewayId, what: 'gateway'}
  if (r.NetworkInterfaceId) return {kind: 'other', id: r.NetworkInterfaceId, what: 'network interface (appliance)'}
  if (r.InstanceId) return {kind: 'other', id: r.InstanceId, what: 'instance (appliance)'}
  if (r.LocalGatewayId) return {kind: 'other', id: r.LocalGatewayId, what: 'local gateway'}
  if (r.CarrierGatewayId) return {kind: 'other', id: r.CarrierGatewayId, what: 'carrier gateway'}
  if (r.EgressOnlyInternetGatewayId) return {kind: 'other', id: r.EgressOnlyInternetGatewayId, what: 'egress-only internet gateway'}
  if (r.CoreNetworkArn) return {kind: 'other', id: r.CoreNetworkArn, what: 'Cloud WAN core network'}
  return {kind: 'other', id: '?', what: 'unknown target'}
}

export function toRouteTable(table: SdkRouteTable, main: boolean): RouteTableFacts {
  return {
    id: table.RouteTableId ?? '?',
    main,
    routes: (table.Routes ?? []).map(
      (r): RouteFacts => ({
        ...(r.DestinationCidrBlock || r.DestinationIpv6CidrBlock ? {destination: (r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock)!} : {}),
        ...(r.DestinationPrefixListId ? {destinationPrefixListId: r.DestinationPrefixListId} : {}),
        target: toRouteTarget(r),
        state: r.State === 'blackhole' ? 'blackhole' : 'active',
      }),
    ),
  }
}

/** The subnet's explicit route table, else its VPC's main table (as EC2 applies them). */
export async function routeTableOfSubnet(reader: Ec2Reader, subnetId: string, vpcId: string): Promise<Fact<RouteTableFacts>> {
  const {sdk} = reader.ec2
  const explicit = await reader.read('ec2:DescribeRouteTables', `subnet ${subnetId}`, async () => {
    const out = await reader.send<{RouteTables?: SdkRouteTable[]}>(new sdk.DescribeRouteTablesCommand({Filters: [{Name: 'association.subnet-id', Values: [subnetId]}]}))
    return out.RouteTables?.[0]
  })
  if (!explicit.known) return explicit
  if (explicit.value) return known(toRouteTable(explicit.value, false))
  const main = await reader.read('ec2:DescribeRouteTables', `main ${vpcId}`, async () => {
    const out = await reader.send<{RouteTables?: SdkRouteTable[]}>(
      new sdk.DescribeRouteTablesCommand({Filters: [{Name: 'vpc-id', Values: [vpcId]}, {Name: 'association.main', Values: ['true']}]}),
    )
    return out.RouteTables?.[0]
  })
  if (!main.known) return main
  return main.value ? known(toRouteTable(main.value, true)) : unknownFact(`${vpcId} has no main route table visible to this account`)
}

export async function subnetCidrs(reader: Ec2Reader, subnetId: string): Promise<Fact<string[]>> {
  const {sdk} = reader.ec2
  return reader.read('ec2:DescribeSubnets', subnetId, async () => {
    const out = await reader.send<{Subnets?: {CidrBlock?: string; Ipv6CidrBlockAssociationSet?: {Ipv6CidrBlock?: string}[]}[]}>(
      new sdk.DescribeSubnetsCommand({Filters: [{Name: 'subnet-id', Values: [subnetId]}]}),
    )
    const subnet = out.Subnets?.[0]
    return [subnet?.CidrBlock, ...(subnet?.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock)].filter((c): c is string => Boolean(c))
  })
}

export async function vpcCidrs(reader: Ec2Reader, vpcId: string): Promise<Fact<string[]>> {
  const {sdk} = reader.ec2
  return reader.read('ec2:DescribeVpcs', vpcId, async () => {
    const out = await reader.send<{Vpcs?: {CidrBlock?: string; CidrBlockAssociationSet?: {CidrBlock?: string; CidrBlockState?: {State?: string}}[]; Ipv6CidrBlockAssociationSet?: {Ipv6CidrBlock?: string}[]}[]}>(
      new sdk.DescribeVpcsCommand({Filters: [{Name: 'vpc-id', Values: [vpcId]}]}),
    )
    const vpc = out.Vpcs?.[0]
    const v4 = (vpc?.CidrBlockAssociationSet ?? []).filter((a) => !a.CidrBlockState?.State || a.CidrBlockState.State === 'associated').map((a) => a.CidrBlock)
    const all = [vpc?.CidrBlock, ...v4, ...(vpc?.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock)].filter((c): c is string => Boolean(c))
    return [...new Set(all)]
  })
}

// ---- peering and Transit Gateway -----------------------------------------------------------

interface SdkPeering {
  VpcPeeringConnectionId?: string
  Status?: {Code?: string}
  RequesterVpcInfo?: {VpcId?: string; Region?: string}
  AccepterVpcInfo?: {VpcId?: string; Region?: string}
}

/** Peering connections that touch any of these VPCs. */
export async function peeringsOf(reader: Ec2Reader, vpcIds: string[]): Promise<Fact<PeeringFacts[]>> {
  const {sdk} = reader.ec2
  const ids = [...new Set(vpcIds)].sort()
  return reader.read('ec2:DescribeVpcPeeringConnections', ids.join(','), async () => {
    const seen = new Map<string, PeeringFacts>()
    for (const side of ['requester-vpc-info.vpc-id', 'accepter-vpc-info.vpc-id']) {
      const list = await paginate(async (NextToken) => {
        const out = await reader.send<{VpcPeeringConnections?: SdkPeering[]; NextToken?: string}>(
          new sdk.DescribeVpcPeeringConnectionsCommand({Filters: [{Name: side, Values: ids}], ...(NextToken ? {NextToken} : {})}),
        )
        return {items: out.VpcPeeringConnections ?? [], next: out.NextToken}
      })
      for (const p of list) {
        if (!p.VpcPeeringConnectionId) continue
        seen.set(p.VpcPeeringConnectionId, {
          id: p.VpcPeeringConnectionId,
          status: p.Status?.Code ?? 'unknown',
          requesterVpcId: p.RequesterVpcInfo?.VpcId ?? '?',
          accepterVpcId: p.AccepterVpcInfo?.VpcId ?? '?',
          ...(p.RequesterVpcInfo?.Region ? {requesterRegion: p.RequesterVpcInfo.Region} : {}),
          ...(p.AccepterVpcInfo?.Region ? {accepterRegion: p.AccepterVpcInfo.Region} : {}),
        })
      }
    }

    // Some implementations ignore the filters; keep only connections that touch our VPCs.
    return [...seen.values()].filter((p) => ids.includes(p.requesterVpcId) || ids.includes(p.accepterVpcId))
  })
}

/** Transit Gateway attachments of these VPCs, with their route table association. */
export async function transitAttachmentsOf(reader: Ec2Reader, vpcIds: string[]): Promise<Fact<TgwAttachmentFacts[]>> {
  const {sdk} = reader.ec2
  const ids = [...new Set(vpcIds)].sort()
  const vpcAttachments = await reader.read('ec2:DescribeTransitGatewayVpcAttachments', ids.join(','), () =>
    paginate(async (NextToken) => {
      const out = await reader.send<{
        TransitGatewayVpcAttachments?: {TransitGatewayAttachmentId?: string; TransitGatewayId?: string; VpcId?: string; State?: string; Options?: {SecurityGroupReferencingSupport?: string}}[]
        NextToken?: string
      }>(new sdk.DescribeTransitGatewayVpcAttachmentsCommand({Filters: [{Name: 'vpc-id', Values: ids}], ...(NextToken ? {NextToken} : {})}))
      return {items: out.TransitGatewayVpcAttachments ?? [], next: out.NextToken}
    }),
  )
  if (!vpcAttachments.known) return vpcAttachments
  const associations = await reader.read('ec2:DescribeTransitGatewayAttachments', ids.join(','), () =>
    paginate(async (NextToken) => {
      const out = await reader.send<{TransitGatewayAttachments?: {TransitGatewayAttachmentId?: string; Association?: {TransitGatewayRouteTableId?: string; State?: string}}[]; NextToken?: string}>(
        new sdk.DescribeTransitGatewayAttachmentsCommand({Filters: [{Name: 'resource-id', Values: ids}], ...(NextToken ? {NextToken} : {})}),
      )
      return {items: out.TransitGatewayAttachments ?? [], next: out.NextToken}
    }),
  )
  if (!associations.known) return associations
  const routeTableOf = new Map(associations.value.map((a) => [a.TransitGatewayAttachmentId, a.Association?.TransitGatewayRouteTableId]))
  return known(
    vpcAttachments.value
      .filter((a) => a.VpcId && ids.includes(a.VpcId))
      .map((a) => {
        const routeTableId = routeTableOf.get(a.TransitGatewayAttachmentId)
        return {
          id: a.TransitGatewayAttachmentId ?? '?',
          transitGatewayId: a.TransitGatewayId ?? '?',
          vpcId: a.VpcId ?? '?',
          state: a.State ?? 'unknown',
          securityGroupReferencing: a.Options?.SecurityGroupReferencingSupport === 'enable',
          ...(routeTableId ? {routeTableId} : {}),
        }
      }),
  )
}

export function transitRoutes(reader: Ec2Reader, routeTableId: string): Promise<Fact<TgwRouteFacts[]>> {
  const {sdk} = reader.ec2
  return reader.read('ec2:SearchTransitGatewayRoutes', routeTableId, async () => {
    const out = await reader.send<{Routes?: {DestinationCidrBlock?: string; State?: string; TransitGatewayAttachments?: {ResourceId?: string; TransitGatewayAttachmentId?: string}[]}[]}>(
      // Filters are required; every route is static or propagated, whatever its state.
      new sdk.SearchTransitGatewayRoutesCommand({TransitGatewayRouteTableId: routeTableId, Filters: [{Name: 'type', Values: ['static', 'propagated']}]}),
    )
    return (out.Routes ?? [])
      .filter((r) => r.DestinationCidrBlock)
      .map((r) => ({
        destination: r.DestinationCidrBlock!,
        state: r.State === 'blackhole' ? ('blackhole' as const) : ('active' as const),
        resourceIds: (r.TransitGatewayAttachments ?? []).map((a) => a.ResourceId).filter((id): id is string => Boolean(id)),
        attachmentIds: (r.TransitGatewayAttachments ?? []).map((a) => a.TransitGatewayAttachmentId).filter((id): id is string => Boolean(id)),
      }))
  })
}

// ---- one path -------------------------------------------------------------------------------

export interface EndpointSeed {
  ip?: string
  interface?: InterfaceFacts
  whyNoInterface?: string
  outsideAws?: boolean
}

export interface PathRequest {
  source: EndpointSeed
  broker: EndpointSeed
  port: number
  ephemeralPorts: PathFacts['ephemeralPorts']
  region?: string
}

async function endpointFacts(reader: Ec2Reader, seed: EndpointSeed): Promise<EndpointFacts> {
  if (!seed.interface) {
    return {...(seed.ip ? {ip: seed.ip} : {}), subnetCidrs: [], vpcCidrs: [], ...(seed.whyNoInterface ? {whyNoInterface: seed.whyNoInterface} : {}), ...(seed.outsideAws ? {outsideAws: true} : {})}
  }

  const [subnet, vpc] = await Promise.all([subnetCidrs(reader, seed.interface.subnetId), vpcCidrs(reader, seed.interface.vpcId)])
  return {
    ...(seed.ip ? {ip: seed.ip} : {}),
    interface: seed.interface,
    subnetCidrs: subnet.known ? subnet.value : [],
    vpcCidrs: vpc.known ? vpc.value : [],
  }
}

/** Everything evaluatePath needs for one client → broker:port path. */
export async function collectPathFacts(reader: Ec2Reader, request: PathRequest): Promise<PathFacts> {
  const [source, broker] = await Promise.all([endpointFacts(reader, request.source), endpointFacts(reader, request.broker)])
  const sides = [source.interface, broker.interface].filter((i): i is InterfaceFacts => Boolean(i))
  const vpcIds = [...new Set(sides.map((i) => i.vpcId))]
  const crossVpc = vpcIds.length > 1

  const [groups, sourceAcl, brokerAcl, sourceRoutes, brokerRoutes] = await Promise.all([
    securityGroups(reader, sides.flatMap((i) => i.groupIds)),
    source.interface ? networkAclOfSubnet(reader, source.interface.subnetId) : undefined,
    broker.interface ? networkAclOfSubnet(reader, broker.interface.subnetId) : undefined,
    source.interface ? routeTableOfSubnet(reader, source.interface.subnetId, source.interface.vpcId) : undefined,
    broker.interface ? routeTableOfSubnet(reader, broker.interface.subnetId, broker.interface.vpcId) : undefined,
  ])

  const tables = [sourceRoutes, brokerRoutes].flatMap((t) => (t?.known ? [t.value] : []))
  const usesTransit = tables.some((t) => t.routes.some((r) => r.target.kind === 'transit-gateway'))
  const [peerings, attachments] = await Promise.all([
    crossVpc || tables.some((t) => t.routes.some((r) => r.target.kind === 'peering')) ? peeringsOf(reader, vpcIds) : Promise.resolve(known<PeeringFacts[]>([])),
    crossVpc || usesTransit ? transitAttachmentsOf(reader, vpcIds) : Promise.resolve(known<TgwAttachmentFacts[]>([])),
  ])

  const routeTableIds = attachments.known ? [...new Set(attachments.value.map((a) => a.routeTableId).filter((id): id is string => Boolean(id)))] : []
  const transitGatewayRoutes: PathFacts['transitGatewayRoutes'] = {}
  if (usesTransit) await Promise.all(routeTableIds.map(async (id) => (transitGatewayRoutes[id] = await transitRoutes(reader, id))))

  const listIds = new Set<string>()
  if (groups.known) for (const g of Object.values(groups.value)) for (const r of g.rules) if (r.prefixListId) listIds.add(r.prefixListId)
  for (const t of tables) for (const r of t.routes) if (r.destinationPrefixListId) listIds.add(r.destinationPrefixListId)
  const prefixLists: PathFacts['prefixLists'] = {}
  await Promise.all([...listIds].map(async (id) => (prefixLists[id] = await prefixListEntries(reader, id))))

  return {
    port: request.port,
    source,
    broker,
    ephemeralPorts: request.ephemeralPorts,
    securityGroups: groups,
    prefixLists,
    networkAcls: {...(sourceAcl ? {source: sourceAcl} : {}), ...(brokerAcl ? {broker: brokerAcl} : {})},
    routeTables: {...(sourceRoutes ? {source: sourceRoutes} : {}), ...(brokerRoutes ? {broker: brokerRoutes} : {})},
    peerings,
    transitGatewayAttachments: attachments,
    transitGatewayRoutes,
    ...(request.region ? {region: request.region} : {}),
  }
}
