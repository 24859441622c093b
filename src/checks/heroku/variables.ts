// Static checks of Heroku Kafka's config vars (no network): present, well-formed, certificates
// that parse, a key that belongs to the client certificate, and dates (KD704, KD305, KD307, KD102).
import {createPrivateKey, type KeyObject, X509Certificate} from 'node:crypto'

import type {EnvSource} from '../../config/env-file.js'
import type {ProfileResult} from '../../config/profile.js'
import {Secret} from '../../config/secret.js'
import {type OpenedKey, extractPem} from '../../config/tls-material.js'
import {type Finding, type KdCode, finding} from '../../diagnosis/finding.js'
import type {EnvValue, HerokuVariables} from '../../platforms/heroku/env.js'
import {HerokuCli, prefixProblem} from '../../platforms/heroku/prefix.js'
import {EXPIRY_WARNING_DAYS} from '../tls.js'
import {maskSecrets} from '../../diagnosis/mask.js'

const DAY_MS = 86_400_000

function heroku(target: string, status: Finding['status'], summary: string, evidence: Record<string, unknown> = {}, code?: KdCode): Finding {
  return finding({check: 'heroku', target, status, summary, evidence, ...(code ? {code} : {})})
}

/** A problem finding that carries the Heroku CLI command fixing it, in the summary and the evidence. */
function problem(target: string, status: 'warn' | 'fail', code: KdCode, summary: string, evidence: Record<string, unknown>, command: string): Finding {
  return heroku(target, status, `${summary} (${command})`, {...evidence, command}, code)
}

/** The Heroku CLI command for a variable problem; where the variables came from decides it. */
export interface VariableFixes {
  /** The variable is not there at all. */
  missing(name: string): string
  /** The value here is broken: fetch Heroku's own value again. */
  refresh(name: string): string
  /** The client certificate is expired, about to expire or not the key's: new credentials. */
  credentials(): string
}

export function variableFixes(cli: HerokuCli, envFile?: string): VariableFixes {
  // A file from `heroku config --shell` is fixed by writing it again; a dyno's environment by Heroku.
  if (envFile) return {missing: () => cli.configShell(envFile), refresh: () => cli.configShell(envFile), credentials: () => cli.configShell(envFile)}
  return {missing: () => cli.config(), refresh: (name) => cli.configGet(name), credentials: () => cli.credentialsReset()}
}

const DEFAULT_FIXES = variableFixes(new HerokuCli())

const missing = (name: string, vars: HerokuVariables, why: string, fixes: VariableFixes): Finding =>
  problem(name, 'fail', 'KD704', `${name} is not set in ${vars.origin}: ${why}`, attachmentHint(vars), fixes.missing(name))

function attachmentHint(vars: HerokuVariables): Record<string, unknown> {
  return vars.otherKafkaNames.length > 0 ? {otherKafkaVariables: vars.otherKafkaNames, hint: 'the add-on may be attached under another name'} : {}
}

// ---------------------------------------------------------------- KAFKA_URL

export interface KafkaUrlCheck {
  findings: Finding[]
  /** host:port of every usable entry (scheme stripped). */
  brokers: string[]
}

const HEROKU_ENTRY = /^kafka\+ssl:\/\/([A-Za-z0-9.-]+):(\d{1,5})\/?$/i
const ANY_ENTRY = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})\/?$/

