// The application inside the single executable (dist/bin/kdoctor-linux-*). There is no package folder to
// scan: scripts/build-binary.ts generates the command list from src/commands and hands it here
// with package.json and oclif's manifest of those commands, and oclif is given a root plugin that
// already holds them (explicit discovery), so no file is read or imported to find a command. The
// list's entries are getters: only the command that runs is initialized, with the modules it
// imports (the manifest answers help and command lookup without loading the others).

import {getAsset} from 'node:sea'

import {type Command, flush, handle, Interfaces, Plugin, run, settings} from '@oclif/core'

import {useEmbeddedDocs} from '../diagnosis/docs-page.js'
import {guardOutput} from '../diagnosis/mask.js'

export type CommandList = Record<string, Command.Class>

/** What oclif keeps private and the binary fills from memory (the bare-root test catches a release that renames them). */
interface PluginInternals {
  commandCache: CommandList
  _manifest: () => Promise<Interfaces.Manifest>
}

/**
 * The root plugin of the binary, loaded. Without a manifest (at build time) oclif builds one from
 * every command class; with it (at run time) no command is loaded until it runs.
 */
export async function loadBinaryPlugin(pjson: Interfaces.PJSON, commands: CommandList, manifest?: Interfaces.Manifest): Promise<Plugin> {
  const binaryPjson: Interfaces.PJSON = {
    ...pjson,
    oclif: {...pjson.oclif, commands: {strategy: 'explicit', target: './kdoctor', identifier: 'COMMANDS'}, plugins: [], devPlugins: [], hooks: {}},
  }
  // ignoreManifest: never look for oclif.manifest.json next to the binary.
  const plugin = new Plugin({isRoot: true, pjson: binaryPjson, root: process.execPath, ignoreManifest: true})
  const internals = plugin as unknown as PluginInternals
  // The cache explicit discovery fills from its target file; filled here from memory.
  internals.commandCache = commands
  if (!manifest) {
    await plugin.load()
    return plugin
  }

  // load() sorts the commands with localeCompare, whose first call sets up ICU's collator (8 ms
  // and more of start-up): it is given none, and they are set after it in the manifest's order,
  // which the build made with the same sort.
  internals._manifest = async () => ({...manifest, commands: {}})
  await plugin.load()
  plugin.manifest = manifest
  plugin.commandIDs = Object.keys(manifest.commands)
  plugin.commands = Object.entries(manifest.commands).map(([id, command]) => ({...command, load: async () => plugin.findCommand(id, {must: true}), pluginAlias: plugin.alias, pluginType: plugin.type}))
  return plugin
}

export async function runBinary(pjson: Interfaces.PJSON, commands: CommandList, manifest: Interfaces.Manifest, argv = process.argv.slice(2)): Promise<void> {
  // No TypeScript sources or ts-node inside the binary.
  settings.enableAutoTranspile = false
  // As bin/run.js, before oclif starts: secrets in the arguments never reach stdout or stderr.
  guardOutput(argv)
  // The troubleshooting pages are assets of the executable (scripts/build-binary.ts).
  useEmbeddedDocs((path) => getAsset(path, 'utf8'))
  const plugin = await loadBinaryPlugin(pjson, commands, manifest)
  try {
    await run(argv, {root: process.execPath, pjson: plugin.pjson, plugins: new Map([[plugin.name, plugin]])})
    await flush()
  } catch (error) {
    await handle(error as Error)
  }
}
