// PathFacts fixtures for the evaluator: one realistic MSK layout (client subnet and broker
// subnet in one VPC), and small edits that produce each verdict.
import type {
  InterfaceFacts,
  NetworkAclEntry,
  NetworkAclFacts,
  PathFacts,
  RouteTableFacts,
  SecurityGroupFacts,
  SecurityGroupRule,
} from '../../../src/aws/facts.js'
import {known, unknownFact} from '../../../src/aws/facts.js'

export const CLIENT_ENI: InterfaceFacts = {
  id: 'eni-client',
  type: 'interface',
  description: '',
  subnetId: 'subnet-app',
  vpcId: 'vpc-main',
  groupIds: ['sg-app'],
  privateIps: ['10.0.2.10'],
  ipv4Prefixes: [],
}

export const BROKER_ENI: InterfaceFacts = {
  id: 'eni-broker',
  type: 'interface',
  description: 'DO NOT DELETE - Amazon MSK network interface for cluster arn:aws:kafka:us-east-1:123456789012:cluster/demo/abc-1.',
  subnetId: 'subnet-msk',
  vpcId: 'vpc-main',
  groupIds: ['sg-msk'],
  privateIps: ['10.0.1.57'],
  ipv4Prefixes: [],
  mskClusterArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/demo/abc-1',
}

export const rule = (partial: Partial<SecurityGroupRule> & Pick<SecurityGroupRule, 'id' | 'groupId' | 'egress'>): SecurityGroupRule => ({protocol: 'tcp', ...partial})
export const allEgress = (groupId: string): SecurityGroupRule => rule({id: `sgr-${groupId}-out`, groupId, egress: true, protocol: '-1', cidrIpv4: '0.0.0.0/0'})

export const openAcl = (id: string): NetworkAclFacts => ({
  id,
  isDefault: true,
  entries: [
    {ruleNumber: 100, egress: false, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0'},
    {ruleNumber: 100, egress: true, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0'},
  ],
})

export const acl = (id: string, entries: NetworkAclEntry[]): NetworkAclFacts => ({id, isDefault: false, entries})

export const localTable = (id = 'rtb-main', extra: RouteTableFacts['routes'] = []): RouteTableFacts => ({
  id,
  main: true,
  routes: [{destination: '10.0.0.0/16', target: {kind: 'local'}, state: 'active'}, ...extra],
})

export const groups = (...list: SecurityGroupFacts[]) => known(Object.fromEntries(list.map((g) => [g.id, g])))

/** Same VPC, two subnets, open ACLs; the broker group allows tcp 9096 from the client group. */
export function mskFacts(overrides: Partial<PathFacts> = {}): PathFacts {
  return {
    port: 9096,
    source: {ip: '10.0.2.10', interface: CLIENT_ENI, subnetCidrs: ['10.0.2.0/24'], vpcCidrs: ['10.0.0.0/16']},
    broker: {ip: '10.0.1.57', interface: BROKER_ENI, subnetCidrs: ['10.0.1.0/24'], vpcCidrs: ['10.0.0.0/16']},
    ephemeralPorts: {from: 32_768, to: 60_999, source: 'test'},
    securityGroups: groups(
      {id: 'sg-app', name: 'app', rules: [allEgress('sg-app')]},
      {id: 'sg-msk', name: 'msk', rules: [rule({id: 'sgr-msk-in', groupId: 'sg-msk', egress: false, fromPort: 9096, toPort: 9096, referencedGroupId: 'sg-app'}), allEgress('sg-msk')]},
    ),
    prefixLists: {},
    networkAcls: {source: known(openAcl('acl-app')), broker: known(openAcl('acl-msk'))},
    routeTables: {source: known(localTable()), broker: known(localTable())},
    peerings: known([]),
    transitGatewayAttachments: known([]),
    transitGatewayRoutes: {},
    region: 'us-east-1',
    ...overrides,
  }
}

export {known, unknownFact}
