// Checks a Kubernetes Deployment against what Karafka recommends for consumers: the Recreate
// strategy (KD807), a livenessProbe that reaches the listener with timings that suit it
// (KD808), the container running `karafka server`, KARAFKA_ENV set.

import {finding, type Finding} from '../diagnosis/finding.js'
import {KARAFKA_LISTENER, KUBELET_PROBE_DEFAULTS, KUBERNETES_TERMINATION_GRACE_SECONDS, MIN_PROBE_TIMEOUT_SECONDS, MIN_STARTUP_WINDOW_SECONDS, RECOMMENDED_PROBE} from './defaults.js'
import type {TtlSettings} from './interpret.js'
import type {ListenerClass} from './karafka-config.js'
import type {ContainerSpec, DeploymentSpec, ProbeSpec} from './manifest.js'

/** What the Deployment is compared against. */
export interface ListenerExpectation {
  port: number
  /** Where the port comes from: "karafka.rb line 40", "the listener's answer", "--port", "Karafka's default". */
  portSource: string
  readinessPort?: {value: number; where: string}
  /** The listener class karafka.rb subscribes, if known. */
  listenerKind?: ListenerClass
  listenerWhere?: string
  ttls: TtlSettings
  /** From karafka.rb `config.shutdown_timeout`, else Karafka's default. */
  shutdownTimeout: {ms: number; source: string}
  /** Words for what softens a rolling update (cooperative-sticky, static membership). */
  mitigations: string[]
}

export type RunMode = 'server' | 'swarm' | 'image' | 'other'

export interface ContainerRole {
  container: ContainerSpec
  mode: RunMode
  /** The command line as written, for messages. */
  commandLine: string
}

const KARAFKA_COMMAND = /\bkarafka\s+(server|swarm)\b/

export function runMode(container: ContainerSpec): ContainerRole {
  const commandLine = [...container.command, ...container.args].join(' ').trim()
  const match = KARAFKA_COMMAND.exec(commandLine)
  const mode: RunMode = match ? (match[1] === 'swarm' ? 'swarm' : 'server') : commandLine === '' ? 'image' : 'other'
  return {container, mode, commandLine}
}

/** The Karafka consumers among the Deployments, and in each the containers worth checking. */
export function selectTargets(deployments: readonly DeploymentSpec[]): Array<{deployment: DeploymentSpec; roles: ContainerRole[]}> {
  const all = deployments.map((deployment) => ({deployment, roles: deployment.containers.map(runMode)}))
  const karafka = all.filter(({roles}) => roles.some((r) => r.mode === 'server' || r.mode === 'swarm'))
  return (karafka.length > 0 ? karafka : all).map(({deployment, roles}) => {
    const running = roles.filter((r) => r.mode === 'server' || r.mode === 'swarm')
    const probed = roles.filter((r) => r.container.livenessProbe)
    return {deployment, roles: running.length > 0 ? running : probed.length > 0 ? probed : roles}
  })
}

/** The kubelet timeout of the first probe kdoctor checks: the HTTP probe is judged against it. */
export function probeTimeoutOf(deployments: readonly DeploymentSpec[]): {ms: number; source: string} | undefined {
  for (const {deployment, roles} of selectTargets(deployments)) {
    for (const {container} of roles) {
      if (container.livenessProbe) {
        const seconds = container.livenessProbe.timeoutSeconds ?? KUBELET_PROBE_DEFAULTS.timeoutSeconds
        return {ms: seconds * 1000, source: `the livenessProbe's timeoutSeconds in deployment/${deployment.name}`}
      }
    }
  }

  return undefined
}

export function deploymentFindings(deployments: readonly DeploymentSpec[], expectation: ListenerExpectation): Finding[] {
  const findings: Finding[] = []
  for (const {deployment, roles} of selectTargets(deployments)) {
    const target = `deployment/${deployment.name}`
    const add = (f: Omit<Parameters<typeof finding>[0], 'check' | 'target'>) => findings.push(finding({check: 'manifest', target, ...f}))
    add(strategyFinding(deployment, expectation))
    for (const role of roles) {
      const prefix = deployment.containers.length > 1 ? `container ${role.container.name}: ` : ''
      for (const f of containerFindings(role, expectation)) add({...f, summary: prefix + f.summary, evidence: {container: role.container.name, ...f.evidence}})
    }

    add(graceFinding(deployment, expectation))
  }

  return findings
}

type Draft = Omit<Parameters<typeof finding>[0], 'check' | 'target'> & {evidence: Record<string, unknown>}

