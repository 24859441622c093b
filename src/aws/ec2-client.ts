// The one place that loads @aws-sdk/client-ec2, always with a dynamic import so that no other
// command pays for the SDK at start-up. Credentials come from the SDK's default chain (env,
// shared files and --profile, SSO, web identity, container and instance roles).

import type {EC2Client} from '@aws-sdk/client-ec2'

export type Ec2Sdk = typeof import('./ec2-sdk.js')

export interface Ec2 {
  sdk: Ec2Sdk
  client: EC2Client
}

export interface Ec2Options {
  region?: string
  profile?: string
  endpointUrl?: string
}

export async function loadEc2Sdk(): Promise<Ec2Sdk> {
  // The SDK warns on stderr that future releases will need Node 22; kdoctor supports Node 20,
  // and the warning would land in the middle of a diagnosis. The user's own setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  return import('./ec2-sdk.js')
}

export async function createEc2(options: Ec2Options): Promise<Ec2> {
  const sdk = await loadEc2Sdk()
  const client = new sdk.EC2Client({
    ...(options.region ? {region: options.region} : {}),
    ...(options.profile ? {profile: options.profile} : {}),
    ...(options.endpointUrl ? {endpoint: options.endpointUrl} : {}),
    maxAttempts: 3,
    // A dead endpoint must not hang the run: connect quickly or give up.
    requestHandler: {connectionTimeout: 3000, requestTimeout: 15_000},
  })
  return {sdk, client}
}

export type AwsErrorKind = 'dry-run-ok' | 'denied' | 'throttled' | 'credentials' | 'region' | 'unreachable' | 'not-found' | 'unsupported' | 'other'

const DENIED = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException', 'UnauthorizedAccess', 'Client.UnauthorizedOperation'])
const THROTTLED = new Set(['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestThrottled'])
const BAD_CREDENTIALS = new Set(['AuthFailure', 'InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'InvalidAccessKeyId', 'OptInRequired'])
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'])

/** What an SDK error means for kdoctor, from its name/code, never from a stack. */
export function classifyAwsError(error: unknown): AwsErrorKind {
  const err = error as {name?: string; Code?: string; code?: string; message?: string; $metadata?: {httpStatusCode?: number}}
  const name = err?.Code ?? err?.name ?? ''
  const message = err?.message ?? ''
  if (name === 'DryRunOperation') return 'dry-run-ok'
  if (DENIED.has(name)) return 'denied'
  if (THROTTLED.has(name)) return 'throttled'
  if (BAD_CREDENTIALS.has(name) || name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) return 'credentials'
  if (/region is missing/i.test(message)) return 'region'
  if (NETWORK.has(err?.code ?? '') || name === 'TimeoutError' || name === 'RequestTimeout' || /ECONNREFUSED|ENOTFOUND|socket hang up|connect ETIMEDOUT/.test(message)) return 'unreachable'
  if (/\.NotFound$|^InvalidNetworkInterfaceID|^InvalidInstanceID|^InvalidGroup|NotFound/.test(name)) return 'not-found'
  if (name === 'FilterNotImplementedError' || /FilterNotImplemented|not implemented/i.test(`${name} ${message}`)) return 'unsupported'
  return 'other'
}

/** One line for an SDK error: its name and message, no stack, no request ids. */
export function awsErrorLine(error: unknown): string {
  const err = error as {name?: string; Code?: string; message?: string}
  const name = err?.Code ?? err?.name ?? 'Error'
  const message = (err?.message ?? String(error)).split('\n')[0]!.trim()
  return message && message !== name ? `${name}: ${message}` : name
}

/** The command could not talk to AWS at all (no credentials, no region, endpoint down): exit 2. */
export class AwsSetupError extends Error {
  constructor(message: string, readonly source: string) {
    super(message)
    this.name = 'AwsSetupError'
  }
}

export function setupError(kind: AwsErrorKind, error: unknown, where: string): AwsSetupError {
  switch (kind) {
    case 'credentials':
      return new AwsSetupError(
        `no usable AWS credentials (${awsErrorLine(error)}): set AWS_PROFILE or --profile, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where an IAM role applies`,
        'the AWS SDK default credential chain',
      )
    case 'region':
      return new AwsSetupError('no AWS Region: pass --region or set AWS_REGION (kdoctor also reads it from MSK broker names and instance metadata)', 'flag --region')
    default:
      return new AwsSetupError(`could not reach ${where} (${awsErrorLine(error)})`, 'flag --endpoint-url or the network')
  }
}
