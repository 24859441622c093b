/**
 * Milliseconds on a monotonic clock, for measuring a step. Not `performance.now()`: the first use
 * of that global loads all of node:perf_hooks, about 0.7 ms of every run's start.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}
