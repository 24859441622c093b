// The one entry every connecting command (connect, cluster-info, acl-check, heroku-prefix,
// doctor) uses to turn its flags into a ConnectionProfile: the environment (the process's, or the
// app's with --from-pid) and --env-file files; the app's own settings in the form it keeps them
// (karafka.rb, Java/Spring properties, kcat.conf); then -F and -X on top. Every setting keeps its
// source, and the report gets the list of settings used.

import {existsSync, readFileSync, statSync} from 'node:fs'
import {homedir} from 'node:os'
import {basename, extname, join} from 'node:path'

import {InputError} from '../core/input-error.js'
import {MAX_INPUT_FILE_BYTES} from '../core/limits.js'
import {finding, type Finding} from '../diagnosis/finding.js'
import {type AppProcess, readAppProcess} from './app-process.js'
import {configFinding} from './config-finding.js'
import {type EnvSource, environmentSource, layerEnvironment, parseEnvFile, toProcessEnv} from './env-file.js'
import {type JavaEntry, looksLikeJava, parseJavaProperties, parseSpringYaml, resolveSpringPlaceholders, springToJava, translateJava} from './java.js'
import {readKarafkaConfig} from './karafka.js'
import {loadProfile, type ProfileInput} from './load-profile.js'
import type {ProfileResult, Sourced} from './profile.js'
import {type Dialect, parsePropertiesText, type RawProperty} from './properties.js'
import {readUserFile} from './read-file.js'
import type {RubyScope} from './ruby.js'

/** The dialect flags every connecting command shares (src/cli/dialect-flags.ts). */
export interface AppSettingsInput {
  /** --env-file FILE (repeatable; later files win). */
  envFiles?: readonly string[]
  /** --karafka-config karafka.rb */
  karafkaConfig?: string
  /** --java-config client.properties | application.yml | application.properties */
  javaConfig?: string
  /** --from-pid PID */
  fromPid?: string
}

export type ConnectionInput = Omit<ProfileInput, 'appProperties' | 'envSources' | 'appPath'> & AppSettingsInput

/** The app's settings read from every dialect, before they become a profile. */
export interface AppSettings {
  /** The environment the run uses (the process's or the app's, plus --env-file), with sources. */
  env: EnvSource
  /** Where a path the app names is read (--from-pid maps into /proc/PID). */
  appPath: (path: string) => string
  /** kcat.conf, karafka.rb, Java/Spring and -F settings in librdkafka names, lowest first. */
  properties: RawProperty[]
  findings: Finding[]
  /** Topics and groups the app's configuration names (karafka.rb routing, Spring group-id). */
  app: {topics: Sourced<string>[]; groups: Sourced<string>[]}
}

export interface LoadedConnection extends ProfileResult {
  env: EnvSource
  app: AppSettings['app']
}


async function readText(path: string, shownAs: string, flag: string): Promise<string> {
  const read = await readUserFile(path)
  if (!read.ok) throw new InputError(`cannot read ${flag === '--config' ? 'config file ' : ''}${shownAs}: ${read.reason}`, `flag ${flag}`)
  return read.bytes.toString('utf8')
}

/** The environment: the process's (or the app's), then each --env-file in order. */
export async function loadEnvironment(input: AppSettingsInput, processEnv: NodeJS.ProcessEnv, app?: AppProcess): Promise<EnvSource> {
  const layers: EnvSource[] = [app ? app.env : environmentSource(processEnv)]
  for (const file of input.envFiles ?? []) {
    if (file.trim() === '') throw new InputError('--env-file needs a path', 'flag --env-file')
    layers.push(await parseEnvFile(await readText(file, file, '--env-file'), file))
  }

  return layers.length === 1 ? layers[0]! : layerEnvironment(layers)
}

/** kcat's own configuration file, found as kcat finds it: $KCAT_CONFIG, then ~/.config/kcat.conf, ~/.config/kafkacat.conf. */
export function findKcatConfig(env: NodeJS.ProcessEnv, home = env.HOME ?? homedir()): {path: string; why: string} | undefined {
  if (env.KCAT_CONFIG) return {path: env.KCAT_CONFIG, why: 'env KCAT_CONFIG'}
  for (const name of ['kcat.conf', 'kafkacat.conf']) {
    const path = join(home, '.config', name)
    if (existsSync(path)) return {path, why: `kcat's default ~/.config/${name}`}
  }

  return undefined
}

