// Loopback fault servers for what a real broker cannot be made to do. Each returns its port
// and a close(); none of them pretends to be Kafka.
import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {type AddressInfo, type Server, type Socket, connect, createServer} from 'node:net'
import {createServer as createTlsServer} from 'node:tls'

export interface FaultServer {
  port: number
  close(): Promise<void>
}

/** Listens on a loopback address with any handler; close() destroys every socket it accepted or opened. */
export async function serve(server: Server, sockets = new Set<Socket>(), host = '127.0.0.1'): Promise<FaultServer> {
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/**
 * `onRequest` runs when the first request bytes arrive and does whatever fault it wants;
 * `onConnect` runs at accept time (servers that talk first).
 */
export function faultServer(onRequest: (socket: Socket, request: Buffer) => void, onConnect?: (socket: Socket) => void): Promise<FaultServer> {
  return serve(
    createServer((s) => {
      s.once('data', (request) => onRequest(s, request))
      onConnect?.(s)
    }),
  )
}

/** Writes `bytes` one at a time, `intervalMs` apart, until done or the socket goes away. */
export function dripFeed(socket: Socket, bytes: Buffer, intervalMs: number): void {
  let i = 0
  const timer = setInterval(() => {
    if (socket.destroyed || i >= bytes.length) return clearInterval(timer)
    socket.write(bytes.subarray(i, i + 1))
    i++
  }, intervalMs)
  socket.on('close', () => clearInterval(timer))
}

/** Accepts, then answers with a TCP RST. */
export function resetServer(): Promise<FaultServer> {
  return faultServer(() => {}, (s) => s.resetAndDestroy())
}

/** Answers any request with random bytes. */
export function garbageServer(size = 512): Promise<FaultServer> {
  return faultServer((s) => s.write(randomBytes(size)))
}

/** Answers with a 2 GB length prefix and a trickle of bytes: a reader must not allocate it. */
export function hugeLengthServer(): Promise<FaultServer> {
  return faultServer((s) => {
    const prefix = Buffer.alloc(8)
    prefix.writeInt32BE(0x7f_ff_ff_f0, 0)
    prefix.writeInt32BE(1, 4)
    s.write(prefix)
  })
}

/** Sends a plausible frame one byte at a time, slower than any sane timeout. */
export function dripFeedServer(intervalMs = 200): Promise<FaultServer> {
  const frame = Buffer.alloc(104)
  frame.writeInt32BE(100, 0)
  return faultServer((s) => dripFeed(s, frame, intervalMs))
}

/** Pipes each accepted connection to 127.0.0.1:upstreamPort; the relay socket is closed with the server. */
function relayTo(upstreamPort: number, sockets: Set<Socket>) {
  return (client: Socket) => {
    const upstream = connect({host: '127.0.0.1', port: upstreamPort})
    sockets.add(upstream)
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
    client.pipe(upstream).pipe(client)
  }
}

/**
 * Terminates TLS with the given certificate and pipes to a real broker's plaintext listener,
 * so everything after the handshake is real Kafka.
 */
export function tlsProxy(cert: {certPem: string; keyPem: string}, upstreamPort: number): Promise<FaultServer> {
  const sockets = new Set<Socket>()
  return serve(createTlsServer({cert: cert.certPem, key: cert.keyPem}, relayTo(upstreamPort, sockets)) as unknown as Server, sockets)
}

/**
 * A plain TCP relay on another loopback address (127.0.0.2) to a real listener: the broker is
 * unchanged, only the name the client dials differs (hostname-mismatch tests).
 */
export function tcpRelay(listenHost: string, upstreamPort: number): Promise<FaultServer> {
  const sockets = new Set<Socket>()
  return serve(createServer(relayTo(upstreamPort, sockets)), sockets, listenHost)
}

/** Ports that drop SYNs (a full accept queue), held open by a python3 child. */
export async function synDropPorts(count: number): Promise<{ports: number[]; close(): Promise<void>}> {
  const child = spawn('python3', [new URL('syn-drop.py', import.meta.url).pathname, String(count)], {stdio: ['pipe', 'pipe', 'inherit']})
  const ports = await new Promise<number[]>((resolve, reject) => {
    let buffer = ''
    child.on('error', reject)
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.trim().split('\n').filter(Boolean)
      if (lines.length >= count) resolve(lines.map(Number))
    })
  })
  return {
    ports,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.stdin.end()
        setTimeout(() => child.kill('SIGKILL'), 2000).unref()
      }),
  }
}

