import {createPrivateKey, type KeyObject, X509Certificate} from 'node:crypto'
import {createSecureContext} from 'node:tls'
import {readdir, stat} from 'node:fs/promises'
import {extname, join} from 'node:path'

import type {Finding} from '../diagnosis/finding.js'
import {configFinding} from './config-finding.js'
import type {Sourced} from './profile.js'
import type {ResolvedProperty} from './properties.js'
import {fsReason, readUserFile} from './read-file.js'
import {Secret} from './secret.js'
import {MAX_CERT_FILE_BYTES} from '../core/limits.js'

/** The TLS properties that name or carry material (each optional, as resolved from the input). */
export interface TlsMaterialInput {
  caLocation?: ResolvedProperty
  caPem?: ResolvedProperty
  certificateLocation?: ResolvedProperty
  certificatePem?: ResolvedProperty
  keyLocation?: ResolvedProperty
  keyPem?: ResolvedProperty
  keyPassword?: ResolvedProperty
  keystoreLocation?: ResolvedProperty
  keystorePassword?: ResolvedProperty
  /** A key read and opened before (Heroku's KAFKA_CLIENT_CERT_KEY): used when neither keyPem nor keyLocation is given. */
  openedKey?: OpenedKey
  /** Where a named file is read (--from-pid maps the app's paths into /proc/PID/root). */
  appPath?: (path: string) => string
}

/**
 * A private key already read and opened by its own check: its PEM stays a Secret, and the opened
 * key answers whether it belongs to a certificate. Nothing reveals the text to pass it on.
 */
export interface OpenedKey {
  /** The PEM text, normalised; its source is where the key came from ("env KAFKA_CLIENT_CERT_KEY"). */
  pem: Secret
  key: KeyObject
  /** The librdkafka property it stands for. */
  property: 'ssl.key.pem'
}

export interface TlsMaterial {
  /** One PEM text (one or more certificates) per source: the property, or each file of a CA directory. */
  caPems: Sourced<string>[]
  certificatePem?: Sourced<string>
  keyPem?: Secret
  keyPassword?: Secret
  /** A PKCS#12 key store (ssl.keystore.location), base64, for Node's pfx option. */
  pfx?: Secret
  pfxPassword?: Secret
  findings: Finding[]
}

interface PemBlock {
  type: string
  pem: string
}

interface ExtractedPem {
  blocks: PemBlock[]
  /** The value only parsed after turning literal "\n" sequences into line breaks. */
  literalNewlines: boolean
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g

function extractBlocks(text: string): PemBlock[] | undefined {
  const blocks: PemBlock[] = []
  for (const match of text.matchAll(BLOCK)) {
    const type = match[1]!
    const lines = match[2]!.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')
    // Legacy encrypted keys carry "Proc-Type: ..." / "DEK-Info: ..." header lines before the base64.
    const body = lines.filter((l) => !l.includes(':'))
    if (body.length === 0 || !body.every((l) => /^[A-Za-z0-9+/=]+$/.test(l))) return undefined
    const headers = lines.filter((l) => l.includes(':'))
    const headerText = headers.length > 0 ? `${headers.join('\n')}\n\n` : ''
    blocks.push({type, pem: `-----BEGIN ${type}-----\n${headerText}${body.join('\n')}\n-----END ${type}-----\n`})
  }

  return blocks.length > 0 ? blocks : undefined
}

/** Finds PEM blocks, retrying with literal "\n" sequences turned into line breaks (env var copy/paste). */
export function extractPem(value: string): ExtractedPem | undefined {
  const direct = extractBlocks(value)
  if (direct) return {blocks: direct, literalNewlines: false}
  if (!/\\[nr]/.test(value)) return undefined
  const normalized = extractBlocks(value.replace(/\\r\\n|\\n|\\r/g, '\n'))
  return normalized ? {blocks: normalized, literalNewlines: true} : undefined
}

/** Why bytes that are not PEM might not be: a keystore, DER, or something else. */
function notPemHint(bytes: Buffer, path?: string): string {
  const ext = path ? extname(path).toLowerCase() : ''
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xfe_ed_fe_ed) return 'it is a Java keystore (JKS): export PEM with keytool -exportcert -rfc / openssl'
  if (['.p12', '.pfx'].includes(ext)) return 'it looks like a PKCS#12 file: convert with openssl pkcs12 -nodes, or use ssl.keystore.location'
  if (ext === '.jks') return 'it looks like a Java keystore: export PEM with keytool -exportcert -rfc'
  if (bytes.length > 0 && bytes[0] === 0x30) return 'it looks like DER (binary): convert with openssl x509 -inform der -outform pem'
  if (/-----BEGIN/.test(bytes.toString('latin1'))) return 'a PEM block is malformed (broken base64 or missing line breaks)'
  return 'no -----BEGIN ...----- block found'
}

