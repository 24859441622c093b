import type {Socket} from 'node:net'

import {type Finding, type KdCode, finding} from '../diagnosis/finding.js'
import type {Deadline} from '../core/deadline.js'
import {type TcpFailureKind, connectTcp} from '../net/tcp.js'
import type {Target} from './target.js'

export interface TcpCheck {
  finding: Finding
  socket?: Socket
}

const CODE_BY_KIND: Record<TcpFailureKind, KdCode> = {
  refused: 'KD202',
  timeout: 'KD203',
  reset: 'KD204',
  unreachable: 'KD206',
  other: 'KD206',
}

const WORDS_BY_KIND: Record<TcpFailureKind, string> = {
  refused: 'connection refused: the host answered but nothing listens on port',
  timeout: 'no answer (packets dropped) on port',
  reset: 'connection reset by the peer on port',
  unreachable: 'no route to host for port',
  other: 'could not connect to port',
}

/** Opens the TCP connection; the socket is handed on to the listener check. */
export async function checkTcp(target: Target, ip: string, deadline: Deadline): Promise<TcpCheck> {
  const outcome = await connectTcp(ip, target.port, deadline.stepMs())
  if (outcome.ok) {
    return {
      socket: outcome.socket,
      finding: finding({
        check: 'tcp',
        target: target.label,
        status: 'pass',
        summary: `connected to ${ip}:${target.port}`,
        evidence: {ip, port: target.port, localAddress: outcome.localAddress},
        durationMs: outcome.durationMs,
      }),
    }
  }

  return {
    finding: finding({
      check: 'tcp',
      target: target.label,
      status: 'fail',
      code: CODE_BY_KIND[outcome.kind],
      summary: `${WORDS_BY_KIND[outcome.kind]} ${target.port} (${ip}, ${outcome.errorCode})`,
      evidence: {ip, port: target.port, error: outcome.errorCode, kind: outcome.kind, waitedMs: outcome.durationMs},
      durationMs: outcome.durationMs,
    }),
  }
}
