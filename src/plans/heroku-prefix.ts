// kdoctor heroku-prefix: Heroku Kafka's conventions, statically (variables, names, Karafka
// settings) and, when the cluster is reachable, live (connect's layers, then topics and groups).
import {checkLiveNames} from '../checks/heroku/live.js'
import {type NameToCheck, checkNames} from '../checks/heroku/names.js'
import {checkClientMaterial, checkKafkaPrefix, checkKafkaUrl, checkKafkaUrlCopies, checkTrustedCert, variableFixes} from '../checks/heroku/variables.js'
import type {EnvSource} from '../config/env-file.js'
import {type AppSettings, type ConnectionInput, profileFromSettings} from '../config/load-connection.js'
import type {ConnectionProfile, ProfileResult} from '../config/profile.js'
import {type Finding, finding, type SettingRecord} from '../diagnosis/finding.js'
import type {Deadline} from '../core/deadline.js'
import {HEROKU_KAFKA_VARIABLES, type HerokuVariables, readHerokuVariables, variablesCopyingKafkaUrl} from '../platforms/heroku/env.js'
import {KARAFKA_GROUPS, type KafkaSetting, WEB_UI_TOPICS, karafkaKafkaSettings, karafkaSnippet} from '../platforms/heroku/karafka.js'
import {HerokuCli, judgeName} from '../platforms/heroku/prefix.js'
import {runConnectPlan} from './connect.js'
import type {HerokuSummary} from '../checks/heroku/summary.js'

export interface HerokuPrefixInput {
  /** Where Heroku's variables come from: the environment or an --env-file. */
  variables: EnvSource
  /** The process environment, for what -X env:VAR references and the like need. */
  processEnv: NodeJS.ProcessEnv
  /** --app-prefix: overrides KAFKA_PREFIX. */
  prefixOverride?: string
  /** --app, for the Heroku CLI commands kdoctor prints. */
  app?: string
  topics: readonly {name: string; partitions?: number}[]
  groups: readonly string[]
  /** Karafka's names as the app configures them; undefined: the prefixed defaults. */
  groupId?: string
  adminGroup?: string
  webGroup?: string
  /** Check Karafka's consumer groups (group_id, admin). */
  karafka: boolean
  /** Check the Web UI's group and topics. */
  webUi: boolean
  /** Run the live checks when KAFKA_URL is usable. */
  live: boolean
  /** -b, -X, -F and --timeout as for connect: the client configuration the app uses, if not Heroku's vars alone. */
  connection: Omit<ConnectionInput, 'oauthTokenFile' | 'oauthTokenCommand'>
  /** The app's settings as read by readAppSettings (karafka.rb, Java, -F); none when absent. */
  appSettings?: AppSettings
  /** The run's one time budget (used by the live checks). */
  deadline: Deadline
}

export interface HerokuPrefixResult {
  findings: Finding[]
  heroku: HerokuSummary
  /** The profile the live checks used, for the heading. */
  profile?: ConnectionProfile
  /** The settings that profile was built from. */
  settings?: SettingRecord[]
}

