// The single executable in a bare root, as in a distroless debug pod: a chroot holding only the
// binary, the shared libraries ldd names, /etc/hosts, /etc/resolv.conf and a CA bundle
// (scripts/build-rootfs.sh, the same files as the Dockerfile's image) — no Node.js, no npm, no
// node_modules, no shell — run as the image's non-root user against the real broker.
//
// The binary is built here (npm run build:binary) unless KDOCTOR_BINARY names one already built
// (.ci/run builds it once for all its runs).
import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {after, before, describe, test} from 'node:test'

import {commandSources} from '../../scripts/build-binary.js'
import {type CliRun, findingsOf, ROOT, runProgram} from '../helpers/cli.js'
import {ensureRig, type Rig} from '../helpers/rig.js'

const CANARY_PASSWORD = 'canary-PW-bare-7c2e'
const RIG_CA = '/etc/kdoctor/rig-ca.pem'
const MODULE_LIST = '/etc/kdoctor/module-list.cjs'
let rig: Rig
let root: string
let built: string | undefined
const runs: CliRun[] = []

/** The host's path of a tool (the child's PATH is the root's, where it does not exist). */
function hostTool(name: string): string {
  return execFileSync('sh', ['-c', `command -v ${name}`], {encoding: 'utf8'}).trim()
}

/** kdoctor inside the root, as uid 65532 with nothing of the host's environment. */
async function runInRoot(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  // Without root, a user namespace maps us to root so that chroot is allowed.
  const [command, prefix] =
    process.getuid?.() === 0 ? [hostTool('chroot'), ['--userspec=65532:65532', root]] : [hostTool('unshare'), ['--map-root-user', hostTool('chroot'), root]]
  const run = await runProgram(command, [...prefix, '/usr/local/bin/kdoctor', ...args], {
    env: {PATH: '/usr/local/bin', HOME: '/home/kdoctor', NO_COLOR: '1', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', ...env},
  })
  runs.push(run)
  return run
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(root, path)]
  })
}

/** Flags for the rig's SASL_SSL listener as alice; the password comes from $KD_PASSWORD. */
function saslSsl(): string[] {
  const {host, port} = rig.listeners.sasl_ssl
  return ['-b', `${host}:${port}`, '-X', 'security.protocol=SASL_SSL', '-X', 'sasl.mechanisms=SCRAM-SHA-512', '-X', 'sasl.username=alice', '-X', 'sasl.password=env:KD_PASSWORD', '-X', `ssl.ca.location=${RIG_CA}`, '--timeout', '15s']
}

before(async () => {
  rig = await ensureRig()
  root = mkdtempSync(join(tmpdir(), 'kdoctor-bare-root-'))
  let binary = process.env.KDOCTOR_BINARY
  if (!binary) {
    // Built beside the root (not in dist/bin, which another test file may be building into).
    const out = `${root}-build`
    built = out
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-binary.ts', '--arch', 'x64', '--out', out], {cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit']})
    binary = join(out, 'kdoctor-linux-x64')
  }

  execFileSync('bash', [join(ROOT, 'scripts/build-rootfs.sh'), binary, root], {stdio: ['ignore', 'ignore', 'inherit']})
  // The rig's own CA, as a user would mount or copy theirs.
  mkdirSync(join(root, 'etc/kdoctor'))
  copyFileSync(rig.tls.ca, join(root, RIG_CA))
})

after(() => {
  if (root) rmSync(root, {recursive: true, force: true})
  if (built) rmSync(built, {recursive: true, force: true})
})

