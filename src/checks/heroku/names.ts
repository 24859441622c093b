// Static naming checks: every topic and consumer group the app uses must start with KAFKA_PREFIX
// (KD701 topics, KD702 groups), with the corrected name and the name the Heroku CLI takes.
import {type Finding, finding} from '../../diagnosis/finding.js'
import {KARAFKA_GROUPS, WEB_UI_TOPICS, type WebUiTopic} from '../../platforms/heroku/karafka.js'
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

/** The names a run checks: the user's topics and groups, and which of Karafka's own to add. */
export interface NameChoices {
  topics: readonly {name: string; partitions?: number}[]
  groups: readonly string[]
  /** Karafka's names as the app configures them; undefined: the prefixed defaults. */
  groupId?: string
  adminGroup?: string
  webGroup?: string
  /** Karafka's consumer groups (group_id, admin). */
  karafka: boolean
  /** The Web UI's group and topics. */
  webUi: boolean
}

/** Every name to check: the user's, then Karafka's and the Web UI's (prefixed defaults unless named). */
export function namesToCheck(input: NameChoices, prefix: string | undefined): NameToCheck[] {
  const p = prefix ?? ''
  const names: NameToCheck[] = [
    ...input.topics.map((t) => ({kind: 'topic' as const, name: t.name, role: 'topic', given: true, ...(t.partitions === undefined ? {} : {partitions: t.partitions})})),
    ...input.groups.map((g) => ({kind: 'group' as const, name: g, role: 'consumer group', given: true})),
  ]
  const karafkaGroup = (name: string | undefined, fallback: string, role: string, flag: string): NameToCheck => ({kind: 'group', name: name ?? p + fallback, role, given: name !== undefined, flag})
  if (input.karafka) {
    names.push(
      karafkaGroup(input.groupId, KARAFKA_GROUPS.app, 'Karafka group_id', '--group-id'),
      karafkaGroup(input.adminGroup, KARAFKA_GROUPS.admin, 'Karafka admin group', '--admin-group'),
    )
  }

  if (input.webUi) {
    names.push(karafkaGroup(input.webGroup, KARAFKA_GROUPS.web, 'Web UI group', '--web-group'))
    for (const topic of WEB_UI_TOPICS) names.push({kind: 'topic', name: p + topic.name, role: 'Web UI topic', given: false, partitions: 1, webUi: topic})
  }

  // The same name twice (a --group that is also the group_id) is checked once, under its first
  // role; a --topic that is a Web UI topic keeps the Web UI's settings check.
  const unique = new Map<string, NameToCheck>()
  for (const n of names) {
    const key = `${n.kind} ${n.name}`
    const seen = unique.get(key)
    if (!seen) unique.set(key, n)
    else if (n.webUi && !seen.webUi) unique.set(key, {...seen, webUi: n.webUi, partitions: n.partitions})
  }

  return [...unique.values()]
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
