// The markdown checker the report tests rely on (test/helpers/gfm.ts) catches what breaks GitHub's rendering.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import {gfmProblems, section, tableCells, tableUnder} from '../../helpers/gfm.js'

const GOOD = ['# kdoctor x', '', '| a | b |', '|---|---|', '| `x\\|y` | c \\| d |', '', '```json', '| not a table', '# not a heading', '```', '', '<details>', '', '</details>', ''].join('\n')

test('a well-formed report passes; escaped pipes stay in their cell', () => {
  assert.deepEqual(gfmProblems(GOOD), [])
  assert.deepEqual(tableCells('| `x\\|y` | c \\| d |').map((c) => c.trim()), ['`x\\|y`', 'c \\| d'])
  assert.deepEqual(tableUnder(GOOD, '# kdoctor x'), [['`x\\|y`', 'c \\| d']])
  assert.ok(section(GOOD, '# kdoctor x').includes('# not a heading'), 'a # line inside a fence ends no section')
})

test('each way to break the rendering is named', () => {
  const cases: [string, RegExp][] = [
    ['| a | b |\n|---|---|\n| x | y | z |\n', /3 cells in a table of 2 columns/],
    ['| a | b |\n|---|---|\n| `x|y` | z |\n', /3 cells in a table of 2 columns/],
    ['| a | b |\n|---|---|\n| x\n| y |\n', /does not end with \|/],
    ['| a | b |\n|---|---|\n| x | y |\ntext\n', /no blank line after the table/],
    ['text\n| a | b |\n|---|---|\n', /no blank line before the table/],
    ['```json\n{}\n', /fenced block never closed/],
    ['a `b\n', /code span left open/],
    ['<details>\n', /<details> never closed/],
    ['#heading\n', /heading without a space/],
    ['| stray\n', /heads no table/],
    ['x \u001b[31m y\n', /control characters/],
  ]
  for (const [markdown, problem] of cases) assert.match(gfmProblems(markdown).join('\n'), problem, JSON.stringify(markdown))
})
