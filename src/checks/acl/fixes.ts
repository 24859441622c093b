// The exact commands that grant what is denied, in the vocabulary of where the cluster lives:
// kafka-acls.sh (self-hosted, MSK with SCRAM/TLS), the Confluent CLI, an IAM policy statement
// (MSK with IAM authentication: Kafka ACLs do not apply), the Heroku CLI. Names that share a
// prefix are granted with one prefixed pattern; the literal form is kept as the alternative.

import type {Provider} from '../../config/profile.js'
import {CONFLUENT_OPERATION, OPERATIONS, type Operation} from './operations.js'
import type {PrincipalView} from './principal.js'
import type {AclResource, ResourceKind} from './resources.js'

export interface Denial {
  resource: AclResource
  operations: Operation[]
}

export interface FixContext {
  provider: Provider
  principal: PrincipalView
  /** "host:port,host:port" as the user gave it. */
  bootstrap: string
  /** AWS MSK with IAM authentication (port 9098/9198, OAUTHBEARER or AWS_MSK_IAM). */
  iam: boolean
  /** AWS region from the MSK host name. */
  region?: string
  /** Heroku multi-tenant: $KAFKA_PREFIX. */
  kafkaPrefix?: string
  /** Confluent Cloud: the API key (sasl.username), whose service account needs the grant. */
  apiKey?: string
}

export type FixTool = 'kafka-acls' | 'confluent' | 'iam-policy' | 'heroku'

export interface FixCommand {
  tool: FixTool
  /** "Read, Describe on topics alice.orders, alice.payments" */
  grants: string
  command: string
  /** The same grant without the shared-prefix shortcut, when one was taken. */
  literalAlternative?: string
  note?: string
}

export interface FixPlan {
  commands: FixCommand[]
  /** Missing topics nothing will create: create them out of band (an admin principal or the platform's CLI). */
  createTopics?: string[]
  /** Notes that apply to every command (where the principal came from, Kafka 4 syntax, IAM). */
  notes: string[]
}

const SEPARATORS = /[._-]/

/** Shell-safe: bare when plain, single-quoted otherwise (`*` stays unexpanded). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9._:/=@%+,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`
}

/** Names with their shared separator-ended prefix ("alice.orders", "alice.payments" → "alice."); the rest stay literal. */
export function sharedPrefixes(names: readonly string[]): {prefixes: Array<{prefix: string; names: string[]}>; literal: string[]} {
  const buckets = new Map<string, string[]>()
  const literal: string[] = []
  for (const name of names) {
    const cut = Math.max(...[...name.matchAll(new RegExp(SEPARATORS, 'g'))].map((m) => m.index ?? -1), -1)
    if (cut <= 0 || cut === name.length - 1) {
      literal.push(name)
      continue
    }
    const key = name.slice(0, cut + 1)
    buckets.set(key, [...(buckets.get(key) ?? []), name])
  }
  const prefixes: Array<{prefix: string; names: string[]}> = []
  for (const [key, members] of buckets) {
    if (members.length < 2) {
      literal.push(...members)
      continue
    }
    prefixes.push({prefix: key, names: members})
  }
  return {prefixes, literal}
}

function opsKey(ops: readonly Operation[]): string {
  return OPERATIONS.filter((op) => ops.includes(op)).join(',')
}

const PLURAL: Record<ResourceKind, string> = {topic: 'topics', group: 'groups', cluster: 'cluster', 'transactional-id': 'transactional ids'}

/** Denials of the same kind and the same operations become one grant. */
function grouped(denials: readonly Denial[]): Array<{kind: ResourceKind; operations: Operation[]; resources: AclResource[]}> {
  const groups = new Map<string, {kind: ResourceKind; operations: Operation[]; resources: AclResource[]}>()
  for (const d of denials) {
    if (d.operations.length === 0) continue
    const operations = OPERATIONS.filter((op) => d.operations.includes(op))
    const key = `${d.resource.kind}|${opsKey(operations)}`
    const group = groups.get(key) ?? {kind: d.resource.kind, operations, resources: []}
    group.resources.push(d.resource)
    groups.set(key, group)
  }
  return [...groups.values()]
}

