// Live checks (after connect's layers passed): do the prefixed topics and groups exist, does an
// unprefixed name fail the way Heroku makes it fail, and do the Karafka Web UI topics have the
// settings the Web UI needs. Side-effect free: Metadata, DescribeConfigs, DescribeGroups.
import type {ConnectionProfile} from '../../config/profile.js'
import {type Finding, type KdCode, finding} from '../../diagnosis/finding.js'
import {explainError} from '../../diagnosis/match.js'
import type {ClientErrorFacts, GroupLookup, TopicLookup} from '../../kafka/client.js'
import type {Deadline} from '../../core/deadline.js'
import {type HerokuCli, judgeName} from '../../platforms/heroku/prefix.js'
import {type NameToCheck, targetOf} from './names.js'
import {createCommand, judgeWebUiTopic} from './web-ui.js'

const WEB_UI_CONFIGS = ['cleanup.policy', 'retention.ms'] as const

/** One name as the app uses it, and the prefixed name it should be (the same when it already is). */
interface Subject {
  n: NameToCheck
  /** Name looked up as given, when it lacks the prefix (expected: denied). */
  unprefixed?: string
  /** The prefixed name (or the name itself when no prefix is in use). */
  proper: string
  /** Its Heroku CLI name. */
  bare: string
}

function subjectOf(n: NameToCheck, prefix: string | undefined): Subject {
  if (!prefix) return {n, proper: n.name, bare: n.name}
  const verdict = judgeName(n.name, prefix)
  return verdict.status === 'prefixed' ? {n, proper: n.name, bare: verdict.bare} : {n, unprefixed: n.name, proper: verdict.corrected, bare: verdict.bare}
}

function codeOf(error: ClientErrorFacts | undefined): {code: KdCode; evidence: Record<string, unknown>} {
  const explained = error ? explainError({name: error.name, type: error.type, code: error.code, message: error.message}) : undefined
  return {code: explained?.code ?? 'KD100', evidence: {error: error?.name, type: error?.type, errorCode: error?.code, message: error?.message, log: error?.log}}
}

/** The live checks did not run: --no-live, or KAFKA_URL gives no broker. */
export function liveChecksNotRun(live: boolean): Finding {
  const why = live ? 'KAFKA_URL gives no broker to connect to' : '--no-live: nothing was sent to the cluster'
  return finding({check: 'heroku', target: 'live checks', status: 'skip', summary: `not run: ${why}`})
}

/** connect's layers got no metadata answer, so no name was looked up. */
export function namesNotLookedUp(): Finding {
  return finding({check: 'heroku', target: 'topics and groups', status: 'skip', summary: 'not checked: no broker answered a metadata request (see the layers above)'})
}

/**
 * Looks every name up in one kafkajs admin session and turns the answers into findings: targets
 * "topic <name>" and "group <name>", each problem with the Heroku CLI command that fixes it.
 */
export async function checkLiveNames(
  profile: ConnectionProfile,
  deadline: Deadline,
  names: readonly NameToCheck[],
  prefix: string | undefined,
  cli: HerokuCli,
): Promise<Finding[]> {
  const subjects = names.map((n) => subjectOf(n, prefix))
  const topicQueries = new Map<string, readonly string[] | undefined>()
  const groupIds = new Set<string>()
  for (const s of subjects) {
    if (s.n.kind === 'group') {
      if (s.unprefixed) groupIds.add(s.unprefixed)
      groupIds.add(s.proper)
      continue
    }

    if (s.unprefixed && !topicQueries.has(s.unprefixed)) topicQueries.set(s.unprefixed, undefined)
    // Settings are read for the Web UI's topics only.
    if (!topicQueries.get(s.proper)) topicQueries.set(s.proper, s.n.webUi ? WEB_UI_CONFIGS : undefined)
  }

  const {lookupTopicsAndGroups} = await import('../../kafka/client.js')
  const result = await lookupTopicsAndGroups(profile, {timeoutMs: deadline.stepMs()}, {
    topics: [...topicQueries].map(([name, configs]) => ({name, ...(configs ? {configs} : {})})),
    groups: [...groupIds],
  })
  if (!result.ok) {
    const error = result.error as Error & {type?: string; code?: string}
    const {code, evidence} = codeOf({name: error?.name ?? 'Error', type: error?.type, code: error?.code, message: String(error?.message ?? error)})
    return [
      finding({check: 'heroku', target: 'topics and groups', status: 'fail', code, summary: `kafkajs could not look the topics and groups up: ${error?.message ?? error}`, evidence, durationMs: result.durationMs}),
    ]
  }

  const topics = new Map(result.value.topics.map((t) => [t.name, t]))
  const groups = new Map(result.value.groups.map((g) => [g.groupId, g]))
  const findings: Finding[] = []
  const done = new Set<string>()
  const emit = (target: string, make: () => Finding[]) => {
    if (done.has(target)) return
    done.add(target)
    findings.push(...make())
  }

  for (const s of subjects) {
    if (s.n.kind === 'topic') {
      if (s.unprefixed) emit(targetOf('topic', s.unprefixed), () => [unprefixedTopic(s, topics.get(s.unprefixed!), topics.get(s.proper), cli)])
      emit(targetOf('topic', s.proper), () => properTopic(s, topics.get(s.proper), prefix, cli))
    } else {
      if (s.unprefixed) emit(targetOf('group', s.unprefixed), () => [unprefixedGroup(s, groups.get(s.unprefixed!), groups.get(s.proper), cli)])
      emit(targetOf('group', s.proper), () => [properGroup(s, groups.get(s.proper), prefix, cli)])
    }
  }

  return findings
}

