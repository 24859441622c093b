import {formatHostPort} from '../net/address.js'

/** One address kdoctor probes: from the bootstrap list, or advertised by the cluster. */
export interface Target {
  host: string
  port: number
  role: 'bootstrap' | 'advertised'
  nodeId?: number
  /** "127.0.0.1:19092 (bootstrap)", "b-1.example:9096 (broker 1)": the finding's target. */
  label: string
}

export function bootstrapTarget(host: string, port: number): Target {
  return {host, port, role: 'bootstrap', label: `${formatHostPort(host, port)} (bootstrap)`}
}

export function advertisedTarget(host: string, port: number, nodeId: number): Target {
  return {host, port, role: 'advertised', nodeId, label: `${formatHostPort(host, port)} (broker ${nodeId})`}
}

export function sameEndpoint(a: {host: string; port: number}, b: {host: string; port: number}): boolean {
  return a.port === b.port && a.host.toLowerCase() === b.host.toLowerCase()
}
