/**
 * The command could not run because of what the user gave it (a flag, a -X property, a file,
 * an environment variable). Rendered as one line naming the source, exit code 2, no stack.
 */
export class InputError extends Error {
  constructor(message: string, readonly source?: string) {
    super(message)
    this.name = 'InputError'
  }

  oneLine(): string {
    return this.source ? `${this.message} (from ${this.source})` : this.message
  }
}
