import {Flags} from '@oclif/core'

import type {ConnectionInput} from '../config/load-connection.js'
import {appSettingsInput, dialectFlags, type DialectFlagValues} from './dialect-flags.js'
import {readStdin} from './stdin.js'

/** The inputs every command that talks to Kafka shares (kcat's vocabulary: -b, -X, -F). */
export const connectionFlags = {
  'bootstrap-server': Flags.string({
    char: 'b',
    summary: 'Bootstrap address(es), host:port[,host:port…]. Default: $KAFKA_BOOTSTRAP_SERVERS, then $KAFKA_URL, then localhost:9092.',
    helpGroup: 'CONNECTION',
  }),
  property: Flags.string({
    char: 'X',
    summary: 'A librdkafka client property, key=value (repeatable). Secrets may be env:VAR or - (stdin).',
    multiple: true,
    helpGroup: 'CONNECTION',
  }),
  config: Flags.string({
    char: 'F',
    summary: "A librdkafka/kcat-style properties file (key=value lines); a Java client's file is read as Java. Without it: $KCAT_CONFIG or ~/.config/kcat.conf, as kcat does.",
    helpGroup: 'CONNECTION',
  }),
  timeout: Flags.string({
    summary: 'Time budget for the whole run, e.g. 10s, 3s, 500ms.',
    default: '10s',
    helpGroup: 'CONNECTION',
  }),
  'oauth-token-file': Flags.string({
    summary: 'Read the OAUTHBEARER token from this file.',
    helpGroup: 'CONNECTION',
  }),
  'oauth-token-command': Flags.string({
    summary: 'Run this command and use what it prints as the OAUTHBEARER token.',
    helpGroup: 'CONNECTION',
  }),
  ...dialectFlags,
}

export interface ConnectionFlagValues extends DialectFlagValues {
  'bootstrap-server'?: string
  property?: string[]
  config?: string
  timeout?: string
  'oauth-token-file'?: string
  'oauth-token-command'?: string
}

/** The flags as loadConnection takes them. */
export function connectionInput(flags: ConnectionFlagValues): ConnectionInput {
  return {
    ...appSettingsInput(flags),
    bootstrapServers: flags['bootstrap-server'],
    properties: flags.property ?? [],
    configFile: flags.config,
    timeout: flags.timeout,
    oauthTokenFile: flags['oauth-token-file'],
    oauthTokenCommand: flags['oauth-token-command'],
    stdin: readStdin,
  }
}
