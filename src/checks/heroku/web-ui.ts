// Karafka Web UI topic settings against what the Web UI needs (KD705): cleanup policy, retention
// and partition count, each problem with the Heroku CLI command that fixes it.
import type {Status} from '../../diagnosis/finding.js'
import type {WebUiTopic} from '../../platforms/heroku/karafka.js'
import {type HerokuCli, herokuDuration} from '../../platforms/heroku/prefix.js'

export interface TopicSettings {
  partitions?: number
  /** cleanup.policy as the broker reports it, e.g. "delete" or "compact,delete". */
  cleanupPolicy?: string | null
  retentionMs?: number | null
}

export interface SettingProblem {
  status: Extract<Status, 'warn' | 'fail'>
  setting: 'cleanup.policy' | 'retention.ms' | 'partitions'
  summary: string
  commands: string[]
}

function policies(value: string | null | undefined): string[] {
  return (value ?? '').split(',').map((p) => p.trim().toLowerCase()).filter(Boolean)
}

const duration = (ms: number | null | undefined): string => (ms === undefined || ms === null ? 'unknown' : ms < 0 ? 'unlimited' : herokuDuration(ms))

/** What is wrong with one Web UI topic's settings (empty: what the Web UI needs). `bare` is its Heroku CLI name. */
export function judgeWebUiTopic(topic: WebUiTopic, actual: TopicSettings, bare: string, cli: HerokuCli): SettingProblem[] {
  const problems: SettingProblem[] = []
  const policy = policies(actual.cleanupPolicy)
  const retention = actual.retentionMs
  if (topic.cleanupPolicy === 'compact') {
    if (policy.length > 0 && !policy.includes('compact')) {
      problems.push({
        status: 'fail',
        setting: 'cleanup.policy',
        summary: `cleanup.policy=${policy.join(',')} with retention.ms=${retention ?? '?'} (${duration(retention)}): the Web UI keeps ${topic.holds} here as a compacted snapshot, which this deletes after ${duration(retention)}${topic.lostNotice ? ` ("${topic.lostNotice}")` : ''}; it needs cleanup.policy=compact`,
        commands: [cli.compaction(bare)],
      })
    } else if (policy.includes('delete') && retention !== undefined && retention !== null && retention >= 0) {
      problems.push({
        status: 'warn',
        setting: 'cleanup.policy',
        summary: `cleanup.policy=${policy.join(',')}: compacted, but still deleted after retention.ms=${retention} (${duration(retention)}) once nothing new is written (all processes stopped that long)`,
        commands: [cli.retentionTime(bare, 'disable')],
      })
    }
  } else {
    if (policy.includes('compact')) {
      problems.push({status: 'warn', setting: 'cleanup.policy', summary: `cleanup.policy=${policy.join(',')}: the Web UI creates this topic with cleanup.policy=delete`, commands: [cli.compaction(bare, false)]})
    }

    const wanted = topic.minRetentionMs
    if (wanted !== undefined && retention !== undefined && retention !== null && retention >= 0 && retention < wanted) {
      problems.push({
        status: 'warn',
        setting: 'retention.ms',
        summary: `retention.ms=${retention} (${duration(retention)}) is less than the ${duration(wanted)} the Web UI needs for ${topic.holds}`,
        commands: [cli.retentionTime(bare, wanted)],
      })
    }
  }

  if (topic.singlePartition && actual.partitions !== undefined && actual.partitions !== 1) {
    problems.push({
      status: 'fail',
      setting: 'partitions',
      summary: `${actual.partitions} partitions: the Web UI needs exactly 1, and a partition count cannot be lowered, so recreate the topic`,
      commands: [cli.topicsDestroy(bare), createCommand(topic, bare, cli)],
    })
  }

  return problems
}

/** How to create a Web UI topic on Heroku with the settings it needs. */
export function createCommand(topic: WebUiTopic, bare: string, cli: HerokuCli): string {
  return topic.cleanupPolicy === 'compact'
    ? cli.topicsCreate(bare, {partitions: 1, compaction: true})
    : cli.topicsCreate(bare, {partitions: 1, retentionMs: topic.minRetentionMs ?? topic.retentionMs})
}
