// `kdoctor doctor`, a plan of plans: read the settings, then run every area that applies —
// connect (then acl-check on the app's topics and groups), heroku-prefix, liveness, aws
// reachability — the independent ones at once, within the one --timeout. It only decides which
// areas apply and in what order; their checks and words are the other plans'.

import {APP_OPERATIONS} from '../checks/acl/operations.js'
import {type AclResource, namesOrApp, parseResources} from '../checks/acl/resources.js'
import {type AreaVerdict, DOCTOR_AREAS, type DoctorArea, SKIP_REASONS, areaVerdict, skippedArea} from '../checks/doctor/areas.js'
import type {Deadline} from '../core/deadline.js'
import {InputError} from '../core/input-error.js'
import {type ConnectionInput, loadConnection} from '../config/load-connection.js'
import type {ConnectionProfile, ProfileResult} from '../config/profile.js'
import type {SettingRecord} from '../diagnosis/finding.js'
import type {Finding} from '../diagnosis/finding.js'
import {tokenOnce} from '../kafka/oauth-token.js'
import {listenerFromSettings} from '../liveness/karafka-checks.js'
import {parseEndpoint, parsePort} from '../liveness/endpoint.js'
import type {AclReport} from '../checks/acl/report.js'
import type {HerokuSummary} from '../checks/heroku/summary.js'

export interface DoctorInput {
  /** -b, -X, -F, --timeout and the token flags, as for connect. */
  connection: ConnectionInput
  env: NodeJS.ProcessEnv
  /** The app's topics and groups (--topic/--group): acl-check's rows and heroku-prefix's names. */
  topics: AclResource[]
  groups: AclResource[]
  /** The app's karafka.rb: the liveness listener's port and settings. */
  karafkaConfig?: string
  /** --liveness-port as typed. */
  livenessPort?: string
  skip: ReadonlySet<DoctorArea>
  /** The run's one time budget (--timeout): every area runs within it. */
  deadline: Deadline
  /** How long instance metadata may take to answer before kdoctor decides it is not on AWS. */
  imdsTimeoutMs?: number
}

export interface DoctorResult {
  profile: ConnectionProfile
  /** The settings the run used, with their sources (Report.settings). */
  settings: SettingRecord[]
  areas: AreaVerdict[]
  /** Every area's findings in checklist order, each finding once. */
  findings: Finding[]
  acl?: AclReport
  heroku?: HerokuSummary
}

interface AreaRun {
  findings: Finding[]
  acl?: AclReport
  heroku?: HerokuSummary
}

/** Short: on EC2 instance metadata answers in milliseconds; elsewhere nobody does. */
export const DOCTOR_IMDS_TIMEOUT_MS = 500
/** The liveness listener answers at once or not at all (Karafka's own probe timeout is 5 s). */
const LIVENESS_REQUEST_CAP_MS = 5000

export async function runDoctorPlan(input: DoctorInput): Promise<DoctorResult> {
  const livenessPort = input.livenessPort === undefined ? undefined : parsePort(input.livenessPort, 'flag --liveness-port')
  const settings = await loadConnection(input.connection, input.env)
  const {profile} = settings
  // Without --topic/--group, the app's own names (karafka.rb routing, Spring group-id), as acl-check and heroku-prefix take them.
  const fromApp = (given: AclResource[], kind: 'topic' | 'group', named: readonly {value: string}[]) => (given.length > 0 ? given : parseResources(kind, namesOrApp(undefined, named), `--${kind}`))
  input = {...input, topics: fromApp(input.topics, 'topic', settings.app.topics), groups: fromApp(input.groups, 'group', settings.app.groups)}
  const {deadline} = input
  const skipped = (area: DoctorArea) => input.skip.has(area)
  const skip = (area: DoctorArea, why: string): Promise<AreaRun> => Promise.resolve({findings: [skippedArea(area, why)]})

  // connect, then acl-check on the same session's verdicts; the rest beside them.
  const connectThenAcl = skipped('connect') ? Promise.all([skip('connect', SKIP_REASONS.byFlag), runAcl(input, settings, deadline)]) : connectAndAcl(input, settings, deadline)
  const [[connect, acl], heroku, liveness, aws] = await Promise.all([
    connectThenAcl,
    skipped('heroku') ? skip('heroku', SKIP_REASONS.byFlag) : runHeroku(input, deadline),
    skipped('liveness') ? skip('liveness', SKIP_REASONS.byFlag) : runLiveness(input, livenessPort, deadline),
    skipped('aws') ? skip('aws', SKIP_REASONS.byFlag) : runAws(input, deadline),
  ])

  // When the Heroku area ran, it says in Heroku's terms what the settings would repeat (KAFKA_URL's scheme, its certificates).
  const settingsFindings = heroku.heroku ? (await import('../checks/heroku/variables.js')).withoutHerokuRepeats(settings).findings : settings.findings
  const runs: Record<DoctorArea, AreaRun> = {settings: {findings: settingsFindings}, connect, acl, heroku, liveness, aws}
  const areas = DOCTOR_AREAS.map((area) => areaVerdict(area, runs[area].findings))
  return {
    profile,
    settings: settings.settings,
    areas,
    findings: uniqueFindings(DOCTOR_AREAS.flatMap((area) => runs[area].findings)),
    ...(acl.acl ? {acl: acl.acl} : {}),
    ...(heroku.heroku ? {heroku: heroku.heroku} : {}),
  }
}

