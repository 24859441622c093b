// The IAM preflight: every read kdoctor will make, asked first with DryRun=true. EC2 answers
// DryRunOperation when the caller may, UnauthorizedOperation when not; a hop that depends on a
// missing action is reported as unknown, naming it — never guessed.

import {type AwsErrorKind, AwsSetupError, type Ec2, type Ec2Sdk, awsErrorLine, classifyAwsError, setupError} from './ec2-client.js'

export interface ReadAction {
  action: string
  /** What kdoctor loses without it. */
  needed: string
  dryRun: (sdk: Ec2Sdk) => unknown
}

export const READ_ACTIONS: readonly ReadAction[] = [
  {action: 'ec2:DescribeNetworkInterfaces', needed: 'map broker and client addresses to network interfaces', dryRun: (s) => new s.DescribeNetworkInterfacesCommand({DryRun: true})},
  {action: 'ec2:DescribeSecurityGroupRules', needed: 'read security group rules', dryRun: (s) => new s.DescribeSecurityGroupRulesCommand({DryRun: true})},
  {action: 'ec2:DescribeSecurityGroups', needed: 'name security groups (and read rules when DescribeSecurityGroupRules is missing)', dryRun: (s) => new s.DescribeSecurityGroupsCommand({DryRun: true})},
  {action: 'ec2:DescribeNetworkAcls', needed: 'read network ACLs', dryRun: (s) => new s.DescribeNetworkAclsCommand({DryRun: true})},
  {action: 'ec2:DescribeRouteTables', needed: 'read route tables', dryRun: (s) => new s.DescribeRouteTablesCommand({DryRun: true})},
  {action: 'ec2:DescribeSubnets', needed: 'read subnet ranges for fix commands', dryRun: (s) => new s.DescribeSubnetsCommand({DryRun: true})},
  {action: 'ec2:DescribeVpcs', needed: 'read VPC ranges', dryRun: (s) => new s.DescribeVpcsCommand({DryRun: true})},
  {action: 'ec2:DescribeVpcPeeringConnections', needed: 'follow peering connections', dryRun: (s) => new s.DescribeVpcPeeringConnectionsCommand({DryRun: true})},
  {action: 'ec2:DescribeTransitGatewayVpcAttachments', needed: 'follow Transit Gateways', dryRun: (s) => new s.DescribeTransitGatewayVpcAttachmentsCommand({DryRun: true})},
  {action: 'ec2:DescribeTransitGatewayAttachments', needed: 'find Transit Gateway route tables', dryRun: (s) => new s.DescribeTransitGatewayAttachmentsCommand({DryRun: true})},
]

/** Read only at use time: their DryRun needs an id kdoctor does not have yet. */
export const LATER_ACTIONS = ['ec2:GetManagedPrefixListEntries', 'ec2:SearchTransitGatewayRoutes'] as const

export interface PermissionCheck {
  action: string
  needed: string
  outcome: 'allowed' | 'denied' | 'unknown'
  /** For unknown: throttled, or an unexpected answer. */
  note?: string
}

/** DryRun every read action in parallel; throws AwsSetupError when AWS cannot be used at all. */
export async function checkReadPermissions(ec2: Ec2, where: string, actions: readonly ReadAction[] = READ_ACTIONS): Promise<PermissionCheck[]> {
  const results = await Promise.all(
    actions.map(async ({action, needed, dryRun}): Promise<PermissionCheck | {setup: AwsSetupError}> => {
      try {
        await ec2.client.send(dryRun(ec2.sdk) as never)
        // Some implementations (moto) answer a DryRun with data: the call was allowed.
        return {action, needed, outcome: 'allowed'}
      } catch (error) {
        const kind: AwsErrorKind = classifyAwsError(error)
        if (kind === 'dry-run-ok') return {action, needed, outcome: 'allowed'}
        if (kind === 'denied') return {action, needed, outcome: 'denied'}
        if (kind === 'credentials' || kind === 'region' || kind === 'unreachable') return {setup: setupError(kind, error, where)}
        return {action, needed, outcome: 'unknown', note: kind === 'throttled' ? `throttled (${awsErrorLine(error)})` : awsErrorLine(error)}
      }
    }),
  )
  const setup = results.find((r): r is {setup: AwsSetupError} => 'setup' in r)
  if (setup) throw setup.setup
  return results as PermissionCheck[]
}
