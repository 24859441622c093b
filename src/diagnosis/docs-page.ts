// Where a code's troubleshooting page is for this copy of kdoctor: a file inside the installed
// npm package (package.json "files" ships docs/troubleshooting), or an asset inside the single
// executable, printed by `kdoctor explain KDnnn --page`. A web address only when package.json
// names a repository (KDOCTOR_REPOSITORY_URL).

import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {KDOCTOR_REPOSITORY_URL} from '../version.js'
import {docsPath} from './catalog/codes.js'
import type {KdCode} from './finding.js'

/** Reads an embedded page by its path (docs/troubleshooting/KDnnn.md); set by the binary. */
let embeddedReader: ((path: string) => string) | undefined

/** The single executable carries the pages as assets; it hands their reader here at start. */
export function useEmbeddedDocs(read: (path: string) => string): void {
  embeddedReader = read
}

/** The package root: this module is dist/diagnosis/docs-page.js (src/… under tsx). */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface DocsPointers {
  /** The command that prints the entry in the terminal. */
  explain: string
  /** The Markdown page: an absolute path in the package, or the command that prints it. */
  page: string
  /** The page on the web, only when package.json names a repository. */
  url?: string
}

export function docsPointers(code: KdCode): DocsPointers {
  const page = embeddedReader ? `kdoctor explain ${code} --page` : `${PACKAGE_ROOT}${docsPath(code)}`
  const url = KDOCTOR_REPOSITORY_URL ? `${KDOCTOR_REPOSITORY_URL}/blob/main/${docsPath(code)}` : undefined
  return {explain: `kdoctor explain ${code}`, page, ...(url ? {url} : {})}
}

/** The one pointer for JSON: the web page when there is one, else where this install keeps it. */
export function docsPage(code: KdCode): string {
  const pointers = docsPointers(code)
  return pointers.url ?? pointers.page
}

/** The page's Markdown, from the package or the binary. */
export function readDocsPage(code: KdCode): string {
  return embeddedReader ? embeddedReader(docsPath(code)) : readFileSync(`${PACKAGE_ROOT}${docsPath(code)}`, 'utf8')
}
