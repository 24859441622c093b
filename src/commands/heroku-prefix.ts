import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {connectionFlags, connectionInput} from '../cli/connection-flags.js'
import {dialectFlags} from '../cli/dialect-flags.js'
import {InputError} from '../core/input-error.js'
import {buildReport, type Report} from '../diagnosis/finding.js'
import {invalidTopicName} from '../platforms/heroku/prefix.js'
import type {HerokuSummary} from '../checks/heroku/summary.js'

export default class HerokuPrefix extends BaseCommand {
  static override summary = "Check a Karafka app against Heroku Kafka's conventions: config vars, prefixed names, groups created before use, Web UI topics."

  static override description = `Reads Heroku's Kafka variables (KAFKA_URL, KAFKA_PREFIX, KAFKA_TRUSTED_CERT, KAFKA_CLIENT_CERT, KAFKA_CLIENT_CERT_KEY) from the environment and any --env-file (the output of "heroku config --shell" wins over the environment), or from the app's process (--from-pid). With --karafka-config, the topics and groups of its routes and config.group_id are checked when no --topic/--group is given.
Without the network: every variable present and well-formed (certificates parse, the key belongs to the certificate, dates), every topic and group name carrying KAFKA_PREFIX, and the Karafka config.kafka block to use.
When the cluster is reachable: connect's layers over TLS with the client certificate, then whether the prefixed topics and consumer groups exist (Heroku creates neither on first use) and whether the Karafka Web UI's topics have the settings it needs.
Every problem comes with the Heroku CLI command that fixes it. Nothing is written to the cluster: no topic, record, group or offset is created.
Karafka's own names are checked too: the group_id (default app), the admin group (karafka_admin) and the Web UI's group (karafka_web) and topics; without --group-id/--admin-group/--web-group kdoctor checks the prefixed defaults.`

  static override examples = [
    '<%= config.bin %> heroku-prefix',
    '<%= config.bin %> heroku-prefix --topic events --topic orders:8 --group-id app',
    'heroku config --shell -a my-app > heroku.env && <%= config.bin %> heroku-prefix --env-file heroku.env -a my-app --json',
    `heroku run -a my-app -- 'npx -y kdoctor heroku-prefix --topic "\${KAFKA_PREFIX}events" --group-id "\${KAFKA_PREFIX}app"'`,
  ]

  static override flags = {
    'app-prefix': Flags.string({
      summary: 'Use this prefix instead of KAFKA_PREFIX (for testing names).',
      helpGroup: 'HEROKU',
    }),
    app: Flags.string({
      char: 'a',
      summary: 'The Heroku app, for the heroku CLI commands kdoctor prints. Default: $HEROKU_APP_NAME.',
      helpGroup: 'HEROKU',
    }),
    topic: Flags.string({
      summary: 'A topic the app uses, as written in its code; NAME:PARTITIONS gives the partition count for the create command (repeatable).',
      multiple: true,
      helpGroup: 'NAMES',
    }),
    group: Flags.string({
      summary: 'A consumer group the app uses, as written in its code (repeatable).',
      multiple: true,
      helpGroup: 'NAMES',
    }),
    'group-id': Flags.string({summary: "Karafka's config.group_id as the app sets it. Default: KAFKA_PREFIX + app.", helpGroup: 'NAMES'}),
    'admin-group': Flags.string({summary: "Karafka's config.admin.group_id. Default: KAFKA_PREFIX + karafka_admin.", helpGroup: 'NAMES'}),
    'web-group': Flags.string({summary: "Karafka::Web's config.group_id. Default: KAFKA_PREFIX + karafka_web.", helpGroup: 'NAMES'}),
    karafka: Flags.boolean({summary: "Check Karafka's consumer groups (group_id and admin) (--no-karafka to skip).", default: true, allowNo: true, helpGroup: 'NAMES'}),
    'web-ui': Flags.boolean({summary: "Check the Karafka Web UI's group and topics (--no-web-ui to skip).", default: true, allowNo: true, helpGroup: 'NAMES'}),
    live: Flags.boolean({summary: 'Connect and check topics and groups on the cluster (--no-live: static checks only).', default: true, allowNo: true}),
    'bootstrap-server': connectionFlags['bootstrap-server'],
    property: connectionFlags.property,
    config: connectionFlags.config,
    timeout: connectionFlags.timeout,
    ...dialectFlags,
  }

  async run(): Promise<Report & {heroku: HerokuSummary}> {
    const {flags} = await this.parse(HerokuPrefix)
    const {readAppSettings} = await import('../config/load-connection.js')
    const {runHerokuPrefixPlan} = await import('../plans/heroku-prefix.js')
    const {withProgress} = await import('../report/progress.js')

    const connection = connectionInput(flags)
    const appSettings = await readAppSettings(connection)
    const variables = appSettings.env
    // Without --topic/--group: the app's own names (karafka.rb routing).
    const {namesOrApp} = await import('../checks/acl/resources.js')
    const topics = namesOrApp(flags.topic, appSettings.app.topics) ?? []
    const groups = namesOrApp(flags.group, appSettings.app.groups) ?? []
    const result = await withProgress('Checking Heroku Kafka conventions…', this.interactive, () =>
      runHerokuPrefixPlan({
        variables,
        processEnv: process.env,
        ...(flags['app-prefix'] === undefined ? {} : {prefixOverride: flags['app-prefix']}),
        ...(flags.app === undefined ? {} : {app: flags.app}),
        topics: topics.map(parseTopicFlag),
        groups: groups.map((g) => parseGroupName(g, 'flag --group')),
        ...optionalName('groupId', flags['group-id'], 'flag --group-id'),
        ...optionalName('adminGroup', flags['admin-group'], 'flag --admin-group'),
        ...optionalName('webGroup', flags['web-group'], 'flag --web-group'),
        karafka: flags.karafka,
        webUi: flags['web-ui'],
        live: flags.live,
        deadline: this.runDeadline(flags.timeout),
        connection,
        appSettings,
      }),
    )

    const report = buildReport('heroku-prefix', result.findings, flags['fail-on'], result.settings)
    const prefix = result.heroku.prefix ? `KAFKA_PREFIX ${result.heroku.prefix}` : 'no KAFKA_PREFIX'
    const {herokuAppendixBlock} = await import('../report/heroku-appendix.js')
    return this.finish({...report, heroku: result.heroku}, {heading: `kdoctor heroku-prefix · ${prefix} · variables from ${variables.origin}`, after: [herokuAppendixBlock(result.heroku)]})
  }
}

function parseTopicFlag(value: string): {name: string; partitions?: number} {
  const match = /^(.*):(\d+)$/.exec(value)
  const name = match ? match[1]! : value
  const problem = invalidTopicName(name)
  if (problem) throw new InputError(`topic "${name}" ${problem}`, 'flag --topic')
  if (!match) return {name}
  const partitions = Number(match[2])
  if (partitions < 1) throw new InputError(`topic "${name}": the partition count must be at least 1`, 'flag --topic')
  return {name, partitions}
}

function parseGroupName(value: string, source: string): string {
  if (value.trim() === '' || /\s/.test(value)) throw new InputError(`"${value}" is not a consumer group name (empty or with spaces)`, source)
  return value
}

function optionalName<K extends string>(key: K, value: string | undefined, source: string): Partial<Record<K, string>> {
  return value === undefined ? {} : ({[key]: parseGroupName(value, source)} as Record<K, string>)
}
