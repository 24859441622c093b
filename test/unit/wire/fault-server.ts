// Loopback servers that misbehave the ways a real broker cannot be made to (closing mid-frame,
// resetting, sending TLS/HTTP/garbage bytes, drip-feeding). None of them speaks Kafka.
import net, {type AddressInfo, type Socket} from 'node:net'

export interface FaultServer {
  port: number
  close(): Promise<void>
}

/**
 * `onRequest` runs when the first request bytes arrive; it does whatever fault it wants.
 * `onConnect` runs at accept time (servers that talk first, like SSH).
 */
export async function faultServer(
  onRequest: (socket: Socket, request: Buffer) => void,
  onConnect?: (socket: Socket) => void,
): Promise<FaultServer> {
  const sockets = new Set<Socket>()
  const server = net.createServer((s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => {})
    s.once('data', (request) => onRequest(s, request))
    onConnect?.(s)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

export function connectTo(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({host: '127.0.0.1', port}, () => resolve(s))
    s.once('error', reject)
  })
}

/** The correlation id of a request frame (length, key, version, correlation id). */
export function correlationIdOf(request: Buffer): number {
  return request.readInt32BE(8)
}

/** A frame: int32 length + correlation id + body. */
export function frame(correlationId: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const out = Buffer.alloc(8 + body.length)
  out.writeInt32BE(4 + body.length, 0)
  out.writeInt32BE(correlationId, 4)
  body.copy(out, 8)
  return out
}

/** Write `bytes` one at a time, `intervalMs` apart, until done or the socket goes away. */
export function dripFeed(socket: Socket, bytes: Buffer, intervalMs: number): void {
  let i = 0
  const timer = setInterval(() => {
    if (socket.destroyed || i >= bytes.length) {
      clearInterval(timer)
      return
    }
    socket.write(bytes.subarray(i, i + 1))
    i++
  }, intervalMs)
  socket.on('close', () => clearInterval(timer))
}
