import {spawn} from 'node:child_process'
import {readFile} from 'node:fs/promises'

import type {ConnectionProfile, TokenProvider} from '../config/profile.js'
import {Secret} from '../config/secret.js'
import {maskSecrets, redactForOutput, redactKnownSecrets, registerSecret} from '../diagnosis/mask.js'
import {type Deadline, withTimeout} from '../core/deadline.js'

/** Claims that explain a rejected token; the token itself is never shown. */
export interface TokenClaims {
  sub?: string
  iss?: string
  aud?: string | string[]
  scope?: string
  exp?: string
  nbf?: string
  iat?: string
  expired?: boolean
  notYetValid?: boolean
  alg?: string
}

export type TokenOutcome = {ok: true; token: Secret; claims?: TokenClaims; from: string} | {ok: false; from: string; reason: string}

/**
 * The profile's OAUTHBEARER token, fetched at most once however many steps ask for it (a token
 * command or an OIDC endpoint should see one request per run). Resolves to undefined when the
 * profile does not use OAUTHBEARER.
 */
export function tokenOnce(profile: ConnectionProfile, deadline: Deadline): () => Promise<TokenOutcome | undefined> {
  let pending: Promise<TokenOutcome | undefined> | undefined
  return () => {
    const provider = profile.sasl?.tokenProvider
    if (!provider || profile.sasl?.mechanism.value !== 'OAUTHBEARER') return Promise.resolve(undefined)
    pending ??= obtainToken(provider, deadline.stepMs())
    return pending
  }
}

/** Runs the configured token provider (file, command, OIDC client credentials, unsecured JWT). */
export async function obtainToken(provider: TokenProvider, timeoutMs: number): Promise<TokenOutcome> {
  const from = describeProvider(provider)
  try {
    const raw = await withTimeout(fetchRawToken(provider, timeoutMs), timeoutMs, 'token provider')
    const value = raw.trim()
    if (!value) return {ok: false, from, reason: 'the provider returned an empty token'}
    return {ok: true, token: new Secret(value, from), claims: decodeJwtClaims(value), from}
  } catch (error) {
    return {ok: false, from, reason: scrub((error as Error).message)}
  }
}

function describeProvider(provider: TokenProvider): string {
  switch (provider.kind) {
    case 'static':
      return provider.token.source
    case 'file':
      return `token file ${provider.path.value}`
    case 'command':
      return `token command (${provider.command.source})`
    case 'oidc':
      return `OIDC token endpoint ${withoutCredentials(provider.tokenEndpoint.value)}`
    case 'unsecured-jwt':
      return 'unsecured JWT (sasl.oauthbearer.config)'
  }
}

async function fetchRawToken(provider: TokenProvider, timeoutMs: number): Promise<string> {
  switch (provider.kind) {
    case 'static':
      return provider.token.reveal()
    case 'file':
      return readFile(provider.path.value, 'utf8')
    case 'command':
      return runTokenCommand(provider.command.value, timeoutMs)
    case 'oidc':
      return clientCredentialsToken(provider)
    case 'unsecured-jwt':
      return unsecuredJwt(provider.principal.value, provider.scope?.value, provider.lifetimeSeconds)
  }
}

const TOKEN_OUTPUT_MAX_BYTES = 1 << 20

/**
 * Runs the token command in a process group of its own, so that when the run's deadline expires
 * (or kdoctor exits first) the whole group is killed: the shell and whatever it started, not just
 * the shell, and nothing is left running as an orphan.
 */
function runTokenCommand(command: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], {detached: true, stdio: ['ignore', 'pipe', 'ignore']})
    let running = true
    const killGroup = () => {
      if (!running || child.pid === undefined) return
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
    }
    const timer = setTimeout(() => {
      killGroup()
      reject(new Error(`token command gave no token within ${timeoutMs} ms and was stopped`))
    }, timeoutMs)
    timer.unref()
    process.once('exit', killGroup)
    const chunks: Buffer[] = []
    let size = 0
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > TOKEN_OUTPUT_MAX_BYTES) {
        killGroup()
        reject(new Error(`token command printed more than ${TOKEN_OUTPUT_MAX_BYTES} bytes`))
      } else chunks.push(chunk)
    })
    child.on('error', (error) => reject(new Error(`token command could not start (${(error as NodeJS.ErrnoException).code ?? 'error'})`)))
    child.on('close', (status, signal) => {
      running = false
      clearTimeout(timer)
      process.removeListener('exit', killGroup)
      // stderr may echo secrets; only the exit status is reported.
      if (status === 0) resolve(Buffer.concat(chunks).toString('utf8'))
      else reject(new Error(`token command exited with status ${status ?? signal ?? 'unknown'}`))
    })
  })
}

