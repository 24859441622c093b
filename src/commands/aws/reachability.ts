import {isIP} from 'node:net'

import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {connectionFlags, connectionInput} from '../../cli/connection-flags.js'
import {InputError} from '../../core/input-error.js'
import {buildReport, type Report} from '../../diagnosis/finding.js'

export default class AwsReachability extends BaseCommand {
  static override summary = "Explain why an MSK (or any AWS) broker port is unreachable, from the VPC's own rules."

  static override description = `Maps every broker address to its network interface (recognising Amazon MSK's), finds the client (instance metadata, an EKS pod's address, or --source-*), reads security groups, network ACLs and routes of both ends through the EC2 API, and evaluates the path hop by hop: route, client egress, broker ingress, network ACLs both ways including the return ports. A blocked hop is KD707 with the rule to change and the command that changes it; rules that allow a port that still times out are KD708. Missing IAM permissions make a hop "unknown", naming the action.
Credentials come from the AWS SDK's default chain (env, ~/.aws with --profile, SSO, web identity, instance and container roles). Only read calls are made, except with --deep, which runs the VPC Reachability Analyzer (billed per analysis by AWS) and deletes what it created.`

  static override examples = [
    '<%= config.bin %> aws reachability -b b-1.demo.abc123.c2.kafka.eu-west-1.amazonaws.com:9096',
    '<%= config.bin %> aws reachability --broker 10.0.1.57:9096 --source-eni eni-0abc1234 --region eu-west-1 --no-probe',
    '<%= config.bin %> aws reachability -F client.properties --deep --json',
  ]

  static override flags = {
    ...connectionFlags,
    broker: Flags.string({
      summary: 'A broker address host:port to evaluate as given (repeatable or comma-separated); no Kafka conversation.',
      multiple: true,
      helpGroup: 'AWS',
    }),
    region: Flags.string({summary: 'AWS Region of the brokers. Default: $AWS_REGION, the MSK broker name, instance metadata, the profile.', helpGroup: 'AWS'}),
    profile: Flags.string({summary: 'AWS shared-config profile for credentials (default chain otherwise).', helpGroup: 'AWS'}),
    'endpoint-url': Flags.string({summary: 'EC2 API endpoint, e.g. http://127.0.0.1:5000 for moto or a VPC endpoint URL.', helpGroup: 'AWS'}),
    'source-eni': Flags.string({summary: "The client's network interface (eni-…) instead of finding it.", exclusive: ['source-ip', 'source-instance'], helpGroup: 'AWS'}),
    'source-ip': Flags.string({summary: "The client's address as the broker sees it (a pod IP, an on-premises or public address).", exclusive: ['source-eni', 'source-instance'], helpGroup: 'AWS'}),
    'source-instance': Flags.string({summary: "The client's EC2 instance (i-…); its primary interface is used.", exclusive: ['source-eni', 'source-ip'], helpGroup: 'AWS'}),
    deep: Flags.boolean({summary: 'Also run the VPC Reachability Analyzer (AWS bills each analysis); what it creates is deleted.', default: false, helpGroup: 'AWS'}),
    probe: Flags.boolean({summary: 'Probe each broker port live with TCP to compare with the rules (--no-probe: send nothing to the brokers).', default: true, allowNo: true, helpGroup: 'AWS'}),
  }

  async run(): Promise<Report> {
    const {flags} = await this.parse(AwsReachability)
    if (flags['source-ip'] !== undefined && isIP(flags['source-ip']) === 0) throw new InputError(`"${flags['source-ip']}" is not an IP address`, 'flag --source-ip')
    if (flags['source-eni'] !== undefined && !/^eni-[0-9a-f]+$/.test(flags['source-eni'])) throw new InputError(`"${flags['source-eni']}" is not a network interface id (eni-…)`, 'flag --source-eni')
    if (flags['source-instance'] !== undefined && !/^i-[0-9a-f]+$/.test(flags['source-instance'])) throw new InputError(`"${flags['source-instance']}" is not an instance id (i-…)`, 'flag --source-instance')

    const {runAwsReachabilityPlan} = await import('../../plans/aws-reachability.js')
    const {withProgress} = await import('../../report/progress.js')
    const result = await withProgress('Reading the VPC rules…', this.interactive, () =>
      runAwsReachabilityPlan({
        ...(flags.broker && flags.broker.length > 0 ? {brokers: flags.broker} : {connection: connectionInput(flags)}),
        ...(flags.region ? {region: flags.region} : {}),
        ...(flags.profile ? {profile: flags.profile} : {}),
        ...(flags['endpoint-url'] ? {endpointUrl: flags['endpoint-url']} : {}),
        source: {
          ...(flags['source-eni'] ? {sourceEni: flags['source-eni']} : {}),
          ...(flags['source-ip'] ? {sourceIp: flags['source-ip']} : {}),
          ...(flags['source-instance'] ? {sourceInstance: flags['source-instance']} : {}),
        },
        probe: flags.probe,
        deep: flags.deep,
        deadline: this.runDeadline(flags.timeout),
        announce: (line) => process.stderr.write(`${line}\n`),
      }),
    )
    // Heading, then one hop table per broker, then the usual checklist and problems.
    const {hopTablesBlock} = await import('../../report/aws-hops.js')
    return this.finish(buildReport('aws reachability', result.findings, flags['fail-on']), {
      heading: `kdoctor aws reachability${result.region ? ` · ${result.region}` : ''}`,
      before: [hopTablesBlock(result)],
    })
  }
}
