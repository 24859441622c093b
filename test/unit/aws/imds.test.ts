// IMDSv2 against a loopback stub: never 169.254.169.254.
import assert from 'node:assert/strict'
import {createServer} from 'node:net'
import {after, before, test} from 'node:test'

import {imdsEndpoint, readInstanceIdentity} from '../../../src/aws/imds.js'
import {type ImdsStub, startImdsStub} from './imds-stub.js'

const DATA = {
  instanceId: 'i-0123456789abcdef0',
  localIpv4: '10.0.2.10',
  mac: '02:00:00:aa:bb:cc',
  interfaceId: 'eni-client',
  securityGroupIds: ['sg-app', 'sg-extra'],
  subnetId: 'subnet-app',
  vpcId: 'vpc-main',
  vpcCidrs: ['10.0.0.0/16', '100.64.0.0/16'],
  region: 'eu-west-1',
}

let stub: ImdsStub
before(async () => {
  stub = await startImdsStub(DATA)
})
after(() => stub.close())

test('token first, then the network facts of the primary interface', async () => {
  const outcome = await readInstanceIdentity({AWS_EC2_METADATA_SERVICE_ENDPOINT: stub.endpoint})
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason)
  assert.deepEqual(outcome.identity, {...DATA})
  assert.equal(stub.requests[0], 'PUT /latest/api/token')
  assert.ok(stub.requests.includes(`GET /latest/meta-data/network/interfaces/macs/${DATA.mac}/security-group-ids`))
})

test('a silent metadata service costs at most the 1 s timeout', async () => {
  const silent = await startImdsStub(DATA, 'silent')
  try {
    const started = Date.now()
    const outcome = await readInstanceIdentity({AWS_EC2_METADATA_SERVICE_ENDPOINT: silent.endpoint})
    const took = Date.now() - started
    assert.equal(outcome.ok, false)
    assert.match(!outcome.ok ? outcome.reason : '', /no IMDSv2 token .*no answer within 1000 ms/)
    assert.ok(took >= 900 && took < 3000, `took ${took} ms`)
  } finally {
    await silent.close()
  }
})

test('nothing listening: fails fast', async () => {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as {port: number}).port
  await new Promise<void>((r) => server.close(() => r()))
  const outcome = await readInstanceIdentity({AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${port}/`})
  assert.equal(outcome.ok, false)
  assert.ok(outcome.durationMs < 900)
})

test('AWS_EC2_METADATA_DISABLED sends nothing; the endpoint variables are honoured', async () => {
  const before = stub.requests.length
  const outcome = await readInstanceIdentity({AWS_EC2_METADATA_DISABLED: 'true', AWS_EC2_METADATA_SERVICE_ENDPOINT: stub.endpoint})
  assert.equal(outcome.ok, false)
  assert.equal(stub.requests.length, before)
  assert.equal(imdsEndpoint({}), 'http://169.254.169.254')
  assert.equal(imdsEndpoint({AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6'}), 'http://[fd00:ec2::254]')
  assert.equal(imdsEndpoint({AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9/'}), 'http://127.0.0.1:9')
})
