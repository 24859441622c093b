// moto's server (EC2 API) on loopback for the AWS integration tests: started by the test
// itself, reset between tests, stopped at the end. moto missing is a test FAILURE, not a skip:
// the project's setup installs it with `pip install "moto[server]==5.2.1"`.
import {spawn} from 'node:child_process'

import * as ec2 from '@aws-sdk/client-ec2'

import type {ImdsData} from '../unit/aws/imds-stub.js'

// The SDK's Node-22 notice would be printed once per test process; kdoctor supports Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

export interface Moto {
  /** http://127.0.0.1:<port> */
  endpoint: string
  port: number
  /** Forget every resource (POST /moto-api/reset). */
  reset(): Promise<void>
  stop(): Promise<void>
}

/** Environment for anything that talks to moto: dummy credentials, no real IMDS, no real AWS. */
export function motoEnv(moto: Pick<Moto, 'endpoint'>): NodeJS.ProcessEnv {
  return {
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_EC2: moto.endpoint,
  }
}

export async function startMoto(): Promise<Moto> {
  const child = spawn(process.env.PYTHON ?? 'python3', [new URL('moto_server.py', import.meta.url).pathname], {stdio: ['pipe', 'pipe', 'pipe']})
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = ''
    const timer = setTimeout(() => reject(new Error(`moto did not start within 30 s: ${stderr.trim()}`)), 30_000)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`could not run python3 for moto (${error.message}): pip install "moto[server]==5.2.1"`))
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`moto exited with ${code} before serving: ${stderr.trim() || 'no output'}`))
    })
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const line = stdout.split('\n')[0]
      if (stdout.includes('\n') && /^\d+$/.test(line ?? '')) {
        clearTimeout(timer)
        resolve(Number(line))
      }
    })
  })
  child.removeAllListeners('exit')
  const endpoint = `http://127.0.0.1:${port}`
  const moto: Moto = {
    endpoint,
    port,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, {method: 'POST'})
      if (!response.ok) throw new Error(`moto reset answered ${response.status}`)
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.stdin.end()
        setTimeout(() => child.kill('SIGKILL'), 3000).unref()
      }),
  }
  await moto.reset()
  return moto
}

// ---- seeding through the SDK itself ----------------------------------------------------------

export const MSK_ARN = 'arn:aws:kafka:us-east-1:123456789012:cluster/demo/2f3c9a10-1111-2222-3333-444455556666-2'
export const MSK_DESCRIPTION = `DO NOT DELETE - Amazon MSK network interface for cluster ${MSK_ARN}.`

export function ec2Client(moto: Pick<Moto, 'endpoint'>, region = 'us-east-1'): ec2.EC2Client {
  return new ec2.EC2Client({endpoint: moto.endpoint, region, credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}})
}

export interface Permission {
  port: number
  toPort?: number
  fromGroup?: string
  cidr?: string
  prefixList?: string
  protocol?: string
}

function ipPermission(p: Permission): ec2.IpPermission {
  return {
    IpProtocol: p.protocol ?? 'tcp',
    FromPort: p.port,
    ToPort: p.toPort ?? p.port,
    ...(p.fromGroup ? {UserIdGroupPairs: [{GroupId: p.fromGroup}]} : {}),
    ...(p.cidr ? {IpRanges: [{CidrIp: p.cidr}]} : {}),
    ...(p.prefixList ? {PrefixListIds: [{PrefixListId: p.prefixList}]} : {}),
  }
}

/** Small, explicit builders: each test seeds exactly the network it talks about. */
export class Seeder {
  constructor(readonly client: ec2.EC2Client) {}

  async vpc(cidr: string): Promise<string> {
    return (await this.client.send(new ec2.CreateVpcCommand({CidrBlock: cidr}))).Vpc!.VpcId!
  }

  async subnet(vpcId: string, cidr: string, zone = 'us-east-1a'): Promise<string> {
    return (await this.client.send(new ec2.CreateSubnetCommand({VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone}))).Subnet!.SubnetId!
  }

  /** A group; with `egress` given, the default allow-all egress rule is replaced by it. */
  async group(vpcId: string, name: string, rules: {ingress?: Permission[]; egress?: Permission[]} = {}): Promise<string> {
    const id = (await this.client.send(new ec2.CreateSecurityGroupCommand({VpcId: vpcId, GroupName: name, Description: name}))).GroupId!
    if (rules.ingress?.length) await this.client.send(new ec2.AuthorizeSecurityGroupIngressCommand({GroupId: id, IpPermissions: rules.ingress.map(ipPermission)}))
    if (rules.egress) {
      await this.client.send(new ec2.RevokeSecurityGroupEgressCommand({GroupId: id, IpPermissions: [{IpProtocol: '-1', IpRanges: [{CidrIp: '0.0.0.0/0'}]}]}))
      if (rules.egress.length) await this.client.send(new ec2.AuthorizeSecurityGroupEgressCommand({GroupId: id, IpPermissions: rules.egress.map(ipPermission)}))
    }

    return id
  }

