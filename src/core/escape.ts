/**
 * Escaping of untrusted strings (broker replies, files, pastes, endpoints) before they reach a
 * terminal or a markdown report. A broker can answer with ESC sequences that recolour or rewrite
 * the user's screen, or with a newline that forges a line of our own output; both become visible
 * escapes instead.
 */

const NAMED: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u0007': '\\a',
  '\u001b': '\\e',
}

/** C0 controls, DEL, C1 controls, and the Unicode line/paragraph separators and bidi overrides. */
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

function visible(ch: string): string {
  const named = NAMED[ch]
  if (named) return named
  const code = ch.codePointAt(0) ?? 0
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/**
 * One line safe for a terminal: every control character (C0, DEL, C1, ESC, BEL, CR, LF) and the
 * bidi overrides become visible escapes (`\e`, `\a`, `\r`, `\n`, `\x9b`, `\u202e`). Backslashes
 * are left alone, so ordinary Windows paths and regexes read as typed.
 */
export function escapeTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, visible)
}

/** Like escapeTerminal but keeps line breaks (for multi-line evidence such as a PEM excerpt). */
export function escapeTerminalLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => escapeTerminal(line))
    .join('\n')
}

/** Characters that start markdown or HTML syntax inline (GitHub-flavoured markdown, tables). */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>#|~&]/g

/**
 * Untrusted text as literal markdown prose on one line: control characters escaped as for the
 * terminal, then every markdown/HTML special character backslash-escaped, so a broker-supplied
 * name cannot open a link, an image, emphasis, a table cell or an HTML tag in the rendered report
 * (also safe inside a table cell: one line, pipes escaped).
 */
export function escapeMarkdown(text: string): string {
  return escapeTerminal(text).replace(MARKDOWN_SPECIAL, (ch) => `\\${ch}`)
}

/**
 * Untrusted text as inline code: the fence is one backtick longer than the longest run inside, so
 * the text cannot close it; control characters still become visible escapes. In a table cell,
 * pass `inTable` so pipes (which GitHub splits cells on even inside code) are escaped.
 */
export function markdownCode(text: string, options: {inTable?: boolean} = {}): string {
  let body = escapeTerminal(text)
  if (options.inTable) body = body.replace(/\|/g, '\\|')
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = body.startsWith('`') || body.endsWith('`') || longest > 0 ? ' ' : ''
  return `${fence}${pad}${body}${pad}${fence}`
}

/**
 * Untrusted multi-line text as a fenced code block: the fence is longer than any backtick run in
 * the text, and control characters other than the line break become visible escapes.
 */
export function markdownCodeBlock(text: string, language = ''): string {
  const body = escapeTerminalLines(text)
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${language}\n${body}\n${fence}`
}
