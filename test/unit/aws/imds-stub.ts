// A loopback stand-in for the EC2 instance metadata service (IMDSv2 only): a token PUT, then
// GETs that must carry the token. moto's IMDS lacks network/interfaces/macs/…, hence this stub.
import {type Server, createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

import type {InstanceIdentity} from '../../../src/aws/imds.js'

export interface ImdsStub {
  endpoint: string
  /** Requests seen, "PUT /latest/api/token", "GET /latest/meta-data/mac", … */
  requests: string[]
  close(): Promise<void>
}

/** Everything the stub serves: the identity kdoctor reads, every field present. */
export type ImdsData = Required<InstanceIdentity>

/** mode "silent" accepts connections and never answers (a pod behind the hop limit). */
export async function startImdsStub(data: ImdsData, mode: 'ok' | 'silent' = 'ok'): Promise<ImdsStub> {
  const token = 'stub-token-1'
  const requests: string[] = []
  const base = `/latest/meta-data/network/interfaces/macs/${data.mac}`
  const paths: Record<string, string> = {
    '/latest/meta-data/local-ipv4': data.localIpv4,
    '/latest/meta-data/mac': data.mac,
    '/latest/meta-data/instance-id': data.instanceId,
    '/latest/meta-data/placement/region': data.region,
    [`${base}/interface-id`]: data.interfaceId,
    [`${base}/security-group-ids`]: data.securityGroupIds.join('\n'),
    [`${base}/subnet-id`]: data.subnetId,
    [`${base}/vpc-id`]: data.vpcId,
    [`${base}/vpc-ipv4-cidr-blocks`]: data.vpcCidrs.join('\n'),
  }
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    if (mode === 'silent') return
    if (req.method === 'PUT' && req.url === '/latest/api/token') {
      if (!req.headers['x-aws-ec2-metadata-token-ttl-seconds']) return void res.writeHead(400).end()
      return void res.writeHead(200).end(token)
    }

    if (req.headers['x-aws-ec2-metadata-token'] !== token) return void res.writeHead(401).end()
    const body = paths[req.url ?? '']
    if (body === undefined) return void res.writeHead(404).end()
    res.writeHead(200, {'content-type': 'text/plain'}).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
