// Certificates shaped like Heroku Kafka's, made with openssl in a temp dir: CAs (self-signed,
// CA:TRUE) and client certificates signed by them, with chosen validity dates (`openssl ca` is the
// openssl 3.0 command that takes explicit start and end dates).
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export interface Issued {
  certPem: string
  keyPem: string
  certPath: string
  keyPath: string
}

const DAY = 86_400_000

/** openssl's date format, YYYYMMDDHHMMSSZ. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'
}

const CONFIG = `[ca]
default_ca = test
[test]
dir = .
database = $dir/index.txt
serial = $dir/serial
new_certs_dir = $dir
default_md = sha256
policy = anything
copy_extensions = none
unique_subject = no
[anything]
commonName = supplied
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
[client_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
`

export class Pki {
  readonly dir = mkdtempSync(join(tmpdir(), 'kdoctor-heroku-pki-'))
  #serial = 0

  constructor() {
    writeFileSync(join(this.dir, 'ca.cnf'), CONFIG)
  }

  /**
   * A certificate valid from `fromDays` to `toDays` days from now (negative: in the past). Without
   * `issuer` it is a self-signed CA; with one, a client certificate signed by it.
   */
  issue(name: string, options: {issuer?: Issued; fromDays?: number; toDays?: number} = {}): Issued {
    const run = (args: string[]) => execFileSync('openssl', args, {cwd: this.dir, stdio: ['ignore', 'ignore', 'pipe']})
    // A fresh database per certificate: openssl ca refuses a second certificate with the same subject otherwise.
    writeFileSync(join(this.dir, 'index.txt'), '')
    writeFileSync(join(this.dir, 'serial'), `${(0x1000 + ++this.#serial).toString(16)}\n`)
    run(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.csr`])
    const dates = ['-startdate', stamp(new Date(Date.now() + (options.fromDays ?? -1) * DAY)), '-enddate', stamp(new Date(Date.now() + (options.toDays ?? 365) * DAY))]
    const signer = options.issuer ? ['-cert', options.issuer.certPath, '-keyfile', options.issuer.keyPath] : ['-selfsign', '-keyfile', `${name}.key`]
    run(['ca', '-batch', '-config', 'ca.cnf', ...signer, '-in', `${name}.csr`, '-out', `${name}.pem`, ...dates, '-extensions', options.issuer ? 'client_ext' : 'ca_ext', '-notext'])
    const certPath = join(this.dir, `${name}.pem`)
    const keyPath = join(this.dir, `${name}.key`)
    return {certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8'), certPath, keyPath}
  }

  /** An AES-encrypted copy of a key (PKCS#8), as a wrongly exported key would be. */
  encrypted(key: Issued): string {
    return execFileSync('openssl', ['pkcs8', '-topk8', '-in', key.keyPath, '-v2', 'aes-256-cbc', '-passout', 'pass:secret-pass'], {cwd: this.dir, encoding: 'utf8'})
  }

  remove(): void {
    rmSync(this.dir, {recursive: true, force: true})
  }
}
