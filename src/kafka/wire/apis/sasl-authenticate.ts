// SaslAuthenticate (key 36): carries the mechanism's opaque bytes after SaslHandshake v1.
// v1 adds session_lifetime_ms (KIP-368 re-authentication); v2 is flexible.

import {Reader, Writer} from '../codec.js'

export const SASL_AUTHENTICATE_VERSIONS = {min: 0, max: 2} as const

export interface SaslAuthenticateResponse {
  errorCode: number
  errorMessage: string | null
  authBytes: Buffer
  /** 0 when the broker does not ask for re-authentication (or v0). */
  sessionLifetimeMs: number
}

export function encodeSaslAuthenticateRequest(version: number, authBytes: Uint8Array): Buffer {
  const w = new Writer(authBytes.length + 8)
  if (version >= 2) w.compactBytes(authBytes).taggedFields()
  else w.bytes(authBytes)
  return w.toBuffer()
}

export function decodeSaslAuthenticateResponse(version: number): (r: Reader) => SaslAuthenticateResponse {
  return (r) => {
    const flexible = version >= 2
    const errorCode = r.int16()
    const errorMessage = flexible ? r.compactNullableString() : r.nullableString()
    const authBytes = Buffer.from(flexible ? r.compactBytes() : r.bytes())
    const sessionLifetimeMs = version >= 1 ? Number(r.int64()) : 0
    if (flexible) r.taggedFields()
    return {errorCode, errorMessage, authBytes, sessionLifetimeMs}
  }
}