/** A grant target after prefix merging: one pattern with the names it stands for. */
interface Target {
  pattern: 'literal' | 'prefixed' | 'wildcard'
  name: string
  /** The literal names a shared prefix replaced (empty otherwise). */
  merged: string[]
}

function targetsOf(resources: readonly AclResource[]): Target[] {
  const targets: Target[] = []
  for (const r of resources) if (r.pattern === 'wildcard') targets.push({pattern: 'wildcard', name: '*', merged: []})
  for (const r of resources) if (r.pattern === 'prefixed') targets.push({pattern: 'prefixed', name: r.name, merged: []})
  const {prefixes, literal} = sharedPrefixes(resources.filter((r) => r.pattern === 'literal').map((r) => r.name))
  for (const p of prefixes) targets.push({pattern: 'prefixed', name: p.prefix, merged: p.names})
  for (const name of literal) targets.push({pattern: 'literal', name, merged: []})
  return targets
}

function describeTargets(kind: ResourceKind, targets: readonly Target[]): string {
  if (kind === 'cluster') return 'the cluster'
  const names = targets.map((t) => (t.pattern === 'prefixed' ? `${t.name}* (prefixed${t.merged.length > 0 ? `: ${t.merged.join(', ')}` : ''})` : t.pattern === 'wildcard' ? '* (any)' : t.name))
  return `${PLURAL[kind]} ${names.join(', ')}`
}

// ---- kafka-acls.sh -----------------------------------------------------------------------------

const ACLS_FLAG: Record<Exclude<ResourceKind, 'cluster'>, string> = {topic: '--topic', group: '--group', 'transactional-id': '--transactional-id'}

function kafkaAcls(ctx: FixContext, kind: ResourceKind, operations: readonly Operation[], targets: readonly Target[], prefixed: boolean): string {
  const parts = ['kafka-acls.sh', '--bootstrap-server', shellQuote(ctx.bootstrap), '--command-config', 'admin.properties', '--add', '--allow-principal', shellQuote(ctx.principal.principal)]
  for (const op of operations) parts.push('--operation', op)
  if (kind === 'cluster') {
    parts.push('--cluster')
  } else {
    for (const t of targets) parts.push(ACLS_FLAG[kind], shellQuote(t.name))
    if (prefixed) parts.push('--resource-pattern-type', 'prefixed')
  }
  return parts.join(' ')
}

function kafkaAclsCommands(ctx: FixContext, denials: readonly Denial[]): FixCommand[] {
  const out: FixCommand[] = []
  for (const g of grouped(denials)) {
    const ops = g.operations.join(', ')
    if (g.kind === 'cluster') {
      out.push({tool: 'kafka-acls', grants: `${ops} on the cluster`, command: kafkaAcls(ctx, 'cluster', g.operations, [], false)})
      continue
    }
    const targets = targetsOf(g.resources)
    const literal = targets.filter((t) => t.pattern !== 'prefixed') // `*` is a literal pattern in Kafka ACLs
    const prefixed = targets.filter((t) => t.pattern === 'prefixed')
    if (prefixed.length > 0) {
      const merged = prefixed.flatMap((t) => t.merged)
      const cmd: FixCommand = {tool: 'kafka-acls', grants: `${ops} on ${describeTargets(g.kind, prefixed)}`, command: kafkaAcls(ctx, g.kind, g.operations, prefixed, true)}
      if (merged.length > 0) cmd.literalAlternative = kafkaAcls(ctx, g.kind, g.operations, merged.map((name) => ({pattern: 'literal', name, merged: []})), false)
      out.push(cmd)
    }
    if (literal.length > 0) out.push({tool: 'kafka-acls', grants: `${ops} on ${describeTargets(g.kind, literal)}`, command: kafkaAcls(ctx, g.kind, g.operations, literal, false)})
  }
  return out
}

// ---- Confluent Cloud ---------------------------------------------------------------------------