describe('kdoctor binary in a bare root (no Node.js, no npm)', () => {
  test('the root holds the binary, its shared libraries, hosts, resolv.conf, a CA bundle and a user; no Node anywhere', () => {
    const files = filesUnder(root)
    const expected = ['usr/local/bin/kdoctor', 'etc/hosts', 'etc/resolv.conf', 'etc/nsswitch.conf', 'etc/passwd', 'etc/group', 'etc/ssl/certs/ca-certificates.crt', RIG_CA.slice(1)]
    for (const file of expected) assert.ok(files.includes(file), file)
    const others = files.filter((f) => !expected.includes(f))
    assert.ok(others.length > 0)
    for (const file of others) assert.match(file, /^(usr\/)?lib(64|\/x86_64-linux-gnu|\/aarch64-linux-gnu)?\/[^/]*\.so[.\d]*$/, `only shared libraries besides: ${file}`)
    assert.ok(!files.some((f) => /(^|\/)(node|npm|npx)$|node_modules|libnode/.test(f)), 'no Node.js')
  })

  test('--version', async () => {
    const run = await runInRoot(['--version'])
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /^kdoctor\/0\.1\.0 linux-x64 node-v\d+\.\d+\.\d+\n$/)
  })

  test('a healthy SASL_SSL connect (SCRAM-SHA-512, the rig CA): every layer and the kafkajs session pass', async () => {
    const run = await runInRoot(['connect', '--json', '--client', ...saslSsl()], {KD_PASSWORD: rig.users.alice})
    assert.equal(run.status, 0, run.stdout + run.stderr)
    assert.equal(run.json.ok, true)
    assert.deepEqual(findingsOf(run, {}).filter((f) => f.status === 'fail' || f.status === 'warn'), [])
    for (const check of ['tcp', 'tls', 'sasl', 'metadata', 'client']) assert.equal(findingsOf(run, {check, status: 'pass'}).length > 0, true, check)
  })

  test('the application and kafkajs run from the code cache the build made (V8 rejects one made under other flags)', async () => {
    const run = await runInRoot(['connect', '--json', '--client', ...saslSsl()], {KD_PASSWORD: rig.users.alice, KDOCTOR_DEBUG_CHUNKS: '1'})
    assert.equal(run.status, 0, run.stdout + run.stderr)
    assert.match(run.stderr, /^kdoctor: chunk kdoctor: code cache used$/m)
    assert.match(run.stderr, /^kdoctor: chunk kafkajs: code cache used$/m)
  })

  test('a plaintext connect loads none of the Node modules it does not use (each costs 1-10 ms of start-up)', async () => {
    // Node's own list of the built-in modules a process loaded, printed as the process ends.
    writeFileSync(join(root, MODULE_LIST), "process.on('exit', () => process.stderr.write('loaded: ' + process.moduleLoadList.join(',') + '\\n'))\n")
    const {host, port} = rig.listeners.plaintext
    const run = await runInRoot(['connect', '--json', '--no-client', '-b', `${host}:${port}`], {NODE_OPTIONS: `--require ${MODULE_LIST}`}).finally(() => rmSync(join(root, MODULE_LIST)))
    assert.equal(run.status, 0, run.stdout + run.stderr)
    const loaded = new Set(/^loaded: (.*)$/m.exec(run.stderr)?.[1]?.split(',').map((m) => m.replace(/^NativeModule /, '')))
    assert.ok(loaded.has('net'), `the list is read: ${[...loaded].length} modules`)
    for (const unused of ['child_process', 'fs/promises', 'perf_hooks', 'tls', 'crypto', 'readline', 'zlib', 'http']) assert.ok(!loaded.has(unused), `node:${unused} loaded`)
  })

  test('a wrong password: KD404, exit 1', async () => {
    const run = await runInRoot(['connect', '--json', '--no-client', ...saslSsl()], {KD_PASSWORD: CANARY_PASSWORD})
    assert.equal(run.status, 1, run.stdout + run.stderr)
    assert.equal(findingsOf(run, {status: 'fail'})[0]?.code, 'KD404')
  })

  test('a password given on the command line is masked in everything printed, DEBUG=* included', async () => {
    const args = saslSsl().map((a) => (a === 'sasl.password=env:KD_PASSWORD' ? `sasl.password=${CANARY_PASSWORD}` : a))
    const run = await runInRoot(['connect', '--no-client', ...args], {DEBUG: '*'})
    assert.equal(run.status, 1, run.stdout + run.stderr)
    assert.match(run.stdout, /KD404/)
  })

  test('explain KD301, and its page pointer resolves inside the binary', async () => {
    const run = await runInRoot(['explain', 'KD301'])
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /^KD301 {2}Plaintext client talking to a TLS listener/)
    const pointer = /^Docs {2}(kdoctor explain KD301 --page)$/m.exec(run.stdout)
    assert.ok(pointer, `the page is named by a command the binary answers: ${run.stdout.slice(-300)}`)
    const page = await runInRoot(pointer[1]!.split(' ').slice(1))
    assert.equal(page.status, 0, page.stderr)
    assert.equal(page.stdout, readFileSync(join(ROOT, 'docs/troubleshooting/KD301.md'), 'utf8'))
    assert.doesNotMatch(run.stdout, /https?:\/\//, 'no web address while package.json names no repository')
  })

  test('--env-file is kdoctor\'s flag, not Node\'s: a missing file is kdoctor\'s one-line input error, exit 2', async () => {
    // Node's start-up reads every --env-file in argv up to the first '--'; the binary's SEA config
    // puts that '--' in front of the user's arguments (scripts/build-binary.ts).
    const run = await runInRoot(['heroku-prefix', '--env-file', '/missing.env'])
    assert.equal(run.status, 2, run.stderr)
    assert.match(run.stderr, /^kdoctor: cannot read \/missing\.env: .*\(from flag --env-file\)\n$/)
  })

  test('the AWS SDK, bundled apart, loads and calls the EC2 API (an endpoint that does not answer: one line, exit 2)', async () => {
    const run = await runInRoot(['aws', 'reachability', '--broker', '10.0.1.57:9096', '--no-probe', '--endpoint-url', 'http://127.0.0.1:9'], {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    })
    assert.equal(run.status, 2, run.stdout + run.stderr)
    assert.match(run.stderr, /^kdoctor: could not reach the EC2 API at http:\/\/127\.0\.0\.1:9 .*\n$/)
  })

  test('doctor: a healthy SASL_SSL app, its topic and group: every area that applies ✓, the others say why, exit 0', async () => {
    const run = await runInRoot(['doctor', '--json', ...saslSsl(), '--topic', 'alice.orders', '--group', 'alice-app'], {KD_PASSWORD: rig.users.alice, AWS_EC2_METADATA_DISABLED: 'true'})
    assert.equal(run.status, 0, run.stdout + run.stderr)
    const areas = Object.fromEntries(run.json.doctor.areas.map((a: {area: string; status: string}) => [a.area, a.status]))
    assert.deepEqual(areas, {settings: 'pass', connect: 'pass', acl: 'pass', heroku: 'skip', liveness: 'skip', aws: 'skip'})
    assert.deepEqual(findingsOf(run, {check: 'doctor'}).map((f) => f.summary), [
      'not run: no Heroku Kafka variables (KAFKA_URL as kafka+ssl://, KAFKA_PREFIX, KAFKA_TRUSTED_CERT…)',
      "not run: no liveness port given (--liveness-port) or found in --karafka-config",
      'not run: instance metadata is off (AWS_EC2_METADATA_DISABLED)',
    ])
    assert.deepEqual(run.json.acl.matrix.map((row: {resource: {label: string}}) => row.resource.label), ['topic alice.orders', 'group alice-app', 'cluster'])
    const human = await runInRoot(['doctor', ...saslSsl(), '--topic', 'alice.orders'], {KD_PASSWORD: rig.users.alice, AWS_EC2_METADATA_DISABLED: 'true'})
    assert.match(human.stdout, /^\[✓\] Connection .*\n\[✓\] Permissions /m)
  })

  test('every command of the npm package answers --help in the binary', async () => {
    for (const id of commandSources().keys()) {
      const run = await runInRoot([...id.split(':'), '--help'])
      assert.equal(run.status, 0, `${id}: ${run.stderr}`)
      assert.match(run.stdout, /USAGE/, id)
    }
  })

  test('shell completion works in the binary (bash script written under the user\'s home)', async () => {
    const run = await runInRoot(['autocomplete', 'script', 'bash'])
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /KDOCTOR_AC_BASH_SETUP_PATH=\/home\/kdoctor\/\.cache\/kdoctor\/autocomplete\/bash_setup/)
    const built = await runInRoot(['autocomplete', '--refresh-cache'])
    assert.equal(built.status, 0, built.stderr)
    assert.ok(existsSync(join(root, 'home/kdoctor/.cache/kdoctor/autocomplete/bash_setup')))
    assert.match(readFileSync(join(root, 'home/kdoctor/.cache/kdoctor/autocomplete/functions/bash/kdoctor.bash'), 'utf8'), /connect/)
  })

  test('no run printed the password', () => {
    for (const run of runs) assert.ok(!(run.stdout + run.stderr).includes(CANARY_PASSWORD) && !(run.stdout + run.stderr).includes(rig.users.alice))
  })
})
