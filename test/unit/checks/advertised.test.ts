import assert from 'node:assert/strict'
import {describe, test} from 'node:test'

import {advertisedVerdict, internalLooking, refuseToDial} from '../../../src/checks/advertised.js'
import {advertisedTarget} from '../../../src/checks/target.js'
import {finding} from '../../../src/diagnosis/finding.js'
import {canonicalIp, classifyAddress, undialableReason} from '../../../src/net/address.js'

describe('advertised addresses that only work inside the broker network (KD502)', () => {
  test('loopback advertised to a client that bootstrapped elsewhere', () => {
    assert.match(internalLooking('localhost', ['kafka.example.com']) ?? '', /loopback/)
    assert.match(internalLooking('127.0.0.1', ['10.0.0.5']) ?? '', /loopback/)
    assert.equal(internalLooking('127.0.0.1', ['127.0.0.1']), undefined, 'a local client on a local broker is fine')
  })

  test('a Docker container id', () => {
    assert.match(internalLooking('1cbfdb9e8dc6', ['localhost']) ?? '', /container/)
    assert.equal(internalLooking('kafka-1', ['localhost']), undefined)
  })

  test('a Kubernetes service name, unless we run inside Kubernetes', () => {
    assert.match(internalLooking('kafka-0.kafka.ns.svc.cluster.local', ['kafka.example.com'], {}) ?? '', /Kubernetes/)
    assert.equal(internalLooking('kafka-0.kafka.ns.svc.cluster.local', ['kafka.example.com'], {KUBERNETES_SERVICE_HOST: '10.96.0.1'}), undefined)
  })

  test('a private IP behind a public bootstrap address', () => {
    assert.match(internalLooking('10.1.2.3', ['3.120.1.1']) ?? '', /private/)
    assert.equal(internalLooking('10.1.2.3', ['10.1.2.4']), undefined)
  })
})

describe('advertised verdict', () => {
  const target = advertisedTarget('kafka-1', 9092, 1)
  test('fails with KD501 naming the failing layer', () => {
    const verdict = advertisedVerdict(target, [finding({check: 'dns', target: target.label, status: 'fail', code: 'KD201', summary: 'x'})], ['localhost'])
    assert.equal(verdict.code, 'KD501')
    assert.equal(verdict.evidence.failedLayer, 'dns')
  })

  test('warns with KD502 when reachable but internal-looking', () => {
    const verdict = advertisedVerdict(advertisedTarget('1cbfdb9e8dc6', 9092, 2), [], ['localhost'])
    assert.equal(verdict.status, 'warn')
    assert.equal(verdict.code, 'KD502')
  })
})

test('address scopes', () => {
  assert.equal(classifyAddress('127.0.0.2'), 'loopback')
  assert.equal(classifyAddress('172.20.0.1'), 'private')
  assert.equal(classifyAddress('172.32.0.1'), 'public')
  assert.equal(classifyAddress('100.64.0.1'), 'shared')
  assert.equal(classifyAddress('::1'), 'loopback')
  assert.equal(classifyAddress('fd00::1'), 'private')
  assert.equal(classifyAddress('::ffff:10.0.0.1'), 'private')
})

describe('numeric address forms and addresses that are never dialed (KD502)', () => {
  test('decimal, hex, octal and short IPv4 forms and IPv4-mapped IPv6 normalise before classifying', () => {
    assert.equal(canonicalIp('167772161'), '10.0.0.1')
    assert.equal(canonicalIp('0x0a000001'), '10.0.0.1')
    assert.equal(canonicalIp('012.0.0.1'), '10.0.0.1')
    assert.equal(canonicalIp('10.1'), '10.0.0.1')
    assert.equal(canonicalIp('2852039166'), '169.254.169.254')
    assert.equal(canonicalIp('::ffff:169.254.169.254'), '169.254.169.254')
    assert.equal(canonicalIp('[::ffff:a9fe:a9fe]'), '169.254.169.254')
    assert.equal(canonicalIp('kafka-1'), undefined)
    assert.equal(canonicalIp('1cbfdb9e8dc6'), undefined, 'a container id is a name')
    assert.equal(canonicalIp('4294967296'), undefined, 'beyond 32 bits')
    assert.equal(classifyAddress('0x0a000001'), 'private')
    assert.equal(classifyAddress('2852039166'), 'link-local')
  })

  test('link-local, unspecified, multicast and broadcast are refused; private and public are not', () => {
    for (const ip of ['169.254.169.254', '0.0.0.0', '::', 'fe80::1', '224.0.0.1', 'ff02::1', '255.255.255.255', '2852039166', '::ffff:169.254.169.254']) {
      assert.ok(undialableReason(ip), ip)
    }
    for (const ip of ['10.0.0.1', '127.0.0.1', '3.120.1.1', '::1', 'fd00::1']) assert.equal(undialableReason(ip), undefined, ip)
  })

  test('a refused advertised target names the reason; impossible ports are refused', () => {
    const refused = refuseToDial(advertisedTarget('2852039166', 80, 7), '169.254.169.254')
    assert.equal(refused?.code, 'KD502')
    assert.equal(refused?.status, 'fail')
    assert.match(refused?.summary ?? '', /169\.254\.169\.254.*link-local.*not dialed/)
    for (const port of [-1, 0, 70_000]) assert.match(refuseToDial(advertisedTarget('10.0.0.1', port, 1))?.summary ?? '', /no TCP listener/)
    assert.equal(refuseToDial(advertisedTarget('10.0.0.1', 9092, 1), '10.0.0.1'), undefined)
  })

  test('a scope jump from a loopback bootstrap to a private advertised address is KD502 evidence', () => {
    assert.match(internalLooking('10.0.0.7', ['127.0.0.1']) ?? '', /loopback/)
    assert.match(internalLooking('10.0.0.7', ['localhost']) ?? '', /tunnel/)
    assert.equal(internalLooking('10.0.0.7', ['kafka.example.com']), undefined, 'an unresolved name says nothing')
  })
})