const CONFLUENT_FLAG: Record<ResourceKind, string> = {topic: '--topic', group: '--consumer-group', 'transactional-id': '--transactional-id', cluster: '--cluster-scope'}

function confluentCommands(denials: readonly Denial[]): FixCommand[] {
  const account = '<service-account-id>'
  const out: FixCommand[] = []
  for (const g of grouped(denials)) {
    const operations = g.operations.map((op) => CONFLUENT_OPERATION[op]).join(',')
    const base = `confluent kafka acl create --allow --service-account ${account} --operations ${operations}`
    if (g.kind === 'cluster') {
      out.push({tool: 'confluent', grants: `${g.operations.join(', ')} on the cluster`, command: `${base} --cluster-scope`})
      continue
    }
    // The CLI takes one resource per command.
    for (const t of targetsOf(g.resources)) {
      const command = `${base} ${CONFLUENT_FLAG[g.kind]} ${shellQuote(t.name)}${t.pattern === 'prefixed' ? ' --prefix' : ''}`
      const fix: FixCommand = {tool: 'confluent', grants: `${g.operations.join(', ')} on ${describeTargets(g.kind, [t])}`, command}
      if (t.merged.length > 0) fix.literalAlternative = t.merged.map((name) => `${base} ${CONFLUENT_FLAG[g.kind]} ${shellQuote(name)}`).join('\n')
      out.push(fix)
    }
  }
  return out
}

// ---- AWS MSK with IAM --------------------------------------------------------------------------

