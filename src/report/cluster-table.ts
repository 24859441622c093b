import chalk from 'chalk'
import {escapeText} from '../core/escape.js'

export interface ClusterView {
  clusterId: string | null
  controllerId: number
  brokers: {nodeId: number; host: string; port: number; rack: string | null}[]
  topics: {name: string; partitions: number; replicationFactor: number; leaderless: number[]; internal: boolean}[]
}

function table(rows: string[][]): string[] {
  rows = rows.map((r) => r.map(escapeText))
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r, index) => {
    const line = r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()
    return index === 0 ? chalk.bold(line) : line
  })
}

/** What `kcat -L` and Karafka::Admin.cluster_info show, as aligned tables. */
export function renderClusterView(view: ClusterView): string {
  const lines = [`${chalk.bold('Cluster')} ${escapeText(view.clusterId ?? '(no id)')}  controller ${view.controllerId}`, '']
  lines.push(...table([['BROKER', 'ADDRESS', 'RACK'], ...view.brokers.map((b) => [String(b.nodeId), `${b.host}:${b.port}`, b.rack ?? '-'])]))
  lines.push('')
  lines.push(
    ...table([
      ['TOPIC', 'PARTITIONS', 'REPLICATION', 'LEADERLESS'],
      ...view.topics.map((t) => [t.name + (t.internal ? ' (internal)' : ''), String(t.partitions), String(t.replicationFactor), t.leaderless.length > 0 ? t.leaderless.join(',') : '-']),
    ]),
  )
  return lines.join('\n') + '\n'
}
