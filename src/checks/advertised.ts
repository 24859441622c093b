import {type Finding, finding} from '../diagnosis/finding.js'
import {classifyAddress, isIpLiteral} from '../net/address.js'
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
  if (isIpLiteral(host) && classifyAddress(host) === 'private' && bootstrapHosts.every((h) => isIpLiteral(h) && classifyAddress(h) === 'public')) {
    return 'a private IP while the bootstrap address is public'
  }

  return undefined
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
