// The settings a run used, as the report lists them: every effective setting, its value (secrets
// masked, certificates summarised) and where it came from.

import type {SettingRecord} from '../diagnosis/finding.js'
import {MASK} from '../diagnosis/mask.js'
import type {ResolvedProperty} from './properties.js'

function shown(value: string): string {
  const certificates = value.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0
  if (certificates > 0) return `PEM, ${certificates} certificate${certificates === 1 ? '' : 's'}`
  return value
}

/**
 * The winning properties, plus the bootstrap list when it came from the environment or the default.
 * `opened`: secrets of the environment's layer that arrived already read (Heroku's key), listed with it.
 */
export function settingRecords(resolved: readonly ResolvedProperty[], bootstrap: {raw: string; source: string}, opened: readonly {key: string; source: string}[] = []): SettingRecord[] {
  const records: SettingRecord[] = []
  if (!resolved.some((p) => p.name === 'bootstrap.servers' && p.source === bootstrap.source)) {
    records.push({key: 'bootstrap.servers', value: bootstrap.raw, source: bootstrap.source})
  }

  const openedRecords = opened.map((o): SettingRecord => ({key: o.key, value: MASK, source: o.source, secret: true}))
  // The environment's layer comes first in `resolved`; the opened secrets close it.
  const envCount = resolved.filter((p) => p.origin === 'env').length
  for (const [index, prop] of resolved.entries()) {
    if (index === envCount) records.push(...openedRecords.splice(0))
    if (prop.name === 'bootstrap.servers' && prop.source !== bootstrap.source) continue
    records.push(prop.secret ? {key: prop.key, value: MASK, source: prop.source, secret: true} : {key: prop.key, value: shown(prop.value), source: prop.source})
  }

  records.push(...openedRecords)
  return records
}

/** The distinct places settings came from, in order, for the one-line heading ("karafka.rb, app.env, -X"). */
export function settingOrigins(records: readonly SettingRecord[]): string[] {
  const origins: string[] = []
  const originOf = (part: string): string => {
    if (part.startsWith('-X')) return '-X'
    if (part.startsWith('env ')) return 'env'
    if (part.startsWith('flag ')) return part.slice(5)
    const pid = /^pid (\d+)/.exec(part)
    if (pid) return `pid ${pid[1]}`
    return part.replace(/:\d+.*$/, '').replace(/ .*$/, '')
  }

  for (const {source} of records) {
    // "karafka.rb:12 via app.env:4, env KAFKA_USERNAME" names three places.
    for (const part of source.split(/ via |, /)) {
      const origin = originOf(part.trim())
      if (origin !== '' && !origins.includes(origin)) origins.push(origin)
    }
  }

  return origins
}
