// The SDK side, with aws-sdk-client-mock for what moto cannot do: IAM denials (DryRun
// preflight and at call time), throttling, credentials missing, and the Reachability Analyzer.
import assert from 'node:assert/strict'
import {afterEach, describe, test} from 'node:test'

import * as sdk from '@aws-sdk/client-ec2'
import {mockClient} from 'aws-sdk-client-mock'

import {runReachabilityAnalyzer} from '../../../src/aws/analyzer.js'
import {Ec2Reader, networkAclOfSubnet, securityGroups} from '../../../src/aws/collect.js'
import {AwsSetupError, type Ec2, classifyAwsError} from '../../../src/aws/ec2-client.js'
import {checkReadPermissions} from '../../../src/aws/permissions.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const ec2Error = (name: string, message = name) => new sdk.EC2ServiceException({name, $fault: 'client', $metadata: {httpStatusCode: 400}, message})

function mocked() {
  const client = new sdk.EC2Client({region: 'us-east-1', credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}})
  const mock = mockClient(client)
  const ec2: Ec2 = {sdk, client}
  return {mock, ec2}
}

let restore: (() => void)[] = []
afterEach(() => {
  for (const r of restore) r()
  restore = []
})

describe('IAM preflight with DryRun', () => {
  test('DryRunOperation means allowed, UnauthorizedOperation means missing, named by action', async () => {
    const {mock, ec2} = mocked()
    restore.push(() => mock.restore())
    mock.onAnyCommand().rejects(ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.'))
    mock.on(sdk.DescribeNetworkAclsCommand).rejects(ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'))
    mock.on(sdk.DescribeTransitGatewayAttachmentsCommand).rejects(ec2Error('RequestLimitExceeded', 'Request limit exceeded.'))
    const checks = await checkReadPermissions(ec2, 'the EC2 API')
    const byAction = Object.fromEntries(checks.map((c) => [c.action, c.outcome]))
    assert.equal(byAction['ec2:DescribeNetworkAcls'], 'denied')
    assert.equal(byAction['ec2:DescribeTransitGatewayAttachments'], 'unknown')
    assert.equal(byAction['ec2:DescribeNetworkInterfaces'], 'allowed')
    assert.equal(checks.filter((c) => c.outcome === 'allowed').length, 8)
    // Every preflight call carried DryRun.
    for (const call of mock.calls()) assert.equal((call.args[0].input as {DryRun?: boolean}).DryRun, true)
  })

  test('no credentials: the run stops with one setup error, not ten findings', async () => {
    const {mock, ec2} = mocked()
    restore.push(() => mock.restore())
    mock.onAnyCommand().rejects(Object.assign(new Error('Could not load credentials from any providers'), {name: 'CredentialsProviderError'}))
    await assert.rejects(checkReadPermissions(ec2, 'the EC2 API'), (error: unknown) => {
      assert.ok(error instanceof AwsSetupError)
      assert.match(error.message, /no usable AWS credentials/)
      return true
    })
  })

  test('error names are classified, not messages parsed from stacks', () => {
    assert.equal(classifyAwsError(ec2Error('UnauthorizedOperation')), 'denied')
    assert.equal(classifyAwsError(ec2Error('AccessDenied')), 'denied')
    assert.equal(classifyAwsError(ec2Error('RequestLimitExceeded')), 'throttled')
    assert.equal(classifyAwsError(ec2Error('AuthFailure')), 'credentials')
    assert.equal(classifyAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {code: 'ECONNREFUSED'})), 'unreachable')
    assert.equal(classifyAwsError(new Error('Region is missing')), 'region')
    assert.equal(classifyAwsError(ec2Error('InvalidNetworkInterfaceID.NotFound')), 'not-found')
  })
})

