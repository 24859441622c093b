// The environment an app runs with, as the user has it at hand: the process environment (or the
// app's own, --from-pid) and --env-file files in the forms apps keep them — dotenv, a systemd
// EnvironmentFile, `heroku config --shell` output, a Kubernetes Secret or ConfigMap manifest.
// Every value keeps where it came from ("env KAFKA_URL", "app.env:4"); values are never echoed.

import {InputError} from '../core/input-error.js'

export interface EnvValue {
  value: string
  /** "env KAFKA_URL", "app.env:4", "secret.yaml:9 (Secret kafka data.KAFKA_PASSWORD)". */
  source: string
}

/** Every variable of one run, and where each came from. */
export interface EnvSource {
  values: ReadonlyMap<string, EnvValue>
  /** "the environment", "app.env" or "the environment, app.env", for messages and the heading. */
  origin: string
  /** The last --env-file read, if any (fix commands name it). */
  file?: string
}

export function environmentSource(env: NodeJS.ProcessEnv, label = 'env'): EnvSource {
  const values = new Map<string, EnvValue>()
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) values.set(name, {value, source: `${label} ${name}`})
  }

  return {values, origin: label === 'env' ? 'the environment' : label}
}

/** Layers in increasing precedence: later sources win variable by variable. */
export function layerEnvironment(sources: readonly EnvSource[]): EnvSource {
  const values = new Map<string, EnvValue>()
  for (const source of sources) for (const [name, value] of source.values) values.set(name, value)
  const files = sources.filter((s) => s.file !== undefined)
  return {values, origin: sources.map((s) => s.origin).join(', '), ...(files.length > 0 ? {file: files.at(-1)!.file!} : {})}
}

/** The plain name → value view other readers take. */
export function toProcessEnv(source: EnvSource): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, {value}] of source.values) env[name] = value
  return env
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=(.*)$/s
const HEROKU_CONFIG_TABLE = /^(?:===\s|[A-Za-z_][A-Za-z0-9_]*:\s)/

/** Index of the quote that closes a value (backslash escapes count inside double quotes only). */
function closingQuote(text: string, quote: '"' | "'"): number {
  for (let i = 0; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++
    else if (text[i] === quote) return i
  }

  return -1
}

// `heroku config --shell` writes values with a newline or a single quote in double quotes, newlines
// as \n and \ " $ ` ! escaped (heroku/cli packages/cli/src/lib/config/quote.ts); other values with
// shell-special characters in single quotes, backslashes doubled. dotenv and systemd read \n the same.
function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([\s\S])/g, (all, char: string) => (char === 'n' ? '\n' : '\\"$`!'.includes(char) ? char : all))
}

/** A Kubernetes Secret or ConfigMap manifest (YAML or JSON, as kubectl prints it). */
function looksLikeManifest(text: string): boolean {
  return /^\s*"?kind"?\s*:\s*"?(?:Secret|ConfigMap|List)\b/m.test(text) && /^\s*"?(?:data|stringData|items)"?\s*:/m.test(text)
}

/**
 * Reads one --env-file: NAME=value lines (dotenv, systemd EnvironmentFile, `heroku config --shell`)
 * or a Kubernetes Secret / ConfigMap manifest. A line that is none of these is an input error
 * naming the file and line (exit 2); the line itself is never quoted, as it may hold a secret.
 */
export async function parseEnvFile(text: string, file: string): Promise<EnvSource> {
  const clean = text.replace(/^\uFEFF/, '')
  return looksLikeManifest(clean) ? parseManifest(clean, file) : parseAssignments(clean, file)
}

