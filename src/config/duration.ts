import {InputError} from '../core/input-error.js'

/** The whole run's budget when --timeout is not given. */
export const DEFAULT_TIMEOUT_MS = 10_000

const UNIT_MS: Readonly<Record<string, number>> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000}

/**
 * Parses "10s", "500ms", "2m", "1.5s", "1h" or a plain number of milliseconds ("1500").
 * Anything else, zero or negative, is an InputError naming `source`.
 */
export function parseDuration(text: string, source: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(text.trim())
  if (!match) {
    throw new InputError(`"${text}" is not a duration (examples: 10s, 500ms, 2m, or a number of milliseconds)`, source)
  }

  const unit = (match[2] ?? 'ms').toLowerCase()
  const ms = Math.round(Number(match[1]) * (UNIT_MS[unit] ?? 1))
  if (!Number.isFinite(ms) || ms <= 0) throw new InputError(`duration "${text}" must be greater than zero`, source)
  return ms
}
