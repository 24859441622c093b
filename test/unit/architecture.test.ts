// The house rules, enforced: every import in src/ goes to a folder its layer may import
// (docs/architecture.rules.json, described in docs/architecture.md), kafkajs stays in
// src/kafka/client.ts, and no runtime import cycle exists between files.
import assert from 'node:assert/strict'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {describe, test} from 'node:test'

import {ROOT} from '../helpers/cli.js'

interface Rules {
  layers: Record<string, string[]>
  packagesOnlyIn: Record<string, string[]>
  /** Folders that only orchestrate: a finding (its status, code, words) is written below them. */
  findingsNotWrittenIn: string[]
  /** Named, reasoned exceptions: {from: 'src/x/y.ts', to: 'src/z/w.ts', reason: '...'}. */
  exceptions: {from: string; to: string; reason: string}[]
}

const rules: Rules = JSON.parse(readFileSync(join(ROOT, 'docs/architecture.rules.json'), 'utf8'))
const SRC = join(ROOT, 'src')

interface Import {
  from: string
  /** Relative specifier resolved to src/…ts, or the package name. */
  to: string
  typeOnly: boolean
  dynamic: boolean
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [relative(ROOT, path)] : []
  })
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const found: Import[] = []
  for (const match of text.matchAll(IMPORT)) {
    const specifier = (match[3] ?? match[4])!
    const to = specifier.startsWith('.') ? relative(ROOT, resolve(dirname(join(ROOT, file)), specifier)).replace(/\.js$/, '.ts') : specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')
    found.push({from: file, to, typeOnly: match[2] !== undefined, dynamic: match[4] !== undefined})
  }
  return found
}

/** src/checks/acl/x.ts → "checks"; src/version.ts → "(root)". */
function layerOf(file: string): string {
  const parts = file.split('/')
  return parts.length > 2 ? parts[1]! : '(root)'
}

const files = sourceFiles(SRC).sort()
const imports = files.flatMap(importsOf)

describe('the house: layers import downward only', () => {
  test('the scan sees the tree (guards against a regex that matches nothing)', () => {
    assert.ok(files.length > 100, `${files.length} files`)
    assert.ok(imports.filter((i) => i.to.startsWith('src/')).length > 300)
    assert.ok(imports.some((i) => i.dynamic) && imports.some((i) => i.typeOnly))
  })

  test('every folder of src/ has a rule', () => {
    const missing = [...new Set(files.map(layerOf))].filter((layer) => !(layer in rules.layers))
    assert.deepEqual(missing, [], 'add the new folder to docs/architecture.rules.json and docs/architecture.md')
  })

  test('every import goes to the same folder or one its layer may import', () => {
    const violations = imports
      .filter((i) => i.to.startsWith('src/'))
      .filter((i) => layerOf(i.from) !== layerOf(i.to) && !rules.layers[layerOf(i.from)]!.includes(layerOf(i.to)))
      .filter((i) => !rules.exceptions.some((e) => e.from === i.from && e.to === i.to))
      .map((i) => `${i.from} imports ${i.to} (${layerOf(i.from)} may import: ${rules.layers[layerOf(i.from)]!.join(', ') || 'nothing of ours'})`)
    assert.deepEqual(violations, [], 'see docs/architecture.md for what each folder may import')
  })

  test('the named exceptions still exist (a fixed one is removed from the list)', () => {
    const stale = rules.exceptions.filter((e) => !imports.some((i) => i.from === e.from && i.to === e.to))
    assert.deepEqual(stale, [])
  })

  test('packages confined to one module stay there (kafkajs only in src/kafka/client.ts)', () => {
    for (const [name, allowed] of Object.entries(rules.packagesOnlyIn)) {
      const users = [...new Set(imports.filter((i) => i.to === name).map((i) => i.from))].sort()
      assert.deepEqual(users, allowed.sort(), `${name} imported outside ${allowed.join(', ')}`)
    }
  })
})

/** Writing a finding: calling finding(), or a literal with a finding's status or KD code. */
const WRITES_FINDING = /\bfinding\(|\bstatus:\s*['"`](?:pass|fail|warn|skip|info)['"`]|\bcode:\s*['"`]KD\d/

function findingWriters(sources: readonly {file: string; text: string}[]): string[] {
  return sources.flatMap(({file, text}) =>
    text.split('\n').flatMap((line, index) => (rules.findingsNotWrittenIn.includes(layerOf(file)) && WRITES_FINDING.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  )
}

describe('plans only orchestrate', () => {
  test('plans and commands write no finding: its status, code and text live in checks/ and the vertical slices (aws/findings.ts, checks/heroku/)', () => {
    assert.deepEqual(findingWriters(files.map((file) => ({file, text: readFileSync(join(ROOT, file), 'utf8')}))), [])
  })

  test('the finding check can fail', () => {
    const written = findingWriters([
      {file: 'src/plans/x.ts', text: "findings.push(finding({check: 'aws', target: 't', status: 'skip', summary: 'not run'}))"},
      {file: 'src/plans/y.ts', text: "return {...f, code: 'KD707'}"},
      {file: 'src/checks/z.ts', text: "finding({check: 'tcp', status: 'fail', code: 'KD201'})"},
    ])
    assert.deepEqual(written.map((w) => w.split(':')[0]), ['src/plans/x.ts', 'src/plans/y.ts'])
  })
})

/** Runtime cycles among src/ files (type-only and dynamic imports do not load a module at import time). */
function runtimeCycles(edges: readonly Import[]): string[][] {
  const graph = new Map<string, string[]>()
  for (const edge of edges) {
    if (edge.typeOnly || edge.dynamic || !edge.to.startsWith('src/')) continue
    graph.set(edge.from, [...(graph.get(edge.from) ?? []), edge.to])
  }
  const cycles: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): void => {
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node)
  return cycles
}

describe('no circular imports', () => {
  test('src/ has no runtime import cycle', () => {
    assert.deepEqual(runtimeCycles(imports).map((cycle) => cycle.join(' → ')), [])
  })

  test('the cycle check can fail', () => {
    const edge = (from: string, to: string): Import => ({from, to, typeOnly: false, dynamic: false})
    assert.deepEqual(runtimeCycles([edge('src/a.ts', 'src/b.ts'), edge('src/b.ts', 'src/a.ts')]), [['src/a.ts', 'src/b.ts', 'src/a.ts']])
  })
})