function strategyFinding(deployment: DeploymentSpec, expectation: ListenerExpectation): Draft {
  const type = deployment.strategyType
  const evidence = {strategy: type ?? null, where: deployment.where, ...(deployment.replicas === undefined ? {} : {replicas: deployment.replicas}), ...(deployment.rollingUpdate ? {rollingUpdate: deployment.rollingUpdate} : {})}
  if (type === 'Recreate') {
    return {status: 'pass', summary: 'strategy Recreate: old pods stop before new ones start, one rebalance per deploy', evidence}
  }

  const surge = deployment.rollingUpdate?.maxSurge ?? '25%'
  const unavailable = deployment.rollingUpdate?.maxUnavailable ?? '25%'
  const what = type === undefined ? 'no strategy set, so Kubernetes uses RollingUpdate' : type === 'RollingUpdate' ? 'strategy RollingUpdate' : `strategy "${type}" (not Recreate)`
  const softened = expectation.mitigations.length > 0 ? `; ${expectation.mitigations.join(' and ')} soften it` : ''
  return {
    status: 'warn',
    code: 'KD807',
    summary: `${what} (maxSurge ${surge}, maxUnavailable ${unavailable}): old and new pods consume side by side — extra rebalances and double processing on every rollout${softened}`,
    evidence: {...evidence, ...(expectation.mitigations.length > 0 ? {mitigations: expectation.mitigations} : {})},
  }
}

function containerFindings(role: ContainerRole, expectation: ListenerExpectation): Draft[] {
  const drafts: Draft[] = [commandFinding(role, expectation), envFinding(role.container)]
  const probe = role.container.livenessProbe
  if (!probe) {
    drafts.push({status: 'warn', code: 'KD808', summary: 'no livenessProbe: a consumer stuck past its TTLs (KD802, KD803) is never restarted', evidence: {}})
    return drafts
  }

  drafts.push(...handlerFindings(role.container, probe, expectation), ...timingFindings(role, probe, expectation))
  return drafts
}

function commandFinding({container, mode, commandLine}: ContainerRole, expectation: ListenerExpectation): Draft {
  const evidence = {command: container.command, args: container.args, mode}
  const listener = expectation.listenerKind
  if (mode === 'server' && listener === 'swarm') {
    return {status: 'fail', code: 'KD801', summary: `runs \`${commandLine}\`, but ${expectation.listenerWhere} subscribes the SwarmLivenessListener, which starts only under \`karafka swarm\`: nothing will listen`, evidence}
  }

  if (mode === 'swarm' && listener === 'liveness') {
    return {status: 'warn', code: 'KD808', summary: `runs \`${commandLine}\` (swarm mode) with the standard LivenessListener (${expectation.listenerWhere}): swarm mode needs SwarmLivenessListener in the supervisor`, evidence}
  }

  switch (mode) {
    case 'server':
      return {status: 'pass', summary: `runs \`${commandLine}\``, evidence}
    case 'swarm':
      return {status: 'pass', summary: `runs \`${commandLine}\` (swarm mode: the SwarmLivenessListener reports the supervisor)`, evidence}
    case 'image':
      return {status: 'info', summary: "no command or args: the image's entrypoint decides (it should run `bundle exec karafka server`)", evidence}
    default:
      return {status: 'warn', code: 'KD808', summary: `runs \`${commandLine}\`, not \`karafka server\`: the listener opens only in a running Karafka process (embedded in Puma it needs a port of its own)`, evidence}
  }
}

function envFinding(container: ContainerSpec): Draft {
  const byName = new Map(container.env.map((e) => [e.name, e]))
  const karafkaEnv = byName.get('KARAFKA_ENV')
  if (karafkaEnv) {
    const shown = karafkaEnv.value !== undefined ? `KARAFKA_ENV=${karafkaEnv.value}` : `KARAFKA_ENV from ${karafkaEnv.from ?? 'valueFrom'}`
    return {status: 'pass', summary: `${shown} is set`, evidence: {KARAFKA_ENV: karafkaEnv.value ?? karafkaEnv.from ?? null}}
  }

  // Karafka::Env reads KARAFKA_ENV, then RACK_ENV, then RAILS_ENV.
  const fallback = ['RACK_ENV', 'RAILS_ENV'].map((n) => byName.get(n)).find((e) => e !== undefined)
  if (fallback) {
    return {status: 'pass', summary: `KARAFKA_ENV not set; Karafka takes ${fallback.name}${fallback.value === undefined ? '' : `=${fallback.value}`} instead`, evidence: {[fallback.name]: fallback.value ?? fallback.from ?? null}}
  }

  if (container.envFrom.length > 0) {
    return {status: 'info', summary: `KARAFKA_ENV not set here; it may come from ${container.envFrom.join(', ')}`, evidence: {envFrom: container.envFrom}}
  }

  return {status: 'info', summary: 'KARAFKA_ENV not set in the manifest: unless the image sets it (Dockerfile `ENV KARAFKA_ENV production`), Karafka runs as development', evidence: {}}
}