async function clientCredentialsToken(provider: Extract<TokenProvider, {kind: 'oidc'}>): Promise<string> {
  const body = new URLSearchParams({grant_type: 'client_credentials'})
  if (provider.scope) body.set('scope', provider.scope.value)
  const basic = Buffer.from(`${encodeURIComponent(provider.clientId.value)}:${encodeURIComponent(provider.clientSecret.reveal())}`).toString('base64')
  registerSecret(basic)
  // Credentials in the endpoint URL are not how client credentials travel (and fetch refuses
  // them, echoing the URL): they are dropped, and never printed.
  const endpoint = withoutCredentials(provider.tokenEndpoint.value)
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json'},
    body,
  })
  const text = await response.text()
  let parsed: {access_token?: unknown; error?: unknown; error_description?: unknown} | undefined
  try {
    const value: unknown = JSON.parse(text)
    if (value && typeof value === 'object') parsed = value as typeof parsed
  } catch {}

  if (!response.ok) {
    // An identity provider may echo the request (the Basic header) in its error description.
    const said = [parsed?.error, parsed?.error_description].filter((v) => typeof v === 'string').join(': ')
    const error = said ? maskSecrets(redactKnownSecrets(said)).slice(0, 200) : ''
    throw new Error(`token endpoint answered HTTP ${response.status}${error ? ` (${error})` : ''}`)
  }

  // A body that is not JSON may be the token itself: describe it, never quote it.
  if (!parsed) throw new Error(`token endpoint answer is not JSON (${text.length} bytes, content-type ${response.headers.get('content-type') ?? 'none'})`)
  if (typeof parsed.access_token !== 'string' || parsed.access_token === '') throw new Error('token endpoint answer has no access_token')
  registerSecret(parsed.access_token)
  return parsed.access_token
}

/** The URL without user:password@ (https://:secret@host counts too). */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url)
    if (!parsed.username && !parsed.password) return url
    registerSecret(decodeURIComponent(parsed.password))
    registerSecret(decodeURIComponent(parsed.username))
    parsed.username = ''
    parsed.password = ''
    return parsed.toString()
  } catch {
    return maskSecrets(url)
  }
}

/** librdkafka's built-in unsecured JWT (sasl.oauthbearer.config principal=...), for test brokers. */
export function unsecuredJwt(principal: string, scope: string | undefined, lifetimeSeconds: number, now = Date.now()): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const iat = Math.floor(now / 1000)
  const payload: Record<string, unknown> = {sub: principal, iat, exp: iat + lifetimeSeconds}
  if (scope) payload.scope = scope
  return `${encode({alg: 'none'})}.${encode(payload)}.`
}

/** Decodes a JWT's header and payload without verifying it (for explanation only). */
export function decodeJwtClaims(token: string, now = Date.now()): TokenClaims | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as {alg?: string}
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>
    const time = (v: unknown) => (typeof v === 'number' ? new Date(v * 1000).toISOString() : undefined)
    const claims: TokenClaims = {alg: header.alg}
    if (typeof payload.sub === 'string') claims.sub = payload.sub
    if (typeof payload.iss === 'string') claims.iss = payload.iss
    if (typeof payload.aud === 'string' || Array.isArray(payload.aud)) claims.aud = payload.aud as string | string[]
    const scope = payload.scope ?? payload.scp
    if (typeof scope === 'string') claims.scope = scope
    else if (Array.isArray(scope)) claims.scope = scope.join(' ')
    claims.exp = time(payload.exp)
    claims.nbf = time(payload.nbf)
    claims.iat = time(payload.iat)
    if (typeof payload.exp === 'number') claims.expired = payload.exp * 1000 <= now
    if (typeof payload.nbf === 'number') claims.notYetValid = payload.nbf * 1000 > now
    return claims
  } catch {
    return undefined
  }
}

function scrub(message: string): string {
  return maskSecrets(redactForOutput(message)).replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '<token>')
}
