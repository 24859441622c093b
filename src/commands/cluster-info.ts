import {BaseCommand} from '../cli/base-command.js'
import {connectionFlags, profileInput} from '../cli/connection-flags.js'
import {buildReport, type Report} from '../diagnosis/finding.js'
import type {ClusterView} from '../report/cluster-table.js'

export default class ClusterInfo extends BaseCommand {
  static override summary = 'Show the cluster id, controller, brokers and topics, as kcat -L does.'

  static override description = `Connects with the same layered checks as "connect" (and explains any failure the same way), then lists the brokers with their advertised addresses and racks, and every topic this principal may describe with its partition count, replication factor and partitions without a leader.`

  static override examples = ['<%= config.bin %> cluster-info -b broker:9092', '<%= config.bin %> cluster-info -F client.properties --json']

  static override flags = {...connectionFlags}

  async run(): Promise<Report & {cluster?: ClusterView}> {
    const {flags} = await this.parse(ClusterInfo)
    const {loadProfile} = await import('../config/load-profile.js')
    const {runConnectPlan} = await import('../plans/connect.js')
    const {clusterHealth, partitionHealth} = await import('../checks/metadata.js')
    const profile = await loadProfile(profileInput(flags))
    const {findings, metadata} = await runConnectPlan(profile, {deadline: this.runDeadline(flags.timeout), advertised: false, client: false})
    const report = buildReport('cluster-info', findings, flags['fail-on'])
    if (!metadata) return this.finish(report)

    const cluster: ClusterView = {
      clusterId: metadata.clusterId,
      controllerId: metadata.controllerId,
      brokers: metadata.brokers.map((b) => ({nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null})),
      topics: metadata.topics
        .filter((t) => t.errorCode === 0)
        .map((t) => ({
          name: t.name ?? '',
          partitions: t.partitions.length + (t.partitionsNotKept ?? 0),
          replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicaNodes.length)),
          ...partitionHealth(t.partitions),
          internal: t.isInternal,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      missingBrokers: clusterHealth(metadata).missingBrokers,
    }
    const {clusterBlock} = await import('../report/cluster-table.js')
    // The terminal shows the table alone (as kcat -L does) unless something is wrong; the markdown report keeps every check.
    return this.finish({...report, cluster}, {before: [clusterBlock(cluster)], terminalChecklist: report.summary.fail + report.summary.warn > 0})
  }
}
