// A tiny IMDSv2 client: token PUT, then metadata GETs, 1 s each, no retries. It honours the
// SDK's own variables (AWS_EC2_METADATA_SERVICE_ENDPOINT, _ENDPOINT_MODE, AWS_EC2_METADATA_DISABLED)
// so tests point it at a loopback stub. Off AWS (or in a pod behind the default hop limit of 1)
// the token request times out and kdoctor says where it thinks it runs.

import {request} from 'node:http'

export interface InstanceIdentity {
  instanceId?: string
  localIpv4: string
  mac: string
  interfaceId: string
  securityGroupIds: string[]
  subnetId: string
  vpcId: string
  vpcCidrs: string[]
  region?: string
}

export type ImdsOutcome = {ok: true; identity: InstanceIdentity; endpoint: string; durationMs: number} | {ok: false; reason: string; endpoint?: string; durationMs: number}

export const IMDS_TIMEOUT_MS = 1000

export function imdsEndpoint(env: NodeJS.ProcessEnv): string {
  const configured = env.AWS_EC2_METADATA_SERVICE_ENDPOINT?.trim()
  if (configured) return configured.replace(/\/+$/, '')
  return env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE?.toLowerCase() === 'ipv6' ? 'http://[fd00:ec2::254]' : 'http://169.254.169.254'
}

export function imdsDisabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.AWS_EC2_METADATA_DISABLED?.trim().toLowerCase()
  return value !== undefined && value !== '' && value !== 'false'
}

function call(method: 'GET' | 'PUT', url: string, headers: Record<string, string>, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, {method, headers, agent: false}, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => {
        clearTimeout(timer)
        if (res.statusCode === 200) resolve(body)
        else reject(new Error(`HTTP ${res.statusCode}`))
      })
      res.on('error', reject)
    })
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    timer.unref()
    req.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    req.end()
  })
}

/** Reads the instance's identity and its primary interface's network facts, or says why not. */
export async function readInstanceIdentity(env: NodeJS.ProcessEnv = process.env, timeoutMs = IMDS_TIMEOUT_MS): Promise<ImdsOutcome> {
  const started = Date.now()
  if (imdsDisabled(env)) return {ok: false, reason: 'instance metadata is disabled (AWS_EC2_METADATA_DISABLED)', durationMs: 0}
  const endpoint = imdsEndpoint(env)
  let token: string
  try {
    token = await call('PUT', `${endpoint}/latest/api/token`, {'X-aws-ec2-metadata-token-ttl-seconds': '60'}, timeoutMs)
  } catch (error) {
    return {ok: false, endpoint, reason: `no IMDSv2 token from ${endpoint} (${(error as Error).message})`, durationMs: Date.now() - started}
  }

  const get = (path: string) => call('GET', `${endpoint}/latest/meta-data/${path}`, {'X-aws-ec2-metadata-token': token.trim()}, timeoutMs).then((v) => v.trim())
  const optional = (path: string) => get(path).catch(() => undefined)
  try {
    const [localIpv4, mac, region, instanceId] = await Promise.all([get('local-ipv4'), get('mac'), optional('placement/region'), optional('instance-id')])
    const base = `network/interfaces/macs/${mac}`
    const [interfaceId, groups, subnetId, vpcId, cidrs] = await Promise.all([
      get(`${base}/interface-id`),
      get(`${base}/security-group-ids`),
      get(`${base}/subnet-id`),
      get(`${base}/vpc-id`),
      optional(`${base}/vpc-ipv4-cidr-blocks`),
    ])
    const lines = (text?: string) => (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean)
    return {
      ok: true,
      endpoint,
      durationMs: Date.now() - started,
      identity: {
        localIpv4,
        mac,
        interfaceId,
        securityGroupIds: lines(groups),
        subnetId,
        vpcId,
        vpcCidrs: lines(cidrs),
        ...(region ? {region} : {}),
        ...(instanceId ? {instanceId} : {}),
      },
    }
  } catch (error) {
    return {ok: false, endpoint, reason: `instance metadata at ${endpoint} answered the token but not the network facts (${(error as Error).message})`, durationMs: Date.now() - started}
  }
}
