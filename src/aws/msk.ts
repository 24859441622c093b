// What kdoctor knows about Amazon MSK's network side: its listener ports, how to recognise its
// network interfaces, and the Region in its broker names. Data, not logic.

export interface MskPort {
  port: number
  listener: string
  access: 'private' | 'public' | 'multi-vpc'
  /** The client settings that match the listener. */
  client: string
}

export const MSK_PORTS: readonly MskPort[] = [
  {port: 9092, listener: 'plaintext (only when unauthenticated plaintext is enabled)', access: 'private', client: 'security.protocol=PLAINTEXT'},
  {port: 9094, listener: 'TLS (mutual TLS when TLS client authentication is on)', access: 'private', client: 'security.protocol=SSL'},
  {port: 9096, listener: 'SASL/SCRAM over TLS', access: 'private', client: 'security.protocol=SASL_SSL, sasl.mechanisms=SCRAM-SHA-512'},
  {port: 9098, listener: 'IAM over TLS', access: 'private', client: 'security.protocol=SASL_SSL with AWS_MSK_IAM (Java) or OAUTHBEARER and a token provider (librdkafka)'},
  {port: 9194, listener: 'public TLS (mutual TLS)', access: 'public', client: 'security.protocol=SSL with a client certificate'},
  {port: 9196, listener: 'public SASL/SCRAM over TLS', access: 'public', client: 'security.protocol=SASL_SSL, sasl.mechanisms=SCRAM-SHA-512'},
  {port: 9198, listener: 'public IAM over TLS', access: 'public', client: 'security.protocol=SASL_SSL with IAM (OAUTHBEARER in librdkafka)'},
]

/** Multi-VPC private connectivity (PrivateLink): one port per broker on the client-side endpoint. */
export const MSK_MULTI_VPC_PORTS = {from: 14_001, to: 14_100}

export const MSK_PUBLIC_ACCESS_NOTE =
  'MSK public access needs brokers in public subnets, unauthenticated access and plaintext turned off, SASL/SCRAM, IAM or mutual TLS on, and Kafka ACLs with allow.everyone.if.no.acl.found=false; the broker security group must allow the client\'s public (or NAT) address'

export const MSK_MULTI_VPC_NOTE =
  "multi-VPC private connectivity: the managed VPC connection's security group in the client VPC must allow inbound 14001-14100, and clients must use the VpcConnectivity* bootstrap string"

export function mskPort(port: number): MskPort | undefined {
  if (port >= MSK_MULTI_VPC_PORTS.from && port <= MSK_MULTI_VPC_PORTS.to) {
    return {port, listener: 'multi-VPC private connectivity (PrivateLink)', access: 'multi-vpc', client: 'the VpcConnectivity* bootstrap string'}
  }

  return MSK_PORTS.find((p) => p.port === port)
}

/** The port map in one line, for evidence and the verdict. */
export function mskPortMap(): string {
  return `${MSK_PORTS.map((p) => `${p.port} ${p.listener}`).join('; ')}; ${MSK_MULTI_VPC_PORTS.from}-${MSK_MULTI_VPC_PORTS.to} multi-VPC private connectivity`
}

const MSK_DESCRIPTION = /Amazon MSK network interface for cluster (arn:aws[\w-]*:kafka:[\w-]+:\d{12}:cluster\/[^\s/]+\/[\w-]+)/i

/** "DO NOT DELETE - Amazon MSK network interface for cluster arn:aws:kafka:…/uuid-3." → the ARN. */
export function mskClusterArnFrom(description: string): string | undefined {
  return MSK_DESCRIPTION.exec(description)?.[1]?.replace(/\.$/, '')
}

/** The cluster name inside an MSK ARN (arn:aws:kafka:r:acct:cluster/NAME/uuid). */
export function mskClusterName(arn: string): string | undefined {
  return /:cluster\/([^/]+)\//.exec(arn)?.[1]
}

const MSK_HOST = /\.kafka(-serverless)?\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com(?:\.cn)?$/i

export function isMskHost(host: string): boolean {
  return MSK_HOST.test(host)
}

export function isMskServerlessHost(host: string): boolean {
  return MSK_HOST.exec(host)?.[1] !== undefined
}

/** b-1.demo.abc123.c2.kafka.eu-west-1.amazonaws.com → eu-west-1. */
export function regionFromHost(host: string): string | undefined {
  return MSK_HOST.exec(host)?.[2]?.toLowerCase()
}

/** A VPC endpoint interface (multi-VPC private connectivity lands on one of these). */
export function isVpcEndpointInterface(type: string, description: string): boolean {
  return type === 'vpc_endpoint' || /^VPC Endpoint Interface vpce-/i.test(description)
}
