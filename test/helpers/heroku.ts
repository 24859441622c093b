// The rig dressed as a Heroku Kafka add-on: Heroku's variables pointing at the rig's mutual-TLS
// listener (the heroku-tenant principal, which may use KAFKA_PREFIX's topics and groups only), and
// the test setup that makes a tenant group exist (Heroku creates none on first use; kdoctor never does).
import kafkajs from 'kafkajs'

import {type Rig, rigTls} from './rig.js'

const {Kafka, logLevel} = kafkajs

/** KAFKA_URL, KAFKA_PREFIX and the three certificate variables as the add-on sets them. */
export function herokuVariables(rig: Rig): Record<string, string> {
  const pem = rigTls(rig)
  return {
    KAFKA_URL: `kafka+ssl://${rig.listeners.mtls.host}:${rig.listeners.mtls.port}`,
    KAFKA_PREFIX: rig.herokuPrefix,
    KAFKA_TRUSTED_CERT: pem.ca[0]!,
    KAFKA_CLIENT_CERT: pem.cert,
    KAFKA_CLIENT_CERT_KEY: pem.key,
  }
}

async function withTenantAdmin(rig: Rig, use: (admin: kafkajs.Admin) => Promise<void>): Promise<void> {
  const pem = rigTls(rig)
  const {host, port} = rig.listeners.mtls
  const admin = new Kafka({clientId: 'kdoctor-test-setup', brokers: [`${host}:${port}`], ssl: {ca: pem.ca, cert: pem.cert, key: pem.key}, logLevel: logLevel.NOTHING}).admin()
  await admin.connect()
  try {
    await use(admin)
  } finally {
    await admin.disconnect()
  }
}

/** A tenant group that exists: an offset committed on KAFKA_PREFIX + events. */
export async function createTenantGroup(rig: Rig, groupId: string): Promise<void> {
  await withTenantAdmin(rig, (admin) => admin.setOffsets({groupId, topic: `${rig.herokuPrefix}events`, partitions: [{partition: 0, offset: '0'}]}))
}

export async function deleteTenantGroup(rig: Rig, groupId: string): Promise<void> {
  await withTenantAdmin(rig, async (admin) => {
    await admin.deleteGroups([groupId])
  })
}
