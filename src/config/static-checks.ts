import type {Finding} from '../diagnosis/finding.js'
import {configFinding} from './config-finding.js'
import {didYouMean} from './did-you-mean.js'
import {FOREIGN_PROPERTY_HINTS, isKnownProperty, LIBRDKAFKA_GLOBAL_PROPERTIES, LIBRDKAFKA_TOPIC_PROPERTIES} from './librdkafka-properties.js'
import type {BootstrapAddress, Provider, SaslSettings, SecurityProtocol, Sourced, TlsSettings} from './profile.js'
import type {ResolvedProperty} from './properties.js'
import {CONFLUENT_PORTS, isMskServerlessHost, type ListenerExpectation, MSK_PORTS, MSK_SERVERLESS_PORTS} from './provider.js'
import {type PropertyTable, usesTls} from './security.js'

const SUGGESTABLE = [...LIBRDKAFKA_GLOBAL_PROPERTIES, ...LIBRDKAFKA_TOPIC_PROPERTIES]

/**
 * KD101 for every property librdkafka does not know, with the librdkafka name for Java / kafkajs
 * habits, or a did-you-mean by spelling. A failure: librdkafka (so Karafka and kcat) refuses to
 * create a client with an unknown property, so the app would not start. Never includes the value
 * (it may be a misspelled secret).
 */
export function checkUnknownProperties(properties: readonly ResolvedProperty[]): Finding[] {
  const findings: Finding[] = []
  for (const prop of properties) {
    if (isKnownProperty(prop.key)) continue
    const hint = FOREIGN_PROPERTY_HINTS[prop.key]
    const suggestion = hint ? undefined : didYouMean(prop.key, SUGGESTABLE)
    let advice: string
    if (hint) advice = `not a librdkafka property: ${hint}`
    else if (suggestion && suggestion.toLowerCase() === prop.key.toLowerCase()) advice = `property names are case-sensitive: write "${suggestion}"`
    else if (suggestion) advice = `did you mean "${suggestion}"?`
    else advice = 'not a librdkafka property'
    findings.push(
      configFinding('KD101', 'fail', prop.key, `unknown property "${prop.key}" (from ${prop.setBy}): ${advice}; librdkafka refuses to create a client with it, so the app would not start`, {
        property: prop.key,
        source: prop.setBy,
        ...(suggestion ? {suggestion} : {}),
        ...(hint ? {hint} : {}),
      }),
    )
  }

  return findings
}

const TLS_MATERIAL = ['ssl.ca.location', 'ssl.ca.pem', 'ssl.certificate.location', 'ssl.certificate.pem', 'ssl.key.location', 'ssl.key.pem', 'ssl.keystore.location']

/** TLS material given while security.protocol has no TLS: it is silently unused (KD104 warn). */
export function checkTlsWithoutTls(props: PropertyTable, protocol: Sourced<SecurityProtocol>): Finding[] {
  if (usesTls(protocol.value)) return []
  // Material kdoctor picked up from Heroku's env vars on its own is not the user's doing.
  const set = TLS_MATERIAL.filter((name) => props.has(name) && props.get(name)!.origin !== 'env')
  if (set.length === 0) return []
  return [
    configFinding('KD104', 'warn', 'security.protocol',
      `${set.map((name) => `${name} (from ${props.get(name)!.source})`).join(', ')} set, but security.protocol is ${protocol.value.toLowerCase()} (from ${protocol.source}): no TLS is used; did you mean ${protocol.value === 'SASL_PLAINTEXT' ? 'sasl_ssl' : 'ssl'}?`,
      {securityProtocol: protocol.value, securityProtocolSource: protocol.source, tlsProperties: set}),
  ]
}

