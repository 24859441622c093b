// kdoctor's own flags reach kdoctor however it is launched. Node (20, 22, 24) reads every
// `--env-file FILE` in its argv up to the first `--`, script arguments included: a missing FILE
// ends the run with `node: FILE: not found`, exit 9, and NODE_OPTIONS inside FILE applies to Node.
// bin/run.js launches itself as `node -- bin/run.js …`; these tests go through the links npm makes
// (a project's node_modules/.bin, npx, npm exec, a global install) and run on whichever Node is on
// PATH, so .ci/run's three Node lines each try them. npx and npm are Node programs themselves: in
// `npx kdoctor … --env-file F` Node takes F from npx's own argv before npx starts, so the form that
// works is `npx -- kdoctor …` (docs/configuration.md says so); `npm exec kdoctor -- …` has its `--`.
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, test} from 'node:test'

import {ROOT} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'kdoctor-launch-'))
const project = join(dir, 'project')
const globalPrefix = join(dir, 'global')
const env = {...process.env, NO_COLOR: '1', HOME: dir, npm_config_cache: join(dir, 'npm-cache'), npm_config_update_notifier: 'false'}

function npm(args: string[], cwd: string): void {
  const run = spawnSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {cwd, env, encoding: 'utf8'})
  assert.equal(run.status, 0, `npm ${args.join(' ')}: ${run.stderr}`)
}

// The launch paths a user has: the project's bin link, npx, the global bin, and the script itself.
const launchers: [string, (args: string[]) => string[]][] = [
  ['the npm bin link (node_modules/.bin/kdoctor)', (args) => [join(project, 'node_modules/.bin/kdoctor'), ...args]],
  ['npx -- kdoctor', (args) => ['npx', '--offline', '--', 'kdoctor', ...args]],
  ['npm exec kdoctor --', (args) => ['npm', 'exec', '--offline', 'kdoctor', '--', ...args]],
  ['the global bin (npm install -g)', (args) => [join(globalPrefix, 'bin/kdoctor'), ...args]],
  ['bin/run.js run directly', (args) => [join(ROOT, 'bin/run.js'), ...args]],
]

function launch(launcher: (args: string[]) => string[], args: string[]) {
  const [command, ...rest] = launcher(args)
  return spawnSync(command!, rest, {cwd: project, env, encoding: 'utf8', timeout: 60_000})
}

describe('--env-file reaches kdoctor through the links npm makes', () => {
  before(() => {
    mkdirSync(project)
    writeFileSync(join(project, 'package.json'), '{"name": "app", "private": true}\n')
    // A folder install links the checkout (no registry needed) and makes the same bin links a
    // tarball install does: npm's bin-links point them at bin/run.js and Linux runs its #! line.
    npm(['install', '--install-links=false', ROOT], project)
    npm(['install', '--global', '--prefix', globalPrefix, ROOT], project)
    assert.equal(readlinkSync(join(project, 'node_modules/.bin/kdoctor')), '../kdoctor/bin/run.js')
    assert.equal(readlinkSync(join(globalPrefix, 'bin/kdoctor')), '../lib/node_modules/kdoctor/bin/run.js')
  })
  after(() => rmSync(dir, {recursive: true, force: true}))

  for (const [name, launcher] of launchers) {
    test(`${name}: a missing --env-file is kdoctor's one line and exit 2, not Node's exit 9`, () => {
      const run = launch(launcher, ['heroku-prefix', '--env-file', 'missing.env'])
      assert.equal(run.stderr, 'kdoctor: cannot read missing.env: no such file (from flag --env-file)\n')
      assert.equal(run.status, 2)
    })

    test(`${name}: kdoctor reads a present --env-file, and Node does not (its NODE_OPTIONS stay out)`, () => {
      // Were Node to read the file, NODE_OPTIONS would preload this module and it would say so.
      const marker = join(dir, 'node-read-the-env-file.cjs')
      writeFileSync(marker, "process.stderr.write('NODE READ THE ENV FILE\\n')\n")
      const envFile = join(dir, 'app.env')
      writeFileSync(envFile, `NODE_OPTIONS=--require ${marker}\nKAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1\n`)
      const run = launch(launcher, ['connect', '--no-client', '--timeout', '2s', '--json', '--env-file', envFile])
      assert.doesNotMatch(run.stderr, /NODE READ THE ENV FILE/)
      assert.equal(JSON.parse(run.stdout).settings[0].source, `${envFile}:2`, run.stderr)
    })
  }
})
