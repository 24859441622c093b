// Strings that came from a broker, a file, a paste or an endpoint are printed only through these:
// a control character can clear the screen, move the cursor or forge a "✓ tcp" line, and a
// markdown metacharacter can break a table or inject a link. Escapes stay visible (\x1b, \n).

/**
 * C0 controls, DEL, C1 controls, line/paragraph separators and the bidirectional overrides that
 * reorder what a terminal shows (Trojan Source).
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const CONTROLS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

function visible(char: string): string {
  switch (char) {
    case '\n':
      return '\\n'
    case '\r':
      return '\\r'
    case '\t':
      return '\\t'
    default: {
      const code = char.codePointAt(0)!
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
    }
  }
}

/** One line of untrusted text for a terminal: every control character shown as an escape. */
export function escapeText(text: string): string {
  return text.replace(CONTROLS, visible)
}

/** Untrusted text of several lines (a pasted log): line breaks and tabs kept, other controls escaped. */
export function escapeLines(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROLS_BUT_LINE_BREAKS, visible)
}

/** One line of untrusted text for markdown (also inside a table cell): controls and metacharacters escaped. */
export function escapeMarkdown(text: string): string {
  return escapeText(text).replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`)
}

/** Whether the text holds anything escapeText would change. */
export function hasControlCharacters(text: string): boolean {
  return new RegExp(CONTROLS.source).test(text)
}