function heroku(target: string, status: Finding['status'], summary: string, evidence: Record<string, unknown>, code?: KdCode): Finding {
  return finding({check: 'heroku', target, status, summary, evidence, ...(code ? {code} : {})})
}

/** The command that makes the prefixed topic usable: create it when missing, else show it. */
function topicCommand(s: Subject, proper: TopicLookup | undefined, cli: HerokuCli): string {
  if (proper?.outcome !== 'missing') return cli.topicsInfo(s.bare)
  return s.n.webUi ? createCommand(s.n.webUi, s.bare, cli) : cli.topicsCreate(s.bare, s.n.partitions === undefined ? {} : {partitions: s.n.partitions})
}

function unprefixedTopic(s: Subject, asGiven: TopicLookup | undefined, proper: TopicLookup | undefined, cli: HerokuCli): Finding {
  const name = s.unprefixed!
  const target = targetOf('topic', name)
  const command = topicCommand(s, proper, cli)
  const hint = `add the prefix: ${s.proper}`
  const evidence = {role: s.n.role, corrected: s.proper, hint, command}
  switch (asGiven?.outcome) {
    case 'denied':
      return heroku(target, 'fail', `${s.n.role} ${name}: topic authorization failed, as Heroku answers every name outside the add-on's prefix; ${hint} (${command})`, {...evidence, error: asGiven.error?.type}, 'KD601')
    case 'missing':
      return heroku(target, 'fail', `${s.n.role} ${name} does not exist; on Heroku its name carries the prefix: ${s.proper} (${command})`, {...evidence, error: asGiven.error?.type}, 'KD701')
    case 'exists':
      return heroku(target, 'info', `${s.n.role} ${name} exists and may be read without the prefix (not a multi-tenant Heroku cluster?)`, {...evidence, partitions: asGiven.partitions})
    default: {
      const {code, evidence: why} = codeOf(asGiven?.error)
      return heroku(target, 'fail', `${s.n.role} ${name} could not be looked up: ${asGiven?.error?.message ?? 'no answer'}`, {...evidence, ...why}, code)
    }
  }
}

function properTopic(s: Subject, lookup: TopicLookup | undefined, prefix: string | undefined, cli: HerokuCli): Finding[] {
  const name = s.proper
  const target = targetOf('topic', name)
  const role = s.n.webUi ? 'Web UI topic' : s.n.role
  const base = {role, herokuCliName: s.bare}
  switch (lookup?.outcome) {
    case 'missing': {
      const command = topicCommand(s, lookup, cli)
      if (s.n.webUi) {
        const status = s.n.webUi.required ? 'fail' : 'warn'
        return [heroku(target, status, `${role} ${name} does not exist: the Web UI keeps ${s.n.webUi.holds} there and Heroku does not create topics on first use (${command})`, {...base, command, required: s.n.webUi.required}, 'KD706')]
      }

      return [heroku(target, 'fail', `${role} ${name} does not exist, and Heroku does not create topics on first use (${command})`, {...base, command}, 'KD506')]
    }

    case 'denied': {
      const command = cli.topicsInfo(s.bare)
      const why = prefix ? "although it carries the prefix: are KAFKA_PREFIX and the client certificate from the same add-on?" : 'this principal may not use it'
      return [heroku(target, 'fail', `${role} ${name}: topic authorization failed ${why} (${command})`, {...base, command, error: lookup.error?.type}, 'KD601')]
    }

    case 'exists':
      return existingTopic(s, lookup, target, base, cli)
    default: {
      const {code, evidence} = codeOf(lookup?.error)
      return [heroku(target, 'fail', `${role} ${name} could not be looked up: ${lookup?.error?.message ?? 'no answer'}`, {...base, ...evidence}, code)]
    }
  }
}

