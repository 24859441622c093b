// ApiVersions (key 18). v3+ is flexible and carries the client's software name/version (KIP-511).
// A broker that does not know our version answers UNSUPPORTED_VERSION in the v0 body layout with
// its own ApiVersions range, so the error code is read first and the layout chosen after it.

import {ApiKey} from '../api-keys.js'
import {Reader, Writer} from '../codec.js'
import type {ProbeConnection} from '../connection.js'
import {KafkaErrorCode, kafkaErrorName} from '../error-codes.js'
import {FIRST_RESPONSE_SANE_BYTES} from '../sniff.js'
import type {ApiVersionRange} from '../versions.js'

/** v3: the first flexible version, accepted by every broker since Kafka 2.4 and by 4.x. */
export const API_VERSIONS_PREFERRED_VERSION = 3
export const API_VERSIONS_MAX_IMPLEMENTED = 4

export interface SupportedFeature {
  name: string
  minVersion: number
  maxVersion: number
}

export interface FinalizedFeature {
  name: string
  minVersionLevel: number
  maxVersionLevel: number
}

export interface ApiVersionsResponse {
  errorCode: number
  ranges: ApiVersionRange[]
  /** The body layout actually decoded (0 when the broker fell back to v0 on error 35). */
  bodyVersion: number
  throttleTimeMs?: number
  supportedFeatures?: SupportedFeature[]
  finalizedFeaturesEpoch?: bigint
  finalizedFeatures?: FinalizedFeature[]
  zkMigrationReady?: boolean
}

export interface ClientSoftware {
  name: string
  version: string
}

// Kafka rejects (INVALID_REQUEST) names outside this pattern (ApiVersionsRequest.isValid).
const SOFTWARE_PATTERN = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/

export function sanitizeSoftwareField(s: string): string {
  const cleaned = s.replace(/[^a-zA-Z0-9\-.]/g, '-').replace(/^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$/g, '')
  return SOFTWARE_PATTERN.test(cleaned) ? cleaned : 'unknown'
}

export function encodeApiVersionsRequest(version: number, software: ClientSoftware): Buffer {
  const w = new Writer(64)
  if (version >= 3) {
    w.compactString(sanitizeSoftwareField(software.name))
    w.compactString(sanitizeSoftwareField(software.version))
    w.taggedFields()
  }
  return w.toBuffer()
}

export function decodeApiVersionsResponse(version: number): (r: Reader) => ApiVersionsResponse {
  return (r) => {
    const errorCode = r.int16()
    if (errorCode === KafkaErrorCode.UNSUPPORTED_VERSION && version > 0) {
      return {errorCode, ranges: r.array(readRangeV0, 6), bodyVersion: 0}
    }
    if (version < 3) {
      const ranges = r.array(readRangeV0, 6)
      const out: ApiVersionsResponse = {errorCode, ranges, bodyVersion: version}
      if (version >= 1) out.throttleTimeMs = r.int32()
      return out
    }
    const ranges = r.compactArray((x) => {
      const range = readRangeV0(x)
      x.taggedFields()
      return range
    }, 7)
    const out: ApiVersionsResponse = {errorCode, ranges, bodyVersion: version, throttleTimeMs: r.int32()}
    r.taggedFields({
      0: (t) => {
        out.supportedFeatures = t.compactArray((x) => {
          const f = {name: x.compactString(), minVersion: x.int16(), maxVersion: x.int16()}
          x.taggedFields()
          return f
        })
      },
      1: (t) => {
        out.finalizedFeaturesEpoch = t.int64()
      },
      2: (t) => {
        out.finalizedFeatures = t.compactArray((x) => {
          const f = {name: x.compactString(), maxVersionLevel: x.int16(), minVersionLevel: x.int16()}
          x.taggedFields()
          return {name: f.name, minVersionLevel: f.minVersionLevel, maxVersionLevel: f.maxVersionLevel}
        })
      },
      3: (t) => {
        out.zkMigrationReady = t.bool()
      },
    })
    return out
  }
}

function readRangeV0(r: Reader): ApiVersionRange {
  return {apiKey: r.int16(), minVersion: r.int16(), maxVersion: r.int16()}
}

export interface ApiVersionsAttempt {
  version: number
  errorCode: number
  durationMs: number
  firstBytesHex: string
}

export interface ApiVersionsResult {
  errorCode: number
  errorName: string
  /** The request version that produced `ranges`. */
  version: number
  ranges: ApiVersionRange[]
  throttleTimeMs?: number
  supportedFeatures?: SupportedFeature[]
  finalizedFeatures?: FinalizedFeature[]
  finalizedFeaturesEpoch?: number
  /** One entry per request sent (two when the broker asked us to step down a version). */
  attempts: ApiVersionsAttempt[]
  durationMs: number
  firstBytesHex: string
}

export interface ApiVersionsOptions {
  timeoutMs: number
  software?: ClientSoftware
  /** First version to try (default 3). Tests use it to walk every version or force the fallback. */
  version?: number
}

/**
 * Ask for the broker's API ranges: v3 first; on UNSUPPORTED_VERSION, once more at the highest
 * version the broker says it accepts (v0 when it is too old to say). Protocol-level negotiation,
 * not a retry: a network failure is thrown as WireError straight away.
 */
export async function requestApiVersions(conn: ProbeConnection, options: ApiVersionsOptions): Promise<ApiVersionsResult> {
  const software = options.software ?? {name: 'kdoctor', version: 'unknown'}
  const attempts: ApiVersionsAttempt[] = []
  let version = options.version ?? API_VERSIONS_PREFERRED_VERSION
  for (;;) {
    const reply = await conn.send(ApiKey.ApiVersions, version, encodeApiVersionsRequest(version, software), decodeApiVersionsResponse(version), {
      timeoutMs: options.timeoutMs,
      maxResponseBytes: FIRST_RESPONSE_SANE_BYTES,
    })
    const body = reply.value
    attempts.push({version, errorCode: body.errorCode, durationMs: reply.durationMs, firstBytesHex: reply.firstBytesHex})
    if (body.errorCode === KafkaErrorCode.UNSUPPORTED_VERSION && attempts.length === 1) {
      const own = body.ranges.find((r) => r.apiKey === ApiKey.ApiVersions)
      const next = own ? Math.min(own.maxVersion, API_VERSIONS_MAX_IMPLEMENTED) : 0
      if (next < version) {
        version = next
        continue
      }
    }
    const result: ApiVersionsResult = {
      errorCode: body.errorCode,
      errorName: kafkaErrorName(body.errorCode),
      version,
      ranges: body.ranges,
      attempts,
      durationMs: attempts.reduce((sum, a) => sum + a.durationMs, 0),
      firstBytesHex: reply.firstBytesHex,
    }
    if (body.throttleTimeMs !== undefined) result.throttleTimeMs = body.throttleTimeMs
    if (body.supportedFeatures) result.supportedFeatures = body.supportedFeatures
    if (body.finalizedFeatures) result.finalizedFeatures = body.finalizedFeatures
    if (body.finalizedFeaturesEpoch !== undefined) result.finalizedFeaturesEpoch = Number(body.finalizedFeaturesEpoch)
    return result
  }
}
