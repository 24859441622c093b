// What `kdoctor explain` does, apart from oclif (the command's own logic, not a plan): decide what the input is (a code, nothing,
// text, a file, stdin), produce the JSON result, the terminal text and the exit code.


import {InputError} from '../core/input-error.js'
import {readUserFile} from '../config/read-file.js'
import {catalog, docsPath, entryFor, isKnownCode, normalizeCode} from '../diagnosis/catalog.js'
import {docsPage, readDocsPage} from '../diagnosis/docs-page.js'
import type {CatalogEntry, Cause, ClientFamily, Layer, Provider} from '../diagnosis/catalog/types.js'
import type {KdCode} from '../diagnosis/finding.js'
import {explainText, type ExplainMatch} from '../diagnosis/match.js'
import {renderCodeListMarkdown, renderEntryMarkdown, renderMatchesMarkdown} from '../report/explain-markdown.js'
import {renderCodeList, renderEntry, renderMatches, type RenderOptions} from '../report/explain-text.js'
import {MAX_PASTE_BYTES} from '../core/limits.js'

/** 0: explained (a code page, the list, or at least one recognised problem). */
export const EXPLAIN_OK = 0
/** 1: the text was read but nothing in it was recognised (KD100). */
export const EXPLAIN_NOTHING_RECOGNISED = 1

export interface ExplainInput {
  /** The positional argument: a code, error text, or "-" for stdin. */
  input?: string
  /** --file PATH ("-" for stdin). */
  file?: string
  /** --page: the code's Markdown page instead of the terminal text. */
  page?: boolean
}

export interface ExplainIo {
  readStdin: () => Promise<string>
  readFile?: (path: string) => Promise<string>
}

/** `kdoctor explain --json`: the list of codes. */
export interface ExplainCodeListJson {
  schema: 'kdoctor/v1'
  command: 'explain'
  ok: true
  codes: {code: KdCode; title: string; layer: Layer; defaultStatus: 'fail' | 'warn'; docs: string}[]
}

/** One catalog entry as JSON (patterns as their source text and flags). */
export interface ExplainEntry {
  code: KdCode
  title: string
  layer: Layer
  defaultStatus: 'fail' | 'warn'
  explanation: string
  causes: Cause[]
  fix: string[]
  providers: Partial<Record<Provider, string>>
  related: KdCode[]
  signatures: {client: ClientFamily; pattern: string; flags: string; note?: string}[]
  docs: string
  docsPath: string
}

/** `kdoctor explain KD304 --json`. */
export interface ExplainEntryJson {
  schema: 'kdoctor/v1'
  command: 'explain'
  ok: true
  entry: ExplainEntry
}

/** `kdoctor explain KD304 --page --json`: the Markdown page. */
export interface ExplainPageJson {
  schema: 'kdoctor/v1'
  command: 'explain'
  ok: true
  code: KdCode
  page: string
}

/** `kdoctor explain "<error text>" --json`: what was recognised in the text. */
export interface ExplainMatchesJson {
  schema: 'kdoctor/v1'
  command: 'explain'
  ok: boolean
  source: string
  lines: number
  matches: {code: KdCode; title: string; layer: Layer; line: string; lineNumber: number; count: number; evidence: Record<string, string | number>; docs: string}[]
}

export type ExplainJson = ExplainCodeListJson | ExplainEntryJson | ExplainPageJson | ExplainMatchesJson

export interface ExplainOutcome {
  /** What --json prints. */
  json: ExplainJson
  /** What a terminal gets. */
  text: string
  /** The same as markdown (--format markdown, --report). */
  markdown: string
  exitCode: number
}

const CODE_LIKE = /^\s*KD\d{1,4}\s*$/i

