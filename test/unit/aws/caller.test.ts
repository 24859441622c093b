// Finding the client: flags, instance metadata, and EKS pod addresses (branch interfaces,
// secondary addresses, delegated prefixes). The EC2 side is a small mocked world.
import assert from 'node:assert/strict'
import {afterEach, test} from 'node:test'

import * as sdk from '@aws-sdk/client-ec2'
import {mockClient} from 'aws-sdk-client-mock'

import {type CallerContext, ephemeralPorts, resolveCaller} from '../../../src/aws/caller.js'
import {Ec2Reader} from '../../../src/aws/collect.js'
import type {ImdsOutcome} from '../../../src/aws/imds.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const WORLD: sdk.NetworkInterface[] = [
  {NetworkInterfaceId: 'eni-node', InterfaceType: 'interface', SubnetId: 'subnet-app', VpcId: 'vpc-main', Groups: [{GroupId: 'sg-node'}], PrivateIpAddress: '10.0.2.10', PrivateIpAddresses: [{PrivateIpAddress: '10.0.2.10', Primary: true}, {PrivateIpAddress: '10.0.2.77', Primary: false}], Attachment: {InstanceId: 'i-node', DeviceIndex: 0}},
  {NetworkInterfaceId: 'eni-branch', InterfaceType: 'branch', SubnetId: 'subnet-app', VpcId: 'vpc-main', Groups: [{GroupId: 'sg-pod'}], PrivateIpAddress: '10.0.2.50', PrivateIpAddresses: [{PrivateIpAddress: '10.0.2.50', Primary: true}]},
  {NetworkInterfaceId: 'eni-prefix', InterfaceType: 'interface', SubnetId: 'subnet-app', VpcId: 'vpc-main', Groups: [{GroupId: 'sg-node'}], PrivateIpAddress: '10.0.2.11', PrivateIpAddresses: [{PrivateIpAddress: '10.0.2.11', Primary: true}], Ipv4Prefixes: [{Ipv4Prefix: '10.0.2.96/28'}], Attachment: {InstanceId: 'i-node2', DeviceIndex: 1}},
]

type Filter = {Name?: string; Values?: string[]}
function answer(input: {Filters?: Filter[]; NetworkInterfaceIds?: string[]}): sdk.DescribeNetworkInterfacesCommandOutput {
  let list = WORLD
  if (input.NetworkInterfaceIds) list = list.filter((n) => input.NetworkInterfaceIds!.includes(n.NetworkInterfaceId!))
  for (const f of input.Filters ?? []) {
    const values = f.Values ?? []
    // Like AWS (not moto): the address filter matches secondary addresses too.
    if (f.Name === 'addresses.private-ip-address') list = list.filter((n) => n.PrivateIpAddresses!.some((a) => values.includes(a.PrivateIpAddress!)))
    if (f.Name === 'vpc-id') list = list.filter((n) => values.includes(n.VpcId!))
    if (f.Name === 'attachment.instance-id') list = list.filter((n) => values.includes(n.Attachment?.InstanceId ?? ''))
  }

  return {NetworkInterfaces: list, $metadata: {}}
}

let mocks: ReturnType<typeof mockClient>[] = []
afterEach(() => {
  for (const m of mocks) m.restore()
  mocks = []
})

function reader() {
  const client = new sdk.EC2Client({region: 'us-east-1', credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}})
  const mock = mockClient(client)
  mocks.push(mock)
  mock.on(sdk.DescribeNetworkInterfacesCommand).callsFake(answer)
  return new Ec2Reader({sdk, client})
}

const ctx = (over: Partial<CallerContext> = {}): CallerContext => ({localAddresses: [], env: {}, vpcHints: ['vpc-main'], region: 'us-east-1', ...over})

const imdsOk: ImdsOutcome = {
  ok: true,
  endpoint: 'http://127.0.0.1:1',
  durationMs: 3,
  identity: {instanceId: 'i-node', localIpv4: '10.0.2.10', mac: '02:00:00:00:00:01', interfaceId: 'eni-node', securityGroupIds: ['sg-node'], subnetId: 'subnet-app', vpcId: 'vpc-main', vpcCidrs: ['10.0.0.0/16'], region: 'us-east-1'},
}

