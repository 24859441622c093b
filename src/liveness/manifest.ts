// Reads Kubernetes Deployments out of a manifest file: multi-document YAML, a `kind: List`
// (kubectl get -o yaml), or JSON (kubectl get -o json). Only the fields the liveness checks
// use are kept; the shapes are checked as they are read, since the file can hold anything.


import {InputError} from '../core/input-error.js'
import {MAX_MANIFEST_DOCUMENTS} from '../core/limits.js'

export interface HttpGetAction {
  port?: number | string
  path?: string
  scheme?: string
  host?: string
}

export interface ProbeSpec {
  /** Which handler the probe uses; 'unknown' when none of the four is there. */
  handler: 'httpGet' | 'tcpSocket' | 'exec' | 'grpc' | 'unknown'
  httpGet?: HttpGetAction
  tcpPort?: number | string
  exec?: string[]
  initialDelaySeconds?: number
  periodSeconds?: number
  timeoutSeconds?: number
  failureThreshold?: number
}

export interface EnvVar {
  name: string
  value?: string
  /** "secretKeyRef app-secrets/KARAFKA_ENV", "configMapKeyRef …", "fieldRef metadata.name". */
  from?: string
}

export interface ContainerSpec {
  name: string
  command: string[]
  args: string[]
  env: EnvVar[]
  /** "configMapRef app-env", "secretRef app-secrets". */
  envFrom: string[]
  ports: Array<{name?: string; containerPort: number}>
  livenessProbe?: ProbeSpec
  readinessProbe?: ProbeSpec
  startupProbe?: ProbeSpec
}

export interface DeploymentSpec {
  name: string
  namespace?: string
  /** "deploy.yaml line 12" (the document's first line). */
  where: string
  replicas?: number
  /** As written; undefined when the manifest leaves it to Kubernetes (RollingUpdate). */
  strategyType?: string
  rollingUpdate?: {maxSurge?: string | number; maxUnavailable?: string | number}
  terminationGracePeriodSeconds?: number
  containers: ContainerSpec[]
}

export interface ManifestContents {
  deployments: DeploymentSpec[]
  /** Every kind seen, for the "no Deployment" message. */
  kinds: string[]
}

type Json = Record<string, unknown>

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const record = (value: unknown): Json => (isRecord(value) ? value : {})
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined)
const integer = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)
const portValue = (value: unknown): number | string | undefined => (typeof value === 'number' ? value : typeof value === 'string' ? (/^\d+$/.test(value) ? Number(value) : value) : undefined)
const words = (value: unknown): string[] => list(value).map((v) => (typeof v === 'string' ? v : String(v)))

/** Parses the file's text; a YAML error or a file without a Deployment is an InputError naming `label`. */
export async function readManifest(source: string, label: string): Promise<ManifestContents> {
  // Counted before parsing: the YAML parser's time and memory grow with the document count.
  const separators = source.match(/^---/gm)?.length ?? 0
  if (separators > MAX_MANIFEST_DOCUMENTS) {
    throw new InputError(`it holds ${separators} YAML documents, over kdoctor's limit of ${MAX_MANIFEST_DOCUMENTS}: pass only the Deployments to check`, label)
  }

  // Loaded here, not at start-up: only a run given a manifest parses YAML.
  const {LineCounter, parseAllDocuments} = await import('yaml')
  const lineCounter = new LineCounter()
  const documents = parseAllDocuments(source, {lineCounter})
  const deployments: DeploymentSpec[] = []
  const kinds: string[] = []

  for (const document of documents) {
    const error = document.errors[0]
    if (error) {
      const firstLine = error.message.split('\n')[0] ?? error.code
      const hint = source.includes('{{') ? ' — a Helm chart? render it first: helm template … > deploy.yaml' : ''
      throw new InputError(`invalid YAML: ${firstLine}${hint}`, label)
    }

    const offset = document.contents?.range?.[0] ?? document.range[0]
    const where = `${label}:${lineCounter.linePos(offset).line}`
    let value: unknown
    try {
      value = document.toJS({maxAliasCount: 100})
    } catch (error_) {
      throw new InputError(`cannot read it: ${(error_ as Error).message.split('\n')[0]}`, label)
    }

    for (const object of isRecord(value) && value.kind === 'List' ? list(value.items) : [value]) {
      if (!isRecord(object)) continue
      const kind = text(object.kind)
      if (kind) kinds.push(kind)
      if (kind === 'Deployment') deployments.push(readDeployment(object, where))
    }
  }

  if (deployments.length === 0) {
    const seen = [...new Set(kinds)]
    throw new InputError(`no Deployment in it (${seen.length > 0 ? `found ${seen.join(', ')}` : 'it holds no Kubernetes object'})`, label)
  }

  return {deployments, kinds}
}

