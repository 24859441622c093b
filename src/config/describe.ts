import {type ConnectionProfile, usesSasl} from './profile.js'

/** One line saying what the run is about to use, and where each part came from. */
export function describeProfile(profile: ConnectionProfile): string {
  const count = profile.bootstrap.length
  const parts = [`${count} bootstrap address${count === 1 ? '' : 'es'} (from ${profile.bootstrapSource})`]
  parts.push(`security.protocol=${profile.securityProtocol.value} (${profile.securityProtocol.source})`)
  if (usesSasl(profile) && profile.sasl) {
    const user = profile.sasl.username ? ` as ${profile.sasl.username.value}` : ''
    parts.push(`${profile.sasl.mechanism.value}${user}`)
  }

  parts.push(`timeout ${profile.timeoutMs} ms`)
  if (profile.settingSources && profile.settingSources.length > 0) parts.push(`settings from ${profile.settingSources.join(', ')}`)
  return parts.join(' · ')
}
