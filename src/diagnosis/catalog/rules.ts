// How the matcher decides when one line, or one line plus what the rest of the text says,
// points at more than one code. Kept as data next to the entries so that every overlap the
// catalog allows carries its reason (the docs pages print them).

import type {KdCode} from '../finding.js'

export type Evidence = Record<string, string | number>

/** Facts about the whole pasted text, not one line: which platform, which settings were shown. */
export interface TextContext {
  /** Heroku Kafka: KAFKA_PREFIX / KAFKA_URL, kafka+ssl:// URLs or Heroku's EC2 broker names. */
  heroku: boolean
  /** The multi-tenant prefix when the text shows it (KAFKA_PREFIX=columbia-1234.). */
  kafkaPrefix?: string
  msk: boolean
  confluent: boolean
  /** What an AWS VPC Reachability Analyzer result in the text said about the path. */
  reachability?: 'path-found' | 'blocked'
  /** The text shows allow.everyone.if.no.acl.found=false. */
  aclDefaultDeny: boolean
  /** The text shows auto.create.topics.enable=true. */
  autoCreateOn: boolean
  /** The text names the OAUTHBEARER mechanism. */
  oauthbearer: boolean
}

export const EMPTY_CONTEXT: TextContext = {heroku: false, msk: false, confluent: false, aclDefaultDeny: false, autoCreateOn: false, oauthbearer: false}

/** When one line matches signatures of several codes, `winner` beats every code in `over`. */
export interface Overlap {
  winner: KdCode
  over: readonly KdCode[]
  why: string
}

export const overlaps: readonly Overlap[] = [
  {
    winner: 'KD105',
    over: ['KD202', 'KD203', 'KD204', 'KD301', 'KD302', 'KD308', 'KD401', 'KD402', 'KD403', 'KD404', 'KD406', 'KD501', 'KD707'],
    why: "The librdkafka broker name shows a security protocol the provider does not serve on that port; the timeout, disconnect or SASL error on the same line is the consequence, the port/protocol pair is the cause.",
  },
  {
    winner: 'KD502',
    over: ['KD501', 'KD201', 'KD202', 'KD203', 'KD205', 'KD206'],
    why: 'The failing address came from the cluster metadata and names a loopback address, a container id or a cluster-internal name: the broker advertises something only it can reach.',
  },
  {
    winner: 'KD501',
    over: ['KD201', 'KD202', 'KD203', 'KD205', 'KD206', 'KD707'],
    why: 'librdkafka names the broker `…/<node id>` (the Java client a non-negative node id): the address was advertised by the cluster, so bootstrap already worked and the advertised listener is what fails.',
  },
  {
    winner: 'KD707',
    over: ['KD203'],
    why: 'A connection to an AWS MSK broker name that gets no answer in state CONNECT is, almost always, a security group, network ACL or route.',
  },
  {
    winner: 'KD305',
    over: ['KD303'],
    why: "librdkafka's 'Failed to verify broker certificate:' is followed by the reason; an expired or not yet valid certificate is its own problem.",
  },
  {
    winner: 'KD304',
    over: ['KD303'],
    why: "librdkafka reports a host name mismatch and an untrusted CA with the same words; on Heroku's EC2 broker names it is the host name.",
  },
  {
    winner: 'KD405',
    over: ['KD404'],
    why: 'The broker answered the SASL exchange with an OAUTHBEARER token error: the token, not a password, was rejected.',
  },
  {
    winner: 'KD102',
    over: ['KD103', 'KD201'],
    why: 'The bootstrap value is a URL; the unparsable port or unresolvable host name is its scheme being read as part of the address.',
  },
  {
    winner: 'KD801',
    over: ['KD202', 'KD205'],
    why: "A kubelet 'Liveness probe failed' event is about the liveness listener's port inside the pod, not about a Kafka broker.",
  },
  {
    winner: 'KD604',
    over: ['KD601', 'KD603'],
    why: 'The denied operation is CREATE during a Metadata request: a topic was being auto-created and the ACLs forbade it.',
  },
  {
    winner: 'KD706',
    over: ['KD506'],
    why: 'The unknown topic is one of the Karafka Web UI topics.',
  },
  {
    winner: 'KD301',
    over: ['KD204'],
    why: "librdkafka's ApiVersion hint names a plaintext client on a TLS listener as the reason for the disconnect.",
  },
  {
    winner: 'KD401',
    over: ['KD204'],
    why: "librdkafka's hint names a missing SASL configuration as the reason for the disconnect.",
  },
]

/**
 * Codes that may appear together on one line as separate problems: the Karafka liveness JSON
 * carries one flag per TTL, and several can be true at once.
 */
export const independent: readonly KdCode[] = ['KD802', 'KD803', 'KD804', 'KD805', 'KD806']

/**
 * Codes that qualify another failure on the same line rather than compete with it: a refused or
 * silent loopback address is reported as the refusal or timeout first (the failure) and the
 * loopback scope second (where the client runs, a warning).
 */
export const companions: readonly KdCode[] = ['KD205']

/**
 * A rule that moves a match to another code (or drops it, `to: null`) because of evidence from
 * the line or from the rest of the text. The first rule that applies wins.
 */