function readDeployment(object: Json, where: string): DeploymentSpec {
  const metadata = record(object.metadata)
  const spec = record(object.spec)
  const strategy = record(spec.strategy)
  const rollingUpdate = record(strategy.rollingUpdate)
  const podSpec = record(record(spec.template).spec)
  const namespace = text(metadata.namespace)
  const replicas = integer(spec.replicas)
  const strategyType = text(strategy.type)
  const maxSurge = rollingUpdate.maxSurge as string | number | undefined
  const maxUnavailable = rollingUpdate.maxUnavailable as string | number | undefined
  const grace = integer(podSpec.terminationGracePeriodSeconds)
  return {
    name: text(metadata.name) ?? '(unnamed)',
    ...(namespace ? {namespace} : {}),
    where,
    ...(replicas === undefined ? {} : {replicas}),
    ...(strategyType ? {strategyType} : {}),
    ...(isRecord(strategy.rollingUpdate) ? {rollingUpdate: {...(maxSurge === undefined ? {} : {maxSurge}), ...(maxUnavailable === undefined ? {} : {maxUnavailable})}} : {}),
    ...(grace === undefined ? {} : {terminationGracePeriodSeconds: grace}),
    containers: list(podSpec.containers).filter(isRecord).map(readContainer),
  }
}

function readContainer(container: Json): ContainerSpec {
  const liveness = readProbe(container.livenessProbe)
  const readiness = readProbe(container.readinessProbe)
  const startup = readProbe(container.startupProbe)
  return {
    name: text(container.name) ?? '(unnamed)',
    command: words(container.command),
    args: words(container.args),
    env: list(container.env).filter(isRecord).map(readEnvVar),
    envFrom: list(container.envFrom).filter(isRecord).map(describeEnvFrom),
    ports: list(container.ports)
      .filter(isRecord)
      .flatMap((p) => {
        const containerPort = integer(p.containerPort)
        const name = text(p.name)
        return containerPort === undefined ? [] : [{...(name ? {name} : {}), containerPort}]
      }),
    ...(liveness ? {livenessProbe: liveness} : {}),
    ...(readiness ? {readinessProbe: readiness} : {}),
    ...(startup ? {startupProbe: startup} : {}),
  }
}

function readEnvVar(entry: Json): EnvVar {
  const name = text(entry.name) ?? ''
  const value = text(entry.value)
  const from = record(entry.valueFrom)
  const ref = Object.entries(from).find(([, v]) => isRecord(v))
  const refText = ref ? `${ref[0]} ${[text(record(ref[1]).name), text(record(ref[1]).key) ?? text(record(ref[1]).fieldPath)].filter(Boolean).join('/')}` : undefined
  return {name, ...(value === undefined ? {} : {value}), ...(refText ? {from: refText} : {})}
}

function describeEnvFrom(entry: Json): string {
  const ref = Object.entries(entry).find(([k, v]) => k.endsWith('Ref') && isRecord(v))
  const prefix = text(entry.prefix)
  return ref ? `${ref[0]} ${text(record(ref[1]).name) ?? '?'}${prefix ? ` (prefix ${prefix})` : ''}` : 'envFrom'
}

function readProbe(value: unknown): ProbeSpec | undefined {
  if (!isRecord(value)) return undefined
  const timings = {
    ...optional('initialDelaySeconds', integer(value.initialDelaySeconds)),
    ...optional('periodSeconds', integer(value.periodSeconds)),
    ...optional('timeoutSeconds', integer(value.timeoutSeconds)),
    ...optional('failureThreshold', integer(value.failureThreshold)),
  }
  if (isRecord(value.httpGet)) {
    const h = value.httpGet
    const port = portValue(h.port)
    const path = text(h.path)
    const scheme = text(h.scheme)
    const host = text(h.host)
    return {handler: 'httpGet', httpGet: {...(port === undefined ? {} : {port}), ...(path ? {path} : {}), ...(scheme ? {scheme} : {}), ...(host ? {host} : {})}, ...timings}
  }

  if (isRecord(value.tcpSocket)) {
    const port = portValue(value.tcpSocket.port)
    return {handler: 'tcpSocket', ...(port === undefined ? {} : {tcpPort: port}), ...timings}
  }

  if (isRecord(value.exec)) return {handler: 'exec', exec: words(value.exec.command), ...timings}
  if (isRecord(value.grpc)) return {handler: 'grpc', ...timings}
  return {handler: 'unknown', ...timings}
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({[key]: value} as Record<K, number>)
}