/** KAFKA_URL: a comma-separated list of kafka+ssl://host:port URLs. */
export function checkKafkaUrl(vars: HerokuVariables, fixes: VariableFixes = DEFAULT_FIXES): KafkaUrlCheck {
  const url = vars.url
  if (!url) return {findings: [missing('KAFKA_URL', vars, 'it lists the brokers (kafka+ssl://host:port,...)', fixes)], brokers: []}
  const brokers: string[] = []
  const problems: {status: 'warn' | 'fail'; reason: string}[] = []
  const entries = url.value.split(',').map((e) => e.trim())
  for (const [index, entry] of entries.entries()) {
    const position = `entry ${index + 1}`
    if (entry === '') {
      problems.push({status: 'warn', reason: `${position} is empty (stray comma)`})
      continue
    }

    const heroku = HEROKU_ENTRY.exec(entry)
    if (heroku && Number(heroku[2]) <= 65_535) {
      brokers.push(`${heroku[1]}:${heroku[2]}`)
      continue
    }

    const other = ANY_ENTRY.exec(entry)
    if (!other || Number(other[3]) > 65_535 || Number(other[3]) < 1) {
      problems.push({status: 'fail', reason: `${position} "${maskSecrets(entry)}" is not kafka+ssl://host:port`})
    } else if (!other[1]) {
      brokers.push(`${other[2]}:${other[3]}`)
      problems.push({status: 'warn', reason: `${position} has no kafka+ssl:// scheme: not the value Heroku sets (was it edited?)`})
    } else {
      problems.push({status: 'fail', reason: `${position} uses ${other[1]}:// where Heroku's KAFKA_URL uses kafka+ssl:// (TLS with the client certificate)`})
    }
  }

  const evidence = {source: url.source, brokers, entries: entries.length}
  if (problems.length === 0) {
    return {
      brokers,
      findings: [heroku('KAFKA_URL', 'pass', `${brokers.length} broker${brokers.length === 1 ? '' : 's'} as kafka+ssl:// URLs (from ${url.source}); clients take them without the scheme: ${brokers.join(',')}`, evidence)],
    }
  }

  const status = problems.some((p) => p.status === 'fail') || brokers.length === 0 ? 'fail' : 'warn'
  const reasons = problems.map((p) => p.reason)
  return {brokers, findings: [problem('KAFKA_URL', status, 'KD704', `KAFKA_URL (from ${url.source}): ${reasons.join('; ')}`, {...evidence, problems: reasons}, fixes.refresh('KAFKA_URL'))]}
}

// ---------------------------------------------------------------- KAFKA_PREFIX

/** KAFKA_PREFIX: set on multi-tenant (basic) plans, ends with ".". Returns the usable prefix. */
export function checkKafkaPrefix(vars: HerokuVariables, fixes: VariableFixes = DEFAULT_FIXES): {finding: Finding; prefix?: string} {
  const prefix = vars.prefix
  if (!prefix) {
    const others = vars.otherKafkaNames.filter((n) => n.endsWith('_PREFIX'))
    return {
      finding: problem('KAFKA_PREFIX', 'warn', 'KD704',
        `KAFKA_PREFIX is not set in ${vars.origin}: fine on a dedicated plan (no prefix); on a multi-tenant (basic) plan every topic and group needs it, so names are not checked against a prefix${others.length > 0 ? ` (seen: ${others.join(', ')})` : ''}`,
        {...attachmentHint(vars), otherPrefixVariables: others}, fixes.missing('KAFKA_PREFIX')),
    }
  }

  const wrong = prefixProblem(prefix.value)
  if (wrong) {
    // --app-prefix is the user's own value; only Heroku's variable has a Heroku fix.
    const command = prefix.source === 'flag --app-prefix' ? 'correct --app-prefix' : fixes.refresh('KAFKA_PREFIX')
    return {finding: problem('KAFKA_PREFIX', 'fail', 'KD704', `KAFKA_PREFIX "${prefix.value.trim()}" (from ${prefix.source}) ${wrong}`, {source: prefix.source, prefix: prefix.value}, command)}
  }

  return {prefix: prefix.value, finding: heroku('KAFKA_PREFIX', 'pass', `KAFKA_PREFIX=${prefix.value} (from ${prefix.source}): topics and consumer groups must start with it`, {source: prefix.source, prefix: prefix.value})}
}

// ---------------------------------------------------------------- certificates

export interface CertificateFacts {
  subject: string
  issuer: string
  validFrom: string
  validTo: string
  daysLeft: number
  fingerprint256: string
  ca: boolean
}

function facts(cert: X509Certificate, now: Date): CertificateFacts {
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    daysLeft: Math.floor((new Date(cert.validTo).getTime() - now.getTime()) / DAY_MS),
    fingerprint256: cert.fingerprint256,
    ca: cert.ca,
  }
}

interface ParsedPem {
  /** PEM blocks of the wanted type. */
  blocks: {type: string; pem: string}[]
  findings: Finding[]
}

