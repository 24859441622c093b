import assert from 'node:assert/strict'
import {test} from 'node:test'

import {cidrContains, cidrsOverlap, hostCidr, parseCidr, prefixLength} from '../../../src/aws/cidr.js'

test('IPv4 containment at the edges of a block', () => {
  assert.equal(cidrContains('10.0.1.0/24', '10.0.1.0'), true)
  assert.equal(cidrContains('10.0.1.0/24', '10.0.1.255'), true)
  assert.equal(cidrContains('10.0.1.0/24', '10.0.2.0'), false)
  assert.equal(cidrContains('0.0.0.0/0', '203.0.113.9'), true)
  assert.equal(cidrContains('10.0.1.57/32', '10.0.1.57'), true)
  assert.equal(cidrContains('10.0.1.57/32', '10.0.1.58'), false)
  // A host written with bits past the prefix is normalised, as EC2 does.
  assert.equal(cidrContains('10.0.1.77/24', '10.0.1.3'), true)
})

test('IPv6 containment, compressed forms and family mismatch', () => {
  assert.equal(cidrContains('2600:1f18:aaaa::/56', '2600:1f18:aaaa:ff::1'), true)
  assert.equal(cidrContains('2600:1f18:aaaa::/56', '2600:1f18:aaab::1'), false)
  assert.equal(cidrContains('::/0', '::1'), true)
  assert.equal(cidrContains('0.0.0.0/0', '::1'), false)
  assert.equal(cidrContains('::/0', '10.0.0.1'), false)
  assert.equal(cidrContains('::ffff:10.0.0.0/120', '::ffff:10.0.0.7'), true)
})

test('overlap, prefix length, host blocks and rubbish', () => {
  assert.equal(cidrsOverlap('10.0.0.0/16', '10.0.5.0/24'), true)
  assert.equal(cidrsOverlap('10.0.0.0/16', '10.1.0.0/16'), false)
  assert.equal(prefixLength('10.0.0.0/16'), 16)
  assert.equal(prefixLength('pl-123'), -1)
  assert.equal(hostCidr('10.0.2.10'), '10.0.2.10/32')
  assert.equal(hostCidr('fd00::1'), 'fd00::1/128')
  assert.equal(parseCidr('10.0.0.0/33'), undefined)
  assert.equal(cidrContains('nonsense', '10.0.0.1'), false)
})
