// The lines --watch prints as it goes (human output only; --json keeps them in the evidence).

import type {ChalkInstance} from 'chalk'

import {escapeTerminal} from '../core/escape.js'
import type {Transition} from '../liveness/watch.js'
import {makeChalk} from './colour.js'

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

export function watchHeading(url: string, watchMs: number, intervalMs: number, chalk: ChalkInstance = makeChalk()): string {
  return chalk.bold(`Watching ${escapeTerminal(url)} for ${seconds(watchMs)}, every ${seconds(intervalMs)}`) + '\n'
}

/** "12:03:05.123Z  healthy → unhealthy (polling_ttl_exceeded) [KD802]" */
export function renderTransition(transition: Transition, chalk: ChalkInstance = makeChalk()): string {
  const time = chalk.dim(transition.at.slice(11))
  const to = transition.to === 'healthy' ? chalk.green(transition.to) : chalk.red(transition.to)
  const codes = transition.codes.length > 0 ? chalk.dim(` [${transition.codes.join(', ')}]`) : ''
  const change = transition.from === null ? to : `${transition.from} → ${to}`
  return `  ${time}  ${change}${codes}\n`
}
