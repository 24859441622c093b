// Recognise reply bytes that are clearly not a Kafka frame. Every one of these would otherwise be
// read as an absurd length prefix: 0x15 0x03 .. = ~352 MB, 0x16 0x03 .. = ~369 MB, "HTTP" = ~1.2 GB.

import type {ForeignBytes} from './errors.js'

/** The largest ApiVersions answer we believe (Java's heuristic, KAFKA-4493: >1 MiB means not Kafka). */
export const FIRST_RESPONSE_SANE_BYTES = 1024 * 1024

/**
 * Classify the start of a reply. Needs only the first 2-4 bytes; returns undefined when the bytes
 * could be a Kafka length prefix (or when too few bytes are here to tell).
 */
export function sniffForeignBytes(head: Uint8Array): ForeignBytes | undefined {
  const b0 = head[0]
  const b1 = head[1]
  if (b0 === undefined || b1 === undefined) return undefined
  // TLS record: content type 20-24, then major version 3 (SSL 3.0 .. TLS 1.3 all use 0x03).
  if (b1 === 0x03) {
    if (b0 === 0x15) return 'tls-alert'
    if (b0 === 0x16) return 'tls-handshake'
    if (b0 >= 0x14 && b0 <= 0x18) return 'tls-record'
  }
  if (head.length >= 4 && Buffer.from(head.subarray(0, 4)).toString('latin1') === 'HTTP') return 'http'
  return undefined
}

export function isTlsBytes(foreign: ForeignBytes | undefined): boolean {
  return foreign === 'tls-alert' || foreign === 'tls-handshake' || foreign === 'tls-record'
}

/** Human-readable description of a TLS alert record, when the bytes hold one (for evidence). */
export function describeTlsAlert(bytes: Uint8Array): string | undefined {
  if (bytes[0] !== 0x15 || bytes[1] !== 0x03 || bytes.length < 7) return undefined
  const level = bytes[5] === 2 ? 'fatal' : bytes[5] === 1 ? 'warning' : `level ${bytes[5]}`
  const code = bytes[6] ?? -1
  return `TLS ${level} alert ${TLS_ALERTS[code] ?? code}`
}

const TLS_ALERTS: Readonly<Record<number, string>> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  22: 'record_overflow',
  40: 'handshake_failure',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  50: 'decode_error',
  51: 'decrypt_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  90: 'user_canceled',
  109: 'missing_extension',
  112: 'unrecognized_name',
  116: 'certificate_required',
  120: 'no_application_protocol',
}