function describeProperty(prop: ResolvedProperty, path?: string): string {
  return path ? `${prop.key} ${path} (from ${prop.source})` : `${prop.key} (from ${prop.source})`
}

/** Where material came from: a file path named by a property, or the property's own value. */
interface MaterialText {
  prop: ResolvedProperty
  text: string
  bytes: Buffer
  path?: string
}

async function readMaterial(prop: ResolvedProperty, isLocation: boolean, findings: Finding[], appPath: (path: string) => string): Promise<MaterialText | undefined> {
  if (!isLocation) return {prop, text: prop.value, bytes: Buffer.from(prop.value, 'utf8')}
  const path = prop.value
  // PEM text pasted where a path belongs (-X ssl.key.location="$(cat key.pem)"): say so, never echo it.
  if (/-----BEGIN|[\r\n]/.test(path)) {
    const pemKey = prop.key.replace(/\.location$/, '.pem')
    findings.push(
      configFinding('KD106', 'fail', prop.key, `${prop.key} (from ${prop.source}) holds PEM text, not a file path: put the text in ${pemKey}, or the path in ${prop.key}`, {
        property: prop.key,
        source: prop.source,
        error: 'pem-text-as-path',
      }),
    )
    return undefined
  }

  const read = await readUserFile(appPath(path), {maxBytes: MAX_CERT_FILE_BYTES})
  if (!read.ok) {
    findings.push(
      configFinding('KD106', 'fail', prop.key, `${describeProperty(prop, path)}: ${read.reason}`, {
        property: prop.key,
        path,
        source: prop.source,
        error: read.code ?? 'unreadable',
      }),
    )
    return undefined
  }

  return {prop, text: read.bytes.toString('utf8'), bytes: read.bytes, path}
}

/** PEM blocks of the wanted kind, with KD106 findings for literal "\n" or non-PEM input. */
function pemBlocks(material: MaterialText, wanted: (type: string) => boolean, kind: string, findings: Finding[]): PemBlock[] | undefined {
  const {prop, path} = material
  const what = describeProperty(prop, path)
  const extracted = extractPem(material.text)
  const evidence = {property: prop.key, source: prop.source, ...(path ? {path} : {})}
  if (!extracted) {
    findings.push(configFinding('KD106', 'fail', prop.key, `${what} is not a PEM ${kind}: ${notPemHint(material.bytes, path)}`, evidence))
    return undefined
  }

  if (extracted.literalNewlines) {
    findings.push(
      configFinding('KD106', 'warn', prop.key,
        `${what} has literal "\\n" sequences instead of line breaks; kdoctor converted them, but librdkafka/OpenSSL reads such a value as broken PEM: restore real newlines (or convert them in the app)`,
        {...evidence, literalNewlines: true}),
    )
  }

  const blocks = extracted.blocks.filter((b) => wanted(b.type))
  if (blocks.length === 0) {
    findings.push(
      configFinding('KD106', 'fail', prop.key, `${what} holds no ${kind} (found: ${[...new Set(extracted.blocks.map((b) => b.type))].join(', ')})`, evidence),
    )
    return undefined
  }

  return blocks
}

