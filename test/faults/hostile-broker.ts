// A loopback "broker" that answers ApiVersions and Metadata with whatever a test crafts: addresses
// no broker can have, impossible ports, escape bytes, 100,000 brokers. A real broker cannot be
// made to say these things, so this is a fault server; it encodes with the project's own codec.
import {type Socket, createServer} from 'node:net'

import {Reader, Writer, writeResponseHeader} from '../../src/kafka/wire/codec.js'
import type {MetadataResponse} from '../../src/kafka/wire/apis/metadata.js'
import {type FaultServer, serve} from './servers.js'

export interface VersionRange {
  apiKey: number
  minVersion: number
  maxVersion: number
}

/** ApiVersions 0-3, Metadata 4-12: what this server claims to speak. */
export const HOSTILE_VERSIONS: VersionRange[] = [
  {apiKey: 18, minVersion: 0, maxVersion: 3},
  {apiKey: 3, minVersion: 4, maxVersion: 12},
]

/** ApiVersions response body, any version (its header is always v0). */
export function encodeApiVersionsResponse(version: number, ranges: VersionRange[] = HOSTILE_VERSIONS): Buffer {
  const w = new Writer(128)
  const flexible = version >= 3
  w.int16(0)
  const write = (x: Writer, r: VersionRange) => {
    x.int16(r.apiKey).int16(r.minVersion).int16(r.maxVersion)
    if (flexible) x.taggedFields()
  }
  if (flexible) w.compactArray(ranges, write)
  else w.array(ranges, write)
  if (version >= 1) w.int32(0)
  if (flexible) w.taggedFields()
  return w.toBuffer()
}

/** Metadata response body for v4..v12, the mirror of decodeMetadataResponse. */
export function encodeMetadataResponse(version: number, m: MetadataResponse): Buffer {
  const flexible = version >= 9
  const w = new Writer(1024)
  const str = (x: Writer, s: string) => (flexible ? x.compactString(s) : x.string(s))
  const nstr = (x: Writer, s: string | null) => (flexible ? x.compactNullableString(s) : x.nullableString(s))
  const arr = <T>(x: Writer, items: readonly T[], write: (x: Writer, item: T) => void) => (flexible ? x.compactArray(items, write) : x.array(items, write))
  const tags = (x: Writer) => {
    if (flexible) x.taggedFields()
  }
  w.int32(m.throttleTimeMs)
  arr(w, m.brokers, (x, b) => {
    x.int32(b.nodeId)
    str(x, b.host)
    x.int32(b.port)
    nstr(x, b.rack)
    tags(x)
  })
  nstr(w, m.clusterId)
  w.int32(m.controllerId)
  arr(w, m.topics, (x, t) => {
    x.int16(t.errorCode)
    if (version >= 12) nstr(x, t.name)
    else str(x, t.name ?? '')
    if (version >= 10) x.uuid(t.topicId ?? 'AAAAAAAAAAAAAAAAAAAAAA')
    x.bool(t.isInternal)
    arr(x, t.partitions, (y, p) => {
      y.int16(p.errorCode).int32(p.partitionIndex).int32(p.leaderId)
      if (version >= 7) y.int32(p.leaderEpoch ?? 0)
      arr(y, p.replicaNodes, (z, n) => z.int32(n))
      arr(y, p.isrNodes, (z, n) => z.int32(n))
      if (version >= 5) arr(y, p.offlineReplicas ?? [], (z, n) => z.int32(n))
      tags(y)
    })
    if (version >= 8) x.int32(t.topicAuthorizedOperations ?? -2_147_483_648)
    tags(x)
  })
  if (version >= 8 && version <= 10) w.int32(m.clusterAuthorizedOperations ?? -2_147_483_648)
  tags(w)
  return w.toBuffer()
}

export interface HostileAnswers {
  /** The Metadata answer; built per request version. */
  metadata: (port: number) => MetadataResponse
  /** Replace the ApiVersions answer entirely (raw body bytes). */
  apiVersions?: (version: number) => Buffer
  /** Host to listen on (default 127.0.0.1). */
  host?: string
}

/**
 * Serves ApiVersions and Metadata from `answers` to every connection, frame by frame, so probes
 * and the kafkajs session both get through to the crafted metadata. Anything else: no answer.
 */
export async function hostileBroker(answers: HostileAnswers): Promise<FaultServer> {
  let port = 0
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    let pending = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk])
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        const size = pending.readInt32BE(0)
        const request = pending.subarray(4, 4 + size)
        pending = pending.subarray(4 + size)
        const header = new Reader(request)
        const apiKey = header.int16()
        const apiVersion = header.int16()
        const correlationId = header.int32()
        let body: Buffer | undefined
        let flexibleHeader = false
        if (apiKey === 18) body = answers.apiVersions?.(apiVersion) ?? encodeApiVersionsResponse(apiVersion)
        else if (apiKey === 3) {
          body = encodeMetadataResponse(apiVersion, answers.metadata(port))
          flexibleHeader = apiVersion >= 9
        }
        if (!body) continue
        const w = new Writer(body.length + 16)
        w.int32(0)
        writeResponseHeader(w, correlationId, flexibleHeader)
        w.raw(body)
        const frame = w.toBuffer()
        frame.writeInt32BE(frame.length - 4, 0)
        socket.write(frame)
      }
    })
  })
  const served = await serve(server, sockets, answers.host ?? '127.0.0.1')
  port = served.port
  return served
}
