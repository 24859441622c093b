import {finding, type Finding, type KdCode} from '../diagnosis/finding.js'

/** A KD1xx finding: check "config", found before any packet is sent. Summary and evidence carry no secrets. */
export function configFinding(
  code: KdCode,
  status: 'warn' | 'fail',
  target: string,
  summary: string,
  evidence: Record<string, unknown> = {},
): Finding {
  return finding({check: 'config', code, status, target, summary, evidence})
}
