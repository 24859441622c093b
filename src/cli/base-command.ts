import {Command, Flags, Interfaces} from '@oclif/core'

import {DEFAULT_TIMEOUT_MS, parseDuration} from '../config/duration.js'
import {Deadline} from '../core/deadline.js'
import {InputError} from '../core/input-error.js'
import type {Report} from '../diagnosis/finding.js'
import {escapeTerminal} from '../core/escape.js'
import type {ReportView} from '../report/view.js'

export const EXIT_OK = 0
export const EXIT_PROBLEM = 1
export const EXIT_USAGE = 2

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>

export type OutputFormat = 'human' | 'json' | 'markdown'

/**
 * What a command hands to its one output path: the JSON value, its exit code, and the same result
 * for a terminal and as markdown (rendered only when that format is asked for).
 */
export interface CommandOutput<J> {
  json: J
  exitCode: number
  terminal: () => string | Promise<string>
  markdown: () => string | Promise<string>
}

/**
 * Shared behaviour of every kdoctor command: the output formats (human, `--json`, `--format
 * markdown`, `--report FILE.md`), `--fail-on`, exit codes 0/1/2, one-line input errors and the
 * run's one Deadline. Commands stay thin: parse, build, run, hand back a Report and a view of it.
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  static override baseFlags = {
    'fail-on': Flags.option({
      description: 'Lowest finding status that makes the exit code 1.',
      options: ['fail', 'warn'] as const,
      default: 'fail' as const,
      helpGroup: 'OUTPUT',
    })(),
    format: Flags.option({
      summary: 'Output format: human (default), json (same as --json), or markdown (a report to paste into a ticket).',
      options: ['human', 'json', 'markdown'] as const,
      helpGroup: 'OUTPUT',
    })(),
    report: Flags.string({
      summary: 'Also write the markdown report to this file (e.g. kdoctor-report.md); standard output stays as it is.',
      helpGroup: 'OUTPUT',
    }),
  }

  /** When the run started: its Deadline counts from here, so reading the config spends the budget too. */
  readonly #startedAt = Date.now()
  #deadline?: Deadline
  #reportFile?: string

  override async init(): Promise<void> {
    await super.init()
    // The command parses again in run() for its own flags; here only the output flags are kept.
    const {flags} = await this.parse(this.ctor)
    const report = (flags as {report?: string}).report
    if (report !== undefined && report.trim() === '') throw new InputError('--report needs a file name', 'flag --report')
    this.#reportFile = report
  }

  /** `--format json` is `--json`: oclif prints what run() returns. */
  override jsonEnabled(): boolean {
    return super.jsonEnabled() || this.requestedFormat() === 'json'
  }

  /** The format standard output gets. */
  protected get format(): OutputFormat {
    return this.jsonEnabled() ? 'json' : (this.requestedFormat() ?? 'human')
  }

  /** Spinners and streamed lines: only when standard output is the human text. */
  protected get interactive(): boolean {
    return this.format === 'human'
  }

  /**
   * The run's one Deadline (design.md: one --timeout bounds the whole run). Built on the first call
   * from --timeout; every step of the run is handed this same one.
   */
  protected runDeadline(timeout: string | undefined): Deadline {
    this.#deadline ??= new Deadline(timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(timeout, 'flag --timeout'), this.#startedAt)
    return this.#deadline
  }

  /** The one output path for a findings report: sets the exit code and writes every requested format. */
  protected async finish<R extends Report>(report: R, view: ReportView = {}): Promise<R> {
    return this.emit({
      json: report,
      exitCode: report.ok ? EXIT_OK : EXIT_PROBLEM,
      terminal: async () => (await import('../report/view.js')).renderTerminal(report, view),
      markdown: () => this.markdownReport(report, view),
    })
  }

  /** The one output path for anything else a command returns (explain's pages and lists). */
  protected async emit<J>(output: CommandOutput<J>): Promise<J> {
    const format = this.format
    if (format === 'human') process.stdout.write(await output.terminal())
    if (format === 'markdown' || this.#reportFile !== undefined) {
      const markdown = await output.markdown()
      if (format === 'markdown') process.stdout.write(markdown)
      if (this.#reportFile !== undefined) await this.writeReportFile(this.#reportFile, markdown)
    }

    process.exitCode = output.exitCode
    return output.json
  }

  protected async markdownReport(report: Report, view: ReportView): Promise<string> {
    const [{renderMarkdown}, {describeHost}, {KAFKAJS_VERSION}] = await Promise.all([import('../report/markdown.js'), import('../platforms/host.js'), import('../version.js')])
    return renderMarkdown(report, view, {kdoctorVersion: this.config.version, kafkajsVersion: KAFKAJS_VERSION, host: describeHost(), at: new Date().toISOString()})
  }

  private async writeReportFile(path: string, markdown: string): Promise<void> {
    const {writeFile} = await import('node:fs/promises')
    const {fsReason} = await import('../config/read-file.js')
    try {
      await writeFile(path, markdown, {mode: 0o600})
    } catch (error) {
      throw new InputError(`cannot write the report to ${path}: ${fsReason((error as NodeJS.ErrnoException).code)}`, 'flag --report')
    }
  }

  /** --format as typed (read from argv: oclif asks jsonEnabled() before and after parsing). */
  private requestedFormat(): OutputFormat | undefined {
    const end = this.argv.includes('--') ? this.argv.indexOf('--') : this.argv.length
    let format: string | undefined
    for (let i = 0; i < end; i++) {
      const arg = this.argv[i]!
      if (arg === '--format') format = this.argv[i + 1]
      else if (arg.startsWith('--format=')) format = arg.slice('--format='.length)
    }

    return format === 'human' || format === 'json' || format === 'markdown' ? format : undefined
  }

  protected override async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (err instanceof InputError) return this.usageFailure(err.oneLine())
    // Flag parsing errors: one line and exit 2, not oclif's usage dump (or its error object under --json).
    if (err.oclif?.exit === EXIT_USAGE) return this.usageFailure(`${err.message.split('\n')[0]!.trim()} (see: kdoctor ${this.id ?? ''} --help)`)
    if (err.oclif?.exit !== undefined) err.exitCode = err.oclif.exit
    return super.catch(err)
  }

  /** The command could not run: one line naming the reason (and its source), exit 2, never a stack. */
  private usageFailure(reason: string): never {
    if (this.argv.includes('--json') || this.jsonEnabled()) {
      process.stdout.write(JSON.stringify({schema: 'kdoctor/v1', command: this.id, ok: false, error: reason}, null, 2) + '\n')
    } else {
      process.stderr.write(`kdoctor: ${escapeTerminal(reason)}\n`)
    }

    process.exitCode = EXIT_USAGE
    return this.exit(EXIT_USAGE)
  }
}
