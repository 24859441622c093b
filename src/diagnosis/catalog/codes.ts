// The closed set of diagnosis codes, read off the catalog's data: a code exists when an entry for it
// does (src/diagnosis/catalog/kdNxx.ts), so a mistyped code anywhere fails to compile.
//
// Adding a code, in one place: its row in docs/diagnosis-codes.md (the copy of
// shared/diagnosis-codes.md), its entry in kdNxx.ts, its samples in samples.ts (the compiler asks
// for them), then `npm run docs` writes docs/troubleshooting/KDnnn.md; the tests check all four agree.

import type {entries as kd1xx} from './kd1xx.js'
import type {entries as kd2xx} from './kd2xx.js'
import type {entries as kd3xx} from './kd3xx.js'
import type {entries as kd4xx} from './kd4xx.js'
import type {entries as kd5xx} from './kd5xx.js'
import type {entries as kd6xx} from './kd6xx.js'
import type {entries as kd7xx} from './kd7xx.js'
import type {entries as kd8xx} from './kd8xx.js'

type CodesOf<T extends readonly {code: string}[]> = T[number]['code']

/** A stable diagnosis code from shared/diagnosis-codes.md, e.g. "KD304". */
export type KdCode = CodesOf<typeof kd1xx> | CodesOf<typeof kd2xx> | CodesOf<typeof kd3xx> | CodesOf<typeof kd4xx> | CodesOf<typeof kd5xx> | CodesOf<typeof kd6xx> | CodesOf<typeof kd7xx> | CodesOf<typeof kd8xx>

/**
 * The page's path inside the repository, the npm package and the binary's assets, e.g.
 * docs/troubleshooting/KD304.md (src/diagnosis/docs-page.ts says where it is for this copy). Here,
 * not in catalog.ts: every finding's pointer needs it, and importing it must not load the catalog.
 */
export function docsPath(code: KdCode): string {
  return `docs/troubleshooting/${code}.md`
}
