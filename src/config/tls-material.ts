import {createPrivateKey, type KeyObject, X509Certificate} from 'node:crypto'
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
}

export interface TlsMaterial {
  /** One PEM text (one or more certificates) per source: the property, or each file of a CA directory. */
  caPems: Sourced<string>[]
  certificatePem?: Sourced<string>
  keyPem?: Secret
  keyPassword?: Secret
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

async function readMaterial(prop: ResolvedProperty, isLocation: boolean, findings: Finding[]): Promise<MaterialText | undefined> {
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

  const read = await readUserFile(path, {maxBytes: MAX_CERT_FILE_BYTES})
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

async function loadCaDirectory(prop: ResolvedProperty, findings: Finding[]): Promise<Sourced<string>[]> {
  const dir = prop.value
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

async function loadCas(input: TlsMaterialInput, findings: Finding[]): Promise<Sourced<string>[]> {
  const pems: Sourced<string>[] = []
  if (input.caLocation && input.caLocation.value !== 'probe') {
    const info = await stat(input.caLocation.value).catch(() => undefined)
    if (info?.isDirectory()) {
      pems.push(...(await loadCaDirectory(input.caLocation, findings)))
    } else {
      pems.push(...(await loadCaText(input.caLocation, true, findings)))
    }
  }

  if (input.caPem) pems.push(...(await loadCaText(input.caPem, false, findings)))
  return pems
}

async function loadCaText(prop: ResolvedProperty, isLocation: boolean, findings: Finding[]): Promise<Sourced<string>[]> {
  const material = await readMaterial(prop, isLocation, findings)
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
  const caPems = await loadCas(input, findings)
  const result: TlsMaterial = {caPems, findings}

  if (input.keyPassword) result.keyPassword = new Secret(input.keyPassword.value, input.keyPassword.source)

  let certificate: {cert: X509Certificate; material: MaterialText} | undefined
  const certProp = input.certificatePem ?? input.certificateLocation
  if (certProp) {
    const material = await readMaterial(certProp, certProp === input.certificateLocation, findings)
    const blocks = material && pemBlocks(material, isCertificate, 'certificate', findings)
    const certs = material && blocks && parseCertificates(blocks, material, findings)
    if (material && blocks && certs) {
      result.certificatePem = {value: blocks.map((b) => b.pem).join(''), source: certProp.source}
      certificate = {cert: certs[0]!, material}
    }
  }

  let key: {loaded: LoadedKey; material: MaterialText} | undefined
  const keyProp = input.keyPem ?? input.keyLocation
  if (keyProp) {
    const material = await readMaterial(keyProp, keyProp === input.keyLocation, findings)
    const blocks = material && pemBlocks(material, isPrivateKey, 'private key', findings)
    const loaded = material && blocks && loadKey(blocks, material, input.keyPassword, findings)
    // Only a key that opened goes to the probes: OpenSSL would refuse the others anyway.
    if (material && loaded?.key) {
      result.keyPem = new Secret(loaded.pem, keyProp.source)
      key = {loaded, material}
    }
  }

  if (certProp && !keyProp) {
    findings.push(
      configFinding('KD106', 'fail', certProp.key, `client certificate ${describeProperty(certProp)} is set without a private key (ssl.key.location or ssl.key.pem)`, {
        property: certProp.key,
        source: certProp.source,
      }),
    )
  } else if (keyProp && !certProp) {
    findings.push(
      configFinding('KD106', 'fail', keyProp.key, `private key ${describeProperty(keyProp)} is set without a client certificate (ssl.certificate.location or ssl.certificate.pem)`, {
        property: keyProp.key,
        source: keyProp.source,
      }),
    )
  }

  if (certificate && key?.loaded.key && !certificate.cert.checkPrivateKey(key.loaded.key)) {
    // librdkafka refuses to start with a mismatched pair; the probes go without it.
    delete result.certificatePem
    delete result.keyPem
    findings.push(
      configFinding('KD106', 'fail', key.material.prop.key,
        `private key ${describeProperty(key.material.prop, key.material.path)} does not match the client certificate ${describeProperty(certificate.material.prop, certificate.material.path)}`,
        {
          certificate: certificateFacts(certificate.cert),
          certificateKeyType: certificate.cert.publicKey.asymmetricKeyType,
          keyType: key.loaded.key.asymmetricKeyType,
          certificateSource: certificate.material.prop.source,
          keySource: key.material.prop.source,
          omittedFromProbes: true,
        }),
    )
  }

  if (input.keystoreLocation) {
    const path = input.keystoreLocation.value
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error)
    const reason = info instanceof Error ? fsReason(info.code) : undefined
    findings.push(
      configFinding('KD106', reason ? 'fail' : 'warn', input.keystoreLocation.key,
        reason
          ? `${describeProperty(input.keystoreLocation, path)}: ${reason}`
          : `${describeProperty(input.keystoreLocation, path)} is a PKCS#12 keystore, which kdoctor cannot present: probes run without this client certificate (convert with openssl pkcs12 -nodes and use ssl.certificate.location + ssl.key.location)`,
        {property: input.keystoreLocation.key, path, source: input.keystoreLocation.source}),
    )
  }

  return result
}
