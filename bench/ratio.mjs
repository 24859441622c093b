// Prints each hyperfine result as a ratio against the named baseline.
import {readFileSync} from 'node:fs'

const [file, baselineName] = process.argv.slice(2)
const {results} = JSON.parse(readFileSync(file, 'utf8'))
const baseline = results.find((r) => r.command === baselineName)
for (const r of results) {
  const ratio = baseline ? (r.mean / baseline.mean).toFixed(2) : '?'
  console.log(`${r.command.padEnd(22)} mean ${(r.mean * 1000).toFixed(0).padStart(6)} ms  ±${(r.stddev * 1000).toFixed(0)} ms  ${ratio}× ${baselineName}`)
}
