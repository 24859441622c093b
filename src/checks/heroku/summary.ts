// What heroku-prefix found beyond its findings (the prefix, the Heroku CLI commands, the Karafka
// settings): a result type below the plan, for the renderers and the doctor plan.

import type {KafkaSetting} from '../../platforms/heroku/karafka.js'

export interface HerokuSummary {
  prefix: string | null
  app: string | null
  /** Every Heroku CLI command the findings recommend, once each, in order. */
  commands: string[]
  karafka: {snippet: string; kafka: KafkaSetting[]}
}
