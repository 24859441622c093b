// One Ruby scanner for every reader of a Karafka app's karafka.rb (the connection settings, the
// routing, the liveness listener). Ruby is never run: literals are read, a small set of
// expressions apps use for settings (ENV lookups, interpolation, gsub/split/join, File.read) is
// evaluated statically, and anything else is reported as an expression with its line.

export interface RubyValue {
  /** As written (one line, trimmed). */
  text: string
  /** A literal kdoctor can read; otherwise an expression (ENV.fetch(...), "#{...}", a method call). */
  literal: boolean
  value?: string | number | null
  /** "karafka.rb:12" or "-X group.instance.id". */
  where: string
}

/** Removes Ruby comments (# … outside strings, =begin/=end blocks), keeping line numbers. */
export function stripComments(text: string): string {
  let inBlock = false
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => {
      if (inBlock) {
        if (/^=end\b/.test(line)) inBlock = false
        return ''
      }

      if (/^=begin\b/.test(line)) {
        inBlock = true
        return ''
      }

      let quote: string | undefined
      for (let i = 0; i < line.length; i++) {
        const c = line[i]
        if (quote) {
          if (c === '\\') i++
          else if (c === quote) quote = undefined
        } else if (c === "'" || c === '"') {
          quote = c
        } else if (c === '#' && line[i + 1] !== '{') {
          return line.slice(0, i)
        }
      }

      return line
    })
    .join('\n')
}

export function lineIndex(text: string): (offset: number) => number {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1)
  return (offset) => {
    let line = 0
    while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= offset) line++
    return line + 1
  }
}

const OPEN = '([{'
const CLOSE = ')]}'

export interface StopAt {
  /** A comma outside brackets and quotes. */
  comma: boolean
  /** A line end or `;` outside brackets and quotes. */
  lineEnd: boolean
  /** A closing bracket that closes something opened before `from`. */
  unmatchedClose: boolean
}

/** Walks Ruby source from `from`, skipping quoted strings and nested brackets; returns where it stops. */
export function scanTo(code: string, from: number, stop: StopAt): number {
  let depth = 0
  let quote: string | undefined
  let i = from
  for (; i < code.length; i++) {
    const c = code[i] ?? ''
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = undefined
      continue
    }

    if (c === "'" || c === '"') quote = c
    else if (OPEN.includes(c)) depth++
    else if (CLOSE.includes(c)) {
      if (depth === 0 && stop.unmatchedClose) break
      depth--
    } else if (depth === 0 && ((stop.comma && c === ',') || (stop.lineEnd && (c === '\n' || c === ';')))) break
  }

  return i
}

/**
 * The text of one Ruby value starting at `from`: up to a top-level comma or closing bracket, and
 * (unless `acrossLines`, inside an argument list) a line end or `;`.
 */
export function scanValue(code: string, from: number, acrossLines = false): string {
  const end = scanTo(code, from, {comma: true, lineEnd: !acrossLines, unmatchedClose: !acrossLines})
  // Inside an argument list the caller steps over the raw slice, so it is not trimmed there.
  return acrossLines ? code.slice(from, end) : code.slice(from, end).trim()
}


/** A Ruby literal kdoctor can read, or an expression kept as text. */
export function classify(text: string, where: string): RubyValue {
  const single = /^'((?:[^'\\]|\\.)*)'$/.exec(text)
  if (single) return {text, literal: true, value: single[1] ?? '', where}
  // Double quotes without interpolation.
  const double = /^"((?:[^"\\#]|\\.|#(?!\{))*)"$/.exec(text)
  if (double) return {text, literal: true, value: double[1] ?? '', where}
  const symbol = /^:([a-z_][a-z0-9_-]*)$/i.exec(text)
  if (symbol) return {text, literal: true, value: symbol[1] ?? '', where}
  if (text === 'nil') return {text, literal: true, value: null, where}
  // 300_000, 5 * 60 * 1_000
  if (/^\d[\d_]*(?:\s*\*\s*\d[\d_]*)*$/.test(text)) {
    const value = text.split('*').reduce((product, factor) => product * Number(factor.trim().replaceAll('_', '')), 1)
    return {text, literal: true, value, where}
  }

  return {text, literal: false, where}
}

/** What a statically evaluated Ruby expression gives. */
export type RubyData = string | number | boolean | null | RubyData[]

