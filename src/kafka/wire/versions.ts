// Picking request versions from the broker's ApiVersions answer: the highest version both sides
// speak. Never a hard-coded v0 — Kafka 4.0 removed many old versions (KIP-896).

import {apiName} from './api-keys.js'
import {NoCommonVersionError} from './errors.js'

export interface ApiVersionRange {
  apiKey: number
  minVersion: number
  maxVersion: number
}

/** Anything that carries the broker's ranges: the ApiVersions result itself or its `ranges`. */
export type BrokerVersions = readonly ApiVersionRange[] | {readonly ranges: readonly ApiVersionRange[]}

export function rangesOf(versions: BrokerVersions): readonly ApiVersionRange[] {
  return 'ranges' in versions ? versions.ranges : versions
}

export function brokerRange(versions: BrokerVersions, apiKey: number): ApiVersionRange | undefined {
  return rangesOf(versions).find((r) => r.apiKey === apiKey)
}

/** Highest common version, or undefined when there is none. */
export function highestCommonVersion(
  versions: BrokerVersions,
  apiKey: number,
  ours: {min: number; max: number},
): number | undefined {
  const range = brokerRange(versions, apiKey)
  if (!range) return undefined
  const top = Math.min(range.maxVersion, ours.max)
  const bottom = Math.max(range.minVersion, ours.min)
  return top >= bottom ? top : undefined
}

/** Like highestCommonVersion, but throws NoCommonVersionError with both ranges for the report. */
export function pickVersion(versions: BrokerVersions, apiKey: number, ours: {min: number; max: number}): number {
  const v = highestCommonVersion(versions, apiKey, ours)
  if (v === undefined) {
    const range = brokerRange(versions, apiKey)
    throw new NoCommonVersionError(
      apiKey,
      apiName(apiKey),
      ours,
      range && {min: range.minVersion, max: range.maxVersion},
    )
  }
  return v
}