test('--source-ip of a pod with security groups for pods: the branch interface and its groups', async () => {
  const caller = await resolveCaller(reader(), {sourceIp: '10.0.2.50'}, ctx())
  assert.equal(caller.interface?.id, 'eni-branch')
  assert.deepEqual(caller.interface?.groupIds, ['sg-pod'])
  assert.match(caller.how, /branch interface eni-branch, security groups for pods/)
  assert.equal(caller.podSnat, false)
})

test("--source-ip of a pod on a node's secondary address: the node interface's groups", async () => {
  const caller = await resolveCaller(reader(), {sourceIp: '10.0.2.77'}, ctx())
  assert.equal(caller.interface?.id, 'eni-node')
  assert.match(caller.how, /secondary address of eni-node of i-node/)
  assert.equal(caller.ip, '10.0.2.77')
  assert.equal(caller.podSnat, true)
})

test('--source-ip inside a delegated prefix (prefix delegation): found by scanning the VPC', async () => {
  const caller = await resolveCaller(reader(), {sourceIp: '10.0.2.100'}, ctx())
  assert.equal(caller.interface?.id, 'eni-prefix')
  assert.match(caller.how, /prefix 10\.0\.2\.96\/28 delegated to eni-prefix/)
})

test('--source-ip that no interface has: public → outside AWS; --source-eni unknown → input error', async () => {
  const outside = await resolveCaller(reader(), {sourceIp: '198.51.100.7'}, ctx())
  assert.equal(outside.outsideAws, true)
  assert.equal(outside.interface, undefined)
  await assert.rejects(resolveCaller(reader(), {sourceEni: 'eni-nope'}, ctx()), /no network interface eni-nope in us-east-1/)
  const instance = await resolveCaller(reader(), {sourceInstance: 'i-node2'}, ctx())
  assert.equal(instance.interface?.id, 'eni-prefix')
})

test('instance metadata, host network: the instance interface', async () => {
  const caller = await resolveCaller(reader(), {}, ctx({imds: imdsOk, localAddresses: ['10.0.2.10']}))
  assert.equal(caller.interface?.id, 'eni-node')
  assert.equal(caller.thisHost, true)
  assert.match(caller.how, /instance metadata \(IMDSv2\): i-node, eni-node/)
})

test('instance metadata reachable from a pod with its own VPC address: the pod wins', async () => {
  const caller = await resolveCaller(reader(), {}, ctx({imds: imdsOk, localAddresses: ['10.0.2.50']}))
  assert.equal(caller.interface?.id, 'eni-branch')
})

test('a container on a bridge network: the instance interface, with a note', async () => {
  const caller = await resolveCaller(reader(), {}, ctx({imds: imdsOk, localAddresses: ['172.17.0.2']}))
  assert.equal(caller.interface?.id, 'eni-node')
  assert.match(caller.notes[0]!, /172\.17\.0\.2\) is not a VPC address/)
})

test('no metadata, but a Kubernetes pod: its own address is looked up (hop limit 1)', async () => {
  const caller = await resolveCaller(reader(), {}, ctx({imds: {ok: false, reason: 'no IMDSv2 token', durationMs: 1000}, localAddresses: ['10.0.2.77'], env: {KUBERNETES_SERVICE_HOST: '172.20.0.1'}}))
  assert.equal(caller.interface?.id, 'eni-node')
  assert.match(caller.how, /this pod's address: pod 10\.0\.2\.77 on a secondary address/)
})

test('no metadata and not a pod: outside AWS, said plainly', async () => {
  const caller = await resolveCaller(reader(), {}, ctx({imds: {ok: false, reason: 'no IMDSv2 token from http://169.254.169.254 (no answer within 1000 ms)', durationMs: 1000}, localAddresses: ['192.168.1.20']}))
  assert.equal(caller.outsideAws, true)
  assert.match(caller.whyNoInterface!, /kdoctor runs outside AWS/)
})

test("ephemeral ports: this host's range, or Linux's default for another client", async () => {
  assert.deepEqual(await ephemeralPorts(false), {from: 32_768, to: 60_999, source: 'Linux default, assumed for the client'})
  const mine = await ephemeralPorts(true)
  assert.ok(mine.from >= 1024 && mine.to <= 65_535 && mine.from <= mine.to)
  assert.deepEqual(await ephemeralPorts(true, '/nonexistent'), {from: 32_768, to: 60_999, source: 'Linux default'})
})
