#!/usr/bin/env node
// The newcomer's tour: start the local test broker, then run `kdoctor connect` against a
// healthy listener and against a misconfigured client, so both outputs can be compared.
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'

function run(title, args) {
  console.log(`\n\x1b[1m$ kdoctor ${args.join(' ')}\x1b[0m   # ${title}\n`)
  spawnSync(process.execPath, ['bin/run.js', ...args], {stdio: 'inherit'})
}

const started = spawnSync(process.execPath, ['test/kafka/rig.mjs', 'start'], {stdio: 'inherit'})
if (started.status !== 0) process.exit(started.status ?? 1)
process.env.DEMO_PASSWORD = "alice-secret"
const rig = JSON.parse(readFileSync('.kafka/rig.json', 'utf8'))
const saslSsl = rig.listeners.sasl_ssl
const ssl = rig.listeners.ssl
const common = ['-X', 'security.protocol=SASL_SSL', '-X', 'sasl.username=alice', '-X', `ssl.ca.location=${rig.tls.ca}`]

run('healthy: SASL_SSL with SCRAM-SHA-512, as AWS MSK does', ['connect', '-b', `${saslSsl.host}:${saslSsl.port}`, ...common, '-X', 'sasl.mechanisms=SCRAM-SHA-512', '-X', 'sasl.password=env:DEMO_PASSWORD'])
run('misconfigured: SCRAM-SHA-256, which this listener does not offer', ['connect', '-b', `${saslSsl.host}:${saslSsl.port}`, ...common, '-X', 'sasl.mechanisms=SCRAM-SHA-256', '-X', 'sasl.password=env:DEMO_PASSWORD'])
run('misconfigured: a plaintext client on a TLS port', ['connect', '-b', `${ssl.host}:${ssl.port}`, '--timeout', '5s'])
console.log('\nStop the broker with: npm run kafka:stop')
