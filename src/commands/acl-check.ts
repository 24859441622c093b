import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {connectionFlags, connectionInput} from '../cli/connection-flags.js'
import {buildReport, type Report} from '../diagnosis/finding.js'
import type {AclReport} from '../checks/acl/report.js'

export default class AclCheck extends BaseCommand {
  static override summary = 'Find out what this principal may do on topics, groups, transactional ids and the cluster, without side effects, and how to grant the rest.'

  static override description = `Connects with the same layered checks as "connect" (and stops there, explained, when they fail), then asks the broker what this principal may do: authorized-operations answers (KIP-430) where the broker gives them, confirmed by requests the broker authorizes and then refuses — Metadata without auto-creation, CreateTopics with validate_only, Produce to a partition that does not exist, a sessionless Fetch of one, a Heartbeat with a made-up member, an InitProducerId that cannot succeed. Nothing is created, written, joined or committed, and no running consumer is made to rebalance.
Checks per topic Describe, Read, Write (and Create when it does not exist); per group Describe, Read; on the cluster Describe, Create, IdempotentWrite, DescribeConfigs; per transactional id Describe, Write. Prints the matrix with the request that decided each cell, and for every denial the command that grants it where the cluster lives (kafka-acls.sh, Confluent CLI, MSK IAM policy, Heroku CLI).`

  static override examples = [
    '<%= config.bin %> acl-check -b broker:9092 -X security.protocol=SASL_SSL -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=app -X sasl.password=env:KAFKA_PASSWORD --topic orders,payments --group orders-app',
    "<%= config.bin %> acl-check -F client.properties --topic 'orders.*' --group app --transactional-id app-tx-1",
    '<%= config.bin %> acl-check -F client.properties --topic events --operations read,describe --json',
    '<%= config.bin %> acl-check --karafka-config karafka.rb --env-file .env',
  ]

  static override flags = {
    ...connectionFlags,
    topic: Flags.string({
      summary: "Topic to check (repeatable or comma-separated); 'orders.*' = every topic starting with orders. (a prefixed resource). Default: the topics of --karafka-config's routes.",
      multiple: true,
      helpGroup: 'RESOURCES',
    }),
    group: Flags.string({
      summary: "Consumer group to check (repeatable or comma-separated; 'app-*' for a prefix). Default: the app's groups (karafka.rb, Spring group-id).",
      multiple: true,
      helpGroup: 'RESOURCES',
    }),
    'transactional-id': Flags.string({
      summary: 'Transactional id to check (repeatable or comma-separated).',
      multiple: true,
      helpGroup: 'RESOURCES',
    }),
    operations: Flags.string({
      summary: 'Only these operations: Describe, Read, Write, Create, IdempotentWrite, DescribeConfigs (repeatable or comma-separated).',
      multiple: true,
      helpGroup: 'RESOURCES',
    }),
    principal: Flags.string({
      summary: 'The principal as your brokers name it (e.g. User:app), when they map it (ssl.principal.mapping.rules, Kerberos rules); used in the grant commands.',
      helpGroup: 'RESOURCES',
    }),
  }

  async run(): Promise<Report & {acl?: AclReport}> {
    const {flags} = await this.parse(AclCheck)
    const {namesOrApp, parseResources} = await import('../checks/acl/resources.js')
    if (flags.principal !== undefined && flags.principal.trim() === '') {
      const {InputError} = await import('../core/input-error.js')
      throw new InputError('--principal is empty: give the name the brokers use, e.g. User:app', 'flag --principal')
    }

    const {parseOperations} = await import('../checks/acl/operations.js')
    const {loadConnection} = await import('../config/load-connection.js')
    const {runAclCheckPlan} = await import('../plans/acl-check.js')
    const {withProgress} = await import('../report/progress.js')
    const profile = await loadConnection(connectionInput(flags))
    // Without --topic/--group, the app's own (karafka.rb routing, Spring group-id) are the rows.
    const options = {
      topics: parseResources('topic', namesOrApp(flags.topic, profile.app.topics), '--topic'),
      groups: parseResources('group', namesOrApp(flags.group, profile.app.groups), '--group'),
      transactionalIds: parseResources('transactional-id', flags['transactional-id'], '--transactional-id'),
      operations: parseOperations(flags.operations),
      principal: flags.principal,
      kafkaPrefix: profile.env.values.get('KAFKA_PREFIX')?.value || undefined,
      deadline: this.runDeadline(flags.timeout),
    }
    const {findings, acl} = await withProgress('Asking the broker what this principal may do…', this.interactive, () => runAclCheckPlan(profile, options))
    const report = buildReport('acl-check', findings, flags['fail-on'], profile.settings)
    const [{describeProfile}, {aclMatrixBlock}] = await Promise.all([import('../config/describe.js'), import('../report/acl-matrix.js')])
    const heading = `kdoctor acl-check · ${describeProfile(profile.profile)}`
    return this.finish(acl ? {...report, acl} : report, {heading, before: acl ? [aclMatrixBlock(acl)] : []})
  }
}
