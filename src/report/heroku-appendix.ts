import type {ChalkInstance} from 'chalk'

import {escapeTerminal, markdownCodeBlock} from '../core/escape.js'
import type {HerokuSummary} from '../checks/heroku/summary.js'
import {makeChalk} from './colour.js'
import type {Block} from './view.js'

/** After the checklist: the Heroku CLI commands in one block, then the Karafka settings. */
export function renderHerokuAppendix(summary: HerokuSummary, c: ChalkInstance = makeChalk()): string {
  const lines: string[] = []
  if (summary.commands.length > 0) {
    lines.push('', c.bold('Heroku CLI commands for the problems above') + c.dim(summary.app ? '' : "  (run in the app's directory, or add -a <app>)"))
    for (const command of summary.commands) lines.push(`  ${escapeTerminal(command)}`)
  }

  lines.push('', c.bold('Karafka settings for this app') + c.dim('  (config/karafka.rb; values are read from the config vars at boot)'))
  for (const line of summary.karafka.snippet.trimEnd().split('\n')) lines.push(line === '' ? '' : `  ${escapeTerminal(line)}`)
  return lines.join('\n') + '\n'
}

export function renderHerokuAppendixMarkdown(summary: HerokuSummary): string {
  const out: string[] = []
  if (summary.commands.length > 0) out.push('## Heroku CLI commands for the problems above', '', markdownCodeBlock(summary.commands.join('\n'), 'sh'), '')
  out.push('## Karafka settings for this app', '', "`config/karafka.rb`; values are read from the config vars at boot.", '', markdownCodeBlock(summary.karafka.snippet.trimEnd(), 'ruby'), '')
  return out.join('\n')
}

export function herokuAppendixBlock(summary: HerokuSummary): Block {
  return {terminal: (c) => renderHerokuAppendix(summary, c), markdown: () => renderHerokuAppendixMarkdown(summary)}
}