export interface RubyScope {
  /** ENV as the app would see it: the environment and --env-file files, each value with its source. */
  env: (name: string) => {value: string; source: string} | undefined
  /** File.read(path): the text, or why it cannot be read. */
  readFile: (path: string) => {text: string} | {error: string}
}

export type Evaluation =
  | {ok: true; value: RubyData; /** Where the parts came from: "env KAFKA_URL", "app.env:3", "file /etc/ca.pem". */ inputs: string[]}
  | {ok: false; /** One line: why the expression cannot be evaluated (no value is quoted). */ reason: string}

class NotStatic extends Error {}

/** Evaluates the Ruby expressions apps use for settings; anything else is NotStatic, never guessed. */
class Evaluator {
  #pos = 0
  readonly inputs: string[] = []
  constructor(private readonly text: string, private readonly scope: RubyScope) {}

  run(): RubyData {
    const value = this.expression()
    this.space()
    if (this.#pos < this.text.length) this.fail(`${this.describe()} is not a value kdoctor can read statically`)
    return value
  }

  private fail(reason: string): never {
    throw new NotStatic(reason)
  }

  private describe(): string {
    const rest = this.text.slice(this.#pos).trim()
    const word = /^[A-Za-z_][\w:.]*/.exec(rest)?.[0]
    return word ? `"${word.slice(0, 40)}"` : 'the expression'
  }

  private space(): void {
    while (this.#pos < this.text.length && /\s/.test(this.text[this.#pos]!)) this.#pos++
  }

  private eat(token: string): boolean {
    this.space()
    if (this.text.startsWith(token, this.#pos)) {
      this.#pos += token.length
      return true
    }

    return false
  }

  private expect(token: string): void {
    if (!this.eat(token)) this.fail(`expected "${token}"`)
  }

  private expression(): RubyData {
    let left = this.sum()
    while (this.eat('||')) {
      const right = this.sum()
      if (left === null || left === false) left = right
    }

    return left
  }

  private sum(): RubyData {
    let left = this.product()
    for (;;) {
      this.space()
      if (this.text[this.#pos] !== '+') return left
      this.#pos++
      const right = this.product()
      if (typeof left === 'string' && typeof right === 'string') left = left + right
      else if (typeof left === 'number' && typeof right === 'number') left = left + right
      else this.fail('"+" on values of different kinds (the app would raise TypeError)')
    }
  }

  /** 5 * 60 * 1_000, as timeouts are written. */
  private product(): RubyData {
    let left = this.postfix(this.primary())
    while (this.eat('*')) {
      const right = this.postfix(this.primary())
      if (typeof left !== 'number' || typeof right !== 'number') this.fail('"*" on something that is not a number')
      left *= right
    }

    return left
  }

  private primary(): RubyData {
    this.space()
    const rest = this.text.slice(this.#pos)
    const c = rest[0]
    if (c === "'") return this.singleQuoted()
    if (c === '"') return this.doubleQuoted()
    if (rest.startsWith(':"')) {
      // :"#{prefix}name", an interpolated symbol.
      this.#pos++
      return this.doubleQuoted()
    }

    if (c === '(') {
      this.#pos++
      const value = this.expression()
      this.expect(')')
      return value
    }

    if (c === '[') {
      this.#pos++
      const items: RubyData[] = []
      while (!this.eat(']')) {
        items.push(this.expression())
        if (!this.eat(',')) {
          this.expect(']')
          break
        }
      }

      return items
    }

    const number = /^-?\d[\d_]*(?:\.\d+)?/.exec(rest)
    if (number) {
      this.#pos += number[0].length
      return Number(number[0].replaceAll('_', ''))
    }

    const symbol = /^:(?:([A-Za-z_]\w*[?!]?)|'([^'\\]*)'|"([^"\\#]*)")/.exec(rest)
    if (symbol) {
      this.#pos += symbol[0].length
      return symbol[1] ?? symbol[2] ?? symbol[3] ?? ''
    }

    const word = /^(?:true|false|nil)\b/.exec(rest)
    if (word) {
      this.#pos += word[0].length
      return word[0] === 'nil' ? null : word[0] === 'true'
    }

    if (/^ENV\s*\[/.test(rest)) {
      this.#pos += rest.indexOf('[') + 1
      const name = this.expression()
      this.expect(']')
      return this.lookup(name, undefined)
    }

    if (/^ENV\.fetch\s*\(/.test(rest)) {
      this.#pos += rest.indexOf('(') + 1
      const name = this.expression()
      let fallback: {value: RubyData} | undefined
      if (this.eat(',')) fallback = {value: this.expression()}
      this.expect(')')
      if (this.eat('{')) {
        fallback = {value: this.expression()}
        this.expect('}')
      }

      return this.lookup(name, fallback ?? 'fetch')
    }

    const read = /^(?:File|IO)\.read\s*\(/.exec(rest)
    if (read) {
      this.#pos += read[0].length
      const path = this.expression()
      this.expect(')')
      if (typeof path !== 'string') this.fail('File.read of something that is not a path')
      const file = this.scope.readFile(path)
      if ('error' in file) this.fail(`File.read('${path}'): ${file.error}`)
      this.inputs.push(`file ${path}`)
      return file.text
    }

    this.fail(`${this.describe()} is not a value kdoctor can read statically`)
  }

  /** ENV['X'] (nil when unset) or ENV.fetch('X'[, default]) (KeyError when unset and no default). */
  private lookup(name: RubyData, fallback: {value: RubyData} | 'fetch' | undefined): RubyData {
    if (typeof name !== 'string') this.fail('ENV looked up with a name that is not a string')
    const found = this.scope.env(name)
    if (found) {
      this.inputs.push(found.source)
      return found.value
    }

    if (fallback === 'fetch') this.fail(`ENV.fetch('${name}') has no default and ${name} is not set (the app would stop with KeyError)`)
    if (fallback) return fallback.value
    this.inputs.push(`ENV['${name}'] not set`)
    return null
  }

  private singleQuoted(): string {
    let out = ''
    let i = this.#pos + 1
    for (; i < this.text.length && this.text[i] !== "'"; i++) {
      if (this.text[i] === '\\' && (this.text[i + 1] === "'" || this.text[i + 1] === '\\')) i++
      out += this.text[i]
    }

    if (i >= this.text.length) this.fail('a string is never closed')
    this.#pos = i + 1
    return out
  }

  private doubleQuoted(): string {
    let out = ''
    let i = this.#pos + 1
    const escapes: Record<string, string> = {n: '\n', t: '\t', r: '\r', '0': '\0', s: ' ', e: '\x1b'}
    for (; i < this.text.length && this.text[i] !== '"'; i++) {
      const c = this.text[i]!
      if (c === '\\') {
        const next = this.text[++i] ?? ''
        out += escapes[next] ?? next
      } else if (c === '#' && this.text[i + 1] === '{') {
        const end = scanTo(this.text, i + 2, {comma: false, lineEnd: false, unmatchedClose: true})
        const inner = new Evaluator(this.text.slice(i + 2, end), this.scope)
        const value = inner.run()
        this.inputs.push(...inner.inputs)
        out += value === null ? '' : Array.isArray(value) ? this.fail('an Array interpolated into a string') : String(value)
        i = end
      } else {
        out += c
      }
    }

    if (i >= this.text.length) this.fail('a string is never closed')
    this.#pos = i + 1
    return out
  }

  /** A string or /regex/ argument of gsub/sub/split. */
  private pattern(): string | RegExp {
    this.space()
    if (this.text[this.#pos] !== '/') {
      const value = this.expression()
      if (typeof value !== 'string') this.fail('a pattern that is not a string')
      return value
    }

    let i = this.#pos + 1
    let source = ''
    for (; i < this.text.length && this.text[i] !== '/'; i++) {
      if (this.text[i] === '\\') source += this.text[i++]
      source += this.text[i]
    }

    const flags = /^[imx]*/.exec(this.text.slice(i + 1))![0]
    this.#pos = i + 1 + flags.length
    try {
      return new RegExp(source.replace(/\\A/g, '^').replace(/\\z|\\Z/g, '$'), flags.includes('i') ? 'g' + 'i' : 'g')
    } catch {
      this.fail('a regular expression kdoctor cannot read')
    }
  }

  private args(): {list: RubyData[]; patterns: (string | RegExp)[]} {
    const list: RubyData[] = []
    const patterns: (string | RegExp)[] = []
    if (!this.eat('(')) return {list, patterns}
    if (this.eat(')')) return {list, patterns}
    do {
      const p = this.pattern()
      patterns.push(p)
      list.push(typeof p === 'string' ? p : null)
    } while (this.eat(','))
    this.expect(')')
    return {list, patterns}
  }

  private postfix(value: RubyData): RubyData {
    for (;;) {
      this.space()
      const method = /^(?:\.|&\.)([a-z_]\w*[?!]?)/.exec(this.text.slice(this.#pos))
      if (!method) return value
      this.#pos += method[0].length
      const name = method[1]!
      if (name === 'map' || name === 'each') {
        value = this.mapBlock(value)
        continue
      }

      const {list, patterns} = this.args()
      if (value === null && method[0].startsWith('&.')) continue
      value = this.call(value, name, list, patterns)
    }
  }

  /** .map { |url| url.gsub(...) } / .map { _1.sub(...) } / .map(&:strip) */
  private mapBlock(value: RubyData): RubyData {
    if (!Array.isArray(value)) this.fail('.map on something that is not an Array')
    if (this.eat('(')) {
      this.expect('&:')
      const name = /^[a-z_]\w*/.exec(this.text.slice(this.#pos))?.[0] ?? this.fail('.map(&:…) kdoctor cannot read')
      this.#pos += name.length
      this.expect(')')
      return value.map((item) => this.call(item, name, [], []))
    }

    const close = this.eat('{') ? '}' : this.eat('do') ? 'end' : this.fail('.map without a block')
    const param = /^\s*\|\s*([a-z_]\w*)\s*\|/.exec(this.text.slice(this.#pos))
    let variable = param?.[1]
    if (param) this.#pos += param[0].length
    this.space()
    const rest = this.text.slice(this.#pos)
    const implicit = /^(?:_1|it)\b/.exec(rest)
    if (!variable && implicit) variable = implicit[0]
    if (!variable || !rest.startsWith(variable)) this.fail('a .map block kdoctor cannot read')
    this.#pos += variable.length
    const start = this.#pos
    const results = value.map((item) => {
      this.#pos = start
      return this.postfix(item)
    })
    this.expect(close)
    return results
  }

  private call(value: RubyData, name: string, list: RubyData[], patterns: (string | RegExp)[]): RubyData {
    const text = (): string => (typeof value === 'string' ? value : this.fail(`.${name} on something that is not a String`))
    const replacement = () => (typeof list[1] === 'string' ? list[1] : this.fail(`.${name} with a replacement kdoctor cannot read`))
    switch (name) {
      case 'gsub':
      case 'sub': {
        const p = patterns[0] ?? this.fail(`.${name} without a pattern`)
        const once = name === 'sub'
        const regex = typeof p === 'string' ? new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), once ? '' : 'g') : once ? new RegExp(p.source, p.flags.replace('g', '')) : p
        return text().replace(regex, () => replacement())
      }

      case 'delete_prefix': {
        const prefix = list[0]
        return typeof prefix === 'string' && text().startsWith(prefix) ? text().slice(prefix.length) : text()
      }

      case 'delete_suffix': {
        const suffix = list[0]
        return typeof suffix === 'string' && text().endsWith(suffix) ? text().slice(0, -suffix.length) : text()
      }

      case 'strip':
        return text().trim()
      case 'chomp':
        return text().replace(/\r?\n$/, '')
      case 'downcase':
        return text().toLowerCase()
      case 'upcase':
        return text().toUpperCase()
      case 'split': {
        const p = patterns[0] ?? ' '
        return text().split(p).filter((part, index, all) => !(part === '' && index === all.length - 1))
      }

      case 'join':
        if (!Array.isArray(value)) this.fail('.join on something that is not an Array')
        return value.map((v) => (v === null ? '' : String(v))).join(typeof list[0] === 'string' ? list[0] : '')
      case 'first':
        return Array.isArray(value) ? (value[0] ?? null) : this.fail('.first on something that is not an Array')
      case 'to_s':
        return value === null ? '' : Array.isArray(value) ? this.fail('.to_s on an Array') : String(value)
      case 'to_i':
        // Integer#to_i is the integer itself: ENV.fetch('PORT', 3000).to_i with PORT unset.
        if (typeof value === 'number') return Math.trunc(value)
        return Number.parseInt(text(), 10) || 0
      case 'to_sym':
      case 'freeze':
      case 'dup':
        return value
      default:
        this.fail(`.${name} is a method kdoctor does not evaluate`)
    }
  }
}

/** Evaluates one Ruby value statically (see Evaluator); never runs Ruby. */
export function evaluateRuby(text: string, scope: RubyScope): Evaluation {
  const evaluator = new Evaluator(text, scope)
  try {
    const value = evaluator.run()
    return {ok: true, value, inputs: evaluator.inputs}
  } catch (error) {
    if (error instanceof NotStatic) return {ok: false, reason: error.message}
    throw error
  }
}
