import {Flags} from '@oclif/core'

import type {AppSettingsInput} from '../config/load-connection.js'

/**
 * The app's own settings, in the form it keeps them: the same flags on every command that
 * connects (connect, cluster-info, acl-check, heroku-prefix, doctor).
 */
export const dialectFlags = {
  'env-file': Flags.string({
    char: 'E',
    summary: 'Read environment variables from this file: dotenv, systemd EnvironmentFile, heroku config --shell, or a Kubernetes Secret/ConfigMap manifest (repeatable; later files win).',
    description: 'On Node 20–26, Node itself takes a missing --env-file path before kdoctor starts ("node: FILE: not found"); -E FILE always reaches kdoctor.',
    multiple: true,
    helpGroup: 'APP SETTINGS',
  }),
  'karafka-config': Flags.string({
    summary: "The app's karafka.rb: config.kafka, client_id, group_id and the routes' topics and groups (read, never run).",
    helpGroup: 'APP SETTINGS',
  }),
  'java-config': Flags.string({
    summary: "A Java client's client.properties, or Spring Boot's application.yml / application.properties.",
    helpGroup: 'APP SETTINGS',
  }),
  'from-pid': Flags.string({
    summary: "Linux: use the settings of the running app process PID (its environment; its files relative to its working directory).",
    helpGroup: 'APP SETTINGS',
  }),
}

export interface DialectFlagValues {
  'env-file'?: string[]
  'karafka-config'?: string
  'java-config'?: string
  'from-pid'?: string
}

export function appSettingsInput(flags: DialectFlagValues): AppSettingsInput {
  return {
    envFiles: flags['env-file'] ?? [],
    ...(flags['karafka-config'] === undefined ? {} : {karafkaConfig: flags['karafka-config']}),
    ...(flags['java-config'] === undefined ? {} : {javaConfig: flags['java-config']}),
    ...(flags['from-pid'] === undefined ? {} : {fromPid: flags['from-pid']}),
  }
}
