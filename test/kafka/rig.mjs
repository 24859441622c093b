#!/usr/bin/env node
// A real Apache Kafka broker for kdoctor's tests, assembled from Maven Central jars
// and started with `java -cp` (no Docker). KRaft single node, several listeners, SCRAM
// users, StandardAuthorizer with ACLs, a few topics.
//
//   node test/kafka/rig.mjs start    # idempotent; returns once every listener serves requests
//                                    # (a running, healthy rig is reused and gets any TOPICS it lacks)
//   node test/kafka/rig.mjs stop     # TERM, KILL after 15 s; no-op when nothing runs
//   node test/kafka/rig.mjs status   # prints .kafka/rig.json and exits 0 when healthy, else exits 1
//
// Environment:
//   KAFKA_VERSION          Kafka release to run (default below). 3.x uses pom-3.9.xml, 4.x pom-4.xml.
//   KDOCTOR_RIG_PORT_BASE  port base (default 19090; 19190 with three brokers); listeners are base+2 … base+10,
//                          and base-1 is the closed port the advertised_unreachable listener advertises.
//   KDOCTOR_RIG_BROKERS    1 (default) or 3. Three brokers: combined broker+controller nodes 1, 2, 3 in a
//                          three-voter KRaft quorum, racks a, b, c, node i on port base + 20*(i-1), topics with
//                          replication factor 3 and min.insync.replicas=2, and one extra listener,
//                          one_unreachable, on which node 2 advertises a closed port (nodes 1 and 3 their own).
//                          The three JVMs run in a network namespace of their own with only loopback
//                          (a `sleep` holds it; rig.json `netns.enter` is the nsenter prefix that joins it),
//                          so everything a test learns from these brokers and dials stays on that loopback,
//                          and its ports never collide with another rig's. Needs unshare/nsenter (root, or
//                          unprivileged user namespaces). Home: <repo>/.kafka/rig3 unless KDOCTOR_RIG_HOME.
//   KDOCTOR_RIG_NODES      with three brokers, `start-node N` / `kill-node N` restart or SIGKILL one node (tests).
//
// Default version: 4.4.0, the newest 4.x release on Maven Central when this was written.
// Verified with kafkajs 2.2.4 (the version pinned in package.json): every kafkajs request
// version used by the rig and its tests (ApiVersions, SaslHandshake/Authenticate, Metadata v6,
// CreateTopics v3, Create/DescribeAcls v1) is still accepted by 4.4 after KIP-896 removed the
// old versions in 4.0. 3.9.1 is the tested fallback line (KAFKA_VERSION=3.9.1).
//
// Files (all under the git-ignored <repo>/.kafka):
//   <version>/lib/           jars (cached; .complete lists them)
//   <version>/formatted/<h>/ a freshly formatted, never started log dir, copied for each start
//   certs/                   test CA, broker cert (SANs DNS:localhost, IP:127.0.0.1), client cert CN=heroku-tenant
//   run/                     server.properties, logging config, data/, kafka.log, kafka.pid (wiped on every start)
//   rig.json                 written once the broker is ready (shape: test/helpers/rig.ts, type Rig)

