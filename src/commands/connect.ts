import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {connectionFlags, connectionInput} from '../cli/connection-flags.js'
import {buildReport, type Report} from '../diagnosis/finding.js'

export default class Connect extends BaseCommand {
  static override summary = 'Diagnose the connection to a Kafka cluster, layer by layer, for every broker.'

  static override description = `Runs DNS → TCP → listener (TLS or plaintext, SASL mechanisms offered) → TLS certificate → SASL → metadata against every bootstrap address, then the same against every broker the cluster advertises. Each problem carries a KD code with its explanation and fix (kdoctor explain KDnnn).
With --client, a kafkajs client session follows as a second opinion from a real client library (kdoctor doctor always runs it).
Nothing is written to the cluster: no topic, record, group or offset is created.`

  static override examples = [
    '<%= config.bin %> connect -b broker:9092',
    '<%= config.bin %> connect -b b-1.msk.example:9096 -X security.protocol=SASL_SSL -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=app -X sasl.password=env:KAFKA_PASSWORD',
    '<%= config.bin %> connect -F client.properties --timeout 5s --json',
    '<%= config.bin %> connect --karafka-config karafka.rb --env-file .env',
    '<%= config.bin %> connect --java-config application.yml --env-file secret.yaml',
    '<%= config.bin %> connect --from-pid 1',
  ]

  static override flags = {
    ...connectionFlags,
    advertised: Flags.boolean({
      summary: 'Also probe every broker the cluster advertises (--no-advertised to skip).',
      default: true,
      allowNo: true,
    }),
    client: Flags.boolean({
      summary: 'Also run an end-to-end kafkajs client session after the probes, a second opinion from a real client library (doctor always does).',
      default: false,
      allowNo: true,
    }),
  }

  async run(): Promise<Report> {
    const {flags} = await this.parse(Connect)
    const {loadConnection} = await import('../config/load-connection.js')
    const {runConnectPlan} = await import('../plans/connect.js')
    const {withProgress} = await import('../report/progress.js')
    const profile = await loadConnection(connectionInput(flags))
    const {findings} = await withProgress('Checking every layer…', this.interactive, () => runConnectPlan(profile, {deadline: this.runDeadline(flags.timeout), advertised: flags.advertised, client: flags.client}))
    const {describeProfile} = await import('../config/describe.js')
    return this.finish(buildReport('connect', findings, flags['fail-on'], profile.settings), {heading: `kdoctor connect · ${describeProfile(profile.profile)}`})
  }
}
