/**
 * One time budget for a whole run (design.md: "one --timeout bounds the whole run, so N dead
 * brokers cost one timeout, not N"). Every network step asks the deadline how long it may wait.
 */
export class Deadline {
  readonly endsAt: number

  /** Built once per run, where the run starts (BaseCommand.runDeadline); everything else is handed it. */
  constructor(
    readonly budgetMs: number,
    readonly startedAt = Date.now(),
  ) {
    this.endsAt = this.startedAt + budgetMs
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now())
  }

  get expired(): boolean {
    return this.remainingMs() === 0
  }

  /** The smaller of a step's own cap and what is left of the budget (at least 1 ms). */
  stepMs(capMs = Number.POSITIVE_INFINITY): number {
    return Math.max(1, Math.min(capMs, this.remainingMs()))
  }
}

export class StepTimeoutError extends Error {
  constructor(readonly step: string, readonly timeoutMs: number) {
    super(`${step} timed out after ${timeoutMs} ms`)
    this.name = 'StepTimeoutError'
  }
}

/** Races a promise against a timer; the timer never keeps the process alive. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, step: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeoutError(step, timeoutMs)), timeoutMs)
    timer.unref()
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
