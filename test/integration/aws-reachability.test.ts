// `kdoctor aws reachability` against moto's EC2 API on loopback, seeded through the SDK.
//
// Safety: the seeded addresses (10.x) are never probed: every run there passes --no-probe and
// IP literals (no DNS). The live-probe correlation is tested only with 127.0.0.0/8 interfaces.
// Instance metadata is either disabled or a loopback stub; credentials are dummies.
import assert from 'node:assert/strict'
import {mkdtempSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, beforeEach, describe, test} from 'node:test'

import * as ec2 from '@aws-sdk/client-ec2'

import {synDropPorts} from '../faults/servers.js'
import {type CliRun, findingsOf, runCli} from '../helpers/cli.js'
import {MSK_ARN, MSK_DESCRIPTION, type Moto, Seeder, ec2Client, motoEnv, startMoto} from '../helpers/moto.js'
import {type Rig, ensureRig} from '../helpers/rig.js'
import {type ImdsStub, startImdsStub} from '../unit/aws/imds-stub.js'

let moto: Moto
let seed: Seeder

before(async () => {
  // moto missing is a failure here (the project's setup installs it), never a skip.
  moto = await startMoto()
  seed = new Seeder(ec2Client(moto))
})
after(() => moto?.stop())
beforeEach(() => moto.reset())

/** The CLI pointed at moto with --endpoint-url; nothing else in the environment reaches AWS. */
async function reach(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const run = await runCli(['aws', 'reachability', '--json', '--endpoint-url', moto.endpoint, ...args], {env: {...motoEnv(moto), AWS_ENDPOINT_URL_EC2: '', ...env}})
  assert.ok(run.json, `stdout is one JSON document (exit ${run.status}): ${run.stdout.slice(0, 400)} ${run.stderr.slice(0, 400)}`)
  assert.equal(run.json.schema, 'kdoctor/v1')
  assert.equal(run.json.command, 'aws reachability')
  return run
}

const pathOf = (run: CliRun) => {
  const paths = findingsOf(run, {check: 'aws'}).filter((f) => Array.isArray(f.evidence?.hops))
  assert.equal(paths.length, 1, `one path finding: ${JSON.stringify(run.json.findings.map((f: any) => f.summary))}`)
  return paths[0]
}

const hopOf = (run: CliRun, name: string) => pathOf(run).evidence.hops.find((h: any) => h.hop === name)

/** One VPC, a client subnet and an MSK subnet, like a typical MSK deployment. */
async function mskVpc(options: {brokerIngress?: {port: number; fromGroup?: 'app'; cidr?: string; prefixList?: string}[]; appEgress?: {port: number; cidr: string}[]} = {}) {
  const vpc = await seed.vpc('10.0.0.0/16')
  const appSubnet = await seed.subnet(vpc, '10.0.2.0/24', 'us-east-1a')
  const mskSubnet = await seed.subnet(vpc, '10.0.1.0/24', 'us-east-1b')
  const app = await seed.group(vpc, 'app', options.appEgress ? {egress: options.appEgress} : {})
  const ingress = (options.brokerIngress ?? [{port: 9096, fromGroup: 'app' as const}]).map((r) => ({port: r.port, ...(r.fromGroup ? {fromGroup: app} : {}), ...(r.cidr ? {cidr: r.cidr} : {}), ...(r.prefixList ? {prefixList: r.prefixList} : {})}))
  const msk = await seed.group(vpc, 'msk', {ingress})
  const brokerEni = await seed.eni(mskSubnet, '10.0.1.57', [msk], MSK_DESCRIPTION)
  const appEni = await seed.eni(appSubnet, '10.0.2.10', [app])
  return {vpc, appSubnet, mskSubnet, app, msk, brokerEni, appEni}
}

