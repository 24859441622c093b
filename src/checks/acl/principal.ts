// The principal as the broker sees it, for the report and for the grant commands. The broker
// never tells a client its own principal, so this follows Kafka's default principal builder:
// SASL → the authenticated name; mutual TLS → the certificate subject in RFC 2253 form,
// rewritten by the broker's ssl.principal.mapping.rules (which kdoctor cannot see).

import {X509Certificate} from 'node:crypto'

import {type ConnectionProfile, usesSasl, usesTls} from '../../config/profile.js'

export interface PrincipalView {
  /** "User:alice", as it goes into --allow-principal. */
  principal: string
  /** Where it came from: "sasl.username (flag -X)", "client certificate subject", "--principal". */
  from: string
  /** Mutual TLS: the certificate subject as Kafka prints it. */
  certificateSubject?: string
  /** Why the name may differ on the broker, and what to do about it. */
  note?: string
  /** True when the name is a guess the broker may map differently (mutual TLS, Kerberos). */
  uncertain: boolean
}

/** Node prints a subject one attribute per line, most significant first; Kafka (X500Principal) prints RFC 2253: reversed, comma-separated. */
export function rfc2253Subject(nodeSubject: string): string {
  return nodeSubject
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .reverse()
    .join(',')
}

export function principalFor(profile: ConnectionProfile, options: {override?: string; tokenSub?: string} = {}): PrincipalView {
  if (options.override) {
    const principal = options.override.includes(':') ? options.override : `User:${options.override}`
    return {principal, from: 'given with --principal', uncertain: false}
  }

  if (usesSasl(profile) && profile.sasl) {
    const mechanism = profile.sasl.mechanism.value
    if (mechanism === 'OAUTHBEARER') {
      if (options.tokenSub) return {principal: `User:${options.tokenSub}`, from: 'the OAUTHBEARER token\'s "sub" claim', uncertain: false, note: 'Brokers take the principal from sasl.oauthbearer.sub.claim.name (default "sub"); set --principal if yours uses another claim.'}
      return {principal: 'User:<token subject>', from: 'OAUTHBEARER token (no "sub" claim readable)', uncertain: true}
    }
    if (mechanism === 'GSSAPI') {
      return {
        principal: `User:${profile.sasl.username?.value ?? '<kerberos primary>'}`,
        from: 'Kerberos principal',
        uncertain: true,
        note: 'Kerberos principals are shortened by sasl.kerberos.principal.to.local.rules; set --principal to the short name the broker uses.',
      }
    }
    if (mechanism === 'AWS_MSK_IAM') return {principal: 'IAM role or user', from: 'AWS IAM', uncertain: true, note: 'With IAM authentication, IAM policies decide, not Kafka ACLs.'}
    const username = profile.sasl.username
    return username ? {principal: `User:${username.value}`, from: `sasl.username, set in ${username.source}`, uncertain: false} : {principal: 'User:<sasl.username>', from: 'no sasl.username set', uncertain: true}
  }

  const certificate = profile.tls.certificatePem
  if (usesTls(profile) && certificate) {
    try {
      const subject = rfc2253Subject(new X509Certificate(certificate.value).subject)
      const cn = /(?:^|,)CN=([^,]+)/.exec(subject)?.[1]
      return {
        principal: `User:${subject}`,
        from: `the client certificate's subject, set in ${certificate.source}`,
        certificateSubject: subject,
        uncertain: true,
        note:
          `With mutual TLS the broker names the principal after the certificate subject, rewritten by its ssl.principal.mapping.rules (default: the whole subject, User:${subject})` +
          (cn ? `; a common rule such as RULE:^CN=([^,]*).*$/$1/ makes it User:${cn}. Set --principal to what your brokers use.` : '.'),
      }
    } catch {
      return {principal: 'User:<certificate subject>', from: `client certificate (${certificate.source}, unreadable)`, uncertain: true}
    }
  }

  return {
    principal: 'User:ANONYMOUS',
    from: usesTls(profile) ? 'TLS without a client certificate' : 'PLAINTEXT (no authentication)',
    uncertain: false,
    note: 'Unauthenticated clients are all User:ANONYMOUS: a grant to it is a grant to everyone who can reach this listener.',
  }
}
