import assert from 'node:assert/strict'
import {test} from 'node:test'

import type {NetworkAclEntry} from '../../../src/aws/facts.js'
import {evaluateAcl, freeRuleNumber, ruleCoversPort} from '../../../src/aws/rules.js'

const entry = (e: Partial<NetworkAclEntry> & Pick<NetworkAclEntry, 'ruleNumber' | 'action'>): NetworkAclEntry => ({egress: false, protocol: '6', cidr: '0.0.0.0/0', ...e})

test('first match wins, in rule-number order, whatever order the API listed them in', () => {
  const entries = [entry({ruleNumber: 200, action: 'allow', fromPort: 9096, toPort: 9096}), entry({ruleNumber: 100, action: 'deny', fromPort: 9000, toPort: 9100})]
  const outcome = evaluateAcl(entries, false, '10.0.2.10', {from: 9096, to: 9096})
  assert.equal(outcome.verdict, 'blocked')
  assert.equal(outcome.deniedBy?.ruleNumber, 100)
})

test('a port range is allowed only when every port is: split ranges are followed to the end', () => {
  const entries = [entry({ruleNumber: 100, action: 'allow', fromPort: 1024, toPort: 40_000}), entry({ruleNumber: 110, action: 'allow', fromPort: 40_001, toPort: 65_535})]
  const outcome = evaluateAcl(entries, false, '10.0.1.57', {from: 32_768, to: 60_999})
  assert.equal(outcome.verdict, 'allowed')
  assert.deepEqual(outcome.allowedBy.map((e) => e.ruleNumber), [100, 110])
  const gap = evaluateAcl([entries[0]!], false, '10.0.1.57', {from: 32_768, to: 60_999})
  assert.equal(gap.verdict, 'blocked')
  assert.deepEqual(gap.deniedPorts, {from: 40_001, to: 60_999})
})

test('UDP and ICMP entries never decide a TCP packet; CIDRs must contain the peer', () => {
  const entries = [entry({ruleNumber: 50, action: 'deny', protocol: '17'}), entry({ruleNumber: 60, action: 'deny', cidr: '192.168.0.0/16'}), entry({ruleNumber: 70, action: 'allow', protocol: '-1', cidr: '10.0.0.0/8'})]
  assert.equal(evaluateAcl(entries, false, '10.0.2.10', {from: 9096, to: 9096}).verdict, 'allowed')
  assert.equal(evaluateAcl(entries, false, '172.16.0.1', {from: 9096, to: 9096}).verdict, 'blocked')
})

test('an unknown peer address leaves address-specific entries undecided', () => {
  const outcome = evaluateAcl([entry({ruleNumber: 100, action: 'allow', cidr: '203.0.113.0/24'})], false, undefined, {from: 9196, to: 9196})
  assert.equal(outcome.verdict, 'unknown')
})

test('security group rule ports: -1 is everything, a range is inclusive, udp never matches', () => {
  assert.equal(ruleCoversPort({protocol: '-1'}, 9096), true)
  assert.equal(ruleCoversPort({protocol: 'tcp', fromPort: 9092, toPort: 9098}, 9098), true)
  assert.equal(ruleCoversPort({protocol: 'tcp', fromPort: 9092, toPort: 9098}, 9099), false)
  assert.equal(ruleCoversPort({protocol: 'udp', fromPort: 0, toPort: 65_535}, 9096), false)
  assert.equal(ruleCoversPort({protocol: '6', fromPort: 9096, toPort: 9096}, 9096), true)
})

test('a free rule number comes before the deny and after the rule before it', () => {
  const list = [entry({ruleNumber: 100, action: 'allow'}), entry({ruleNumber: 200, action: 'deny'})]
  assert.equal(freeRuleNumber(list, false, 200), 190)
  assert.equal(freeRuleNumber(list, false, 32_767), 210)
  assert.equal(freeRuleNumber([entry({ruleNumber: 1, action: 'deny'})], false, 1), 1)
  assert.equal(freeRuleNumber([entry({ruleNumber: 10, action: 'allow'}), entry({ruleNumber: 11, action: 'deny'})], false, 11), 9)
})