/** An app VPC (10.0.0.0/16) and an MSK VPC (10.1.0.0/16) with a broker at 10.1.1.57 open on 9096 from `ingressCidr`. */
async function seedTwoVpcs(ingressCidr: string) {
  const appVpc = await seed.vpc('10.0.0.0/16')
  const mskVpcId = await seed.vpc('10.1.0.0/16')
  const appSubnet = await seed.subnet(appVpc, '10.0.2.0/24')
  const mskSubnet = await seed.subnet(mskVpcId, '10.1.1.0/24')
  const app = await seed.group(appVpc, 'app')
  const msk = await seed.group(mskVpcId, 'msk', {ingress: [{port: 9096, cidr: ingressCidr}]})
  await seed.eni(mskSubnet, '10.1.1.57', [msk], MSK_DESCRIPTION)
  const appEni = await seed.eni(appSubnet, '10.0.2.10', [app])
  return {appVpc, mskVpcId, appSubnet, mskSubnet, appEni}
}

describe('verdicts from seeded rules (no packet to the seeded addresses)', () => {
  test('allowed by a referenced group: pass, exit 0, the MSK interface and cluster ARN named', async () => {
    const w = await mskVpc()
    const run = await reach(['--broker', '10.0.1.57:9096', '--source-eni', w.appEni, '--no-probe'])
    assert.equal(run.status, 0, run.stdout)
    const path = pathOf(run)
    assert.equal(path.status, 'pass')
    assert.equal(path.evidence.verdict, 'allowed')
    assert.match(hopOf(run, 'broker-ingress').rule, new RegExp(`tcp 9096 from ${w.app}`))
    const broker = findingsOf(run, {check: 'aws'}).find((f) => f.evidence?.mskClusterArn)
    assert.equal(broker.evidence.mskClusterArn, MSK_ARN)
    assert.equal(broker.evidence.interface.id, w.brokerEni)
    assert.ok(findingsOf(run, {check: 'tcp'}).length === 0, 'no probe ran')
    const msk = findingsOf(run, {check: 'aws'}).find((f) => f.target === 'MSK port 9096')
    assert.match(msk.summary, /SASL\/SCRAM over TLS/)
  })

  test('blocked at broker ingress (the group allows 9098 only): KD707 with the exact fix', async () => {
    const w = await mskVpc({brokerIngress: [{port: 9098, fromGroup: 'app'}]})
    const run = await reach(['--broker', '10.0.1.57:9096', '--source-eni', w.appEni, '--no-probe'])
    assert.equal(run.status, 1)
    const path = pathOf(run)
    assert.equal(path.code, 'KD707')
    assert.equal(path.status, 'fail')
    const hop = hopOf(run, 'broker-ingress')
    assert.equal(hop.verdict, 'blocked')
    assert.match(hop.detail, new RegExp(`allows tcp 9098 from ${w.app}`))
    assert.equal(hop.fix, `aws ec2 authorize-security-group-ingress --group-id ${w.msk} --protocol tcp --port 9096 --source-group ${w.app} --region us-east-1`)
    assert.deepEqual(path.evidence.fix, [hop.fix])
  })

  test('allowed by CIDR and by a managed prefix list', async () => {
    const pl = await seed.prefixList('apps', ['10.0.2.0/24'])
    const w = await mskVpc({brokerIngress: [{port: 9094, cidr: '10.0.2.0/24'}, {port: 9096, prefixList: pl}]})
    const byCidr = await reach(['--broker', '10.0.1.57:9094', '--source-eni', w.appEni, '--no-probe'])
    assert.equal(pathOf(byCidr).status, 'pass')
    assert.match(hopOf(byCidr, 'broker-ingress').rule, /from 10\.0\.2\.0\/24/)
    const byList = await reach(['--broker', '10.0.1.57:9096', '--source-eni', w.appEni, '--no-probe'])
    assert.equal(pathOf(byList).status, 'pass', JSON.stringify(pathOf(byList).evidence.hops))
    assert.match(hopOf(byList, 'broker-ingress').rule, new RegExp(`prefix list ${pl}`))
  })

  test('blocked at client egress', async () => {
    const w = await mskVpc({appEgress: [{port: 443, cidr: '0.0.0.0/0'}]})
    const run = await reach(['--broker', '10.0.1.57:9096', '--source-eni', w.appEni, '--no-probe'])
    const hop = hopOf(run, 'source-egress')
    assert.equal(hop.verdict, 'blocked')
    assert.match(hop.fix, new RegExp(`authorize-security-group-egress --group-id ${w.app} .*UserIdGroupPairs=\\[\\{GroupId=${w.msk}\\}\\]`))
  })

  test("blocked by the broker subnet's network ACL, inbound", async () => {
    const w = await mskVpc()
    const aclId = await seed.acl(w.vpc, w.mskSubnet, [
      {rule: 100, egress: false, allow: false, cidr: '10.0.2.0/24', from: 9096},
      {rule: 200, egress: false, allow: true, cidr: '0.0.0.0/0'},
      {rule: 100, egress: true, allow: true, cidr: '0.0.0.0/0'},
    ])
    const run = await reach(['--broker', '10.0.1.57:9096', '--source-eni', w.appEni, '--no-probe'])
    assert.equal(pathOf(run).code, 'KD707')
    const hop = hopOf(run, 'nacl-broker-inbound')
    assert.equal(hop.verdict, 'blocked')
    assert.equal(hop.resource, aclId)
    assert.equal(hop.rule, 'rule 100 deny tcp 9096 from 10.0.2.0/24')
    assert.match(hop.fix, new RegExp(`create-network-acl-entry --network-acl-id ${aclId} --ingress --rule-number 90 .*--cidr-block 10\\.0\\.2\\.0/24 --rule-action allow`))
  })

  test('blocked on the return path: replies to the ephemeral ports hit the implicit deny', async () => {
    const w = await mskVpc()
    await seed.acl(w.vpc, w.mskSubnet, [
      {rule: 100, egress: false, allow: true, cidr: '10.0.2.0/24', from: 9096},
      {rule: 100, egress: true, allow: true, cidr: '0.0.0.0/0', from: 443},
    ])
    const run = await reach(['--broker', '10.0.1.57:9096', '--source-eni', w.appEni, '--no-probe'])
    assert.equal(hopOf(run, 'nacl-broker-inbound').verdict, 'allowed')
    const hop = hopOf(run, 'nacl-broker-outbound')
    assert.equal(hop.verdict, 'blocked')
    assert.match(hop.detail, /ports 32768-60999 to 10\.0\.2\.10 hit rule \* \(the implicit deny\) to 0\.0\.0\.0\/0 — the replies are dropped/)
    assert.match(hop.fix, /--egress --rule-number 110 --protocol tcp --port-range From=1024,To=65535/)
  })

  test('no route between two VPCs', async () => {
    const {appVpc, mskVpcId, appEni} = await seedTwoVpcs('10.0.0.0/16')
    const run = await reach(['--broker', '10.1.1.57:9096', '--source-eni', appEni, '--no-probe'])
    const hop = hopOf(run, 'route')
    assert.equal(hop.verdict, 'blocked')
    assert.equal(hop.code, 'NO_ROUTE_TO_DESTINATION')
    assert.match(hop.fix, new RegExp(`create-vpc-peering-connection --vpc-id ${appVpc} --peer-vpc-id ${mskVpcId}`))
  })

  test('peering: pending → blocked with the accept command; accepted with routes both ways → allowed', async () => {
    const {appVpc, mskVpcId, appSubnet, mskSubnet, appEni} = await seedTwoVpcs('10.0.2.0/24')
    const pcx = await seed.peering(appVpc, mskVpcId, false)
    const appRoutes = await seed.routeTable(appVpc, appSubnet)
    const mskRoutes = await seed.routeTable(mskVpcId, mskSubnet)
    await seed.route(appRoutes, '10.1.0.0/16', {peering: pcx})
    await seed.route(mskRoutes, '10.0.0.0/16', {peering: pcx})

    const pending = await reach(['--broker', '10.1.1.57:9096', '--source-eni', appEni, '--no-probe'])
    const route = hopOf(pending, 'route')
    assert.equal(route.verdict, 'blocked')
    assert.match(route.detail, new RegExp(`peering ${pcx} is pending-acceptance`))
    assert.equal(route.fix, `aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id ${pcx} --region us-east-1`)

    await seed.client.send(new ec2.AcceptVpcPeeringConnectionCommand({VpcPeeringConnectionId: pcx}))
    const active = await reach(['--broker', '10.1.1.57:9096', '--source-eni', appEni, '--no-probe'])
    assert.equal(pathOf(active).status, 'pass', JSON.stringify(pathOf(active).evidence.hops))
    assert.deepEqual(pathOf(active).evidence.via, {kind: 'peering', id: pcx, referencing: true})
  })

  test('Transit Gateway: no route in its route table → blocked with the route to add', async () => {
    const {appVpc, mskVpcId, appSubnet, mskSubnet, appEni} = await seedTwoVpcs('10.0.2.0/24')
    const tgw = (await seed.client.send(new ec2.CreateTransitGatewayCommand({}))).TransitGateway!
    await seed.client.send(new ec2.CreateTransitGatewayVpcAttachmentCommand({TransitGatewayId: tgw.TransitGatewayId, VpcId: appVpc, SubnetIds: [appSubnet]}))
    const mskAttachment = (await seed.client.send(new ec2.CreateTransitGatewayVpcAttachmentCommand({TransitGatewayId: tgw.TransitGatewayId, VpcId: mskVpcId, SubnetIds: [mskSubnet]}))).TransitGatewayVpcAttachment!
    await seed.route(await seed.routeTable(appVpc, appSubnet), '10.1.0.0/16', {tgw: tgw.TransitGatewayId!})
    await seed.route(await seed.routeTable(mskVpcId, mskSubnet), '10.0.0.0/16', {tgw: tgw.TransitGatewayId!})
    const run = await reach(['--broker', '10.1.1.57:9096', '--source-eni', appEni, '--no-probe'])
    const route = hopOf(run, 'route')
    assert.equal(route.verdict, 'blocked')
    const tgwTable = tgw.Options!.AssociationDefaultRouteTableId!
    assert.match(route.detail, new RegExp(`Transit Gateway route table ${tgwTable} has no route to 10\\.1\\.1\\.57`))
    assert.equal(route.fix, `aws ec2 create-transit-gateway-route --transit-gateway-route-table-id ${tgwTable} --destination-cidr-block 10.1.0.0/16 --transit-gateway-attachment-id ${mskAttachment.TransitGatewayAttachmentId} --region us-east-1`)
  })

  test('a broker address that no interface has: undecided, never a guess', async () => {
    const w = await mskVpc()
    const run = await reach(['--broker', '10.0.1.99:9096', '--source-eni', w.appEni, '--no-probe'])
    assert.equal(run.status, 0)
    const path = pathOf(run)
    assert.equal(path.status, 'skip')
    assert.match(path.summary, /undecided/)
    assert.ok(findingsOf(run, {status: 'skip'}).some((f) => /no network interface in us-east-1 has 10\.0\.1\.99/.test(f.summary)))
  })

  test('--source-ip of a secondary address (EKS pod on a node interface) finds the node interface', async () => {
    const w = await mskVpc()
    await seed.client.send(new ec2.AssignPrivateIpAddressesCommand({NetworkInterfaceId: w.appEni, PrivateIpAddresses: ['10.0.2.77']}))
    const run = await reach(['--broker', '10.0.1.57:9096', '--source-ip', '10.0.2.77', '--no-probe'])
    const client = findingsOf(run, {check: 'aws'}).find((f) => f.target === 'client')
    assert.equal(client.evidence.interface.id, w.appEni)
    assert.match(client.summary, /pod 10\.0\.2\.77 on a secondary address/)
    assert.equal(pathOf(run).status, 'pass')
  })

  test('the client from instance metadata (a loopback IMDSv2 stub)', async () => {
    const w = await mskVpc({brokerIngress: [{port: 9098, fromGroup: 'app'}]})
    const stub = await startImdsStub({instanceId: 'i-0abc', localIpv4: '10.0.2.10', mac: '02:00:00:00:00:01', interfaceId: w.appEni, securityGroupIds: [w.app], subnetId: w.appSubnet, vpcId: w.vpc, vpcCidrs: ['10.0.0.0/16'], region: 'us-east-1'})
    try {
      const run = await reach(['--broker', '10.0.1.57:9096', '--no-probe'], {AWS_EC2_METADATA_DISABLED: '', AWS_EC2_METADATA_SERVICE_ENDPOINT: stub.endpoint})
      const client = findingsOf(run, {check: 'aws'}).find((f) => f.target === 'client')
      assert.match(client.summary, new RegExp(`instance metadata \\(IMDSv2\\): i-0abc, ${w.appEni}`))
      assert.equal(stub.requests[0], 'PUT /latest/api/token')
      assert.equal(hopOf(run, 'broker-ingress').verdict, 'blocked')
    } finally {
      await stub.close()
    }
  })

  test('human output: the hop table per broker, then the checklist, with the fix spelled out', async () => {
    const w = await mskVpc({brokerIngress: [{port: 9098, fromGroup: 'app'}]})
    const run = await runCli(['aws', 'reachability', '--endpoint-url', moto.endpoint, '--broker', '10.0.1.57:9096', '--source-eni', w.appEni, '--no-probe'], {env: {...motoEnv(moto), AWS_ENDPOINT_URL_EC2: ''}})
    assert.equal(run.status, 1)
    assert.match(run.stdout, /^kdoctor aws reachability · us-east-1/)
    assert.match(run.stdout, /HOP +VERDICT +WHERE +WHY/)
    assert.match(run.stdout, /broker SG inbound +BLOCKED/)
    assert.match(run.stdout, /route client → broker +allowed/)
    assert.match(run.stdout, new RegExp(`fix: aws ec2 authorize-security-group-ingress --group-id ${w.msk} --protocol tcp --port 9096 --source-group ${w.app}`))
    assert.match(run.stdout, /KD707 AWS: a security group, network ACL or route blocks the broker port/)
    assert.equal(run.stderr, '')
  })

  test('--deep against moto (no Reachability Analyzer there): announced, reported as could-not-run, not as blocked', async () => {
    const w = await mskVpc()
    const run = await reach(['--broker', '10.0.1.57:9096', '--source-eni', w.appEni, '--no-probe', '--deep'])
    assert.match(run.stderr, /--deep runs the VPC Reachability Analyzer: AWS bills each analysis/)
    const deep = findingsOf(run, {check: 'aws'}).find((f) => /Reachability Analyzer/.test(f.summary))
    assert.equal(deep.status, 'skip')
    assert.equal(deep.code, undefined)
    assert.equal(pathOf(run).status, 'pass')
    assert.equal(run.status, 0)
  })
})

