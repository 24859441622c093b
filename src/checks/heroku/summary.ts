// What heroku-prefix found beyond its findings (the prefix, the Heroku CLI commands, the Karafka
// settings): a result type below the plan, for the renderers and the doctor plan.

import type {Finding} from '../../diagnosis/finding.js'
import type {KafkaSetting} from '../../platforms/heroku/karafka.js'

export interface HerokuSummary {
  prefix: string | null
  app: string | null
  /** Every Heroku CLI command the findings recommend, once each, in order. */
  commands: string[]
  karafka: {snippet: string; kafka: KafkaSetting[]}
}

/** The Heroku CLI commands of the problems (fail, warn), once each, in the findings' order. */
export function herokuCommands(findings: readonly Finding[]): string[] {
  const commands = findings
    .filter((f) => f.status === 'fail' || f.status === 'warn')
    .flatMap((f) => {
      const command = (f.evidence as {command?: unknown}).command
      return typeof command === 'string' && command.startsWith('heroku ') ? command.split(' && ') : []
    })
  return [...new Set(commands)]
}
