// Ready-to-run AWS CLI commands for a blocked hop. Arguments are ids and CIDRs from the EC2 API
// (no spaces, no shell metacharacters), so the commands can be pasted as they are.

import type {NetworkAclEntry} from './facts.js'

const regionArg = (region?: string) => (region ? ` --region ${region}` : '')

export function ingressFix(brokerGroupId: string, port: number, from: {groupId?: string; cidr?: string}, region?: string): string {
  const source = from.groupId ? `--source-group ${from.groupId}` : `--cidr ${from.cidr}`
  return `aws ec2 authorize-security-group-ingress --group-id ${brokerGroupId} --protocol tcp --port ${port} ${source}${regionArg(region)}`
}

export function egressFix(sourceGroupId: string, port: number, to: {groupId?: string; cidr?: string}, region?: string): string {
  const peer = to.groupId ? `UserIdGroupPairs=[{GroupId=${to.groupId}}]` : `IpRanges=[{CidrIp=${to.cidr}}]`
  return `aws ec2 authorize-security-group-egress --group-id ${sourceGroupId} --ip-permissions 'IpProtocol=tcp,FromPort=${port},ToPort=${port},${peer}'${regionArg(region)}`
}

export function aclFix(aclId: string, entry: Pick<NetworkAclEntry, 'egress' | 'ruleNumber'>, ports: {from: number; to: number}, cidr: string, region?: string): string {
  const direction = entry.egress ? '--egress' : '--ingress'
  return `aws ec2 create-network-acl-entry --network-acl-id ${aclId} ${direction} --rule-number ${entry.ruleNumber} --protocol tcp --port-range From=${ports.from},To=${ports.to} --cidr-block ${cidr} --rule-action allow${regionArg(region)}`
}

export function routeFix(routeTableId: string, destinationCidr: string, via: {peeringId?: string; transitGatewayId?: string; gatewayId?: string}, region?: string): string {
  const target = via.peeringId
    ? `--vpc-peering-connection-id ${via.peeringId}`
    : via.transitGatewayId
      ? `--transit-gateway-id ${via.transitGatewayId}`
      : `--gateway-id ${via.gatewayId ?? '<igw-id>'}`
  return `aws ec2 create-route --route-table-id ${routeTableId} --destination-cidr-block ${destinationCidr} ${target}${regionArg(region)}`
}

export function acceptPeeringFix(peeringId: string, region?: string): string {
  return `aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id ${peeringId}${regionArg(region)}`
}
