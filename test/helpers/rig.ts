// The real Kafka broker for integration tests (started by test/kafka/rig.mjs).
//
//   import {ensureRig, type Rig} from '../helpers/rig.js'
//   let rig: Rig
//   before(async () => { rig = await ensureRig() })
//
// ensureRig() reuses a running, healthy rig (.kafka/rig.json: process alive, every listener port
// open, same version and port base as `start` would pick) and otherwise runs
// `node test/kafka/rig.mjs start` (KAFKA_VERSION and KDOCTOR_RIG_PORT_BASE are inherited;
// the start command holds a lock, so parallel test files share one broker).
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL'

export interface RigListener {
  host: string
  port: number
  securityProtocol: SecurityProtocol
  /** SASL mechanisms the listener enables (SASL listeners only). */
  mechanisms?: string[]
  /** Where the broker tells clients to go instead (advertised_unreachable only: a closed port). */
  advertisedHost?: string
  advertisedPort?: number
}

export type RigListenerName =
  | 'plaintext' // PLAINTEXT, principal User:ANONYMOUS (no ACLs)
  | 'ssl' // SSL, server auth only, User:ANONYMOUS
  | 'mtls' // SSL with ssl.client.auth=required; rig.tls client cert = User:heroku-tenant
  | 'sasl_plaintext' // SCRAM-SHA-256, SCRAM-SHA-512, PLAIN
  | 'sasl_ssl' // SCRAM-SHA-512 only (like AWS MSK)
  | 'oauthbearer' // SASL_PLAINTEXT OAUTHBEARER, unsecured JWT (alg "none"; principal = "sub")
  | 'advertised_unreachable' // PLAINTEXT bootstrap works, advertises a closed port
  | 'one_unreachable' // three brokers only: PLAINTEXT, node 2 alone advertises a closed port

export interface RigAcl {
  principal: string
  resourceType: 'TOPIC' | 'GROUP'
  patternType: 'PREFIXED' | 'LITERAL'
  name: string
  operation: string
  permission: 'ALLOW' | 'DENY'
}

export interface RigBroker {
  nodeId: number
  /** 'a', 'b', 'c' on the three-broker rig; null on the one-broker rig. */
  rack: string | null
  pid: number
  listeners: Partial<Record<RigListenerName, RigListener>>
  logFile: string
  /** This broker's request log (kafka.request.logger at DEBUG): every request it answered, one JSON per line. */
  requestLog: string
}

export interface Rig {
  kafkaVersion: string
  pid: number
  clusterId: string
  portBase: number
  /** Node 1's listeners (the bootstrap addresses tests use). */
  listeners: Record<RigListenerName, RigListener>
  /** Every broker, node 1 first. */
  brokers: RigBroker[]
  replicationFactor: number
  minInsyncReplicas: number
  /** Three brokers: the network namespace the cluster lives in; `enter` prefixes a command to run inside it. */
  netns?: {holderPid: number; enter: string[]}
  /** SCRAM-SHA-256/512 and PLAIN passwords: admin (super user), alice (alice.* topics, alice-* groups), bob (no ACLs). */
  users: {admin: string; alice: string; bob: string}
  /** Absolute paths: the test CA, and the mTLS client certificate and key (CN=heroku-tenant). */
  tls: {ca: string; clientCert: string; clientKey: string}
  /** Principal name of the mTLS client certificate. */
  tlsPrincipal: string
  /** 'wiry-12345.': heroku-tenant may use topics and groups with this prefix. */
  herokuPrefix: string
  topics: Array<{name: string; partitions: number}>
  acls: RigAcl[]
  logFile: string
  startedAt: string
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const RIG_JSON = path.join(process.env.KDOCTOR_RIG_HOME ? path.resolve(process.env.KDOCTOR_RIG_HOME) : path.join(ROOT, '.kafka'), 'rig.json')
const RIG_SCRIPT = path.join(ROOT, 'test', 'kafka', 'rig.mjs')

function readRig(): Rig | undefined {
  try {
    return JSON.parse(fs.readFileSync(RIG_JSON, 'utf8')) as Rig
  } catch {
    return undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }
}

function tcpOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({host, port})
    const done = (open: boolean) => {
      socket.destroy()
      resolve(open)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/** The version `rig.mjs start` would run: KAFKA_VERSION, else the default that rig.mjs declares. */
async function wantedVersion(): Promise<string> {
  if (process.env.KAFKA_VERSION) return process.env.KAFKA_VERSION
  const mod = (await import(pathToFileURL(RIG_SCRIPT).href)) as {DEFAULT_KAFKA_VERSION: string}
  return mod.DEFAULT_KAFKA_VERSION
}

async function healthy(rig: Rig): Promise<boolean> {
  if (!isAlive(rig.pid)) return false
  if (rig.kafkaVersion !== (await wantedVersion())) return false
  if (rig.portBase !== Number(process.env.KDOCTOR_RIG_PORT_BASE || 19090)) return false
  const open = await Promise.all(Object.values(rig.listeners).map((l) => tcpOpen(l.host, l.port)))
  return open.every(Boolean)
}

function startRig(): Promise<void> {
  return rigCommand('start', process.env)
}

function rigCommand(command: 'start' | 'stop', env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RIG_SCRIPT, command], {cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit']})
    child.once('error', reject)
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`node test/kafka/rig.mjs ${command} failed (${signal ?? `exit ${code}`})`)),
    )
  })
}

