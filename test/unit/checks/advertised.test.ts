import assert from 'node:assert/strict'
import {describe, test} from 'node:test'

import {advertisedVerdict, internalLooking} from '../../../src/checks/advertised.js'
import {advertisedTarget} from '../../../src/checks/target.js'
import {finding} from '../../../src/diagnosis/finding.js'
import {classifyAddress} from '../../../src/net/address.js'

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
