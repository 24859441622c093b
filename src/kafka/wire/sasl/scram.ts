// SCRAM client (RFC 5802; SHA-256 per RFC 7677; SHA-512 as Kafka registers it), on node:crypto.
// No channel binding ("n,,"), like every Kafka client. Passwords are UTF-8 without SASLprep,
// as Kafka's own ScramFormatter does, so non-ASCII passwords hash the same way the broker stored them.

import {createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual} from 'node:crypto'
import {promisify} from 'node:util'

/** promisify(pbkdf2) at the call, not at load: a run without SCRAM then never loads node:crypto (the single executable defers it). */
function pbkdf2Async(password: Buffer, salt: Buffer, iterations: number, keyLength: number, digest: string): Promise<Buffer> {
  return promisify(pbkdf2)(password, salt, iterations, keyLength, digest)
}

export type ScramHash = 'sha1' | 'sha256' | 'sha512'

export const SCRAM_MECHANISM_HASH: Readonly<Record<string, ScramHash>> = {
  'SCRAM-SHA-256': 'sha256',
  'SCRAM-SHA-512': 'sha512',
}

/** Kafka stores 4096..16384 iterations; anything far above is a stalling (or hostile) server. */
export const SCRAM_MAX_ITERATIONS = 100_000

export type ScramFailure =
  | 'server-error' // the server answered e=<value>
  | 'bad-server-first'
  | 'nonce-mismatch'
  | 'iterations'
  | 'bad-server-final'
  | 'signature-mismatch' // the server could not prove it knows the password: not the real broker, or a broken one

export class ScramError extends Error {
  override readonly name = 'ScramError'
  constructor(
    readonly reason: ScramFailure,
    message: string,
    /** The RFC 5802 server-error-value, for `server-error`. */
    readonly serverError?: string,
  ) {
    super(message)
  }
}

/** RFC 5802 §7 server-error-value → what it means for the person running kdoctor. */
export const SCRAM_SERVER_ERRORS: Readonly<Record<string, string>> = {
  'invalid-encoding': 'the server could not parse our message',
  'extensions-not-supported': 'the server does not support a SCRAM extension we sent',
  'invalid-proof': 'wrong password (the client proof did not verify)',
  'channel-bindings-dont-match': 'channel binding mismatch',
  'server-does-support-channel-binding': 'the server wants channel binding',
  'channel-binding-not-supported': 'the server does not support channel binding',
  'unsupported-channel-binding-type': 'unsupported channel binding type',
  'unknown-user': 'the user does not exist for this SCRAM mechanism',
  'invalid-username-encoding': 'the username is not valid UTF-8 or badly escaped',
  'no-resources': 'the server is out of resources',
  'other-error': 'unspecified server error',
}

export function describeScramServerError(value: string): string {
  return SCRAM_SERVER_ERRORS[value] ?? `server error "${value}"`
}

/** saslname escaping (RFC 5802 §5.1): "=" → "=3D", "," → "=2C". */
export function escapeSaslName(name: string): string {
  return name.replaceAll('=', '=3D').replaceAll(',', '=2C')
}

/** Split "a=1,b=2" into attributes; values may themselves contain "=". */
export function parseScramAttributes(message: string): Map<string, string> {
  const attrs = new Map<string, string>()
  for (const part of message.split(',')) {
    const eq = part.indexOf('=')
    if (eq !== 1) throw new ScramError('bad-server-first', 'malformed SCRAM attribute')
    attrs.set(part.slice(0, 1), part.slice(2))
  }
  return attrs
}

export interface ServerFirst {
  nonce: string
  salt: Buffer
  iterations: number
}

