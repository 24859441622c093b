import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {connectionFlags, connectionInput} from '../cli/connection-flags.js'
import {buildReport, type Report} from '../diagnosis/finding.js'
import type {BrokerApiVersions} from '../checks/api-versions.js'
import type {ClusterView} from '../report/cluster-table.js'

export default class ClusterInfo extends BaseCommand {
  static override summary = 'Show the cluster id, controller, brokers and topics, as kcat -L does.'

  static override description = `Connects with the same layered checks as "connect" (and explains any failure the same way), then lists the brokers with their advertised addresses and racks (and any broker that topics name as a replica but the metadata no longer lists), and every topic this principal may describe with its partition count, replication factor, partitions without a leader and under-replicated partitions.`

  static override examples = [
    '<%= config.bin %> cluster-info -b broker:9092',
    '<%= config.bin %> cluster-info -F client.properties --json',
    '<%= config.bin %> cluster-info -b broker:9092 --api-versions',
  ]

  static override flags = {
    ...connectionFlags,
    'api-versions': Flags.boolean({
      summary: 'Also dial every broker and list, per API, the versions it accepts beside those kdoctor and kafkajs send (as kafka-broker-api-versions.sh does); KD505 where a client has none left.',
      default: false,
    }),
  }

  async run(): Promise<Report & {cluster?: ClusterView}> {
    const {flags} = await this.parse(ClusterInfo)
    const {loadConnection} = await import('../config/load-connection.js')
    const {runConnectPlan} = await import('../plans/connect.js')
    const {clusterHealth, partitionHealth} = await import('../checks/metadata.js')
    const profile = await loadConnection(connectionInput(flags))
    const withApis = flags['api-versions']
    const {findings, metadata, brokerApiVersions} = await runConnectPlan(profile, {deadline: this.runDeadline(flags.timeout), advertised: withApis, client: false, quorum: true})
    let apiVersions: BrokerApiVersions[] | undefined
    if (withApis && brokerApiVersions) {
      const {apiVersionRows, apiVersionFindings} = await import('../checks/api-versions.js')
      const {kafkajsApiVersions, KAFKAJS_VERSION} = await import('../kafka/client.js')
      const {KDOCTOR_API_VERSIONS} = await import('../kafka/wire/used-versions.js')
      const kafkajs = kafkajsApiVersions()
      apiVersions = brokerApiVersions.map(({nodeId, address, ranges}) => ({nodeId, address, apis: apiVersionRows(ranges, KDOCTOR_API_VERSIONS, kafkajs)}))
      for (const broker of apiVersions) findings.push(...apiVersionFindings(broker, {kdoctor: 'kdoctor', kafkajs: `kafkajs ${KAFKAJS_VERSION}`}))
    }
    const quorum = findings.find((f) => f.target.startsWith('controller quorum'))
    const report = buildReport('cluster-info', findings, flags['fail-on'], profile.settings)
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
      ...(quorum && {controllerQuorum: quorum.summary}),
      ...(apiVersions && {apiVersions}),
    }
    const {clusterBlock} = await import('../report/cluster-table.js')
    // The terminal shows the table alone (as kcat -L does) unless something is wrong; the markdown report keeps every check.
    return this.finish({...report, cluster}, {before: [clusterBlock(cluster)], terminalChecklist: report.summary.fail + report.summary.warn > 0})
  }
}