async function connectAndAcl(input: DoctorInput, settings: ProfileResult, deadline: Deadline): Promise<[AreaRun, AreaRun]> {
  const {runConnectPlan} = await import('./connect.js')
  // One token for the run: connect's layers and acl-check's session share it.
  const token = tokenOnce(settings.profile, deadline)
  const connected = await runConnectPlan({profile: settings.profile, findings: [], settings: []}, {deadline, token})
  return [{findings: connected.findings}, await runAcl(input, settings, deadline, {connected, token})]
}

async function runAcl(input: DoctorInput, settings: ProfileResult, deadline: Deadline, reuse: Pick<import('./acl-check.js').AclCheckOptions, 'connected' | 'token'> = {}): Promise<AreaRun> {
  if (input.skip.has('acl')) return {findings: [skippedArea('acl', SKIP_REASONS.byFlag)]}
  if (input.topics.length === 0 && input.groups.length === 0) return {findings: [skippedArea('acl', SKIP_REASONS.noResources)]}
  const {runAclCheckPlan} = await import('./acl-check.js')
  const {findings, acl} = await runAclCheckPlan(
    {profile: settings.profile, findings: [], settings: []},
    {deadline, topics: input.topics, groups: input.groups, transactionalIds: [], operations: APP_OPERATIONS, ...(input.env.KAFKA_PREFIX ? {kafkaPrefix: input.env.KAFKA_PREFIX} : {}), ...reuse},
  )
  return {findings, ...(acl ? {acl} : {})}
}

async function runHeroku(input: DoctorInput, deadline: Deadline): Promise<AreaRun> {
  const {environmentSource, herokuVariablesPresent} = await import('../platforms/heroku/env.js')
  if (herokuVariablesPresent(input.env).length === 0) return {findings: [skippedArea('heroku', SKIP_REASONS.noHeroku)]}
  const {runHerokuPrefixPlan} = await import('./heroku-prefix.js')
  const literal = (resources: AclResource[]) => resources.filter((r) => r.pattern === 'literal').map((r) => r.name)
  const {oauthTokenFile: _file, oauthTokenCommand: _command, ...connection} = input.connection
  const result = await runHerokuPrefixPlan({
    variables: environmentSource(input.env),
    processEnv: input.env,
    topics: literal(input.topics).map((name) => ({name})),
    groups: literal(input.groups),
    // Karafka's own groups are only worth checking for a Karafka app.
    karafka: input.karafkaConfig !== undefined,
    webUi: false,
    live: true,
    connection,
    deadline,
  })
  // Its connection layers repeat the Connection area's; its own checks are the area.
  return {findings: result.findings.filter((f) => f.check === 'heroku'), heroku: result.heroku}
}

async function runLiveness(input: DoctorInput, livenessPort: number | undefined, deadline: Deadline): Promise<AreaRun> {
  if (livenessPort === undefined && input.karafkaConfig === undefined) return {findings: [skippedArea('liveness', SKIP_REASONS.noLivenessPort)]}
  const {prepareLiveness, runLivenessPlan} = await import('./liveness.js')
  const timeout = `${Math.min(LIVENESS_REQUEST_CAP_MS, deadline.stepMs())}ms`
  const prepared = await prepareLiveness({
    ...(livenessPort === undefined ? {} : {port: livenessPort}),
    ...(input.karafkaConfig === undefined ? {} : {karafkaConfig: input.karafkaConfig}),
    timeout,
  })
  if (!prepared.endpoint) {
    // Only karafka.rb: call the listener it sets up, when its port is a literal.
    const {listener, port} = listenerFromSettings(prepared.settings)
    const file = input.karafkaConfig ?? 'karafka.rb'
    if (!listener) return {findings: [skippedArea('liveness', SKIP_REASONS.noLivenessListener(file))]}
    if (!port) {
      const given = listener.args.port
      return {findings: [skippedArea('liveness', given ? SKIP_REASONS.livenessPortExpression(given.where, given.text) : SKIP_REASONS.noLivenessPort)]}
    }

    prepared.endpoint = parseEndpoint({port: port.value})
  }

  return {findings: (await runLivenessPlan(prepared)).findings}
}

async function runAws(input: DoctorInput, deadline: Deadline): Promise<AreaRun> {
  const {imdsDisabled, readInstanceIdentity} = await import('../aws/imds.js')
  if (imdsDisabled(input.env)) return {findings: [skippedArea('aws', SKIP_REASONS.imdsDisabled)]}
  const imds = await readInstanceIdentity(input.env, input.imdsTimeoutMs ?? DOCTOR_IMDS_TIMEOUT_MS)
  if (!imds.ok) return {findings: [skippedArea('aws', SKIP_REASONS.noImds(imds.reason))]}
  const {runAwsReachabilityPlan} = await import('./aws-reachability.js')
  try {
    const result = await runAwsReachabilityPlan({connection: input.connection, env: input.env, imds, source: {}, probe: true, deep: false, deadline})
    return {findings: result.findings.filter((f) => f.check !== 'config')}
  } catch (error) {
    // No credentials or Region: the other areas still stand; this one says why it could not run.
    if (error instanceof InputError) return {findings: [skippedArea('aws', SKIP_REASONS.awsSetup(error.oneLine()))]}
    throw error
  }
}

/** The same finding from two areas (a layer both probed) is reported once, where it first appears. */
function uniqueFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>()
  return findings.filter((f) => {
    const key = [f.check, f.target, f.status, f.code ?? '', f.summary].join('\u0000')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