export interface Refinement {
  from: readonly KdCode[]
  to: KdCode | null
  why: string
  when: (match: {line: string; evidence: Evidence}, context: TextContext) => boolean
}

const HEROKU_PREFIX_SHAPE = /^[a-z]+(?:-[a-z]+)*-\d+\./

/** Ports that serve TLS by convention: Kafka's SSL default, MSK's TLS/SCRAM/IAM ports, Azure Event Hubs, Heroku. */
const TLS_PORTS: ReadonlySet<number> = new Set([9093, 9094, 9096, 9098, 9194, 9196, 9198])

function lacksPrefix(name: string | number | undefined, context: TextContext): boolean {
  if (name === undefined) return true
  const value = String(name)
  if (context.kafkaPrefix) return !value.startsWith(context.kafkaPrefix)
  return !HEROKU_PREFIX_SHAPE.test(value)
}

export const refinements: readonly Refinement[] = [
  {
    from: ['KD404'],
    to: 'KD405',
    why: 'With OAUTHBEARER the credential is the token: a rejected login is a rejected (expired, unsigned, wrong-audience) token.',
    when: ({evidence}, context) => evidence.mechanism === 'OAUTHBEARER' || (evidence.mechanism === undefined && context.oauthbearer),
  },
  {
    from: ['KD204'],
    to: 'KD301',
    why: 'The client connected without TLS (a plaintext scheme) to a port that conventionally serves TLS, and the broker closed the connection at once.',
    when: ({line, evidence}) => /(?<![\w+])(?:kafka|plaintext):\/\/[\w.-]+:\d+/.test(line) && TLS_PORTS.has(Number(evidence.port)),
  },
  {
    from: ['KD204', 'KD404'],
    to: null,
    why: "'Local: Broker handle destroyed' is a request cut short while the client shuts a connection down (closing, or replacing a broker handle): harmless.",
    when: ({line}) => /Local: Broker handle destroyed/.test(line),
  },
  {
    from: ['KD701'],
    to: null,
    why: "'Polled 0 messages' is normal on an idle topic; it points at a missing prefix only on Heroku.",
    when: (_m, context) => !context.heroku,
  },
  {
    from: ['KD204'],
    to: null,
    why: 'A disconnect after five or more minutes in state UP is the broker closing an idle connection (`connections.max.idle.ms`, ten minutes by default): harmless, librdkafka reconnects when needed.',
    when: ({evidence}) => evidence.state === 'UP' && Number(evidence.afterMs ?? 0) >= 300_000,
  },
  {
    from: ['KD601', 'KD506'],
    to: 'KD701',
    why: 'On Heroku, a topic that is denied or unknown and does not start with the KAFKA_PREFIX is a missing prefix.',
    when: ({evidence}, context) => context.heroku && lacksPrefix(evidence.topic, context),
  },
  {
    from: ['KD602'],
    to: 'KD702',
    why: 'On Heroku, a denied consumer group without the KAFKA_PREFIX is a missing prefix.',
    when: ({evidence}, context) => context.heroku && lacksPrefix(evidence.group, context),
  },
  {
    from: ['KD602'],
    to: 'KD703',
    why: 'On Heroku, a denied consumer group that does carry the KAFKA_PREFIX was not created with the Heroku CLI.',
    when: (_m, context) => context.heroku,
  },
  {
    from: ['KD504'],
    to: 'KD703',
    why: "On Heroku, kafkajs' 'Failed to find group coordinator' hides a consumer group that was not created (or not prefixed).",
    when: ({line}, context) => context.heroku && /Failed to find group coordinator/.test(line),
  },
  {
    from: ['KD203', 'KD707'],
    to: 'KD708',
    why: 'The AWS Reachability Analyzer result in the same text found the path open, yet the port times out: a change still propagating, or something outside the VPC rules.',
    when: (_m, context) => context.reachability === 'path-found',
  },
  {
    from: ['KD203'],
    to: 'KD707',
    why: 'The AWS Reachability Analyzer result in the same text found no open path: a security group, network ACL or route blocks the port.',
    when: (_m, context) => context.reachability === 'blocked',
  },
  {
    from: ['KD601', 'KD506'],
    to: 'KD604',
    why: 'The text shows `allow.everyone.if.no.acl.found=false` together with `auto.create.topics.enable=true`: the ACLs stop the topic from being created on first use.',
    when: (_m, context) => context.aclDefaultDeny && context.autoCreateOn,
  },
]

/** Lines that only summarise a failure logged before them; never a problem of their own. */
export interface Summary {
  pattern: RegExp
  what: string
}

export const summaries: readonly Summary[] = [
  {pattern: /KafkaJSNumberOfRetriesExceeded\b|KafkaJSNonRetriableError\b/, what: 'kafkajs gave up retrying (the error it wraps is the cause)'},
  {pattern: /Liveness probe failed: HTTP probe failed with statuscode: 5\d\d\b/, what: "the Karafka liveness listener answered 500 (its JSON body names the reason: run `curl -s http://<pod>:3000/`)"},
]
