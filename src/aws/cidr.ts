// Address arithmetic for security group, network ACL and route matching (IPv4 and IPv6).

import {isIP} from 'node:net'

export interface ParsedCidr {
  family: 4 | 6
  network: bigint
  prefix: number
}

function ipv4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part) & 255), 0n)
}

function ipv6ToBigInt(ip: string): bigint {
  let text = ip.toLowerCase()
  const zone = text.indexOf('%')
  if (zone !== -1) text = text.slice(0, zone)
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4) {
    const n = ipv4ToBigInt(v4[1]!)
    text = text.slice(0, -v4[1]!.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`
  }

  const [head = '', tail] = text.split('::')
  const headParts = head === '' ? [] : head.split(':')
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':')
  const missing = 8 - headParts.length - tailParts.length
  const parts = tail === undefined ? headParts : [...headParts, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailParts]
  return parts.reduce((acc, part) => (acc << 16n) | BigInt(Number.parseInt(part || '0', 16)), 0n)
}

/** The address as a number, with its family; undefined when it is not an IP address. */
export function parseIp(ip: string): {family: 4 | 6; value: bigint} | undefined {
  const family = isIP(ip)
  if (family === 4) return {family, value: ipv4ToBigInt(ip)}
  if (family === 6) return {family, value: ipv6ToBigInt(ip)}
  return undefined
}

export function parseCidr(cidr: string): ParsedCidr | undefined {
  const [address = '', prefixText] = cidr.trim().split('/')
  const ip = parseIp(address)
  if (!ip) return undefined
  const width = ip.family === 4 ? 32 : 128
  const prefix = prefixText === undefined ? width : Number(prefixText)
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > width) return undefined
  const shift = BigInt(width - prefix)
  return {family: ip.family, network: (ip.value >> shift) << shift, prefix}
}

/** True when the CIDR block contains the address (families must agree). */
export function cidrContains(cidr: string, ip: string): boolean {
  const block = parseCidr(cidr)
  const address = parseIp(ip)
  if (!block || !address || block.family !== address.family) return false
  const shift = BigInt((block.family === 4 ? 32 : 128) - block.prefix)
  return (address.value >> shift) << shift === block.network
}

/** True when two CIDR blocks share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a)
  const y = parseCidr(b)
  if (!x || !y || x.family !== y.family) return false
  const prefix = Math.min(x.prefix, y.prefix)
  const shift = BigInt((x.family === 4 ? 32 : 128) - prefix)
  return x.network >> shift === y.network >> shift
}

export function prefixLength(cidr: string): number {
  return parseCidr(cidr)?.prefix ?? -1
}

/** "10.0.2.10" → "10.0.2.10/32", "fd00::1" → "fd00::1/128": a one-address block for fix commands. */
export function hostCidr(ip: string): string {
  return `${ip}/${isIP(ip) === 6 ? 128 : 32}`
}
