// The rules' verdict against a live TCP probe from this host. Rules allow but the port times
// out → KD708 (a change still propagating, or something outside the VPC rules); refused → the
// packets got there and nothing listens; an answer where the rules say blocked means kdoctor's
// picture of the client is wrong.

import {type Finding, finding} from '../diagnosis/finding.js'
import type {TcpFailureKind} from '../net/tcp.js'
import type {PathVerdict} from './evaluate.js'
import {mskPort} from './msk.js'

export interface ProbeSummary {
  ok: boolean
  kind?: TcpFailureKind
  errorCode?: string
  durationMs: number
}

export interface CorrelationContext {
  target: string
  ip: string
  port: number
  /** The client the rules were evaluated for is this host (not --source-… elsewhere). */
  probedFromClient: boolean
}

export function correlate(verdict: PathVerdict['verdict'] | undefined, probe: ProbeSummary, ctx: CorrelationContext): Finding | undefined {
  const base = {check: 'aws' as const, target: ctx.target, durationMs: 0}
  const evidence = {ip: ctx.ip, port: ctx.port, rules: verdict ?? 'not evaluated', probe: probe.ok ? 'connected' : probe.kind, probedFromClient: ctx.probedFromClient}
  if (!ctx.probedFromClient) {
    // The probe and the rules describe different clients: report the probe, claim nothing.
    if (probe.ok || verdict === undefined) return undefined
    return finding({...base, status: 'info', summary: `this host got ${probe.kind} on ${ctx.ip}:${ctx.port}; the rules were evaluated for another client, so run kdoctor there to compare`, evidence})
  }

  if (!probe.ok && probe.kind === 'timeout') {
    if (verdict === 'allowed') {
      return finding({
        ...base,
        status: 'fail',
        code: 'KD708',
        summary: `the rules allow tcp ${ctx.port} end to end, yet ${ctx.ip}:${ctx.port} timed out: a recent security group or ACL change may still be propagating (run again in a minute), or something outside the VPC rules drops it (firewall appliance, proxy, VPN); --deep asks the Reachability Analyzer`,
        evidence,
      })
    }

    if (verdict === 'blocked') return finding({...base, status: 'info', summary: `the timeout on ${ctx.ip}:${ctx.port} is what the blocked hop predicts`, evidence})
    return undefined
  }

  if (!probe.ok && probe.kind === 'refused') {
    const listener = mskPort(ctx.port)
    const hint = listener ? ` (MSK: ${ctx.port} is the ${listener.listener} listener; is it enabled on this cluster?)` : ''
    if (verdict === 'blocked') {
      return finding({...base, status: 'info', summary: `the rules say blocked, yet ${ctx.ip} answered (refused): the client kdoctor evaluated may not be this one (pass --source-eni), or the address is not that interface`, evidence})
    }

    return finding({...base, status: 'info', summary: `refused: packets reach ${ctx.ip}, so no rule drops them; nothing listens on ${ctx.port}${hint}`, evidence})
  }

  if (probe.ok && verdict === 'blocked') {
    return finding({...base, status: 'info', summary: `the rules say blocked, yet ${ctx.ip}:${ctx.port} accepted a connection: kdoctor evaluated another client than this one, or another path exists (pass --source-eni)`, evidence})
  }

  return undefined
}
