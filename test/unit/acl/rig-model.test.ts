// The expectation model itself: Kafka's ACL semantics on hand-made ACL lists.
import assert from 'node:assert/strict'
import {it} from 'node:test'

import type {RigAcl} from '../../helpers/rig.js'
import {allowed, expectedMatrix, idempotentWriteAllowed} from './rig-model.js'

const acl = (over: Partial<RigAcl>): RigAcl => ({principal: 'User:a', resourceType: 'TOPIC', patternType: 'LITERAL', name: 't', operation: 'READ', permission: 'ALLOW', ...over})

it('literal, prefixed and wildcard patterns; implied DESCRIBE; DENY wins; super users', () => {
  assert.equal(allowed([acl({})], 'User:a', 'TOPIC', 't', 'READ'), true)
  assert.equal(allowed([acl({})], 'User:a', 'TOPIC', 't', 'DESCRIBE'), true, 'READ implies DESCRIBE')
  assert.equal(allowed([acl({})], 'User:a', 'TOPIC', 't', 'WRITE'), false)
  assert.equal(allowed([acl({})], 'User:a', 'TOPIC', 't2', 'READ'), false)
  assert.equal(allowed([acl({patternType: 'PREFIXED', name: 'a.'})], 'User:a', 'TOPIC', 'a.x', 'READ'), true)
  assert.equal(allowed([acl({name: '*'})], 'User:a', 'TOPIC', 'anything', 'READ'), true)
  assert.equal(allowed([acl({operation: 'ALL'}), acl({permission: 'DENY', operation: 'WRITE'})], 'User:a', 'TOPIC', 't', 'WRITE'), false)
  assert.equal(allowed([], 'User:admin', 'CLUSTER', 'kafka-cluster', 'CREATE'), true)
  assert.equal(allowed([acl({})], 'User:b', 'TOPIC', 't', 'READ'), false)
  assert.equal(idempotentWriteAllowed([acl({operation: 'WRITE'})], 'User:a'), true)
  assert.equal(idempotentWriteAllowed([acl({operation: 'READ'})], 'User:a'), false)
})

it('the matrix shape: Create only for topics that are missing or hidden, and for prefixes', () => {
  const m = expectedMatrix({acls: [acl({patternType: 'PREFIXED', name: 'a.', operation: 'ALL'})], topics: [{name: 'a.x', partitions: 1}]}, 'alice' as never, {topics: [], groups: [], transactionalIds: []})
  assert.equal(m.get('cluster|IdempotentWrite'), 'denied', 'User:alice has none of User:a\'s ACLs')
  const a = expectedMatrix({acls: [acl({principal: 'User:alice', patternType: 'PREFIXED', name: 'a.', operation: 'ALL'})], topics: [{name: 'a.x', partitions: 1}]}, 'alice', {topics: ['a.x', 'a.y', 'b', 'a.*'], groups: [], transactionalIds: []})
  assert.equal(a.get('topic a.x|exists'), 'yes')
  assert.equal(a.has('topic a.x|Create'), false)
  assert.equal(a.get('topic a.y|exists'), 'no')
  assert.equal(a.get('topic a.y|Create'), 'allowed')
  assert.equal(a.get('topic b|exists'), 'hidden')
  assert.equal(a.get('topic b|Create'), 'denied')
  assert.equal(a.get('topic a.* (prefixed)|Create'), 'allowed')
  assert.equal(a.get('cluster|IdempotentWrite'), 'allowed')
})
