// Masks secrets in text a user pasted (config dumps, logs) before any of it is echoed back.
// Everything `kdoctor explain` prints — lines, evidence, JSON — goes through maskSecrets first.

export const MASK = '[masked]'

/** PEM private keys (any flavour), whole block; an unterminated block is masked to the end of the line. */
const PEM_PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g

/** JWTs: three base64url parts, the first two starting with eyJ ({"…). */
const JWT = /\beyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g

/** Authorization headers and bearer tokens. */
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi

/** Credentials inside URLs: scheme://user:password@host. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):([^\s@/]+)@/gi

/**
 * key=value, key: value, key => value, "key": "value" where the key names a secret.
 * The value is a quoted string or a run without spaces, commas, semicolons or closing brackets.
 */
const KEY_VALUE =
  /((?:^|[\s{,;(["'])["':]?)([A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|credential|private[._-]?key|CERT_KEY)[A-Za-z0-9_.-]*)(["']?\s*(?:=>|=|:)\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\[[^\]\s]*\]|[^\s,;}\])"']+)/gi

/** Keys that contain a secret-ish word but hold no secret (URLs, paths, types, durations). */
const NOT_A_SECRET_KEY = /(?:url|uri|endpoint|location|file|path|type|method|expir\w*|lifetime\w*|\.ms|_ms|ttl|refresh\w*|provider\w*|listener\w*|scope|audience|issuer|name|exception|error)$/i

/** Values that are already placeholders, or empty. */
const PLACEHOLDER = /^["']?(?:|null|nil|none|undefined|\[hidden\]|\[masked\]|\*+|<[^>]*>|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|env:[A-Za-z_][A-Za-z0-9_]*|-)["']?$/i

export function maskSecrets(text: string): string {
  let out = text.replace(PEM_PRIVATE_KEY, (_block, kind: string) => `-----BEGIN ${kind}----- ${MASK} -----END ${kind}-----`)
  out = out.replace(JWT, '[masked JWT]')
  out = out.replace(BEARER, (_m, scheme: string) => `${scheme} ${MASK}`)
  out = out.replace(URL_CREDENTIALS, (_m, prefix: string) => `${prefix}:${MASK}@`)
  out = out.replace(KEY_VALUE, (whole: string, lead: string, key: string, sep: string, value: string, offset: number, all: string) => {
    if (NOT_A_SECRET_KEY.test(key) || PLACEHOLDER.test(value) || value.startsWith('-----BEGIN')) return whole
    // A bare word followed by ": " in running prose ("… OAUTHBEARER token: Failed to …") is not a
    // setting. A bare key with a colon counts when its value is quoted, at the start of a line
    // (YAML, `heroku config`) or inside an object literal (after "{", "," or "(").
    const quotedKey = /["']$/.test(lead)
    const dotted = /[._-]/.test(key)
    if (!quotedKey && !dotted && !/^["']/.test(value) && /^["']?\s*:/.test(sep)) {
      const lineStart = all.lastIndexOf('\n', offset) + 1
      const before = all.slice(lineStart, offset + lead.length)
      const objectLiteral = /[{,(]\s*$/.test(before)
      if (!objectLiteral && !/^\s*(?:-\s+|export\s+)?$/.test(before)) return whole
    }

    const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : ''
    return `${lead}${key}${sep}${quote}${MASK}${quote}`
  })
  return out
}
