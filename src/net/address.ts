import {isIP} from 'node:net'

export type AddressScope = 'loopback' | 'private' | 'link-local' | 'shared' | 'public'

/** Where an IP lives, so we can tell "reachable only from inside that network" addresses apart. */
export function classifyAddress(ip: string): AddressScope {
  if (isIP(ip) === 4) return classifyV4(ip)
  const lower = ip.toLowerCase()
  if (lower === '::1') return 'loopback'
  if (lower.startsWith('::ffff:')) return classifyV4(lower.slice(7))
  if (/^f[cd]/.test(lower)) return 'private' // fc00::/7 unique local
  if (/^fe[89ab]/.test(lower)) return 'link-local'
  return 'public'
}

function classifyV4(ip: string): AddressScope {
  const [a = 0, b = 0] = ip.split('.').map(Number)
  if (a === 127) return 'loopback'
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private'
  if (a === 169 && b === 254) return 'link-local'
  if (a === 100 && b >= 64 && b <= 127) return 'shared' // carrier-grade NAT
  return 'public'
}

export function isIpLiteral(host: string): boolean {
  return isIP(host) !== 0
}

export function formatHostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`
}
