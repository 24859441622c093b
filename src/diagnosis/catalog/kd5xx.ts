// KD5xx — cluster and metadata: what the cluster says about itself once a client is in.

import type {CatalogEntryData} from './types.js'

export const entries = [
  {
    code: 'KD501',
    title: 'An advertised broker address is unreachable',
    layer: 'cluster',
    defaultStatus: 'fail',
    explanation:
      "Bootstrap works, but the brokers the cluster announces in its metadata — their `advertised.listeners` — cannot be reached from here. A client uses the bootstrap address only for its first request; after that it connects to every broker at the address that broker advertises. librdkafka shows the difference in the broker name: `…/bootstrap` is the address you configured, `…/<node id>` is an advertised one.",
    causes: [
      {
        cause: 'The advertised addresses belong to another network: internal listener names, private IPs behind NAT, in-cluster service names.',
        confirm: 'kdoctor fetches metadata through bootstrap, then runs DNS and TCP against every advertised broker and lists the ones that fail.',
      },
      {
        cause: 'Something that only covers bootstrap: `kubectl port-forward` to one pod, a single load balancer target, an SSH tunnel.',
        confirm: 'kdoctor compares bootstrap and advertised host:port pairs.',
      },
      {
        cause: "The advertised port belongs to another listener (TLS bootstrap, plaintext advertised).",
        confirm: "kdoctor's listener probe runs against each advertised broker.",
      },
      {
        cause: 'Some brokers are down or blocked (one availability zone behind a different rule).',
        confirm: 'kdoctor lists reachable and unreachable node ids.',
      },
    ],
    fix: [
      'Self-hosted: give each listener an address its clients can reach, e.g. `listeners=INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:9094`, `advertised.listeners=INTERNAL://kafka-0.kafka:9092,EXTERNAL://kafka-0.example.com:9094`, `listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:SASL_SSL`, `inter.broker.listener.name=INTERNAL`; outside clients use the EXTERNAL port.',
      'Kubernetes: expose every broker (one LoadBalancer or NodePort per broker, or the operator\'s external listener such as Strimzi `type: loadbalancer`), not just a bootstrap Service; `kubectl port-forward` cannot serve more than one broker.',
      'Docker: advertise `PLAINTEXT://localhost:9092` for clients on the host and a second listener with the service name for other containers.',
      'AWS MSK: use the bootstrap string meant for your network (public `b-N-public` names from outside the VPC); every broker\'s network interface needs the same security group rule.',
      'The client settings cannot fix this; only the broker side (or the network) can. The same applies to librdkafka, Karafka, Java and kafkajs.',
    ],
    providers: {
      msk: 'Bootstrap strings list a few brokers, but clients connect to all of them; a rule that admits only some subnets or IPs breaks the others.',
      kubernetes: 'Brokers advertise pod or headless-service names by default; clients outside the cluster need an external listener.',
      docker: 'The classic case: the broker advertises its container id or `localhost`, so a client on another host or container connects to the wrong place.',
      confluent: 'With private networking, every broker name must resolve through the private DNS zone, not just the bootstrap name.',
    },
    related: ['KD502', 'KD201', 'KD202', 'KD203'],
    signatures: [
      {client: 'librdkafka', pattern: /(?<![\w+\/.-])(?:(?:plaintext|ssl|sasl_plaintext|sasl_ssl):\/\/)?[^\s/[\]]+:\d+\/\d+: (?:Connect to \S+ failed|Connection setup timed out in state CONNECT|Failed to resolve|Failed to connect to broker at)/, note: '`/<node id>` names a broker learnt from metadata, not from bootstrap.servers'},
      {client: 'java', pattern: /Connection to node (?!-)\d+ \([^)]*\) could not be established/, note: 'non-negative node ids come from metadata'},
      {client: 'java', pattern: /Error connecting to node \S+:\d+ \(id: (?!-)\d+ rack: [^)]*\)/},
    ],
  },
  {
    code: 'KD502',
    title: 'An advertised address looks internal',
    layer: 'cluster',
    defaultStatus: 'warn',
    explanation:
      'A broker advertises an address that only makes sense inside its own host, container or cluster: localhost or 127.x, a Docker container id, a `*.svc.cluster.local` name, or a private IP seen from outside. Clients elsewhere connect to themselves or cannot resolve the name, although bootstrap worked.',
    causes: [
      {
        cause: 'docker-compose or `docker run` with default advertised listeners: the container id or `localhost` is advertised.',
        confirm: 'kdoctor shows each advertised host and classifies it (loopback, container id, cluster-local, private).',
      },
      {
        cause: 'Kubernetes: brokers advertise pod or service DNS names that clients outside the cluster cannot resolve.',
        confirm: 'The same classification.',
      },
      {
        cause: 'A VM broker with `advertised.listeners` unset advertises its own host name (`ip-10-0-0-5.ec2.internal`).',
        confirm: 'The same classification.',
      },
    ],
    fix: [
      'Set `advertised.listeners` per listener to what clients use. Docker: `KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://localhost:9092,INTERNAL://kafka:29092` (Bitnami images: `KAFKA_CFG_ADVERTISED_LISTENERS`; older images: `KAFKA_ADVERTISED_HOST_NAME`).',
      'Kubernetes: add an external listener with per-broker external addresses (Strimzi `listeners[].type: loadbalancer|nodeport|ingress`; Bitnami chart `externalAccess.enabled=true`).',
      'Editing `/etc/hosts` on clients only hides the problem; use it for a quick test at most.',
    ],
    providers: {
      docker: 'A 12-hex-digit host name in an error is a container id that the broker advertised.',
      kubernetes: '`*.svc.cluster.local` and pod names are internal; external clients need an external listener.',
    },
    related: ['KD501', 'KD205', 'KD201'],
    signatures: [
      {client: 'librdkafka', pattern: /(?<![\w.-])(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|[0-9a-f]{12}|[\w-]+(?:\.[\w-]+)*\.svc(?:\.cluster\.local)?):\d+\/\d+: (?:Connect to \S+ failed|Failed to resolve|Connection setup timed out|Failed to connect to broker at)/, note: 'an advertised (`/<node id>`) broker with an internal name'},
      {client: 'librdkafka', pattern: /Failed to resolve '[0-9a-f]{12}:\d+'/, note: 'a container id can only come from advertised.listeners'},
      {client: 'java', pattern: /Connection to node (?!-)\d+ \((?:localhost|127\.[\d.]+|[0-9a-f]{12})\//},
      {client: 'java', pattern: /Error connecting to node [0-9a-f]{12}:\d+ \(id: \d+/},
      {client: 'node', pattern: /\bgetaddrinfo (?:ENOTFOUND|EAI_AGAIN) [0-9a-f]{12}\b/},
    ],
  },
  {
    code: 'KD503',
    title: 'Invalid replication factor',
    layer: 'cluster',
    defaultStatus: 'fail',
    explanation:
      "A topic was to be created with more replicas than the cluster has live brokers, and the broker refused. On AWS MSK the usual source is the cluster configuration's `default.replication.factor` being larger than the number of brokers (which follows the number of zones); tools such as `karafka-web install` and declarative topics pass their own factor.",
    causes: [
      {
        cause: '`default.replication.factor` (broker or MSK cluster configuration) larger than the broker count or the number of zones.',
        confirm: 'kdoctor reads the broker count from metadata and `default.replication.factor` through DescribeConfigs when allowed.',
      },
      {
        cause: 'A tool asked for a fixed factor: `karafka-web install --replication-factor 3`, declarative topics, Terraform.',
        confirm: 'The error comes back from the create request; kdoctor shows the live broker count next to it.',
      },
      {
        cause: 'A one-broker development cluster with internal topics at their default factor of 3 (`offsets.topic.replication.factor`, `transaction.state.log.replication.factor`).',
        confirm: 'Metadata shows a single broker.',
      },
      {
        cause: 'Brokers are down, so fewer are alive than usual.',
        confirm: 'kdoctor lists the brokers in metadata.',
      },
    ],
    fix: [
      'Make the factor fit: MSK cluster configuration `default.replication.factor` no larger than the broker count (3 brokers in 3 zones: 3; 2 zones: 2 or add brokers); the same line in `server.properties` for self-hosted brokers.',
      'Karafka Web UI: `bundle exec karafka-web install --replication-factor=<brokers, at most>`; declarative topics: `config(replication_factor: …)`.',
      'One-broker development cluster: `offsets.topic.replication.factor=1`, `transaction.state.log.replication.factor=1`, `transaction.state.log.min.isr=1`, `default.replication.factor=1`.',
      "Admin calls: `kafka-topics --create --replication-factor <N>`, Java `NewTopic(name, partitions, (short) N)`, kafkajs `createTopics({ topics: [{ topic, replicationFactor: N }] })`, librdkafka `rd_kafka_NewTopic_new(name, partitions, N, …)` — N no larger than the broker count, or -1 for the broker default.",
    ],
    providers: {
      msk: "`default.replication.factor` lives in the cluster configuration; keep it at or below the broker count, which is a multiple of the number of zones.",
      confluent: 'The replication factor is fixed at 3; pass 3 (e.g. `karafka-web install --replication-factor=3`).',
      heroku: 'Topics are created with the Heroku CLI; the replication factor has a lower limit of 3 on Heroku\'s plans.',
    },
    related: ['KD504', 'KD706'],
    signatures: [
      {client: 'librdkafka', pattern: /\bBroker: Invalid replication factor\b/, note: 'Karafka adds "(invalid_replication_factor)"'},
      {client: 'java', pattern: /InvalidReplicationFactorException\b/},
      {client: 'java', pattern: /[Rr]eplication factor: \d+ larger than available brokers: \d+|The target replication factor of \d+ cannot be reached because only \d+ broker/},
      {client: 'kafkajs', pattern: /Replication-factor is invalid/, note: 'also the sarama wording'},
      {client: 'python', pattern: /\bcode=INVALID_REPLICATION_FACTOR\b/},
      {client: 'python', pattern: /\bInvalidReplicationFactorError\b/, note: 'kafka-python'},
    ],
  },
  {
    code: 'KD504',
    title: 'Cluster unhealthy',
    layer: 'cluster',
    defaultStatus: 'warn',
    explanation:
      'The cluster answers, but part of it is not healthy: partitions without a leader, fewer in-sync replicas than `min.insync.replicas`, no group coordinator. Clients see retries, stalls or rejected writes on the affected partitions and groups.',
    causes: [
      {
        cause: 'Brokers down or restarting (rolling restart, MSK maintenance or healing); usually clears within minutes.',
        confirm: "kdoctor's metadata check counts partitions without a leader and under-replicated partitions per broker.",
      },
      {
        cause: '`min.insync.replicas` equal to the replication factor, so a single broker down blocks writes.',
        confirm: 'kdoctor reads the replication factor and `min.insync.replicas` where permitted.',
      },
      {
        cause: 'A topic created a moment ago (leader election takes a few seconds).',
        confirm: 'Run kdoctor again; a lasting state is a real problem.',
      },
      {
        cause: '`__consumer_offsets` unavailable, so no group coordinator (a one-broker cluster with the offsets topic at factor 3).',
        confirm: 'Metadata shows the internal topic\'s leaders.',
      },
      {
        cause: "The leader's advertised address is unreachable (KD501), which looks like a missing leader from the client side. kafkajs also reports a denied group (KD602, KD703 on Heroku) as 'Failed to find group coordinator'.",
        confirm: 'kdoctor dials every advertised broker and probes group rights directly.',
      },
    ],
    fix: [
      'Wait out restarts; check the broker logs of the broker ids that lost leadership.',
      'Use a replication factor of at least `min.insync.replicas + 1` (e.g. 3 and 2); on MSK keep at least three brokers for factor 3.',
      'One-broker development cluster: `offsets.topic.replication.factor=1`.',
      "librdkafka ≥ 2.x: `metadata.recovery.strategy=rebootstrap` (Karafka `config.kafka = { 'metadata.recovery.strategy': 'rebootstrap' }`) lets clients recover after brokers are replaced.",
    ],
    providers: {
      msk: 'Maintenance and healing replace brokers one at a time; with replication factor equal to `min.insync.replicas` writes stop meanwhile.',
      heroku: 'kafkajs reports a consumer group that was not created (KD703) as a missing group coordinator.',
    },
    related: ['KD503', 'KD501', 'KD602'],
    signatures: [
      {client: 'librdkafka', pattern: /Broker: (?:Leader not available|Not enough in-sync replicas|Message\(s\) written to insufficient number of in-sync replicas|Coordinator not available|Not coordinator|Coordinator load in progress)\b/},
      {client: 'java', pattern: /(?:LeaderNotAvailableException|NotEnoughReplicasException|NotEnoughReplicasAfterAppendException|CoordinatorNotAvailableException)\b/},
      {client: 'java', pattern: /\{[^{}=\s]+=LEADER_NOT_AVAILABLE\}/, note: 'NetworkClient: "Error while fetching metadata with correlation id N : {topic=LEADER_NOT_AVAILABLE}"'},
      {client: 'kafkajs', pattern: /There is no leader for this topic-partition as we are in the middle of a leadership election/},
      {client: 'kafkajs', pattern: /Messages are rejected since there are fewer in-sync replicas than required/},
      {client: 'kafkajs', pattern: /Failed to find group coordinator/, note: 'kafkajs hides group authorization errors behind this (KD602/KD703)'},
      {client: 'go', pattern: /kafka server: In the middle of a leadership election/, note: 'sarama'},
      {client: 'librdkafka', pattern: /Broker: Group coordinator not available\b/, note: 'the consumer-group wording (GroupCoordinator response error)'},
      {client: 'kafkajs', pattern: /The (?:group )?coordinator is not available|The coordinator is loading and hence can't process requests/},
      {client: 'java', pattern: /\b(?:COORDINATOR_NOT_AVAILABLE|NOT_COORDINATOR|COORDINATOR_LOAD_IN_PROGRESS|NOT_ENOUGH_REPLICAS(?:_AFTER_APPEND)?|LEADER_NOT_AVAILABLE)\b/, note: 'the protocol error names, as every client can print them'},
    ],
  },
  {
    code: 'KD505',
    title: 'Protocol or broker version incompatibility',
    layer: 'cluster',
    defaultStatus: 'fail',
    explanation:
      'Client and broker found no protocol version both support for a request, or the broker lacks a feature the client needs. Kafka 4.0 removed many old request versions (KIP-896), so old clients stop working against 4.x brokers; old brokers lack newer APIs.',
    causes: [
      {
        cause: 'An old client against Kafka 4.x or Confluent Cloud after protocol deprecations (librdkafka before 1.x, Java before 2.1; kafkajs 2.2.4 is no longer maintained).',
        confirm: "kdoctor reads the broker's ApiVersions and lists the requests whose version ranges do not overlap.",
      },
      {
        cause: 'Kafka 4.x and SCRAM from librdkafka before 2.6.1: the login fails with "invalid credentials" (see KD404) although nothing in the settings is wrong.',
        confirm: 'kdoctor tells a 4.x broker from its ApiVersions answer (Fetch below v4 is gone) and adds this note to a successful SCRAM login there.',
      },
      {
        cause: 'A feature that needs a newer broker: idempotence, transactions, headers, cooperative rebalancing.',
        confirm: 'The same list, per request.',
      },
      {
        cause: 'librdkafka told to guess: `api.version.request=false` or `broker.version.fallback` pinned.',
        confirm: "kdoctor's configuration check.",
      },
    ],
    fix: [
      'Upgrade the client: karafka-rdkafka / librdkafka 2.x, the Java client 3.x or later, current confluent-kafka-python/-go; consider a maintained Node client instead of kafkajs.',
      'Remove `api.version.request=false` and `broker.version.fallback` from librdkafka configurations (Karafka: from `config.kafka`).',
      'See the broker\'s ranges with `kafka-broker-api-versions --bootstrap-server <host:port>`.',
    ],
    providers: {
      confluent: 'Confluent Cloud announces protocol deprecations by email and names the clients (`client.id` and software version) still using old versions.',
    },
    related: ['KD402', 'KD404'],
    signatures: [
      {client: 'librdkafka', pattern: /Broker: API version not supported\b/, note: 'Karafka adds "(unsupported_version)"'},
      {client: 'librdkafka', pattern: /Local: Required feature not supported by broker\b/},
      {client: 'java', pattern: /UnsupportedVersionException\b/},
      {client: 'kafkajs', pattern: /The version of API is not supported|The Kafka server does not support the requested API version/},
    ],
  },
  {
    code: 'KD506',
    title: 'Topic does not exist and automatic creation is off',
    layer: 'cluster',
    defaultStatus: 'fail',
    explanation:
      "The client asked for a topic the cluster does not have. Whether a topic appears on first use depends on the broker's `auto.create.topics.enable` and on the client: librdkafka consumers never create topics, producers only with `allow.auto.create.topics=true`. Managed services mostly switch it off: Confluent Cloud and Heroku never create topics automatically, and on MSK ACLs block it.",
    causes: [
      {
        cause: 'The topic was never created where automatic creation is off (Confluent Cloud, Heroku, MSK with ACLs, most production clusters).',
        confirm: 'kdoctor lists topics through metadata, without creating anything, and reports whether the name exists.',
      },
      {
        cause: 'The name differs: a typo, another environment or cluster, a missing or doubled Heroku `KAFKA_PREFIX`.',
        confirm: 'kdoctor suggests close names from the topic list and checks the prefix.',
      },
      {
        cause: 'The topic exists but ACLs hide it (Describe denied can look like "unknown topic").',
        confirm: "kdoctor's authorized-operations probe tells denied from missing (KD601).",
      },
    ],
    fix: [
      'Create the topic: `kafka-topics --bootstrap-server <host:port> --create --topic events --partitions 6 --replication-factor 3`; Confluent Cloud `confluent kafka topic create events --partitions 6`; Heroku `heroku kafka:topics:create events --partitions 6` (name without the prefix).',
      'Karafka: declarative topics (`topic :events do config(partitions: 6, replication_factor: 3) end`) and `bundle exec karafka topics migrate`.',
      "Automatic creation, for development only: broker `auto.create.topics.enable=true` plus librdkafka producer `allow.auto.create.topics=true` (Karafka `config.kafka = { 'allow.auto.create.topics': true }`); Java consumers have `allow.auto.create.topics` (default true), which works only if the broker allows it.",
      "kafkajs: `admin.createTopics({ topics: [{ topic: 'events', numPartitions: 6, replicationFactor: 3 }] })`.",
    ],
    providers: {
      confluent: 'No automatic topic creation: create every topic (including the Karafka Web UI topics) with the CLI, the console or Terraform.',
      heroku: 'No automatic topic creation: `heroku kafka:topics:create <name without prefix>`; code uses the prefixed name on multi-tenant plans.',
      msk: '`auto.create.topics.enable` is off by default; with ACLs enforced, creating a topic also needs CREATE permission (KD604).',
    },
    related: ['KD601', 'KD604', 'KD701', 'KD706'],
    signatures: [
      {client: 'librdkafka', pattern: /Broker: Unknown topic or partition\b/, note: 'also in "Subscribed topic not available: <topic>: Broker: Unknown topic or partition"'},
      {client: 'karafka', pattern: /Local: Unknown (?:topic|partition) \((?:unknown_topic|unknown_partition)\)/},
      {client: 'librdkafka', pattern: /\bLocal: Unknown topic\b/, note: 'the client knows the topic does not exist in the cluster (RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)'},
      {client: 'java', pattern: /UnknownTopicOrPartitionException: This server does not host this topic-partition/},
      {client: 'java', pattern: /\{[^{}=\s]+=UNKNOWN_TOPIC_OR_PARTITION\}/, note: 'NetworkClient: "Error while fetching metadata with correlation id N : {topic=UNKNOWN_TOPIC_OR_PARTITION}"'},
      {client: 'java', pattern: /Topic \S+ not present in metadata after \d+ ms/, note: 'also seen when no broker is reachable at all'},
      {client: 'kafkajs', pattern: /This server does not host this topic-partition/},
      {client: 'go', pattern: /kafka server: Request was for a topic or partition that does not exist on this broker/, note: 'sarama'},
      {client: 'python', pattern: /\bcode=UNKNOWN_TOPIC_OR_PART\b/},
      {client: 'python', pattern: /\bUnknownTopicOrPartitionError\b|\bUNKNOWN_TOPIC_OR_PART(?:ITION)?\b/, note: 'the error class (kafka-python) and the protocol error name'},
    ],
  },
] satisfies CatalogEntryData[]
