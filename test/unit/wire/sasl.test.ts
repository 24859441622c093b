import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {
  OAUTHBEARER_ERROR_ACK,
  ScramClient,
  ScramError,
  describeScramServerError,
  oauthBearerInitialResponse,
  parseOAuthBearerError,
  plainInitialResponse,
} from '../../../src/kafka/wire/index.js'
import {escapeSaslName, parseServerFirst} from '../../../src/kafka/wire/sasl/scram.js'

describe('SCRAM', () => {
  it('reproduces the RFC 7677 §3 SCRAM-SHA-256 exchange', async () => {
    const c = new ScramClient('sha256', 'user', 'pencil', {nonce: 'rOprNGfwEbeRWgbNEkqO'})
    assert.equal(c.clientFirst(), 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO')
    const final = await c.clientFinal('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096')
    assert.equal(final, 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=')
    c.verifyServerFinal('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=')
  })

  it('reproduces the RFC 5802 §5 SCRAM-SHA-1 exchange (same algorithm, other hash)', async () => {
    const c = new ScramClient('sha1', 'user', 'pencil', {nonce: 'fyko+d2lbbFgONRv9qkxdawL'})
    assert.equal(c.clientFirst(), 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL')
    const final = await c.clientFinal('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096')
    assert.equal(final, 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=')
    c.verifyServerFinal('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=')
  })

  it('rejects a server signature that does not verify (an impostor or a different password store)', async () => {
    const c = new ScramClient('sha256', 'user', 'pencil', {nonce: 'rOprNGfwEbeRWgbNEkqO'})
    await c.clientFinal('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096')
    assert.throws(
      () => c.verifyServerFinal('v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='),
      (e) => e instanceof ScramError && e.reason === 'signature-mismatch',
    )
    assert.throws(() => c.verifyServerFinal('x'), (e) => e instanceof ScramError && e.reason === 'bad-server-final')
  })

  it('maps server e= errors in server-first and server-final', async () => {
    assert.throws(
      () => parseServerFirst('e=unknown-user', 'abc'),
      (e) => e instanceof ScramError && e.reason === 'server-error' && e.serverError === 'unknown-user' && /does not exist/.test(e.message),
    )
    const c = new ScramClient('sha512', 'user', 'pencil', {nonce: 'abc'})
    await c.clientFinal('r=abcdef,s=QSXCR+Q6sek8bf92,i=4096')
    assert.throws(() => c.verifyServerFinal('e=invalid-proof'), (e) => e instanceof ScramError && e.serverError === 'invalid-proof')
    assert.match(describeScramServerError('invalid-proof'), /wrong password/)
    assert.match(describeScramServerError('something-new'), /something-new/)
  })

  it('refuses a server nonce that does not extend ours, and absurd iteration counts', () => {
    assert.throws(() => parseServerFirst('r=zzz,s=QSXC,i=4096', 'abc'), (e) => e instanceof ScramError && e.reason === 'nonce-mismatch')
    assert.throws(() => parseServerFirst('r=abc,s=QSXC,i=4096', 'abc'), (e) => e instanceof ScramError && e.reason === 'nonce-mismatch')
    assert.throws(() => parseServerFirst('r=abcd,s=QSXC,i=999999999', 'abc'), (e) => e instanceof ScramError && e.reason === 'iterations')
    assert.throws(() => parseServerFirst('r=abcd,s=QSXC,i=0', 'abc'), (e) => e instanceof ScramError && e.reason === 'iterations')
    assert.throws(() => parseServerFirst('r=abcd,s=QSXC', 'abc'), (e) => e instanceof ScramError && e.reason === 'bad-server-first')
    assert.throws(() => parseServerFirst('m=ext,r=abcd,s=QSXC,i=4096', 'abc'), (e) => e instanceof ScramError && e.reason === 'bad-server-first')
    assert.deepEqual(parseServerFirst('r=abcd,s=QSXCR+Q6sek8bf92,i=4096,x=ignored', 'abc').iterations, 4096)
  })

  it('escapes "=" and "," in user names and uses a fresh comma-free nonce each time', () => {
    assert.equal(escapeSaslName('a=b,c'), 'a=3Db=2Cc')
    const a = new ScramClient('sha256', 'a=b,c', 'x').clientFirst()
    const b = new ScramClient('sha256', 'a=b,c', 'x').clientFirst()
    assert.match(a, /^n,,n=a=3Db=2Cc,r=[^,]{16,}$/)
    assert.notEqual(a, b)
  })

  it('never puts the password in an error', async () => {
    const c = new ScramClient('sha256', 'user', 'hunter2-secret', {nonce: 'abc'})
    await assert.rejects(c.clientFinal('r=zzz,s=QSXC,i=4096'), (e: Error) => !e.message.includes('hunter2'))
  })
})

describe('PLAIN and OAUTHBEARER messages', () => {
  it('builds the RFC 4616 PLAIN message', () => {
    assert.deepEqual(plainInitialResponse('alice', 'alice-secret'), Buffer.from('\0alice\0alice-secret'))
    assert.throws(() => plainInitialResponse('al\0ice', 'x'), (e: Error) => !e.message.includes('x'))
  })

  it('builds the RFC 7628 client first message the way Kafka parses it', () => {
    const token = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.'
    assert.equal(oauthBearerInitialResponse(token).toString(), `n,,\x01auth=Bearer ${token}\x01\x01`)
    assert.equal(
      oauthBearerInitialResponse(token, {logicalCluster: 'lkc-1'}).toString(),
      `n,,\x01auth=Bearer ${token}\x01logicalCluster=lkc-1\x01\x01`,
    )
    assert.throws(() => oauthBearerInitialResponse('has space'), (e: Error) => !e.message.includes('has space'))
    assert.deepEqual(OAUTHBEARER_ERROR_ACK, Buffer.from([1]))
  })

  it('parses the broker error challenge (Kafka OAuthBearerSaslServer JSON)', () => {
    assert.deepEqual(parseOAuthBearerError(Buffer.from('{"status":"invalid_token"}')), {status: 'invalid_token', raw: '{"status":"invalid_token"}'})
    const withScope = parseOAuthBearerError(Buffer.from('{"status":"insufficient_scope", "scope":"kafka", "openid-configuration":"https://idp/x"}'))
    assert.equal(withScope?.scope, 'kafka')
    assert.equal(withScope?.openidConfiguration, 'https://idp/x')
    assert.equal(parseOAuthBearerError(Buffer.from('not json')), undefined)
    assert.equal(parseOAuthBearerError(Buffer.from('{"nostatus":1}')), undefined)
  })
})
