// The pure path evaluator, one fixture per verdict. Each test states the hop that decides and
// the rule (or missing rule) it must name, so a wrong evaluator cannot pass by accident.
import assert from 'node:assert/strict'
import {describe, test} from 'node:test'

import {type Hop, type HopName, decisiveHop, evaluatePath} from '../../../src/aws/evaluate.js'
import type {PathFacts} from '../../../src/aws/facts.js'
import {BROKER_ENI, CLIENT_ENI, acl, allEgress, groups, known, localTable, mskFacts, openAcl, rule, unknownFact} from './fixtures.js'

const hop = (facts: PathFacts, name: HopName): Hop => {
  const found = evaluatePath(facts).hops.find((h) => h.hop === name)
  assert.ok(found, `hop ${name} present`)
  return found
}

const verdicts = (facts: PathFacts) => Object.fromEntries(evaluatePath(facts).hops.map((h) => [h.hop, h.verdict]))

const brokerGroup = (...rules: ReturnType<typeof rule>[]) => ({id: 'sg-msk', name: 'msk', rules: [...rules, allEgress('sg-msk')]})
const appGroup = {id: 'sg-app', name: 'app', rules: [allEgress('sg-app')]}

describe('allowed', () => {
  test('by a referenced security group (same VPC)', () => {
    const facts = mskFacts()
    const result = evaluatePath(facts)
    assert.equal(result.verdict, 'allowed')
    assert.deepEqual(result.via, {kind: 'same-vpc'})
    const ingress = hop(facts, 'broker-ingress')
    assert.equal(ingress.verdict, 'allowed')
    assert.match(ingress.rule!, /sgr-msk-in \(sg-msk\): tcp 9096 from sg-app/)
    assert.equal(decisiveHop(result), undefined)
  })

  test('by a CIDR rule', () => {
    const facts = mskFacts({securityGroups: groups(appGroup, brokerGroup(rule({id: 'sgr-cidr', groupId: 'sg-msk', egress: false, fromPort: 9092, toPort: 9098, cidrIpv4: '10.0.2.0/24'})))})
    assert.equal(evaluatePath(facts).verdict, 'allowed')
    assert.match(hop(facts, 'broker-ingress').rule!, /sgr-cidr .*tcp 9092-9098 from 10\.0\.2\.0\/24/)
  })

  test('by a managed prefix list', () => {
    const facts = mskFacts({
      securityGroups: groups(appGroup, brokerGroup(rule({id: 'sgr-pl', groupId: 'sg-msk', egress: false, fromPort: 9096, toPort: 9096, prefixListId: 'pl-apps'}))),
      prefixLists: {'pl-apps': known(['192.168.0.0/16', '10.0.2.0/24'])},
    })
    assert.equal(evaluatePath(facts).verdict, 'allowed')
    assert.match(hop(facts, 'broker-ingress').rule!, /prefix list pl-apps/)
  })

  test('a prefix list that does not contain the client does not allow', () => {
    const facts = mskFacts({
      securityGroups: groups(appGroup, brokerGroup(rule({id: 'sgr-pl', groupId: 'sg-msk', egress: false, fromPort: 9096, toPort: 9096, prefixListId: 'pl-apps'}))),
      prefixLists: {'pl-apps': known(['192.168.0.0/16'])},
    })
    assert.equal(hop(facts, 'broker-ingress').verdict, 'blocked')
  })

  test('same subnet: network ACLs are not on the path', () => {
    const facts = mskFacts({
      source: {...mskFacts().source, interface: {...CLIENT_ENI, subnetId: 'subnet-msk'}},
      networkAcls: {source: known(acl('acl-deny', [])), broker: known(acl('acl-deny', []))},
    })
    const v = verdicts(facts)
    assert.equal(v['nacl-broker-inbound'], 'not-applicable')
    assert.equal(evaluatePath(facts).verdict, 'allowed')
  })
})

