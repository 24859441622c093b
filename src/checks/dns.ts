import {type Finding, finding} from '../diagnosis/finding.js'
import {type ResolvedAddress, resolveHost} from '../net/dns.js'
import type {Deadline} from '../core/deadline.js'
import type {Target} from './target.js'

export interface DnsCheck {
  finding: Finding
  addresses: ResolvedAddress[]
}

const LOCAL_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost'])

/** Every A/AAAA answer, classified; a name that only resolves to loopback is suspicious. */
export async function checkDns(target: Target, deadline: Deadline): Promise<DnsCheck> {
  const outcome = await resolveHost(target.host, deadline.stepMs())
  if (!outcome.ok) {
    return {
      addresses: [],
      finding: finding({
        check: 'dns',
        target: target.label,
        status: 'fail',
        code: 'KD201',
        summary: `cannot resolve ${target.host}: ${outcome.errorCode}`,
        evidence: {host: target.host, error: outcome.errorCode, message: outcome.message, resolver: outcome.resolver},
        durationMs: outcome.durationMs,
      }),
    }
  }

  const scopes = [...new Set(outcome.addresses.map((a) => a.scope))]
  const evidence = {host: target.host, literal: outcome.literal, addresses: outcome.addresses}
  const listed = outcome.addresses.map((a) => `${a.address} (${a.scope})`).join(', ')
  const onlyLoopback = scopes.length === 1 && scopes[0] === 'loopback'
  if (!outcome.literal && onlyLoopback && !LOCAL_NAMES.has(target.host.toLowerCase())) {
    return {
      addresses: outcome.addresses,
      finding: finding({
        check: 'dns',
        target: target.label,
        status: 'warn',
        code: 'KD205',
        summary: `${target.host} resolves only to loopback (${listed}): it reaches this machine, not a broker elsewhere`,
        evidence,
        durationMs: outcome.durationMs,
      }),
    }
  }

  return {
    addresses: outcome.addresses,
    finding: finding({
      check: 'dns',
      target: target.label,
      status: 'pass',
      summary: outcome.literal ? `${target.host} is an IP address (${outcome.addresses[0]?.scope})` : `${target.host} → ${listed}`,
      evidence,
      durationMs: outcome.durationMs,
    }),
  }
}