  async eni(subnetId: string, ip: string, groups: string[], description = ''): Promise<string> {
    return (await this.client.send(new ec2.CreateNetworkInterfaceCommand({SubnetId: subnetId, PrivateIpAddress: ip, Groups: groups, Description: description}))).NetworkInterface!.NetworkInterfaceId!
  }

  /** A custom network ACL on the subnet, with exactly these entries (plus the implicit deny). */
  async acl(vpcId: string, subnetId: string, entries: {rule: number; egress: boolean; allow: boolean; cidr: string; from?: number; to?: number; protocol?: string}[]): Promise<string> {
    const aclId = (await this.client.send(new ec2.CreateNetworkAclCommand({VpcId: vpcId}))).NetworkAcl!.NetworkAclId!
    for (const e of entries) {
      await this.client.send(
        new ec2.CreateNetworkAclEntryCommand({
          NetworkAclId: aclId,
          RuleNumber: e.rule,
          Egress: e.egress,
          RuleAction: e.allow ? 'allow' : 'deny',
          CidrBlock: e.cidr,
          Protocol: e.protocol ?? (e.from === undefined ? '-1' : '6'),
          ...(e.from === undefined ? {} : {PortRange: {From: e.from, To: e.to ?? e.from}}),
        }),
      )
    }

    const acls = await this.client.send(new ec2.DescribeNetworkAclsCommand({Filters: [{Name: 'association.subnet-id', Values: [subnetId]}]}))
    const association = acls.NetworkAcls?.[0]?.Associations?.find((a) => a.SubnetId === subnetId)
    await this.client.send(new ec2.ReplaceNetworkAclAssociationCommand({AssociationId: association!.NetworkAclAssociationId!, NetworkAclId: aclId}))
    return aclId
  }

  async routeTable(vpcId: string, subnetId: string): Promise<string> {
    const id = (await this.client.send(new ec2.CreateRouteTableCommand({VpcId: vpcId}))).RouteTable!.RouteTableId!
    await this.client.send(new ec2.AssociateRouteTableCommand({RouteTableId: id, SubnetId: subnetId}))
    return id
  }

  async route(routeTableId: string, cidr: string, target: {peering?: string; tgw?: string; igw?: string}): Promise<void> {
    await this.client.send(
      new ec2.CreateRouteCommand({
        RouteTableId: routeTableId,
        DestinationCidrBlock: cidr,
        ...(target.peering ? {VpcPeeringConnectionId: target.peering} : {}),
        ...(target.tgw ? {TransitGatewayId: target.tgw} : {}),
        ...(target.igw ? {GatewayId: target.igw} : {}),
      }),
    )
  }

  async peering(vpcId: string, peerVpcId: string, accept: boolean): Promise<string> {
    const id = (await this.client.send(new ec2.CreateVpcPeeringConnectionCommand({VpcId: vpcId, PeerVpcId: peerVpcId}))).VpcPeeringConnection!.VpcPeeringConnectionId!
    if (accept) await this.client.send(new ec2.AcceptVpcPeeringConnectionCommand({VpcPeeringConnectionId: id}))
    return id
  }

  async prefixList(name: string, cidrs: string[]): Promise<string> {
    const out = await this.client.send(new ec2.CreateManagedPrefixListCommand({PrefixListName: name, AddressFamily: 'IPv4', MaxEntries: 10, Entries: cidrs.map((Cidr) => ({Cidr}))}))
    return out.PrefixList!.PrefixListId!
  }
}

/**
 * A loopback "EC2 instance" 127.0.1.2 and a "broker" 127.0.0.1 in one VPC (127.0.0.0/16) whose
 * rules allow tcp `port` from the instance's group; returns what the instance's metadata serves
 * (for startImdsStub). The live probe then really reaches the broker, on loopback.
 */
export async function seedLoopbackInstance(seed: Seeder, port: number, instanceId = 'i-0loopback'): Promise<ImdsData> {
  const vpc = await seed.vpc('127.0.0.0/16')
  const brokerSubnet = await seed.subnet(vpc, '127.0.0.0/24')
  const clientSubnet = await seed.subnet(vpc, '127.0.1.0/24')
  const app = await seed.group(vpc, 'app')
  const brokers = await seed.group(vpc, 'brokers', {ingress: [{port, fromGroup: app}]})
  await seed.eni(brokerSubnet, '127.0.0.1', [brokers])
  const clientEni = await seed.eni(clientSubnet, '127.0.1.2', [app])
  return {instanceId, localIpv4: '127.0.1.2', mac: '02:00:00:00:00:03', interfaceId: clientEni, securityGroupIds: [app], subnetId: clientSubnet, vpcId: vpc, vpcCidrs: ['127.0.0.0/16'], region: 'us-east-1'}
}
