// What the user names: literal names, prefixes (orders.*), the wildcard, and --operations.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {InputError} from '../../../src/core/input-error.js'
import {operationsFor, parseOperations} from '../../../src/checks/acl/operations.js'
import {parseResources, splitNames} from '../../../src/checks/acl/resources.js'
import {PROBE_SUFFIX} from '../../../src/kafka/acl-probes.js'

describe('resources', () => {
  it('splits repeated and comma-separated values, trims, drops empties and duplicates', () => {
    assert.deepEqual(splitNames(['a, b', 'c', 'a', ' ,']), ['a', 'b', 'c'])
    assert.deepEqual(splitNames(undefined), [])
  })

  it('a trailing * is a prefixed resource, probed with a made-up name under the prefix', () => {
    const [prefixed, literal, any] = parseResources('topic', ['orders.*', 'payments', '*'], '--topic')
    assert.deepEqual(prefixed, {kind: 'topic', name: 'orders.', pattern: 'prefixed', probeName: `orders.${PROBE_SUFFIX}`, label: 'topic orders.* (prefixed)'})
    assert.deepEqual(literal, {kind: 'topic', name: 'payments', pattern: 'literal', probeName: 'payments', label: 'topic payments'})
    assert.equal(any?.pattern, 'wildcard')
    assert.equal(any?.name, '*')
    assert.equal(parseResources('group', ['app-*'], '--group')[0]?.label, 'group app-* (prefixed)')
  })

  it('refuses what the broker would refuse, naming the flag', () => {
    assert.throws(() => parseResources('topic', ['bad topic'], '--topic'), (e: unknown) => e instanceof InputError && /not a valid topic name/.test(e.message) && e.oneLine().includes('flag --topic'))
    assert.throws(() => parseResources('topic', ['a*b'], '--topic'), /only a trailing \*/)
    assert.throws(() => parseResources('topic', ['x'.repeat(250)], '--topic'), /249/)
    // group names are free-form
    assert.equal(parseResources('group', ['my group/1'], '--group')[0]?.name, 'my group/1')
  })
})

describe('operations', () => {
  it('accepts any spelling, refuses unknown names', () => {
    assert.deepEqual([...(parseOperations(['read,describe-configs', 'IDEMPOTENT_WRITE']) ?? [])], ['Read', 'DescribeConfigs', 'IdempotentWrite'])
    assert.equal(parseOperations(undefined), undefined)
    assert.throws(() => parseOperations(['delete']), /unknown operation "delete"/)
  })

  it('each resource type gets the issue\'s operations, narrowed by the filter', () => {
    assert.deepEqual(operationsFor('topic', undefined), ['Describe', 'Read', 'Write', 'Create'])
    assert.deepEqual(operationsFor('group', undefined), ['Describe', 'Read'])
    assert.deepEqual(operationsFor('cluster', undefined), ['Describe', 'Create', 'IdempotentWrite', 'DescribeConfigs'])
    assert.deepEqual(operationsFor('transactional-id', undefined), ['Describe', 'Write'])
    assert.deepEqual(operationsFor('cluster', new Set(['Read', 'Describe'])), ['Describe'])
  })
})