/** PEM blocks of a variable, with KD704 for non-PEM text or literal "\n" sequences. Never echoes the value. */
function pemOf(name: string, text: string, source: string, wanted: (type: string) => boolean, kind: string, fixes: VariableFixes): ParsedPem {
  const refresh = fixes.refresh(name)
  const extracted = extractPem(text)
  if (!extracted) {
    return {blocks: [], findings: [problem(name, 'fail', 'KD704', `${name} (from ${source}) is not PEM: no -----BEGIN ${kind.toUpperCase()}----- block`, {source}, refresh)]}
  }

  const findings: Finding[] = []
  if (extracted.literalNewlines) {
    findings.push(problem(name, 'warn', 'KD704',
      `${name} (from ${source}) has literal "\\n" sequences instead of line breaks: librdkafka/OpenSSL reads it as broken PEM; copy it again (kdoctor converted it to go on)`,
      {source, literalNewlines: true}, refresh))
  }

  const blocks = extracted.blocks.filter((b) => wanted(b.type))
  if (blocks.length === 0) {
    findings.push(problem(name, 'fail', 'KD704', `${name} (from ${source}) holds no ${kind} (found: ${[...new Set(extracted.blocks.map((b) => b.type))].join(', ')})`, {source}, refresh))
  }

  return {blocks, findings}
}

const isCertificate = (type: string) => type === 'CERTIFICATE' || type === 'TRUSTED CERTIFICATE'
const isPrivateKey = (type: string) => type.endsWith('PRIVATE KEY')

function parseCertificates(name: string, entry: EnvValue, fixes: VariableFixes): {certs: X509Certificate[]; findings: Finding[]} {
  const {blocks, findings} = pemOf(name, entry.value, entry.source, isCertificate, 'certificate', fixes)
  const certs: X509Certificate[] = []
  for (const [index, block] of blocks.entries()) {
    try {
      certs.push(new X509Certificate(block.pem))
    } catch {
      findings.push(problem(name, 'fail', 'KD704', `${name} (from ${entry.source}): certificate ${index + 1} of ${blocks.length} does not parse`, {source: entry.source, certificate: index + 1}, fixes.refresh(name)))
      return {certs: [], findings}
    }
  }

  return {certs, findings}
}

/** KD305 for a certificate outside its dates, KD307 for one that ends within the warning window. */
function dateFindings(name: string, source: string, all: CertificateFacts[], judged: CertificateFacts[], role: string, now: Date, command: string): Finding[] {
  const findings: Finding[] = []
  const usable = all.filter((c) => new Date(c.validFrom) <= now && new Date(c.validTo) > now)
  for (const cert of judged) {
    const notYet = new Date(cert.validFrom) > now
    const expired = new Date(cert.validTo) <= now
    if (expired || notYet) {
      // During a CA rotation an expired old CA beside a valid new one does no harm.
      const status = role === 'CA' && usable.length > 0 ? 'warn' : 'fail'
      const what = expired ? `expired on ${cert.validTo.slice(0, 10)}` : `is not valid before ${cert.validFrom.slice(0, 10)} (is this machine's clock right?)`
      const consequence = role === 'CA' ? (status === 'warn' ? 'another certificate in it is still valid' : 'the brokers cannot be verified') : 'the broker rejects the TLS handshake (KD306)'
      findings.push(problem(name, status, 'KD305', `${name} (from ${source}): ${role} certificate ${cert.subject} ${what}: ${consequence}; Heroku renews it, so read the variable at boot instead of a copy`, {source, certificate: cert}, command))
    } else if (cert.daysLeft < EXPIRY_WARNING_DAYS) {
      findings.push(problem(name, 'warn', 'KD307', `${name} (from ${source}): ${role} certificate ${cert.subject} expires in ${cert.daysLeft} days (${cert.validTo.slice(0, 10)})`, {source, certificate: cert, warningDays: EXPIRY_WARNING_DAYS}, command))
    }
  }

  return findings
}