function parseCertificates(blocks: PemBlock[], material: MaterialText, findings: Finding[]): X509Certificate[] | undefined {
  const certificates: X509Certificate[] = []
  for (const [index, block] of blocks.entries()) {
    try {
      certificates.push(new X509Certificate(block.pem))
    } catch {
      findings.push(
        configFinding('KD106', 'fail', material.prop.key,
          `${describeProperty(material.prop, material.path)}: certificate ${index + 1} of ${blocks.length} does not parse`,
          {property: material.prop.key, source: material.prop.source, ...(material.path ? {path: material.path} : {}), certificate: index + 1}),
      )
      return undefined
    }
  }

  return certificates
}

function certificateFacts(cert: X509Certificate): Record<string, unknown> {
  return {subject: cert.subject, issuer: cert.issuer, validTo: cert.validTo, fingerprint256: cert.fingerprint256}
}

const isCertificate = (type: string): boolean => type === 'CERTIFICATE' || type === 'TRUSTED CERTIFICATE'
const isPrivateKey = (type: string): boolean => type.endsWith('PRIVATE KEY')

function parses(pem: string): boolean {
  try {
    void new X509Certificate(pem)
    return true
  } catch {
    return false
  }
}

async function loadCaDirectory(prop: ResolvedProperty, findings: Finding[], appPath: (path: string) => string): Promise<Sourced<string>[]> {
  const dir = appPath(prop.value)
  const pems: Sourced<string>[] = []
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names.sort()) {
    const read = await readUserFile(join(dir, name), {maxBytes: MAX_CERT_FILE_BYTES})
    if (!read.ok) continue
    // A directory of CA files may hold other things: files without parsable certificates are skipped.
    const usable = (extractBlocks(read.bytes.toString('utf8')) ?? []).filter((b) => isCertificate(b.type) && parses(b.pem))
    if (usable.length > 0) pems.push({value: usable.map((b) => b.pem).join(''), source: `${prop.source} (${name})`})
  }

  if (pems.length === 0) {
    findings.push(
      configFinding('KD106', 'fail', prop.key, `${describeProperty(prop, dir)} is a directory without any PEM CA certificate`, {
        property: prop.key,
        path: dir,
        source: prop.source,
      }),
    )
  }

  return pems
}

async function loadCas(input: TlsMaterialInput, findings: Finding[], appPath: (path: string) => string): Promise<Sourced<string>[]> {
  const pems: Sourced<string>[] = []
  if (input.caLocation && input.caLocation.value !== 'probe') {
    const info = await stat(appPath(input.caLocation.value)).catch(() => undefined)
    if (info?.isDirectory()) {
      pems.push(...(await loadCaDirectory(input.caLocation, findings, appPath)))
    } else {
      pems.push(...(await loadCaText(input.caLocation, true, findings, appPath)))
    }
  }

  if (input.caPem) pems.push(...(await loadCaText(input.caPem, false, findings, appPath)))
  return pems
}

async function loadCaText(prop: ResolvedProperty, isLocation: boolean, findings: Finding[], appPath: (path: string) => string): Promise<Sourced<string>[]> {
  const material = await readMaterial(prop, isLocation, findings, appPath)
  if (!material) return []
  const blocks = pemBlocks(material, isCertificate, 'CA certificate', findings)
  if (!blocks || !parseCertificates(blocks, material, findings)) return []
  return [{value: blocks.map((b) => b.pem).join(''), source: prop.source}]
}

interface LoadedKey {
  pem: string
  key?: KeyObject
}

