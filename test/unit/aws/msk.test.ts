import assert from 'node:assert/strict'
import {test} from 'node:test'

import {isMskHost, isMskServerlessHost, isVpcEndpointInterface, mskClusterArnFrom, mskClusterName, mskPort, mskPortMap, regionFromHost} from '../../../src/aws/msk.js'

test("MSK's interface description carries the cluster ARN", () => {
  const arn = mskClusterArnFrom('DO NOT DELETE - Amazon MSK network interface for cluster arn:aws:kafka:eu-west-1:123456789012:cluster/orders/7d3c2b1a-aaaa-bbbb-cccc-0123456789ab-3.')
  assert.equal(arn, 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/7d3c2b1a-aaaa-bbbb-cccc-0123456789ab-3')
  assert.equal(mskClusterName(arn!), 'orders')
  assert.equal(mskClusterArnFrom('Primary network interface'), undefined)
  assert.equal(mskClusterArnFrom('arn:aws:kafka:eu-west-1:123456789012:cluster/orders/x'), undefined)
})

test('Region and flavour from broker names', () => {
  assert.equal(regionFromHost('b-1.orders.abc123.c2.kafka.eu-west-1.amazonaws.com'), 'eu-west-1')
  assert.equal(regionFromHost('boot-abc.c1.kafka-serverless.us-east-2.amazonaws.com'), 'us-east-2')
  assert.equal(isMskServerlessHost('boot-abc.c1.kafka-serverless.us-east-2.amazonaws.com'), true)
  assert.equal(isMskServerlessHost('b-1.orders.abc123.c2.kafka.eu-west-1.amazonaws.com'), false)
  assert.equal(regionFromHost('b-1-public.orders.abc123.c2.kafka.us-gov-west-1.amazonaws.com'), 'us-gov-west-1')
  assert.equal(isMskHost('kafka.example.com'), false)
  assert.equal(regionFromHost('10.0.1.57'), undefined)
})

test('port map: private, public and multi-VPC listeners', () => {
  assert.equal(mskPort(9096)?.listener, 'SASL/SCRAM over TLS')
  assert.equal(mskPort(9198)?.access, 'public')
  assert.equal(mskPort(14_001)?.access, 'multi-vpc')
  assert.equal(mskPort(14_100)?.access, 'multi-vpc')
  assert.equal(mskPort(14_101), undefined)
  assert.equal(mskPort(9093), undefined)
  assert.match(mskPortMap(), /9092 plaintext.*9194 public TLS.*14001-14100 multi-VPC/)
})

test('VPC endpoint interfaces (multi-VPC connectivity) are recognised', () => {
  assert.equal(isVpcEndpointInterface('vpc_endpoint', ''), true)
  assert.equal(isVpcEndpointInterface('interface', 'VPC Endpoint Interface vpce-0abc'), true)
  assert.equal(isVpcEndpointInterface('interface', 'Primary network interface'), false)
})