describe('failing cleanly', () => {
  test('no credentials and no --endpoint-url: one line, exit 2, bounded by the 1 s metadata timeout', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kdoctor-nocreds-'))
    const silent = await startImdsStub({instanceId: '', localIpv4: '', mac: '', interfaceId: '', securityGroupIds: [], subnetId: '', vpcId: '', vpcCidrs: [], region: ''}, 'silent')
    try {
      const run = await runCli(['aws', 'reachability', '--broker', '10.0.1.57:9096', '--no-probe', '--region', 'us-east-1'], {
        env: {
          HOME: home,
          AWS_ACCESS_KEY_ID: '',
          AWS_SECRET_ACCESS_KEY: '',
          AWS_SESSION_TOKEN: '',
          AWS_PROFILE: '',
          AWS_CONFIG_FILE: join(home, 'none-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'none-credentials'),
          AWS_WEB_IDENTITY_TOKEN_FILE: '',
          AWS_CONTAINER_CREDENTIALS_FULL_URI: '',
          AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '',
          AWS_EC2_METADATA_DISABLED: '',
          // A silent loopback metadata service: proves the 1 s bound without touching 169.254.169.254.
          AWS_EC2_METADATA_SERVICE_ENDPOINT: silent.endpoint,
          // Belt and braces: if credentials were found anyway, requests would go to a closed loopback port.
          AWS_ENDPOINT_URL_EC2: 'http://127.0.0.1:9',
        },
        timeoutMs: 30_000,
      })
      assert.equal(run.status, 2, run.stdout + run.stderr)
      assert.equal(run.stdout, '')
      const lines = run.stderr.trim().split('\n')
      assert.equal(lines.length, 1, run.stderr)
      assert.match(lines[0]!, /^kdoctor: no usable AWS credentials .*\(from the AWS SDK default credential chain\)$/)
      assert.doesNotMatch(run.stderr, /\n\s+at /)
      assert.ok(run.durationMs < 8000, `took ${run.durationMs} ms`)
      assert.ok(silent.requests.length >= 1, 'instance metadata was asked (the stub, on loopback)')
    } finally {
      await silent.close()
    }
  })

  test('an EC2 endpoint that does not answer: one line, exit 2', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const port = (closed.address() as {port: number}).port
    await new Promise<void>((r) => closed.close(() => r()))
    const run = await runCli(['aws', 'reachability', '--broker', '10.0.1.57:9096', '--no-probe', '--endpoint-url', `http://127.0.0.1:${port}`], {env: {...motoEnv(moto), AWS_ENDPOINT_URL_EC2: ''}})
    assert.equal(run.status, 2, run.stderr)
    assert.match(run.stderr, new RegExp(`^kdoctor: could not reach the EC2 API at http://127\\.0\\.0\\.1:${port} .*\\n$`))
  })

  test('bad flags: exit 2, one line', async () => {
    const run = await runCli(['aws', 'reachability', '--broker', '10.0.1.57:9096', '--no-probe', '--source-ip', 'not-an-ip'], {env: motoEnv(moto)})
    assert.equal(run.status, 2)
    assert.equal(run.stderr, 'kdoctor: "not-an-ip" is not an IP address (from flag --source-ip)\n')
  })
})

