// The binary's command list is generated from the folders; this keeps it equal to what the npm
// install offers (oclif.manifest.json, written from dist/commands by `npm run build`).
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, test} from 'node:test'

import {commandId, commandSources, deepImports} from '../../../scripts/build-binary.js'
import {ROOT} from '../../helpers/cli.js'

describe('the binary bundles every command', () => {
  test('each command of the manifest and of the plugins, and nothing else', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>}
    const ids = [...commandSources().keys()]
    const plugins = ['help', 'autocomplete', 'autocomplete:create', 'autocomplete:script']
    assert.deepEqual(ids.filter((id) => !plugins.includes(id)).sort(), Object.keys(manifest.commands).sort())
    for (const id of plugins) assert.ok(ids.includes(id), id)
  })

  test('ids follow oclif: folders are topics, index is the topic itself', () => {
    assert.equal(commandId('/r/src/commands', '/r/src/commands/aws/reachability.ts'), 'aws:reachability')
    assert.equal(commandId('/r/lib/commands', '/r/lib/commands/autocomplete/index.js'), 'autocomplete')
    assert.equal(commandId('/r/src/commands', '/r/src/commands/connect.ts'), 'connect')
  })

  // kafka/client.ts reads kafkajs's protocol tables; they must ride in the kafkajs chunk, not in a
  // second copy inside the application (the build's chunk stubs map them from this list).
  test('files imported from inside a chunked package are found, for its chunk', () => {
    assert.deepEqual(deepImports('kafkajs'), ['kafkajs/src/protocol/requests/apiKeys.js', 'kafkajs/src/protocol/requests/index.js'])
    assert.deepEqual(deepImports('@aws-sdk/client-ec2'), [])
  })
})
