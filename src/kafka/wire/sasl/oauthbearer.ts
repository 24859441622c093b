// SASL OAUTHBEARER (RFC 7628) client side, as Kafka speaks it (KIP-255):
//   client: n,,\x01auth=Bearer <token>\x01[key=value\x01...]\x01
//   server on failure: a JSON error ({"status":"invalid_token", ...}) as a *challenge*,
//   client: \x01 (RFC 7628 §3.2.3 dummy response), server: SASL_AUTHENTICATION_FAILED.

const SEP = '\x01'

/** The byte a client sends after receiving an error challenge, to let the server fail cleanly. */
export const OAUTHBEARER_ERROR_ACK = Buffer.from([0x01])

// Kafka's extension key/value grammar (OAuthBearerClientInitialResponse).
const EXTENSION_KEY = /^[A-Za-z]+$/
const EXTENSION_VALUE = /^[\x21-\x7E \t\r\n]+$/

export function oauthBearerInitialResponse(token: string, extensions: Readonly<Record<string, string>> = {}): Buffer {
  if (!/^[-_~+/.a-zA-Z0-9]+=*$/.test(token)) {
    // Kafka's token pattern; never echo the token itself.
    throw new TypeError('OAUTHBEARER token contains characters a bearer token cannot have')
  }
  let kv = `auth=Bearer ${token}${SEP}`
  for (const [key, value] of Object.entries(extensions)) {
    if (key === 'auth' || !EXTENSION_KEY.test(key) || !EXTENSION_VALUE.test(value)) {
      throw new TypeError(`invalid OAUTHBEARER extension "${key}"`)
    }
    kv += `${key}=${value}${SEP}`
  }
  return Buffer.from(`n,,${SEP}${kv}${SEP}`, 'utf8')
}

export interface OAuthBearerServerError {
  status: string
  scope?: string
  openidConfiguration?: string
  /** The challenge as sent (JSON text; holds no token). */
  raw: string
}

/** Parse the server's error challenge; undefined when the bytes are not such a JSON object. */
export function parseOAuthBearerError(challenge: Uint8Array): OAuthBearerServerError | undefined {
  const raw = Buffer.from(challenge).toString('utf8')
  try {
    const parsed: unknown = JSON.parse(raw)
    if (typeof parsed !== 'object' || parsed === null) return undefined
    const o = parsed as Record<string, unknown>
    if (typeof o.status !== 'string') return undefined
    const out: OAuthBearerServerError = {status: o.status, raw}
    if (typeof o.scope === 'string') out.scope = o.scope
    if (typeof o['openid-configuration'] === 'string') out.openidConfiguration = o['openid-configuration']
    return out
  } catch {
    return undefined
  }
}