/** A scheme such as kafka+ssl:// says one protocol, security.protocol says another (KD104 warn). */
export function checkSchemeContradiction(
  implied: {value: SecurityProtocol; scheme: string} | undefined,
  protocol: Sourced<SecurityProtocol>,
  bootstrapSource: string,
): Finding[] {
  if (!implied || implied.value === protocol.value || protocol.source.startsWith(`${implied.scheme}://`)) return []
  return [
    configFinding('KD104', 'warn', 'security.protocol',
      `the ${implied.scheme}:// scheme in ${bootstrapSource} implies ${implied.value.toLowerCase()}, but security.protocol is ${protocol.value.toLowerCase()} (from ${protocol.source})`,
      {scheme: implied.scheme, implied: implied.value, securityProtocol: protocol.value, securityProtocolSource: protocol.source}),
  ]
}

/** KD107: TLS is on but the broker's certificate or host name is not checked. */
export function checkVerification(tls: TlsSettings, protocol: SecurityProtocol, provider: Provider): Finding[] {
  if (!usesTls(protocol)) return []
  const findings: Finding[] = []
  if (!tls.verifyCertificate.value) {
    findings.push(
      configFinding('KD107', 'warn', 'enable.ssl.certificate.verification',
        `enable.ssl.certificate.verification=false (from ${tls.verifyCertificate.source}): the broker's certificate is not checked at all, so anyone in the path can pose as the broker; trust its CA with ssl.ca.location instead`,
        {property: 'enable.ssl.certificate.verification', source: tls.verifyCertificate.source}),
    )
  }

  if (!tls.verifyHostname.value) {
    const herokuNote = provider === 'heroku' ? " (Heroku's documented workaround, as its broker certificates do not name the hosts; keep the CA check on)" : ''
    findings.push(
      configFinding('KD107', 'warn', 'ssl.endpoint.identification.algorithm',
        `ssl.endpoint.identification.algorithm=none (from ${tls.verifyHostname.source}): the certificate is not checked against the broker's host name${herokuNote}`,
        {property: 'ssl.endpoint.identification.algorithm', source: tls.verifyHostname.source, provider}),
    )
  }

  return findings
}

function describeExpectation(expect: ListenerExpectation): string {
  const mechanisms = expect.mechanisms
  if (!mechanisms) return `security.protocol=${expect.protocol.toLowerCase()}`
  if (mechanisms.includes('AWS_MSK_IAM')) return `security.protocol=${expect.protocol.toLowerCase()} with OAUTHBEARER and an IAM token provider (AWS_MSK_IAM in Java)`
  return `security.protocol=${expect.protocol.toLowerCase()} with sasl.mechanisms=${mechanisms.join(' or ')}`
}

interface PortProblem {
  status: 'warn' | 'fail'
  message: (first: string) => string
  evidence: Record<string, unknown>
}

function listAddresses(addresses: BootstrapAddress[]): string {
  const first = `${addresses[0]!.host}:${addresses[0]!.port}`
  return addresses.length > 1 ? `${first} (and ${addresses.length - 1} more)` : first
}

/**
 * KD105: the port says one listener, the configuration another. AWS MSK (9092 plaintext, 9094 TLS,
 * 9096 SCRAM, 9098 IAM, public 9194/9196/9198; Serverless 9098 only), Confluent Cloud (9092
 * SASL_SSL with PLAIN or OAUTHBEARER) and Heroku (kafka+ssl:// takes SSL with client certificates).
 * Addresses with the same problem share one finding.
 */
