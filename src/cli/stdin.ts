let stdinText: Promise<string> | undefined

/** Reads all of standard input once, however many values ask for it. */
export function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if (stream !== process.stdin) return readAll(stream)
  stdinText ??= readAll(stream)
  return stdinText
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => (text += chunk))
    stream.on('end', () => resolve(text))
    stream.on('error', reject)
  })
}
