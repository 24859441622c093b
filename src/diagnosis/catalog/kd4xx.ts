// KD4xx — authentication: SASL on the listener, the mechanism, the credentials, the token.

import type {CatalogEntryData} from './types.js'

export const entries = [
  {
    code: 'KD401',
    title: 'Listener requires SASL but the client is not configured for SASL',
    layer: 'authentication',
    defaultStatus: 'fail',
    explanation:
      "The port expects a SASL handshake (SASL_PLAINTEXT or SASL_SSL) but the client went straight to Kafka requests. The broker answers ApiVersions and then drops the connection at the next request, which arrived 'during SASL handshake'. librdkafka says the broker 'might require SASL authentication'.",
    causes: [
      {
        cause: '`security.protocol=SSL` against a SASL_SSL port (MSK 9096/9098, Confluent Cloud).',
        confirm: "kdoctor's listener probe sends a SASL handshake with a made-up mechanism: a SASL listener answers with the mechanisms it enables.",
      },
      {
        cause: '`security.protocol` unset (PLAINTEXT) against a SASL_PLAINTEXT port.',
        confirm: 'The same probe.',
      },
      {
        cause: 'Credentials configured, but `security.protocol` is not a SASL one, so they were never used (KD104).',
        confirm: "kdoctor's configuration check.",
      },
    ],
    fix: [
      'librdkafka: `security.protocol=SASL_SSL` (or `SASL_PLAINTEXT`), `sasl.mechanisms=<one the broker offers>`, `sasl.username`, `sasl.password`.',
      "Karafka: `config.kafka = { 'security.protocol': 'sasl_ssl', 'sasl.mechanisms': 'SCRAM-SHA-512', 'sasl.username': ENV.fetch('KAFKA_USERNAME'), 'sasl.password': ENV.fetch('KAFKA_PASSWORD') }`.",
      'Java: `security.protocol=SASL_SSL`, `sasl.mechanism=SCRAM-SHA-512`, `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="…";`.',
      "kafkajs: `sasl: { mechanism: 'scram-sha-512', username, password }`, plus `ssl: true` for SASL_SSL.",
    ],
    providers: {
      msk: 'SASL/SCRAM on 9096 (public 9196) and IAM on 9098 (public 9198) are SASL_SSL listeners.',
      confluent: 'Every Confluent Cloud connection is SASL_SSL with PLAIN (API key and secret) or OAUTHBEARER.',
    },
    related: ['KD104', 'KD301', 'KD403'],
    signatures: [
      {client: 'librdkafka', pattern: /Disconnected: verify that security\.protocol is correctly configured, broker might require SASL authentication/, note: 'librdkafka ≤ 2.11.0 wording'},
      {client: 'librdkafka', pattern: /(?<!Disconnected): verify that security\.protocol is correctly configured, broker might require SASL authentication/, note: 'librdkafka ≥ 2.11.1: the transport detail comes first'},
      {client: 'java', pattern: /Unexpected Kafka request of type \w+ during SASL handshake/, note: 'broker log'},
      {client: 'go', pattern: /is SASL missing\?/, note: 'franz-go: the broker closed the connection right after the first request'},
    ],
  },
  {
    code: 'KD402',
    title: 'Client uses SASL but the listener has no SASL',
    layer: 'authentication',
    defaultStatus: 'fail',
    explanation:
      "The client started a SASL handshake on a port without SASL (a PLAINTEXT or SSL listener). The broker answers the handshake with ILLEGAL_SASL_STATE — 'request not valid in current SASL state' — and an empty list of mechanisms.",
    causes: [
      {
        cause: '`security.protocol=SASL_SSL` against a TLS-only listener (MSK 9094, Heroku), or SASL_PLAINTEXT against PLAINTEXT.',
        confirm: "kdoctor's listener probe: the dummy SASL handshake returns ILLEGAL_SASL_STATE (34) instead of a mechanism list.",
      },
      {
        cause: 'SASL is right but on another port (MSK SCRAM is 9096; self-hosted clusters often have a separate SASL listener).',
        confirm: "kdoctor probes the provider's SASL port when it knows it.",
      },
    ],
    fix: [
      'If the listener is the right one, drop SASL — librdkafka: `security.protocol=SSL` (Heroku, MSK 9094 with client certificates) or `PLAINTEXT`, and remove the `sasl.*` settings.',
      'If SASL is the right method, use the SASL port (MSK SCRAM 9096, public 9196).',
      "Karafka: `config.kafka = { 'security.protocol': 'ssl' }` without `sasl.*` keys; Java `security.protocol=SSL` without `sasl.jaas.config`; kafkajs: remove `sasl`.",
    ],
    providers: {
      msk: '9094 is TLS without SASL; SCRAM is 9096, IAM 9098.',
      heroku: 'Heroku Kafka has no SASL: TLS with client certificates only.',
    },
    related: ['KD401', 'KD105'],
    signatures: [
      {client: 'librdkafka', pattern: /mechanism handshake failed: Broker: Request not valid in current SASL state/},
      {client: 'karafka', pattern: /Broker: Request not valid in current SASL state \(illegal_sasl_state\)/},
      {client: 'java', pattern: /IllegalSaslStateException: Unexpected handshake request with client mechanism \S+/},
      {client: 'kafkajs', pattern: /Request is not valid given the current SASL state/, note: 'also the sarama wording'},
    ],
  },
  {
    code: 'KD403',
    title: 'SASL mechanism not enabled on the broker',
    layer: 'authentication',
    defaultStatus: 'fail',
    explanation:
      'The listener does SASL, but not with the mechanism the client asked for. The broker replies UNSUPPORTED_SASL_MECHANISM together with the mechanisms it does enable; librdkafka and the Java client print that list, kafkajs drops it (kdoctor\'s probe asks for it directly).',
    causes: [
      {
        cause: 'AWS MSK SASL/SCRAM supports only SCRAM-SHA-512; SCRAM-SHA-256 and PLAIN fail.',
        confirm: "kdoctor's probe lists the mechanisms the listener offers.",
      },
      {
        cause: 'Confluent Cloud expects PLAIN (API key and secret) or OAUTHBEARER; SCRAM fails.',
        confirm: 'The same list.',
      },
      {
        cause: 'The MSK IAM port (9098) reached with SCRAM or PLAIN; it offers AWS_MSK_IAM and OAUTHBEARER.',
        confirm: 'The same list.',
      },
      {
        cause: 'Self-hosted: `sasl.enabled.mechanisms` (or `listener.name.<listener>.sasl.enabled.mechanisms`) lacks the mechanism.',
        confirm: 'The same list.',
      },
    ],
    fix: [
      "Use one of the mechanisms the broker lists: librdkafka `sasl.mechanisms=SCRAM-SHA-512`; Karafka `config.kafka = { 'sasl.mechanisms': 'SCRAM-SHA-512' }`; Java `sasl.mechanism=SCRAM-SHA-512` with `ScramLoginModule`; kafkajs `sasl: { mechanism: 'scram-sha-512', … }`.",
      "SCRAM credentials are stored per hash: create the one you use, e.g. `kafka-configs --bootstrap-server <host:port> --alter --add-config 'SCRAM-SHA-512=[password=…]' --entity-type users --entity-name app`.",
      'Broker side: `sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN` (per listener: `listener.name.<listener>.sasl.enabled.mechanisms`).',
    ],
    providers: {
      msk: 'SCRAM listener: SCRAM-SHA-512 only. IAM listener: AWS_MSK_IAM (Java) or OAUTHBEARER (librdkafka clients, KD108).',
      confluent: 'PLAIN with an API key and secret, or OAUTHBEARER with an identity pool.',
    },
    related: ['KD404', 'KD108', 'KD402'],
    signatures: [
      {client: 'librdkafka', pattern: /Unsupported SASL mechanism: broker's supported mechanisms: /},
      {client: 'karafka', pattern: /Broker: Unsupported SASL mechanism \(unsupported_sasl_mechanism\)/},
      {client: 'java', pattern: /UnsupportedSaslMechanismException: Client SASL mechanism '[^']+' not enabled in the server/},
      {client: 'kafkajs', pattern: /SASL \S+ mechanism is not supported by the server/},
      {client: 'kafkajs', pattern: /The broker does not support the requested SASL mechanism/, note: 'also the sarama wording'},
      {client: 'go', pattern: /\[33\] Unsupported SASL Mechanism/, note: 'kafka-go'},
    ],
  },
  {
    code: 'KD404',
    title: 'Authentication failed: invalid credentials',
    layer: 'authentication',
    defaultStatus: 'fail',
    explanation:
      'The broker checked the credentials and rejected them: a wrong user name or password, a credential that does not exist for this mechanism, or — on AWS MSK — a secret that is associated with the cluster but not active yet. The connection, TLS and the mechanism are fine.',
    causes: [
      {
        cause: 'Wrong user name or password, or a stray newline or space in the environment variable.',
        confirm: 'kdoctor reports the mechanism, the user name, the password\'s length and whether it has leading or trailing whitespace — never the password.',
      },
      {
        cause: 'AWS MSK: the SCRAM secret was associated only recently. The cluster already shows Active, but the credentials take a few minutes to be applied.',
        confirm: 'Wait a few minutes and run kdoctor again before changing anything; kdoctor notes MSK brokers and says so.',
      },
      {
        cause: 'AWS MSK: the secret cannot be used — its name does not start with `AmazonMSK_`, it is encrypted with the default AWS managed KMS key instead of a customer managed key, or it is not associated with this cluster.',
        confirm: '`aws kafka list-scram-secrets --cluster-arn <arn>` shows the associated secrets; `aws secretsmanager describe-secret --secret-id <name>` shows the KMS key.',
      },
      {
        cause: 'SCRAM from librdkafka older than 2.6.1 against a Kafka 4.x broker: librdkafka repeated the client nonce in its final message, which 4.x brokers now reject as invalid credentials although user and password are right (confluentinc/librdkafka#4895). Debian 12\'s kcat 1.7.1 (librdkafka 2.0.2) is affected.',
        confirm: 'kdoctor authenticates with its own SCRAM implementation: when its login succeeds with the same settings and it notes the broker as Kafka 4.x (KD505 note), the client library is the problem.',
      },
      {
        cause: 'The user exists only for the other SCRAM variant (SHA-256 instead of SHA-512).',
        confirm: '`kafka-configs --bootstrap-server <host:port> --describe --entity-type users --entity-name app` lists the variants.',
      },
      {
        cause: 'Confluent Cloud: an API key for another cluster, a deleted key, or a Cloud API key instead of a cluster (resource-scoped) key.',
        confirm: '`confluent api-key list --resource <lkc-id>`.',
      },
    ],
    fix: [
      "Set the right pair: librdkafka `sasl.username`, `sasl.password`; Karafka `config.kafka = { 'sasl.username': ENV.fetch('KAFKA_USERNAME'), 'sasl.password': ENV.fetch('KAFKA_PASSWORD') }`; Java `sasl.jaas.config=… username=\"app\" password=\"…\";`; kafkajs `sasl: { mechanism, username, password }`.",
      'AWS MSK after associating a secret: wait a few minutes and retry, even though the cluster is Active.',
      'SCRAM against Kafka 4.x: use librdkafka 2.6.1 or newer (karafka-rdkafka, confluent-kafka-python/-go and kcat builds that bundle it); `kcat -V` and `Rdkafka::LIBRDKAFKA_VERSION` show the version.',
      'AWS MSK secrets: name `AmazonMSK_<name>`, a customer managed KMS key, value `{"username":"…","password":"…"}`, associated with `aws kafka batch-associate-scram-secret --cluster-arn <arn> --secret-arn-list <secret-arn>`.',
      "Self-hosted SCRAM: (re)create the credential for the mechanism in use: `kafka-configs --bootstrap-server <host:port> --alter --add-config 'SCRAM-SHA-512=[password=…]' --entity-type users --entity-name app`.",
      'Confluent Cloud: create a key for the cluster: `confluent api-key create --resource <lkc-id>`.',
    ],
    providers: {
      msk: 'New or re-associated SCRAM secrets take a few minutes to apply; after maintenance or healing, re-check the association. Secrets need the `AmazonMSK_` prefix and a customer managed KMS key.',
      confluent: 'The user name is the API key and the password its secret; keys are scoped to one cluster.',
    },
    related: ['KD403', 'KD109', 'KD405'],
    signatures: [
      {client: 'librdkafka', pattern: /SASL authentication error: /},
      {client: 'librdkafka', pattern: /SASL authentication failure: /, note: 'librdkafka before 1.0'},
      {client: 'librdkafka', pattern: /: Disconnected \(after \d+ms in state AUTH_(?:HANDSHAKE|REQ)\b/, note: 'the broker closed the connection in the middle of authenticating, which is how it rejects a login on older protocol versions'},
      {client: 'java', pattern: /SaslAuthenticationException: Authentication failed/},
      {client: 'java', pattern: /Authentication failed during (?:re-)?authentication due to invalid credentials with SASL mechanism \S+/, note: 'broker message, relayed by every client'},
      {client: 'java', pattern: /Failed authentication with \S+ \(Authentication failed/, note: 'broker log'},
      {client: 'kafkajs', pattern: /SASL (?:SCRAM SHA(?:256|512)|PLAIN) authentication failed: /},
      {client: 'go', pattern: /kafka server: SASL Authentication failed|\[58\] SASL Authentication Failed/},
      {client: 'python', pattern: /KafkaError\{code=_AUTHENTICATION,val=-169\b/},
      {client: 'python', pattern: /\bSaslAuthenticationFailedError\b/, note: 'kafka-python, aiokafka'},
      {client: 'karafka', pattern: /Local: Authentication failure \(authentication\)/, weak: true, note: 'also raised for token failures; the preceding librdkafka line says which'},
      {client: 'librdkafka', pattern: /Local: Authentication failure\b/, weak: true, note: 'the error code alone (node-rdkafka, confluent-kafka-dotnet); a more specific line in the same log wins'},
    ],
  },
  {
    code: 'KD405',
    title: 'OAUTHBEARER token rejected',
    layer: 'authentication',
    defaultStatus: 'fail',
    explanation:
      "The client sent an OAUTHBEARER token and the broker refused it: expired or not yet valid, the wrong audience, issuer or scope, or not a token the broker can read. Brokers usually answer with a small JSON such as `{\"status\":\"invalid_token\"}`. kdoctor decodes the token's claims (exp, nbf, aud, iss, scope, sub) to show which one is off; it never prints the token itself.",
    causes: [
      {
        cause: 'Expired or not yet valid: clock skew, or `lifetime_ms` passed in seconds or as a duration instead of an absolute time in milliseconds.',
        confirm: 'kdoctor decodes exp, nbf and iat and compares them with its clock.',
      },
      {
        cause: "Wrong audience, issuer or scope for the broker's validator (`sasl.oauthbearer.expected.audience`, `sasl.oauthbearer.expected.issuer`, Confluent Cloud identity pool filters).",
        confirm: 'kdoctor shows the aud, iss and scope claims.',
      },
      {
        cause: 'The principal claim is missing or not the one the broker reads (`sasl.oauthbearer.sub.claim.name`).',
        confirm: 'kdoctor shows sub and the principal name sent.',
      },
      {
        cause: 'Not a JWT at all (an opaque token, or the wrong value passed as token).',
        confirm: 'kdoctor reports the token\'s shape (three base64url parts or not).',
      },
    ],
    fix: [
      'librdkafka OIDC: `sasl.oauthbearer.method=oidc`, `sasl.oauthbearer.token.endpoint.url`, `sasl.oauthbearer.client.id`, `sasl.oauthbearer.client.secret`, `sasl.oauthbearer.scope`, and for Confluent Cloud `sasl.oauthbearer.extensions=logicalCluster=lkc-…,identityPoolId=pool-…`.',
      'Karafka token provider: pass `lifetime_ms` as an absolute epoch time in milliseconds (e.g. `((Time.now.to_f + 900) * 1000).to_i`) and the right `principal_name` to `oauthbearer_set_token`.',
      'Java: `sasl.mechanism=OAUTHBEARER`, `sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler`, `sasl.oauthbearer.token.endpoint.url=…`.',
      'kafkajs: `oauthBearerProvider` must return a fresh `{ value }` before the previous token expires.',
      'When exp and nbf look right but the broker still refuses, fix the clock (NTP) on the client or the broker.',
    ],
    providers: {
      msk: 'On the IAM port the token is a signed MSK IAM token; an expired AWS session (assumed role, expired keys) makes it invalid.',
      confluent: 'The token must match an identity pool; send the `logicalCluster` and `identityPoolId` SASL extensions.',
    },
    related: ['KD407', 'KD404', 'KD109'],
    signatures: [
      {client: 'librdkafka', pattern: /SASL OAUTHBEARER authentication failed \(principal=/},
      {client: 'librdkafka', pattern: /Must supply an unexpired token/, note: 'the token provider handed over a token that is already expired'},
      {client: 'librdkafka', pattern: /SASL authentication error: .*\b(?:[Tt]oken (?:has )?expired|[Ee]xpired token|invalid_token|JWT)\b/, note: "the broker's OAuth validator names the token"},
      {client: 'kafkajs', pattern: /SASL OAUTHBEARER authentication failed: /},
      {client: 'java', pattern: /\{\\?"status\\?":\\?"invalid_token\\?"/, note: 'the broker\'s answer, relayed by every client'},
      {client: 'java', pattern: /The JWT is no longer valid|rejected due to invalid claims|Could not validate the access token/, note: 'broker-side JWT validation'},
    ],
  },
  {
    code: 'KD406',
    title: 'Authentication stalled or timed out',
    layer: 'authentication',
    defaultStatus: 'fail',
    explanation:
      "The SASL exchange started but did not finish in time: librdkafka sat in state AUTH_HANDSHAKE or AUTH_REQ until the connection setup timeout, or kafkajs' SASL request timed out. The broker is reachable and speaks SASL; something in the exchange hangs.",
    causes: [
      {
        cause: 'OAUTHBEARER without a token yet: the client waits for its token provider (KD407).',
        confirm: 'kdoctor obtains the token itself first and times that step.',
      },
      {
        cause: 'The broker or its authentication back end is slow (LDAP, OAuth validation, an overloaded controller).',
        confirm: 'kdoctor times each SASL step separately.',
      },
      {
        cause: "Client timeouts too short for the distance: kafkajs `authenticationTimeout` (10 s) and `connectionTimeout` (1 s).",
        confirm: 'kdoctor reports the measured handshake times.',
      },
      {
        cause: 'A proxy that passes the first packets but stalls later ones.',
        confirm: 'The handshake timing shows where it stops.',
      },
    ],
    fix: [
      'Check the token provider first (KD407).',
      "Then raise timeouts: librdkafka `socket.connection.setup.timeout.ms=60000` (Karafka `config.kafka = { 'socket.connection.setup.timeout.ms': 60_000 }`); Java `request.timeout.ms`; kafkajs `authenticationTimeout: 30000`.",
      'Test without the proxy or load balancer in between.',
    ],
    providers: {
      msk: 'IAM authentication calls AWS to sign the token; a pod without AWS credentials (no IRSA, no instance profile) can stall here.',
    },
    related: ['KD407', 'KD203', 'KD405'],
    signatures: [
      {client: 'librdkafka', pattern: /Connection setup timed out in state AUTH_(?:HANDSHAKE|REQ)\b/},
      {client: 'kafkajs', pattern: /Request Sasl(?:Handshake|Authenticate)\(key: \d+, version: \d+\) timed out/},
    ],
  },
  {
    code: 'KD407',
    title: 'The token provider failed to produce a token',
    layer: 'authentication',
    defaultStatus: 'fail',
    explanation:
      "OAUTHBEARER needs a token from a provider — an OIDC token endpoint, Karafka's token provider listener, kafkajs' `oauthBearerProvider`, an MSK IAM signer. The provider failed, so the client has nothing to send. librdkafka keeps retrying about every ten seconds and logs 'Failed to acquire SASL OAUTHBEARER token' with the provider's reason.",
    causes: [
      {
        cause: 'The provider is not wired: Karafka without `config.oauth.token_provider_listener`, or a custom WaterDrop producer without its own listener (only `Karafka.producer` inherits it).',
        confirm: 'kdoctor runs the token source it is given (`--oauth-token-command`, `--oauth-token-file`) and reports whether a token came back.',
      },
      {
        cause: "The provider's call failed: token endpoint unreachable, wrong client id or secret, no AWS credentials or role for the MSK IAM signer.",
        confirm: "The reason after 'Failed to acquire SASL OAUTHBEARER token:' names it; kdoctor reports the token endpoint's HTTP status.",
      },
      {
        cause: 'The provider returned something unusable: no value, or a `lifetime_ms` in the past.',
        confirm: 'kdoctor decodes the token (KD405).',
      },
    ],
    fix: [
      "Karafka: `config.oauth.token_provider_listener = TokenProvider.new`, whose `on_oauthbearer_token_refresh(event)` calls `event[:bearer].oauthbearer_set_token(token:, lifetime_ms:, principal_name:)` — or `oauthbearer_set_token_failure(reason)` on error; subscribe the same listener on every custom WaterDrop producer.",
      'librdkafka OIDC: test `sasl.oauthbearer.token.endpoint.url`, `sasl.oauthbearer.client.id` and `sasl.oauthbearer.client.secret` from the same pod (`curl -s -d grant_type=client_credentials -u <id>:<secret> <url>`).',
      'MSK IAM: the signer needs AWS credentials in the pod (IRSA or an instance profile) with `kafka-cluster:Connect` on the cluster.',
      "kafkajs: `oauthBearerProvider: async () => ({ value: await getToken() })` must resolve with a non-empty `value`.",
      'Java: `sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler` with `sasl.oauthbearer.token.endpoint.url`; failures surface as `LoginException`.',
    ],
    providers: {
      msk: 'For IAM with librdkafka clients the token provider signs a token with the pod\'s AWS credentials; without IRSA or an instance profile it fails here.',
      kubernetes: 'Token files projected into the pod (service account tokens) must be mounted in the container that runs the client.',
    },
    related: ['KD405', 'KD406', 'KD108', 'KD109'],
    signatures: [
      {client: 'librdkafka', pattern: /Failed to acquire SASL OAUTHBEARER token: /},
      {client: 'librdkafka', pattern: /OAUTHBEARER cannot log in because there is no token available/},
      {client: 'kafkajs', pattern: /SASL OAUTHBEARER: Invalid OAuth bearer token/, note: 'oauthBearerProvider resolved without a value'},
    ],
  },
] satisfies CatalogEntryData[]
