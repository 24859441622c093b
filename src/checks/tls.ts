import type {ConnectionProfile} from '../config/profile.js'
import {type Finding, type KdCode, type Status, finding} from '../diagnosis/finding.js'
import type {ListenerCheck} from './listener.js'
import type {Target} from './target.js'

/** Certificates expiring within this many days are a warning (KD307). */
export const EXPIRY_WARNING_DAYS = 30

const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'])
const CLIENT_CERT_ALERTS = new Set(['certificate_required', 'bad_certificate', 'unknown_ca', 'certificate_unknown', 'access_denied'])

export interface TlsCheck {
  finding: Finding
  ok: boolean
}

/**
 * Judges the handshake the listener check saw, the way the client's own settings would:
 * trust (ssl.ca.location), host name (ssl.endpoint.identification.algorithm), dates, and
 * whether the broker wanted a client certificate.
 */
export function checkTls(target: Target, profile: ConnectionProfile, listener: ListenerCheck): TlsCheck {
  const base = {check: 'tls' as const, target: target.label}
  const hasClientCert = Boolean(profile.tls.certificatePem)
  const trustSource = profile.tls.caPems.length > 0 ? profile.tls.caPems.map((c) => c.source).join(', ') : "Node's bundled CA roots"
  const failure = listener.tlsFailure
  if (failure && (failure.tlsAlert || !listener.tls)) {
    const alert = failure.tlsAlert
    const clientCertProblem = alert ? CLIENT_CERT_ALERTS.has(alert) || (alert === 'handshake_failure' && !hasClientCert) : !hasClientCert
    const code: KdCode = clientCertProblem ? 'KD306' : 'KD308'
    const summary = clientCertProblem
      ? hasClientCert
        ? `the broker rejected the client certificate (alert "${alert ?? 'none'}")`
        : `the broker requires a client certificate (mutual TLS) and none is configured (alert "${alert ?? 'none'}")`
      : `TLS handshake failed: ${failure.message}`
    return {ok: false, finding: finding({...base, status: 'fail', code, summary, evidence: {alert, errorCode: failure.errorCode, clientCertificate: hasClientCert}})}
  }

  const tls = listener.tls
  if (!tls) return {ok: false, finding: finding({...base, status: 'skip', summary: 'no TLS handshake to judge'})}

  const leaf = tls.chain[0]
  const evidence = {
    tlsVersion: tls.protocol,
    cipher: tls.cipher,
    subject: leaf?.subject,
    issuer: leaf?.issuer,
    subjectAltNames: leaf?.subjectAltNames,
    notAfter: leaf?.validTo,
    daysLeft: leaf?.daysLeft,
    chainLength: tls.chain.length,
    trustedBy: trustSource,
    authorizationError: tls.authorizationError,
    hostnameMatches: !tls.hostnameError,
  }
  const verify = profile.tls.verifyCertificate.value
  const verifyHost = profile.tls.verifyHostname.value
  const problems: {status: Status; code: KdCode; summary: string}[] = []

  if (tls.authorizationError && EXPIRED.has(tls.authorizationError)) {
    problems.push({
      status: verify ? 'fail' : 'warn',
      code: 'KD305',
      summary: `server certificate ${tls.authorizationError === 'CERT_NOT_YET_VALID' ? 'is not valid yet' : 'expired'} (valid ${leaf?.validFrom} to ${leaf?.validTo})`,
    })
  } else if (tls.authorizationError) {
    problems.push({
      status: verify ? 'fail' : 'warn',
      code: 'KD303',
      summary: `server certificate is not trusted by ${trustSource}: ${tls.authorizationError}${verify ? '' : ' (verification is off, so the client connects anyway)'}`,
    })
  }

  if (tls.hostnameError && verifyHost) {
    problems.push({status: 'fail', code: 'KD304', summary: `certificate does not cover ${target.host} (SANs: ${leaf?.subjectAltNames.join(', ') || 'none'})`})
  }

  const expiring = tls.chain.find((c) => c.daysLeft >= 0 && c.daysLeft < EXPIRY_WARNING_DAYS)
  if (expiring && problems.every((p) => p.code !== 'KD305')) {
    problems.push({status: 'warn', code: 'KD307', summary: `certificate ${expiring.subject} expires in ${expiring.daysLeft} days (${expiring.validTo})`})
  }

  if (problems.length === 0) {
    const hostNote = tls.hostnameError ? `; host name not covered, accepted because ${profile.tls.verifyHostname.source} turns the check off` : ''
    return {
      ok: true,
      finding: finding({
        ...base,
        status: 'pass',
        summary: `${tls.protocol} certificate ${leaf?.subject ?? ''} trusted via ${trustSource}, valid until ${leaf?.validTo?.slice(0, 10)}${hostNote}`,
        evidence,
      }),
    }
  }

  // One finding per problem, worst first; the layer fails if any of them fails.
  problems.sort((a, b) => (a.status === b.status ? 0 : a.status === 'fail' ? -1 : 1))
  const worst = problems[0]!
  const more = problems.slice(1).map((p) => `${p.code}: ${p.summary}`)
  return {
    ok: worst.status !== 'fail',
    finding: finding({...base, status: worst.status, code: worst.code, summary: worst.summary, evidence: {...evidence, alsoFound: more.length > 0 ? more : undefined}}),
  }
}
