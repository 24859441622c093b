import {isIP} from 'node:net'

export type AddressScope = 'loopback' | 'private' | 'link-local' | 'shared' | 'public' | 'unspecified' | 'multicast' | 'broadcast'

/** Where an IP lives, so we can tell "reachable only from inside that network" addresses apart. */
export function classifyAddress(ip: string): AddressScope {
  const canonical = canonicalIp(ip) ?? ip
  if (isIP(canonical) === 4) return classifyV4(canonical)
  const lower = canonical.toLowerCase()
  if (lower === '::1') return 'loopback'
  if (lower === '::') return 'unspecified'
  if (/^f[cd]/.test(lower)) return 'private' // fc00::/7 unique local
  if (/^fe[89ab]/.test(lower)) return 'link-local'
  if (lower.startsWith('ff')) return 'multicast'
  return 'public'
}

function classifyV4(ip: string): AddressScope {
  const [a = 0, b = 0, c = 0, d = 0] = ip.split('.').map(Number)
  if (a === 0) return 'unspecified' // 0.0.0.0/8: "this network", never a destination
  if (a === 127) return 'loopback'
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private'
  if (a === 169 && b === 254) return 'link-local'
  if (a === 100 && b >= 64 && b <= 127) return 'shared' // carrier-grade NAT
  if (a >= 224 && a <= 239) return 'multicast'
  if (a === 255 && b === 255 && c === 255 && d === 255) return 'broadcast'
  return 'public'
}

/**
 * The dotted-quad or compressed IPv6 form of an IP written any way getaddrinfo/inet_aton accepts:
 * `167772161`, `0x0a000001`, `012.0.0.1`, `10.1`, `[::ffff:10.0.0.1]`, `::ffff:a00:1`. IPv4-mapped
 * IPv6 becomes its IPv4 address. Undefined when the text is not an IP in any of these forms, so a
 * broker cannot hide 169.254.169.254 behind a number a resolver would still dial.
 */
export function canonicalIp(text: string): string | undefined {
  const host = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text
  if (isIP(host) === 4) return host
  if (isIP(host) === 6) return canonicalV6(host)
  return numericV4(host)
}

function canonicalV6(host: string): string {
  const lower = host.toLowerCase().split('%')[0]!
  const url = new URL(`http://[${lower}]/`).hostname.slice(1, -1) // WHATWG compresses and lower-cases
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(url)
  if (mapped) {
    const hi = Number.parseInt(mapped[1]!, 16)
    const lo = Number.parseInt(mapped[2]!, 16)
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.')
  }

  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(url)
  return dotted ? dotted[1]! : url
}

/** inet_aton: 1-4 parts, each decimal, 0x-hex or 0-octal; the last part fills the remaining bytes. */
function numericV4(host: string): string | undefined {
  if (!/^[0-9a-fx.]+$/i.test(host) || host.length > 40) return undefined
  const parts = host.split('.')
  if (parts.length > 4 || parts.some((p) => p === '')) return undefined
  const values: number[] = []
  for (const part of parts) {
    let value: number
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16)
    else if (/^0[0-7]*$/.test(part)) value = Number.parseInt(part, 8)
    else if (/^[1-9]\d*$/.test(part)) value = Number(part)
    else return undefined
    values.push(value)
  }

  const last = values.pop()!
  if (values.some((v) => v > 255) || last >= 2 ** (8 * (4 - values.length))) return undefined
  let n = last
  for (const [i, v] of values.entries()) n += v * 2 ** (8 * (3 - i))
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.')
}

export function isIpLiteral(host: string): boolean {
  return canonicalIp(host) !== undefined
}

/** Why no Kafka client should ever connect to this IP (KD502), or undefined when it may be dialed. */
export function undialableReason(ip: string): string | undefined {
  switch (classifyAddress(ip)) {
    case 'link-local':
      return 'a link-local address (169.254.0.0/16, fe80::/10): never a broker, and 169.254.169.254 is the cloud metadata service'
    case 'unspecified':
      return 'the unspecified address (0.0.0.0, ::): a listener binds to it, no client can connect to it'
    case 'multicast':
      return 'a multicast address: TCP cannot connect to it'
    case 'broadcast':
      return 'the broadcast address: TCP cannot connect to it'
    default:
      return undefined
  }
}

/** A TCP port a broker can listen on; a broker may advertise anything, including -1 or 70000. */
export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65_535
}

export function formatHostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`
}
