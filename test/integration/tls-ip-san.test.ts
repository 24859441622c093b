// A certificate whose only name is an IP address verifies when the client dials that IP.
import assert from 'node:assert/strict'
import {dirname, join} from 'node:path'
import {after, before, test} from 'node:test'

import {makeCert} from '../faults/certs.js'
import {type FaultServer, tlsProxy} from '../faults/servers.js'
import {findingsOf, runCli} from '../helpers/cli.js'
import {type Rig, ensureRig} from '../helpers/rig.js'

let rig: Rig
const servers: FaultServer[] = []
before(async () => {
  rig = await ensureRig()
})
after(async () => {
  for (const s of servers) await s.close()
})

test('a certificate with only IP:127.0.0.1, signed by the trusted CA, is trusted and matches 127.0.0.1', async () => {
  const cert = makeCert({commonName: 'no-name', san: 'IP:127.0.0.1', ca: {certPath: rig.tls.ca, keyPath: join(dirname(rig.tls.ca), 'ca.key')}})
  const server = await tlsProxy(cert, rig.listeners.plaintext.port)
  servers.push(server)
  const run = await runCli(['connect', '--json', '--no-advertised', '-b', `127.0.0.1:${server.port}`, '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${rig.tls.ca}`])
  const tls = findingsOf(run, {check: 'tls'})[0]
  assert.equal(tls.status, 'pass', JSON.stringify(tls))
  assert.equal(tls.evidence.hostnameMatches, true)
  assert.deepEqual(findingsOf(run, {status: 'fail'}), [])

  // The same certificate seen as "localhost" does not match, and only the host name is blamed.
  const byName = await runCli(['connect', '--json', '--no-advertised', '--no-client', '-b', `localhost:${server.port}`, '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${rig.tls.ca}`])
  assert.deepEqual(findingsOf(byName, {status: 'fail'}).map((f) => f.code), ['KD304'])
})
