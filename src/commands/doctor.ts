import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {connectionFlags, connectionInput} from '../cli/connection-flags.js'
import {buildReport} from '../diagnosis/finding.js'
import type {DoctorView} from '../report/doctor-checklist.js'

export default class Doctor extends BaseCommand {
  static override summary = 'Check everything that applies, in one run: settings, connection, permissions, Heroku conventions, liveness, AWS reachability.'

  static override description = `Reads the settings (flags, -X, -F, the environment), then runs what applies, the independent areas at once within one --timeout: the connection to every broker (as "connect"), the app's topics and groups (as "acl-check") when --topic/--group name them, Heroku's conventions (as "heroku-prefix") when Heroku's Kafka variables are present, Karafka's liveness listener (as "liveness") when --liveness-port or --karafka-config gives its port, and the VPC's rules (as "aws reachability") when instance metadata answers (set AWS_EC2_METADATA_DISABLED=true to skip it).
Prints a checklist first, one line per area with ✓ / ! / ✗ and its codes (an area that did not run says why), then the details. Nothing is written to the cluster.`

  static override examples = [
    '<%= config.bin %> doctor -b broker:9092',
    '<%= config.bin %> doctor -F client.properties --topic orders --group orders-app --liveness-port 3000',
    '<%= config.bin %> doctor --karafka-config karafka.rb --json',
  ]

  static override flags = {
    ...connectionFlags,
    topic: Flags.string({summary: "A topic the app uses (repeatable or comma-separated; 'orders.*' for a prefix): checked as acl-check and heroku-prefix do.", multiple: true, helpGroup: 'APP'}),
    group: Flags.string({summary: 'A consumer group the app uses (repeatable or comma-separated).', multiple: true, helpGroup: 'APP'}),
    'liveness-port': Flags.string({summary: "Port of Karafka's liveness listener on this host (localhost).", helpGroup: 'APP'}),
    skip: Flags.option({summary: 'Areas not to run (repeatable or comma-separated).', options: ['connect', 'acl', 'heroku', 'liveness', 'aws'] as const, multiple: true, delimiter: ',', helpGroup: 'APP'})(),
  }

  async run(): Promise<DoctorView> {
    const {flags} = await this.parse(Doctor)
    const {parseResources} = await import('../checks/acl/resources.js')
    const {runDoctorPlan} = await import('../plans/doctor.js')
    const {withProgress} = await import('../report/progress.js')
    const result = await withProgress('Checking every area that applies…', this.interactive, () =>
      runDoctorPlan({
        connection: connectionInput(flags),
        env: process.env,
        topics: parseResources('topic', flags.topic, '--topic'),
        groups: parseResources('group', flags.group, '--group'),
        ...(flags['karafka-config'] === undefined ? {} : {karafkaConfig: flags['karafka-config']}),
        ...(flags['liveness-port'] === undefined ? {} : {livenessPort: flags['liveness-port']}),
        skip: new Set(flags.skip ?? []),
        deadline: this.runDeadline(flags.timeout),
      }),
    )
    const report: DoctorView = {
      ...buildReport('doctor', result.findings, flags['fail-on'], result.settings),
      doctor: {areas: result.areas},
      ...(result.acl ? {acl: result.acl} : {}),
      ...(result.heroku ? {heroku: result.heroku} : {}),
    }
    const [{doctorChecklistBlock}, {aclMatrixBlock}, {herokuAppendixBlock}, {describeProfile}] = await Promise.all([
      import('../report/doctor-checklist.js'),
      import('../report/acl-matrix.js'),
      import('../report/heroku-appendix.js'),
      import('../config/describe.js'),
    ])
    return this.finish(report, {
      heading: `kdoctor doctor · ${describeProfile(result.profile)}`,
      before: [doctorChecklistBlock(report.doctor.areas), ...(report.acl ? [aclMatrixBlock(report.acl)] : [])],
      after: report.heroku && report.heroku.commands.length > 0 ? [herokuAppendixBlock(report.heroku)] : [],
    })
  }
}