/** KAFKA_TRUSTED_CERT: the CA (two during a rotation, both to be trusted). */
export function checkTrustedCert(vars: HerokuVariables, now = new Date(), fixes: VariableFixes = DEFAULT_FIXES): Finding[] {
  const entry = vars.trustedCert
  if (!entry) return [missing('KAFKA_TRUSTED_CERT', vars, "it is the CA that signs the brokers' certificates (ssl.ca.pem)", fixes)]
  const {certs, findings} = parseCertificates('KAFKA_TRUSTED_CERT', entry, fixes)
  if (certs.length === 0) return findings
  const all = certs.map((c) => facts(c, now))
  for (const [index, cert] of all.entries()) {
    if (!cert.ca) {
      findings.push(problem('KAFKA_TRUSTED_CERT', 'warn', 'KD704', `KAFKA_TRUSTED_CERT (from ${entry.source}): certificate ${index + 1} (${cert.subject}) is not a CA certificate; is it the client certificate?`, {source: entry.source, certificate: cert}, fixes.refresh('KAFKA_TRUSTED_CERT')))
    }
  }

  findings.push(...dateFindings('KAFKA_TRUSTED_CERT', entry.source, all, all, 'CA', now, fixes.refresh('KAFKA_TRUSTED_CERT')))
  if (!findings.some((f) => f.status === 'fail')) {
    const list = all.map((c) => `${c.subject} until ${c.validTo.slice(0, 10)}`).join('; ')
    const summary = all.length > 1
      ? `${all.length} CA certificates, a CA rotation in progress: clients must trust them all (pass the whole value as ssl.ca.pem): ${list}`
      : `CA certificate ${list}`
    findings.unshift(heroku('KAFKA_TRUSTED_CERT', 'pass', summary, {source: entry.source, certificates: all, rotation: all.length > 1}))
  }

  return findings
}

export interface ClientMaterialCheck {
  findings: Finding[]
  certificate?: CertificateFacts
  /** The key, opened once here: the profile takes it as it is (never revealed to be parsed again). */
  key?: OpenedKey
}

/** KAFKA_CLIENT_CERT and KAFKA_CLIENT_CERT_KEY: both parse, the key is not encrypted and belongs to the certificate. */
export function checkClientMaterial(vars: HerokuVariables, now = new Date(), fixes: VariableFixes = DEFAULT_FIXES): ClientMaterialCheck {
  const findings: Finding[] = []
  let leaf: X509Certificate | undefined
  let leafFacts: CertificateFacts | undefined
  const certFindings: Finding[] = []
  if (vars.clientCert) {
    const parsed = parseCertificates('KAFKA_CLIENT_CERT', vars.clientCert, fixes)
    certFindings.push(...parsed.findings)
    leaf = parsed.certs[0]
    if (leaf) {
      leafFacts = facts(leaf, now)
      certFindings.push(...dateFindings('KAFKA_CLIENT_CERT', vars.clientCert.source, [leafFacts], [leafFacts], 'client', now, fixes.credentials()))
      if (!certFindings.some((f) => f.status === 'fail')) {
        certFindings.unshift(heroku('KAFKA_CLIENT_CERT', 'pass', `client certificate ${leafFacts.subject}, issued by ${leafFacts.issuer}, valid until ${leafFacts.validTo.slice(0, 10)}`, {source: vars.clientCert.source, certificate: leafFacts}))
      }
    }
  } else {
    certFindings.push(missing('KAFKA_CLIENT_CERT', vars, 'the brokers require this client certificate (ssl.certificate.pem)', fixes))
  }

  findings.push(...certFindings)
  const keyFindings: Finding[] = []
  let key: OpenedKey | undefined
  const variable = vars.clientKey
  if (!variable) {
    keyFindings.push(missing('KAFKA_CLIENT_CERT_KEY', vars, "it is the client certificate's private key (ssl.key.pem)", fixes))
  } else {
    // The key text is revealed here only, to open it; the profile takes the opened key, never the text again.
    const {blocks, findings: pemFindings} = pemOf('KAFKA_CLIENT_CERT_KEY', variable.reveal(), variable.source, isPrivateKey, 'private key', fixes)
    keyFindings.push(...pemFindings)
    const block = blocks[0]
    let opened: KeyObject | undefined
    if (block) {
      const encrypted = block.type === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(block.pem)
      if (encrypted) {
        keyFindings.push(problem('KAFKA_CLIENT_CERT_KEY', 'fail', 'KD704', `KAFKA_CLIENT_CERT_KEY (from ${variable.source}) is encrypted; Heroku's key is not, so this is not the value Heroku set`, {source: variable.source, encrypted: true}, fixes.refresh('KAFKA_CLIENT_CERT_KEY')))
      } else {
        try {
          opened = createPrivateKey({key: block.pem, format: 'pem'})
        } catch (error) {
          keyFindings.push(problem('KAFKA_CLIENT_CERT_KEY', 'fail', 'KD704', `KAFKA_CLIENT_CERT_KEY (from ${variable.source}) does not parse as a private key`, {source: variable.source, error: (error as {code?: string}).code ?? 'parse error'}, fixes.refresh('KAFKA_CLIENT_CERT_KEY')))
        }
      }
    }

    if (opened && block) key = {pem: new Secret(block.pem, variable.source), key: opened, property: 'ssl.key.pem'}
    if (opened) {
      const keyFacts = {source: variable.source, keyType: opened.asymmetricKeyType, bits: opened.asymmetricKeyDetails?.modulusLength}
      if (leaf && !leaf.checkPrivateKey(opened)) {
        keyFindings.push(problem('KAFKA_CLIENT_CERT_KEY', 'fail', 'KD704',
          `KAFKA_CLIENT_CERT_KEY (from ${variable.source}) does not belong to KAFKA_CLIENT_CERT (${leafFacts?.subject}): the two come from different rotations; read both from the same heroku config`,
          {...keyFacts, certificate: leafFacts, matchesCertificate: false}, fixes.credentials()))
      } else if (!keyFindings.some((f) => f.status === 'fail')) {
        const match = leaf ? ', matches KAFKA_CLIENT_CERT' : ''
        keyFindings.unshift(heroku('KAFKA_CLIENT_CERT_KEY', 'pass', `private key (${opened.asymmetricKeyType}${keyFacts.bits ? ` ${keyFacts.bits} bits` : ''})${match}`, {...keyFacts, matchesCertificate: leaf ? true : undefined}))
      }
    }
  }

  findings.push(...keyFindings)
  return {findings, ...(leafFacts ? {certificate: leafFacts} : {}), ...(key ? {key} : {})}
}