import {spawn, spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import kafkajs from 'kafkajs'

const {Kafka, logLevel, AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes} = kafkajs

export const DEFAULT_KAFKA_VERSION = '4.4.0'
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const HERE = path.join(ROOT, 'test', 'kafka')
// Jars, certificates and formatted storage are shared; a second rig (e.g. Kafka 3.9 beside 4.x
// during development) gets its own KDOCTOR_RIG_HOME for its process, data and rig.json.
const HOME = path.join(ROOT, '.kafka')
const BROKERS = Number(process.env.KDOCTOR_RIG_BROKERS || 1)
const CLUSTERED = BROKERS === 3
const RIG_HOME = process.env.KDOCTOR_RIG_HOME ? path.resolve(process.env.KDOCTOR_RIG_HOME) : CLUSTERED ? path.join(HOME, 'rig3') : HOME
const CERTS = path.join(HOME, 'certs')
const RUN = path.join(RIG_HOME, 'run')
const RIG_JSON = path.join(RIG_HOME, 'rig.json')
const LOCK = path.join(RIG_HOME, 'rig.lock')
const NETNS_PIDFILE = path.join(RIG_HOME, 'netns.pid')
const NETNS_MARK = 'kdoctor-rig-netns'
// Node n's process, data and log: run/ for the one-broker rig (as before), run/node-n/ for three.
const nodeDir = (id) => (CLUSTERED ? path.join(RUN, `node-${id}`) : RUN)
const nodeFiles = (id) => ({dir: nodeDir(id), data: path.join(nodeDir(id), 'data'), log: path.join(nodeDir(id), 'kafka.log'), requests: path.join(nodeDir(id), 'requests.log'), pid: path.join(nodeDir(id), 'kafka.pid')})
const NODE_IDS = CLUSTERED ? [1, 2, 3] : [1]
const LOG = nodeFiles(1).log

const HOST = '127.0.0.1'
const CLUSTER_ID = '4L6g3nShT-eMCtK--X86sw' // any 22-char base64url UUID not starting with '-'
const USERS = {admin: 'admin-secret', alice: 'alice-secret', bob: 'bob-secret'} // no commas (StorageTool splits on them)
const TLS_PRINCIPAL = 'heroku-tenant'
const HEROKU_PREFIX = 'wiry-12345.'
const TOPICS = [
  {name: 'alice.orders', partitions: 3},
  {name: 'alice.payments', partitions: 1},
  {name: `${HEROKU_PREFIX}events`, partitions: 1},
  {name: `${HEROKU_PREFIX}karafka_consumers_states`, partitions: 1, config: {'cleanup.policy': 'compact'}},
  // Karafka Web UI topics as Heroku leaves them: reports with its one-day default (what the Web UI
  // wants), metrics with the same default instead of compaction (what breaks the Web UI).
  {name: `${HEROKU_PREFIX}karafka_consumers_reports`, partitions: 1, config: {'retention.ms': '86400000'}},
  {name: `${HEROKU_PREFIX}karafka_consumers_metrics`, partitions: 1, config: {'cleanup.policy': 'delete', 'retention.ms': '86400000'}},
  {name: 'public-events', partitions: 1},
  // Three brokers only: one replica, on node 3, so killing node 3 leaves a partition without a leader.
  ...(CLUSTERED ? [{name: 'alice.solo', partitions: 1, replicas: [3]}] : []),
]
const ACLS = [
  {principal: 'User:alice', resourceType: 'TOPIC', patternType: 'PREFIXED', name: 'alice.', operation: 'ALL', permission: 'ALLOW'},
  {principal: 'User:alice', resourceType: 'GROUP', patternType: 'PREFIXED', name: 'alice-', operation: 'ALL', permission: 'ALLOW'},
  {principal: `User:${TLS_PRINCIPAL}`, resourceType: 'TOPIC', patternType: 'PREFIXED', name: HEROKU_PREFIX, operation: 'ALL', permission: 'ALLOW'},
  {principal: `User:${TLS_PRINCIPAL}`, resourceType: 'GROUP', patternType: 'PREFIXED', name: HEROKU_PREFIX, operation: 'ALL', permission: 'ALLOW'},
]

// Three JVMs share CI's two cores and its memory beside the one-broker rig: smaller heaps each.
const HEAP_OPTS = CLUSTERED ? ['-Xms64m', '-Xmx256m', '-XX:ReservedCodeCacheSize=48m', '-XX:MaxMetaspaceSize=96m'] : ['-Xms64m', '-Xmx384m']
const JVM_OPTS = [
  ...HEAP_OPTS, '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true', '-Djava.net.preferIPv4Stack=true',
]
const STOP_GRACE_MS = 15_000
const READY_TIMEOUT_MS = 120_000

// ---------------------------------------------------------------- small utilities

const t0 = Date.now()
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`
const say = (msg) => process.stderr.write(`kafka-rig: ${msg}\n`)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

class RigError extends Error {
  constructor(message, {showLog = false} = {}) {
    super(message)
    this.showLog = showLog
  }
}

function portsFor(base) {
  return {
    unreachableAdvertised: base - 1,
    plaintext: base + 2,
    ssl: base + 3,
    mtls: base + 4,
    sasl_plaintext: base + 5,
    sasl_ssl: base + 6,
    oauthbearer: base + 7,
    internal: base + 8,
    advertised_unreachable: base + 9,
    controller: base + 10,
    // Three brokers only: a PLAINTEXT listener on which node 2 alone advertises a closed port (base + 12).
    ...(CLUSTERED ? {one_unreachable: base + 11, oneUnreachableAdvertised: base + 12} : {}),
  }
}

const RACKS = ['a', 'b', 'c']
/** Node n listens on its own ports: port base + 20*(n-1). */
const nodeConfig = (portBase, id) => ({id, ports: portsFor(portBase + 20 * (id - 1)), rack: RACKS[id - 1]})

function requestedConfig() {
  const version = process.env.KAFKA_VERSION || DEFAULT_KAFKA_VERSION
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new RigError(`KAFKA_VERSION must look like 4.4.0, got ${JSON.stringify(version)}`)
  const major = Number(version.split('.')[0])
  if (major !== 3 && major !== 4) throw new RigError(`KAFKA_VERSION ${version}: only the 3.x (3.9 tested) and 4.x lines are supported`)
  if (BROKERS !== 1 && BROKERS !== 3) throw new RigError(`KDOCTOR_RIG_BROKERS must be 1 or 3, got ${JSON.stringify(process.env.KDOCTOR_RIG_BROKERS)}`)
  const portBase = Number(process.env.KDOCTOR_RIG_PORT_BASE || (CLUSTERED ? 19190 : 19090))
  if (!Number.isInteger(portBase) || portBase < 1025 || portBase > 65400) throw new RigError(`bad KDOCTOR_RIG_PORT_BASE ${process.env.KDOCTOR_RIG_PORT_BASE}`)
  const nodes = NODE_IDS.map((id) => nodeConfig(portBase, id))
  return {version, major, portBase, ports: nodes[0].ports, nodes}
}

/** Alive and not a zombie (the broker is re-parented once `start` exits; a zombie must count as gone). */
function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch (error) {
    if (error.code === 'ENOENT') return false
    try {
      process.kill(pid, 0)
      return true
    } catch (e) {
      return e.code === 'EPERM'
    }
  }
}

/** Is pid our broker (so a recycled pid is never signalled)? */
function isOurBroker(pid) {
  if (!isAlive(pid)) return false
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    return cmdline.includes('kafka.Kafka') && cmdline.includes(RUN + path.sep)
  } catch {
    return true // no /proc: trust the pid file
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

function readPidFile(file) {
  try {
    return Number(fs.readFileSync(file, 'utf8').trim())
  } catch {
    return undefined
  }
}

function logTail(file = LOG, lines = 60) {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n')
    return text.slice(-lines).join('\n')
  } catch {
    return '(no broker log)'
  }
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts})
  if (res.error) throw new RigError(`${cmd}: ${res.error.message}`)
  if (res.status !== 0) {
    throw new RigError(`${cmd} ${args.slice(0, 6).join(' ')} … exited ${res.status}\n${((res.stdout || '') + (res.stderr || '')).replace(/\x1b\[[0-9;]*m/g, '')}`.trimEnd())
  }
  return res.stdout
}

/** run() without blocking, so three nodes can be formatted at once. */
function runAsync(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {stdio: ['ignore', 'pipe', 'pipe']})
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.once('error', (error) => reject(new RigError(`${cmd}: ${error.message}`)))
    child.once('close', (status) => (status === 0 ? resolve(out) : reject(new RigError(`${cmd} ${args.slice(-8).join(' ')} … exited ${status}\n${out}`.trimEnd()))))
  })
}

/** Resolves true when something accepts a TCP connection on host:port. */
function tcpOpen(port, host = HOST, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({host, port})
    const done = (open) => {
      socket.destroy()
      resolve(open)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

// ---------------------------------------------------------------- lock (parallel test files call `start` at once)

async function withLock(fn) {
  fs.mkdirSync(HOME, {recursive: true})
  fs.mkdirSync(RIG_HOME, {recursive: true})
  const deadline = Date.now() + 10 * 60_000
  let announced = false
  for (;;) {
    try {
      fs.writeFileSync(LOCK, String(process.pid), {flag: 'wx'})
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      const holder = Number(fs.readFileSync(LOCK, 'utf8').trim() || 0)
      if (holder && !isAlive(holder)) {
        fs.rmSync(LOCK, {force: true})
        continue
      }
      if (Date.now() > deadline) throw new RigError(`timed out waiting for ${LOCK} (held by pid ${holder})`)
      if (!announced) say(`waiting for another rig command (pid ${holder})`)
      announced = true
      await sleep(200)
    }
  }
  const release = () => {
    try {
      if (fs.readFileSync(LOCK, 'utf8').trim() === String(process.pid)) fs.rmSync(LOCK, {force: true})
    } catch {}
  }
  process.once('exit', release)
  try {
    return await fn()
  } finally {
    release()
  }
}

// ---------------------------------------------------------------- jars

function libDir(version) {
  return path.join(HOME, version, 'lib')
}

function libComplete(version) {
  const dir = libDir(version)
  try {
    const jars = fs.readFileSync(path.join(dir, '.complete'), 'utf8').split('\n').filter(Boolean)
    return jars.includes(`kafka_2.13-${version}.jar`) && jars.every((jar) => fs.statSync(path.join(dir, jar)).size > 0)
  } catch {
    return false
  }
}

function ensureJars({version, major}) {
  if (libComplete(version)) return
  const started = Date.now()
  const pom = path.join(HERE, major === 3 ? 'pom-3.9.xml' : 'pom-4.xml')
  const tmp = path.join(HOME, version, `lib.tmp-${process.pid}`)
  fs.rmSync(tmp, {recursive: true, force: true})
  try {
    run('mvn', [
      '-B', '-q', '-Dstyle.color=never', '-f', pom, `-Dkafka.version=${version}`,
      'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies',
      `-DoutputDirectory=${tmp}`, '-DincludeScope=runtime',
    ], {cwd: HERE})
  } catch (error) {
    fs.rmSync(tmp, {recursive: true, force: true})
    throw new RigError(`downloading Kafka ${version} jars from Maven Central failed: ${error.message}`)
  }
  const jars = fs.readdirSync(tmp).filter((f) => f.endsWith('.jar')).sort()
  if (!jars.includes(`kafka_2.13-${version}.jar`)) throw new RigError(`Maven gave no kafka_2.13-${version}.jar`)
  fs.writeFileSync(path.join(tmp, '.complete'), jars.join('\n') + '\n')
  // Two rigs (one broker and three) start side by side and may both download: the first to finish
  // installs its copy, and a later one must not delete the directory the first is already running from.
  try {
    fs.renameSync(tmp, libDir(version))
  } catch {
    // The directory is there: another rig's complete copy (keep it), or a broken leftover (replace it).
    if (libComplete(version)) {
      fs.rmSync(tmp, {recursive: true, force: true})
      return
    }
    fs.rmSync(libDir(version), {recursive: true, force: true})
    fs.renameSync(tmp, libDir(version))
  }
  say(`downloaded Kafka ${version} jars (${jars.length} files) in ${secs(Date.now() - started)}`)
}

// ---------------------------------------------------------------- certificates

const CERT_FILES = ['ca.pem', 'server-keystore.pem', 'client.crt', 'client.key']

function ensureCerts() {
  if (CERT_FILES.every((f) => fs.existsSync(path.join(CERTS, f)))) return
  const tmp = path.join(HOME, `certs.tmp-${process.pid}`)
  fs.rmSync(tmp, {recursive: true, force: true})
  fs.mkdirSync(tmp, {recursive: true})
  const ssl = (...args) => run('openssl', args, {cwd: tmp})
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-subj', '/CN=kdoctor-test-ca',
    '-keyout', 'ca.key', '-out', 'ca.pem',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
  // Broker: SANs exactly localhost and 127.0.0.1 (so 127.0.0.2 is a hostname mismatch).
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr')
  fs.writeFileSync(path.join(tmp, 'server.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n')
  ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '3650',
    '-out', 'server.crt', '-extfile', 'server.ext')
  // Client for mutual TLS; ssl.principal.mapping.rules maps CN=heroku-tenant to User:heroku-tenant.
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${TLS_PRINCIPAL}`, '-keyout', 'client.key', '-out', 'client.csr')
  fs.writeFileSync(path.join(tmp, 'client.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n')
  ssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '3650',
    '-out', 'client.crt', '-extfile', 'client.ext')
  // PEM keystore: unencrypted PKCS#8 key, then the chain (no ssl.*.password with type PEM).
  const read = (f) => fs.readFileSync(path.join(tmp, f), 'utf8')
  fs.writeFileSync(path.join(tmp, 'server-keystore.pem'), read('server.key') + read('server.crt') + read('ca.pem'))
  for (const f of fs.readdirSync(tmp)) if (f.endsWith('.csr') || f.endsWith('.ext') || f.endsWith('.srl')) fs.rmSync(path.join(tmp, f))
  fs.rmSync(CERTS, {recursive: true, force: true})
  fs.renameSync(tmp, CERTS)
}

