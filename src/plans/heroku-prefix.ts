// kdoctor heroku-prefix: Heroku Kafka's conventions, statically (variables, names, Karafka
// settings) and, when the cluster is reachable, live (connect's layers, then topics and groups).
import {karafkaSettings} from '../checks/heroku/karafka-settings.js'
import {checkLiveNames, liveChecksNotRun, namesNotLookedUp} from '../checks/heroku/live.js'
import {type NameChoices, checkNames, namesToCheck} from '../checks/heroku/names.js'
import {type HerokuSummary, herokuCommands} from '../checks/heroku/summary.js'
import {checkClientMaterial, checkKafkaPrefix, checkKafkaUrl, checkKafkaUrlCopies, checkTrustedCert, variableFixes, withoutHerokuRepeats} from '../checks/heroku/variables.js'
import type {EnvSource} from '../config/env-file.js'
import {type AppSettings, type ConnectionInput, profileFromSettings} from '../config/load-connection.js'
import type {ConnectionProfile} from '../config/profile.js'
import type {Finding, SettingRecord} from '../diagnosis/finding.js'
import type {Deadline} from '../core/deadline.js'
import {HEROKU_KAFKA_VARIABLES, type HerokuVariables, readHerokuVariables, variablesCopyingKafkaUrl} from '../platforms/heroku/env.js'
import {HerokuCli} from '../platforms/heroku/prefix.js'
import {runConnectPlan} from './connect.js'

/** The names to check (topics, groups, Karafka's and the Web UI's) and where everything else comes from. */
export interface HerokuPrefixInput extends NameChoices {
  /** Where Heroku's variables come from: the environment or an --env-file. */
  variables: EnvSource
  /** The process environment, for what -X env:VAR references and the like need. */
  processEnv: NodeJS.ProcessEnv
  /** --app-prefix: overrides KAFKA_PREFIX. */
  prefixOverride?: string
  /** --app, for the Heroku CLI commands kdoctor prints. */
  app?: string
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

/**
 * The environment the profile sees: Heroku's variables from the chosen source, nothing that would
 * outrank KAFKA_URL, and no key text: the profile takes the key checkClientMaterial opened.
 */
function profileEnvironment(vars: HerokuVariables, input: HerokuPrefixInput): EnvSource {
  const values = new Map(input.variables.values)
  values.delete('KAFKA_BOOTSTRAP_SERVERS')
  values.delete('KAFKA_CLIENT_CERT_KEY')
  // Empty Heroku variables count as missing, as readHerokuVariables says.
  for (const name of HEROKU_KAFKA_VARIABLES) if (values.get(name)?.value.trim() === '') values.delete(name)
  if (!vars.url) values.delete('KAFKA_URL')
  return {...input.variables, values}
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
  const clientMaterial = checkClientMaterial(vars, now, fixes)
  findings.push(...url.findings, prefixCheck.finding, ...checkTrustedCert(vars, now, fixes), ...clientMaterial.findings)
  findings.push(...checkKafkaUrlCopies(variablesCopyingKafkaUrl(input.variables), cli))

  const names = namesToCheck(input, prefix)
  findings.push(...checkNames(names, prefix ? {value: prefix, source: vars.prefix!.source} : undefined, cli))
  const karafka = karafkaSettings(input, prefix, url.brokers)
  findings.push(karafka.finding)

  // The client configuration (KAFKA_URL and the certificates, or -b/-X/-F) is read without the
  // network too: a bootstrap list that kept the kafka+ssl:// scheme is a static KD102.
  const canConnect = url.brokers.length > 0 || givesBootstrap(input.connection, input.appSettings)
  const settings: AppSettings = input.appSettings ?? {env: input.variables, appPath: (path) => path, properties: [], findings: [], app: {topics: [], groups: []}}
  const profileEnv = profileEnvironment(vars, input)
  const connection = {...input.connection, ...(clientMaterial.key ? {herokuKey: clientMaterial.key} : {})}
  const loaded = canConnect ? withoutHerokuRepeats(await profileFromSettings(connection, settings, profileEnv), profileEnv) : undefined
  const profile = loaded?.profile
  if (!input.live || !loaded || !profile) {
    if (loaded) findings.push(...loaded.findings)
    findings.push(liveChecksNotRun(input.live))
  } else {
    // Heroku's documented setting, unless the user chose one: brokers are verified against the CA only.
    if (profile.tls.verifyHostname.source.startsWith('default')) {
      profile.tls.verifyHostname = {value: false, source: "kdoctor heroku-prefix (ssl.endpoint.identification.algorithm=none, as Heroku's certificates need)"}
    }

    const connect = await runConnectPlan(loaded, {deadline: input.deadline, advertised: false, client: false})
    findings.push(...connect.findings)
    findings.push(...(connect.metadata ? await checkLiveNames(profile, input.deadline, names, prefix, cli) : [namesNotLookedUp()]))
  }

  const heroku = {prefix: prefix ?? null, app: app ?? null, commands: herokuCommands(findings), karafka: {snippet: karafka.snippet, kafka: karafka.kafka}}
  return {findings, heroku, ...(profile ? {profile} : {}), ...(loaded ? {settings: loaded.settings} : {})}
}
