// A loopback stand-in for Karafka's liveness listener, byte for byte what
// lib/karafka/instrumentation/vendors/kubernetes/base_listener.rb writes: it reads the request
// line only, answers, and closes. It stands in for the Karafka process (no Kafka involved).
import {type AddressInfo, type Socket, createServer} from 'node:net'

export type ListenerReply =
  /**
   * Karafka >= 2.5.0: 200/500 + JSON, the status code derived from body.status. The timestamp
   * is stamped at answer time (Time.now.to_i), shifted by ageSeconds when given.
   */
  | {kind: 'json'; body: Record<string, unknown>; statusLine?: string; ageSeconds?: number}
  /** Karafka < 2.5.0: 204 (healthy) or 500 (unhealthy), text/plain, no body. */
  | {kind: 'legacy'; healthy: boolean}
  /** Any bytes, then close (other servers, malformed answers). */
  | {kind: 'raw'; bytes: string}
  /** Accept and never answer (a frozen process). */
  | {kind: 'silent'}

export interface FakeListener {
  port: number
  /** Requests seen (request lines). */
  requests: string[]
  reply: ListenerReply
  /** Delay before answering, in ms. */
  delayMs: number
  close(): Promise<void>
}

export const PID = 4242

/** The LivenessListener body, with the given flags changed. */
export function livenessBody(port: number, errors: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const merged = {polling_ttl_exceeded: false, consumption_ttl_exceeded: false, stability_ttl_exceeded: false, unrecoverable: false, ...errors}
  const unhealthy = Object.values(merged).some((v) => v !== false)
  return {status: unhealthy ? 'unhealthy' : 'healthy', timestamp: Math.floor(Date.now() / 1000), port, process_id: PID, errors: merged, ...extra}
}

/** The SwarmLivenessListener body. */
export function swarmBody(port: number, controllingExceeded: boolean): Record<string, unknown> {
  return {status: controllingExceeded ? 'unhealthy' : 'healthy', timestamp: Math.floor(Date.now() / 1000), port, process_id: PID, errors: {controlling_ttl_exceeded: controllingExceeded}}
}

function bytesFor(reply: ListenerReply): string | undefined {
  switch (reply.kind) {
    case 'json': {
      const stamped = 'timestamp' in reply.body ? {...reply.body, timestamp: Math.floor(Date.now() / 1000) - (reply.ageSeconds ?? 0)} : reply.body
      const body = JSON.stringify(stamped)
      const code = reply.statusLine ?? (reply.body.status === 'healthy' ? '200 OK' : '500 Internal Server Error')
      return `HTTP/1.1 ${code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
    }

    case 'legacy':
      return `HTTP/1.1 ${reply.healthy ? '204 No Content' : '500 Internal Server Error'}\r\nContent-Type: text/plain\r\n\r\n`
    case 'raw':
      return reply.bytes
    default:
      return undefined
  }
}

export async function startListener(reply: ListenerReply | ((port: number) => ListenerReply), host = '127.0.0.1'): Promise<FakeListener> {
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const state = {requests: [] as string[], reply: undefined as unknown as ListenerReply, delayMs: 0}
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    let buffered = ''
    socket.on('data', (chunk) => {
      if (buffered.includes('\n')) return
      buffered += chunk.toString('latin1')
      const end = buffered.indexOf('\n')
      if (end === -1) return
      state.requests.push(buffered.slice(0, end).trim())
      const bytes = bytesFor(state.reply)
      if (bytes === undefined) return
      const answer = () => {
        if (socket.destroyed) return
        socket.end(bytes)
      }

      if (state.delayMs > 0) {
        const timer = setTimeout(answer, state.delayMs)
        timers.add(timer)
      } else answer()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const port = (server.address() as AddressInfo).port
  state.reply = typeof reply === 'function' ? reply(port) : reply
  return Object.assign(state, {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t)
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }) as FakeListener
}
