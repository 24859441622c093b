// The public command contract, checked in: oclif.manifest.json must be what the built commands
// produce (no drift), and every command id with its flags must match
// test/contract/commands.snapshot.json, so a renamed flag or changed default fails here first.
// After an intended change: `npm run build && UPDATE_SNAPSHOTS=1 node --import tsx --test test/unit/contract/commands.test.ts`.
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {before, describe, test} from 'node:test'

import {ROOT} from '../../helpers/cli.js'

const SNAPSHOT = join(ROOT, 'test/contract/commands.snapshot.json')
const UPDATE_HINT = 'if intended: `npm run build && UPDATE_SNAPSHOTS=1 node --import tsx --test test/unit/contract/commands.test.ts` and commit the file'

interface FlagContract {
  type: string
  char?: string
  multiple?: boolean
  default?: unknown
  options?: string[]
}
type CommandContract = Record<string, {args: string[]; flags: Record<string, FlagContract>}>

/** A manifest written by `oclif manifest` from a copy of today's dist/, away from the checked-in one. */
function freshManifest(): any {
  const dir = mkdtempSync(join(tmpdir(), 'kdoctor-manifest-'))
  try {
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'))
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), {recursive: true})
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
    const run = spawnSync(join(ROOT, 'node_modules/.bin/oclif'), ['manifest'], {cwd: dir, encoding: 'utf8'})
    assert.equal(run.status, 0, `oclif manifest failed: ${run.stderr}`)
    return JSON.parse(readFileSync(join(dir, 'oclif.manifest.json'), 'utf8'))
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/** What a script relies on: ids, args, flag names, types, short chars, multiplicity, defaults, choices. */
function commandContract(manifest: any): CommandContract {
  const contract: CommandContract = {}
  for (const id of Object.keys(manifest.commands).sort()) {
    const command = manifest.commands[id]
    const flags: Record<string, FlagContract> = {}
    for (const name of Object.keys(command.flags).sort()) {
      const flag = command.flags[name]
      const entry: FlagContract = {type: flag.type}
      if (flag.char !== undefined) entry.char = flag.char
      if (flag.multiple) entry.multiple = true
      if (flag.default !== undefined) entry.default = flag.default
      if (flag.options !== undefined) entry.options = flag.options
      flags[name] = entry
    }
    contract[id] = {args: Object.keys(command.args ?? {}), flags}
  }
  return contract
}

describe('the command contract', () => {
  let fresh: any
  before(() => {
    fresh = freshManifest()
  })

  test('oclif.manifest.json is what the built commands produce (run `npm run build` to regenerate it)', () => {
    const checkedIn = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8'))
    assert.deepEqual(checkedIn, fresh, 'oclif.manifest.json drifted from the commands; `npm run build` rewrites it')
  })

  test('every command id and flag matches test/contract/commands.snapshot.json', () => {
    const contract = commandContract(fresh)
    if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(SNAPSHOT, JSON.stringify(contract, null, 2) + '\n')
    const snapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8'))
    assert.deepEqual(contract, snapshot, `the commands or their flags changed; ${UPDATE_HINT}`)
  })

  test('the snapshot can fail: a changed default is caught', () => {
    const changed = structuredClone(fresh)
    const connect = changed.commands.connect.flags
    const name = Object.keys(connect).find((flag) => connect[flag].type === 'option')!
    connect[name].default = 'changed-by-test'
    assert.notDeepEqual(commandContract(changed), commandContract(fresh))
  })
})