function resolvePort(container: ContainerSpec, port: number | string | undefined): {port?: number; name?: string} {
  if (typeof port === 'number') return {port}
  if (typeof port === 'string') {
    const declared = container.ports.find((p) => p.name === port)
    return declared ? {port: declared.containerPort, name: port} : {name: port}
  }

  return {}
}

function handlerFindings(container: ContainerSpec, probe: ProbeSpec, expectation: ListenerExpectation): Draft[] {
  const expected = `port ${expectation.port} (${expectation.portSource})`
  const portCheck = (raw: number | string | undefined, what: string): Draft => {
    const {port, name} = resolvePort(container, raw)
    const evidence = {probePort: raw ?? null, ...(port === undefined ? {} : {resolvedPort: port}), expectedPort: expectation.port, expectedPortSource: expectation.portSource}
    if (raw === undefined) return {status: 'fail', code: 'KD808', summary: `${what} has no port`, evidence}
    if (port === undefined) return {status: 'fail', code: 'KD808', summary: `${what} uses the named port "${name}", which the container does not declare: the kubelet cannot resolve it`, evidence}
    const shown = name ? `${port} ("${name}")` : `${port}`
    if (expectation.readinessPort && port === expectation.readinessPort.value && port !== expectation.port) {
      return {status: 'fail', code: 'KD808', summary: `${what} uses port ${shown}, the ReadinessListener's (${expectation.readinessPort.where}), not the liveness listener's ${expected}`, evidence}
    }

    if (port !== expectation.port) {
      // A port named for a web server is most likely that server's (Puma and Rails default to 3000 too).
      const other = container.ports.find((p) => p.containerPort === port && p.name && !/live|health|probe|karafka/i.test(p.name))
      const hint = other ? ` — port "${other.name}" looks like another server's` : ''
      return {status: 'fail', code: 'KD808', summary: `${what} uses port ${shown}, but Karafka's listener is on ${expected}${hint}`, evidence}
    }

    return {status: 'pass', summary: `${what} reaches the listener on ${expected}`, evidence}
  }

  switch (probe.handler) {
    case 'httpGet': {
      const http = probe.httpGet ?? {}
      const drafts = [portCheck(http.port, `livenessProbe httpGet ${http.path ?? '/'}`)]
      if (http.scheme && http.scheme.toUpperCase() === 'HTTPS') {
        drafts.push({status: 'fail', code: 'KD808', summary: 'livenessProbe uses scheme HTTPS: the listener speaks plain HTTP, so every probe fails the TLS handshake', evidence: {scheme: http.scheme}})
      }

      if (http.host) {
        drafts.push({status: 'warn', code: 'KD808', summary: `livenessProbe sets host ${http.host}: the kubelet probes that address instead of the pod`, evidence: {host: http.host}})
      }

      if (http.path && http.path !== RECOMMENDED_PROBE.path) {
        drafts.push({status: 'info', summary: `path ${http.path}: fine, the listener answers every path the same way`, evidence: {path: http.path}})
      }

      return drafts
    }

    case 'tcpSocket':
      return [
        portCheck(probe.tcpPort, 'livenessProbe tcpSocket'),
        {status: 'warn', code: 'KD808', summary: 'livenessProbe is tcpSocket: it only sees the port open, and a consumer past its TTLs still accepts connections — use httpGet so the 500 counts', evidence: {handler: 'tcpSocket'}},
      ]
    case 'exec': {
      const command = (probe.exec ?? []).join(' ')
      const port = /(?:localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0):(\d+)/.exec(command)?.[1]
      if (port) return [portCheck(Number(port), `livenessProbe exec \`${command}\``)]
      return [{status: 'info', summary: `livenessProbe exec \`${command}\`: kdoctor cannot see which port it calls; httpGet on the listener's port is simpler`, evidence: {exec: probe.exec ?? []}}]
    }

    case 'grpc':
      return [{status: 'fail', code: 'KD808', summary: 'livenessProbe is grpc: the listener speaks HTTP, use httpGet', evidence: {handler: 'grpc'}}]
    default:
      return [{status: 'fail', code: 'KD808', summary: 'livenessProbe has no handler (httpGet, tcpSocket, exec or grpc)', evidence: {}}]
  }
}

