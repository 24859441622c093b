// `kdoctor liveness`: read every input first (bad input is an InputError before anything is
// sent), then call the listener once or watch it, then check the Karafka settings and the
// Deployment against what answered.

import {InputError} from '../core/input-error.js'
import {parseDuration} from '../config/duration.js'
import {loadEnvironment} from '../config/load-connection.js'
import {readUserFile} from '../config/read-file.js'
import type {Finding} from '../diagnosis/finding.js'
import {DEFAULT_REQUEST_TIMEOUT_MS, KARAFKA_LISTENER} from '../liveness/defaults.js'
import {DEFAULT_SHUTDOWN_TIMEOUT, type ListenerExpectation, deploymentFindings, probeTimeoutOf, runMode, selectTargets} from '../liveness/deployment-checks.js'
import {type LivenessEndpoint, endpointGiven, parseEndpoint} from '../liveness/endpoint.js'
import {probeLiveness} from '../liveness/http-probe.js'
import {DEFAULT_PROBE_TIMEOUT, type LivenessReading, type TtlSettings, endpointNotCalled, interpretOutcome} from '../liveness/interpret.js'
import {karafkaSettingsFindings, listenerFromSettings, rebalanceMitigations} from '../liveness/karafka-checks.js'
import {type KarafkaSettings, mergeSettings, readKarafkaRuby, readXProperties} from '../liveness/karafka-config.js'
import {type ManifestContents, readManifest} from '../liveness/manifest.js'
import {type Transition, type WatchResult, watchLiveness} from '../liveness/watch.js'
import {MAX_INPUT_FILE_BYTES} from '../core/limits.js'

export interface LivenessInput {
  url?: string
  host?: string
  port?: number
  path?: string
  swarm?: boolean
  /** --watch: seconds ("10", "1.5") or a duration ("10s", "500ms"). */
  watch?: string
  interval?: string
  timeout?: string
  manifest?: string
  karafkaConfig?: string
  properties?: string[]
  /** --env-file, in order: the environment karafka.rb's ENV expressions are evaluated with (after the process env). */
  envFiles?: string[]
}

export interface PreparedLiveness {
  /** Undefined when only the manifest or settings are checked. */
  endpoint?: LivenessEndpoint
  swarm: boolean
  watchMs?: number
  intervalMs: number
  timeoutMs: number
  manifest?: {path: string; contents: ManifestContents}
  settings?: KarafkaSettings
  ttls: TtlSettings
  probeTimeout: {ms: number; source: string}
  heading: string
}

export interface LivenessIo {
  onTransition?: (transition: Transition) => void
  now?: () => number
}

export interface LivenessResult {
  findings: Finding[]
  watch?: WatchResult
}

export const DEFAULT_INTERVAL_MS = 1000

/** "10" and "1.5" are seconds; "10s", "500ms", "2m" are durations. */
export function parseWatch(text: string): number {
  if (/^\d+(?:\.\d+)?$/.test(text.trim())) {
    const ms = Math.round(Number(text) * 1000)
    if (ms <= 0) throw new InputError(`--watch ${text} must be more than zero seconds`, '--watch')
    return ms
  }

  return parseDuration(text, '--watch')
}

async function readText(path: string, what: string, maxBytes?: number): Promise<string> {
  const read = await readUserFile(path, {maxBytes})
  if (!read.ok) throw new InputError(`cannot read the ${what}: ${read.reason}`, path)
  return read.bytes.toString('utf8')
}

export async function prepareLiveness(input: LivenessInput, processEnv: NodeJS.ProcessEnv = process.env): Promise<PreparedLiveness> {
  const timeoutMs = input.timeout === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : parseDuration(input.timeout, '--timeout')
  const intervalMs = input.interval === undefined ? DEFAULT_INTERVAL_MS : parseDuration(input.interval, '--interval')
  const watchMs = input.watch === undefined ? undefined : parseWatch(input.watch)

  const manifest = input.manifest === undefined ? undefined : {path: input.manifest, contents: await readManifest(await readText(input.manifest, 'manifest', MAX_INPUT_FILE_BYTES), input.manifest)}
  // Every --env-file is read (a missing one is bad input) even when no karafka.rb uses it.
  const env = await loadEnvironment({envFiles: input.envFiles ?? []}, processEnv)
  const ruby = input.karafkaConfig === undefined ? undefined : readKarafkaRuby(await readText(input.karafkaConfig, 'Karafka config'), input.karafkaConfig, env)
  const properties = input.properties && input.properties.length > 0 ? readXProperties(input.properties) : undefined
  const settings = mergeSettings(ruby, properties)

  const endpointNamed = endpointGiven(input)
  const probe = endpointNamed || watchMs !== undefined || input.swarm === true || (!manifest && !settings)
  const swarm = input.swarm === true || manifestRunsSwarm(manifest?.contents)
  const endpoint = probe ? listenerEndpoint(input, listenerFromSettings(settings, swarm).port?.value) : undefined
  if (!probe && input.path !== undefined) throw new InputError('--path needs an endpoint to call (a URL or --host/--port)', '--path')

  const {ttls} = listenerFromSettings(settings, swarm)
  const probeTimeout = (manifest && probeTimeoutOf(manifest.contents.deployments)) ?? DEFAULT_PROBE_TIMEOUT
  const parts = [endpoint ? endpoint.url : undefined, input.swarm ? 'swarm' : undefined, watchMs === undefined ? undefined : `watch ${watchMs / 1000} s`, manifest?.path, settings?.source].filter(Boolean)
  return {
    ...(endpoint ? {endpoint} : {}),
    swarm: input.swarm === true,
    ...(watchMs === undefined ? {} : {watchMs}),
    intervalMs,
    timeoutMs,
    ...(manifest ? {manifest} : {}),
    ...(settings ? {settings} : {}),
    ttls,
    probeTimeout,
    heading: `kdoctor liveness · ${parts.join(' · ')}`,
  }
}

