// The principal as the broker sees it: SASL name, OAUTHBEARER sub, certificate subject, ANONYMOUS.
import assert from 'node:assert/strict'
import {after, describe, it} from 'node:test'
import {rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {principalFor, rfc2253Subject} from '../../../src/checks/acl/principal.js'
import {loadProfile} from '../../../src/config/load-profile.js'
import {makeCert} from '../../faults/certs.js'

const profileOf = async (properties: string[]) => (await loadProfile({bootstrapServers: '127.0.0.1:9092', properties}, {})).profile

describe('principalFor', () => {
  it('SASL PLAIN/SCRAM: User:<username>, from where it was set', async () => {
    const p = principalFor(await profileOf(['security.protocol=SASL_SSL', 'sasl.mechanisms=SCRAM-SHA-512', 'sasl.username=app', 'sasl.password=x']))
    assert.equal(p.principal, 'User:app')
    assert.match(p.from, /sasl\.username, set in -X sasl\.username/)
    assert.equal(p.uncertain, false)
  })

  it('OAUTHBEARER: the token subject', async () => {
    const profile = await profileOf(['security.protocol=SASL_SSL', 'sasl.mechanisms=OAUTHBEARER', 'sasl.oauthbearer.config=principal=svc'])
    assert.equal(principalFor(profile, {tokenSub: 'svc'}).principal, 'User:svc')
  })

  it('--principal wins, with or without the User: prefix', async () => {
    const profile = await profileOf([])
    assert.equal(principalFor(profile, {override: 'app'}).principal, 'User:app')
    assert.equal(principalFor(profile, {override: 'Group:ops'}).principal, 'Group:ops')
  })

  it('no authentication: User:ANONYMOUS, with the warning that a grant to it is a grant to everyone', async () => {
    const p = principalFor(await profileOf([]))
    assert.equal(p.principal, 'User:ANONYMOUS')
    assert.match(p.note ?? '', /everyone/)
  })

  it('mutual TLS: the certificate subject in RFC 2253 order, and a note on ssl.principal.mapping.rules', async () => {
    const cert = makeCert({commonName: 'heroku-tenant'})
    after(() => rmSync(cert.dir, {recursive: true, force: true}))
    const certFile = join(cert.dir, 'client.crt')
    const keyFile = join(cert.dir, 'client.key')
    writeFileSync(certFile, cert.certPem)
    writeFileSync(keyFile, cert.keyPem)
    const p = principalFor(await profileOf(['security.protocol=SSL', `ssl.certificate.location=${certFile}`, `ssl.key.location=${keyFile}`]))
    assert.equal(p.principal, 'User:CN=heroku-tenant')
    assert.equal(p.certificateSubject, 'CN=heroku-tenant')
    assert.equal(p.uncertain, true)
    assert.match(p.note ?? '', /ssl\.principal\.mapping\.rules.*User:heroku-tenant/)
  })

  it('RFC 2253 reverses Node\'s most-significant-first subject lines', () => {
    assert.equal(rfc2253Subject('C=US\nO=Acme\nCN=app'), 'CN=app,O=Acme,C=US')
  })
})
