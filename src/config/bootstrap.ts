import type {Finding} from '../diagnosis/finding.js'
import {configFinding} from './config-finding.js'
import type {BootstrapAddress, SecurityProtocol, Source} from './profile.js'
import {MAX_BOOTSTRAP_ENTRIES} from '../core/limits.js'
import {InputError} from '../core/input-error.js'

export const DEFAULT_KAFKA_PORT = 9092

/** URL schemes librdkafka itself accepts in front of a broker address (rdkafka_broker.c). */
const LIBRDKAFKA_SCHEMES: Readonly<Record<string, SecurityProtocol>> = {
  plaintext: 'PLAINTEXT',
  ssl: 'SSL',
  sasl_plaintext: 'SASL_PLAINTEXT',
  sasl_ssl: 'SASL_SSL',
}

/** Schemes seen in the wild that librdkafka rejects ("unsupported protocol"), and what they mean. */
const FOREIGN_SCHEMES: Readonly<Record<string, SecurityProtocol>> = {
  'kafka+ssl': 'SSL', // Heroku KAFKA_URL
  kafka: 'PLAINTEXT', // Heroku KAFKA_PLAINTEXT_URL and others
  'kafka+tls': 'SSL',
  tls: 'SSL',
}

export interface BootstrapParse {
  addresses: BootstrapAddress[]
  findings: Finding[]
  /** The protocol a URL scheme implies (kafka+ssl:// → SSL), from the first entry with a scheme. */
  impliedProtocol?: {value: SecurityProtocol; scheme: string}
  /** Lower-cased schemes found, e.g. ["kafka+ssl"]. */
  schemes: string[]
}

export interface BootstrapParseOptions {
  /** The list is kdoctor's own fallback (env KAFKA_URL), not something the user handed a client. */
  fromKafkaUrlFallback?: boolean
}

interface EntryResult {
  address?: BootstrapAddress
  problems: {status: 'warn' | 'fail'; reason: string}[]
  scheme?: string
  hadCredentials?: boolean
}

/**
 * Splits a bootstrap list into addresses, keeping going wherever it can: schemes are stripped
 * (KD102), a missing port becomes 9092 as librdkafka does, stray spaces are tolerated (KD103 warn);
 * entries that cannot be used at all are dropped with a KD103 fail. An empty result is reported as
 * a finding, never thrown.
 */
export function parseBootstrapList(raw: string, source: Source, options: BootstrapParseOptions = {}): BootstrapParse {
  const findings: Finding[] = []
  const addresses: BootstrapAddress[] = []
  const schemes: string[] = []
  let impliedProtocol: BootstrapParse['impliedProtocol']
  const schemeEntries: string[] = []
  let credentialsInUrl = false

  if (raw.trim() === '') {
    findings.push(
      configFinding('KD103', 'fail', 'bootstrap.servers', `bootstrap list from ${source} is empty`, {source, entries: []}),
    )
    return {addresses, findings, schemes}
  }

  const pieces = raw.split(',')
  if (pieces.length > MAX_BOOTSTRAP_ENTRIES) {
    throw new InputError(`${pieces.length} bootstrap entries, over kdoctor's limit of ${MAX_BOOTSTRAP_ENTRIES}: a few brokers are enough to bootstrap`, source)
  }

  for (const [index, piece] of pieces.entries()) {
    const trimmed = piece.trim()
    if (trimmed === '') {
      findings.push(
        configFinding('KD103', 'warn', 'bootstrap.servers', `bootstrap list from ${source} has an empty entry (position ${index + 1}): stray comma`, {
          source,
          position: index + 1,
        }),
      )
      continue
    }

    const tokens = trimmed.split(/\s+/)
    const spacing: EntryResult['problems'] = []
    if (tokens.length > 1) {
      spacing.push({status: 'warn', reason: 'entries separated by spaces instead of commas (librdkafka copes, Java and kafkajs do not)'})
    } else if (piece !== trimmed) {
      spacing.push({status: 'warn', reason: 'stray spaces around the entry'})
    }

    for (const token of tokens) {
      const result = parseEntry(token, tokens.length > 1 ? token : piece, source)
      const problems = [...spacing, ...result.problems]
      if (result.address) addresses.push(result.address)
      if (result.scheme) {
        schemes.push(result.scheme)
        schemeEntries.push(result.address?.raw ?? redactUserinfo(token))
        const implied = LIBRDKAFKA_SCHEMES[result.scheme] ?? FOREIGN_SCHEMES[result.scheme]
        if (implied && !impliedProtocol) impliedProtocol = {value: implied, scheme: result.scheme}
      }

      if (result.hadCredentials) credentialsInUrl = true
      if (problems.length > 0) {
        const status = problems.some((p) => p.status === 'fail') ? 'fail' : 'warn'
        const shown = result.address?.raw ?? redactUserinfo(tokens.length > 1 ? token : piece)
        findings.push(
          configFinding('KD103', status, result.address ? `${result.address.host}:${result.address.port}` : 'bootstrap.servers',
            `bootstrap entry "${shown}" from ${source}: ${problems.map((p) => p.reason).join('; ')}`,
            {source, entry: shown, problems: problems.map((p) => p.reason), usable: result.address !== undefined}),
        )
      }
    }
  }

  if (schemes.length > 0) findings.unshift(schemeFinding(schemes, schemeEntries, source, options, credentialsInUrl))

  if (addresses.length === 0) {
    findings.push(
      configFinding('KD103', 'fail', 'bootstrap.servers', `no usable bootstrap address in the list from ${source}`, {
        source,
        entries: pieces.length,
      }),
    )
  }

  return {addresses, findings, schemes, ...(impliedProtocol ? {impliedProtocol} : {})}
}

