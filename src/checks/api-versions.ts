// `cluster-info --api-versions`: per broker, every API with the versions the broker accepts beside
// the versions kdoctor and kafkajs would send (as kafka-broker-api-versions.sh lists them), and
// KD505 where a client's version is gone (Kafka 4.0 removed old versions, KIP-896).

import {type Finding, finding} from '../diagnosis/finding.js'
import {apiName} from '../kafka/wire/api-keys.js'
import type {ApiVersionRange} from '../kafka/wire/versions.js'

export interface ClientVersions {
  /** Versions the client implements (kdoctor: a contiguous range; kafkajs: its protocol table). */
  implements: {min: number; max: number}
  /** The version it would send to this broker; null when none the broker accepts. */
  uses: number | null
}

export interface ApiVersionRow {
  apiKey: number
  name: string
  /** What the broker accepts; null when it does not offer the API at all. */
  broker: {min: number; max: number} | null
  kdoctor?: ClientVersions
  kafkajs?: ClientVersions
}

export interface BrokerApiVersions {
  nodeId?: number
  address: string
  apis: ApiVersionRow[]
}

/** kdoctor's rule: the highest version both sides accept. */
function kdoctorUses(broker: ApiVersionRow['broker'], ours: {min: number; max: number}): number | null {
  if (!broker) return null
  const top = Math.min(broker.max, ours.max)
  return top >= Math.max(broker.min, ours.min) ? top : null
}

/** kafkajs's rule (protocol/requests lookup): min(its highest, the broker's highest), whatever the broker's lowest. */
function kafkajsUses(broker: ApiVersionRow['broker'], versions: number[]): number | null {
  if (!broker) return null
  const pick = Math.min(Math.max(...versions), broker.max)
  return pick >= broker.min && versions.includes(pick) ? pick : null
}

/** One row per API the broker offers or a client implements, by API key. */
export function apiVersionRows(broker: readonly ApiVersionRange[], kdoctor: ReadonlyMap<number, {min: number; max: number}>, kafkajs: ReadonlyMap<number, number[]>): ApiVersionRow[] {
  const keys = new Set([...broker.map((r) => r.apiKey), ...kdoctor.keys(), ...kafkajs.keys()])
  return [...keys]
    .sort((a, b) => a - b)
    .map((apiKey) => {
      const offered = broker.find((r) => r.apiKey === apiKey)
      const range = offered ? {min: offered.minVersion, max: offered.maxVersion} : null
      const row: ApiVersionRow = {apiKey, name: apiName(apiKey), broker: range}
      const ours = kdoctor.get(apiKey)
      if (ours) row.kdoctor = {implements: ours, uses: kdoctorUses(range, ours)}
      const theirs = kafkajs.get(apiKey)
      if (theirs) row.kafkajs = {implements: {min: Math.min(...theirs), max: Math.max(...theirs)}, uses: kafkajsUses(range, theirs)}
      return row
    })
}

/**
 * KD505 per broker and client: the APIs whose every version the client implements the broker
 * refuses (or does not offer). Offered and refused means gone (KIP-896 in Kafka 4.0); not offered
 * is often an API that broker never had, so it is named separately.
 */
export function apiVersionFindings(broker: BrokerApiVersions, clients: Record<'kdoctor' | 'kafkajs', string>): Finding[] {
  const target = `${broker.address}${broker.nodeId === undefined ? '' : ` (broker ${broker.nodeId})`}`
  const findings: Finding[] = []
  for (const client of ['kdoctor', 'kafkajs'] as const) {
    const rows = broker.apis.filter((r) => r[client] && r[client].uses === null)
    const gone = rows.filter((r) => r.broker)
    const absent = rows.filter((r) => !r.broker)
    if (gone.length === 0 && absent.length === 0) continue
    const describe = (r: ApiVersionRow) => `${r.name} (${client} ${range(r[client]!.implements)}, broker ${r.broker ? range(r.broker) : 'none'})`
    const parts = [
      gone.length > 0 ? `the broker refuses every version ${clients[client]} sends of ${gone.map(describe).join(', ')}` : '',
      absent.length > 0 ? `it does not offer ${absent.map((r) => r.name).join(', ')}` : '',
    ].filter(Boolean)
    findings.push(
      finding({
        check: 'metadata',
        target,
        status: gone.length > 0 ? 'warn' : 'info',
        ...(gone.length > 0 ? {code: 'KD505' as const} : {}),
        summary: `${clients[client]}: ${parts.join('; ')}`,
        evidence: {client: clients[client], gone: gone.map((r) => ({api: r.name, apiKey: r.apiKey, client: r[client]!.implements, broker: r.broker})), notOffered: absent.map((r) => r.name)},
      }),
    )
  }
  return findings
}

export const range = (r: {min: number; max: number}) => (r.min === r.max ? `v${r.min}` : `v${r.min}-${r.max}`)
