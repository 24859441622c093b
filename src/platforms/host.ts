// Where kdoctor ran, for the ticket-ready report: the host, its OS, and the Kubernetes namespace
// when this is a pod (the service account's mount, or POD_NAMESPACE set from the downward API).

import {readFileSync} from 'node:fs'
import {arch, hostname, release, type} from 'node:os'

export const POD_NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace'

export interface HostFacts {
  hostname: string
  /** "Linux 6.8.0 x64 (Debian GNU/Linux 12 (bookworm))" */
  os: string
  node: string
  podNamespace?: string
  podNamespaceSource?: string
}

function firstLine(path: string, maxBytes = 4096): string | undefined {
  try {
    const text = readFileSync(path, 'utf8').slice(0, maxBytes)
    return text.split('\n')[0]?.trim() || undefined
  } catch {
    return undefined
  }
}

function distribution(osRelease = '/etc/os-release'): string | undefined {
  try {
    const text = readFileSync(osRelease, 'utf8').slice(0, 16_384)
    const match = /^PRETTY_NAME=(?:"([^"\n]*)"|(\S*))/m.exec(text)
    return match?.[1] ?? match?.[2] ?? undefined
  } catch {
    return undefined
  }
}

export function describeHost(env: NodeJS.ProcessEnv = process.env, files: {namespace?: string; osRelease?: string} = {}): HostFacts {
  const distro = distribution(files.osRelease)
  const facts: HostFacts = {hostname: hostname(), os: `${type()} ${release()} ${arch()}${distro ? ` (${distro})` : ''}`, node: process.version}
  const mounted = firstLine(files.namespace ?? POD_NAMESPACE_FILE, 256)
  if (mounted) return {...facts, podNamespace: mounted, podNamespaceSource: 'service account'}
  if (env.POD_NAMESPACE?.trim()) return {...facts, podNamespace: env.POD_NAMESPACE.trim().slice(0, 256), podNamespaceSource: 'env POD_NAMESPACE'}
  return facts
}
