import type {ChalkInstance} from 'chalk'

import {markdownCode} from '../core/escape.js'
import {makeChalk} from './explain-text.js'
import type {Block} from './view.js'

export interface ClusterView {
  clusterId: string | null
  controllerId: number
  brokers: {nodeId: number; host: string; port: number; rack: string | null}[]
  topics: {name: string; partitions: number; replicationFactor: number; leaderless: number[]; internal: boolean}[]
}

function table(rows: string[][], chalk: ChalkInstance): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r, index) => {
    const line = r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()
    return index === 0 ? chalk.bold(line) : line
  })
}

/** What `kcat -L` and Karafka::Admin.cluster_info show, as aligned tables. */
export function renderClusterView(view: ClusterView, chalk: ChalkInstance = makeChalk()): string {
  const lines = [`${chalk.bold('Cluster')} ${view.clusterId ?? '(no id)'}  controller ${view.controllerId}`, '']
  lines.push(...table([['BROKER', 'ADDRESS', 'RACK'], ...view.brokers.map((b) => [String(b.nodeId), `${b.host}:${b.port}`, b.rack ?? '-'])], chalk))
  lines.push('')
  lines.push(
    ...table([
      ['TOPIC', 'PARTITIONS', 'REPLICATION', 'LEADERLESS'],
      ...view.topics.map((t) => [t.name + (t.internal ? ' (internal)' : ''), String(t.partitions), String(t.replicationFactor), t.leaderless.length > 0 ? t.leaderless.join(',') : '-']),
    ], chalk),
  )
  return lines.join('\n') + '\n'
}

export function renderClusterViewMarkdown(view: ClusterView): string {
  const out = ['## Cluster', '', `Cluster id ${view.clusterId === null ? '(none)' : markdownCode(view.clusterId)}, controller ${view.controllerId}.`, '']
  out.push('| Broker | Address | Rack |', '|---|---|---|')
  for (const b of view.brokers) out.push(`| ${b.nodeId} | ${markdownCode(`${b.host}:${b.port}`, {inTable: true})} | ${b.rack === null ? '-' : markdownCode(b.rack, {inTable: true})} |`)
  out.push('', '| Topic | Partitions | Replication | Leaderless |', '|---|---|---|---|')
  for (const t of view.topics) out.push(`| ${markdownCode(t.name, {inTable: true})}${t.internal ? ' (internal)' : ''} | ${t.partitions} | ${t.replicationFactor} | ${t.leaderless.length > 0 ? t.leaderless.join(', ') : '-'} |`)
  return out.join('\n') + '\n'
}

export function clusterBlock(view: ClusterView): Block {
  return {terminal: (c) => renderClusterView(view, c), markdown: () => renderClusterViewMarkdown(view)}
}
