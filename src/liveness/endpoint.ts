// Where the liveness listener is: a URL argument, or --host/--port/--path. Bad input is an
// InputError (one line, exit 2) before anything is sent.

import {InputError} from '../core/input-error.js'
import {maskSecrets, registerSecret, secretsIn} from '../diagnosis/mask.js'
import {KARAFKA_LISTENER} from './defaults.js'

export interface LivenessEndpoint {
  /** What findings are filed under: http://host:port/path (never with credentials). */
  url: string
  /** Host name or address as dialled (IPv6 without brackets). */
  host: string
  port: number
  path: string
  /** True when the user named the port (URL with a port, or --port). */
  portGiven: boolean
  /** Where the endpoint came from, for messages: "argument URL" or "--host/--port". */
  source: string
}

export interface EndpointInput {
  url?: string
  host?: string
  port?: number
  path?: string
}

export const DEFAULT_HOST = 'localhost'

/** True when the user named an endpoint at all (otherwise the default is localhost:3000). */
export function endpointGiven(input: EndpointInput): boolean {
  return input.url !== undefined || input.host !== undefined || input.port !== undefined
}

export function parseEndpoint(input: EndpointInput): LivenessEndpoint {
  if (input.url !== undefined) {
    if (input.host !== undefined || input.port !== undefined) {
      throw new InputError('give either a URL or --host/--port, not both', 'argument URL')
    }

    return fromUrl(input.url, input.path)
  }

  const host = input.host ?? DEFAULT_HOST
  // Credentials have no place in --host (the listener takes none): refuse without echoing them.
  if (host.includes('@')) throw new InputError('credentials (user:password@) are not part of a host; give only the host name or address', '--host')
  if (!/^(?:[A-Za-z0-9_.-]+|\[?[0-9A-Fa-f:.%]+\]?)$/.test(host)) throw new InputError(`"${maskSecrets(host)}" is not a host name or address`, '--host')
  const port = input.port ?? KARAFKA_LISTENER.port
  checkPort(port, '--port')
  const path = normalisePath(input.path ?? '/', '--path')
  const bare = host.replace(/^\[(.*)\]$/, '$1')
  return {url: formatUrl(bare, port, path), host: bare, port, path, portGiven: input.port !== undefined, source: '--host/--port'}
}

function fromUrl(text: string, pathFlag: string | undefined): LivenessEndpoint {
  const source = 'argument URL'
  const trimmed = text.trim()
  // "localhost:3000" and "10.0.0.7:3000/" are fine too: the scheme can only be http.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new InputError(`"${maskSecrets(text)}" is not a URL (example: http://localhost:3000/)`, source)
  }

  // The listener takes no credentials; any given are dropped, and never printed.
  registerSecret(decodeURIComponent(url.password))
  registerSecret(url.password)

  if (url.protocol !== 'http:') {
    throw new InputError(`"${url.protocol}//" is not supported: the Karafka liveness listener speaks plain HTTP (http://host:3000/)`, source)
  }

  if (url.hostname === '') throw new InputError(`"${text}" has no host`, source)
  const port = url.port === '' ? KARAFKA_LISTENER.port : Number(url.port)
  checkPort(port, source)
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const path = pathFlag === undefined ? url.pathname + url.search : normalisePath(pathFlag, '--path')
  return {url: formatUrl(host, port, path), host, port, path, portGiven: url.port !== '', source}
}

/** A port as typed ("3000"): a whole number from 1 to 65535, or an InputError naming `source`. */
export function parsePort(text: string, source: string): number {
  if (!/^\s*\d+\s*$/.test(text)) throw new InputError(`"${text}" is not a port number (1–65535)`, source)
  const port = Number(text)
  checkPort(port, source)
  return port
}

function checkPort(port: number, source: string): void {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new InputError(`port ${port} is not between 1 and 65535`, source)
}

function normalisePath(path: string, source: string): string {
  if (/\s/.test(path)) throw new InputError(`"${path}" is not a URL path`, source)
  return path.startsWith('/') ? path : `/${path}`
}

/** The URL as shown in findings: query values that look like secrets (?token=…) masked. */
export function formatUrl(host: string, port: number, path: string): string {
  const shownHost = host.includes(':') ? `[${host}]` : host
  for (const secret of secretsIn(path)) registerSecret(secret)
  return `http://${shownHost}:${port}${maskSecrets(path)}`
}
