// Writes schemas/<command>.schema.json, the JSON Schema of each command's --json output, from the
// TypeScript types in src/cli/json-output.ts. `--check` only compares (used by the contract test).
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import ts from 'typescript'
import {createFormatter, createParser, createProgram, DefinitionType, LiteralType, DEFAULT_CONFIG, SchemaGenerator, UnionType, type Config, type SubNodeParser} from 'ts-json-schema-generator'

import {catalog} from '../src/diagnosis/catalog.js'

/**
 * KdCode is read off the catalog's entries (typeof the kdNxx arrays, regex literals and all), which
 * the generator cannot walk; its schema is the same closed set, taken from the catalog itself.
 */
class KdCodeParser implements SubNodeParser {
  supportsNode(node: ts.Node): boolean {
    return ts.isTypeAliasDeclaration(node) && node.name.text === 'KdCode'
  }
  createType(): DefinitionType {
    return new DefinitionType('KdCode', new UnionType(catalog.map((entry) => new LiteralType(entry.code))))
  }
}

function createGenerator(partial: Config): SchemaGenerator {
  const config = {...DEFAULT_CONFIG, ...partial}
  const program = createProgram(config)
  const parser = createParser(program, config, (chain) => {
    // First in the chain, ahead of the generic type-alias parser.
    ;(chain as unknown as {nodeParsers: SubNodeParser[]}).nodeParsers.unshift(new KdCodeParser())
  })
  return new SchemaGenerator(program, parser, createFormatter(config), config)
}

const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const SCHEMA_DIR = join(ROOT, 'schemas')

/** Command id (as in oclif.manifest.json) → its output type in src/cli/json-output.ts. */
export const COMMAND_TYPES: Readonly<Record<string, string>> = {
  'acl-check': 'AclCheckJson',
  'aws:reachability': 'AwsReachabilityJson',
  'cluster-info': 'ClusterInfoJson',
  connect: 'ConnectJson',
  doctor: 'DoctorJson',
  explain: 'ExplainJson',
  'heroku-prefix': 'HerokuPrefixJson',
  liveness: 'LivenessJson',
}

export function schemaFile(command: string): string {
  return join(SCHEMA_DIR, `${command.replace(':', '-')}.schema.json`)
}

/** Every schema, as the text it is written with: the command's own output or the bad-input envelope. */
export function generateSchemas(): Map<string, string> {
  const generator = createGenerator({path: join(ROOT, 'src/cli/json-output.ts'), tsconfig: join(ROOT, 'tsconfig.json'), expose: 'export', topRef: true, jsDoc: 'extended', skipTypeCheck: true})
  const schemas = new Map<string, string>()
  for (const [command, type] of Object.entries(COMMAND_TYPES)) {
    const {definitions = {}} = generator.createSchema(type)
    const {definitions: errorDefinitions = {}} = generator.createSchema('ErrorJson')
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `kdoctor/v1/${command.replace(':', '-')}`,
      title: `kdoctor ${command.replace(':', ' ')} --json`,
      description: `What \`kdoctor ${command.replace(':', ' ')} --json\` prints (schema "kdoctor/v1"): its result, or the bad-input document (exit 2).`,
      anyOf: [{$ref: `#/definitions/${type}`}, {$ref: '#/definitions/ErrorJson'}],
      definitions: sortKeys({...definitions, ...errorDefinitions}),
    }
    schemas.set(schemaFile(command), JSON.stringify(schema, null, 2) + '\n')
  }
  return schemas
}

function sortKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check')
  let stale = 0
  mkdirSync(SCHEMA_DIR, {recursive: true})
  for (const [file, text] of generateSchemas()) {
    let current = ''
    try {
      current = readFileSync(file, 'utf8')
    } catch {}
    if (current === text) continue
    stale++
    if (check) console.error(`stale: ${file}`)
    else writeFileSync(file, text)
  }
  if (check && stale > 0) {
    console.error('run `npm run schemas` and commit schemas/')
    process.exit(1)
  }
}
