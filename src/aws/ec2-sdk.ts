// The part of @aws-sdk/client-ec2 kdoctor uses, named one by one: the package defines every EC2
// operation (about 750) and loading all of them costs ~90 MB of memory; bundled from this list
// (npm run build, the binary's chunk) only these operations are loaded. A new call: add it here.
export {
  CreateNetworkInsightsPathCommand,
  DeleteNetworkInsightsAnalysisCommand,
  DeleteNetworkInsightsPathCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInsightsAnalysesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetManagedPrefixListEntriesCommand,
  SearchTransitGatewayRoutesCommand,
  StartNetworkInsightsAnalysisCommand,
} from '@aws-sdk/client-ec2'