/** Every name to check: the user's, then Karafka's and the Web UI's (prefixed defaults unless named). */
export function namesToCheck(input: Pick<HerokuPrefixInput, 'topics' | 'groups' | 'groupId' | 'adminGroup' | 'webGroup' | 'karafka' | 'webUi'>, prefix: string | undefined): NameToCheck[] {
  const p = prefix ?? ''
  const names: NameToCheck[] = [
    ...input.topics.map((t) => ({kind: 'topic' as const, name: t.name, role: 'topic', given: true, ...(t.partitions === undefined ? {} : {partitions: t.partitions})})),
    ...input.groups.map((g) => ({kind: 'group' as const, name: g, role: 'consumer group', given: true})),
  ]
  const karafkaGroup = (name: string | undefined, fallback: string, role: string, flag: string): NameToCheck => ({kind: 'group', name: name ?? p + fallback, role, given: name !== undefined, flag})
  if (input.karafka) {
    names.push(
      karafkaGroup(input.groupId, KARAFKA_GROUPS.app, 'Karafka group_id', '--group-id'),
      karafkaGroup(input.adminGroup, KARAFKA_GROUPS.admin, 'Karafka admin group', '--admin-group'),
    )
  }

  if (input.webUi) {
    names.push(karafkaGroup(input.webGroup, KARAFKA_GROUPS.web, 'Web UI group', '--web-group'))
    for (const topic of WEB_UI_TOPICS) names.push({kind: 'topic', name: p + topic.name, role: 'Web UI topic', given: false, partitions: 1, webUi: topic})
  }

  // The same name twice (a --group that is also the group_id) is checked once, under its first
  // role; a --topic that is a Web UI topic keeps the Web UI's settings check.
  const unique = new Map<string, NameToCheck>()
  for (const n of names) {
    const key = `${n.kind} ${n.name}`
    const seen = unique.get(key)
    if (!seen) unique.set(key, n)
    else if (n.webUi && !seen.webUi) unique.set(key, {...seen, webUi: n.webUi, partitions: n.partitions})
  }

  return [...unique.values()]
}

/** The environment the profile sees: Heroku's variables from the chosen source, nothing that would outrank KAFKA_URL. */
function profileEnvironment(vars: HerokuVariables, input: HerokuPrefixInput): EnvSource {
  const values = new Map(input.variables.values)
  values.delete('KAFKA_BOOTSTRAP_SERVERS')
  // Empty Heroku variables count as missing, as readHerokuVariables says.
  for (const name of HEROKU_KAFKA_VARIABLES) if (values.get(name)?.value.trim() === '') values.delete(name)
  if (!vars.url) values.delete('KAFKA_URL')
  return {...input.variables, values}
}

/**
 * The config findings the variable checks already made in Heroku's terms: KD106 for the three
 * certificate variables (KD704 here) and the KD102 note that kdoctor itself strips KAFKA_URL's scheme.
 */
export function withoutHerokuRepeats<T extends ProfileResult>(result: T, env?: EnvSource): T {
  // The variables' sources as the profile names them: "env KAFKA_URL" or "heroku.env:5".
  const sourceOf = (name: string) => (env ? env.values.get(name)?.source : `env ${name}`)
  const tlsSources = new Set(['KAFKA_TRUSTED_CERT', 'KAFKA_CLIENT_CERT', 'KAFKA_CLIENT_CERT_KEY'].map(sourceOf).filter((s) => s !== undefined))
  const findings = result.findings.filter((f) => {
    const e = f.evidence as {source?: string; certificateSource?: string; keySource?: string}
    if (f.code === 'KD106') return ![e.source, e.certificateSource, e.keySource].some((s) => s !== undefined && tlsSources.has(s))
    if (f.code === 'KD102' && f.status === 'warn') return e.source !== sourceOf('KAFKA_URL')
    return true
  })
  return {...result, findings}
}

/** -b, -X bootstrap.servers or a -F file name the brokers themselves (otherwise KAFKA_URL does). */
function givesBootstrap(connection: HerokuPrefixInput['connection'], settings: AppSettings | undefined): boolean {
  return connection.bootstrapServers !== undefined || connection.configFile !== undefined || settings?.properties.some((p) => p.key === 'bootstrap.servers') === true || connection.properties.some((p) => /^\s*(?:bootstrap\.servers|metadata\.broker\.list)\s*=/.test(p))
}

