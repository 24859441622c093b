import {type Finding, finding} from '../diagnosis/finding.js'
import {type AddressScope, classifyAddress, isIpLiteral, isValidPort, undialableReason} from '../net/address.js'
import type {Target} from './target.js'

/** Why an advertised host may only make sense inside the broker's own network, if it looks so. */
export function internalLooking(advertisedHost: string, bootstrapHosts: string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const host = advertisedHost.toLowerCase()
  const bootstrapIsLocal = bootstrapHosts.some((h) => h === 'localhost' || (isIpLiteral(h) && classifyAddress(h) === 'loopback'))
  if ((host === 'localhost' || (isIpLiteral(host) && classifyAddress(host) === 'loopback')) && !bootstrapIsLocal) {
    return 'a loopback address: every client would connect to itself'
  }

  if (/^[0-9a-f]{12}$/.test(host)) return 'a Docker container id: resolvable only inside that Docker network'
  if (/\.svc(\.cluster\.local)?$/.test(host) && !env.KUBERNETES_SERVICE_HOST) return 'a Kubernetes service name: resolvable only inside the cluster'
  // A scope jump: bootstrap reached through loopback (a tunnel, a port-forward) or a public
  // address, while the broker hands out a private one that only its own network can reach.
  if (isIpLiteral(host) && classifyAddress(host) === 'private') {
    const scopes = bootstrapHosts.map(hostScope)
    if (scopes.length > 0 && scopes.every((s) => s === 'public')) return 'a private IP while the bootstrap address is public'
    if (scopes.length > 0 && scopes.every((s) => s === 'loopback')) return 'a private IP while bootstrap goes through loopback (a tunnel or port-forward reaches only the bootstrap broker)'
  }

  return undefined
}

function hostScope(host: string): AddressScope | undefined {
  if (host.toLowerCase() === 'localhost') return 'loopback'
  return isIpLiteral(host) ? classifyAddress(host) : undefined
}

/**
 * KD502 when a target must not be dialed at all: a port no TCP listener can have (-1, 0, 70000)
 * or an address no broker can be at (link-local such as 169.254.169.254, unspecified, multicast,
 * broadcast). Undefined when it may be dialed.
 */
export function refuseToDial(target: Target, ip?: string): Finding | undefined {
  const base = {check: target.role === 'advertised' ? ('advertised' as const) : ('dns' as const), target: target.label, status: 'fail' as const, code: 'KD502' as const}
  const who = target.role === 'advertised' ? `broker ${target.nodeId} advertises` : 'the bootstrap list has'
  if (!isValidPort(target.port)) {
    return finding({...base, summary: `${who} port ${target.port}, which no TCP listener can have: not dialed`, evidence: {host: target.host, port: target.port}})
  }

  const reason = ip === undefined ? undefined : undialableReason(ip)
  if (!reason) return undefined
  return finding({...base, summary: `${who} ${target.host}, ${ip === target.host ? '' : `which is ${ip}, `}${reason}: not dialed`, evidence: {host: target.host, address: ip, scope: classifyAddress(ip!)}})
}

/**
 * The verdict per advertised broker, after its layers ran (or were found identical to bootstrap).
 * learnedFrom: the bootstrap address whose metadata named it — a broker advertises one address per
 * listener, and the listener is the one behind that bootstrap address.
 */
export function advertisedVerdict(target: Target, layers: Finding[], bootstrapHosts: string[], sameAsBootstrap?: string, learnedFrom?: string): Finding {
  const base = {check: 'advertised' as const, target: target.label}
  const evidence: Record<string, unknown> = {nodeId: target.nodeId, advertised: `${target.host}:${target.port}`, ...(learnedFrom ? {learnedFrom} : {})}
  if (sameAsBootstrap) {
    return finding({...base, status: 'pass', summary: `broker ${target.nodeId} advertises the bootstrap address ${sameAsBootstrap}, checked above`, evidence})
  }

  const failed = layers.find((f) => f.status === 'fail')
  const looksInternal = internalLooking(target.host, bootstrapHosts)
  if (looksInternal) evidence.looksInternal = looksInternal
  if (failed) {
    evidence.failedLayer = failed.check
    evidence.failedCode = failed.code
    return finding({
      ...base,
      status: 'fail',
      code: 'KD501',
      summary: `broker ${target.nodeId} advertises ${target.host}:${target.port}${learnedFrom ? ` on the listener behind ${learnedFrom}` : ''}, which fails at ${failed.check} (${failed.code ?? 'error'}) although bootstrap works${looksInternal ? ` — ${looksInternal}` : ''}`,
      evidence,
    })
  }

  if (looksInternal) {
    return finding({...base, status: 'warn', code: 'KD502', summary: `broker ${target.nodeId} advertises ${target.host}: ${looksInternal}`, evidence})
  }

  return finding({...base, status: 'pass', summary: `broker ${target.nodeId} at ${target.host}:${target.port} is reachable with the same settings`, evidence})
}

/** connect dials at most `limit` advertised addresses; more were announced. */
export function advertisedTruncated(announced: number, probed: number, limit: number): Finding {
  return finding({
    check: 'advertised',
    target: 'advertised brokers',
    status: 'warn',
    summary: `the cluster advertises ${announced} brokers; only the first ${probed} distinct addresses were probed`,
    evidence: {announced, probed, limit},
  })
}