export function parseServerFirst(message: string, clientNonce: string, maxIterations = SCRAM_MAX_ITERATIONS): ServerFirst {
  const attrs = parseScramAttributes(message)
  const error = attrs.get('e')
  if (error !== undefined) throw new ScramError('server-error', `SCRAM server error: ${describeScramServerError(error)}`, error)
  if (attrs.has('m')) throw new ScramError('bad-server-first', 'server requires a SCRAM extension we do not support')
  const nonce = attrs.get('r')
  const salt = attrs.get('s')
  const iterationsText = attrs.get('i')
  if (nonce === undefined || salt === undefined || iterationsText === undefined) {
    throw new ScramError('bad-server-first', 'server-first message lacks r, s or i')
  }
  if (!nonce.startsWith(clientNonce) || nonce.length <= clientNonce.length) {
    throw new ScramError('nonce-mismatch', 'server nonce does not extend the client nonce')
  }
  if (!/^\d{1,9}$/.test(iterationsText)) throw new ScramError('bad-server-first', 'iteration count is not a number')
  const iterations = Number(iterationsText)
  if (iterations < 1 || iterations > maxIterations) {
    throw new ScramError('iterations', `iteration count ${iterations} outside 1..${maxIterations}`)
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(salt)) throw new ScramError('bad-server-first', 'salt is not base64')
  return {nonce, salt: Buffer.from(salt, 'base64'), iterations}
}

const GS2_HEADER = 'n,,'

export interface ScramClientOptions {
  /** Fixed client nonce, for test vectors only. */
  nonce?: string
  maxIterations?: number
}

/** One SCRAM exchange: clientFirst() → clientFinal(serverFirst) → verifyServerFinal(serverFinal). */
export class ScramClient {
  readonly #hash: ScramHash
  readonly #username: string
  #password: string | undefined
  readonly #nonce: string
  readonly #maxIterations: number
  #clientFirstBare: string
  #expectedServerSignature: Buffer | undefined

  constructor(hash: ScramHash, username: string, password: string, options: ScramClientOptions = {}) {
    this.#hash = hash
    this.#username = username
    this.#password = password
    // base64 never contains ",", which the nonce must not.
    this.#nonce = options.nonce ?? randomBytes(24).toString('base64')
    this.#maxIterations = options.maxIterations ?? SCRAM_MAX_ITERATIONS
    this.#clientFirstBare = `n=${escapeSaslName(this.#username)},r=${this.#nonce}`
  }

  clientFirst(): string {
    return GS2_HEADER + this.#clientFirstBare
  }

  async clientFinal(serverFirstMessage: string): Promise<string> {
    const password = this.#password
    if (password === undefined) throw new Error('ScramClient is single-use')
    this.#password = undefined // forget it as soon as it has been used
    const first = parseServerFirst(serverFirstMessage, this.#nonce, this.#maxIterations)
    const keyLength = createHash(this.#hash).digest().length
    const salted = await pbkdf2Async(Buffer.from(password, 'utf8'), first.salt, first.iterations, keyLength, this.#hash)
    const clientKey = this.#hmac(salted, 'Client Key')
    const storedKey = createHash(this.#hash).update(clientKey).digest()
    const withoutProof = `c=${Buffer.from(GS2_HEADER).toString('base64')},r=${first.nonce}`
    const authMessage = `${this.#clientFirstBare},${serverFirstMessage},${withoutProof}`
    const clientSignature = this.#hmac(storedKey, authMessage)
    const proof = Buffer.alloc(clientKey.length)
    for (let i = 0; i < proof.length; i++) proof[i] = (clientKey[i] as number) ^ (clientSignature[i] as number)
    this.#expectedServerSignature = this.#hmac(this.#hmac(salted, 'Server Key'), authMessage)
    salted.fill(0)
    return `${withoutProof},p=${proof.toString('base64')}`
  }

  /** Throws ScramError unless the server proved knowledge of the password (v=...). */
  verifyServerFinal(serverFinalMessage: string): void {
    const expected = this.#expectedServerSignature
    if (!expected) throw new Error('verifyServerFinal before clientFinal')
    let attrs: Map<string, string>
    try {
      attrs = parseScramAttributes(serverFinalMessage)
    } catch {
      throw new ScramError('bad-server-final', 'malformed server-final message')
    }
    const error = attrs.get('e')
    if (error !== undefined) throw new ScramError('server-error', `SCRAM server error: ${describeScramServerError(error)}`, error)
    const v = attrs.get('v')
    if (v === undefined) throw new ScramError('bad-server-final', 'server-final message lacks v')
    const got = Buffer.from(v, 'base64')
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      throw new ScramError('signature-mismatch', 'server signature does not verify')
    }
  }

  #hmac(key: Buffer, data: string): Buffer {
    return createHmac(this.#hash, key).update(data, 'utf8').digest()
  }
}
