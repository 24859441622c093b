// The whole plan with a mocked EC2 API (aws-sdk-client-mock), for what moto cannot show: IAM
// denials turning hops into "unknown", throttling, and --deep's Reachability Analyzer outcomes.
// No packet is sent: probes are off and addresses are IP literals.
import assert from 'node:assert/strict'
import {afterEach, describe, test} from 'node:test'

import * as sdk from '@aws-sdk/client-ec2'
import {mockClient} from 'aws-sdk-client-mock'

import type {Finding} from '../../../src/diagnosis/finding.js'
import {Deadline} from '../../../src/core/deadline.js'
import {type AwsReachabilityInput, runAwsReachabilityPlan} from '../../../src/plans/aws-reachability.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const MSK_DESCRIPTION = 'DO NOT DELETE - Amazon MSK network interface for cluster arn:aws:kafka:us-east-1:123456789012:cluster/demo/abc-1.'
const INTERFACES: sdk.NetworkInterface[] = [
  {NetworkInterfaceId: 'eni-broker', InterfaceType: 'interface', Description: MSK_DESCRIPTION, SubnetId: 'subnet-msk', VpcId: 'vpc-main', Groups: [{GroupId: 'sg-msk'}], PrivateIpAddress: '10.0.1.57', PrivateIpAddresses: [{PrivateIpAddress: '10.0.1.57', Primary: true}]},
  {NetworkInterfaceId: 'eni-client', InterfaceType: 'interface', Description: '', SubnetId: 'subnet-app', VpcId: 'vpc-main', Groups: [{GroupId: 'sg-app'}], PrivateIpAddress: '10.0.2.10', PrivateIpAddresses: [{PrivateIpAddress: '10.0.2.10', Primary: true}]},
]
const RULES: sdk.SecurityGroupRule[] = [
  {SecurityGroupRuleId: 'sgr-1', GroupId: 'sg-msk', IsEgress: false, IpProtocol: 'tcp', FromPort: 9093, ToPort: 9096, ReferencedGroupInfo: {GroupId: 'sg-app'}},
  {SecurityGroupRuleId: 'sgr-2', GroupId: 'sg-app', IsEgress: true, IpProtocol: '-1', FromPort: -1, ToPort: -1, CidrIpv4: '0.0.0.0/0'},
]
const OPEN_ACL: sdk.NetworkAcl = {
  NetworkAclId: 'acl-1',
  IsDefault: true,
  Entries: [
    {RuleNumber: 100, Egress: false, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0'},
    {RuleNumber: 100, Egress: true, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0'},
  ],
}

const ec2Error = (name: string, message = name) => new sdk.EC2ServiceException({name, $fault: 'client', $metadata: {httpStatusCode: 400}, message})
type Filter = {Name?: string; Values?: string[]}
const values = (filters: Filter[] | undefined, name: string) => filters?.find((f) => f.Name === name)?.Values

/** A small EC2 world; `denied` actions answer UnauthorizedOperation, DryRun or not. */
function world(options: {denied?: string[]; throttled?: string[]} = {}) {
  const client = new sdk.EC2Client({region: 'us-east-1', credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}})
  const mock = mockClient(client)
  const guard = (action: string, input: {DryRun?: boolean}) => {
    if (options.denied?.includes(action)) throw ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.')
    if (options.throttled?.includes(action) && !input.DryRun) throw ec2Error('RequestLimitExceeded', 'Request limit exceeded.')
    if (input.DryRun) throw ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.')
  }

  const on = <I,>(command: any, action: string, answer: (input: I) => object) =>
    mock.on(command).callsFake((input: I & {DryRun?: boolean}) => {
      guard(action, input)
      return answer(input)
    })
  on(sdk.DescribeNetworkInterfacesCommand, 'ec2:DescribeNetworkInterfaces', (input: {Filters?: Filter[]; NetworkInterfaceIds?: string[]}) => {
    let list = INTERFACES
    if (input.NetworkInterfaceIds) list = list.filter((n) => input.NetworkInterfaceIds!.includes(n.NetworkInterfaceId!))
    const ip = values(input.Filters, 'addresses.private-ip-address')
    if (ip) list = list.filter((n) => ip.includes(n.PrivateIpAddress!))
    const vpc = values(input.Filters, 'vpc-id')
    if (vpc) list = list.filter((n) => vpc.includes(n.VpcId!))
    return {NetworkInterfaces: list}
  })
  on(sdk.DescribeSecurityGroupRulesCommand, 'ec2:DescribeSecurityGroupRules', (input: {Filters?: Filter[]}) => ({SecurityGroupRules: RULES.filter((r) => values(input.Filters, 'group-id')?.includes(r.GroupId!))}))
  on(sdk.DescribeSecurityGroupsCommand, 'ec2:DescribeSecurityGroups', (input: {Filters?: Filter[]}) => ({SecurityGroups: (values(input.Filters, 'group-id') ?? []).map((id) => ({GroupId: id, GroupName: id.slice(3), VpcId: 'vpc-main'}))}))
  on(sdk.DescribeNetworkAclsCommand, 'ec2:DescribeNetworkAcls', () => ({NetworkAcls: [OPEN_ACL]}))
  on(sdk.DescribeRouteTablesCommand, 'ec2:DescribeRouteTables', (input: {Filters?: Filter[]}) =>
    values(input.Filters, 'association.main') ? {RouteTables: [{RouteTableId: 'rtb-main', Routes: [{DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active'}]}]} : {RouteTables: []},
  )
  on(sdk.DescribeSubnetsCommand, 'ec2:DescribeSubnets', (input: {Filters?: Filter[]}) => ({Subnets: [{CidrBlock: values(input.Filters, 'subnet-id')?.[0] === 'subnet-msk' ? '10.0.1.0/24' : '10.0.2.0/24'}]}))
  on(sdk.DescribeVpcsCommand, 'ec2:DescribeVpcs', () => ({Vpcs: [{CidrBlock: '10.0.0.0/16'}]}))
  on(sdk.DescribeVpcPeeringConnectionsCommand, 'ec2:DescribeVpcPeeringConnections', () => ({VpcPeeringConnections: []}))
  on(sdk.DescribeTransitGatewayVpcAttachmentsCommand, 'ec2:DescribeTransitGatewayVpcAttachments', () => ({TransitGatewayVpcAttachments: []}))
  on(sdk.DescribeTransitGatewayAttachmentsCommand, 'ec2:DescribeTransitGatewayAttachments', () => ({TransitGatewayAttachments: []}))
  mocks.push(mock)
  return {mock, ec2: {sdk, client}}
}

let mocks: ReturnType<typeof mockClient>[] = []
afterEach(() => {
  for (const m of mocks) m.restore()
  mocks = []
})

function input(ec2: AwsReachabilityInput['ec2'], over: Partial<AwsReachabilityInput> = {}): AwsReachabilityInput {
  return {
    brokers: ['10.0.1.57:9096'],
    region: 'us-east-1',
    source: {sourceEni: 'eni-client'},
    probe: false,
    deep: false,
    env: {},
    ec2,
    localAddresses: [],
    imds: {ok: false, reason: 'not asked in tests', durationMs: 0},
    deadline: new Deadline(10_000),
    ...over,
  }
}

const pathFinding = (findings: Finding[]) => findings.find((f) => f.check === 'aws' && Array.isArray(f.evidence.hops))!

describe('the plan, end to end on a mocked API', () => {
  test('allowed: pass, findings in reading order (AWS API, client, broker, MSK port)', async () => {
    const {ec2} = world()
    const result = await runAwsReachabilityPlan(input(ec2))
    assert.equal(pathFinding(result.findings).status, 'pass')
    assert.deepEqual([...new Set(result.findings.map((f) => f.target))], ['AWS API', 'client', '10.0.1.57:9096', 'MSK port 9096'])
    assert.equal(result.paths[0]?.verdict?.verdict, 'allowed')
    assert.equal(result.paths[0]?.probe, 'off (--no-probe)')
  })

  test('missing ec2:DescribeNetworkAcls: named up front, the ACL hops unknown, no verdict claimed', async () => {
    const {ec2} = world({denied: ['ec2:DescribeNetworkAcls']})
    const {findings} = await runAwsReachabilityPlan(input(ec2))
    const api = findings.find((f) => f.target === 'AWS API')!
    assert.equal(api.status, 'info')
    assert.match(api.summary, /missing IAM permission ec2:DescribeNetworkAcls/)
    const path = pathFinding(findings)
    assert.equal(path.status, 'skip')
    assert.match(path.summary, /^undecided: client subnet ACL out unknown .*; missing IAM permission ec2:DescribeNetworkAcls$/)
    assert.ok(!findings.some((f) => f.status === 'pass' && f.evidence.hops))
  })

  test('missing ec2:DescribeNetworkInterfaces: nothing can be mapped, every broker is undecided', async () => {
    const {ec2} = world({denied: ['ec2:DescribeNetworkInterfaces']})
    const {findings} = await runAwsReachabilityPlan(input(ec2))
    assert.equal(pathFinding(findings).status, 'skip')
    assert.ok(findings.some((f) => f.status === 'skip' && /broker interface for 10\.0\.1\.57 unknown: missing IAM permission ec2:DescribeNetworkInterfaces/.test(f.summary)))
  })

  test('throttled route tables: undecided with "run again", not a missing permission', async () => {
    const {ec2} = world({throttled: ['ec2:DescribeRouteTables']})
    const {findings} = await runAwsReachabilityPlan(input(ec2))
    const path = pathFinding(findings)
    assert.equal(path.status, 'skip')
    assert.match(path.summary, /throttled .*run again/)
    assert.doesNotMatch(path.summary, /missing IAM permission/)
  })

  test('an --endpoint-url that is not an http(s) URL is an input error before anything is sent', async () => {
    const {mock, ec2} = world()
    await assert.rejects(runAwsReachabilityPlan(input(ec2, {endpointUrl: 'localhost:5000'})), /"localhost:5000" is not an http\(s\) URL/)
    assert.equal(mock.calls().length, 0)
  })

  test('a port that is no MSK listener on an MSK interface: KD105', async () => {
    const {ec2} = world()
    const {findings} = await runAwsReachabilityPlan(input(ec2, {brokers: ['10.0.1.57:9093']}))
    const port = findings.find((f) => f.target === 'MSK port 9093')!
    assert.equal(port.code, 'KD105')
    assert.equal(port.status, 'warn')
  })
})

describe('--deep through the plan', () => {
  function withAnalyzer(analysis: object) {
    const w = world()
    w.mock.on(sdk.CreateNetworkInsightsPathCommand, {DryRun: true}).rejects(ec2Error('DryRunOperation'))
    w.mock.on(sdk.CreateNetworkInsightsPathCommand, {DryRun: undefined}).resolves({NetworkInsightsPath: {NetworkInsightsPathId: 'nip-9'}})
    w.mock.on(sdk.StartNetworkInsightsAnalysisCommand).resolves({NetworkInsightsAnalysis: {NetworkInsightsAnalysisId: 'nia-9'}})
    w.mock.on(sdk.DescribeNetworkInsightsAnalysesCommand).resolves({NetworkInsightsAnalyses: [analysis]})
    w.mock.on(sdk.DeleteNetworkInsightsAnalysisCommand).resolves({})
    w.mock.on(sdk.DeleteNetworkInsightsPathCommand).resolves({})
    return w
  }

  test('announced, run from the client interface to the broker interface, explanation codes reported, cleaned up', async () => {
    const {mock, ec2} = withAnalyzer({Status: 'succeeded', NetworkPathFound: false, Explanations: [{ExplanationCode: 'SUBNET_ACL_RESTRICTION', Direction: 'ingress', Acl: {Id: 'acl-1'}, AclRule: {RuleNumber: 100, RuleAction: 'deny', Egress: false, Cidr: '10.0.2.0/24'}}]})
    const announced: string[] = []
    const {findings, paths} = await runAwsReachabilityPlan(input(ec2, {deep: true, announce: (l) => announced.push(l), analyzer: {pollMs: 1, sleep: async () => {}}}))
    assert.match(announced.join('\n'), /AWS bills each analysis/)
    const created = mock.commandCalls(sdk.CreateNetworkInsightsPathCommand).map((c) => c.args[0].input).find((i) => !i.DryRun)!
    assert.equal(created.Source, 'eni-client')
    assert.equal(created.Destination, 'eni-broker')
    const deep = findings.find((f) => /Reachability Analyzer/.test(f.summary))!
    assert.equal(deep.code, 'KD707')
    assert.match(deep.summary, /SUBNET_ACL_RESTRICTION \(ingress\) acl-1: ACL rule 100 deny inbound 10\.0\.2\.0\/24/)
    assert.match(deep.summary, /kdoctor's own evaluation says allowed/)
    assert.equal(mock.commandCalls(sdk.DeleteNetworkInsightsPathCommand).length, 1)
    assert.equal(paths[0]?.analyzer?.status, 'not-reachable')
  })

  test('a failed analysis is a skip that says failed, never KD707', async () => {
    const {ec2} = withAnalyzer({Status: 'failed', StatusMessage: 'Internal error', NetworkPathFound: false})
    const {findings} = await runAwsReachabilityPlan(input(ec2, {deep: true, analyzer: {pollMs: 1, sleep: async () => {}}}))
    const deep = findings.find((f) => /Reachability Analyzer/.test(f.summary))!
    assert.equal(deep.status, 'skip')
    assert.equal(deep.code, undefined)
    assert.match(deep.summary, /analysis failed \(Internal error\): no verdict from it/)
    assert.ok(!findings.some((f) => f.code === 'KD707'))
  })

  test('without a client interface inside AWS the analyzer is not run (nothing billed)', async () => {
    const {mock, ec2} = withAnalyzer({Status: 'succeeded', NetworkPathFound: true})
    const {findings} = await runAwsReachabilityPlan(input(ec2, {deep: true, source: {sourceIp: '198.51.100.7'}}))
    assert.ok(findings.some((f) => f.status === 'skip' && /needs a client interface inside AWS/.test(f.summary)))
    assert.equal(mock.commandCalls(sdk.CreateNetworkInsightsPathCommand).length, 0)
  })
})
