// Who the client is, network-wise: the interface whose security groups and subnet the packets
// leave from. From the flags when given; else from instance metadata (IMDSv2) and this host's
// own addresses, which also finds EKS pods (branch interfaces, secondary addresses, delegated
// prefixes); else kdoctor says it runs outside AWS.

import {readFile} from 'node:fs/promises'
import {networkInterfaces} from 'node:os'

import {InputError} from '../core/input-error.js'
import {classifyAddress} from '../net/address.js'
import {cidrContains} from './cidr.js'
import {type Ec2Reader, interfaceById, interfaceOfInstance, interfacesByPrivateIp, interfacesInVpc} from './collect.js'
import {type Fact, type InterfaceFacts, known} from './facts.js'
import type {ImdsOutcome, InstanceIdentity} from './imds.js'

export interface CallerInput {
  sourceEni?: string
  sourceIp?: string
  sourceInstance?: string
}

export interface Caller {
  /** How kdoctor identified the client, in words. */
  how: string
  /** The address the broker sees. */
  ip?: string
  interface?: InterfaceFacts
  /** The client is where kdoctor runs (so this host's ephemeral port range applies). */
  thisHost: boolean
  outsideAws: boolean
  whyNoInterface?: string
  /** A pod on a node's address or prefix: VPC CNI may translate its address leaving the VPC. */
  podSnat: boolean
  notes: string[]
}

export interface CallerContext {
  imds?: ImdsOutcome
  localAddresses: string[]
  env: NodeJS.ProcessEnv
  /** VPCs to scan for delegated prefixes and secondary addresses (the brokers', the instance's). */
  vpcHints: string[]
  region?: string
}

export interface Located {
  interface: InterfaceFacts
  how: 'primary' | 'secondary' | 'branch' | 'prefix'
  prefix?: string
}

/** Which interface holds this private address: a branch (pod SGs), a primary, a secondary, a prefix. */
export async function locateIp(reader: Ec2Reader, ip: string, vpcHints: string[]): Promise<Fact<Located | undefined>> {
  const byIp = await interfacesByPrivateIp(reader, ip)
  if (!byIp.known) return byIp
  const branch = byIp.value.find((i) => i.type === 'branch')
  if (branch) return known({interface: branch, how: 'branch'})
  const primary = byIp.value.find((i) => i.privateIps[0] === ip)
  if (primary) return known({interface: primary, how: 'primary'})
  if (byIp.value[0]) return known({interface: byIp.value[0], how: 'secondary'})

  // Prefix delegation (and APIs that match primary addresses only): scan the likely VPCs.
  for (const vpcId of [...new Set(vpcHints)]) {
    const all = await interfacesInVpc(reader, vpcId)
    if (!all.known) continue
    const secondary = all.value.find((i) => i.privateIps.includes(ip))
    if (secondary) return known({interface: secondary, how: secondary.type === 'branch' ? 'branch' : 'secondary'})
    for (const i of all.value) {
      const prefix = i.ipv4Prefixes.find((p) => cidrContains(p, ip))
      if (prefix) return known({interface: i, how: 'prefix', prefix})
    }
  }

  return known(undefined)
}

function describeLocated(ip: string, located: Located): string {
  const i = located.interface
  const owner = i.instanceId ? ` of ${i.instanceId}` : ''
  switch (located.how) {
    case 'branch':
      return `pod ${ip} with its own security groups (branch interface ${i.id}, security groups for pods)`
    case 'secondary':
      return `pod ${ip} on a secondary address of ${i.id}${owner}: that interface's security groups apply`
    case 'prefix':
      return `pod ${ip} in prefix ${located.prefix} delegated to ${i.id}${owner}: that interface's security groups apply`
    default:
      return `${ip}, the primary address of ${i.id}${owner}`
  }
}

function fromIdentity(identity: InstanceIdentity): InterfaceFacts {
  return {
    id: identity.interfaceId,
    type: 'interface',
    description: '',
    subnetId: identity.subnetId,
    vpcId: identity.vpcId,
    groupIds: identity.securityGroupIds,
    privateIps: [identity.localIpv4],
    ipv4Prefixes: [],
    ...(identity.instanceId ? {instanceId: identity.instanceId} : {}),
  }
}

/** This host's own addresses that could be VPC addresses (loopback and link-local left out). */
export function localVpcAddresses(): string[] {
  const out: string[] = []
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal) continue
      const scope = classifyAddress(a.address)
      if (scope === 'private' || scope === 'shared' || (a.family === 'IPv6' && scope === 'public')) out.push(a.address)
    }
  }

  return out
}

function inKubernetesOrEcs(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.KUBERNETES_SERVICE_HOST || env.ECS_CONTAINER_METADATA_URI_V4 || env.ECS_CONTAINER_METADATA_URI)
}

const where = (region?: string) => (region ? ` in ${region}` : '')

