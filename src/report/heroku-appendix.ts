import type {HerokuSummary} from '../plans/heroku-prefix.js'
import {makeChalk} from './explain-text.js'
import {escapeTerminal} from '../core/escape.js'

/** After the checklist: the Heroku CLI commands in one block, then the Karafka settings. */
export function renderHerokuAppendix(summary: HerokuSummary): string {
  const c = makeChalk()
  const lines: string[] = []
  if (summary.commands.length > 0) {
    lines.push('', c.bold('Heroku CLI commands for the problems above') + c.dim(summary.app ? '' : "  (run in the app's directory, or add -a <app>)"))
    for (const command of summary.commands) lines.push(`  ${escapeTerminal(command)}`)
  }

  lines.push('', c.bold('Karafka settings for this app') + c.dim('  (config/karafka.rb; values are read from the config vars at boot)'))
  for (const line of summary.karafka.snippet.trimEnd().split('\n')) lines.push(line === '' ? '' : `  ${escapeTerminal(line)}`)
  return lines.join('\n') + '\n'
}
