import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {dialectFlags} from '../cli/dialect-flags.js'
import {buildReport, type Report} from '../diagnosis/finding.js'

export default class Liveness extends BaseCommand {
  static override summary = "Check a Karafka process's Kubernetes liveness endpoint, and the Deployment around it."

  static override description = `Calls Karafka's liveness listener (HTTP, port 3000 by default) and says which threshold tripped: polling_ttl (KD802), consuming_ttl (KD803), an unrecoverable error such as "fenced" (KD804), the swarm supervisor's controlling_ttl (KD805), stability_ttl (KD806) — or that nothing listens (KD801) or something else answers (KD808). Karafka before 2.5.0 answers 204 without a body: healthy, with a note.
--watch polls for the given time, prints each change of state with its time, then a summary.
--manifest checks a Deployment (multi-document YAML, kubectl -o yaml/json): the Recreate strategy (KD807), a livenessProbe whose port, path and timings fit the listener (KD808), the container running "karafka server", KARAFKA_ENV.
--karafka-config reads karafka.rb without running it: the listener's port, hostname and TTLs, group.instance.id (static membership) and partition.assignment.strategy; ENV lookups in it are evaluated with the environment and --env-file (later files win); -X gives librdkafka settings directly.
Without a URL or --host/--port, the endpoint is http://localhost:3000/ (without a URL or --port, the port is the one karafka.rb gives the listener, if it names one) — unless only --manifest, --karafka-config or -X is given: then the files and settings are checked alone, and nothing is sent.`

  static override examples = [
    '<%= config.bin %> liveness',
    '<%= config.bin %> liveness http://10.0.3.7:3000/ --json',
    '<%= config.bin %> liveness --port 3001 --swarm --watch 60',
    '<%= config.bin %> liveness --manifest k8s/karafka.yaml --karafka-config karafka.rb',
    'kubectl get deploy karafka -o yaml > d.yaml && <%= config.bin %> liveness --manifest d.yaml -X partition.assignment.strategy=cooperative-sticky',
  ]

  static override args = {
    url: Args.string({description: 'The listener, e.g. http://localhost:3000/ (host:port is fine too).', required: false}),
  }

  static override flags = {
    host: Flags.string({summary: 'Host or address of the listener (default localhost).', helpGroup: 'ENDPOINT'}),
    port: Flags.integer({summary: 'Port of the listener (default 3000).', helpGroup: 'ENDPOINT'}),
    path: Flags.string({summary: 'Path to request (default /; the listener answers any path).', helpGroup: 'ENDPOINT'}),
    swarm: Flags.boolean({summary: 'Expect the SwarmLivenessListener (karafka swarm).', helpGroup: 'ENDPOINT'}),
    timeout: Flags.string({summary: 'Time budget of each request, e.g. 5s, 500ms.', default: '5s', helpGroup: 'ENDPOINT'}),
    watch: Flags.string({summary: 'Poll for this many seconds, print every change of state, then a summary.', helpGroup: 'WATCH'}),
    interval: Flags.string({summary: 'Pause between polls under --watch, e.g. 1s, 250ms.', default: '1s', helpGroup: 'WATCH'}),
    manifest: Flags.string({summary: 'A Kubernetes manifest with the Deployment (YAML, multi-document, or JSON).', helpGroup: 'DEPLOYMENT'}),
    'karafka-config': Flags.string({summary: "The app's karafka.rb: listener port/hostname/TTLs, group.instance.id, partition.assignment.strategy.", helpGroup: 'DEPLOYMENT'}),
    'env-file': dialectFlags['env-file'],
    property: Flags.string({char: 'X', summary: 'A librdkafka property the app uses, key=value (repeatable): group.instance.id, partition.assignment.strategy, group.protocol, max.poll.interval.ms, statistics.interval.ms.', multiple: true, helpGroup: 'DEPLOYMENT'}),
  }

  async run(): Promise<Report> {
    const {args, flags} = await this.parse(Liveness)
    const {prepareLiveness, runLivenessPlan} = await import('../plans/liveness.js')
    const prepared = await prepareLiveness({
      url: args.url,
      host: flags.host,
      port: flags.port,
      path: flags.path,
      swarm: flags.swarm,
      watch: flags.watch,
      interval: flags.interval,
      timeout: flags.timeout,
      manifest: flags.manifest,
      karafkaConfig: flags['karafka-config'],
      properties: flags.property,
      envFiles: flags['env-file'] ?? [],
    })

    const human = this.interactive
    let result
    if (prepared.watchMs !== undefined && prepared.endpoint) {
      const {renderTransition, watchHeading} = await import('../report/liveness-watch.js')
      if (human) process.stdout.write(watchHeading(prepared.endpoint.url, prepared.watchMs, prepared.intervalMs))
      result = await runLivenessPlan(prepared, human ? {onTransition: (t) => process.stdout.write(renderTransition(t))} : {})
      if (human) process.stdout.write('\n')
    } else {
      const {withProgress} = await import('../report/progress.js')
      result = await withProgress('Calling the liveness listener…', human, () => runLivenessPlan(prepared))
    }

    return this.finish(buildReport('liveness', result.findings, flags['fail-on']), {heading: prepared.heading})
  }
}
