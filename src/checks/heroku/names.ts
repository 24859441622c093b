// Static naming checks: every topic and consumer group the app uses must start with KAFKA_PREFIX
// (KD701 topics, KD702 groups), with the corrected name and the name the Heroku CLI takes.
import {type Finding, finding} from '../../diagnosis/finding.js'
import type {WebUiTopic} from '../../platforms/heroku/karafka.js'
import {type HerokuCli, type NameVerdict, type ResourceKind, judgeName} from '../../platforms/heroku/prefix.js'

export interface NameToCheck {
  kind: ResourceKind
  /** The name as the app uses it. */
  name: string
  /** What it is, for messages: "topic", "consumer group", "Karafka group_id", "Web UI topic". */
  role: string
  /** Named by the user (checked against the prefix) or kdoctor's default (prefixed by construction). */
  given: boolean
  /** For topics: the partition count to create it with, when known. */
  partitions?: number
  webUi?: WebUiTopic
  /** The flag that names it, for kdoctor's defaults ("--admin-group"). */
  flag?: string
}

export const targetOf = (kind: ResourceKind, name: string): string => `${kind} ${name}`

const CODE = {topic: 'KD701', group: 'KD702'} as const

/** The code expression that gives the corrected name (Karafka/Ruby first). */
function inCode(bare: string): string {
  return `"#{ENV.fetch('KAFKA_PREFIX')}${bare}"`
}

/** One finding per name the user gave; kdoctor's own defaults are already prefixed and not repeated here. */
export function checkNames(names: readonly NameToCheck[], prefix: {value: string; source: string} | undefined, cli: HerokuCli): Finding[] {
  const given = names.filter((n) => n.given)
  if (given.length === 0) return []
  if (!prefix) {
    return [
      finding({
        check: 'heroku',
        target: 'names',
        status: 'skip',
        summary: `${given.length} name(s) not checked against a prefix: KAFKA_PREFIX is not set`,
        evidence: {names: given.map((n) => n.name)},
      }),
    ]
  }

  return given.map((n) => nameFinding(n, judgeName(n.name, prefix.value), prefix, cli))
}

function nameFinding(n: NameToCheck, verdict: NameVerdict, prefix: {value: string; source: string}, cli: HerokuCli): Finding {
  const target = targetOf(n.kind, n.name)
  const evidence = {role: n.role, name: n.name, corrected: verdict.corrected, herokuCliName: verdict.bare, prefix: prefix.value, prefixSource: prefix.source}
  if (verdict.status === 'prefixed') {
    return finding({check: 'heroku', target, status: 'pass', summary: `${n.role} ${n.name} carries KAFKA_PREFIX (the Heroku CLI calls it ${verdict.bare})`, evidence})
  }

  // Commands that show the truth; the live checks add the one that creates what is missing.
  const create = n.kind === 'topic' ? cli.topicsCreate(verdict.bare, n.partitions === undefined ? {} : {partitions: n.partitions}) : cli.consumerGroupsCreate(verdict.bare)
  if (verdict.status === 'doubled') {
    return finding({
      check: 'heroku',
      target,
      status: 'warn',
      code: CODE[n.kind],
      summary: `${n.role} ${n.name} carries the prefix twice: it was created with the prefix typed into the Heroku CLI; use ${verdict.corrected} and create it as ${verdict.bare} (${create})`,
      evidence: {...evidence, doubled: true, fix: `use ${inCode(verdict.bare)}`, command: create},
    })
  }

  const show = n.kind === 'topic' ? cli.topicsInfo(verdict.bare) : cli.consumerGroupsList()
  return finding({
    check: 'heroku',
    target,
    status: 'fail',
    code: CODE[n.kind],
    summary: `${n.role} ${n.name} lacks KAFKA_PREFIX "${prefix.value}": use ${verdict.corrected} (in Karafka ${inCode(verdict.bare)}); the Heroku CLI calls it ${verdict.bare} (${show})`,
    evidence: {...evidence, fix: `use ${inCode(verdict.bare)}`, command: show},
  })
}