function existingTopic(s: Subject, lookup: TopicLookup, target: string, base: Record<string, unknown>, cli: HerokuCli): Finding[] {
  const shape = `${lookup.partitions} partition${lookup.partitions === 1 ? '' : 's'}, replication factor ${lookup.replicationFactor}`
  const facts = {...base, partitions: lookup.partitions, replicationFactor: lookup.replicationFactor}
  const web = s.n.webUi
  if (!web) return [heroku(target, 'pass', `${s.n.role} ${s.proper} exists (${shape})`, facts)]
  if (lookup.configError) {
    const {code, evidence} = codeOf(lookup.configError)
    return [heroku(target, 'warn', `Web UI topic ${s.proper} exists (${shape}), but its settings could not be read: ${lookup.configError.message}`, {...facts, ...evidence}, code)]
  }

  const policy = lookup.configs?.['cleanup.policy']?.value ?? null
  const retentionText = lookup.configs?.['retention.ms']?.value
  const retentionMs = retentionText === undefined || retentionText === null ? null : Number(retentionText)
  const settings = {...facts, cleanupPolicy: policy, retentionMs, wanted: {cleanupPolicy: web.cleanupPolicy, retentionMs: web.retentionMs, partitions: web.singlePartition ? 1 : undefined}}
  const problems = judgeWebUiTopic(web, {partitions: lookup.partitions, cleanupPolicy: policy, retentionMs}, s.bare, cli)
  if (problems.length === 0) {
    return [heroku(target, 'pass', `Web UI topic ${s.proper}: cleanup.policy=${policy}, retention.ms=${retentionMs}, ${shape}: what the Web UI needs`, settings)]
  }

  return problems.map((p) => heroku(target, p.status, `Web UI topic ${s.proper}: ${p.summary} (${p.commands.join(' && ')})`, {...settings, setting: p.setting, command: p.commands.join(' && ')}, 'KD705'))
}

function describeGroup(g: GroupLookup): string {
  return `state ${g.state}, ${g.members} member${g.members === 1 ? '' : 's'}`
}

function groupCommand(s: Subject, proper: GroupLookup | undefined, cli: HerokuCli): string {
  return proper?.outcome === 'missing' ? cli.consumerGroupsCreate(s.bare) : cli.consumerGroupsList()
}

function unprefixedGroup(s: Subject, asGiven: GroupLookup | undefined, proper: GroupLookup | undefined, cli: HerokuCli): Finding {
  const name = s.unprefixed!
  const target = targetOf('group', name)
  const command = groupCommand(s, proper, cli)
  const hint = `add the prefix: ${s.proper}`
  const evidence = {role: s.n.role, corrected: s.proper, hint, command}
  switch (asGiven?.outcome) {
    case 'denied':
      return heroku(target, 'fail', `${s.n.role} ${name}: group authorization failed, as Heroku answers every group outside the add-on's prefix; ${hint} (${command})`, {...evidence, log: asGiven.error?.log}, 'KD602')
    case 'missing':
    case 'exists':
      return heroku(target, 'info', `${s.n.role} ${name} may be described without the prefix (${describeGroup(asGiven)}; not a multi-tenant Heroku cluster?)`, {...evidence, state: asGiven.state})
    default: {
      const {code, evidence: why} = codeOf(asGiven?.error)
      return heroku(target, 'fail', `${s.n.role} ${name} could not be looked up: ${asGiven?.error?.message ?? 'no answer'}`, {...evidence, ...why}, code)
    }
  }
}

function properGroup(s: Subject, lookup: GroupLookup | undefined, prefix: string | undefined, cli: HerokuCli): Finding {
  const name = s.proper
  const target = targetOf('group', name)
  const base = {role: s.n.role, herokuCliName: s.bare, ...(s.n.given ? {} : {defaulted: true})}
  const defaulted = s.n.given ? '' : ` (kdoctor's default name; if the app uses another, give it with ${s.n.flag ?? '--group'})`
  switch (lookup?.outcome) {
    case 'exists':
      return heroku(target, 'pass', `${s.n.role} ${name} exists (${describeGroup(lookup)})`, {...base, state: lookup.state, members: lookup.members})
    case 'missing': {
      if (!prefix) {
        return heroku(target, 'info', `${s.n.role} ${name} holds no state yet (dedicated plans create groups on first use)`, {...base, state: lookup.state})
      }

      const command = cli.consumerGroupsCreate(s.bare)
      return heroku(target, 'fail', `${s.n.role} ${name} was not created: Heroku's multi-tenant plans need every group created before use, under its name without the prefix (${command})${defaulted}`, {...base, state: lookup.state, command}, 'KD703')
    }

    case 'denied': {
      const command = cli.consumerGroupsList()
      const why = prefix ? 'although it carries the prefix: are KAFKA_PREFIX and the client certificate from the same add-on?' : 'this principal may not use it'
      return heroku(target, 'fail', `${s.n.role} ${name}: group authorization failed ${why} (${command})`, {...base, command, log: lookup.error?.log}, 'KD602')
    }

    default: {
      const {code, evidence} = codeOf(lookup?.error)
      return heroku(target, 'fail', `${s.n.role} ${name} could not be looked up: ${lookup?.error?.message ?? 'no answer'}`, {...base, ...evidence}, code)
    }
  }
}
