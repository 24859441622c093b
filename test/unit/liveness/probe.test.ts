// The HTTP probe against loopback servers shaped like Karafka's listener (and a few faults).
import assert from 'node:assert/strict'
import {after, describe, test} from 'node:test'

import {MAX_BODY_BYTES, probeLiveness} from '../../../src/liveness/http-probe.js'
import {synDropPorts} from '../../faults/servers.js'
import {type FakeListener, livenessBody, startListener} from './karafka-listener.js'
import {closedPort} from '../../helpers/ports.js'

const opened: FakeListener[] = []
after(async () => {
  for (const l of opened) await l.close()
})

async function listener(...args: Parameters<typeof startListener>): Promise<FakeListener> {
  const l = await startListener(...args)
  opened.push(l)
  return l
}

const at = (port: number, path = '/') => ({host: '127.0.0.1', port, path})

describe('probeLiveness', () => {
  test('reads a JSON answer exactly as Karafka sends it, path and method included', async () => {
    const l = await listener((port) => ({kind: 'json', body: livenessBody(port, {polling_ttl_exceeded: true})}))
    const outcome = await probeLiveness(at(l.port, '/healthz'), 2000)
    assert.equal(outcome.kind, 'response')
    assert.ok(outcome.kind === 'response')
    assert.equal(outcome.statusCode, 500)
    assert.equal(outcome.contentType, 'application/json')
    assert.equal(JSON.parse(outcome.body).errors.polling_ttl_exceeded, true)
    assert.equal(outcome.address, `127.0.0.1:${l.port}`)
    assert.deepEqual(l.requests, ['GET /healthz HTTP/1.1'])
  })

  test("old Karafka's 204 and bodiless 500 (no Content-Length, then close)", async () => {
    const healthy = await listener({kind: 'legacy', healthy: true})
    const sick = await listener({kind: 'legacy', healthy: false})
    const a = await probeLiveness(at(healthy.port), 2000)
    const b = await probeLiveness(at(sick.port), 2000)
    assert.ok(a.kind === 'response' && b.kind === 'response')
    assert.deepEqual([a.statusCode, a.body], [204, ''])
    assert.deepEqual([b.statusCode, b.body], [500, ''])
  })

  test('refused: nothing listens', async () => {
    const outcome = await probeLiveness(at(await closedPort()), 2000)
    assert.ok(outcome.kind === 'error')
    assert.equal(outcome.failure, 'refused')
    assert.equal(outcome.errorCode, 'ECONNREFUSED')
    assert.equal(outcome.connected, false)
  })

  test('a port that drops SYNs times out in the connect phase, within the timeout', async () => {
    const drop = await synDropPorts(1)
    try {
      const started = Date.now()
      const outcome = await probeLiveness(at(drop.ports[0]!), 400)
      const took = Date.now() - started
      assert.ok(outcome.kind === 'error')
      assert.equal(outcome.failure, 'connect-timeout')
      assert.ok(took >= 380 && took < 1500, `took ${took} ms`)
    } finally {
      await drop.close()
    }
  })

  test('accepted but never answered: an answer timeout', async () => {
    const l = await listener({kind: 'silent'})
    const started = Date.now()
    const outcome = await probeLiveness(at(l.port), 400)
    assert.ok(outcome.kind === 'error')
    assert.equal(outcome.failure, 'answer-timeout')
    assert.equal(outcome.connected, true)
    assert.ok(Date.now() - started < 1500)
  })

  test('a slow answer inside the timeout is an answer, with its time measured', async () => {
    const l = await listener((port) => ({kind: 'json', body: livenessBody(port)}))
    l.delayMs = 300
    const outcome = await probeLiveness(at(l.port), 2000)
    assert.ok(outcome.kind === 'response')
    assert.equal(outcome.statusCode, 200)
    assert.ok(outcome.elapsedMs >= 290, `elapsed ${outcome.elapsedMs}`)
  })

  test('bytes that are not HTTP', async () => {
    const l = await listener({kind: 'raw', bytes: 'SSH-2.0-OpenSSH_9.6\r\n'})
    const outcome = await probeLiveness(at(l.port), 2000)
    assert.ok(outcome.kind === 'error')
    assert.equal(outcome.failure, 'not-http')
    assert.match(outcome.errorCode ?? '', /^HPE_/)
  })

  test('closed without a word: reset', async () => {
    const l = await listener({kind: 'raw', bytes: ''})
    const outcome = await probeLiveness(at(l.port), 2000)
    assert.ok(outcome.kind === 'error')
    assert.equal(outcome.failure, 'reset')
  })

  test('a huge body is cut at the limit', async () => {
    const big = 'x'.repeat(MAX_BODY_BYTES * 3)
    const l = await listener({kind: 'raw', bytes: `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${big.length}\r\n\r\n${big}`})
    const outcome = await probeLiveness(at(l.port), 2000)
    assert.ok(outcome.kind === 'response')
    assert.equal(outcome.truncated, true)
    assert.equal(outcome.body.length, MAX_BODY_BYTES)
  })
})