// ---------------------------------------------------------------- KD102: KAFKA_URL copied verbatim

/** KD102 for every other variable that holds a kafka+ssl:// URL, i.e. KAFKA_URL copied as it is. */
export function checkKafkaUrlCopies(copies: readonly {name: string; source: string}[], cli: HerokuCli = new HerokuCli()): Finding[] {
  return copies.map((copy) => {
    // A copy also goes stale when Heroku replaces brokers; the app should read KAFKA_URL itself.
    const command = cli.configUnset(copy.name)
    return finding({
      check: 'config',
      target: copy.name,
      status: 'fail',
      code: 'KD102',
      summary: `${copy.name} (from ${copy.source}) holds kafka+ssl:// URLs, KAFKA_URL copied verbatim: librdkafka rejects it (unsupported protocol "KAFKA+SSL"); give clients ENV.fetch('KAFKA_URL').gsub('kafka+ssl://', '') and drop the copy (${command})`,
      evidence: {variable: copy.name, source: copy.source, scheme: 'kafka+ssl', command},
    })
  })
}

// ---------------------------------------------------------------- the profile's repeats

/**
 * The config findings the variable checks already made in Heroku's terms: KD106 for the three
 * certificate variables (KD704 here) and the KD102 note that kdoctor itself strips KAFKA_URL's scheme.
 */
export function withoutHerokuRepeats<T extends ProfileResult>(result: T, env?: EnvSource): T {
  // The variables' sources as the profile names them: "env KAFKA_URL" or "heroku.env:5".
  const sourceOf = (name: string) => (env ? env.values.get(name)?.source : `env ${name}`)
  const tlsSources = new Set(['KAFKA_TRUSTED_CERT', 'KAFKA_CLIENT_CERT', 'KAFKA_CLIENT_CERT_KEY'].map(sourceOf).filter((s) => s !== undefined))
  const findings = result.findings.filter((f) => {
    const e = f.evidence as {source?: string; certificateSource?: string; keySource?: string}
    if (f.code === 'KD106') return ![e.source, e.certificateSource, e.keySource].some((s) => s !== undefined && tlsSources.has(s))
    if (f.code === 'KD102' && f.status === 'warn') return e.source !== sourceOf('KAFKA_URL')
    return true
  })
  return {...result, findings}
}