/**
 * A one-broker rig of its own on freshly formatted storage — no __consumer_offsets, no group, no
 * record yet — beside the shared one: home .kafka/<name>, ports at the shared port base + offset
 * (the shared rig uses base-1 … base+10). For tests that need a cluster nobody has used; a copy
 * left running by an interrupted test is stopped first, since `start` would reuse it. ~10 s.
 */
export async function startFreshRig(name: string, portOffset: number): Promise<{rig: Rig; dataDir: string; stop: () => Promise<void>}> {
  const home = path.join(ROOT, '.kafka', name)
  const env = {...process.env, KDOCTOR_RIG_BROKERS: '1', KDOCTOR_RIG_HOME: home, KDOCTOR_RIG_PORT_BASE: String(Number(process.env.KDOCTOR_RIG_PORT_BASE || 19090) + portOffset)}
  await rigCommand('stop', env)
  await rigCommand('start', env)
  const rig = JSON.parse(fs.readFileSync(path.join(home, 'rig.json'), 'utf8')) as Rig
  return {rig, dataDir: path.join(home, 'run', 'data'), stop: () => rigCommand('stop', env)}
}

/** A running Kafka rig; starts one when none is healthy. Allow ~30 s (first run: jar download). */
export async function ensureRig(): Promise<Rig> {
  const current = readRig()
  if (current && (await healthy(current))) return current
  await startRig()
  const rig = readRig()
  if (!rig) throw new Error(`${RIG_JSON} missing after rig start`)
  return rig
}

// ---------------------------------------------------------------- the three-broker rig

// KDOCTOR_RIG3_HOME: e.g. a Kafka 3.9 cluster beside a 4.x one during development.
const RIG3_HOME = process.env.KDOCTOR_RIG3_HOME ? path.resolve(process.env.KDOCTOR_RIG3_HOME) : path.join(ROOT, '.kafka', 'rig3')

/** rig.mjs with the three-broker profile: its own home (KDOCTOR_RIG3_HOME) and port base (KDOCTOR_RIG3_PORT_BASE, default 19190). */
function rig3Command(args: string[]): Promise<void> {
  const env = {...process.env, KDOCTOR_RIG_BROKERS: '3', KDOCTOR_RIG_HOME: RIG3_HOME, KDOCTOR_RIG_PORT_BASE: process.env.KDOCTOR_RIG3_PORT_BASE || '19190'}
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RIG_SCRIPT, ...args], {cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit']})
    child.once('error', reject)
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`node test/kafka/rig.mjs ${args.join(' ')} (three brokers) failed (${signal ?? `exit ${code}`})`)),
    )
  })
}

/**
 * The three-broker rig, started (or repaired: a node killed by an earlier test comes back) by
 * `rig.mjs start`, which is idempotent and holds the lock. It lives in its own network namespace:
 * run the CLI with `runCli(args, {prefix: rig.netns.enter})`.
 */
export async function ensureRig3(): Promise<Rig & {netns: NonNullable<Rig['netns']>}> {
  await rig3Command(['start'])
  const rig = JSON.parse(fs.readFileSync(path.join(RIG3_HOME, 'rig.json'), 'utf8')) as Rig
  if (!rig.netns || rig.brokers.length !== 3) throw new Error(`${RIG3_HOME}/rig.json is not a three-broker rig`)
  return rig as Rig & {netns: NonNullable<Rig['netns']>}
}

/** SIGKILL one node of the three-broker rig (rig.json keeps listing it). */
export const killRig3Node = (nodeId: number) => rig3Command(['kill-node', String(nodeId)])

/** PEM contents of rig.tls, ready for kafkajs `ssl: {ca, cert, key}` or node:tls. */
export function rigTls(rig: Rig): {ca: string[]; cert: string; key: string} {
  return {
    ca: [fs.readFileSync(rig.tls.ca, 'utf8')],
    cert: fs.readFileSync(rig.tls.clientCert, 'utf8'),
    key: fs.readFileSync(rig.tls.clientKey, 'utf8'),
  }
}

/** An unsecured OAUTHBEARER token (alg "none") that the rig's oauthbearer listener accepts as User:<sub>. */
export function unsecuredJwt(sub: string, lifetimeSeconds = 3600): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  return `${b64({alg: 'none'})}.${b64({sub, iat: now, exp: now + lifetimeSeconds})}.`
}
