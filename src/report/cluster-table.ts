import type {ChalkInstance} from 'chalk'

import {escapeTerminal, markdownCode} from '../core/escape.js'
import {makeChalk} from './colour.js'
import type {Block} from './view.js'

import {type BrokerApiVersions, type ClientVersions, range} from '../checks/api-versions.js'

export interface ClusterView {
  clusterId: string | null
  controllerId: number
  brokers: {nodeId: number; host: string; port: number; rack: string | null}[]
  topics: {name: string; partitions: number; replicationFactor: number; leaderless: number[]; underReplicated: number[]; internal: boolean}[]
  /** Node ids that topics name as replicas but the metadata does not list: stopped or fenced brokers. */
  missingBrokers: number[]
  /** The controller quorum finding's one line, when the broker answered DescribeQuorum. */
  controllerQuorum?: string
  /** --api-versions: every broker's APIs beside what kdoctor and kafkajs send. */
  apiVersions?: BrokerApiVersions[]
}

function table(rows: string[][], chalk: ChalkInstance): string[] {
  rows = rows.map((r) => r.map(escapeTerminal))
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r, index) => {
    const line = r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()
    return index === 0 ? chalk.bold(line) : line
  })
}

/** What `kcat -L` and Karafka::Admin.cluster_info show, as aligned tables. */
export function renderClusterView(view: ClusterView, chalk: ChalkInstance = makeChalk()): string {
  const lines = [`${chalk.bold('Cluster')} ${escapeTerminal(view.clusterId ?? '(no id)')}  controller ${view.controllerId}`]
  if (view.controllerQuorum) lines.push(`${chalk.bold('Controller quorum')} ${escapeTerminal(view.controllerQuorum)}`)
  lines.push('')
  lines.push(
    ...table([
      ['BROKER', 'ADDRESS', 'RACK'],
      ...view.brokers.map((b) => [String(b.nodeId), `${b.host}:${b.port}`, b.rack ?? '-']),
      ...view.missingBrokers.map((id) => [String(id), 'missing from the metadata (named as a replica)', '-']),
    ], chalk),
  )
  lines.push('')
  const list = (partitions: number[]) => (partitions.length > 0 ? partitions.join(',') : '-')
  lines.push(
    ...table([
      ['TOPIC', 'PARTITIONS', 'REPLICATION', 'LEADERLESS', 'UNDER-REPLICATED'],
      ...view.topics.map((t) => [t.name + (t.internal ? ' (internal)' : ''), String(t.partitions), String(t.replicationFactor), list(t.leaderless), list(t.underReplicated)]),
    ], chalk),
  )
  for (const broker of view.apiVersions ?? []) lines.push('', ...apiVersionsTable(broker, chalk))
  return lines.join('\n') + '\n'
}

/** As kafka-broker-api-versions.sh: each API with the broker's range, then what each client would send. */
function apiVersionsTable(broker: BrokerApiVersions, chalk: ChalkInstance): string[] {
  const client = (c: ClientVersions | undefined) => (!c ? '-' : c.uses === null ? `${range(c.implements)} ✗ none accepted` : `${range(c.implements)} → v${c.uses}`)
  return [
    `${chalk.bold(`Broker ${broker.nodeId ?? '?'}`)} ${escapeTerminal(broker.address)}`,
    ...table([
      ['API', 'KEY', 'BROKER', 'KDOCTOR', 'KAFKAJS'],
      ...broker.apis.map((r) => [r.name, String(r.apiKey), r.broker ? range(r.broker) : 'not offered', client(r.kdoctor), client(r.kafkajs)]),
    ], chalk),
  ]
}

export function renderClusterViewMarkdown(view: ClusterView): string {
  const out = ['## Cluster', '', `Cluster id ${view.clusterId === null ? '(none)' : markdownCode(view.clusterId)}, controller ${view.controllerId}.`, '']
  if (view.controllerQuorum) out.push(`Controller quorum: ${markdownCode(view.controllerQuorum)}`, '')
  out.push('| Broker | Address | Rack |', '|---|---|---|')
  for (const b of view.brokers) out.push(`| ${b.nodeId} | ${markdownCode(`${b.host}:${b.port}`, {inTable: true})} | ${b.rack === null ? '-' : markdownCode(b.rack, {inTable: true})} |`)
  for (const id of view.missingBrokers) out.push(`| ${id} | missing from the metadata (named as a replica) | - |`)
  const list = (partitions: number[]) => (partitions.length > 0 ? partitions.join(', ') : '-')
  out.push('', '| Topic | Partitions | Replication | Leaderless | Under-replicated |', '|---|---|---|---|---|')
  for (const t of view.topics) out.push(`| ${markdownCode(t.name, {inTable: true})}${t.internal ? ' (internal)' : ''} | ${t.partitions} | ${t.replicationFactor} | ${list(t.leaderless)} | ${list(t.underReplicated)} |`)
  return out.join('\n') + '\n'
}

export function clusterBlock(view: ClusterView): Block {
  return {terminal: (c) => renderClusterView(view, c), markdown: () => renderClusterViewMarkdown(view)}
}
