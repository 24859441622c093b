import chalk from 'chalk'
import {escapeTerminal} from '../core/escape.js'

export interface ClusterView {
  clusterId: string | null
  controllerId: number
  brokers: {nodeId: number; host: string; port: number; rack: string | null}[]
  topics: {name: string; partitions: number; replicationFactor: number; leaderless: number[]; underReplicated: number[]; internal: boolean}[]
  /** Node ids that topics name as replicas but the metadata does not list: stopped or fenced brokers. */
  missingBrokers: number[]
}

function table(rows: string[][]): string[] {
  rows = rows.map((r) => r.map(escapeTerminal))
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r, index) => {
    const line = r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()
    return index === 0 ? chalk.bold(line) : line
  })
}

/** What `kcat -L` and Karafka::Admin.cluster_info show, as aligned tables. */
export function renderClusterView(view: ClusterView): string {
  const lines = [`${chalk.bold('Cluster')} ${escapeTerminal(view.clusterId ?? '(no id)')}  controller ${view.controllerId}`, '']
  lines.push(...table([['BROKER', 'ADDRESS', 'RACK'], ...view.brokers.map((b) => [String(b.nodeId), `${b.host}:${b.port}`, b.rack ?? '-'])]))
  lines.push('')
  lines.push(
    ...table([
      ['BROKER', 'ADDRESS', 'RACK'],
      ...view.brokers.map((b) => [String(b.nodeId), `${b.host}:${b.port}`, b.rack ?? '-']),
      ...view.missingBrokers.map((id) => [String(id), 'missing from the metadata (named as a replica)', '-']),
    ]),
  )
  lines.push('')
  const list = (partitions: number[]) => (partitions.length > 0 ? partitions.join(',') : '-')
  lines.push(
    ...table([
      ['TOPIC', 'PARTITIONS', 'REPLICATION', 'LEADERLESS', 'UNDER-REPLICATED'],
      ...view.topics.map((t) => [t.name + (t.internal ? ' (internal)' : ''), String(t.partitions), String(t.replicationFactor), list(t.leaderless), list(t.underReplicated)]),
    ]),
  )
  return lines.join('\n') + '\n'
}
