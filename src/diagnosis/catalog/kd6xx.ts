// KD6xx — authorization: the principal is known, the ACLs (or roles, or IAM policies) say no.

import type {CatalogEntryData} from './types.js'

const GRANT_ALL =
  "`kafka-acls --bootstrap-server <host:port> --command-config admin.properties --add --allow-principal User:<user> --operation All --topic '*' --group '*'` grants that user every operation on all topics and groups (narrow `--topic`/`--group` to names, or add `--resource-pattern-type prefixed`, for production)."

export const entries = [
  {
    code: 'KD601',
    title: 'Topic authorization failed',
    layer: 'authorization',
    defaultStatus: 'fail',
    explanation:
      "The broker knows who the client is — authentication worked — but no ACL lets this principal describe, read or write the topic. This is how to tell ACLs from connectivity: cluster-level requests such as fetching cluster info still succeed, while using the topic is blocked.",
    causes: [
      {
        cause: 'ACLs are enforced and none grants this principal the topic — typical right after making AWS MSK public, which requires `allow.everyone.if.no.acl.found=false`.',
        confirm: 'kdoctor connects and fetches cluster metadata (that works), then probes what the principal may do on the topic without side effects (Describe, Read, Write).',
      },
      {
        cause: 'The topic does not exist and creating it is denied: with `allow.everyone.if.no.acl.found=false`, ACLs override `auto.create.topics.enable=true` (KD604).',
        confirm: 'kdoctor checks whether the topic exists and whether CREATE is allowed (CreateTopics with validate_only, which creates nothing).',
      },
      {
        cause: 'Heroku multi-tenant: the topic name lacks `KAFKA_PREFIX` (KD701).',
        confirm: 'kdoctor checks names against `KAFKA_PREFIX`.',
      },
      {
        cause: "Confluent Cloud: the API key's service account has no ACL or role binding for the topic.",
        confirm: '`confluent kafka acl list --service-account sa-…`.',
      },
      {
        cause: "The Karafka Web UI topics (`karafka_*`) are not covered by the app's ACLs.",
        confirm: 'kdoctor probes the Web UI topics when asked to.',
      },
    ],
    fix: [
      GRANT_ALL,
      'Minimal grants: a consumer needs `--operation Read --operation Describe --topic <topic> --group <group>`; a producer `--operation Write --operation Describe --topic <topic>`.',
      'Create topics before opening the cluster to ACL-only access; automatic creation stops working then (KD604).',
      'Confluent Cloud: `confluent kafka acl create --allow --service-account sa-… --operations read,write,describe --topic <topic>`.',
      'Confirm it is ACLs: `kdoctor connect` succeeds up to metadata (cluster info works), `kdoctor acl-check --topic <topic>` shows the denied operations; in a Karafka console `Karafka::Admin.cluster_info` succeeds while topic use fails.',
    ],
    providers: {
      msk: 'Public access (and multi-VPC connectivity with SCRAM) requires `allow.everyone.if.no.acl.found=false`; from then on every topic and group needs ACLs, or the principal must be a super user. With IAM authentication, IAM policies (`kafka-cluster:ReadData`, `WriteData`, `DescribeTopic`) replace Kafka ACLs.',
      confluent: 'Access is granted per service account with ACLs or RBAC role bindings.',
      heroku: 'Multi-tenant plans only allow names that start with `KAFKA_PREFIX`.',
    },
    related: ['KD604', 'KD602', 'KD506', 'KD701'],
    signatures: [
      {client: 'librdkafka', pattern: /Broker: Topic authorization failed\b/, note: 'Karafka adds "(topic_authorization_failed)"; consumers log "Subscribed topic not available: <topic>: …"'},
      {client: 'java', pattern: /TopicAuthorizationException: Not authorized to access topics: \[[^\]]*\]/},
      {client: 'java', pattern: /\{[^{}=\s]+=TOPIC_AUTHORIZATION_FAILED\}/, note: 'NetworkClient metadata warning'},
      {client: 'java', pattern: /is Denied [Oo]peration = \w+ from host = \S+ on resource = Topic:/, note: 'broker authorizer log'},
      {client: 'kafkajs', pattern: /Not authorized to access topics: \[/},
      {client: 'go', pattern: /kafka server: The client is not authorized to access this topic/, note: 'sarama'},
      {client: 'python', pattern: /\bcode=TOPIC_AUTHORIZATION_FAILED\b/},
      {client: 'python', pattern: /\bTopicAuthorization(?:FailedError|Exception|Failed)\b|\bTOPIC_AUTHORIZATION_FAILED\b/, note: 'the error class in each client (kafka-python, Java, ruby-kafka Kafka::TopicAuthorizationFailed) and the protocol error name'},
    ],
  },
  {
    code: 'KD602',
    title: 'Group authorization failed',
    layer: 'authorization',
    defaultStatus: 'fail',
    explanation:
      'The principal may not use the consumer group. Joining a group, committing and fetching offsets need READ (and DESCRIBE) on the group itself, separately from the topic. Karafka uses several groups — the app\'s (`app` by default), `karafka_admin` for Admin API calls and the Web UI, and `karafka_web` for the Web UI consumer — and each needs a grant.',
    causes: [
      {
        cause: 'No ACL for the group: `app` (Karafka\'s default `group_id`), `karafka_admin`, `karafka_web`; Karafka 2.2–2.3 prefixed them with the client id (`karafka_app`).',
        confirm: 'kdoctor probes group READ with a request that joins nothing and triggers no rebalance.',
      },
      {
        cause: 'Heroku multi-tenant: the group lacks `KAFKA_PREFIX` (KD702) or was not created beforehand (KD703).',
        confirm: 'kdoctor checks group names against `KAFKA_PREFIX`.',
      },
      {
        cause: 'Confluent Cloud: the service account has no READ on the group.',
        confirm: '`confluent kafka acl list --service-account sa-…`.',
      },
      {
        cause: "kafkajs reports this as 'Failed to find group coordinator'.",
        confirm: "kdoctor's own probe reports the broker's real answer.",
      },
    ],
    fix: [
      '`kafka-acls --bootstrap-server <host:port> --command-config admin.properties --add --allow-principal User:<user> --operation Read --operation Describe --group app` (repeat for `karafka_admin` and `karafka_web`, or use `--group karafka_ --resource-pattern-type prefixed`).',
      GRANT_ALL,
      'Confluent Cloud: `confluent kafka acl create --allow --service-account sa-… --operations read --consumer-group app`.',
      'Heroku: `heroku kafka:consumer-groups:create app` (without the prefix) and `config.group_id = "#{ENV[\'KAFKA_PREFIX\']}app"`.',
    ],
    providers: {
      msk: 'With ACLs enforced, each consumer group needs its own grant (or a prefixed one); with IAM, `kafka-cluster:AlterGroup` and `DescribeGroup`.',
      confluent: 'Grant READ on the consumer group to the service account.',
      heroku: 'Groups must carry `KAFKA_PREFIX` and be created with the Heroku CLI first.',
    },
    related: ['KD601', 'KD702', 'KD703'],
    signatures: [
      {client: 'librdkafka', pattern: /Broker: Group authorization failed\b/, note: 'Karafka adds "(group_authorization_failed)"; also in JoinGroup/FindCoordinator/OffsetFetch errors'},
      {client: 'java', pattern: /GroupAuthorizationException: Not authorized to access group: \S+/},
      {client: 'java', pattern: /is Denied [Oo]peration = \w+ from host = \S+ on resource = Group:/, note: 'broker authorizer log'},
      {client: 'kafkajs', pattern: /Not authorized to access group: /},
      {client: 'go', pattern: /kafka server: The client is not authorized to access this group/, note: 'sarama'},
      {client: 'python', pattern: /\bcode=GROUP_AUTHORIZATION_FAILED\b/},
      {client: 'python', pattern: /\bGroupAuthorization(?:FailedError|Exception|Failed)\b|\bGROUP_AUTHORIZATION_FAILED\b/, note: 'the error class in each client (kafka-python, Java, ruby-kafka Kafka::GroupAuthorizationFailed) and the protocol error name'},
    ],
  },
  {
    code: 'KD603',
    title: 'Cluster authorization failed',
    layer: 'authorization',
    defaultStatus: 'fail',
    explanation:
      'The request needs a cluster-level permission the principal lacks: creating topics (CREATE on the cluster), changing or describing configurations and ACLs, or — on brokers older than 2.8 — idempotent writes (IDEMPOTENT_WRITE).',
    causes: [
      {
        cause: 'Creating topics from the app or a tool (`karafka topics migrate`, `karafka-web install`, an Admin API call) without CREATE on the cluster.',
        confirm: "kdoctor's CreateTopics probe with validate_only=true (nothing is created).",
      },
      {
        cause: 'An idempotent producer on an old broker needs IDEMPOTENT_WRITE (librdkafka `enable.idempotence=true`; the Java producer has it on by default since 3.0).',
        confirm: '`kdoctor acl-check` probes IdempotentWrite with an InitProducerId the broker refuses right after authorizing it (no producer id is allocated); since Kafka 2.8 WRITE on any topic is enough (KIP-679).',
      },
      {
        cause: 'A managed platform that does not allow creating topics through the API (Heroku).',
        confirm: 'kdoctor recognises the provider.',
      },
    ],
    fix: [
      "Create topics out of band with an admin principal or the platform's tooling (`heroku kafka:topics:create`, `confluent kafka topic create`, `kafka-topics --create`).",
      'Or grant it: `kafka-acls --bootstrap-server <host:port> --command-config admin.properties --add --allow-principal User:<user> --operation Create --cluster` (`--operation AlterConfigs --cluster` for configuration changes).',
      "Idempotence on brokers before 2.8: `--operation IdempotentWrite --cluster`, or switch it off: librdkafka `enable.idempotence=false` (Karafka `config.kafka = { 'enable.idempotence': false }`), Java `enable.idempotence=false`, kafkajs `idempotent: false` (its default).",
    ],
    providers: {
      heroku: 'Topics and groups are managed with the Heroku CLI, not through the Kafka admin API.',
      confluent: 'Creating topics needs the CREATE ACL on the cluster (or a role such as DeveloperManage) for the service account.',
    },
    related: ['KD601', 'KD604'],
    signatures: [
      {client: 'librdkafka', pattern: /Broker: Cluster authorization failed\b/},
      {client: 'java', pattern: /ClusterAuthorizationException\b/},
      {client: 'java', pattern: /is Denied [Oo]peration = \w+ from host = \S+ on resource = Cluster:/, note: 'broker authorizer log'},
      {client: 'kafkajs', pattern: /(?<!Broker: )Cluster authorization failed/},
      {client: 'go', pattern: /kafka server: The client is not authorized to send this request type/, note: 'sarama'},
      {client: 'python', pattern: /\bcode=CLUSTER_AUTHORIZATION_FAILED\b/},
      {client: 'python', pattern: /\bClusterAuthorization(?:FailedError|Failed)\b|\bCLUSTER_AUTHORIZATION_FAILED\b/, note: 'the error class (kafka-python, ruby-kafka) and the protocol error name'},
    ],
  },
  {
    code: 'KD604',
    title: 'ACLs block topic auto-creation',
    layer: 'authorization',
    defaultStatus: 'fail',
    explanation:
      "The broker has `auto.create.topics.enable=true`, yet a new topic never appears: with an authorizer and `allow.everyone.if.no.acl.found=false`, creating a topic on first use is itself an operation that needs CREATE permission, and no ACL grants it. The ACL setting wins over auto-creation. It is what happens on AWS MSK once public access (or multi-VPC SCRAM) forces `allow.everyone.if.no.acl.found=false`.",
    causes: [
      {
        cause: 'Topics were expected to appear on first use, then the cluster switched to ACL-only access (e.g. MSK public access).',
        confirm: '`kdoctor acl-check --topic <topic>` checks that the topic is missing (Metadata without auto-creation) and that CREATE is denied (CreateTopics with validate_only), and reads `auto.create.topics.enable` from the broker (DescribeConfigs) — or says it assumes the platform default when the principal may not read it. When Describe is denied too, Kafka hides whether the topic exists, and the finding is a warning.',
      },
      {
        cause: 'The principal may read and write the topic name but not create it.',
        confirm: 'The same probe.',
      },
    ],
    fix: [
      'Create the topics before opening the cluster (or now, with an admin principal): `kafka-topics --bootstrap-server <host:port> --command-config admin.properties --create --topic <topic> --partitions 6 --replication-factor 3`; Karafka `bundle exec karafka topics migrate` run with an admin principal.',
      'Or allow creation: `kafka-acls … --add --allow-principal User:<user> --operation Create --topic <topic>` (or `--cluster`).',
      'Grant the use of the topics too (KD601): ' + GRANT_ALL,
      "Make clients stop relying on it so the failure is explicit: librdkafka `allow.auto.create.topics=false` (Karafka `config.kafka = { 'allow.auto.create.topics': false }`), Java consumer `allow.auto.create.topics=false`, kafkajs `allowAutoTopicCreation: false`.",
    ],
    providers: {
      msk: 'MSK sets `allow.everyone.if.no.acl.found=true` by default; public access needs it false, after which auto-creation and every ungranted topic and group stop working.',
    },
    related: ['KD601', 'KD603', 'KD506'],
    signatures: [
      {client: 'java', pattern: /is Denied [Oo]peration = (?:Create|CREATE) from host = \S+ on resource = (?:Topic|Cluster):\S+ for request = Metadata\b/, note: 'broker authorizer log: a Metadata request tried to create the topic'},
    ],
  },
  {
    code: 'KD605',
    title: 'Transactional id authorization failed',
    layer: 'authorization',
    defaultStatus: 'fail',
    explanation:
      'A transactional producer was denied its `transactional.id`. Initialising transactions needs WRITE (and DESCRIBE) on the TransactionalId resource, separately from the topic ACLs.',
    causes: [
      {
        cause: 'No ACL for the transactional id (WaterDrop transactional producer, Kafka Streams exactly-once, Java `transactional.id`).',
        confirm: '`kdoctor acl-check --transactional-id <id>` probes DESCRIBE (DescribeTransactions) and WRITE (a Produce carrying a transactional batch to a partition that does not exist: the broker checks the id first and writes nothing).',
      },
      {
        cause: 'The id differs per deployment or pod (derived from the host name) while the ACL covers one literal name.',
        confirm: 'Compare the id kdoctor shows with the ACL\'s pattern type.',
      },
    ],
    fix: [
      "`kafka-acls --bootstrap-server <host:port> --command-config admin.properties --add --allow-principal User:<user> --operation Write --operation Describe --transactional-id <id>` (for a family of ids: `--transactional-id app- --resource-pattern-type prefixed`).",
      "WaterDrop/librdkafka: `transactional.id` (`config.kafka = { 'transactional.id': 'app-1' }`); Java `transactional.id`; kafkajs `kafka.producer({ transactionalId: 'app-1', idempotent: true, maxInFlightRequests: 1 })`.",
      'On brokers before 2.8, transactional producers also need IdempotentWrite on the cluster (KD603).',
    ],
    providers: {
      msk: 'With IAM authentication, grant `kafka-cluster:DescribeTransactionalId` and `kafka-cluster:AlterTransactionalId` on the transactional-id resource instead of ACLs.',
      confluent: 'Grant WRITE and DESCRIBE on the transactional id to the service account.',
    },
    related: ['KD603', 'KD601'],
    signatures: [
      {client: 'librdkafka', pattern: /Broker: Transactional Id authorization failed\b/},
      {client: 'java', pattern: /TransactionalIdAuthorizationException\b/},
      {client: 'java', pattern: /is Denied [Oo]peration = \w+ from host = \S+ on resource = TransactionalId:/, note: 'broker authorizer log'},
      {client: 'kafkajs', pattern: /(?<!Broker: )Transactional Id authorization failed/},
      {client: 'python', pattern: /\bcode=TRANSACTIONAL_ID_AUTHORIZATION_FAILED\b/},
      {client: 'python', pattern: /\bTransactionalIdAuthorizationFailedError\b|\bTRANSACTIONAL_ID_AUTHORIZATION_FAILED\b/, note: 'the error class (kafka-python) and the protocol error name'},
    ],
  },
] satisfies CatalogEntryData[]
