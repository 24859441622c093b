#!/usr/bin/env node
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
