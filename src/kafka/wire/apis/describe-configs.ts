// DescribeConfigs (key 32), v1..v4. Field boundaries from Kafka's DescribeConfigsRequest/Response.json:
//   v1  include_synonyms, config_source, synonyms (is_default is v0 only)
//   v3  include_documentation, config_type, documentation
//   v4  first flexible version
// A BROKER resource needs DESCRIBE_CONFIGS on the cluster (CLUSTER_AUTHORIZATION_FAILED otherwise).

import {Reader, Writer} from '../codec.js'
import {readerFields, writerFields} from './fields.js'

export const DESCRIBE_CONFIGS_VERSIONS = {min: 1, max: 4} as const

/** org.apache.kafka.common.config.ConfigResource.Type */
export const ConfigResourceType = {TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8, CLIENT_METRICS: 16, GROUP: 32} as const

export interface DescribeConfigsResource {
  resourceType: number
  resourceName: string
  /** null = every key. */
  configurationKeys: readonly string[] | null
}

export interface DescribedConfig {
  name: string
  value: string | null
  readOnly: boolean
  configSource: number
  isSensitive: boolean
}

export interface DescribeConfigsResult {
  errorCode: number
  errorMessage: string | null
  resourceType: number
  resourceName: string
  configs: DescribedConfig[]
}

export function encodeDescribeConfigsRequest(version: number, req: {resources: readonly DescribeConfigsResource[]}): Buffer {
  const w = new Writer(64)
  const f = writerFields(w, version >= 4)
  f.array(req.resources, (res) => {
    w.int8(res.resourceType)
    f.str(res.resourceName)
    if (res.configurationKeys === null) {
      if (version >= 4) w.uvarint(0)
      else w.int32(-1)
    } else {
      f.array(res.configurationKeys, (k) => f.str(k))
    }
    f.tags()
  })
  w.bool(false) // include_synonyms
  if (version >= 3) w.bool(false) // include_documentation
  f.tags()
  return w.toBuffer()
}

export function decodeDescribeConfigsResponse(version: number): (r: Reader) => {throttleTimeMs: number; results: DescribeConfigsResult[]} {
  return (r) => {
    const f = readerFields(r, version >= 4)
    const throttleTimeMs = r.int32()
    const results = f.array((): DescribeConfigsResult => {
      const errorCode = r.int16()
      const errorMessage = f.nullableStr()
      const resourceType = r.int8()
      const resourceName = f.str()
      const configs = f.array((): DescribedConfig => {
        const name = f.str()
        const value = f.nullableStr()
        const readOnly = r.bool()
        const configSource = r.int8()
        const isSensitive = r.bool()
        f.array(() => {
          f.str()
          f.nullableStr()
          r.int8()
          f.tags()
        }, 3)
        if (version >= 3) {
          r.int8() // config_type
          f.nullableStr() // documentation
        }
        f.tags()
        return {name, value, readOnly, configSource, isSensitive}
      }, 5)
      f.tags()
      return {errorCode, errorMessage, resourceType, resourceName, configs}
    }, 6)
    f.tags()
    return {throttleTimeMs, results}
  }
}