export function checkProviderPorts(
  provider: Provider,
  addresses: readonly BootstrapAddress[],
  protocol: Sourced<SecurityProtocol>,
  sasl: SaslSettings | undefined,
  schemes: readonly string[],
): Finding[] {
  const problems = new Map<string, {problem: PortProblem; addresses: BootstrapAddress[]}>()
  const add = (key: string, address: BootstrapAddress, problem: PortProblem): void => {
    const entry = problems.get(key) ?? {problem, addresses: []}
    entry.addresses.push(address)
    problems.set(key, entry)
  }

  const actual = {securityProtocol: protocol.value, securityProtocolSource: protocol.source, saslMechanism: sasl?.mechanism.value}
  const compare = (address: BootstrapAddress, expect: ListenerExpectation, label: string): void => {
    const expected = {securityProtocol: expect.protocol, saslMechanisms: expect.mechanisms ?? []}
    const evidence = {provider, port: address.port, listener: expect.listener, expected, actual}
    if (protocol.value !== expect.protocol) {
      add(`${address.port}|protocol`, address, {
        status: 'fail',
        message: (where) => `${where} is ${label}'s ${expect.listener} port, which takes ${describeExpectation(expect)}, but security.protocol is ${protocol.value.toLowerCase()} (from ${protocol.source})`,
        evidence,
      })
    } else if (expect.mechanisms && sasl && !expect.mechanisms.includes(sasl.mechanism.value)) {
      add(`${address.port}|mechanism`, address, {
        status: 'fail',
        message: (where) => `${where} is ${label}'s ${expect.listener} port, which takes ${describeExpectation(expect)}, but sasl.mechanisms is ${sasl.mechanism.value} (from ${sasl.mechanism.source})`,
        evidence,
      })
    }
  }

  for (const address of addresses) {
    if (provider === 'msk') {
      const serverless = isMskServerlessHost(address.host)
      const expect = (serverless ? MSK_SERVERLESS_PORTS : MSK_PORTS)[address.port]
      const label = serverless ? 'MSK Serverless' : 'AWS MSK'
      if (expect) compare(address, expect, label)
      else {
        add(`${address.port}|unknown`, address, {
          status: 'warn',
          message: (where) => serverless
            ? `${where}: MSK Serverless listens only on 9098 (IAM), not ${address.port}`
            : `${where}: ${address.port} is not an MSK client port (9092 plaintext, 9094 TLS, 9096 SASL/SCRAM, 9098 IAM; public 9194/9196/9198)`,
          evidence: {provider, port: address.port, knownPorts: Object.keys(serverless ? MSK_SERVERLESS_PORTS : MSK_PORTS).map(Number)},
        })
      }
    } else if (provider === 'confluent') {
      const expect = CONFLUENT_PORTS[address.port]
      if (expect) compare(address, expect, 'Confluent Cloud')
      else {
        add(`${address.port}|unknown`, address, {
          status: 'warn',
          message: (where) => `${where}: Confluent Cloud brokers listen on 9092 (SASL_SSL), not ${address.port}`,
          evidence: {provider, port: address.port, knownPorts: [9092]},
        })
      }
    } else if (provider === 'heroku' && schemes.includes('kafka+ssl') && protocol.value !== 'SSL') {
      add('heroku|protocol', address, {
        status: 'fail',
        message: (where) => `${where} is a Heroku Kafka kafka+ssl:// listener, which takes security.protocol=ssl with the client certificate (KAFKA_CLIENT_CERT / KAFKA_CLIENT_CERT_KEY), but security.protocol is ${protocol.value.toLowerCase()} (from ${protocol.source})`,
        evidence: {provider, port: address.port, listener: 'SSL', expected: {securityProtocol: 'SSL'}, actual},
      })
    }
  }

  return [...problems.values()].map(({problem, addresses: hit}) =>
    configFinding('KD105', problem.status, `${hit[0]!.host}:${hit[0]!.port}`, problem.message(listAddresses(hit)), {
      ...problem.evidence,
      addresses: hit.map((a) => `${a.host}:${a.port}`),
      bootstrapSource: hit[0]!.source,
    }),
  )
}

/** socket.connection.setup.timeout.ms as a number (librdkafka range 1000 .. 2147483647), KD101 when not. */
export function readConnectionSetupTimeout(props: PropertyTable, findings: Finding[]): Sourced<number> | undefined {
  const prop = props.get('socket.connection.setup.timeout.ms')
  if (!prop) return undefined
  const text = prop.value.trim()
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < 1000 || value > 2_147_483_647) {
    findings.push(
      configFinding('KD101', 'fail', prop.key, `socket.connection.setup.timeout.ms=${prop.value} (from ${prop.source}) is not a number of milliseconds from 1000 to 2147483647`, {
        property: prop.key,
        value: prop.value,
        source: prop.source,
      }),
    )
    return undefined
  }

  return {value, source: prop.source}
}
