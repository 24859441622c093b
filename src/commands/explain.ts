import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import type {ExplainJson} from '../cli/explain.js'

export default class Explain extends BaseCommand {
  static override summary = 'Explain a kdoctor code, or find the codes behind pasted errors and logs.'

  static override description = `With a code (KD304) prints its page: what it means, likely causes and how to confirm them, the fix (librdkafka property names first, then Karafka, Java and kafkajs), provider notes and where its page is (--page prints the Markdown page). Without arguments lists every code by layer.
With text — an argument, --file app.log, or - for standard input — finds every distinct problem in it (librdkafka, Karafka, Java, kafkajs, Go and Python messages; timestamps, log prefixes and repeats are fine), orders them by layer and shows the evidence read from each (host, port, broker, state, mechanism, topic, group). Secrets in the text are masked in everything printed.
Exit codes: 0 explained, 1 nothing in the text was recognised (KD100), 2 unknown code or unreadable file.`

  static override examples = [
    '<%= config.bin %> explain KD304',
    '<%= config.bin %> explain KD304 --page > KD304.md',
    '<%= config.bin %> explain',
    '<%= config.bin %> explain "Disconnected while requesting ApiVersion"',
    '<%= config.bin %> explain --file log/production.log',
    'kubectl logs deploy/karafka --since=1h | <%= config.bin %> explain - --json',
  ]

  static override args = {
    // ignoreStdin: oclif would otherwise read piped input into the argument on its own (with a 10 ms
    // timeout); here standard input is read only when asked for with "-".
    input: Args.string({description: 'A code such as KD304, error text to explain, or - to read the text from standard input.', required: false, ignoreStdin: true}),
  }

  static override flags = {
    file: Flags.string({char: 'f', summary: 'Read the text to explain from this file (- for standard input).'}),
    page: Flags.boolean({summary: "Print the code's troubleshooting page (Markdown), as shipped inside the package or binary."}),
  }

  async run(): Promise<ExplainJson> {
    const {args, flags} = await this.parse(Explain)
    const {runExplain} = await import('../cli/explain.js')
    const {readStdin} = await import('../cli/stdin.js')
    const outcome = await runExplain({input: args.input, file: flags.file, page: flags.page}, {readStdin: () => readStdin()})
    return this.emit({json: outcome.json, exitCode: outcome.exitCode, terminal: () => outcome.text, markdown: () => outcome.markdown})
  }
}
