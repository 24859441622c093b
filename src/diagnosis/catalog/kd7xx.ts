// KD7xx — platforms: Heroku conventions, the Karafka Web UI's topics, AWS network rules.

import type {CatalogEntryData} from './types.js'

export const entries = [
  {
    code: 'KD701',
    title: 'Heroku: topic name lacks the KAFKA_PREFIX',
    layer: 'platform',
    defaultStatus: 'fail',
    explanation:
      "On Heroku's multi-tenant Kafka plans every topic of your add-on lives under its prefix (`KAFKA_PREFIX`, e.g. `columbia-1234.`). The Heroku CLI adds the prefix when it creates a topic, but code must use the full, prefixed name. Without it the client asks for a topic it may not see: topic authorization failures, unknown-topic errors, or a Karafka consumer that quietly logs 'Polled 0 messages' forever.",
    causes: [
      {
        cause: 'Topic names in routes or producers without the prefix.',
        confirm: '`kdoctor heroku-prefix --topic <name as in the code>` checks the name against `KAFKA_PREFIX`, gives the corrected name, and on the cluster shows the unprefixed name denied (KD601) and whether the prefixed one exists (KD506).',
      },
      {
        cause: 'The prefix typed into the CLI (`heroku kafka:topics:create columbia-1234.events`), so the real name carries it twice.',
        confirm: '`kdoctor heroku-prefix` flags a name that carries the prefix twice; `heroku kafka:topics -a <app>` lists the real names.',
      },
      {
        cause: '`KAFKA_PREFIX` is not set in this process (KD704).',
        confirm: "kdoctor's environment check.",
      },
    ],
    fix: [
      'Create topics without the prefix: `heroku kafka:topics:create events --partitions 8 -a <app>`.',
      "Use the prefixed name in code: Karafka routes `topic \"#{ENV.fetch('KAFKA_PREFIX')}events\"`, WaterDrop `Karafka.producer.produce_async(topic: \"#{ENV.fetch('KAFKA_PREFIX')}events\", payload: …)`; librdkafka/Java `System.getenv(\"KAFKA_PREFIX\") + \"events\"`; kafkajs `` `${process.env.KAFKA_PREFIX}events` ``.",
      "Prefix the consumer groups as well (`config.group_id = \"#{ENV.fetch('KAFKA_PREFIX')}app\"`, KD702) and create them before the first consumer starts, named without the prefix: `heroku kafka:consumer-groups:create app -a <app>` (KD703).",
    ],
    providers: {
      heroku: 'Multi-tenant (basic) plans have a `KAFKA_PREFIX`; dedicated plans do not use one.',
    },
    related: ['KD702', 'KD703', 'KD601', 'KD506'],
    signatures: [
      {client: 'karafka', pattern: /\[\w+\] Polled 0 messages in \d+(?:\.\d+)?ms/, note: 'normal on an idle topic; kdoctor reports it only when the text shows Heroku (KAFKA_PREFIX, kafka+ssl:// or Heroku broker names)'},
    ],
  },
  {
    code: 'KD702',
    title: 'Heroku: consumer group lacks the KAFKA_PREFIX',
    layer: 'platform',
    defaultStatus: 'fail',
    explanation:
      "On multi-tenant Heroku Kafka, consumer groups are prefixed just like topics. Karafka uses several groups — your `group_id` (default `app`), `karafka_admin` (Admin API and Web UI) and `karafka_web` (the Web UI's consumer) — and each must start with `KAFKA_PREFIX`, or the broker denies it with a group authorization error.",
    causes: [
      {
        cause: '`config.group_id` without the prefix.',
        confirm: 'kdoctor checks every group name against `KAFKA_PREFIX`.',
      },
      {
        cause: 'The admin and Web UI groups left at their defaults (`karafka_admin`, `karafka_web`).',
        confirm: 'The same check.',
      },
      {
        cause: "kafkajs `groupId` without the prefix (kafkajs reports it as 'Failed to find group coordinator').",
        confirm: 'The same check.',
      },
    ],
    fix: [
      "Karafka: `config.group_id = \"#{ENV.fetch('KAFKA_PREFIX')}app\"` and `config.admin.group_id = \"#{ENV.fetch('KAFKA_PREFIX')}karafka_admin\"`; in `Karafka::Web.setup`, `config.group_id = \"#{ENV.fetch('KAFKA_PREFIX')}karafka_web\"`.",
      'librdkafka / Java: `group.id=<KAFKA_PREFIX>app`; kafkajs: ``kafka.consumer({ groupId: `${process.env.KAFKA_PREFIX}app` })``.',
      'Create each group on Heroku first, without the prefix (KD703).',
    ],
    providers: {
      heroku: 'Only multi-tenant plans use a prefix; the group name in code is `KAFKA_PREFIX` + name.',
    },
    related: ['KD703', 'KD701', 'KD602'],
    signatures: [],
  },
  {
    code: 'KD703',
    title: 'Heroku: consumer group was not created before use',
    layer: 'platform',
    defaultStatus: 'fail',
    explanation:
      "Heroku's multi-tenant Kafka does not create consumer groups on first use: a group must exist before any consumer joins it. Create it with the Heroku CLI using the name without the prefix; clients then use the prefixed name.",
    causes: [
      {
        cause: 'The group was never created (`heroku kafka:consumer-groups` does not list it).',
        confirm: "`kdoctor heroku-prefix --group <name>` describes the prefixed group without joining it: a group that was never created answers state 'Dead' with no members. `heroku kafka:consumer-groups -a <app>` lists the groups that exist.",
      },
      {
        cause: 'Created with the prefix typed in (`heroku kafka:consumer-groups:create columbia-1234.app`), so it carries the prefix twice.',
        confirm: 'Compare the list with the names in code.',
      },
      {
        cause: 'Only the app group was created; `karafka_admin` and `karafka_web` are missing.',
        confirm: '`kdoctor heroku-prefix` checks every group Karafka uses: `config.group_id`, `config.admin.group_id` and the Web UI group (`--group-id`, `--admin-group`, `--web-group` name yours).',
      },
    ],
    fix: [
      '`heroku kafka:consumer-groups:create app -a <app>` — and `karafka_admin`, `karafka_web` when the Admin API or Web UI is used — without the prefix.',
      'Use the prefixed names in the client (KD702).',
    ],
    providers: {
      heroku: 'Groups are managed with `heroku kafka:consumer-groups`, `kafka:consumer-groups:create` and `kafka:consumer-groups:destroy`.',
    },
    related: ['KD702', 'KD701', 'KD602'],
    signatures: [],
  },
  {
    code: 'KD704',
    title: 'Heroku: a required config variable is missing or malformed',
    layer: 'platform',
    defaultStatus: 'fail',
    explanation:
      "A Kafka config var that Heroku attaches to the app is missing in this process or was altered: `KAFKA_URL` (brokers), `KAFKA_TRUSTED_CERT` (CA), `KAFKA_CLIENT_CERT` and `KAFKA_CLIENT_CERT_KEY` (client certificate and key), and `KAFKA_PREFIX` on multi-tenant plans. An add-on attached under another name gets other variable names (e.g. `HEROKU_KAFKA_AQUA_URL`).",
    causes: [
      {
        cause: 'The add-on is attached under another name, so the variables are `<ATTACHMENT>_URL`, `<ATTACHMENT>_PREFIX`, ….',
        confirm: 'kdoctor lists the Kafka-like variable names it sees (names only, never values).',
      },
      {
        cause: 'The process does not get config vars (a Docker build step, a script started outside `heroku run`, a copied `.env`).',
        confirm: '`kdoctor heroku-prefix` checks the five variables in its environment, or in a file written by `heroku config --shell -a <app>` (`--env-file`).',
      },
      {
        cause: 'Values copied by hand and broken: newlines lost, only one of two CA certificates, stale after a rotation.',
        confirm: 'kdoctor parses each PEM, checks that certificate and key belong together and reads the dates (KD305, KD307); two certificates in `KAFKA_TRUSTED_CERT` are a CA rotation and both are reported.',
      },
      {
        cause: '`KAFKA_PREFIX` absent because the plan is dedicated (no prefix needed) or the attachment has another name.',
        confirm: 'kdoctor reports whether a prefix is in use.',
      },
    ],
    fix: [
      '`heroku config -a <app> | grep KAFKA` shows the names; `heroku addons:info <addon>` the attachment name.',
      "Read the variables at boot and never copy them: certificates rotate and dynos restart with the new values. In Karafka use `ENV.fetch('KAFKA_URL')` etc. so a missing variable fails with its name.",
      'Pass all three certificates: `ssl.ca.pem`, `ssl.certificate.pem`, `ssl.key.pem` (librdkafka/Karafka), `ssl: { ca, cert, key }` (kafkajs).',
    ],
    providers: {
      heroku: 'Variables: KAFKA_URL, KAFKA_TRUSTED_CERT, KAFKA_CLIENT_CERT, KAFKA_CLIENT_CERT_KEY, and KAFKA_PREFIX on multi-tenant plans.',
    },
    related: ['KD102', 'KD106', 'KD701'],
    signatures: [
      {client: 'karafka', pattern: /key not found: "(?:[A-Z0-9]+_)*KAFKA_(?:URL|PREFIX|CLIENT_CERT|CLIENT_CERT_KEY|TRUSTED_CERT)"/, note: 'Ruby ENV.fetch'},
      {client: 'python', pattern: /KeyError: '(?:[A-Z0-9]+_)*KAFKA_(?:URL|PREFIX|CLIENT_CERT|CLIENT_CERT_KEY|TRUSTED_CERT)'/},
    ],
  },
  {
    code: 'KD705',
    title: 'Karafka Web UI topic retention or cleanup policy too weak',
    layer: 'platform',
    defaultStatus: 'fail',
    explanation:
      "The Karafka Web UI keeps its state in Kafka topics. `karafka_consumers_states` and `karafka_consumers_metrics` hold a current snapshot and must be compacted; with delete-based retention — Heroku's default is one day — the snapshot is deleted and the Web UI reports 'Initial consumers state missing' (or missing metrics) although everything else works. The states, reports and metrics topics must also have exactly one partition.",
    causes: [
      {
        cause: "Heroku: the topics were created with the plan's default retention (one day) and no compaction.",
        confirm: "`kdoctor heroku-prefix` reads the Web UI topics' `cleanup.policy` and `retention.ms` (DescribeConfigs) and partition count and compares them with the settings `karafka-web install` uses.",
      },
      {
        cause: 'Topics created by hand or by automatic creation with broker defaults instead of `karafka-web install` or `migrate`.',
        confirm: 'The same comparison.',
      },
      {
        cause: 'The Web UI was never installed, so no state was ever written (KD706).',
        confirm: 'kdoctor checks that the topics exist.',
      },
    ],
    fix: [
      "The Web UI's settings: `karafka_consumers_states` and `karafka_consumers_metrics` — 1 partition, `cleanup.policy=compact`; `karafka_consumers_reports` — 1 partition, `cleanup.policy=delete`, `retention.ms=86400000`; `karafka_consumers_commands` — `cleanup.policy=delete`, `retention.ms=604800000`; `karafka_errors` — `cleanup.policy=delete`, `retention.ms=8035200000`.",
      'Heroku: `heroku kafka:topics:compaction karafka_consumers_states enable -a <app>` and the same for `karafka_consumers_metrics`; where compaction comes with time-based deletion (`cleanup.policy=compact,delete`), `heroku kafka:topics:retention-time karafka_consumers_states disable -a <app>` turns the deletion off and keeps compaction; raise retention of the delete-policy topics with `heroku kafka:topics:retention-time karafka_consumers_commands 7d -a <app>` (Heroku allows up to 2 weeks on standard plans).',
      'A states, reports or metrics topic with more than one partition cannot be fixed in place: delete it and create it again with `--partitions 1`.',
      'Self-hosted, MSK, Confluent: `kafka-configs --bootstrap-server <host:port> --alter --entity-type topics --entity-name karafka_consumers_states --add-config cleanup.policy=compact` (Confluent: `confluent kafka topic update karafka_consumers_states --config cleanup.policy=compact`).',
      'Then restart the Karafka processes so they publish a fresh state, or run `bundle exec karafka-web migrate`.',
    ],
    providers: {
      heroku: 'Default retention is one day (lower limit 6 hours) and topics are not compacted unless you enable it.',
      confluent: 'Create the Web UI topics by hand with these settings (KD706).',
    },
    related: ['KD706', 'KD503'],
    signatures: [
      {client: 'karafka', pattern: /\binitial consumers (?:state|metrics)\b.{0,40}(?:missing|not (?:been )?created)/i, note: 'Web UI status page ("Initial Consumers State Missing")'},
      {client: 'karafka', pattern: /Karafka::Web::Errors::Processing::MissingConsumers(?:State|Metrics)Error\b/},
      {client: 'java', pattern: /Topic: karafka_consumers_(?:states|metrics)\b.*Configs:.*cleanup\.policy=delete\b/, note: '`kafka-topics --describe` output'},
      {client: 'heroku', pattern: /Compaction is disabled for (?:\S+\.)?karafka_consumers_(?:states|metrics)\b/, note: '`heroku kafka:topics:info` output'},
    ],
  },
  {
    code: 'KD706',
    title: 'Karafka Web UI topics missing',
    layer: 'platform',
    defaultStatus: 'fail',
    explanation:
      "The Karafka Web UI needs its topics — `karafka_consumers_states`, `karafka_consumers_reports`, `karafka_consumers_metrics`, `karafka_consumers_commands` and `karafka_errors` — before it can work. `bundle exec karafka-web install` creates them; where the app may not create topics (Confluent Cloud, Heroku, MSK with ACLs) they have to be created by hand with the right settings.",
    causes: [
      {
        cause: 'A platform without automatic or API topic creation (Confluent Cloud, Heroku).',
        confirm: 'kdoctor lists which Web UI topics exist.',
      },
      {
        cause: '`karafka-web install` failed on ACLs (KD603, KD604) or on the replication factor (KD503).',
        confirm: 'The install output, or kdoctor\'s CreateTopics probe with validate_only.',
      },
      {
        cause: 'Heroku multi-tenant: the topics exist under the prefix but the Web UI looks for the bare names.',
        confirm: 'kdoctor checks names against `KAFKA_PREFIX`.',
      },
    ],
    fix: [
      'Run `bundle exec karafka-web install --replication-factor=3` with a principal allowed to create topics.',
      'Or create them by hand, one partition each, with the settings from KD705: `kafka-topics --bootstrap-server <host:port> --create --topic karafka_consumers_states --partitions 1 --replication-factor 3 --config cleanup.policy=compact`; Confluent Cloud `confluent kafka topic create karafka_consumers_states --partitions 1 --config cleanup.policy=compact`; Heroku `heroku kafka:topics:create karafka_consumers_states --partitions 1 -a <app>` followed by `heroku kafka:topics:compaction karafka_consumers_states enable -a <app>`.',
      'On Heroku multi-tenant plans, point the Web UI at the prefixed topic names in `Karafka::Web.setup`.',
    ],
    providers: {
      confluent: 'No automatic topic creation: create all five topics yourself (replication factor 3).',
      heroku: 'No automatic topic creation; create the topics with the Heroku CLI and enable compaction where KD705 says.',
      msk: 'With ACLs enforced, `karafka-web install` needs CREATE permission (KD604).',
    },
    related: ['KD705', 'KD506', 'KD604'],
    signatures: [
      {client: 'karafka', pattern: /Web UI requires the following topics to exist/},
      {client: 'karafka', pattern: /Karafka::Web::Errors::Processing::MissingConsumers(?:States|Metrics)TopicError\b/},
      {client: 'librdkafka', pattern: /Subscribed topic not available: (?:\S+\.)?karafka_(?:consumers_(?:states|reports|metrics|commands)|errors): Broker: Unknown topic or partition/},
      {client: 'java', pattern: /\{(?:\S+\.)?karafka_(?:consumers_(?:states|reports|metrics|commands)|errors)=UNKNOWN_TOPIC_OR_PARTITION\}/},
    ],
  },
  {
    code: 'KD707',
    title: 'AWS: a security group, network ACL or route blocks the broker port',
    layer: 'platform',
    defaultStatus: 'fail',
    explanation:
      "On AWS the path from the client to the broker port is closed by configuration: the MSK brokers' security group has no inbound rule for the client, a network ACL denies the port or the return traffic, or no route connects the client's subnet with the brokers' VPC. Packets are dropped silently, so clients see connection timeouts in state CONNECT.",
    causes: [
      {
        cause: "The brokers' security group has no inbound rule for the port from the client's security group or CIDR.",
        confirm: "`kdoctor aws reachability` (EC2 read access) maps broker IPs to MSK network interfaces, finds the client's interface (instance metadata, an EKS pod's address, or --source-eni) and evaluates both ends' security groups, network ACLs and route tables hop by hop, naming the rule and the command that opens it.",
      },
      {
        cause: 'A network ACL blocks the port or the ephemeral return ports (1024–65535).',
        confirm: 'The same evaluation: both subnets, both directions, the return traffic to the client\'s ephemeral ports and the implicit final deny.',
      },
      {
        cause: 'No route: another VPC without peering or Transit Gateway routes, or a client outside AWS while public access is off.',
        confirm: 'The same evaluation (local, peering, Transit Gateway routes, both ways), or `kdoctor aws reachability --deep`, which runs the VPC Reachability Analyzer.',
      },
      {
        cause: "The client's own security group restricts egress.",
        confirm: 'The same evaluation.',
      },
    ],
    fix: [
      'Add an inbound rule to the MSK security group: `aws ec2 authorize-security-group-ingress --group-id <msk-sg> --protocol tcp --port 9096 --source-group <client-sg>` (use the port of your authentication method: 9092/9094/9096/9098, public 9194/9196/9198).',
      'Network ACLs: allow the broker port inbound on the brokers\' subnets and ports 1024-65535 back towards the client.',
      'Across VPCs: routes for the peering connection or Transit Gateway in both route tables; from outside AWS: MSK public access with the public bootstrap string.',
      'Run `kdoctor aws reachability -b <broker>:<port>` where the app runs: it prints the blocked hop and the exact command (security group id, port, source group or CIDR); `--deep` confirms with the VPC Reachability Analyzer, which AWS bills per analysis.',
      'After changing a rule, allow a minute or two before testing again (KD708).',
    ],
    providers: {
      msk: 'Each broker has a network interface in a client subnet carrying the cluster\'s security groups; all brokers need the rule, not only the bootstrap ones.',
      kubernetes: 'On EKS the pod\'s traffic carries the node\'s security group (or the pod\'s own with security groups for pods).',
    },
    related: ['KD203', 'KD708', 'KD105'],
    signatures: [
      {client: 'librdkafka', pattern: /(?:(?:plaintext|ssl|sasl_plaintext|sasl_ssl):\/\/)?[\w.-]+\.kafka(?:-serverless)?\.[a-z0-9-]+\.amazonaws\.com:\d+\/\S+: (?:Connection setup timed out in state CONNECT|Connect to \S+ failed: (?:Connection|Operation) timed out)/, note: 'a dropped connection to an MSK broker name'},
      {client: 'kafkajs', pattern: /"message":"(?:\[Connection\] )?Connection timeout","broker":"[\w.-]+\.kafka(?:-serverless)?\.[a-z0-9-]+\.amazonaws\.com:\d+"/},
      {client: 'go', pattern: /Failed to connect to broker [\w.-]+\.kafka(?:-serverless)?\.[a-z0-9-]+\.amazonaws\.com:\d+: dial tcp \S+: i\/o timeout/, note: 'sarama'},
    ],
  },
  {
    code: 'KD708',
    title: 'AWS: the rules allow the path but the port still times out',
    layer: 'platform',
    defaultStatus: 'fail',
    explanation:
      "The AWS configuration allows the path — security groups, network ACLs and routes all permit the port — and yet connections time out. Either a recent change has not taken effect yet (security group changes can take a while to apply), or something the rules do not describe drops the traffic: a firewall appliance, a proxy or VPN, or the broker itself.",
    causes: [
      {
        cause: 'A security group or network ACL change from the last few minutes is still being applied.',
        confirm: '`kdoctor aws reachability` evaluates the rules through the EC2 API and probes the port live from the same host; it reports KD708 when the rules allow and the port still times out. Run it again after a minute.',
      },
      {
        cause: 'Traffic passes something outside the VPC rules: an inspection VPC or firewall appliance, a Transit Gateway appliance, a corporate proxy or VPN.',
        confirm: '`kdoctor aws reachability --deep` runs the Reachability Analyzer, which shows the components it assumes; compare with the real path (`traceroute -T -p <port> <broker>`).',
      },
      {
        cause: 'The broker is unhealthy or being replaced (MSK maintenance).',
        confirm: "Other brokers' ports answer; `aws kafka describe-cluster-v2 --cluster-arn <arn>` shows the cluster state.",
      },
    ],
    fix: [
      'Wait a minute or two after a security group change and run `kdoctor aws reachability` (or `kdoctor connect`) again before changing more rules.',
      'Run `kdoctor aws reachability --deep` (the VPC Reachability Analyzer, from the client\'s network interface to the broker\'s); check firewalls, proxies and VPNs on the real path.',
      'Check the MSK cluster state for maintenance: `aws kafka describe-cluster-v2 --cluster-arn <arn>`.',
    ],
    providers: {
      msk: 'Security group changes apply to existing network interfaces, but not always instantly; MSK maintenance replaces brokers one at a time.',
    },
    related: ['KD707', 'KD203'],
    signatures: [],
  },
] satisfies CatalogEntryData[]