/** Placeholders Confluent Cloud's downloads and docs leave for the user to fill in. */
const PLACEHOLDER = /\{\{\s*[^}]*\}\}|\$\{[A-Za-z_][\w.:-]*\}|<\s*(?:your[-_ ][^>]*|[A-Z][A-Z0-9_-]*(?:KEY|SECRET|PASSWORD|ENDPOINT|SERVER|HOST|USER(?:NAME)?)[A-Z0-9_-]*)\s*>/i

/** Keys of Confluent's downloads (and similar) that configure something other than the Kafka client. */
const NON_CLIENT_KEY = /^(?:schema\.registry\.|basic\.auth\.|bearer\.auth\.|auto\.register\.schemas|use\.latest\.version|specific\.avro\.reader|value\.subject\.name\.strategy|key\.subject\.name\.strategy|confluent\.|ksql\.|kafka\.rest\.|rest\.)/

/**
 * Unfilled placeholders are a configuration failure with their line (the client would send them as
 * is); non-client keys (Schema Registry, …) are set aside with one info line instead of KD101.
 */
export function screenProperties(props: readonly RawProperty[], findings: Finding[]): RawProperty[] {
  const kept: RawProperty[] = []
  const skipped: string[] = []
  for (const prop of props) {
    if (NON_CLIENT_KEY.test(prop.key)) {
      skipped.push(`${prop.key} (${prop.source})`)
      continue
    }

    if (PLACEHOLDER.test(prop.value)) {
      const credential = /^sasl\.(?:username|password|oauthbearer\.client)/.test(prop.key)
      const code = credential ? 'KD109' : prop.key === 'bootstrap.servers' ? 'KD103' : 'KD101'
      findings.push(
        configFinding(code, 'fail', prop.key, `${prop.key} (from ${prop.source}) is still a placeholder of the downloaded template: fill in the real value`, {
          property: prop.key,
          source: prop.source,
          placeholder: true,
        }),
      )
      continue
    }

    kept.push(prop)
  }

  if (skipped.length > 0) {
    findings.push(finding({check: 'config', target: 'config', status: 'info', summary: `not Kafka client settings, ignored: ${skipped.join(', ')}`, evidence: {ignored: skipped}}))
  }

  return kept
}

