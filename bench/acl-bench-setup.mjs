#!/usr/bin/env node
// Gives a SECOND test rig (never the shared one) the resources the acl-check benchmark asks
// about: N topics bench.t000… (1 partition) and G consumer groups bench-g00… (one committed
// offset each, so they exist). Idempotent. Test setup as the rig's super user, not kdoctor.
//   KDOCTOR_RIG_HOME=.kafka/rig-acl node bench/acl-bench-setup.mjs 500 20
import fs from 'node:fs'
import path from 'node:path'
import kafkajs from 'kafkajs'

const {Kafka, logLevel} = kafkajs
const [topicCount = 500, groupCount = 20] = process.argv.slice(2).map(Number)
const home = process.env.KDOCTOR_RIG_HOME
if (!home) throw new Error('set KDOCTOR_RIG_HOME to a second rig: the benchmark never adds topics to the shared one')
const rig = JSON.parse(fs.readFileSync(path.resolve(home, 'rig.json'), 'utf8'))
if (rig.portBase === 19090) throw new Error('refusing to add topics to the rig on the default port base (the shared one)')

export const topicName = (i) => `bench.t${String(i).padStart(3, '0')}`
export const groupName = (i) => `bench-g${String(i).padStart(2, '0')}`

const {host, port} = rig.listeners.sasl_plaintext
const kafka = new Kafka({clientId: 'kdoctor-bench-setup', brokers: [`${host}:${port}`], sasl: {mechanism: 'scram-sha-512', username: 'admin', password: rig.users.admin}, logLevel: logLevel.NOTHING})
const admin = kafka.admin()
await admin.connect()
try {
  const existing = new Set(await admin.listTopics())
  const wanted = Array.from({length: topicCount}, (_, i) => topicName(i)).filter((t) => !existing.has(t))
  for (let i = 0; i < wanted.length; i += 100) {
    await admin.createTopics({topics: wanted.slice(i, i + 100).map((topic) => ({topic, numPartitions: 1, replicationFactor: 1})), waitForLeaders: false})
  }
  // kafkajs's own leader wait trips over UNKNOWN_TOPIC_OR_PARTITION on fresh topics: poll instead.
  for (let tries = 0; ; tries++) {
    const now = new Set(await admin.listTopics())
    if (wanted.every((t) => now.has(t))) break
    if (tries > 100) throw new Error('topics did not appear')
    await new Promise((r) => setTimeout(r, 200))
  }
  const groups = new Set((await admin.listGroups()).groups.map((g) => g.groupId))
  for (let i = 0; i < groupCount; i++) {
    if (!groups.has(groupName(i))) await admin.setOffsets({groupId: groupName(i), topic: topicName(0), partitions: [{partition: 0, offset: '0'}]})
  }
  console.error(`bench rig (Kafka ${rig.kafkaVersion}, port base ${rig.portBase}): ${topicCount} topics (${wanted.length} created now), ${groupCount} groups`)
} finally {
  await admin.disconnect()
}