/** Static checks, then (when asked and possible) connect's layers and the live name checks. */
export async function runHerokuPrefixPlan(input: HerokuPrefixInput): Promise<HerokuPrefixResult> {
  const vars = readHerokuVariables(input.variables, input.prefixOverride)
  const app = input.app ?? input.variables.values.get('HEROKU_APP_NAME')?.value ?? input.processEnv.HEROKU_APP_NAME
  const cli = new HerokuCli(app)
  const findings: Finding[] = []

  const fixes = variableFixes(cli, input.variables.file)
  const now = new Date()
  const url = checkKafkaUrl(vars, fixes)
  const prefixCheck = checkKafkaPrefix(vars, fixes)
  const prefix = prefixCheck.prefix
  findings.push(...url.findings, prefixCheck.finding, ...checkTrustedCert(vars, now, fixes), ...checkClientMaterial(vars, now, fixes).findings)
  findings.push(...checkKafkaUrlCopies(variablesCopyingKafkaUrl(input.variables), cli))

  const names = namesToCheck(input, prefix)
  findings.push(...checkNames(names, prefix ? {value: prefix, source: vars.prefix!.source} : undefined, cli))

  // The snippet writes names as KAFKA_PREFIX + the name without it, whatever form they were given in.
  const bareOf = (name: string | undefined, fallback: string) => (name === undefined ? fallback : prefix ? judgeName(name, prefix).bare : name)
  const snippet = karafkaSnippet({
    ...(prefix ? {prefix} : {}),
    groupId: bareOf(input.groupId, KARAFKA_GROUPS.app),
    adminGroup: bareOf(input.adminGroup, KARAFKA_GROUPS.admin),
    webGroup: bareOf(input.webGroup, KARAFKA_GROUPS.web),
    topics: input.topics.map((t) => bareOf(t.name, t.name)),
    webUi: input.webUi,
  })
  const kafka = karafkaKafkaSettings(url.brokers.length > 0 ? url.brokers.join(',') : undefined)
  findings.push(
    finding({
      check: 'heroku',
      target: 'Karafka settings',
      status: 'info',
      code: 'KD304',
      summary:
        "config.kafka from these variables (printed below): kafka+ssl:// stripped from KAFKA_URL, certificates read from the variables at boot, and ssl.endpoint.identification.algorithm=none because Heroku's broker certificates do not name their hosts; the CA check stays on",
      evidence: {snippet, kafka},
    }),
  )

  // The client configuration (KAFKA_URL and the certificates, or -b/-X/-F) is read without the
  // network too: a bootstrap list that kept the kafka+ssl:// scheme is a static KD102.
  const canConnect = url.brokers.length > 0 || givesBootstrap(input.connection, input.appSettings)
  const settings: AppSettings = input.appSettings ?? {env: input.variables, appPath: (path) => path, properties: [], findings: [], app: {topics: [], groups: []}}
  const profileEnv = profileEnvironment(vars, input)
  const loaded = canConnect ? withoutHerokuRepeats(await profileFromSettings(input.connection, settings, profileEnv), profileEnv) : undefined
  const profile = loaded?.profile
  if (!input.live || !loaded || !profile) {
    if (loaded) findings.push(...loaded.findings)
    const why = input.live ? 'KAFKA_URL gives no broker to connect to' : '--no-live: nothing was sent to the cluster'
    findings.push(finding({check: 'heroku', target: 'live checks', status: 'skip', summary: `not run: ${why}`}))
  } else {
    // Heroku's documented setting, unless the user chose one: brokers are verified against the CA only.
    if (profile.tls.verifyHostname.source.startsWith('default')) {
      profile.tls.verifyHostname = {value: false, source: "kdoctor heroku-prefix (ssl.endpoint.identification.algorithm=none, as Heroku's certificates need)"}
    }

    const connect = await runConnectPlan(loaded, {deadline: input.deadline, advertised: false, client: false})
    findings.push(...connect.findings)
    if (connect.metadata) {
      findings.push(...(await checkLiveNames(profile, input.deadline, names, prefix, cli)))
    } else {
      findings.push(finding({check: 'heroku', target: 'topics and groups', status: 'skip', summary: 'not checked: no broker answered a metadata request (see the layers above)'}))
    }
  }

  const commands = [
    ...new Set(
      findings
        .filter((f) => f.status === 'fail' || f.status === 'warn')
        .flatMap((f) => {
          const command = (f.evidence as {command?: unknown}).command
          return typeof command === 'string' && command.startsWith('heroku ') ? command.split(' && ') : []
        }),
    ),
  ]
  return {findings, heroku: {prefix: prefix ?? null, app: app ?? null, commands, karafka: {snippet, kafka}}, ...(profile ? {profile} : {}), ...(loaded ? {settings: loaded.settings} : {})}
}
