#!/bin/sh
':' //; exec node -- "$0" "$@"
// Line 2 is the launcher for sh and a no-op for JavaScript. Node reads every `--env-file FILE` in its
// argv, even after the script name, up to the first `--`: a missing FILE ends the run with exit 9
// before kdoctor starts, and NODE_OPTIONS inside FILE applies to this process. `node --` keeps
// kdoctor's own --env-file out of Node's hands. Not `env -S node --`: busybox env (Alpine) has no -S.
import {guardOutput} from '../dist/diagnosis/mask.js'
import {versionLine, versionRequested} from '../dist/cli/version-flag.js'

if (versionRequested(process.argv.slice(2))) {
  process.stdout.write(`${versionLine()}\n`)
} else {
  // Before oclif starts: its DEBUG=* output prints argv, and a secret may sit in any argument.
  guardOutput(process.argv.slice(2))
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
  // The answer is out. A client library may still hold a timer for a connection it was told to drop
  // (kafkajs does); the run's deadline is the user's, so leave shortly instead of waiting for it.
  setTimeout(() => process.exit(), 200).unref()
}
