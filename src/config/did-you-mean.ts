/**
 * Optimal-string-alignment distance (Damerau-Levenshtein where each substring is edited once):
 * insertions, deletions, substitutions and swaps of two neighbours each cost 1.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({length: rows}, () => new Array<number>(cols).fill(0))
  const at = (i: number, j: number): number => d[i]![j]!
  for (let i = 0; i < rows; i++) d[i]![0] = i
  for (let j = 0; j < cols; j++) d[0]![j] = j
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1)
      d[i]![j] = best
    }
  }

  return at(a.length, b.length)
}

/** Folds case and the separators other clients use (bootstrap_servers, security-protocol). */
function fold(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '.')
}

/**
 * The closest candidate to `name`, or undefined when nothing is close enough to be a typo.
 * Ties go to the candidate listed first.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const folded = fold(name)
  const limit = Math.max(1, Math.min(3, Math.floor(folded.length / 4)))
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    // Callback-style names (error_cb) are set through the C API, never suggested.
    if (candidate.includes('_') && !name.includes('_')) continue
    const distance = editDistance(folded, fold(candidate))
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }

  return bestDistance <= limit ? best : undefined
}