function rubyScope(env: EnvSource, appPath: (path: string) => string): RubyScope {
  return {
    env: (name) => env.values.get(name),
    readFile: (path) => {
      try {
        const target = appPath(path)
        const info = statSync(target)
        if (!info.isFile()) return {error: 'not a regular file'}
        if (info.size > MAX_INPUT_FILE_BYTES) return {error: `larger than ${MAX_INPUT_FILE_BYTES} bytes`}
        return {text: readFileSync(target, 'utf8')}
      } catch (error) {
        return {error: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read'}
      }
    },
  }
}

async function springOrJava(text: string, label: string, path: string): Promise<{entries: JavaEntry[]; spring: boolean}> {
  const ext = extname(path).toLowerCase()
  const entries = ext === '.yml' || ext === '.yaml' ? await parseSpringYaml(text, label) : parseJavaProperties(text, label)
  return {entries, spring: entries.some((e) => e.key.startsWith('spring.kafka.'))}
}

/**
 * Reads every dialect the flags name (and kcat.conf when no other file is given). Precedence,
 * lowest first: the environment (KAFKA_URL, Heroku's certificates), kcat.conf, karafka.rb,
 * Java/Spring, -F; then -X and -b in loadProfile.
 */
export async function readAppSettings(input: ConnectionInput, processEnv: NodeJS.ProcessEnv = process.env): Promise<AppSettings> {
  const app = input.fromPid === undefined ? undefined : await readAppProcess(input.fromPid)
  const appPath = app ? app.path : (path: string) => path
  const env = await loadEnvironment(input, processEnv, app)
  const findings: Finding[] = []
  const appProperties: RawProperty[] = []
  const topics: Sourced<string>[] = []
  const groups: Sourced<string>[] = []

  let karafkaPath = input.karafkaConfig
  // The app's own karafka.rb, where Karafka looks for it: its working directory.
  if (karafkaPath === undefined && app && existsSync(app.path('karafka.rb'))) karafkaPath = 'karafka.rb'
  const javaGiven = input.javaConfig !== undefined
  if (input.configFile === undefined && karafkaPath === undefined && !javaGiven && !app) {
    const kcat = findKcatConfig(processEnv)
    if (kcat) {
      const text = await readText(kcat.path, `${kcat.path} (${kcat.why})`, '--config')
      appProperties.push(...parsePropertiesText(text, kcat.path).map((p) => ({...p, dialect: 'kcat' as const})))
    }
  }

  if (karafkaPath !== undefined) {
    const text = await readText(appPath(karafkaPath), karafkaPath, '--karafka-config')
    const karafka = readKarafkaConfig(text, basename(karafkaPath), rubyScope(env, appPath))
    const bootstrapGiven = input.bootstrapServers !== undefined || input.properties.some((p) => /^\s*(?:bootstrap\.servers|metadata\.broker\.list)\s*=/.test(p))
    const missing = karafka.unevaluated.find((u) => u.key === 'bootstrap.servers')
    if (missing && !bootstrapGiven) throw new InputError(`bootstrap.servers cannot be read statically: ${missing.reason}; give it with -b or -X bootstrap.servers=…`, missing.where)
    appProperties.push(...karafka.properties)
    findings.push(...karafka.notes)
    topics.push(...karafka.topics)
    groups.push(...karafka.groups)
  }

  const translate = (entries: JavaEntry[], spring: boolean): void => {
    // Spring resolves ${NAME} from the environment; Kafka's Java client sends it as written.
    const dialect: Dialect = spring ? 'spring' : 'java'
    const clientEntries = spring ? springToJava(entries) : entries.filter((e) => !NON_CLIENT_KEY.test(e.key))
    // Schema Registry and the like pass through untranslated: screenProperties sets them aside with one info line.
    appProperties.push(...entries.filter((e) => !spring && NON_CLIENT_KEY.test(e.key)).map((e) => ({...e, origin: 'file' as const, dialect})))
    const resolved = spring ? resolveSpringPlaceholders(clientEntries, (name) => env.values.get(name), findings) : clientEntries
    const translated = translateJava(resolved, dialect)
    appProperties.push(...translated.properties)
    findings.push(...translated.findings)
    groups.push(...translated.groups.filter((g) => !groups.some((known) => known.value === g.value)))
  }

  if (input.javaConfig !== undefined) {
    const text = await readText(appPath(input.javaConfig), input.javaConfig, '--java-config')
    const {entries, spring} = await springOrJava(text, basename(input.javaConfig), input.javaConfig)
    translate(entries, spring)
  }

  const configFile = input.configFile
  let fileProperties: RawProperty[] = []
  if (configFile !== undefined) {
    // -F is librdkafka's; a file that is clearly a Java client's is read as one (the app would be Java).
    const text = await readText(appPath(configFile), configFile, '--config')
    const {entries, spring} = await springOrJava(text, basename(configFile), configFile)
    if (spring || looksLikeJava(entries.map((e) => e.key))) {
      findings.push(finding({check: 'config', target: 'config', status: 'info', summary: `${configFile} is read as ${spring ? 'a Spring Boot' : "a Java client's"} configuration (it uses Java's property names); --java-config says so explicitly`, evidence: {file: configFile}}))
      translate(entries, spring)
    } else {
      fileProperties = parsePropertiesText(text, basename(configFile))
    }
  }

  // -F stays above the app's own files: it is what the user handed kdoctor for this run.
  const screened = screenProperties([...appProperties, ...fileProperties], findings)

  return {env, appPath, properties: screened, findings, app: {topics, groups}}
}

/** The profile from settings already read; `env` replaces the environment (heroku-prefix narrows it). */
export async function profileFromSettings(input: ConnectionInput, settings: AppSettings, env: EnvSource = settings.env): Promise<LoadedConnection> {
  const result = await loadProfile(
    {...input, configFile: undefined, appProperties: settings.properties, envSources: env.values, appPath: settings.appPath},
    toProcessEnv(env),
  )
  return {...result, findings: [...settings.findings, ...result.findings], env, app: settings.app}
}

/** Every input dialect → one ConnectionProfile, the settings list and the app's topics and groups. */
export async function loadConnection(input: ConnectionInput, processEnv: NodeJS.ProcessEnv = process.env): Promise<LoadedConnection> {
  return profileFromSettings(input, await readAppSettings(input, processEnv))
}
