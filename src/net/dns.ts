import {lookup} from 'node:dns/promises'
import {readFile} from 'node:fs'

import {type AddressScope, canonicalIp, classifyAddress} from './address.js'
import {withTimeout} from '../core/deadline.js'

export interface ResolvedAddress {
  address: string
  family: 4 | 6
  scope: AddressScope
}

export type DnsOutcome =
  | {ok: true; addresses: ResolvedAddress[]; literal: boolean; durationMs: number}
  | {ok: false; errorCode: string; message: string; durationMs: number; resolver: ResolverContext}

export interface ResolverContext {
  nameservers: string[]
  search: string[]
  ndots?: number
}

/**
 * Resolves the way Kafka clients do (getaddrinfo, so /etc/hosts and search domains apply),
 * returning every answer rather than the first.
 */
export async function resolveHost(host: string, timeoutMs: number): Promise<DnsOutcome> {
  const started = Date.now()
  // Numeric forms (167772161, 0x0a000001, ::ffff:10.0.0.1) are classified as the IP they dial.
  const ip = canonicalIp(host)
  if (ip) {
    const family = ip.includes(':') ? 6 : 4
    return {ok: true, literal: true, durationMs: 0, addresses: [{address: ip, family, scope: classifyAddress(ip)}]}
  }

  try {
    const answers = await withTimeout(lookup(host, {all: true, verbatim: true}), timeoutMs, 'dns')
    const addresses = answers.map((a) => ({address: a.address, family: a.family === 6 ? 6 : 4, scope: classifyAddress(a.address)}) as ResolvedAddress)
    return {ok: true, literal: false, addresses, durationMs: Date.now() - started}
  } catch (error) {
    const err = error as NodeJS.ErrnoException
    const errorCode = err.name === 'StepTimeoutError' ? 'ETIMEOUT' : (err.code ?? 'EUNKNOWN')
    return {ok: false, errorCode, message: err.message, durationMs: Date.now() - started, resolver: await readResolverContext()}
  }
}

/** /etc/resolv.conf facts that explain lookups inside Kubernetes pods (ndots:5, search domains). */
export async function readResolverContext(path = '/etc/resolv.conf'): Promise<ResolverContext> {
  const context: ResolverContext = {nameservers: [], search: []}
  let text = ''
  try {
    text = await new Promise<string>((resolve, reject) => readFile(path, 'utf8', (error, data) => (error ? reject(error) : resolve(data))))
  } catch {
    return context
  }

  for (const line of text.split('\n')) {
    const [keyword, ...rest] = line.trim().split(/\s+/)
    if (keyword === 'nameserver' && rest[0]) context.nameservers.push(rest[0])
    if (keyword === 'search' || keyword === 'domain') context.search.push(...rest)
    if (keyword === 'options') {
      const ndots = rest.find((o) => o.startsWith('ndots:'))
      if (ndots) context.ndots = Number(ndots.slice(6))
    }
  }

  return context
}