/** Without a URL or --port, the port karafka.rb gives its listener (evaluated with --env-file) is dialled, not 3000. */
function listenerEndpoint(input: LivenessInput, settingsPort: number | undefined): LivenessEndpoint {
  if (input.url !== undefined || input.port !== undefined || settingsPort === undefined) return parseEndpoint(input)
  return {...parseEndpoint({...input, port: settingsPort}), portGiven: false}
}

function manifestRunsSwarm(contents: ManifestContents | undefined): boolean {
  return (contents?.deployments ?? []).some((d) => d.containers.some((c) => runMode(c).mode === 'swarm'))
}

export async function runLivenessPlan(prepared: PreparedLiveness, io: LivenessIo = {}): Promise<LivenessResult> {
  const now = io.now ?? Date.now
  const findings: Finding[] = []
  let reading: LivenessReading | undefined
  let watch: WatchResult | undefined

  const {endpoint} = prepared
  if (endpoint) {
    const once = async (timeoutMs: number) =>
      interpretOutcome(await probeLiveness(endpoint, timeoutMs), {
        url: endpoint.url,
        port: endpoint.port,
        swarmExpected: prepared.swarm,
        probeTimeout: prepared.probeTimeout,
        ttls: prepared.ttls,
        nowMs: now(),
      })

    if (prepared.watchMs === undefined) {
      reading = await once(prepared.timeoutMs)
      findings.push(...reading.findings)
    } else {
      watch = await watchLiveness({target: endpoint.url, durationMs: prepared.watchMs, intervalMs: prepared.intervalMs, timeoutMs: prepared.timeoutMs, probe: once, now, ...(io.onTransition ? {onTransition: io.onTransition} : {})})
      reading = watch.last
      findings.push(...watch.last.findings, watch.summary)
    }
  } else {
    findings.push(endpointNotCalled())
  }

  const deployments = prepared.manifest?.contents.deployments ?? []
  const targets = selectTargets(deployments)
  const firstTarget = targets[0]
  const swarmMode = prepared.swarm || targets.some(({roles}) => roles.some((r) => r.mode === 'swarm'))
  const fromSettings = listenerFromSettings(prepared.settings, swarmMode)

  if (prepared.settings) {
    findings.push(
      ...karafkaSettingsFindings(prepared.settings, {
        ...(firstTarget?.deployment.replicas === undefined ? {} : {replicas: firstTarget.deployment.replicas}),
        ...(firstTarget ? {recreate: firstTarget.deployment.strategyType === 'Recreate'} : {}),
        swarm: swarmMode,
      }),
    )
  }

  if (prepared.manifest) {
    const shutdown = prepared.settings?.shutdownTimeout
    const expectation: ListenerExpectation = {
      ...expectedPort(fromSettings.port, reading, endpoint),
      ...(fromSettings.readinessPort ? {readinessPort: fromSettings.readinessPort} : {}),
      ...(fromSettings.listener ? {listenerKind: fromSettings.listener.kind, listenerWhere: fromSettings.listener.where} : {}),
      ttls: fromSettings.ttls,
      shutdownTimeout: shutdown?.literal && typeof shutdown.value === 'number' ? {ms: shutdown.value, source: shutdown.where} : DEFAULT_SHUTDOWN_TIMEOUT,
      mitigations: rebalanceMitigations(prepared.settings),
    }
    findings.push(...deploymentFindings(deployments, expectation))
  }

  return {findings, ...(watch ? {watch} : {})}
}

/** The port the probe should use: karafka.rb, else what the listener said, else what was dialled, else 3000. */
function expectedPort(fromSettings: {value: number; where: string} | undefined, reading: LivenessReading | undefined, endpoint: LivenessEndpoint | undefined): {port: number; portSource: string} {
  if (fromSettings) return {port: fromSettings.value, portSource: fromSettings.where}
  if (reading?.answer?.port !== undefined) return {port: reading.answer.port, portSource: "the listener's answer"}
  if (endpoint?.portGiven && reading?.state !== 'not-listener') return {port: endpoint.port, portSource: endpoint.source === 'argument URL' ? 'the URL given' : '--port'}
  return {port: KARAFKA_LISTENER.port, portSource: "Karafka's default"}
}
