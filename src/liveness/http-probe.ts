// One GET against the liveness listener on node:http, bounded by a timeout, with the phase
// that failed (resolve, connect, answer) kept: "refused" and "accepted but silent" are
// different diagnoses.

import {request} from 'node:http'
import type {Socket} from 'node:net'

import type {LivenessEndpoint} from './endpoint.js'

/** Bodies are small JSON documents; anything bigger is not the listener and is cut here. */
export const MAX_BODY_BYTES = 64 * 1024

export type ProbeFailure =
  /** The host name does not resolve. */
  | 'dns'
  /** RST to our SYN: nothing listens. */
  | 'refused'
  /** No TCP handshake within the timeout (dropped packets). */
  | 'connect-timeout'
  /** Connected, but no complete HTTP answer within the timeout. */
  | 'answer-timeout'
  /** The peer reset or closed the connection before a complete answer. */
  | 'reset'
  /** No route to the host or network. */
  | 'unreachable'
  /** The bytes that came back are not HTTP. */
  | 'not-http'
  | 'other'

export type ProbeOutcome =
  | {
      kind: 'response'
      statusCode: number
      statusMessage: string
      contentType?: string
      body: string
      truncated: boolean
      /** Address actually connected to. */
      address?: string
      elapsedMs: number
    }
  | {
      kind: 'error'
      failure: ProbeFailure
      /** errno-style code when there is one (ECONNREFUSED, ETIMEDOUT, HPE_INVALID_CONSTANT…). */
      errorCode?: string
      message: string
      address?: string
      /** Whether the TCP connection was established before the failure. */
      connected: boolean
      timeoutMs: number
      elapsedMs: number
    }

export class ProbeTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`)
    this.name = 'ProbeTimeout'
  }
}

/** GETs the endpoint once. Never throws: every way it can go wrong is an outcome. */
export function probeLiveness(endpoint: Pick<LivenessEndpoint, 'host' | 'port' | 'path'>, timeoutMs: number): Promise<ProbeOutcome> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)

  return new Promise((resolve) => {
    let connected = false
    let address: string | undefined
    let settled = false
    const settle = (outcome: ProbeOutcome) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(outcome)
    }

    const fail = (error: unknown) => {
      const {failure, errorCode, message} = classifyError(error, connected)
      settle({kind: 'error', failure, ...(errorCode ? {errorCode} : {}), message, ...(address ? {address} : {}), connected, timeoutMs, elapsedMs: elapsed()})
    }

    // agent: false — one fresh connection per probe, as the kubelet does; no keep-alive pool.
    const req = request({host: endpoint.host, port: endpoint.port, path: endpoint.path, method: 'GET', agent: false, headers: {'User-Agent': 'kdoctor', Accept: 'application/json'}})
    const timer = setTimeout(() => req.destroy(new ProbeTimeout(timeoutMs)), timeoutMs)
    timer.unref()

    req.on('socket', (socket: Socket) => {
      socket.once('connect', () => {
        connected = true
        address = socket.remoteAddress ? `${socket.remoteAddress.includes(':') ? `[${socket.remoteAddress}]` : socket.remoteAddress}:${socket.remotePort}` : undefined
      })
    })
    req.on('error', fail)
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let size = 0
      let truncated = false
      const done = () =>
        settle({
          kind: 'response',
          statusCode: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          ...(res.headers['content-type'] ? {contentType: res.headers['content-type']} : {}),
          body: Buffer.concat(chunks).toString('utf8'),
          truncated,
          ...(address ? {address} : {}),
          elapsedMs: elapsed(),
        })
      res.on('data', (chunk: Buffer) => {
        if (truncated) return
        const room = MAX_BODY_BYTES - size
        chunks.push(chunk.subarray(0, room))
        size += Math.min(room, chunk.length)
        if (chunk.length > room) {
          truncated = true
          done()
          req.destroy()
        }
      })
      res.on('end', done)
      // A body cut short after the headers arrived: Karafka < 2.5.0 answers 500 without a
      // Content-Length and closes, which ends cleanly; a reset here is a real failure.
      res.on('error', fail)
      res.on('close', () => {
        if (!res.complete) fail(Object.assign(new Error('connection closed before the whole answer arrived'), {code: 'ECONNRESET'}))
      })
    })
    req.end()
  })
}

function errnoCode(error: unknown): string | undefined {
  const e = error as {code?: unknown; errors?: Array<{code?: unknown}>}
  if (typeof e?.code === 'string') return e.code
  // Happy eyeballs (several addresses for one name) fails with an AggregateError.
  const first = e?.errors?.find((x) => typeof x?.code === 'string')
  return typeof first?.code === 'string' ? first.code : undefined
}

export function classifyError(error: unknown, connected: boolean): {failure: ProbeFailure; errorCode?: string; message: string} {
  if (error instanceof ProbeTimeout) {
    return {failure: connected ? 'answer-timeout' : 'connect-timeout', message: error.message}
  }

  const code = errnoCode(error)
  const message = error instanceof Error ? error.message || String(code) : String(error)
  const withCode = (failure: ProbeFailure) => ({failure, ...(code ? {errorCode: code} : {}), message})
  if (!code) return withCode('other')
  if (code === 'ECONNREFUSED') return withCode('refused')
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') return withCode('dns')
  if (code === 'ETIMEDOUT') return withCode(connected ? 'answer-timeout' : 'connect-timeout')
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return withCode('reset')
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') return withCode('unreachable')
  if (code.startsWith('HPE_')) return withCode('not-http')
  return withCode('other')
}
