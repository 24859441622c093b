import {Command, Flags, Interfaces} from '@oclif/core'

import {DEFAULT_TIMEOUT_MS, parseDuration} from '../config/duration.js'
import {Deadline} from '../core/deadline.js'
import {InputError} from '../core/input-error.js'
import type {Report} from '../diagnosis/finding.js'
import {escapeTerminal} from '../core/escape.js'

export const EXIT_OK = 0
export const EXIT_PROBLEM = 1
export const EXIT_USAGE = 2

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>

/**
 * Shared behaviour of every kdoctor command: `--json`, `--fail-on`, exit codes 0/1/2 and
 * one-line input errors. Commands stay thin: parse, build, run, hand back a Report.
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
  }

  /** When the run started: its Deadline counts from here, so reading the config spends the budget too. */
  readonly #startedAt = Date.now()
  #deadline?: Deadline

  /**
   * The run's one Deadline (design.md: one --timeout bounds the whole run). Built on the first call
   * from --timeout; every step of the run is handed this same one.
   */
  protected runDeadline(timeout: string | undefined): Deadline {
    this.#deadline ??= new Deadline(timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(timeout, 'flag --timeout'), this.#startedAt)
    return this.#deadline
  }

  /** Sets the exit code from the report and returns it (oclif prints it under --json). */
  protected async finish(report: Report, heading?: string): Promise<Report> {
    if (!this.jsonEnabled()) {
      const {renderHuman} = await import('../report/human.js')
      process.stdout.write(renderHuman(report, heading))
    }

    process.exitCode = report.ok ? EXIT_OK : EXIT_PROBLEM
    return report
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