describe('blocked', () => {
  test('at client egress, with an egress fix', () => {
    const facts = mskFacts({securityGroups: groups({id: 'sg-app', name: 'app', rules: [rule({id: 'sgr-https', groupId: 'sg-app', egress: true, fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0'})]}, brokerGroup(rule({id: 'sgr-msk-in', groupId: 'sg-msk', egress: false, fromPort: 9096, toPort: 9096, referencedGroupId: 'sg-app'})))})
    const result = evaluatePath(facts)
    assert.equal(result.verdict, 'blocked')
    const egress = decisiveHop(result)!
    assert.equal(egress.hop, 'source-egress')
    assert.equal(egress.code, 'ENI_SG_RULES_MISMATCH')
    assert.match(egress.detail, /sg-app \(app\) has no outbound rule for tcp 9096 to 10\.0\.1\.57 \/ sg-msk/)
    assert.equal(egress.fix, "aws ec2 authorize-security-group-egress --group-id sg-app --ip-permissions 'IpProtocol=tcp,FromPort=9096,ToPort=9096,UserIdGroupPairs=[{GroupId=sg-msk}]' --region us-east-1")
  })

  test('at broker ingress: the group allows 9098 (IAM) but the client uses 9096, and the fix says so', () => {
    const facts = mskFacts({securityGroups: groups(appGroup, brokerGroup(rule({id: 'sgr-iam', groupId: 'sg-msk', egress: false, fromPort: 9098, toPort: 9098, referencedGroupId: 'sg-app'})))})
    const blocked = decisiveHop(evaluatePath(facts))!
    assert.equal(blocked.hop, 'broker-ingress')
    assert.match(blocked.detail, /no inbound rule for tcp 9096 from 10\.0\.2\.10 \/ sg-app; closest: sgr-iam allows tcp 9098 from sg-app/)
    assert.equal(blocked.fix, 'aws ec2 authorize-security-group-ingress --group-id sg-msk --protocol tcp --port 9096 --source-group sg-app --region us-east-1')
    assert.deepEqual(blocked.nearMisses, ['sgr-iam (sg-msk): tcp 9098 from sg-app'])
  })

  test('at the broker subnet ACL inbound, naming the deny rule and a rule number before it', () => {
    const facts = mskFacts({
      networkAcls: {
        source: known(openAcl('acl-app')),
        broker: known(acl('acl-msk', [
          {ruleNumber: 90, egress: false, protocol: '6', action: 'allow', cidr: '10.0.2.0/24', fromPort: 9098, toPort: 9098},
          {ruleNumber: 100, egress: false, protocol: '6', action: 'deny', cidr: '10.0.0.0/16', fromPort: 9000, toPort: 9999},
          {ruleNumber: 200, egress: false, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0'},
          {ruleNumber: 100, egress: true, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0'},
        ])),
      },
    })
    const blocked = decisiveHop(evaluatePath(facts))!
    assert.equal(blocked.hop, 'nacl-broker-inbound')
    assert.equal(blocked.code, 'SUBNET_ACL_RESTRICTION')
    assert.equal(blocked.rule, 'rule 100 deny tcp 9000-9999 from 10.0.0.0/16')
    assert.match(blocked.detail, /port 9096 from 10\.0\.2\.10 hit rule 100 deny/)
    assert.equal(blocked.fix, 'aws ec2 create-network-acl-entry --network-acl-id acl-msk --ingress --rule-number 99 --protocol tcp --port-range From=9096,To=9096 --cidr-block 10.0.2.0/24 --rule-action allow --region us-east-1')
  })

  test('on the return path: the broker ACL lets 9096 in but not the replies to ephemeral ports', () => {
    const facts = mskFacts({
      networkAcls: {
        source: known(openAcl('acl-app')),
        broker: known(acl('acl-msk', [
          {ruleNumber: 100, egress: false, protocol: '6', action: 'allow', cidr: '10.0.2.0/24', fromPort: 9096, toPort: 9096},
          // Windows-style return range only: Linux clients use 32768-60999.
          {ruleNumber: 100, egress: true, protocol: '6', action: 'allow', cidr: '10.0.2.0/24', fromPort: 49_152, toPort: 65_535},
        ])),
      },
    })
    const v = verdicts(facts)
    assert.equal(v['nacl-broker-inbound'], 'allowed')
    const blocked = decisiveHop(evaluatePath(facts))!
    assert.equal(blocked.hop, 'nacl-broker-outbound')
    // The implicit deny is always there, even when the API did not list it (moto's custom ACLs).
    assert.equal(blocked.rule, 'rule * (the implicit deny) to 0.0.0.0/0')
    assert.match(blocked.detail, /ports 32768-49151 to 10\.0\.2\.10 hit rule \* \(the implicit deny\) to 0\.0\.0\.0\/0 — the replies are dropped/)
    assert.match(blocked.fix!, /--egress --rule-number 110 --protocol tcp --port-range From=1024,To=65535 --cidr-block 10\.0\.2\.0\/24/)
  })

  test("on the client subnet's ACL, inbound replies", () => {
    const facts = mskFacts({
      networkAcls: {
        source: known(acl('acl-app', [
          {ruleNumber: 100, egress: true, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0'},
          {ruleNumber: 100, egress: false, protocol: '6', action: 'allow', cidr: '0.0.0.0/0', fromPort: 443, toPort: 443},
          {ruleNumber: 32_767, egress: false, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0'},
        ])),
        broker: known(openAcl('acl-msk')),
      },
    })
    const blocked = decisiveHop(evaluatePath(facts))!
    assert.equal(blocked.hop, 'nacl-source-inbound')
    assert.equal(blocked.rule, 'rule * (the implicit deny) from 0.0.0.0/0')
  })

  test('no route: another VPC without peering or Transit Gateway', () => {
    const brokerElsewhere = {...BROKER_ENI, vpcId: 'vpc-msk', subnetId: 'subnet-msk'}
    const facts = mskFacts({
      broker: {ip: '10.1.1.57', interface: {...brokerElsewhere, privateIps: ['10.1.1.57']}, subnetCidrs: ['10.1.1.0/24'], vpcCidrs: ['10.1.0.0/16']},
      routeTables: {source: known(localTable('rtb-app')), broker: known({id: 'rtb-msk', main: true, routes: [{destination: '10.1.0.0/16', target: {kind: 'local'}, state: 'active'}]})},
    })
    const result = evaluatePath(facts)
    const blocked = decisiveHop(result)!
    assert.equal(blocked.hop, 'route')
    assert.equal(blocked.code, 'NO_ROUTE_TO_DESTINATION')
    assert.match(blocked.detail, /no route in rtb-app \(main\) covers 10\.1\.1\.57/)
    assert.match(blocked.fix!, /aws ec2 create-vpc-peering-connection --vpc-id vpc-main --peer-vpc-id vpc-msk/)
    // The group reference cannot be judged without a route: unknown, not a guessed "blocked".
    assert.equal(hop(facts, 'broker-ingress').verdict, 'unknown')
  })

  test('no route, but an active peering exists: the fix is the route over it', () => {
    const facts = crossVpcFacts('active', {withForwardRoute: false})
    const blocked = decisiveHop(evaluatePath(facts))!
    assert.equal(blocked.hop, 'route')
    assert.equal(blocked.fix, 'aws ec2 create-route --route-table-id rtb-app --destination-cidr-block 10.1.0.0/16 --vpc-peering-connection-id pcx-1 --region us-east-1')
  })

  test('peering not active (pending acceptance)', () => {
    const facts = crossVpcFacts('pending-acceptance')
    const blocked = decisiveHop(evaluatePath(facts))!
    assert.equal(blocked.hop, 'route')
    assert.equal(blocked.code, 'NO_ROUTE_TO_DESTINATION')
    assert.match(blocked.detail, /peering pcx-1 is pending-acceptance, not active/)
    assert.equal(blocked.fix, 'aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id pcx-1 --region us-east-1')
  })

  test('peering active, but the broker side has no route back', () => {
    const facts = crossVpcFacts('active', {withReturnRoute: false})
    const result = evaluatePath(facts)
    assert.equal(hop(facts, 'route').verdict, 'allowed')
    const blocked = decisiveHop(result)!
    assert.equal(blocked.hop, 'return-route')
    assert.match(blocked.detail, /no route in rtb-msk \(main\) back to 10\.0\.2\.10/)
    assert.equal(blocked.fix, 'aws ec2 create-route --route-table-id rtb-msk --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id pcx-1 --region us-east-1')
  })

  test('a private broker address routed to an internet gateway', () => {
    const facts = mskFacts({routeTables: {source: known(localTable('rtb-app', [{destination: '10.9.0.0/16', target: {kind: 'internet-gateway', id: 'igw-1'}, state: 'active'}])), broker: known(localTable())}, broker: {...mskFacts().broker, ip: '10.9.0.5', interface: {...BROKER_ENI, vpcId: 'vpc-other'}}})
    const blocked = decisiveHop(evaluatePath(facts))!
    assert.equal(blocked.code, 'CANNOT_ROUTE')
    assert.match(blocked.detail, /internet gateway igw-1, which does not carry private addresses/)
  })

  test('a blackhole route', () => {
    const facts = crossVpcFacts('active')
    facts.routeTables.source = known(localTable('rtb-app', [{destination: '10.1.0.0/16', target: {kind: 'peering', id: 'pcx-1'}, state: 'blackhole'}]))
    assert.match(decisiveHop(evaluatePath(facts))!.detail, /is a blackhole/)
  })
})

describe('across VPCs', () => {
  test('active peering with routes both ways: allowed, and the group reference matches', () => {
    const facts = crossVpcFacts('active')
    const result = evaluatePath(facts)
    assert.equal(result.verdict, 'allowed', JSON.stringify(decisiveHop(result)))
    assert.deepEqual(result.via, {kind: 'peering', id: 'pcx-1', referencing: true})
    assert.match(hop(facts, 'route').detail, /over active peering pcx-1 to vpc-msk/)
  })

  test('inter-Region peering: group references never match, so the broker group blocks', () => {
    const facts = crossVpcFacts('active', {regions: ['us-east-1', 'eu-west-1']})
    const blocked = decisiveHop(evaluatePath(facts))!
    assert.equal(blocked.hop, 'broker-ingress')
    assert.match(blocked.detail, /group references can't match: security group references do not work over inter-Region peering pcx-1/)
    assert.match(blocked.fix!, /--cidr 10\.0\.2\.0\/24/)
  })

  test('Transit Gateway with route tables both ways and SG referencing: allowed', () => {
    const facts = transitFacts({referencing: true})
    const result = evaluatePath(facts)
    assert.equal(result.verdict, 'allowed', JSON.stringify(decisiveHop(result)))
    assert.match(hop(facts, 'route').detail, /tgw-1, then tgw-rtb-1 sends 10\.1\.0\.0\/16 to vpc-msk/)
  })

  test('Transit Gateway without SG referencing: a group reference does not match', () => {
    const blocked = decisiveHop(evaluatePath(transitFacts({referencing: false})))!
    assert.equal(blocked.hop, 'broker-ingress')
    assert.match(blocked.detail, /security group referencing is off on the tgw-1 attachments/)
  })

  test('Transit Gateway route table without a route to the broker', () => {
    const facts = transitFacts({referencing: true})
    facts.transitGatewayRoutes['tgw-rtb-1'] = known([{destination: '10.0.0.0/16', state: 'active', resourceIds: ['vpc-main'], attachmentIds: ['tgw-attach-app']}])
    const blocked = decisiveHop(evaluatePath(facts))!
    assert.equal(blocked.hop, 'route')
    assert.match(blocked.detail, /Transit Gateway route table tgw-rtb-1 has no route to 10\.1\.1\.57/)
    assert.equal(blocked.fix, 'aws ec2 create-transit-gateway-route --transit-gateway-route-table-id tgw-rtb-1 --destination-cidr-block 10.1.0.0/16 --transit-gateway-attachment-id tgw-attach-msk --region us-east-1')
  })

  test('Transit Gateway route into another VPC (an inspection VPC): unknown, not allowed', () => {
    const facts = transitFacts({referencing: true})
    facts.transitGatewayRoutes['tgw-rtb-1'] = known([
      {destination: '10.0.0.0/16', state: 'active', resourceIds: ['vpc-main'], attachmentIds: ['tgw-attach-app']},
      {destination: '10.1.0.0/16', state: 'active', resourceIds: ['vpc-inspection'], attachmentIds: ['tgw-attach-fw']},
    ])
    const route = hop(facts, 'route')
    assert.equal(route.verdict, 'unknown')
    assert.match(route.detail, /inspection or firewall VPC/)
  })

  test('overlapping VPC ranges', () => {
    const facts = mskFacts({broker: {...mskFacts().broker, interface: {...BROKER_ENI, vpcId: 'vpc-twin'}}})
    const blocked = decisiveHop(evaluatePath(facts))!
    assert.equal(blocked.code, 'CANNOT_ROUTE')
    assert.match(blocked.detail, /overlapping VPC ranges/)
  })
})

describe('unknown, never guessed', () => {
  test('missing ec2:DescribeNetworkAcls: the ACL hops are unknown and name the action', () => {
    const noAcls = unknownFact<never>('missing IAM permission ec2:DescribeNetworkAcls', 'ec2:DescribeNetworkAcls')
    const facts = mskFacts({networkAcls: {source: noAcls, broker: noAcls}})
    const result = evaluatePath(facts)
    assert.equal(result.verdict, 'unknown')
    const first = decisiveHop(result)!
    assert.equal(first.hop, 'nacl-source-outbound')
    assert.equal(first.missingAction, 'ec2:DescribeNetworkAcls')
    assert.equal(hop(facts, 'broker-ingress').verdict, 'allowed')
  })

  test('a known block still wins over unknown hops', () => {
    const noAcls = unknownFact<never>('missing IAM permission ec2:DescribeNetworkAcls', 'ec2:DescribeNetworkAcls')
    const facts = mskFacts({networkAcls: {source: noAcls, broker: noAcls}, securityGroups: groups(appGroup, brokerGroup())})
    assert.equal(evaluatePath(facts).verdict, 'blocked')
  })

  test('a prefix list that cannot be read leaves the ingress hop unknown', () => {
    const facts = mskFacts({
      securityGroups: groups(appGroup, brokerGroup(rule({id: 'sgr-pl', groupId: 'sg-msk', egress: false, fromPort: 9096, toPort: 9096, prefixListId: 'pl-x'}))),
      prefixLists: {'pl-x': unknownFact('missing IAM permission ec2:GetManagedPrefixListEntries', 'ec2:GetManagedPrefixListEntries')},
    })
    const ingress = hop(facts, 'broker-ingress')
    assert.equal(ingress.verdict, 'unknown')
    assert.equal(ingress.missingAction, 'ec2:GetManagedPrefixListEntries')
  })

  test('the broker address belongs to no interface in this account: its side is unknown', () => {
    const facts = mskFacts({broker: {ip: '10.0.1.99', subnetCidrs: [], vpcCidrs: [], whyNoInterface: 'no network interface in us-east-1 has 10.0.1.99'}})
    const v = verdicts(facts)
    assert.equal(v['broker-ingress'], 'unknown')
    assert.equal(v.route, 'unknown')
    assert.equal(evaluatePath(facts).verdict, 'unknown')
  })
})

describe('clients outside AWS', () => {
  const publicBroker = {...BROKER_ENI, publicIp: '3.3.3.3'}
  const outside = (ip?: string) => ({...(ip ? {ip} : {}), subnetCidrs: [], vpcCidrs: [], outsideAws: true, whyNoInterface: 'no instance metadata'})

  test('a private broker address is not judged: only a VPN or similar reaches it', () => {
    const facts = mskFacts({source: outside()})
    assert.equal(hop(facts, 'route').verdict, 'unknown')
    assert.match(hop(facts, 'route').detail, /MSK public access \(ports 9194\/9196\/9198\)/)
    assert.equal(hop(facts, 'source-egress').verdict, 'not-applicable')
  })

  test('public access: the broker group must allow the public address, references never match', () => {
    const igwTable = {id: 'rtb-public', main: false, routes: [{destination: '10.0.0.0/16', target: {kind: 'local' as const}, state: 'active' as const}, {destination: '0.0.0.0/0', target: {kind: 'internet-gateway' as const, id: 'igw-1'}, state: 'active' as const}]}
    const facts = mskFacts({
      port: 9196,
      source: outside('198.51.100.7'),
      broker: {ip: '3.3.3.3', interface: publicBroker, subnetCidrs: ['10.0.1.0/24'], vpcCidrs: ['10.0.0.0/16']},
      routeTables: {broker: known(igwTable)},
      securityGroups: groups(brokerGroup(rule({id: 'sgr-ref', groupId: 'sg-msk', egress: false, fromPort: 9196, toPort: 9196, referencedGroupId: 'sg-app'}))),
    })
    assert.equal(hop(facts, 'return-route').verdict, 'allowed')
    const blocked = decisiveHop(evaluatePath(facts))!
    assert.equal(blocked.hop, 'broker-ingress')
    assert.equal(blocked.fix, 'aws ec2 authorize-security-group-ingress --group-id sg-msk --protocol tcp --port 9196 --cidr 198.51.100.7/32 --region us-east-1')

    facts.securityGroups = groups(brokerGroup(rule({id: 'sgr-office', groupId: 'sg-msk', egress: false, fromPort: 9196, toPort: 9196, cidrIpv4: '198.51.100.0/24'})))
    assert.equal(evaluatePath(facts).verdict, 'allowed')
  })

  test('public access without a route to an internet gateway from the broker subnet', () => {
    const facts = mskFacts({
      port: 9196,
      source: outside('198.51.100.7'),
      broker: {ip: '3.3.3.3', interface: publicBroker, subnetCidrs: ['10.0.1.0/24'], vpcCidrs: ['10.0.0.0/16']},
      routeTables: {broker: known(localTable())},
    })
    const back = hop(facts, 'return-route')
    assert.equal(back.verdict, 'blocked')
    assert.match(back.detail, /the broker subnet is not public/)
  })
})

function crossVpcFacts(status: string, options: {withReturnRoute?: boolean; withForwardRoute?: boolean; regions?: [string, string]} = {}): PathFacts {
  const broker = {...BROKER_ENI, vpcId: 'vpc-msk', privateIps: ['10.1.1.57']}
  const forward = options.withForwardRoute === false ? [] : [{destination: '10.1.0.0/16', target: {kind: 'peering' as const, id: 'pcx-1'}, state: 'active' as const}]
  const back = options.withReturnRoute === false ? [] : [{destination: '10.0.0.0/16', target: {kind: 'peering' as const, id: 'pcx-1'}, state: 'active' as const}]
  return mskFacts({
    broker: {ip: '10.1.1.57', interface: broker, subnetCidrs: ['10.1.1.0/24'], vpcCidrs: ['10.1.0.0/16']},
    routeTables: {
      source: known({id: 'rtb-app', main: true, routes: [{destination: '10.0.0.0/16', target: {kind: 'local'}, state: 'active'}, ...forward]}),
      broker: known({id: 'rtb-msk', main: true, routes: [{destination: '10.1.0.0/16', target: {kind: 'local'}, state: 'active'}, ...back]}),
    },
    peerings: known([{id: 'pcx-1', status, requesterVpcId: 'vpc-main', accepterVpcId: 'vpc-msk', ...(options.regions ? {requesterRegion: options.regions[0], accepterRegion: options.regions[1]} : {})}]),
  })
}

function transitFacts({referencing}: {referencing: boolean}): PathFacts {
  const broker = {...BROKER_ENI, vpcId: 'vpc-msk', privateIps: ['10.1.1.57']}
  return mskFacts({
    broker: {ip: '10.1.1.57', interface: broker, subnetCidrs: ['10.1.1.0/24'], vpcCidrs: ['10.1.0.0/16']},
    routeTables: {
      source: known({id: 'rtb-app', main: true, routes: [{destination: '10.0.0.0/16', target: {kind: 'local'}, state: 'active'}, {destination: '10.0.0.0/8', target: {kind: 'transit-gateway', id: 'tgw-1'}, state: 'active'}]}),
      broker: known({id: 'rtb-msk', main: true, routes: [{destination: '10.1.0.0/16', target: {kind: 'local'}, state: 'active'}, {destination: '10.0.0.0/8', target: {kind: 'transit-gateway', id: 'tgw-1'}, state: 'active'}]}),
    },
    transitGatewayAttachments: known([
      {id: 'tgw-attach-app', transitGatewayId: 'tgw-1', vpcId: 'vpc-main', state: 'available', securityGroupReferencing: referencing, routeTableId: 'tgw-rtb-1'},
      {id: 'tgw-attach-msk', transitGatewayId: 'tgw-1', vpcId: 'vpc-msk', state: 'available', securityGroupReferencing: referencing, routeTableId: 'tgw-rtb-1'},
    ]),
    transitGatewayRoutes: {
      'tgw-rtb-1': known([
        {destination: '10.0.0.0/16', state: 'active', resourceIds: ['vpc-main'], attachmentIds: ['tgw-attach-app']},
        {destination: '10.1.0.0/16', state: 'active', resourceIds: ['vpc-msk'], attachmentIds: ['tgw-attach-msk']},
      ]),
    },
  })
}
