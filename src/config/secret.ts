import {inspect} from 'node:util'

import {registerSecret} from '../diagnosis/mask.js'

/**
 * A value that must never reach output. Every accidental path (String(), JSON.stringify,
 * util.inspect, template literals) prints where it came from instead of what it is.
 * Only `reveal()` gives the value, and only wire/client code should call it.
 */
export class Secret {
  readonly #value: string
  constructor(value: string, readonly source: string) {
    this.#value = value
    // Whatever path it takes, the value is replaced in this run's output (guardOutput).
    registerSecret(value)
  }

  reveal(): string {
    return this.#value
  }

  get isEmpty(): boolean {
    return this.#value.length === 0
  }

  describe(): string {
    return `set (from ${this.source})`
  }

  toString(): string {
    return this.describe()
  }

  toJSON(): string {
    return this.describe()
  }

  [inspect.custom](): string {
    return `Secret<${this.describe()}>`
  }
}
