// SASL PLAIN (RFC 4616): one message, [authzid] NUL authcid NUL passwd. No server challenge.

export function plainInitialResponse(username: string, password: string, authzid = ''): Buffer {
  // NUL inside a field would shift the fields; refuse rather than send something ambiguous.
  if (username.includes('\0') || password.includes('\0') || authzid.includes('\0')) {
    throw new TypeError('PLAIN credentials must not contain NUL characters')
  }
  return Buffer.from(`${authzid}\0${username}\0${password}`, 'utf8')
}