describe('live probe correlation, loopback only (127.0.0.0/8 interfaces in moto)', () => {
  let drop: {ports: number[]; close(): Promise<void>}
  let imds: ImdsStub
  let clientEni: string

  before(async () => {
    drop = await synDropPorts(1)
  })
  after(async () => {
    await drop?.close()
  })

  /** Broker interface 127.0.0.1 (a loopback "MSK broker"), client 127.0.1.2 found via the IMDS stub. */
  async function loopbackVpc(allowPort: number | undefined) {
    const vpc = await seed.vpc('127.0.0.0/16')
    const brokerSubnet = await seed.subnet(vpc, '127.0.0.0/24')
    const clientSubnet = await seed.subnet(vpc, '127.0.1.0/24')
    const app = await seed.group(vpc, 'app')
    const msk = await seed.group(vpc, 'msk', {ingress: allowPort === undefined ? [] : [{port: allowPort, fromGroup: app}]})
    await seed.eni(brokerSubnet, '127.0.0.1', [msk], MSK_DESCRIPTION)
    clientEni = await seed.eni(clientSubnet, '127.0.1.2', [app])
    imds = await startImdsStub({instanceId: 'i-0loop', localIpv4: '127.0.1.2', mac: '02:00:00:00:00:02', interfaceId: clientEni, securityGroupIds: [app], subnetId: clientSubnet, vpcId: vpc, vpcCidrs: ['127.0.0.0/16'], region: 'us-east-1'})
  }

  const probe = async (port: number) => {
    try {
      return await reach(['--broker', `127.0.0.1:${port}`, '--timeout', '2s'], {AWS_EC2_METADATA_DISABLED: '', AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint})
    } finally {
      await imds.close()
    }
  }

  test('rules allow, the port drops SYNs → KD708 (propagating, or dropped outside the rules)', async () => {
    const port = drop.ports[0]!
    await loopbackVpc(port)
    const run = await probe(port)
    assert.equal(pathOf(run).status, 'pass')
    assert.equal(findingsOf(run, {check: 'tcp'})[0].code, 'KD203')
    const kd708 = findingsOf(run, {code: 'KD708'})
    assert.equal(kd708.length, 1, JSON.stringify(run.json.findings.map((f: any) => f.summary)))
    assert.match(kd708[0].summary, /may still be propagating/)
    assert.equal(run.status, 1)
  })

  test('rules block and the port drops SYNs → KD707, and the timeout is what it predicts (no KD708)', async () => {
    const port = drop.ports[0]!
    await loopbackVpc(undefined)
    const run = await probe(port)
    assert.equal(pathOf(run).code, 'KD707')
    assert.equal(findingsOf(run, {code: 'KD708'}).length, 0)
    assert.ok(findingsOf(run, {check: 'aws', status: 'info'}).some((f) => /what the blocked hop predicts/.test(f.summary)))
  })

  test('rules allow, nothing listens → refused: the packets got there (KD202, no KD708)', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const port = (closed.address() as {port: number}).port
    await new Promise<void>((r) => closed.close(() => r()))
    await loopbackVpc(port)
    const run = await probe(port)
    assert.equal(findingsOf(run, {check: 'tcp'})[0].code, 'KD202')
    assert.equal(findingsOf(run, {code: 'KD708'}).length, 0)
    assert.ok(findingsOf(run, {check: 'aws', status: 'info'}).some((f) => /refused: packets reach 127\.0\.0\.1, so no rule drops them; nothing listens/.test(f.summary)))
  })

  test('rules allow and the port answers → everything passes', async () => {
    const server = createServer((s) => s.destroy())
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as {port: number}).port
    try {
      await loopbackVpc(port)
      const run = await probe(port)
      assert.equal(run.status, 0, JSON.stringify(run.json.findings.filter((f: any) => f.status === 'fail')))
      assert.equal(findingsOf(run, {check: 'tcp'})[0].status, 'pass')
    } finally {
      await new Promise<void>((r) => server.close(() => r()))
    }
  })

  test('connection inputs as in connect: advertised brokers come from the real broker, then each is evaluated', async () => {
    const rig: Rig = await ensureRig()
    const listener = rig.listeners.plaintext
    await loopbackVpc(listener.port)
    let run: CliRun
    try {
      run = await runCli(['aws', 'reachability', '--json', '--endpoint-url', moto.endpoint, '-b', `${listener.host}:${listener.port}`, '--timeout', '8s'], {
        env: {...motoEnv(moto), AWS_ENDPOINT_URL_EC2: '', AWS_EC2_METADATA_DISABLED: '', AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint},
      })
    } finally {
      await imds.close()
    }

    const metadata = findingsOf(run, {check: 'metadata'})
    assert.equal(metadata[0]?.status, 'pass', JSON.stringify(run.json?.findings?.map((f: any) => f.summary)))
    assert.match(metadata[0].summary, /the cluster advertises 1 broker/)
    assert.ok(findingsOf(run, {check: 'aws'}).some((f) => f.status === 'pass' && Array.isArray(f.evidence?.hops)))
    assert.equal(findingsOf(run, {check: 'tcp'})[0]?.status, 'pass')
  })
})
