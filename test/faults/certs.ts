// Certificates for TLS fault servers, made with openssl in a temp dir: expired, expiring soon,
// self-signed. The rig's own CA signs them unless a test asks for a self-signed one.
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export interface TestCert {
  certPem: string
  keyPem: string
  dir: string
}

export interface CertOptions {
  commonName?: string
  /** subjectAltName value, e.g. "DNS:localhost,IP:127.0.0.1" */
  san?: string
  /** Sign with this CA; omit for a self-signed certificate. */
  ca?: {certPath: string; keyPath: string}
  /** openssl time format YYYYMMDDHHMMSSZ */
  notBefore?: string
  notAfter?: string
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, {cwd, stdio: ['ignore', 'ignore', 'pipe']})
}

export function opensslTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'
}

/** `openssl ca` is the one openssl 3.0 command that takes explicit start and end dates. */
export function makeCert(options: CertOptions = {}): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'kdoctor-cert-'))
  const cn = options.commonName ?? 'localhost'
  const san = options.san ?? 'DNS:localhost,IP:127.0.0.1'
  const notBefore = options.notBefore ?? opensslTime(new Date(Date.now() - 86_400_000))
  const notAfter = options.notAfter ?? opensslTime(new Date(Date.now() + 365 * 86_400_000))
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', 'key.pem', '-out', 'req.csr'], dir)
  let caCert = options.ca?.certPath
  let caKey = options.ca?.keyPath
  if (!caCert || !caKey) {
    // Self-signed: the certificate is its own issuer.
    caCert = join(dir, 'self.pem')
    caKey = join(dir, 'key.pem')
    openssl(['req', '-x509', '-key', 'key.pem', '-subj', `/CN=${cn}`, '-days', '1', '-out', 'self.pem'], dir)
  }

  writeFileSync(join(dir, 'index.txt'), '')
  writeFileSync(join(dir, 'serial'), '1000\n')
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test',
      '[test]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'serial = $dir/serial',
      'new_certs_dir = $dir',
      'default_md = sha256',
      'policy = anything',
      'copy_extensions = none',
      'unique_subject = no',
      '[anything]',
      'commonName = supplied',
      '[ext]',
      `subjectAltName = ${san}`,
      'extendedKeyUsage = serverAuth',
      '',
    ].join('\n'),
  )
  openssl(
    ['ca', '-batch', '-config', 'ca.cnf', '-cert', caCert, '-keyfile', caKey, '-in', 'req.csr', '-out', 'cert.pem', '-startdate', notBefore, '-enddate', notAfter, '-extensions', 'ext', '-notext'],
    dir,
  )
  return {certPem: readFileSync(join(dir, 'cert.pem'), 'utf8'), keyPem: readFileSync(join(dir, 'key.pem'), 'utf8'), dir}
}
