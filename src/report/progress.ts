/**
 * A spinner on an interactive terminal only (stderr), never under --json, never in pipes:
 * `kubectl exec` without -t and CI logs stay clean.
 */
export async function withProgress<T>(text: string, enabled: boolean, work: () => Promise<T>): Promise<T> {
  if (!enabled || !process.stderr.isTTY || process.env.CI) return work()
  const {default: ora} = await import('ora')
  const spinner = ora({text, stream: process.stderr}).start()
  try {
    return await work()
  } finally {
    spinner.stop()
  }
}
