import assert from 'node:assert/strict'
import {describe, test} from 'node:test'

import {InputError} from '../../../src/core/input-error.js'
import {parseEndpoint} from '../../../src/liveness/endpoint.js'

describe('the endpoint', () => {
  test('defaults to localhost:3000/', () => {
    assert.deepEqual(parseEndpoint({}), {url: 'http://localhost:3000/', host: 'localhost', port: 3000, path: '/', portGiven: false, source: '--host/--port'})
  })

  test('--host/--port/--path', () => {
    const e = parseEndpoint({host: '10.0.3.7', port: 3001, path: 'healthz'})
    assert.equal(e.url, 'http://10.0.3.7:3001/healthz')
    assert.equal(e.portGiven, true)
  })

  test('a URL, with or without scheme, port or path', () => {
    assert.equal(parseEndpoint({url: 'http://pod.ns.svc:3000/live'}).url, 'http://pod.ns.svc:3000/live')
    assert.equal(parseEndpoint({url: 'localhost:3001'}).url, 'http://localhost:3001/')
    const noPort = parseEndpoint({url: 'http://10.1.2.3/'})
    assert.deepEqual([noPort.port, noPort.portGiven], [3000, false])
    const v6 = parseEndpoint({url: 'http://[::1]:3000/'})
    assert.deepEqual([v6.host, v6.url], ['::1', 'http://[::1]:3000/'])
  })

  test('credentials in a URL are dropped from everything shown', () => {
    assert.equal(parseEndpoint({url: 'http://user:s3cret@localhost:3000/'}).url, 'http://localhost:3000/')
  })

  for (const [input, pattern] of [
    [{url: 'https://localhost:3000/'}, /plain HTTP/],
    [{url: 'http://local host:3000/'}, /not a URL/],
    [{url: 'http://localhost:99999/'}, /not a URL|between 1 and 65535/],
    [{url: 'http://localhost:0/'}, /between 1 and 65535/],
    [{url: 'localhost:3000', port: 3001}, /either a URL or --host\/--port/],
    [{port: 70000}, /between 1 and 65535/],
    [{host: 'a b'}, /not a host/],
  ] as const) {
    test(`rejects ${JSON.stringify(input)} as bad input`, () => {
      assert.throws(
        () => parseEndpoint(input),
        (error: unknown) => error instanceof InputError && pattern.test(error.oneLine()),
      )
    })
  }
})
