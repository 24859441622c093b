// SaslHandshake (key 17). v1 only: it switches the broker to SaslAuthenticate framing (KIP-152),
// and v0 is gone in Kafka 4.0 (KIP-896). The version can never become flexible (KAFKA-9577).

import {Reader, Writer} from '../codec.js'

export const SASL_HANDSHAKE_VERSION = 1

export interface SaslHandshakeResponse {
  errorCode: number
  mechanisms: string[]
}

export function encodeSaslHandshakeRequest(mechanism: string): Buffer {
  return new Writer(32).string(mechanism).toBuffer()
}

export function decodeSaslHandshakeResponse(r: Reader): SaslHandshakeResponse {
  return {errorCode: r.int16(), mechanisms: r.array((x) => x.string(), 2)}
}
