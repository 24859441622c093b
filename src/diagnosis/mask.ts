// Masks secrets in text a user pasted (config dumps, logs) before any of it is echoed back.
// Everything `kdoctor explain` prints — lines, evidence, JSON — goes through maskSecrets first.
// The last line of defence for every command is guardOutput: each secret value the run learns
// (registerSecret) and anything shaped like a private key, a JWT or URL credentials is replaced
// in whatever reaches stdout or stderr, oclif's own DEBUG output included.

export const MASK = '[masked]'

/** PEM private keys (any flavour), whole block; an unterminated block is masked to the end of the line. */
const PEM_PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g

/** JWTs: three base64url parts, the first two starting with eyJ ({"…). */
const JWT = /\beyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g

/** Authorization headers and bearer tokens. */
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi

/** Credentials inside URLs: scheme://user:password@host, also with an empty user (https://:pw@host). */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):([^\s@/]+)@/gi

/** A bare PEM body (DER starts with a SEQUENCE: "MII…"), e.g. pasted without its BEGIN line. */
const PEM_BODY = /(?<![A-Za-z0-9+/])MII[A-Za-z0-9+/]{40,}={0,2}(?:\\n|\s)*(?:[A-Za-z0-9+/]{40,}={0,2}(?:\\n|\s)*)*/g

/**
 * key=value, key: value, key => value, "key": "value" where the key names a secret.
 * The value is a quoted string or a run without spaces, commas, semicolons or closing brackets.
 */
