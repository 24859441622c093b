// What acl-check is asked about: topics, groups and transactional ids as the user names them
// (repeatable or comma-separated; `orders.*` = every name starting with `orders.`, `*` = any
// name), the cluster, and which operations. Names the broker would reject are refused up front.

import {InputError} from '../../core/input-error.js'
import {PROBE_SUFFIX} from '../../kafka/acl-probes.js'

export type ResourceKind = 'topic' | 'group' | 'cluster' | 'transactional-id'
/** literal: one name; prefixed: every name starting with `name`; wildcard: Kafka's `*`. */
export type PatternKind = 'literal' | 'prefixed' | 'wildcard'

export interface AclResource {
  kind: ResourceKind
  /** The literal name, the prefix (for prefixed), or `*`. */
  name: string
  pattern: PatternKind
  /** The name the probes use: the name itself, or a made-up name under the prefix. */
  probeName: string
  /** "topic alice.orders", "topic orders.* (prefixed)", "cluster". */
  label: string
}

/** Never a real topic or group; keeps probes for prefixes and wildcards recognisable in broker logs. */
export const CLUSTER_RESOURCE: AclResource = {kind: 'cluster', name: 'kafka-cluster', pattern: 'literal', probeName: 'kafka-cluster', label: 'cluster'}

const KIND_WORD: Record<ResourceKind, string> = {topic: 'topic', group: 'group', cluster: 'cluster', 'transactional-id': 'transactional id'}
const LEGAL_TOPIC = /^[a-zA-Z0-9._-]+$/
const MAX_TOPIC_LENGTH = 249

/** "a,b" "c" → [a, b, c]: trimmed, empty entries dropped, duplicates removed in order. */
export function splitNames(values: readonly string[] | undefined): string[] {
  const out: string[] = []
  for (const value of values ?? []) {
    for (const part of value.split(',')) {
      const name = part.trim()
      if (name && !out.includes(name)) out.push(name)
    }
  }
  return out
}

/** The names given on the command line, else the app's own (karafka.rb routing, Spring group-id). */
export function namesOrApp(flag: readonly string[] | undefined, app: readonly {value: string}[]): string[] | undefined {
  return flag ? [...flag] : app.length > 0 ? app.map((name) => name.value) : undefined
}

export function parseResources(kind: Exclude<ResourceKind, 'cluster'>, values: readonly string[] | undefined, flag: string): AclResource[] {
  // An empty name ('' or ',') would silently check nothing: say so instead.
  for (const value of values ?? []) {
    if (splitNames([value]).length === 0) throw new InputError(`${flag} is empty: name a ${KIND_WORD[kind]} (or leave the flag out)`, `flag ${flag}`)
  }

  return splitNames(values).map((raw) => {
    const word = KIND_WORD[kind]
    if (raw === '*') {
      return {kind, name: '*', pattern: 'wildcard', probeName: `${PROBE_SUFFIX}-any`, label: `${word} * (any)`}
    }
    const prefixed = raw.endsWith('*')
    const name = prefixed ? raw.slice(0, -1) : raw
    if (name.includes('*')) throw new InputError(`"${raw}": only a trailing * is understood (a prefix), as in orders.*`, `flag ${flag}`)
    if (kind === 'topic') checkTopicName(prefixed ? `${name}${PROBE_SUFFIX}` : name, raw, flag)
    return prefixed
      ? {kind, name, pattern: 'prefixed', probeName: `${name}${PROBE_SUFFIX}`, label: `${word} ${raw} (prefixed)`}
      : {kind, name, pattern: 'literal', probeName: name, label: `${word} ${name}`}
  })
}

function checkTopicName(name: string, raw: string, flag: string): void {
  if (name === '.' || name === '..') throw new InputError(`"${raw}" is not a valid topic name`, `flag ${flag}`)
  if (!LEGAL_TOPIC.test(name)) throw new InputError(`"${raw}" is not a valid topic name: Kafka allows only letters, digits, ".", "_" and "-"`, `flag ${flag}`)
  if (name.length > MAX_TOPIC_LENGTH) throw new InputError(`"${raw}" is longer than Kafka's ${MAX_TOPIC_LENGTH}-character limit for topic names`, `flag ${flag}`)
}