/** kafka-cluster:* actions per Kafka operation (docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html), with the actions each one requires. */
const IAM_ACTIONS: Record<ResourceKind, Partial<Record<Operation, string[]>>> = {
  topic: {
    Describe: ['kafka-cluster:DescribeTopic'],
    Read: ['kafka-cluster:ReadData', 'kafka-cluster:DescribeTopic'],
    Write: ['kafka-cluster:WriteData', 'kafka-cluster:DescribeTopic'],
    Create: ['kafka-cluster:CreateTopic'],
  },
  group: {Describe: ['kafka-cluster:DescribeGroup'], Read: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup']},
  cluster: {
    Describe: ['kafka-cluster:DescribeCluster'],
    Create: ['kafka-cluster:CreateTopic'],
    IdempotentWrite: ['kafka-cluster:WriteDataIdempotently', 'kafka-cluster:WriteData'],
    DescribeConfigs: ['kafka-cluster:DescribeClusterDynamicConfiguration'],
  },
  'transactional-id': {Describe: ['kafka-cluster:DescribeTransactionalId'], Write: ['kafka-cluster:AlterTransactionalId', 'kafka-cluster:DescribeTransactionalId']},
}

const ARN_TYPE: Record<ResourceKind, string> = {topic: 'topic', group: 'group', 'transactional-id': 'transactional-id', cluster: 'cluster'}

function iamCommands(ctx: FixContext, denials: readonly Denial[]): FixCommand[] {
  const region = ctx.region ?? '<region>'
  const arn = (kind: ResourceKind, name?: string) =>
    kind === 'cluster' ? `arn:aws:kafka:${region}:<account-id>:cluster/<cluster-name>/<cluster-uuid>` : `arn:aws:kafka:${region}:<account-id>:${ARN_TYPE[kind]}/<cluster-name>/<cluster-uuid>/${name}`
  const out: FixCommand[] = []
  for (const g of grouped(denials)) {
    const actions = new Set<string>(['kafka-cluster:Connect'])
    for (const op of g.operations) for (const a of IAM_ACTIONS[g.kind][op] ?? []) actions.add(a)
    // CreateTopic (and WriteDataIdempotently's WriteData) act on topic ARNs.
    const resources =
      g.kind === 'cluster'
        ? [arn('cluster'), ...(g.operations.some((op) => op === 'Create' || op === 'IdempotentWrite') ? [arn('topic', '*')] : [])]
        : [arn('cluster'), ...targetsOf(g.resources).map((t) => arn(g.kind, t.pattern === 'literal' ? t.name : `${t.name === '*' ? '' : t.name}*`))]
    const statement = {Effect: 'Allow', Action: [...actions], Resource: resources}
    out.push({
      tool: 'iam-policy',
      grants: `${g.operations.join(', ')} on ${g.kind === 'cluster' ? 'the cluster' : describeTargets(g.kind, targetsOf(g.resources))}`,
      command: JSON.stringify(statement),
    })
  }
  return out
}

// ---- Heroku ------------------------------------------------------------------------------------

function herokuCommands(ctx: FixContext, denials: readonly Denial[]): FixCommand[] {
  const prefix = ctx.kafkaPrefix ?? ''
  const bare = (name: string) => (prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name)
  const out: FixCommand[] = []
  for (const d of denials) {
    if (d.operations.length === 0) continue
    const {resource} = d
    const ops = d.operations.join(', ')
    const lacksPrefix = prefix !== '' && resource.pattern !== 'wildcard' && !resource.name.startsWith(prefix)
    const prefixNote = lacksPrefix ? `the name lacks KAFKA_PREFIX (${prefix}): Heroku only grants names that start with it (${resource.kind === 'group' ? 'KD702' : 'KD701'})` : undefined
    switch (resource.kind) {
      case 'group':
        out.push({
          tool: 'heroku',
          grants: `${ops} on group ${resource.name}`,
          command: `heroku kafka:consumer-groups:create ${shellQuote(bare(resource.name))}`,
          note: prefixNote ?? 'Heroku grants a consumer group only once it is created (name without the prefix); the app then uses the prefixed name (KD703).',
        })
        break
      case 'topic':
        out.push({
          tool: 'heroku',
          grants: `${ops} on topic ${resource.name}`,
          command: `heroku kafka:topics:create ${shellQuote(bare(resource.name))}`,
          note: prefixNote ?? 'Heroku manages the ACLs: topics under KAFKA_PREFIX are granted to the app once created through the Heroku CLI.',
        })
        break
      default:
        out.push({
          tool: 'heroku',
          grants: `${ops} on ${resource.label}`,
          command: `# not grantable on Heroku multi-tenant plans`,
          note: 'Heroku manages the ACLs of multi-tenant plans; cluster and transactional-id rights are not offered there.',
        })
    }
  }
  return out
}

// ---- choice ------------------------------------------------------------------------------------

export function fixPlan(ctx: FixContext, denials: readonly Denial[]): FixPlan {
  const notes: string[] = []
  if (ctx.principal.note) notes.push(ctx.principal.note)
  let commands: FixCommand[]
  if (ctx.provider === 'msk' && ctx.iam) {
    commands = iamCommands(ctx, denials)
    notes.push('This MSK listener uses IAM authentication: Kafka ACLs do not apply to it. Add the statements to the IAM policy of the role or user the client runs as (fill in the account id, cluster name and uuid from the cluster ARN).')
  } else if (ctx.provider === 'confluent') {
    commands = confluentCommands(denials)
    notes.push(
      `Confluent Cloud grants to the service account that owns the API key${ctx.apiKey ? ` ${ctx.apiKey}` : ''} (\`confluent api-key describe ${ctx.apiKey ?? '<key>'}\` shows it); add --cluster <lkc-id> when no cluster is selected.`,
    )
  } else if (ctx.provider === 'heroku') {
    commands = herokuCommands(ctx, denials)
  } else {
    commands = kafkaAclsCommands(ctx, denials)
    notes.push(
      'Run kafka-acls as an admin principal: admin.properties holds that principal\'s client settings (security.protocol, sasl.*, ssl.*). Kafka 4 removed the ZooKeeper form (--authorizer-properties zookeeper.connect=…); --bootstrap-server works from Kafka 2.x on.',
    )
    if (ctx.provider === 'msk') notes.push('AWS MSK with SCRAM or TLS: run kafka-acls from a host inside the VPC with a principal that is a super user or holds ALTER on the cluster.')
  }
  return {commands, notes}
}