function timingFindings({container, mode}: ContainerRole, probe: ProbeSpec, expectation: ListenerExpectation): Draft[] {
  const d = KUBELET_PROBE_DEFAULTS
  const initialDelay = probe.initialDelaySeconds ?? d.initialDelaySeconds
  const period = probe.periodSeconds ?? d.periodSeconds
  const timeout = probe.timeoutSeconds ?? d.timeoutSeconds
  const failures = probe.failureThreshold ?? d.failureThreshold
  const timings = {initialDelaySeconds: initialDelay, periodSeconds: period, timeoutSeconds: timeout, failureThreshold: failures}
  const drafts: Draft[] = []

  const timeoutNote = probe.timeoutSeconds === undefined ? ' (the default)' : ''
  drafts.push(
    timeout < MIN_PROBE_TIMEOUT_SECONDS
      ? {status: 'warn', code: 'KD808', summary: `timeoutSeconds ${timeout}${timeoutNote}: a Ruby process busy with a batch can answer later than that, and the kubelet counts it as a failure — use ${RECOMMENDED_PROBE.timeoutSeconds}`, evidence: timings}
      : {status: 'pass', summary: `timeoutSeconds ${timeout}`, evidence: timings},
  )

  // The listener opens its port only once Karafka runs: the first probes meet a closed port.
  const startup = container.startupProbe
  if (startup) {
    const window = (startup.initialDelaySeconds ?? 0) + (startup.periodSeconds ?? d.periodSeconds) * (startup.failureThreshold ?? d.failureThreshold)
    drafts.push({status: 'pass', summary: `startupProbe gives the boot up to ${window} s before liveness probing starts`, evidence: {startupWindowSeconds: window}})
  } else {
    const window = initialDelay + period * failures
    const formula = `initialDelaySeconds ${initialDelay} + periodSeconds ${period} × failureThreshold ${failures}`
    drafts.push(
      window < MIN_STARTUP_WINDOW_SECONDS
        ? {status: 'warn', code: 'KD808', summary: `the first restart comes ${window} s after start (${formula}): the listener opens only once Karafka runs, so a slower boot restarts in a loop (KD801) — use initialDelaySeconds ${RECOMMENDED_PROBE.initialDelaySeconds} or a startupProbe`, evidence: {...timings, startupWindowSeconds: window}}
        : {status: 'pass', summary: `boot may take up to ${window} s before the first restart (${formula})`, evidence: {...timings, startupWindowSeconds: window}},
    )
  }

  // After a TTL trips, the kubelet needs failureThreshold failed probes: that delay adds to the TTL.
  const detection = period * failures
  const {ttls} = expectation
  // The listener that answers the probe decides which TTL trips it: karafka.rb's listener when it is
  // known (the standard one in a swarm container still reports polling/consuming), else the command.
  const swarm = expectation.listenerKind === undefined ? mode === 'swarm' : expectation.listenerKind === 'swarm'
  const [ttlName, ttlMs] = swarm ? ['controlling_ttl', ttls.controllingMs] : ttls.pollingMs <= ttls.consumingMs ? ['polling_ttl', ttls.pollingMs] : ['consuming_ttl', ttls.consumingMs]
  const ttlSeconds = Math.round(ttlMs / 1000)
  drafts.push(
    detection >= ttlSeconds
      ? {status: 'warn', code: 'KD808', summary: `periodSeconds ${period} × failureThreshold ${failures} = ${detection} s: a stuck process runs that long again after ${ttlName} (${ttlSeconds} s, ${ttls.source}) trips — probe more often`, evidence: {...timings, ttl: ttlName, ttlMs, ttlSource: ttls.source, detectionSeconds: detection}}
      : {status: 'pass', summary: `a stuck process is restarted ${ttlSeconds} s (${ttlName}, ${ttls.source}) + up to ${detection} s (periodSeconds ${period} × failureThreshold ${failures}) after it gets stuck`, evidence: {...timings, ttl: ttlName, ttlMs, ttlSource: ttls.source, detectionSeconds: detection}},
  )
  return drafts
}

function graceFinding(deployment: DeploymentSpec, expectation: ListenerExpectation): Draft {
  const grace = deployment.terminationGracePeriodSeconds ?? KUBERNETES_TERMINATION_GRACE_SECONDS
  const shown = deployment.terminationGracePeriodSeconds === undefined ? `${grace} s (the default)` : `${grace} s`
  const shutdownSeconds = Math.ceil(expectation.shutdownTimeout.ms / 1000)
  const evidence = {terminationGracePeriodSeconds: grace, shutdownTimeoutMs: expectation.shutdownTimeout.ms, shutdownTimeoutSource: expectation.shutdownTimeout.source}
  if (grace <= shutdownSeconds) {
    return {status: 'info', summary: `terminationGracePeriodSeconds ${shown} is not above Karafka's shutdown_timeout (${shutdownSeconds} s, ${expectation.shutdownTimeout.source}): a slow shutdown is killed mid-batch and its messages are processed again — set it to at least ${shutdownSeconds + 10}`, evidence}
  }

  return {status: 'pass', summary: `terminationGracePeriodSeconds ${shown} leaves room for Karafka's shutdown_timeout (${shutdownSeconds} s)`, evidence}
}

export const DEFAULT_SHUTDOWN_TIMEOUT = {ms: KARAFKA_LISTENER.shutdownTimeoutMs, source: "Karafka's default"}