describe('reads', () => {
  test('AccessDenied at call time: the fact is unknown, naming the action, and is not asked again', async () => {
    const {mock, ec2} = mocked()
    restore.push(() => mock.restore())
    mock.on(sdk.DescribeNetworkAclsCommand).rejects(ec2Error('UnauthorizedOperation'))
    const reader = new Ec2Reader(ec2)
    const first = await networkAclOfSubnet(reader, 'subnet-a')
    assert.deepEqual(first, {known: false, reason: 'missing IAM permission ec2:DescribeNetworkAcls', missingAction: 'ec2:DescribeNetworkAcls'})
    const second = await networkAclOfSubnet(reader, 'subnet-b')
    assert.equal(second.known, false)
    assert.equal(mock.commandCalls(sdk.DescribeNetworkAclsCommand).length, 1)
  })

  test('throttling after the SDK retries: unknown with a "run again", not a missing permission', async () => {
    const {mock, ec2} = mocked()
    restore.push(() => mock.restore())
    mock.on(sdk.DescribeNetworkAclsCommand).rejects(ec2Error('RequestLimitExceeded', 'Request limit exceeded.'))
    const fact = await networkAclOfSubnet(new Ec2Reader(ec2), 'subnet-a')
    assert.equal(fact.known, false)
    assert.ok(!fact.known && fact.missingAction === undefined)
    assert.match(!fact.known ? fact.reason : '', /throttled .*RequestLimitExceeded.*run again/)
  })

  test('rules fall back to DescribeSecurityGroups when DescribeSecurityGroupRules is denied', async () => {
    const {mock, ec2} = mocked()
    restore.push(() => mock.restore())
    mock.on(sdk.DescribeSecurityGroupRulesCommand).rejects(ec2Error('UnauthorizedOperation'))
    mock.on(sdk.DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [{GroupId: 'sg-msk', GroupName: 'msk', VpcId: 'vpc-1', IpPermissions: [{IpProtocol: 'tcp', FromPort: 9096, ToPort: 9096, UserIdGroupPairs: [{GroupId: 'sg-app'}], IpRanges: [{CidrIp: '10.0.2.0/24'}]}], IpPermissionsEgress: []}],
    })
    const fact = await securityGroups(new Ec2Reader(ec2), ['sg-msk'])
    assert.ok(fact.known)
    const rules = fact.value['sg-msk']!.rules
    assert.equal(rules.length, 2)
    assert.ok(rules.some((r) => r.referencedGroupId === 'sg-app' && r.fromPort === 9096 && !r.egress))
    assert.ok(rules.some((r) => r.cidrIpv4 === '10.0.2.0/24'))
  })
})

