// `kdoctor --version` answered before oclif loads: the line oclif itself prints (its
// config.userAgent), without the cost of loading the framework and every command to print it.
import {platform, release} from 'node:os'

import {KDOCTOR_SOFTWARE} from '../version.js'

/** oclif prints the version when the first argument is --version (the help flags aside). */
export function versionRequested(argv: readonly string[]): boolean {
  return argv[0] === '--version'
}

/** e.g. kdoctor/0.1.0 linux-x64 node-v24.22.3 (oclif names Windows Subsystem for Linux "wsl"). */
export function versionLine(): string {
  const os = platform() === 'linux' && /microsoft/i.test(release()) ? 'wsl' : platform()
  const arch = process.arch === 'ia32' ? 'x86' : process.arch
  return `${KDOCTOR_SOFTWARE.name}/${KDOCTOR_SOFTWARE.version} ${os}-${arch} node-${process.version}`
}