function entryJson(entry: CatalogEntry): ExplainEntry {
  return {
    code: entry.code,
    title: entry.title,
    layer: entry.layer,
    defaultStatus: entry.defaultStatus,
    explanation: entry.explanation,
    causes: entry.causes,
    fix: entry.fix,
    providers: entry.providers,
    related: entry.related,
    signatures: entry.signatures.map((s) => ({client: s.client, pattern: s.pattern.source, flags: s.pattern.flags, ...(s.note ? {note: s.note} : {})})),
    docs: docsPage(entry.code),
    docsPath: docsPath(entry.code),
  }
}

function matchJson(match: ExplainMatch): ExplainMatchesJson['matches'][number] {
  const entry = entryFor(match.code)
  return {code: match.code, title: entry.title, layer: entry.layer, line: match.line, lineNumber: match.lineNumber, count: match.count, evidence: match.evidence, docs: docsPage(match.code)}
}

async function readText(input: ExplainInput, io: ExplainIo): Promise<{text: string; source: string}> {
  if (input.file !== undefined) {
    if (input.input !== undefined) throw new InputError('give the text either as an argument or with --file, not both', 'flag --file')
    if (input.file === '-') return {text: await io.readStdin(), source: 'stdin'}
    if (input.file.trim() === '') throw new InputError('--file needs a path', 'flag --file')
    if (io.readFile) return {text: await io.readFile(input.file), source: `file ${input.file}`}
    const read = await readUserFile(input.file, {maxBytes: MAX_PASTE_BYTES})
    if (!read.ok) throw new InputError(`cannot read ${input.file}: ${read.reason}`, `flag --file ${input.file}`)
    return {text: read.bytes.toString('utf8'), source: `file ${input.file}`}
  }

  if (input.input === '-') return {text: await io.readStdin(), source: 'stdin'}
  return {text: input.input ?? '', source: 'argument'}
}

export async function runExplain(input: ExplainInput, io: ExplainIo, render: RenderOptions = {}): Promise<ExplainOutcome> {
  if (input.page && (input.file !== undefined || input.input === undefined || !CODE_LIKE.test(input.input))) {
    throw new InputError('--page needs a code, e.g. kdoctor explain KD304 --page', 'flag --page')
  }

  // `kdoctor explain`: the list.
  if (input.input === undefined && input.file === undefined) {
    const codes = catalog.map((e) => ({code: e.code, title: e.title, layer: e.layer, defaultStatus: e.defaultStatus, docs: docsPage(e.code)}))
    return {json: {schema: 'kdoctor/v1', command: 'explain', ok: true, codes}, text: renderCodeList(render), markdown: renderCodeListMarkdown(), exitCode: EXPLAIN_OK}
  }

  // `kdoctor explain KD304`: one entry; an unknown code is a usage error.
  if (input.file === undefined && input.input !== undefined && CODE_LIKE.test(input.input)) {
    const code = normalizeCode(input.input)
    if (!isKnownCode(code)) throw new InputError(`unknown code ${code}: run "kdoctor explain" for the list of codes`, 'argument')
    const entry = entryFor(code)
    if (input.page) {
      const page = readDocsPage(code)
      return {json: {schema: 'kdoctor/v1', command: 'explain', ok: true, code, page}, text: page, markdown: page, exitCode: EXPLAIN_OK}
    }

    return {json: {schema: 'kdoctor/v1', command: 'explain', ok: true, entry: entryJson(entry)}, text: renderEntry(entry, render), markdown: renderEntryMarkdown(entry), exitCode: EXPLAIN_OK}
  }

  // Text: an argument, a file or stdin.
  const {text, source} = await readText(input, io)
  if (text.trim() === '') throw new InputError('nothing to explain: the text is empty', source === 'argument' ? 'argument' : source)
  const matches = explainText(text)
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').length
  const recognised = !(matches.length === 1 && matches[0]!.code === 'KD100')
  return {
    json: {schema: 'kdoctor/v1', command: 'explain', ok: recognised, source, lines, matches: matches.map(matchJson)},
    text: renderMatches(matches, {lines, source}, render),
    markdown: renderMatchesMarkdown(matches, {lines, source}),
    exitCode: recognised ? EXPLAIN_OK : EXPLAIN_NOTHING_RECOGNISED,
  }
}