// ---------------------------------------------------------------- configuration

function jaas(module, options) {
  const opts = Object.entries(options).map(([k, v]) => ` ${k}="${v}"`).join('')
  return `${module} required${opts};`
}

const PLAIN = 'org.apache.kafka.common.security.plain.PlainLoginModule'
const SCRAM = 'org.apache.kafka.common.security.scram.ScramLoginModule'
const OAUTH = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule'

function serverProperties({major, nodes}, logDir, node = nodes[0]) {
  const p = node.ports
  const listeners = {
    PLAINTEXT: [p.plaintext, 'PLAINTEXT'],
    SSL: [p.ssl, 'SSL'],
    MTLS: [p.mtls, 'SSL'],
    SASL_PLAINTEXT: [p.sasl_plaintext, 'SASL_PLAINTEXT'],
    SASL_SSL: [p.sasl_ssl, 'SASL_SSL'],
    OAUTHBEARER: [p.oauthbearer, 'SASL_PLAINTEXT'],
    INTERNAL: [p.internal, 'SASL_PLAINTEXT'],
    ADVERTISED_UNREACHABLE: [p.advertised_unreachable, 'PLAINTEXT'],
    ...(CLUSTERED ? {ONE_UNREACHABLE: [p.one_unreachable, 'PLAINTEXT']} : {}),
    CONTROLLER: [p.controller, 'SASL_PLAINTEXT'],
  }
  const names = Object.keys(listeners)
  const advertisedPort = (name) =>
    name === 'ADVERTISED_UNREACHABLE' ? p.unreachableAdvertised : name === 'ONE_UNREACHABLE' && node.id === 2 ? p.oneUnreachableAdvertised : listeners[name][0]
  // Three brokers: replicas on every node and writes that need two of them, like a production cluster.
  const rf = CLUSTERED ? 3 : 1
  const minIsr = CLUSTERED ? 2 : 1
  const plainAdmin = jaas(PLAIN, {username: 'admin', password: USERS.admin, user_admin: USERS.admin})
  const plainUsers = jaas(PLAIN, Object.fromEntries(Object.entries(USERS).map(([u, pw]) => [`user_${u}`, pw])))
  const lines = [
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.voters=${nodes.map((n) => `${n.id}@${HOST}:${n.ports.controller}`).join(',')}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=INTERNAL',
    `listeners=${names.map((n) => `${n}://${HOST}:${listeners[n][0]}`).join(',')}`,
    `advertised.listeners=${names.filter((n) => n !== 'CONTROLLER').map((n) => `${n}://${HOST}:${advertisedPort(n)}`).join(',')}`,
    `listener.security.protocol.map=${names.map((n) => `${n}:${listeners[n][1]}`).join(',')}`,
    // Broker->controller and inter-broker traffic: SASL PLAIN as the super user admin.
    'sasl.enabled.mechanisms=PLAIN',
    'sasl.mechanism.controller.protocol=PLAIN',
    'sasl.mechanism.inter.broker.protocol=PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=${plainAdmin}`,
    'listener.name.internal.sasl.enabled.mechanisms=PLAIN',
    `listener.name.internal.plain.sasl.jaas.config=${plainAdmin}`,
    // sasl_plaintext: SCRAM-SHA-256, SCRAM-SHA-512 (users made at format time) and PLAIN (users in JAAS).
    'listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN',
    `listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=${jaas(SCRAM, {})}`,
    `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=${jaas(SCRAM, {})}`,
    `listener.name.sasl_plaintext.plain.sasl.jaas.config=${plainUsers}`,
    // sasl_ssl: SCRAM-SHA-512 only, like AWS MSK.
    'listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512',
    `listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=${jaas(SCRAM, {})}`,
    // oauthbearer: no handler configured = the unsecured JWT validator (alg "none", principal from "sub").
    'listener.name.oauthbearer.sasl.enabled.mechanisms=OAUTHBEARER',
    `listener.name.oauthbearer.oauthbearer.sasl.jaas.config=${jaas(OAUTH, {})}`,
    // TLS (ssl, mtls, sasl_ssl): PEM files; client certificates required on mtls only.
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${path.join(CERTS, 'server-keystore.pem')}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${path.join(CERTS, 'ca.pem')}`,
    'listener.name.mtls.ssl.client.auth=required',
    'ssl.principal.mapping.rules=RULE:^CN=([^,]*).*$/$1/,DEFAULT',
    // Authorization.
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users=User:admin',
    'allow.everyone.if.no.acl.found=false',
    // Storage and replication (one replica on the one-broker rig).
    `log.dirs=${logDir}`,
    'auto.create.topics.enable=true',
    'num.partitions=1',
    `default.replication.factor=${rf}`,
    `min.insync.replicas=${minIsr}`,
    `offsets.topic.replication.factor=${rf}`,
    'offsets.topic.num.partitions=1',
    `transaction.state.log.replication.factor=${rf}`,
    `transaction.state.log.min.isr=${minIsr}`,
    'transaction.state.log.num.partitions=1',
    ...(major >= 4 ? [`share.coordinator.state.topic.replication.factor=${rf}`, `share.coordinator.state.topic.min.isr=${minIsr}`] : []),
    // A killed node is fenced (and leaves every ISR) after 4 s instead of 9 s, so fault tests wait less.
    ...(CLUSTERED ? [`broker.rack=${node.rack}`, 'broker.session.timeout.ms=4000', 'broker.heartbeat.interval.ms=1000'] : []),
    'group.initial.rebalance.delay.ms=0',
    // Keep it small.
    'num.network.threads=1',
    'num.io.threads=2',
    'background.threads=2',
    'num.recovery.threads.per.data.dir=1',
    'num.replica.fetchers=1',
    'log.cleaner.threads=1',
    'log.cleaner.dedupe.buffer.size=16777216',
  ]
  return lines.join('\n') + '\n'
}

/**
 * Logging differs per line: 3.x uses log4j 1 (reload4j), 4.x log4j2. Everything goes to stdout =
 * kafka.log, but for the brokers' request log (kafka.request.logger at DEBUG: every request with its
 * client id, principal and body), which goes to each node's requests.log (-D kdoctor.request.log):
 * the side-effect tests read it to see exactly which requests a kdoctor run sent. The tools
 * (StorageTool format) get the configuration without it.
 */
function writeLogConfig(major) {
  const configFile = (name, withRequests) => path.join(RUN, `${name}${withRequests ? '-broker' : ''}.properties`)
  if (major === 3) {
    const write = (withRequests) => {
      const file = configFile('log4j', withRequests)
      fs.writeFileSync(file, [
        'log4j.rootLogger=INFO, stdout',
        'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
        'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
        'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
        'log4j.logger.kafka.authorizer.logger=INFO',
        'log4j.logger.org.apache.kafka.clients.NetworkClient=WARN',
        ...(withRequests ? [
          'log4j.logger.kafka.request.logger=DEBUG, requests',
          'log4j.additivity.kafka.request.logger=false',
          'log4j.appender.requests=org.apache.log4j.RollingFileAppender',
          'log4j.appender.requests.File=${kdoctor.request.log}',
          'log4j.appender.requests.MaxFileSize=100MB',
          'log4j.appender.requests.MaxBackupIndex=1',
          'log4j.appender.requests.layout=org.apache.log4j.PatternLayout',
          'log4j.appender.requests.layout.ConversionPattern=[%d] %m%n',
        ] : []),
        '',
      ].join('\n'))
      return [`-Dlog4j.configuration=file:${file}`]
    }
    return {tool: write(false), broker: write(true)}
  }
  const write = (withRequests) => {
    const file = configFile('log4j2', withRequests)
    fs.writeFileSync(file, [
      'status = warn',
      'appender.stdout.type = Console',
      'appender.stdout.name = STDOUT',
      'appender.stdout.layout.type = PatternLayout',
      'appender.stdout.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = INFO',
      'rootLogger.appenderRef.stdout.ref = STDOUT',
      'logger.authorizer.name = kafka.authorizer.logger',
      'logger.authorizer.level = INFO',
      'logger.network.name = org.apache.kafka.clients.NetworkClient',
      'logger.network.level = WARN',
      ...(withRequests ? [
        'appender.requests.type = RollingFile',
        'appender.requests.name = REQUESTS',
        'appender.requests.fileName = ${sys:kdoctor.request.log}',
        'appender.requests.filePattern = ${sys:kdoctor.request.log}.%i',
        'appender.requests.layout.type = PatternLayout',
        'appender.requests.layout.pattern = [%d] %m%n',
        'appender.requests.policies.type = Policies',
        'appender.requests.policies.size.type = SizeBasedTriggeringPolicy',
        'appender.requests.policies.size.size = 100MB',
        'appender.requests.strategy.type = DefaultRolloverStrategy',
        'appender.requests.strategy.max = 1',
        'logger.requests.name = kafka.request.logger',
        'logger.requests.level = DEBUG',
        'logger.requests.additivity = false',
        'logger.requests.appenderRef.requests.ref = REQUESTS',
      ] : []),
      '',
    ].join('\n'))
    return [`-Dlog4j2.configurationFile=${file}`]
  }
  return {tool: write(false), broker: write(true)}
}

function java() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
}

/**
 * A fresh, never-started log dir for this exact configuration. `StorageTool format` costs a JVM
 * start (~2-4 s), so its output is kept once per (version, config) and copied for each start;
 * the copy is byte-for-byte what a new format would give (same cluster id and SCRAM users).
 */
async function freshDataDir(cfg, logOpts, node) {
  const scram = Object.entries(USERS).flatMap(([name, password]) =>
    ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((mech) => ['--add-scram', `${mech}=[name=${name},password=${password}]`]))
  const key = createHash('sha256').update(JSON.stringify([cfg.version, serverProperties(cfg, '@', node), scram, CLUSTER_ID])).digest('hex').slice(0, 16)
  const template = path.join(HOME, cfg.version, 'formatted', key)
  if (!fs.existsSync(path.join(template, '.complete'))) {
    const started = Date.now()
    const tmp = `${template}.tmp-${process.pid}`
    // Templates of other configurations (one broker, each of three nodes) stay: they are a few KB each.
    fs.rmSync(tmp, {recursive: true, force: true})
    fs.mkdirSync(path.join(tmp, 'data'), {recursive: true})
    const props = path.join(tmp, 'server.properties')
    fs.writeFileSync(props, serverProperties(cfg, path.join(tmp, 'data'), node))
    await runAsync(java(), [...JVM_OPTS, ...logOpts.tool, '-cp', path.join(libDir(cfg.version), '*'),
      'kafka.tools.StorageTool', 'format', '--config', props, '--cluster-id', CLUSTER_ID, ...scram])
    fs.writeFileSync(path.join(tmp, '.complete'), '')
    fs.rmSync(template, {recursive: true, force: true})
    fs.renameSync(tmp, template)
    say(`formatted storage${CLUSTERED ? ` of node ${node.id}` : ''} in ${secs(Date.now() - started)}`)
  }
  const {data} = nodeFiles(node.id)
  fs.rmSync(data, {recursive: true, force: true})
  fs.cpSync(path.join(template, 'data'), data, {recursive: true})
}

// ---------------------------------------------------------------- kafkajs clients

const silent = () => () => {}

function clientFor(listener, extra = {}) {
  return new Kafka({
    clientId: 'kdoctor-rig',
    brokers: [`${listener.host}:${listener.port}`],
    connectionTimeout: 2000,
    authenticationTimeout: 3000,
    requestTimeout: 5000,
    retry: {retries: 0},
    logLevel: logLevel.NOTHING,
    logCreator: silent,
    ...extra,
  })
}

function unsecuredJwt(sub) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  return `${b64({alg: 'none'})}.${b64({sub, iat: now, exp: now + 3600})}.`
}

function tlsFiles() {
  const read = (f) => fs.readFileSync(path.join(CERTS, f), 'utf8')
  return {ca: [read('ca.pem')], cert: read('client.crt'), key: read('client.key')}
}

function rigListeners({id, ports}) {
  const l = (port, securityProtocol, more = {}) => ({host: HOST, port, securityProtocol, ...more})
  return {
    plaintext: l(ports.plaintext, 'PLAINTEXT'),
    ssl: l(ports.ssl, 'SSL'),
    mtls: l(ports.mtls, 'SSL'),
    sasl_plaintext: l(ports.sasl_plaintext, 'SASL_PLAINTEXT', {mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-512', 'PLAIN']}),
    sasl_ssl: l(ports.sasl_ssl, 'SASL_SSL', {mechanisms: ['SCRAM-SHA-512']}),
    oauthbearer: l(ports.oauthbearer, 'SASL_PLAINTEXT', {mechanisms: ['OAUTHBEARER']}),
    advertised_unreachable: l(ports.advertised_unreachable, 'PLAINTEXT', {advertisedHost: HOST, advertisedPort: ports.unreachableAdvertised}),
    ...(CLUSTERED
      ? {one_unreachable: l(ports.one_unreachable, 'PLAINTEXT', id === 2 ? {advertisedHost: HOST, advertisedPort: ports.oneUnreachableAdvertised} : {})}
      : {}),
  }
}

const adminOf = (listeners) =>
  clientFor(listeners.sasl_plaintext, {sasl: {mechanism: 'scram-sha-512', username: 'admin', password: USERS.admin}}).admin()

/**
 * One real request per listener, with the security that listener wants, as a principal that is
 * allowed to make it. Resolves to the cluster id seen on the plaintext listener.
 */
async function probeListeners(listeners) {
  const {ca, cert, key} = tlsFiles()
  const alice = {username: 'alice', password: USERS.alice}
  const probes = {
    // ANONYMOUS without any ACL: a Metadata request for no topics still returns brokers and cluster id.
    plaintext: [{}, (a) => a.describeCluster()],
    ssl: [{ssl: {ca}}, (a) => a.describeCluster()],
    mtls: [{ssl: {ca, cert, key}}, (a) => a.fetchTopicMetadata({topics: [`${HEROKU_PREFIX}events`]})],
    sasl_plaintext: [{sasl: {mechanism: 'scram-sha-256', ...alice}}, (a) => a.fetchTopicMetadata({topics: ['alice.orders']})],
    sasl_ssl: [{ssl: {ca}, sasl: {mechanism: 'scram-sha-512', ...alice}}, (a) => a.fetchTopicMetadata({topics: ['alice.orders']})],
    oauthbearer: [{sasl: {mechanism: 'oauthbearer', oauthBearerProvider: async () => ({value: unsecuredJwt('alice')})}},
      (a) => a.fetchTopicMetadata({topics: ['alice.orders']})],
    // Bootstrap only (ApiVersions on connect); everything after metadata goes to the closed advertised port.
    advertised_unreachable: [{}, async () => {}],
  }
  const results = await Promise.allSettled(Object.entries(probes).map(async ([name, [extra, fn]]) => {
    const admin = clientFor(listeners[name], extra).admin()
    try {
      await admin.connect()
      return await fn(admin)
    } catch (error) {
      throw new Error(`${name} (${listeners[name].host}:${listeners[name].port}): ${error.message}`)
    } finally {
      await admin.disconnect().catch(() => {})
    }
  }))
  const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message)
  if (failed.length > 0) throw new Error(failed.join('; '))
  const cluster = results[0].value
  if (cluster.brokers.length < BROKERS) throw new Error(`${cluster.brokers.length} of ${BROKERS} brokers in the metadata`)
  return cluster.clusterId
}

async function retryUntil(what, deadline, fn, {isDead} = {}) {
  let last
  for (;;) {
    if (isDead?.()) throw new RigError(`broker exited while waiting for ${what}`, {showLog: true})
    try {
      return await fn()
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) throw new RigError(`timed out waiting for ${what}: ${last?.message}`, {showLog: true})
    await sleep(250)
  }
}

function topicSpec(t) {
  const configEntries = Object.entries(t.config ?? {}).map(([name, value]) => ({name, value}))
  if (t.replicas) return {topic: t.name, replicaAssignment: [{partition: 0, replicas: t.replicas}], configEntries}
  return {topic: t.name, numPartitions: t.partitions, replicationFactor: CLUSTERED ? 3 : 1, configEntries}
}

/**
 * Creates the topics, then waits until every partition has a leader. kafkajs' waitForLeaders asks
 * once (this client has retries off), and on a three-broker Kafka 3.9 cluster the broker it asks
 * often has not yet heard of a topic just created ("This server does not host this
 * topic-partition"): half the starts failed that way. Here the leaders are polled to the deadline.
 */
async function createTopicsWithLeaders(admin, topics, deadline, isDead) {
  await admin.createTopics({waitForLeaders: false, timeout: 15_000, topics: topics.map(topicSpec)})
  await retryUntil('topic leaders', deadline, async () => {
    const metadata = await admin.fetchTopicMetadata({topics: topics.map((t) => t.name)})
    const leaderless = metadata.topics.flatMap((t) => t.partitions.filter((p) => !(p.leader >= 0)).map((p) => `${t.name}-${p.partitionId}`))
    if (leaderless.length > 0) throw new Error(`no leader yet for ${leaderless.slice(0, 5).join(', ')}`)
  }, {isDead})
}

/**
 * A rig started before a topic joined TOPICS gets it on the next `start`: the missing topics are
 * created, existing ones are left exactly as they are, and rig.json lists them all.
 */
async function createMissingTopics(rig) {
  const admin = adminOf(rig.listeners)
  await admin.connect()
  let added
  try {
    const existing = new Set(await admin.listTopics())
    added = TOPICS.filter((t) => !existing.has(t.name))
    if (added.length > 0) await createTopicsWithLeaders(admin, added, Date.now() + READY_TIMEOUT_MS)
  } finally {
    await admin.disconnect().catch(() => {})
  }
  const topics = TOPICS.map(({name, partitions}) => ({name, partitions}))
  if (JSON.stringify(rig.topics) !== JSON.stringify(topics)) {
    fs.writeFileSync(`${RIG_JSON}.tmp`, JSON.stringify({...rig, topics}, null, 2) + '\n')
    fs.renameSync(`${RIG_JSON}.tmp`, RIG_JSON)
  }
  return added.map((t) => t.name)
}

async function setupTopicsAndAcls(listeners, deadline, isDead, marks) {
  const admin = adminOf(listeners)
  await retryUntil('admin connection', deadline, () => admin.connect(), {isDead})
  marks.up = Date.now()
  try {
    // Replication factor 3 needs every node registered (unfenced) first.
    await retryUntil(`${BROKERS} registered brokers`, deadline, async () => {
      const {brokers} = await admin.describeCluster()
      if (brokers.length < BROKERS) throw new Error(`${brokers.length} of ${BROKERS} brokers registered`)
    }, {isDead})
    marks.registered = Date.now()
    await createTopicsWithLeaders(admin, TOPICS, deadline, isDead)
    await admin.createAcls({
      acl: ACLS.map((a) => ({
        principal: a.principal,
        host: '*',
        resourceType: AclResourceTypes[a.resourceType],
        resourceName: a.name,
        resourcePatternType: ResourcePatternTypes[a.patternType],
        operation: AclOperationTypes[a.operation],
        permissionType: AclPermissionTypes[a.permission],
      })),
    })
    // ACLs reach the authorizer through the metadata log, asynchronously; DescribeAcls is answered
    // from the broker's own authorizer, so once it lists them all they are in force.
    await retryUntil('ACLs to propagate', deadline, async () => {
      const {resources} = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      })
      const seen = new Set(resources.flatMap((r) => r.acls.map((acl) => `${acl.principal}|${r.resourceType}|${r.resourceName}`)))
      const missing = ACLS.filter((a) => !seen.has(`${a.principal}|${AclResourceTypes[a.resourceType]}|${a.name}`))
      marks.aclPolls = (marks.aclPolls ?? 0) + 1
      if (missing.length > 0) throw new Error(`${missing.length} ACLs not visible yet`)
    }, {isDead})
    marks.setup = Date.now()
  } finally {
    await admin.disconnect().catch(() => {})
  }
}

// ---------------------------------------------------------------- network namespace (three brokers)

// Outside the namespace a `sleep` holds it (the JVMs alone would let it vanish once all are killed);
// every command but stop/kill-node re-runs itself inside through nsenter.
const ROOTLESS = typeof process.getuid === 'function' && process.getuid() !== 0
const nsenterPrefix = (holder) => ['nsenter', '-t', String(holder), ...(ROOTLESS ? ['-U', '--preserve-credentials'] : []), '-n']

function isHolder(pid) {
  if (!isAlive(pid)) return false
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(NETNS_MARK)
  } catch {
    return false
  }
}

function runningHolder() {
  const pid = readPidFile(NETNS_PIDFILE)
  return isHolder(pid) ? pid : undefined
}

async function startHolder() {
  const child = spawn('unshare', [ROOTLESS ? '-rn' : '-n', 'bash', '-c', `ip link set lo up && echo up && exec -a ${NETNS_MARK} sleep infinity`], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let errors = ''
  child.stderr.on('data', (d) => (errors += d))
  await new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new RigError(`unshare: ${error.message} (the three-broker rig needs util-linux unshare and nsenter)`)))
    child.once('exit', (code) => reject(new RigError(`unshare -n exited ${code}: ${errors.trim()} (needs root or unprivileged user namespaces)`)))
    child.stdout.once('data', resolve)
  })
  child.stdout.destroy()
  child.stderr.destroy()
  child.unref()
  fs.writeFileSync(NETNS_PIDFILE, String(child.pid))
  return child.pid
}

function stopHolder() {
  const pid = runningHolder()
  if (pid) process.kill(pid, 'SIGKILL')
  fs.rmSync(NETNS_PIDFILE, {force: true})
}

// ---------------------------------------------------------------- health of a running rig

const rigBrokers = (rig) => rig.brokers ?? [{nodeId: 1, pid: rig.pid, listeners: rig.listeners}]

async function healthyRig(cfg) {
  const rig = readJson(RIG_JSON)
  if (!rig || rig.kafkaVersion !== cfg.version || rig.portBase !== cfg.portBase) return undefined
  if (!rigBrokers(rig).every((b) => isOurBroker(b.pid))) return undefined
  // A rig started before brokers kept a request log is restarted with one (the side-effect tests read it).
  if (!rigBrokers(rig).every((b) => b.requestLog)) return undefined
  if (CLUSTERED && rig.netns?.holderPid !== Number(process.env.KDOCTOR_RIG_NETNS_HOLDER)) return undefined
  try {
    await Promise.all(rigBrokers(rig).map((b) => probeListeners(b.listeners)))
    return rig
  } catch {
    return undefined
  }
}

// ---------------------------------------------------------------- stop

/** Every JVM of ours: the pids rig.json and each node's pid file name. */
function ourPids() {
  const fromJson = rigBrokers(readJson(RIG_JSON) ?? {}).map((b) => b.pid)
  return new Set([...fromJson, ...NODE_IDS.map((id) => readPidFile(nodeFiles(id).pid))].filter((pid) => isOurBroker(pid)))
}

async function stopBroker() {
  const pids = ourPids()
  fs.rmSync(RIG_JSON, {force: true})
  if (pids.size === 0) return false
  const started = Date.now()
  // Three combined nodes stopping at once lose their quorum and each waits out its controlled
  // shutdown; their data is wiped on the next start anyway, so they get SIGKILL right away.
  for (const pid of pids) process.kill(pid, CLUSTERED ? 'SIGKILL' : 'SIGTERM')
  let killed = CLUSTERED
  while ([...pids].some(isAlive)) {
    if (!killed && Date.now() - started > STOP_GRACE_MS) {
      for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
      killed = true
    }
    if (Date.now() - started > STOP_GRACE_MS + 10_000) throw new RigError(`broker pid ${[...pids].join(',')} did not exit`)
    await sleep(100)
  }
  for (const id of NODE_IDS) fs.rmSync(nodeFiles(id).pid, {force: true})
  say(`stopped broker pid ${[...pids].join(',')} in ${secs(Date.now() - started)}${killed ? ' (SIGKILL)' : ''}`)
  return true
}

/** kill-node N: SIGKILL one node of the three (a crashed broker, for fault tests); rig.json stays. */
async function killNode(id) {
  const pid = readPidFile(nodeFiles(id).pid)
  if (!isOurBroker(pid)) throw new RigError(`node ${id} is not running`)
  process.kill(pid, 'SIGKILL')
  while (isAlive(pid)) await sleep(50)
  say(`killed node ${id} (pid ${pid})`)
}

// ---------------------------------------------------------------- start

function spawnNode(cfg, node, logOpts) {
  const files = nodeFiles(node.id)
  const props = path.join(files.dir, 'server.properties')
  const logFd = fs.openSync(files.log, 'a')
  const child = spawn(java(), [...JVM_OPTS, ...logOpts.broker, `-Dkdoctor.request.log=${files.requests}`, '-cp', path.join(libDir(cfg.version), '*'), 'kafka.Kafka', props], {
    cwd: files.dir,
    detached: true,
    stdio: ['ignore', logFd, logFd],
  })
  fs.closeSync(logFd)
  const proc = {node, child, exited: false}
  child.once('exit', () => (proc.exited = true))
  child.once('error', () => (proc.exited = true))
  if (!child.pid) throw new RigError(`could not start ${java()}`)
  fs.writeFileSync(files.pid, String(child.pid))
  return proc
}

function killOnSignal(procs) {
  const abort = () => {
    for (const p of procs) if (!p.exited) p.child.kill('SIGKILL')
  }
  process.once('SIGINT', () => {
    abort()
    process.exit(130)
  })
  process.once('SIGTERM', () => {
    abort()
    process.exit(143)
  })
  return abort
}

function brokerEntry(cfg, node, pid) {
  return {nodeId: node.id, rack: CLUSTERED ? node.rack : null, pid, listeners: rigListeners(node), logFile: nodeFiles(node.id).log, requestLog: nodeFiles(node.id).requests}
}

function writeRigJson(rig) {
  fs.writeFileSync(`${RIG_JSON}.tmp`, JSON.stringify(rig, null, 2) + '\n')
  fs.renameSync(`${RIG_JSON}.tmp`, RIG_JSON)
}

/**
 * start-node N (and `start` after kill-node): the dead nodes of a running three-broker rig come
 * back on their own data, as a crashed broker restarted by its supervisor; returns false when
 * there is no such rig to repair.
 */
async function restartNodes(cfg, ids) {
  const rig = readJson(RIG_JSON)
  if (!rig || !rig.brokers || rig.kafkaVersion !== cfg.version || rig.portBase !== cfg.portBase) return false
  if (rig.netns?.holderPid !== Number(process.env.KDOCTOR_RIG_NETNS_HOLDER)) return false
  const dead = ids.filter((id) => !isOurBroker(rig.brokers.find((b) => b.nodeId === id)?.pid))
  const alive = rig.brokers.filter((b) => !dead.includes(b.nodeId))
  if (alive.length === 0) return false
  const started = Date.now()
  const logOpts = writeLogConfig(cfg.major)
  const procs = dead.map((id) => spawnNode(cfg, cfg.nodes[id - 1], logOpts))
  const abort = killOnSignal(procs)
  try {
    for (const p of procs) rig.brokers[p.node.id - 1].pid = p.child.pid
    rig.pid = rig.brokers[0].pid
    const deadline = started + READY_TIMEOUT_MS
    await retryUntil(`node ${dead.join(', ')} to rejoin`, deadline, () => Promise.all(rig.brokers.map((b) => probeListeners(b.listeners))), {
      isDead: () => procs.some((p) => p.exited),
    })
    writeRigJson(rig)
    for (const p of procs) p.child.unref()
    say(`node ${dead.join(', ') || '(none)'} back in ${secs(Date.now() - started)}`)
    return true
  } catch (error) {
    abort()
    error.showLog = true
    throw error
  }
}

async function start() {
  const cfg = requestedConfig()
  const reused = await healthyRig(cfg)
  if (reused) {
    const added = await createMissingTopics(reused)
    const note = added.length > 0 ? `; created missing topics ${added.join(', ')}` : ''
    say(`Kafka ${reused.kafkaVersion} already running and healthy (pid ${reused.pid}, checked in ${secs(Date.now() - t0)}${note})`)
    return
  }
  // A three-broker rig with a node killed by a test: restart just that node.
  if (CLUSTERED && (await restartNodes(cfg, NODE_IDS).catch(() => false)) && (await healthyRig(cfg))) return
  // Something of ours that is not healthy, of another version or port base, or left by an interrupted start.
  await stopBroker()

  ensureJars(cfg)
  ensureCerts()

  const ports = cfg.nodes.flatMap((n) => Object.entries(n.ports).map(([name, port]) => [`node ${n.id} ${name}`, port]))
  const busy = (await Promise.all(ports.map(async ([name, port]) => ((await tcpOpen(port)) ? `${name}=${port}` : undefined)))).filter(Boolean)
  if (busy.length > 0) {
    throw new RigError(`ports already in use on ${HOST}: ${busy.join(', ')} (another rig or program? set KDOCTOR_RIG_PORT_BASE)`)
  }

  fs.rmSync(RUN, {recursive: true, force: true})
  fs.mkdirSync(RUN, {recursive: true})
  const logOpts = writeLogConfig(cfg.major)
  for (const node of cfg.nodes) fs.mkdirSync(nodeFiles(node.id).dir, {recursive: true})
  await Promise.all(cfg.nodes.map((node) => freshDataDir(cfg, logOpts, node)))
  for (const node of cfg.nodes) fs.writeFileSync(path.join(nodeFiles(node.id).dir, 'server.properties'), serverProperties(cfg, nodeFiles(node.id).data, node))

  const spawnedAt = Date.now()
  const procs = cfg.nodes.map((node) => spawnNode(cfg, node, logOpts))
  const abort = killOnSignal(procs)

  try {
    const brokers = procs.map((p) => brokerEntry(cfg, p.node, p.child.pid))
    const listeners = brokers[0].listeners
    const deadline = spawnedAt + READY_TIMEOUT_MS
    const isDead = () => procs.some((p) => p.exited)
    const marks = {}
    await setupTopicsAndAcls(listeners, deadline, isDead, marks)
    const clusterId = await retryUntil('every listener', deadline, async () => (await Promise.all(brokers.map((b) => probeListeners(b.listeners))))[0], {isDead})
    const holder = Number(process.env.KDOCTOR_RIG_NETNS_HOLDER)
    const rig = {
      kafkaVersion: cfg.version,
      pid: procs[0].child.pid,
      clusterId,
      portBase: cfg.portBase,
      listeners,
      brokers,
      replicationFactor: CLUSTERED ? 3 : 1,
      minInsyncReplicas: CLUSTERED ? 2 : 1,
      ...(CLUSTERED ? {netns: {holderPid: holder, enter: nsenterPrefix(holder)}} : {}),
      users: {...USERS},
      tls: {ca: path.join(CERTS, 'ca.pem'), clientCert: path.join(CERTS, 'client.crt'), clientKey: path.join(CERTS, 'client.key')},
      tlsPrincipal: TLS_PRINCIPAL,
      herokuPrefix: HEROKU_PREFIX,
      topics: TOPICS.map(({name, partitions}) => ({name, partitions})),
      acls: ACLS,
      logFile: LOG,
      startedAt: new Date().toISOString(),
    }
    writeRigJson(rig)
    for (const p of procs) p.child.unref()
    const now = Date.now()
    const rss = procs.reduce((sum, p) => sum + rssKb(p.child.pid), 0)
    say(`Kafka ${cfg.version} ${CLUSTERED ? 'three-broker cluster' : 'broker'} ready in ${secs(now - spawnedAt)} after spawn ` +
      `(pid ${procs.map((p) => p.child.pid).join(',')}; broker up ${secs(marks.up - spawnedAt)}, all registered ${secs(marks.registered - spawnedAt)}, ` +
      `topics+ACLs ${secs(marks.setup - marks.registered)} with ${marks.aclPolls} DescribeAcls, listener checks ${secs(now - marks.setup)}; ` +
      `total ${secs(now - t0)}; RSS ${Math.round(rss / 1024)} MiB)`)
  } catch (error) {
    abort()
    for (let i = 0; i < 100 && procs.some((p) => !p.exited); i++) await sleep(100)
    for (const id of NODE_IDS) fs.rmSync(nodeFiles(id).pid, {force: true})
    error.showLog = true
    throw error
  }
}

/** Resident memory of a process, from /proc (0 where there is none). */
function rssKb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
  } catch {
    return 0
  }
}

// ---------------------------------------------------------------- main

function nodeArg() {
  const id = Number(process.argv[3])
  if (!CLUSTERED || !NODE_IDS.includes(id)) throw new RigError(`${process.argv[2]} needs KDOCTOR_RIG_BROKERS=3 and a node id 1, 2 or 3`)
  return id
}

/** Three brokers: run this same command inside the rig's network namespace (made on first start). */
async function inNamespace(cmd) {
  let holder = runningHolder()
  if (!holder) {
    if (cmd !== 'start') {
      say('not running (no network namespace)')
      return 1
    }
    holder = await withLock(async () => runningHolder() ?? startHolder())
  }
  // Inside there is no network: Maven Central is reached from out here.
  if (cmd === 'start') {
    const cfg = requestedConfig()
    await withLock(async () => {
      ensureJars(cfg)
      ensureCerts()
    })
  }
  const [enter, ...enterArgs] = nsenterPrefix(holder)
  const res = spawnSync(enter, [...enterArgs, process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: {...process.env, KDOCTOR_RIG_NETNS_HOLDER: String(holder)},
  })
  if (res.error) throw new RigError(`${enter}: ${res.error.message}`)
  return res.status ?? 1
}

async function main() {
  const cmd = process.argv[2]
  if (CLUSTERED && !process.env.KDOCTOR_RIG_NETNS_HOLDER && ['start', 'status', 'start-node'].includes(cmd)) {
    process.exitCode = await inNamespace(cmd)
  } else if (cmd === 'start') {
    await withLock(start)
  } else if (cmd === 'stop') {
    await withLock(stopBroker)
    if (CLUSTERED) stopHolder()
  } else if (cmd === 'kill-node') {
    await killNode(nodeArg())
  } else if (cmd === 'start-node') {
    const id = nodeArg()
    if (!(await withLock(() => restartNodes(requestedConfig(), [id])))) throw new RigError('no running three-broker rig to restart a node of')
  } else if (cmd === 'status') {
    const rig = await healthyRig(requestedConfig())
    if (!rig) {
      say('not running (or not healthy)')
      process.exitCode = 1
      return
    }
    process.stdout.write(JSON.stringify(rig, null, 2) + '\n')
  } else {
    process.stderr.write('usage: node test/kafka/rig.mjs start|stop|status (KDOCTOR_RIG_BROKERS=3 also: kill-node N|start-node N)\n')
    process.exitCode = 2
  }
}

// Run only when executed (test/helpers/rig.ts imports DEFAULT_KAFKA_VERSION from here).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(),
    (error) => {
      say(`FAILED: ${error.message}`)
      if (error.showLog) {
        for (const id of NODE_IDS) process.stderr.write(`--- tail of ${nodeFiles(id).log}\n${logTail(nodeFiles(id).log)}\n---\n`)
        // Again after the logs: a CI report that keeps only the last lines still says why.
        say(`FAILED: ${error.message}`)
      }
      process.exit(1)
    },
  )
}
