// The entry of the single executable (dist/bin/kdoctor-linux-*). There is no package folder to
// scan: scripts/build-binary.ts generates the command list from src/commands and hands it here
// with package.json, and oclif is given a root plugin that already holds them (explicit
// discovery), so no file is read or imported to find a command.

import {getAsset} from 'node:sea'

import {type Command, flush, handle, Interfaces, Plugin, run, settings} from '@oclif/core'

import {useEmbeddedDocs} from '../diagnosis/docs-page.js'

export type CommandList = Record<string, Command.Class>

export async function runBinary(pjson: Interfaces.PJSON, commands: CommandList, argv = process.argv.slice(2)): Promise<void> {
  // No TypeScript sources or ts-node inside the binary.
  settings.enableAutoTranspile = false
  // The troubleshooting pages are assets of the executable (scripts/build-binary.ts).
  useEmbeddedDocs((path) => getAsset(path, 'utf8'))
  const root = process.execPath
  const binaryPjson: Interfaces.PJSON = {
    ...pjson,
    oclif: {...pjson.oclif, commands: {strategy: 'explicit', target: './kdoctor', identifier: 'COMMANDS'}, plugins: [], devPlugins: [], hooks: {}},
  }
  // ignoreManifest: the manifest is built from the classes in memory instead of read from a file
  // next to the binary.
  const plugin = new Plugin({isRoot: true, pjson: binaryPjson, root, ignoreManifest: true})
  // The cache explicit discovery fills from its target file; filled here from memory (oclif keeps
  // the field private; the bare-root test catches a release that renames it).
  ;(plugin as unknown as {commandCache: CommandList}).commandCache = commands
  await plugin.load()
  try {
    await run(argv, {root, pjson: binaryPjson, plugins: new Map([[plugin.name, plugin]])})
    await flush()
  } catch (error) {
    await handle(error as Error)
  }
}