function loadKey(blocks: PemBlock[], material: MaterialText, password: ResolvedProperty | undefined, findings: Finding[]): LoadedKey | undefined {
  const block = blocks[0]!
  const pem = block.pem
  const what = describeProperty(material.prop, material.path)
  const evidence = {property: material.prop.key, source: material.prop.source, ...(material.path ? {path: material.path} : {})}
  const encrypted = block.type === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(pem)
  if (encrypted && !password) {
    findings.push(configFinding('KD106', 'fail', material.prop.key, `${what} is encrypted but ssl.key.password is not set`, {...evidence, encrypted: true}))
    return {pem}
  }

  try {
    const key = createPrivateKey({key: pem, format: 'pem', ...(password ? {passphrase: password.value} : {})})
    return {pem, key}
  } catch (error) {
    const code = (error as {code?: string}).code
    const summary = encrypted
      ? `${what} could not be decrypted with ssl.key.password (from ${password?.source ?? 'unset'})`
      : `${what} does not parse as a private key`
    findings.push(configFinding('KD106', 'fail', material.prop.key, summary, {...evidence, encrypted, error: code ?? 'parse error'}))
    return {pem}
  }
}

/**
 * Loads CA, client certificate and key into PEM strings and checks them the way OpenSSL will:
 * files exist, values are PEM (literal "\n" repaired with a warning), certificates parse, an
 * encrypted key has a password that opens it, and the key belongs to the certificate.
 * Every problem is a KD106 finding; nothing here throws for bad material.
 */
export async function loadTlsMaterial(input: TlsMaterialInput): Promise<TlsMaterial> {
  const findings: Finding[] = []
  const appPath = input.appPath ?? ((path: string) => path)
  const caPems = await loadCas(input, findings, appPath)
  const result: TlsMaterial = {caPems, findings}

  if (input.keyPassword) result.keyPassword = new Secret(input.keyPassword.value, input.keyPassword.source)

  let certificate: {cert: X509Certificate; material: MaterialText} | undefined
  const certProp = input.certificatePem ?? input.certificateLocation
  if (certProp) {
    const material = await readMaterial(certProp, certProp === input.certificateLocation, findings, appPath)
    const blocks = material && pemBlocks(material, isCertificate, 'certificate', findings)
    const certs = material && blocks && parseCertificates(blocks, material, findings)
    if (material && blocks && certs) {
      result.certificatePem = {value: blocks.map((b) => b.pem).join(''), source: certProp.source}
      certificate = {cert: certs[0]!, material}
    }
  }

  // The key that goes to the probes, and how findings name it.
  let key: {opened: KeyObject; described: string; property: string; source: string} | undefined
  const keyProp = input.keyPem ?? input.keyLocation
  const openedKey = keyProp ? undefined : input.openedKey
  if (keyProp) {
    const material = await readMaterial(keyProp, keyProp === input.keyLocation, findings, appPath)
    const blocks = material && pemBlocks(material, isPrivateKey, 'private key', findings)
    const loaded = material && blocks && loadKey(blocks, material, input.keyPassword, findings)
    // Only a key that opened goes to the probes: OpenSSL would refuse the others anyway.
    if (material && loaded?.key) {
      result.keyPem = new Secret(loaded.pem, keyProp.source)
      key = {opened: loaded.key, described: describeProperty(material.prop, material.path), property: keyProp.key, source: keyProp.source}
    }
  } else if (openedKey) {
    result.keyPem = openedKey.pem
    key = {opened: openedKey.key, described: `${openedKey.property} (from ${openedKey.pem.source})`, property: openedKey.property, source: openedKey.pem.source}
  }

  const keyGiven = keyProp ?? (openedKey ? {key: openedKey.property, source: openedKey.pem.source} : undefined)
  if (certProp && !keyGiven) {
    findings.push(
      configFinding('KD106', 'fail', certProp.key, `client certificate ${describeProperty(certProp)} is set without a private key (ssl.key.location or ssl.key.pem)`, {
        property: certProp.key,
        source: certProp.source,
      }),
    )
  } else if (keyGiven && !certProp) {
    findings.push(
      configFinding('KD106', 'fail', keyGiven.key, `private key ${keyGiven.key} (from ${keyGiven.source}) is set without a client certificate (ssl.certificate.location or ssl.certificate.pem)`, {
        property: keyGiven.key,
        source: keyGiven.source,
      }),
    )
  }

  if (certificate && key && !certificate.cert.checkPrivateKey(key.opened)) {
    // librdkafka refuses to start with a mismatched pair; the probes go without it.
    delete result.certificatePem
    delete result.keyPem
    findings.push(
      configFinding('KD106', 'fail', key.property,
        `private key ${key.described} does not match the client certificate ${describeProperty(certificate.material.prop, certificate.material.path)}`,
        {
          certificate: certificateFacts(certificate.cert),
          certificateKeyType: certificate.cert.publicKey.asymmetricKeyType,
          keyType: key.opened.asymmetricKeyType,
          certificateSource: certificate.material.prop.source,
          keySource: key.source,
          omittedFromProbes: true,
        }),
    )
  }

  if (input.keystoreLocation) {
    const keystore = await loadKeystore(input.keystoreLocation, input.keystorePassword, appPath, findings)
    if (keystore) {
      result.pfx = keystore.pfx
      if (keystore.password) result.pfxPassword = keystore.password
    }
  }

  return result
}