function schemeFinding(
  schemes: string[],
  entries: string[],
  source: Source,
  options: BootstrapParseOptions,
  credentialsInUrl: boolean,
): Finding {
  const distinct = [...new Set(schemes)]
  const shown = distinct.map((s) => `${s}://`).join(', ')
  const evidence = {source, schemes: distinct, entries, strippedForProbing: true}
  const foreign = distinct.filter((s) => !(s in LIBRDKAFKA_SCHEMES))
  if (credentialsInUrl) {
    return configFinding('KD102', 'fail', 'bootstrap.servers',
      `bootstrap list from ${source} is a URL with credentials in it (${shown}); give host:port entries and put credentials in sasl.username / sasl.password`,
      {...evidence, credentialsRemoved: true})
  }

  if (options.fromKafkaUrlFallback) {
    return configFinding('KD102', 'warn', 'bootstrap.servers',
      `${source} carries ${shown}; kdoctor strips it, but a librdkafka client given it verbatim fails with 'unsupported protocol': set bootstrap.servers to the host:port list without the scheme`,
      evidence)
  }

  if (foreign.length > 0) {
    return configFinding('KD102', 'fail', 'bootstrap.servers',
      `bootstrap list from ${source} carries ${shown}: librdkafka rejects it ('unsupported protocol'), kafkajs reads the scheme as a host; remove the scheme (kdoctor probes without it)`,
      evidence)
  }

  return configFinding('KD102', 'warn', 'bootstrap.servers',
    `bootstrap list from ${source} carries ${shown}: librdkafka accepts it, but Java and kafkajs clients do not; prefer plain host:port and security.protocol`,
    evidence)
}

function redactUserinfo(entry: string): string {
  return entry.replace(/^([A-Za-z][A-Za-z0-9+._-]*:\/\/)?[^/@]*@/, (_m, scheme: string | undefined) => `${scheme ?? ''}***@`)
}

const HOST_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?$/

function parseEntry(token: string, written: string, source: Source): EntryResult {
  const problems: EntryResult['problems'] = []
  let rest = token
  let scheme: string | undefined
  let hadCredentials = false

  const schemeMatch = /^([A-Za-z][A-Za-z0-9+._-]*):\/\//.exec(rest)
  if (schemeMatch) {
    scheme = schemeMatch[1]!.toLowerCase()
    rest = rest.slice(schemeMatch[0].length)
  }

  const slash = rest.indexOf('/')
  if (slash !== -1) rest = rest.slice(0, slash)
  const at = rest.lastIndexOf('@')
  if (at !== -1) {
    hadCredentials = true
    rest = rest.slice(at + 1)
  }

  const raw = hadCredentials ? redactUserinfo(written) : written
  const result = (address?: BootstrapAddress): EntryResult => ({
    problems,
    ...(address ? {address} : {}),
    ...(scheme ? {scheme} : {}),
    hadCredentials,
  })

  let host: string
  let portText: string | undefined
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(rest)
  if (bracketed) {
    host = bracketed[1]!
    portText = bracketed[2]
    if (!/^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?$/.test(host) || !host.includes(':')) {
      problems.push({status: 'fail', reason: `"[${host}]" is not an IPv6 address`})
      return result()
    }
  } else {
    const colons = rest.split(':').length - 1
    if (colons > 1) {
      problems.push({status: 'fail', reason: 'looks like an IPv6 address without brackets: write it as [address]:port'})
      return result()
    }

    const colon = rest.indexOf(':')
    host = colon === -1 ? rest : rest.slice(0, colon)
    portText = colon === -1 ? undefined : rest.slice(colon + 1)
    if (host === '') {
      problems.push({status: 'fail', reason: 'no host name before the port'})
      return result()
    }

    if (!HOST_NAME.test(host)) {
      problems.push({status: 'fail', reason: `"${host}" is not a valid host name`})
      return result()
    }
  }

  let port = DEFAULT_KAFKA_PORT
  if (portText === undefined) {
    problems.push({status: 'warn', reason: `no port: librdkafka assumes ${DEFAULT_KAFKA_PORT}, Java and kafkajs reject it`})
  } else if (portText === '') {
    problems.push({status: 'fail', reason: 'empty port after ":"'})
    return result()
  } else if (/^\d{1,5}$/.test(portText) && Number(portText) >= 1 && Number(portText) <= 65_535) {
    port = Number(portText)
  } else {
    problems.push({status: 'fail', reason: `port "${portText}" is not a number from 1 to 65535`})
    return result()
  }

  return result({host, port, raw, source})
}
