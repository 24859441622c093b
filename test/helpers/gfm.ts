// What GitHub's renderer needs from a markdown report, checked line by line (no markdown parser is
// a dependency): fenced blocks closed, tables well-formed (a blank line around them, a delimiter
// row, the same number of cells in every row once escaped pipes are discounted), code spans
// closed on their line, <details> balanced, no control characters.

/** Cells of a table row as GitHub splits them: on every `|` not escaped by a backslash (even inside code). */
export function tableCells(row: string): string[] {
  const cells: string[] = []
  let current = ''
  for (let i = 0; i < row.length; i++) {
    const ch = row[i]!
    if (ch === '\\' && i + 1 < row.length) {
      current += ch + row[i + 1]
      i++
    } else if (ch === '|') {
      cells.push(current)
      current = ''
    } else current += ch
  }

  cells.push(current)
  // The leading and trailing pipes frame the row.
  return cells.slice(1, -1)
}

/** Inline code spans of one line outside fences: every run of n backticks is closed by a run of exactly n. */
function unclosedCodeSpan(line: string): boolean {
  let i = 0
  while (i < line.length) {
    if (line[i] === '\\') {
      i += 2
      continue
    }

    if (line[i] !== '`') {
      i++
      continue
    }

    const run = /^`+/.exec(line.slice(i))![0].length
    let j = i + run
    let closed = false
    while (j < line.length) {
      if (line[j] !== '`') {
        j++
        continue
      }

      const other = /^`+/.exec(line.slice(j))![0].length
      if (other === run) {
        closed = true
        j += other
        break
      }

      j += other
    }

    if (!closed) return true
    i = j
  }

  return false
}

/** Every problem found, as "line N: what"; empty when the document is well-formed. */
export function gfmProblems(markdown: string): string[] {
  const problems: string[] = []
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/
  if (control.test(markdown)) problems.push('control characters in the document')
  const lines = markdown.split('\n')
  let fence: {char: string; length: number; line: number} | undefined
  let table: {columns: number; line: number} | undefined
  let details = 0
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!
    const at = `line ${n + 1}`
    if (fence) {
      const close = /^(`{3,}|~{3,})\s*$/.exec(line)
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined
      continue
    }

    if (table) {
      if (line.startsWith('|')) {
        const cells = tableCells(line)
        if (!line.trimEnd().endsWith('|') || line.trimEnd().endsWith('\\|')) problems.push(`${at}: table row does not end with |`)
        if (cells.length !== table.columns) problems.push(`${at}: ${cells.length} cells in a table of ${table.columns} columns (from line ${table.line})`)
        if (cells.some((c) => unclosedCodeSpan(c))) problems.push(`${at}: a code span left open in a cell`)
        continue
      }

      // Any other text right after a table would become one more row.
      if (line.trim() !== '') problems.push(`${at}: no blank line after the table of line ${table.line}`)
      table = undefined
      continue
    }

    const open = /^(`{3,}|~{3,})(.*)$/.exec(line)
    if (open) {
      fence = {char: open[1]![0]!, length: open[1]!.length, line: n + 1}
      continue
    }

    if (line.startsWith('|')) {
      const delimiter = lines[n + 1] ?? ''
      if (!/^\|(\s*:?-+:?\s*\|)+$/.test(delimiter)) {
        problems.push(`${at}: a line starting with | that heads no table`)
        continue
      }

      if (n > 0 && lines[n - 1]!.trim() !== '') problems.push(`${at}: no blank line before the table`)
      const columns = tableCells(line).length
      if (tableCells(delimiter).length !== columns) problems.push(`${at}: delimiter row has ${tableCells(delimiter).length} cells, header ${columns}`)
      table = {columns, line: n + 1}
      n++
      continue
    }

    if (/^#{1,6}[^#\s]/.test(line)) problems.push(`${at}: heading without a space after the #`)
    if (unclosedCodeSpan(line)) problems.push(`${at}: a code span left open`)
    details += (line.match(/<details>/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length
    if (details < 0) problems.push(`${at}: </details> without <details>`)
  }

  if (fence) problems.push(`line ${fence.line}: fenced block never closed`)
  if (details > 0) problems.push(`${details} <details> never closed`)
  return problems
}

/** The rows of the first table in a `## heading` section, as trimmed cells (header and delimiter left out). */
export function tableUnder(markdown: string, heading: string): string[][] {
  const lines = section(markdown, heading).split('\n')
  const first = lines.findIndex((line) => line.startsWith('|'))
  if (first < 0) return []
  const rows: string[][] = []
  for (let n = first + 2; n < lines.length && lines[n]!.startsWith('|'); n++) rows.push(tableCells(lines[n]!).map((c) => c.trim()))
  return rows
}

/** Per line: inside a fenced block (where a `# comment` is no heading). */
function fenced(lines: readonly string[]): boolean[] {
  let fence: string | undefined
  return lines.map((line) => {
    if (fence) {
      if (new RegExp(`^${fence[0]}{${fence.length},}\\s*$`).test(line)) fence = undefined
      return true
    }

    fence = /^(`{3,}|~{3,})/.exec(line)?.[1]
    return fence !== undefined
  })
}

/** The text of a `## heading` section, up to the next heading of the same level or above. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n')
  const inFence = fenced(lines)
  const start = lines.findIndex((line, n) => line === heading && !inFence[n])
  if (start < 0) return ''
  const level = /^#+/.exec(heading)![0].length
  let end = start + 1
  while (end < lines.length && (inFence[end] || !new RegExp(`^#{1,${level}} `).test(lines[end]!))) end++
  return lines.slice(start, end).join('\n')
}