export async function resolveCaller(reader: Ec2Reader, input: CallerInput, ctx: CallerContext): Promise<Caller> {
  const base = {thisHost: false, outsideAws: false, podSnat: false, notes: [] as string[]}
  if (input.sourceEni) {
    const fact = await interfaceById(reader, input.sourceEni)
    if (!fact.known) return {...base, how: `flag --source-eni ${input.sourceEni}`, whyNoInterface: fact.reason}
    if (!fact.value) throw new InputError(`no network interface ${input.sourceEni}${where(ctx.region)}`, 'flag --source-eni')
    return {...base, how: `flag --source-eni: ${fact.value.id}`, interface: fact.value, ...(fact.value.privateIps[0] ? {ip: fact.value.privateIps[0]} : {})}
  }

  if (input.sourceInstance) {
    const fact = await interfaceOfInstance(reader, input.sourceInstance)
    if (!fact.known) return {...base, how: `flag --source-instance ${input.sourceInstance}`, whyNoInterface: fact.reason}
    if (!fact.value) throw new InputError(`no network interface attached to ${input.sourceInstance}${where(ctx.region)}`, 'flag --source-instance')
    return {...base, how: `flag --source-instance: ${fact.value.id} of ${input.sourceInstance}`, interface: fact.value, ...(fact.value.privateIps[0] ? {ip: fact.value.privateIps[0]} : {})}
  }

  if (input.sourceIp) {
    const ip = input.sourceIp
    const fact = await locateIp(reader, ip, ctx.vpcHints)
    if (!fact.known) return {...base, how: `flag --source-ip ${ip}`, ip, whyNoInterface: fact.reason}
    if (fact.value) {
      const podSnat = fact.value.how === 'secondary' || fact.value.how === 'prefix'
      return {...base, how: `flag --source-ip: ${describeLocated(ip, fact.value)}`, ip, interface: fact.value.interface, podSnat}
    }

    const scope = classifyAddress(ip)
    return {
      ...base,
      how: `flag --source-ip ${ip}`,
      ip,
      outsideAws: true,
      whyNoInterface: scope === 'public' ? `${ip} is a public address outside the VPCs` : `no interface${where(ctx.region)} has ${ip} (on premises over VPN, or another account?)`,
    }
  }

  const imds = ctx.imds
  const candidates = ctx.localAddresses
  if (imds?.ok) {
    const identity = imds.identity
    const instance = identity.instanceId ?? 'this instance'
    if (candidates.length === 0 || candidates.includes(identity.localIpv4)) {
      return {...base, thisHost: true, how: `instance metadata (IMDSv2): ${instance}, ${identity.interfaceId}`, ip: identity.localIpv4, interface: await instanceInterface(reader, identity)}
    }

    // A pod or container: its own address may be a VPC address (EKS) or a bridge address (Docker).
    const hints = [identity.vpcId, ...ctx.vpcHints]
    for (const address of candidates) {
      const fact = await locateIp(reader, address, hints)
      if (fact.known && fact.value) {
        const podSnat = fact.value.how === 'secondary' || fact.value.how === 'prefix'
        return {...base, thisHost: true, how: `this host's address: ${describeLocated(address, fact.value)} (node ${instance})`, ip: address, interface: fact.value.interface, podSnat}
      }
    }

    return {
      ...base,
      thisHost: true,
      how: `instance metadata (IMDSv2): ${instance}, ${identity.interfaceId}`,
      ip: identity.localIpv4,
      interface: await instanceInterface(reader, identity),
      notes: [`this container's address (${candidates.join(', ')}) is not a VPC address: its traffic leaves with the instance's address ${identity.localIpv4}`],
    }
  }

  const imdsWhy = imds ? imds.reason : 'instance metadata was not asked'
  if (inKubernetesOrEcs(ctx.env)) {
    for (const address of candidates) {
      const fact = await locateIp(reader, address, ctx.vpcHints)
      if (fact.known && fact.value) {
        const podSnat = fact.value.how === 'secondary' || fact.value.how === 'prefix'
        return {...base, thisHost: true, how: `this ${ctx.env.KUBERNETES_SERVICE_HOST ? 'pod' : 'task'}'s address: ${describeLocated(address, fact.value)}`, ip: address, interface: fact.value.interface, podSnat}
      }
    }

    return {
      ...base,
      thisHost: true,
      how: `this ${ctx.env.KUBERNETES_SERVICE_HOST ? 'pod' : 'task'} (${imdsWhy})`,
      ...(candidates[0] ? {ip: candidates[0]} : {}),
      whyNoInterface: `no interface${where(ctx.region)} has this host's address ${candidates.join(', ') || '(none)'}: another account or Region? pass --source-eni`,
    }
  }

  return {
    ...base,
    thisHost: true,
    outsideAws: true,
    how: 'outside AWS',
    whyNoInterface: `${imdsWhy}, and this is not a Kubernetes pod or ECS task: kdoctor runs outside AWS (pass --source-eni, --source-instance or --source-ip if the client is elsewhere)`,
  }
}

async function instanceInterface(reader: Ec2Reader, identity: InstanceIdentity): Promise<InterfaceFacts> {
  const fact = await interfaceById(reader, identity.interfaceId)
  // Without ec2:DescribeNetworkInterfaces, instance metadata still names the groups and subnet.
  return fact.known && fact.value ? fact.value : fromIdentity(identity)
}

/** The client's ephemeral ports: this host's own range when the client is this host, else Linux's default. */
export async function ephemeralPorts(thisHost: boolean, path = '/proc/sys/net/ipv4/ip_local_port_range'): Promise<{from: number; to: number; source: string}> {
  const fallback = {from: 32_768, to: 60_999, source: thisHost ? 'Linux default' : "Linux default, assumed for the client"}
  if (!thisHost) return fallback
  try {
    const [from, to] = (await readFile(path, 'utf8')).trim().split(/\s+/).map(Number)
    if (from && to && from <= to) return {from, to, source: `this host's ${path}`}
  } catch {}

  return fallback
}
