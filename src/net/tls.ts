import type {Socket} from 'node:net'
import {type DetailedPeerCertificate, type TLSSocket, checkServerIdentity, connect as tlsConnect} from 'node:tls'

import {isIpLiteral} from './address.js'

export interface TlsClientMaterial {
  /** CA PEMs to trust; empty means Node's bundled roots (plus NODE_EXTRA_CA_CERTS). */
  caPems: string[]
  certificatePem?: string
  keyPem?: string
  keyPassword?: string
}

export interface CertificateSummary {
  subject: string
  issuer: string
  subjectAltNames: string[]
  validFrom: string
  validTo: string
  daysLeft: number
  fingerprint256: string
  selfSigned: boolean
}

export interface TlsHandshake {
  socket: TLSSocket
  durationMs: number
  protocol: string | null
  cipher: string
  /** The verdict the client's trust settings give, computed with verification off so we always see the chain. */
  authorized: boolean
  authorizationError?: string
  /** Node's hostname verdict (tls.checkServerIdentity); undefined when it matches. */
  hostnameError?: string
  chain: CertificateSummary[]
}

export type TlsOutcome =
  | ({ok: true} & TlsHandshake)
  | {ok: false; errorCode: string; message: string; alert?: string; durationMs: number}

/**
 * Runs a TLS handshake over an open TCP socket with verification off, so the certificate can
 * be examined and judged separately (trust, host name, dates) instead of a bare "handshake failed".
 */
export function startTls(socket: Socket, host: string, material: TlsClientMaterial, timeoutMs: number): Promise<TlsOutcome> {
  const started = Date.now()
  return new Promise((resolve) => {
    const tlsSocket = tlsConnect({
      socket,
      // The host (name or IP) the certificate is judged against; SNI carries names only.
      host,
      servername: isIpLiteral(host) ? undefined : host,
      rejectUnauthorized: false,
      // Trust and host name are judged apart (hostnameError below): without this, Node would
      // fold a host mismatch into authorizationError and a trusted certificate would look untrusted.
      checkServerIdentity: () => undefined,
      ca: material.caPems.length > 0 ? material.caPems : undefined,
      cert: material.certificatePem,
      key: material.keyPem,
      passphrase: material.keyPassword,
    })
    const timer = setTimeout(() => {
      tlsSocket.destroy()
      resolve({ok: false, errorCode: 'ETIMEDOUT', message: `TLS handshake did not finish within ${timeoutMs} ms`, durationMs: Date.now() - started})
    }, timeoutMs)
    timer.unref()
    tlsSocket.once('secureConnect', () => {
      clearTimeout(timer)
      tlsSocket.removeAllListeners('error')
      const peer = tlsSocket.getPeerCertificate(true)
      const chain = summarizeChain(peer)
      const hostnameError = peer && Object.keys(peer).length > 0 ? checkServerIdentity(host, peer)?.message : 'no certificate presented'
      resolve({
        ok: true,
        socket: tlsSocket,
        durationMs: Date.now() - started,
        protocol: tlsSocket.getProtocol(),
        cipher: tlsSocket.getCipher()?.name ?? 'unknown',
        authorized: tlsSocket.authorized,
        authorizationError: tlsSocket.authorizationError ? String(tlsSocket.authorizationError) : undefined,
        hostnameError,
        chain,
      })
    })
    tlsSocket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      tlsSocket.destroy()
      resolve({ok: false, errorCode: error.code ?? 'EUNKNOWN', message: error.message, alert: tlsAlertName(error), durationMs: Date.now() - started})
    })
  })
}

/** OpenSSL reports alerts as ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED, ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE, ... */
export function tlsAlertName(error: NodeJS.ErrnoException): string | undefined {
  const match = /ALERT_([A-Z_]+)$/.exec(error.code ?? '')
  return match?.[1]?.toLowerCase()
}

function summarizeChain(leaf: DetailedPeerCertificate): CertificateSummary[] {
  const chain: CertificateSummary[] = []
  const seen = new Set<string>()
  let current: DetailedPeerCertificate | undefined = leaf
  while (current && Object.keys(current).length > 0 && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256)
    chain.push(summarizeCertificate(current))
    current = current.issuerCertificate
  }

  return chain
}

export function summarizeCertificate(cert: {subject?: object; issuer?: object; subjectaltname?: string; valid_from: string; valid_to: string; fingerprint256: string}): CertificateSummary {
  const validTo = new Date(cert.valid_to)
  const subject = formatName(cert.subject)
  const issuer = formatName(cert.issuer)
  return {
    subject,
    issuer,
    subjectAltNames: cert.subjectaltname ? cert.subjectaltname.split(/,\s*/) : [],
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - Date.now()) / 86_400_000),
    fingerprint256: cert.fingerprint256,
    selfSigned: subject === issuer,
  }
}

function formatName(name: object | undefined): string {
  if (!name) return ''
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ')
}