function parseAssignments(text: string, file: string): EnvSource {
  const values = new Map<string, EnvValue>()
  const lines = text.split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!.trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    const where = `${file}:${index + 1}`
    if (HEROKU_CONFIG_TABLE.test(line)) {
      throw new InputError('this is the table `heroku config` prints; write the file with `heroku config --shell -a <app> > FILE`', where)
    }

    // systemd: a backslash at the end of a line continues the value on the next one.
    while (line.endsWith('\\') && !/^[^=]*=\s*["']/.test(line) && index + 1 < lines.length) {
      index++
      line = `${line.slice(0, -1)}${lines[index]!.trim()}`
    }

    const match = ASSIGNMENT.exec(line)
    if (!match) throw new InputError('expected NAME=value', where)
    const name = match[1]!
    const rest = match[2]!.trimStart()
    const quote = rest[0]
    let value: string
    if (quote === '"' || quote === "'") {
      let body = rest.slice(1)
      let last = index
      let close = closingQuote(body, quote)
      while (close < 0 && last + 1 < lines.length) {
        last++
        body += `\n${lines[last]!}`
        close = closingQuote(body, quote)
      }

      if (close < 0) throw new InputError(`the ${quote === '"' ? 'double' : 'single'} quote that starts ${name}'s value is never closed`, where)
      const after = body.slice(close + 1).trim()
      if (after !== '' && !after.startsWith('#')) throw new InputError(`unexpected text after the closing quote of ${name}`, `${file}:${last + 1}`)
      const inner = body.slice(0, close)
      value = quote === '"' ? unescapeDoubleQuoted(inner) : inner.replace(/\\\\/g, '\\')
      index = last
    } else {
      value = rest.replace(/\s+#.*$/, '').trim()
    }

    values.set(name, {value, source: where})
  }

  return {values, origin: file, file}
}

interface YamlNodeLike {
  range?: [number, number, number]
  items?: {key?: YamlNodeLike & {value?: unknown}; value?: YamlNodeLike & {value?: unknown}}[]
  value?: unknown
}

function lineOf(text: string, offset: number | undefined): number {
  if (offset === undefined) return 1
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++
  return line
}

/** Secret `data` (base64, decoded here), `stringData` (as is), ConfigMap `data`; a List's items too. */
async function parseManifest(text: string, file: string): Promise<EnvSource> {
  // Loaded here: most env files are not manifests, and the parser is a large module to load at every start.
  const {parseAllDocuments} = await import('yaml')
  const values = new Map<string, EnvValue>()
  let documents
  try {
    documents = parseAllDocuments(text, {prettyErrors: false})
  } catch {
    throw new InputError('not a YAML or JSON manifest', file)
  }

  const docs = Array.isArray(documents) ? documents : [documents]
  for (const doc of docs) {
    const error = doc.errors[0]
    if (error) throw new InputError(`not valid YAML (${error.code})`, `${file}:${lineOf(text, error.pos[0])}`)
    const root = doc.contents as YamlNodeLike | null
    const objects: YamlNodeLike[] = []
    const kindOf = (node: YamlNodeLike) => String(node.items?.find((i) => i.key?.value === 'kind')?.value?.value ?? '')
    if (root && kindOf(root) === 'List') {
      const items = root.items?.find((i) => i.key?.value === 'items')?.value as YamlNodeLike | undefined
      for (const item of items?.items ?? []) objects.push(item as unknown as YamlNodeLike)
    } else if (root) {
      objects.push(root)
    }

    for (const object of objects) {
      const kind = kindOf(object)
      if (kind !== 'Secret' && kind !== 'ConfigMap') continue
      const metadata = object.items?.find((i) => i.key?.value === 'metadata')?.value
      const name = String(metadata?.items?.find((i) => i.key?.value === 'name')?.value?.value ?? '')
      const label = `${kind}${name ? ` ${name}` : ''}`
      for (const section of ['data', 'stringData'] as const) {
        const map = object.items?.find((i) => i.key?.value === section)?.value
        for (const entry of map?.items ?? []) {
          const key = String(entry.key?.value ?? '')
          const raw = entry.value?.value
          const where = `${file}:${lineOf(text, entry.key?.range?.[0])} (${label} ${section}.${key})`
          if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) continue
          const rawText = raw === null || raw === undefined ? '' : String(raw)
          let value = rawText
          if (kind === 'Secret' && section === 'data') {
            const compact = rawText.replace(/\s+/g, '')
            if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
              throw new InputError(`${section}.${key} of ${label} is not base64 (Secret data is base64-encoded; plain text goes under stringData)`, where)
            }

            value = Buffer.from(compact, 'base64').toString('utf8')
          }

          values.set(key, {value, source: where})
        }
      }
    }
  }

  if (values.size === 0) throw new InputError('the manifest has no Secret or ConfigMap with data or stringData', file)
  return {values, origin: file, file}
}