const KEY_VALUE =
  /((?:^|[\s{,;(["'&|:?])["':]?)([A-Za-z0-9_.-]*(?:pass(?:word|wd|phrase)?|pwd|secret|token|credential|private[._-]?key|CERT_KEY|access[._-]?key|(?<![a-z])api[._-]?key)[A-Za-z0-9_.-]*)(["']?\s*(?:=>|=|:|\uff1d|\uff1a)\s*|\t+| +(?=\S))(\\"(?:[^"\\]|\\[^"])*\\"|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\[[^\]\s]*\]|[^\s,;}\])"'&|]+)/gi

/** Keys that contain a secret-ish word but hold no secret (URLs, paths, types, durations). */
const NOT_A_SECRET_KEY = /(?:url|uri|endpoint|location|file|path|type|method|expir\w*|lifetime\w*|\.ms|_ms|ttl|refresh\w*|provider\w*|listener\w*|scope|audience|issuer|name|exception|error|through|port|age|ages|sage|senger|sengers)$/i

/** Words that make "key: value" in running prose a secret all the same ("the password: hunter2"). */
const STRONG_KEY = /pass(?:word|wd|phrase)?$|pwd$|secret$/i

/** Values that are already placeholders, or empty. */
const PLACEHOLDER = /^["']?(?:|null|nil|none|undefined|\[hidden\]|\[masked\]|\*+|<[^>]*>|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|env:[A-Za-z_][A-Za-z0-9_]*|-)["']?$/i

export function maskSecrets(text: string): string {
  let out = text.replace(PEM_PRIVATE_KEY, (_block, kind: string) => `-----BEGIN ${kind}----- ${MASK} -----END ${kind}-----`)
  out = out.replace(JWT, '[masked JWT]')
  out = out.replace(BEARER, (_m, scheme: string) => `${scheme} ${MASK}`)
  out = out.replace(URL_CREDENTIALS, (_m, prefix: string) => `${prefix}:${MASK}@`)
  out = out.replace(PEM_BODY, `${MASK} `)
  out = out.replace(KEY_VALUE, (whole: string, lead: string, key: string, sep: string, value: string, offset: number, all: string) => {
    if (NOT_A_SECRET_KEY.test(key) || PLACEHOLDER.test(value.replaceAll('\\"', '"')) || value.startsWith('-----BEGIN')) return whole
    // "key value" separated by blanks only counts for a setting-like key (dotted or ENV_STYLE)
    // at the start of a line, as in `kafka-configs --describe` or a tab-separated dump.
    // A tab is a dump's column separator wherever it stands; spaces alone only at a line's start.
    if (/^[\t ]+$/.test(sep)) {
      const lineStart = all.lastIndexOf('\n', offset) + 1
      const atLineStart = /^\s*$/.test(all.slice(lineStart, offset + lead.length))
      if ((!atLineStart && !sep.includes('\t')) || !/[._]/.test(key)) return whole
    }

    // A bare word followed by ": " in running prose ("… OAUTHBEARER token: Failed to …") is not a
    // setting. A bare key with a colon counts when its value is quoted, at the start of a line
    // (YAML, `heroku config`) or inside an object literal (after "{", "," or "(").
    const quotedKey = /["']$/.test(lead)
    const dotted = /[._-]/.test(key)
    if (!quotedKey && !dotted && !/^["']/.test(value) && /^["']?\s*:/.test(sep)) {
      const lineStart = all.lastIndexOf('\n', offset) + 1
      const before = all.slice(lineStart, offset + lead.length)
      const objectLiteral = /[{,(]\s*$/.test(before)
      if (!objectLiteral && !STRONG_KEY.test(key) && !/^\s*(?:-\s+|export\s+)?$/.test(before)) return whole
    }

    const quote = value.startsWith('\\"') ? '\\"' : value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : ''
    return `${lead}${key}${sep}${quote}${MASK}${quote}`
  })
  return out
}

// ---------------------------------------------------------------- known secrets and the output guard

/** Shorter values are not replaced in output: "abc" would mask every occurrence of a common word. */
const MIN_KNOWN_SECRET = 6
const known = new Set<string>()

/**
 * Remembers a secret value (a password, token, key, credentials in a URL) so that no output of
 * this run shows it, wherever it turns up. Its URL-encoded and base64 forms (a Basic header)
 * count too.
 */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_KNOWN_SECRET || known.has(value)) return
  known.add(value)
  const encoded = encodeURIComponent(value)
  if (encoded !== value) known.add(encoded)
}

/** Registers the passwords in every scheme://user:password@ of the text (KAFKA_URL, endpoints). */
export function registerUrlCredentials(text: string): void {
  for (const match of text.matchAll(URL_CREDENTIALS)) {
    registerSecret(match[2])
    try {
      registerSecret(decodeURIComponent(match[2]!))
    } catch {}
  }
}

/** Every registered secret replaced by [masked]. */
export function redactKnownSecrets(text: string): string {
  let out = text
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(MASK)
  return out
}

/** What must never be printed whatever field it sits in: registered secrets and secret-shaped text. */
export function redactForOutput(text: string): string {
  // C1 controls and bidi overrides are valid in a JSON string but act on a terminal: written as
  // \u escapes (the same characters to a JSON reader, inert on a screen).
  let out = redactKnownSecrets(text).replace(/[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  out = out.replace(PEM_PRIVATE_KEY, (_block, kind: string) => `-----BEGIN ${kind}----- ${MASK} -----END ${kind}-----`)
  out = out.replace(JWT, '[masked JWT]')
  out = out.replace(BEARER, (_m, scheme: string) => `${scheme} ${MASK}`)
  return out.replace(URL_CREDENTIALS, (_m, prefix: string) => `${prefix}:${MASK}@`)
}

/**
 * Registers the secrets in the command line (as maskSecrets finds them: -X sasl.password=…,
 * URLs with credentials, tokens) and filters stdout and stderr through redactForOutput. Called
 * before oclif starts, so its DEBUG=* dump of argv is filtered too.
 */
/** user:password@host without a scheme, as typed into a host flag (liveness --host). */
const BARE_USERINFO = /^[^\s:/@]*:([^\s@/]+)@[^\s@]+$/

export function guardOutput(argv: readonly string[]): void {
  for (const arg of argv) {
    secretsIn(arg).forEach((s) => registerSecret(s))
    registerSecret(BARE_USERINFO.exec(arg)?.[1])
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string') return write(redactForOutput(chunk), ...rest)
      if (chunk instanceof Uint8Array) return write(redactForOutput(Buffer.from(chunk).toString('utf8')), ...rest)
      return write(chunk, ...rest)
    }) as typeof stream.write
  }
}

/** The secret values maskSecrets would hide in this text. */
export function secretsIn(text: string): string[] {
  const found: string[] = []
  const masked = maskSecrets(text)
  if (masked === text) return found
  // Every stretch of the original that the masked text replaced by [masked] is a secret.
  const parts = masked.split(/\[masked(?: JWT)?\]/)
  let at = 0
  for (let i = 0; i < parts.length - 1; i++) {
    const before = parts[i]!
    const position = text.indexOf(before, at)
    // The masked text rewrote more than the value (a PEM block): that shape is caught by pattern.
    if (position < 0) break
    const start = position + before.length
    const next = parts[i + 1]!
    const end = next === '' ? text.length : text.indexOf(next.slice(0, Math.max(1, Math.min(next.length, 8))), start)
    if (end < 0) break
    if (end > start) found.push(text.slice(start, end).replace(/^["'\\]+|["'\\]+$/g, ''))
    at = end
  }

  return found
}
