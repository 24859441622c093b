import {Socket, connect} from 'node:net'

export type TcpFailureKind = 'refused' | 'timeout' | 'reset' | 'unreachable' | 'other'

export type TcpOutcome =
  | {ok: true; socket: Socket; durationMs: number; localAddress?: string}
  | {ok: false; kind: TcpFailureKind; errorCode: string; message: string; durationMs: number}

/** Opens a TCP connection to one IP, telling refused, timed out, reset and unreachable apart. */
export function connectTcp(ip: string, port: number, timeoutMs: number): Promise<TcpOutcome> {
  const started = Date.now()
  return new Promise((resolve) => {
    const socket = connect({host: ip, port, noDelay: true})
    const timer = setTimeout(() => {
      socket.destroy()
      resolve({ok: false, kind: 'timeout', errorCode: 'ETIMEDOUT', message: `no answer within ${timeoutMs} ms`, durationMs: Date.now() - started})
    }, timeoutMs)
    timer.unref()
    socket.once('connect', () => {
      clearTimeout(timer)
      socket.removeAllListeners('error')
      resolve({ok: true, socket, durationMs: Date.now() - started, localAddress: socket.localAddress})
    })
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      socket.destroy()
      const errorCode = error.code ?? 'EUNKNOWN'
      resolve({ok: false, kind: tcpFailureKind(errorCode), errorCode, message: error.message, durationMs: Date.now() - started})
    })
  })
}

export function tcpFailureKind(errorCode: string): TcpFailureKind {
  switch (errorCode) {
    case 'ECONNREFUSED':
      return 'refused'
    case 'ETIMEDOUT':
      return 'timeout'
    case 'ECONNRESET':
    case 'EPIPE':
      return 'reset'
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return 'unreachable'
    default:
      return 'other'
  }
}
