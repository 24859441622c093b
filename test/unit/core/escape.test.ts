import assert from 'node:assert/strict'
import {test} from 'node:test'

import {escapeMarkdown, escapeTerminal, escapeTerminalLines, markdownCode, markdownCodeBlock} from '../../../src/core/escape.js'

test('terminal escaping makes C0, C1, ESC, BEL, CR and LF visible and keeps plain text as typed', () => {
  assert.equal(escapeTerminal('broker-1:9092'), 'broker-1:9092')
  assert.equal(escapeTerminal('C:\\certs\\ca.pem'), 'C:\\certs\\ca.pem')
  assert.equal(escapeTerminal('a\u001b[31mred\u0007'), 'a\\e[31mred\\a')
  assert.equal(escapeTerminal('line\r\nforged'), 'line\\r\\nforged')
  assert.equal(escapeTerminal('\u0000\u007f\u009b\u0085'), '\\x00\\x7f\\x9b\\x85')
  assert.equal(escapeTerminal('evil\u202etxt.exe'), 'evil\\u202etxt.exe')
  assert.equal(escapeTerminalLines('one\u001b\ntwo'), 'one\\e\ntwo')
})

test('markdown escaping leaves no link, tag, emphasis, cell break or line break', () => {
  const hostile = '[click](http://x) <img src=x> *bold* a|b\n# heading `code`'
  const out = escapeMarkdown(hostile)
  // The visible \n escape keeps its backslash when rendered (escaped once more for markdown).
  assert.equal(out, '\\[click\\](http://x) \\<img src=x\\> \\*bold\\* a\\|b\\\\n\\# heading \\`code\\`')
  assert.ok(!out.includes('\n'))
})

test('inline code cannot be closed by backticks inside it, and escapes pipes in a table', () => {
  assert.equal(markdownCode('plain'), '`plain`')
  assert.equal(markdownCode('a`b'), '`` a`b ``')
  assert.equal(markdownCode('a|b', {inTable: true}), '`a\\|b`')
  assert.equal(markdownCode('x\u001by'), '`x\\ey`')
})

test('a code block fence is longer than any backtick run inside', () => {
  assert.equal(markdownCodeBlock('a\n```\nb'), '````\na\n```\nb\n````')
  assert.equal(markdownCodeBlock('ok', 'text'), '```text\nok\n```')
})