/** The command that turns a Java key store into PKCS#12, which Node (and librdkafka) read. */
export function jksToPkcs12Command(path: string): string {
  const target = path.replace(/\.jks$/i, '') + '.p12'
  return `keytool -importkeystore -srckeystore ${path} -srcstoretype JKS -destkeystore ${target} -deststoretype PKCS12`
}

/**
 * ssl.keystore.location: a PKCS#12 file (librdkafka's only key store format) is opened with
 * ssl.keystore.password and handed to Node's TLS as pfx; a Java key store (JKS) cannot be read:
 * KD106 with the keytool command that converts it.
 */
async function loadKeystore(
  prop: ResolvedProperty,
  password: ResolvedProperty | undefined,
  appPath: (path: string) => string,
  findings: Finding[],
): Promise<{pfx: Secret; password?: Secret} | undefined> {
  const path = prop.value
  const evidence = {property: prop.key, path, source: prop.source}
  const read = await readUserFile(appPath(path), {maxBytes: MAX_CERT_FILE_BYTES})
  if (!read.ok) {
    findings.push(configFinding('KD106', 'fail', prop.key, `${describeProperty(prop, path)}: ${read.reason}`, {...evidence, error: read.code ?? 'unreadable'}))
    return undefined
  }

  if (read.bytes.length >= 4 && read.bytes.readUInt32BE(0) === 0xfe_ed_fe_ed) {
    const command = jksToPkcs12Command(path)
    findings.push(
      configFinding('KD106', 'fail', prop.key, `${describeProperty(prop, path)} is a Java key store (JKS), which neither librdkafka nor Node can read: convert it with \`${command}\` and point ssl.keystore.location at the .p12`, {
        ...evidence,
        storeType: 'JKS',
        command,
      }),
    )
    return undefined
  }

  try {
    createSecureContext({pfx: read.bytes, ...(password ? {passphrase: password.value} : {})})
  } catch (error) {
    const message = String((error as Error).message ?? '')
    const wrongPassword = /mac verify|password/i.test(message)
    findings.push(
      configFinding('KD106', 'fail', prop.key,
        wrongPassword
          ? `${describeProperty(prop, path)} does not open with ssl.keystore.password (${password ? `from ${password.source}` : 'not set'})`
          : `${describeProperty(prop, path)} is not a PKCS#12 key store Node can read (${notPemHint(read.bytes, path)})`,
        {...evidence, error: wrongPassword ? 'wrong password' : 'unreadable PKCS#12'}),
    )
    return undefined
  }

  return {
    pfx: new Secret(read.bytes.toString('base64'), prop.source),
    ...(password ? {password: new Secret(password.value, password.source)} : {}),
  }
}
