// Writes docs/troubleshooting/KDnnn.md and docs/troubleshooting/README.md from the catalog.
//   node --import tsx scripts/gen-docs.ts          write every page
//   node --import tsx scripts/gen-docs.ts --check  exit 1 and list pages that are missing or stale
import {existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {generatedDocs, TROUBLESHOOTING_DIR} from '../src/diagnosis/docs.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const check = process.argv.includes('--check')
const files = generatedDocs()

/** KDnnn.md files on disk that no catalog entry produces any more. */
function orphans(): string[] {
  const dir = join(root, TROUBLESHOOTING_DIR)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => /^KD\d{3}\.md$/.test(name))
    .map((name) => `${TROUBLESHOOTING_DIR}/${name}`)
    .filter((path) => !files.has(path))
}

if (check) {
  const problems: string[] = []
  for (const [path, content] of files) {
    const abs = join(root, path)
    if (!existsSync(abs)) problems.push(`missing: ${path}`)
    else if (readFileSync(abs, 'utf8') !== content) problems.push(`stale:   ${path}`)
  }

  for (const path of orphans()) problems.push(`orphan:  ${path} (no catalog entry)`)
  if (problems.length > 0) {
    process.stderr.write(`kdoctor docs are out of date (run: node --import tsx scripts/gen-docs.ts)\n${problems.map((p) => `  ${p}`).join('\n')}\n`)
    process.exit(1)
  }

  process.stdout.write(`kdoctor docs are up to date (${files.size} files)\n`)
} else {
  let written = 0
  for (const [path, content] of files) {
    const abs = join(root, path)
    mkdirSync(dirname(abs), {recursive: true})
    if (existsSync(abs) && readFileSync(abs, 'utf8') === content) continue
    writeFileSync(abs, content)
    written++
  }

  for (const path of orphans()) unlinkSync(join(root, path))
  process.stdout.write(`kdoctor docs: ${written} of ${files.size} files written to ${TROUBLESHOOTING_DIR}\n`)
}