describe('Reachability Analyzer (--deep)', () => {
  const request = {source: 'eni-client', destination: 'eni-broker', port: 9096}
  const noSleep = {pollMs: 1, maxWaitMs: 50, sleep: async () => {}}

  function analyzerMock(analyses: object[]) {
    const {mock, ec2} = mocked()
    restore.push(() => mock.restore())
    mock.on(sdk.CreateNetworkInsightsPathCommand, {DryRun: true}).rejects(ec2Error('DryRunOperation'))
    mock.on(sdk.CreateNetworkInsightsPathCommand, {Source: 'eni-client'}).resolves({NetworkInsightsPath: {NetworkInsightsPathId: 'nip-1'}})
    mock.on(sdk.StartNetworkInsightsAnalysisCommand).resolves({NetworkInsightsAnalysis: {NetworkInsightsAnalysisId: 'nia-1'}})
    const describe = mock.on(sdk.DescribeNetworkInsightsAnalysesCommand)
    for (const a of analyses) describe.resolvesOnce({NetworkInsightsAnalyses: [a]})
    mock.on(sdk.DeleteNetworkInsightsAnalysisCommand).resolves({})
    mock.on(sdk.DeleteNetworkInsightsPathCommand).resolves({})
    return {mock, ec2}
  }

  const assertCleanedUp = (mock: ReturnType<typeof mockClient>) => {
    assert.deepEqual(mock.commandCalls(sdk.DeleteNetworkInsightsAnalysisCommand).map((c) => c.args[0].input), [{NetworkInsightsAnalysisId: 'nia-1'}])
    assert.deepEqual(mock.commandCalls(sdk.DeleteNetworkInsightsPathCommand).map((c) => c.args[0].input), [{NetworkInsightsPathId: 'nip-1'}])
  }

  test('creates a tagged tcp path, polls until it ends, reads the explanation codes, deletes both', async () => {
    const {mock, ec2} = analyzerMock([
      {Status: 'running'},
      {
        Status: 'succeeded',
        NetworkPathFound: false,
        Explanations: [{ExplanationCode: 'ENI_SG_RULES_MISMATCH', Direction: 'ingress', SecurityGroups: [{Id: 'sg-msk'}], NetworkInterface: {Id: 'eni-broker'}}],
      },
    ])
    const outcome = await runReachabilityAnalyzer(ec2, request, noSleep)
    assert.equal(outcome.status, 'not-reachable')
    assert.match(outcome.summary, /no path to port 9096: ENI_SG_RULES_MISMATCH/)
    assert.deepEqual(outcome.explanations[0], {code: 'ENI_SG_RULES_MISMATCH', direction: 'ingress', components: ['sg-msk', 'eni-broker']})
    const created = mock.commandCalls(sdk.CreateNetworkInsightsPathCommand).map((c) => c.args[0].input)
    assert.equal(created.length, 2, 'a DryRun, then the real one')
    assert.equal(created[1]!.Protocol, 'tcp')
    assert.equal(created[1]!.DestinationPort, 9096)
    assert.equal(created[1]!.TagSpecifications?.[0]?.Tags?.[0]?.Key, 'created-by')
    assert.equal(mock.commandCalls(sdk.DescribeNetworkInsightsAnalysesCommand).length, 2)
    assertCleanedUp(mock)
    assert.deepEqual(outcome.deleted, ['nia-1', 'nip-1'])
  })

  test('path found → reachable', async () => {
    const {ec2} = analyzerMock([{Status: 'succeeded', NetworkPathFound: true, Explanations: []}])
    assert.equal((await runReachabilityAnalyzer(ec2, request, noSleep)).status, 'reachable')
  })

  test('a failed analysis is reported as failed, never as "blocked", and still cleaned up', async () => {
    const {mock, ec2} = analyzerMock([{Status: 'failed', StatusMessage: 'Missing permissions for tiros:CreateQuery', NetworkPathFound: false}])
    const outcome = await runReachabilityAnalyzer(ec2, request, noSleep)
    assert.equal(outcome.status, 'failed')
    assert.match(outcome.summary, /analysis failed \(Missing permissions for tiros:CreateQuery\): no verdict from it/)
    assertCleanedUp(mock)
  })

  test('still running at the limit: timed out, cleaned up', async () => {
    const {mock, ec2} = analyzerMock(Array.from({length: 100}, () => ({Status: 'running'})))
    const outcome = await runReachabilityAnalyzer(ec2, request, {pollMs: 20, maxWaitMs: 50, sleep: (ms) => new Promise((r) => setTimeout(r, ms))})
    assert.equal(outcome.status, 'timed-out')
    assertCleanedUp(mock)
  })

  test('missing ec2:CreateNetworkInsightsPath: nothing is created', async () => {
    const {mock, ec2} = mocked()
    restore.push(() => mock.restore())
    mock.on(sdk.CreateNetworkInsightsPathCommand).rejects(ec2Error('UnauthorizedOperation'))
    const outcome = await runReachabilityAnalyzer(ec2, request, noSleep)
    assert.equal(outcome.status, 'denied')
    assert.equal(mock.commandCalls(sdk.CreateNetworkInsightsPathCommand).length, 1)
    assert.equal(mock.commandCalls(sdk.DeleteNetworkInsightsPathCommand).length, 0)
  })

  test('polling errors still delete what was created; a failed delete is reported with its id', async () => {
    const {mock, ec2} = analyzerMock([])
    mock.on(sdk.DescribeNetworkInsightsAnalysesCommand).rejects(ec2Error('InternalError', 'boom'))
    mock.on(sdk.DeleteNetworkInsightsPathCommand).rejects(ec2Error('DependencyViolation', 'in use'))
    const outcome = await runReachabilityAnalyzer(ec2, request, noSleep)
    assert.equal(outcome.status, 'error')
    assert.deepEqual(outcome.deleted, ['nia-1'])
    assert.deepEqual(outcome.leftBehind, ['nip-1'])
  })
})
