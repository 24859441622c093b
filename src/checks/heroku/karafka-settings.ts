// The Karafka settings heroku-prefix hands the user (KD304): config.kafka from Heroku's variables,
// every name written as KAFKA_PREFIX + the name without it, whatever form it was given in.
import {type Finding, finding} from '../../diagnosis/finding.js'
import {KARAFKA_GROUPS, type KafkaSetting, karafkaKafkaSettings, karafkaSnippet} from '../../platforms/heroku/karafka.js'
import {judgeName} from '../../platforms/heroku/prefix.js'
import type {NameChoices} from './names.js'

export interface KarafkaSettings {
  snippet: string
  kafka: KafkaSetting[]
  finding: Finding
}

/** `brokers`: KAFKA_URL's entries without the scheme (none when it gives no usable broker). */
export function karafkaSettings(names: NameChoices, prefix: string | undefined, brokers: readonly string[]): KarafkaSettings {
  const bareOf = (name: string | undefined, fallback: string) => (name === undefined ? fallback : prefix ? judgeName(name, prefix).bare : name)
  const snippet = karafkaSnippet({
    ...(prefix ? {prefix} : {}),
    groupId: bareOf(names.groupId, KARAFKA_GROUPS.app),
    adminGroup: bareOf(names.adminGroup, KARAFKA_GROUPS.admin),
    webGroup: bareOf(names.webGroup, KARAFKA_GROUPS.web),
    topics: names.topics.map((t) => bareOf(t.name, t.name)),
    webUi: names.webUi,
  })
  const kafka = karafkaKafkaSettings(brokers.length > 0 ? brokers.join(',') : undefined)
  return {
    snippet,
    kafka,
    finding: finding({
      check: 'heroku',
      target: 'Karafka settings',
      status: 'info',
      code: 'KD304',
      summary:
        "config.kafka from these variables (printed below): kafka+ssl:// stripped from KAFKA_URL, certificates read from the variables at boot, and ssl.endpoint.identification.algorithm=none because Heroku's broker certificates do not name their hosts; the CA check stays on",
      evidence: {snippet, kafka},
    }),
  }
}
