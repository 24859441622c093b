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

async function listen(server: Server, sockets: Set<Socket>): Promise<FaultServer> {
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => {})
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

/** Accepts, then answers with a TCP RST. */
export function resetServer(): Promise<FaultServer> {
  const sockets = new Set<Socket>()
  return listen(createServer((s) => s.resetAndDestroy()), sockets)
}

/** Answers any request with random bytes. */
export function garbageServer(size = 512): Promise<FaultServer> {
  const sockets = new Set<Socket>()
  return listen(createServer((s) => s.once('data', () => s.write(randomBytes(size)))), sockets)
}

/** Answers with a 2 GB length prefix and a trickle of bytes: a reader must not allocate it. */
export function hugeLengthServer(): Promise<FaultServer> {
  const sockets = new Set<Socket>()
  return listen(
    createServer((s) =>
      s.once('data', () => {
        const prefix = Buffer.alloc(8)
        prefix.writeInt32BE(0x7f_ff_ff_f0, 0)
        prefix.writeInt32BE(1, 4)
        s.write(prefix)
      }),
    ),
    sockets,
  )
}

/** Sends a plausible frame one byte at a time, slower than any sane timeout. */
export function dripFeedServer(intervalMs = 200): Promise<FaultServer> {
  const sockets = new Set<Socket>()
  return listen(
    createServer((s) =>
      s.once('data', () => {
        const frame = Buffer.alloc(104)
        frame.writeInt32BE(100, 0)
        let i = 0
        const timer = setInterval(() => {
          if (i >= frame.length || s.destroyed) return clearInterval(timer)
          s.write(frame.subarray(i, i + 1))
          i++
        }, intervalMs)
        s.on('close', () => clearInterval(timer))
      }),
    ),
    sockets,
  )
}

/**
 * Terminates TLS with the given certificate and pipes to a real broker's plaintext listener,
 * so everything after the handshake is real Kafka.
 */
export function tlsProxy(cert: {certPem: string; keyPem: string}, upstreamPort: number): Promise<FaultServer> {
  const sockets = new Set<Socket>()
  const server = createTlsServer({cert: cert.certPem, key: cert.keyPem}, (client) => {
    const upstream = connect({host: '127.0.0.1', port: upstreamPort})
    sockets.add(upstream)
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
    client.pipe(upstream).pipe(client)
  })
  return listen(server as unknown as Server, sockets)
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

/**
 * A plain TCP relay on another loopback address (127.0.0.2) to a real listener: the broker is
 * unchanged, only the name the client dials differs (hostname-mismatch tests).
 */
export async function tcpRelay(listenHost: string, upstreamPort: number): Promise<FaultServer> {
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = connect({host: '127.0.0.1', port: upstreamPort})
    sockets.add(upstream)
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
    client.pipe(upstream).pipe(client)
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, listenHost, resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
