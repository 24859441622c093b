// KD3xx — listener and TLS: the right protocol on the port, and a certificate both sides accept.

import type {CatalogEntryData} from './types.js'

export const entries = [
  {
    code: 'KD301',
    title: 'Plaintext client talking to a TLS listener',
    layer: 'listener-tls',
    defaultStatus: 'fail',
    explanation:
      "The security settings do not match the listener: the client sent Kafka's first request (ApiVersions) in clear text to a port that expects a TLS handshake, and the broker dropped the connection. librdkafka asks whether you are 'connecting to a SSL listener?'; its state APIVERSION_QUERY says TCP worked and the very first Kafka request failed.",
    causes: [
      {
        cause: '`security.protocol` not set (it defaults to PLAINTEXT) while the port is TLS: Heroku (always TLS), MSK 9094/9096/9098 and 919x, Confluent Cloud 9092.',
        confirm: "kdoctor's listener probe sends a TLS ClientHello to the port; if a handshake completes, the listener is TLS.",
      },
      {
        cause: '`security.protocol=SASL_PLAINTEXT` against a SASL_SSL listener.',
        confirm: 'The same probe, followed by a SASL handshake over TLS that lists the mechanisms.',
      },
      {
        cause: 'A broker older than 0.10 that does not know ApiVersions (practically never today).',
        confirm: 'Only once TLS is ruled out.',
      },
    ],
    fix: [
      'librdkafka: `security.protocol=SSL` (TLS only: Heroku, MSK 9094) or `security.protocol=SASL_SSL` (MSK 9096/9098, Confluent Cloud).',
      "Karafka: `config.kafka = { 'security.protocol': 'ssl' }` or `{ 'security.protocol': 'sasl_ssl', 'sasl.mechanisms': … }`.",
      'Java: `security.protocol=SSL` or `SASL_SSL` (old Java clients could even run out of memory reading the TLS alert as a message size).',
      "kafkajs: `ssl: true` (or `ssl: { ca: [...] }`), plus `sasl: { … }` for SASL_SSL.",
    ],
    providers: {
      heroku: 'Heroku Kafka is TLS only: `security.protocol=SSL` with the certificates from `KAFKA_CLIENT_CERT`, `KAFKA_CLIENT_CERT_KEY` and `KAFKA_TRUSTED_CERT`.',
      msk: 'Only 9092 is plaintext; every other MSK port needs TLS (SSL or SASL_SSL).',
      confluent: 'Port 9092 is SASL_SSL: `security.protocol=SASL_SSL`, `sasl.mechanisms=PLAIN`.',
    },
    related: ['KD302', 'KD401', 'KD105', 'KD204'],
    signatures: [
      {client: 'librdkafka', pattern: /Disconnected while requesting ApiVersion\b/, note: 'librdkafka 1.5 – 2.11.0 wording'},
      {client: 'librdkafka', pattern: /: requesting ApiVersion: might be caused by incorrect security\.protocol configuration/, note: 'librdkafka ≥ 2.11.1 puts the transport detail first'},
      {client: 'librdkafka', pattern: /Connection setup timed out in state APIVERSION_QUERY\b/, note: 'the TLS listener waits for more bytes instead of closing'},
      {client: 'java', pattern: /SSLException: Unsupported or unrecognized SSL message|Unrecognized SSL message, plaintext connection\?/, note: 'broker log: clear text arrived on an SSL listener'},
      {client: 'go', pattern: /is this a plaintext connection speaking to a tls endpoint\?/, note: 'franz-go (rpk, kminion)'},
      {client: 'java', pattern: /java\.lang\.OutOfMemoryError: Java heap space/, note: 'the plaintext Java client reads the first bytes of a TLS record as a message size of about 350 MB and tries to allocate it (KAFKA-4090); the stack shows NetworkReceive.readFrom'},
    ],
  },
  {
    code: 'KD302',
    title: 'TLS client talking to a plaintext listener',
    layer: 'listener-tls',
    defaultStatus: 'fail',
    explanation:
      "The client opened a TLS handshake on a port that speaks plain Kafka. The broker read the TLS ClientHello as the length of a Kafka request — a huge one — and closed the connection, so the handshake never finished.",
    causes: [
      {
        cause: '`security.protocol=SSL`/`SASL_SSL` (kafkajs `ssl: true`) against a PLAINTEXT or SASL_PLAINTEXT port, e.g. MSK 9092 or a local broker on 9092.',
        confirm: "kdoctor's listener probe: ApiVersions in clear text succeeds where TLS fails at once.",
      },
      {
        cause: 'The brokers advertise another listener than the one used for bootstrap (TLS bootstrap, plaintext advertised port).',
        confirm: 'librdkafka names advertised brokers `…/<node id>`; kdoctor probes every advertised address with the same settings.',
      },
      {
        cause: 'A TLS-terminating load balancer for bootstrap only.',
        confirm: 'Same per-broker probe: bootstrap speaks TLS, brokers do not.',
      },
    ],
    fix: [
      'librdkafka: use the TLS port (MSK 9094 for TLS, 9096 for SCRAM), or set `security.protocol=PLAINTEXT`/`SASL_PLAINTEXT` to match the listener.',
      "Karafka: `config.kafka = { 'security.protocol': 'plaintext' }` for a plaintext development broker.",
      'Java: `security.protocol=PLAINTEXT`; kafkajs: remove `ssl`.',
      'Self-hosted: make `advertised.listeners` name the same listener (protocol and port) that clients bootstrap through.',
    ],
    providers: {
      msk: '9092 is the only plaintext port; TLS is 9094 (public 9194).',
      docker: 'Development images usually expose PLAINTEXT on 9092; a TLS listener needs its own port and certificates.',
    },
    related: ['KD301', 'KD501', 'KD105'],
    signatures: [
      {client: 'librdkafka', pattern: /connecting to a PLAINTEXT broker listener\?/},
      {client: 'librdkafka', pattern: /SSL handshake failed: .*(?:wrong version number|packet length too long|unknown protocol)/, note: "OpenSSL's words for a first answer that is not TLS"},
      {client: 'node', pattern: /ERR_SSL_WRONG_VERSION_NUMBER|routines:[\w:]*wrong version number/},
      {client: 'java', pattern: /InvalidReceiveException: Invalid receive \(size = \d+ larger than \d+\)/, note: 'broker log: a TLS ClientHello read as a message size'},
      {client: 'go', pattern: /tls: first record does not look like a TLS handshake/},
      {client: 'python', pattern: /\[SSL: WRONG_VERSION_NUMBER\] wrong version number/},
    ],
  },
  {
    code: 'KD303',
    title: 'Server certificate not trusted',
    layer: 'listener-tls',
    defaultStatus: 'fail',
    explanation:
      "The broker's certificate chain does not lead to a CA the client trusts: a private or self-signed CA the client was not given, an incomplete chain, or an image without the system CA bundle. librdkafka reports every verification failure with the same 'certificate verify failed' words, so kdoctor checks trust, host name (KD304) and dates (KD305) separately.",
    causes: [
      {
        cause: 'Private CA not configured: self-hosted brokers, Heroku (`KAFKA_TRUSTED_CERT`), an operator-issued CA (Strimzi).',
        confirm: "kdoctor's TLS probe shows the broker certificate's issuer and whether the configured CA verifies the chain.",
      },
      {
        cause: 'No system CA bundle in the image (alpine, distroless, slim) for brokers with public CAs (MSK, Confluent Cloud).',
        confirm: 'kdoctor checks the default CA locations librdkafka looks in (e.g. /etc/ssl/certs/ca-certificates.crt).',
      },
      {
        cause: 'Really a host name mismatch or an expired certificate, reported by librdkafka with the same words.',
        confirm: 'kdoctor checks the SANs (KD304) and the validity dates (KD305) of the same certificate.',
      },
      {
        cause: 'Heroku rotated its CA while the app uses an old copy of `KAFKA_TRUSTED_CERT`, or only the first of its two certificates.',
        confirm: 'kdoctor counts the certificates in the CA value and tries each.',
      },
    ],
    fix: [
      'librdkafka: `ssl.ca.location=/path/ca.pem` or `ssl.ca.pem=<PEM text, may hold several certificates>`; for public CAs install the bundle (`apt-get install ca-certificates`, `apk add ca-certificates`).',
      "Karafka: `config.kafka = { 'ssl.ca.pem': ENV['KAFKA_TRUSTED_CERT'] }` (Heroku) or `{ 'ssl.ca.location': '/etc/ssl/certs/ca-certificates.crt' }`.",
      'Java: `ssl.truststore.type=PEM` with `ssl.truststore.location=/path/ca.pem` (or a JKS truststore built with `keytool -importcert`).',
      "kafkajs: `ssl: { ca: [fs.readFileSync('/path/ca.pem', 'utf8')] }`; Node also reads `NODE_EXTRA_CA_CERTS=/path/ca.pem`.",
      'Do not switch verification off to get past this (KD107).',
    ],
    providers: {
      heroku: 'The CA is `KAFKA_TRUSTED_CERT`; pass the whole value as `ssl.ca.pem` (two certificates during a rotation).',
      msk: 'Broker certificates chain to a public CA (Amazon Trust Services); a missing system CA bundle is the usual cause.',
      confluent: 'Public CA; on macOS or with Python, point `ssl.ca.location` at a bundle (e.g. certifi\'s) when the system one is not found.',
      kubernetes: 'Distroless and alpine images often lack `ca-certificates`; operators such as Strimzi issue their own cluster CA, published in a Secret.',
    },
    related: ['KD304', 'KD305', 'KD107', 'KD106'],
    signatures: [
      {client: 'librdkafka', pattern: /SSL handshake failed: .*certificate verify failed/, note: 'librdkafka uses these words for an untrusted CA, a host name mismatch and an expired certificate alike'},
      {client: 'java', pattern: /PKIX path building failed|unable to find valid certification path to requested target/},
      {client: 'node', pattern: /self[- ]signed certificate(?: in certificate chain)?\b|unable to verify the first certificate|unable to get local issuer certificate|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/},
      {client: 'go', pattern: /x509: certificate signed by unknown authority/},
      {client: 'python', pattern: /\[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed: (?:self[- ]signed certificate|unable to get local issuer certificate|unable to get issuer certificate)/},
      {client: 'librdkafka', pattern: /Failed to verify broker certificate: /, note: 'librdkafka ≥ 1.x with its own verification; the reason follows (an expired certificate is KD305)'},
      {client: 'karafka', pattern: /SSL_connect returned=1 errno=0 (?:peeraddr=\S+ )?state=error: certificate verify failed/, note: "Ruby OpenSSL (ruby-kafka, older Karafka)"},
    ],
  },
  {
    code: 'KD304',
    title: 'Server certificate does not cover the host name',
    layer: 'listener-tls',
    defaultStatus: 'fail',
    explanation:
      "The broker's certificate is signed by a trusted CA but issued for other names: the host name the client connected to is not among its Subject Alternative Names. It happens when connecting by IP address or through an alias — and always with Heroku Kafka, whose broker certificates do not name the EC2 hosts listed in `KAFKA_URL`.",
    causes: [
      {
        cause: 'Heroku Kafka: the broker certificates do not carry the `ec2-….compute-1.amazonaws.com` names. librdkafka 2.0 turned host name checking on by default, so apps break after an upgrade.',
        confirm: 'kdoctor recognises Heroku brokers, verifies the chain against `KAFKA_TRUSTED_CERT` and checks the host name separately.',
      },
      {
        cause: 'Connecting by IP address, or through a DNS alias or load balancer name that the certificate does not list.',
        confirm: "kdoctor prints the certificate's SANs next to the name it connected to.",
      },
      {
        cause: 'Bootstrap through one name, advertised brokers under names the certificate lacks.',
        confirm: 'kdoctor checks the SANs for every advertised broker, not only the bootstrap one.',
      },
    ],
    fix: [
      'Connect with a name the certificate lists (kdoctor prints them), or reissue the certificate with the names clients use.',
      "Heroku only — keep the CA check, skip the host name check: librdkafka `ssl.endpoint.identification.algorithm=none` with `ssl.ca.pem`; Karafka `config.kafka = { 'ssl.endpoint.identification.algorithm': 'none', 'ssl.ca.pem': ENV['KAFKA_TRUSTED_CERT'] }`.",
      'Java (Heroku): `ssl.endpoint.identification.algorithm=` (empty value).',
      'kafkajs (Heroku): `ssl: { ca: [process.env.KAFKA_TRUSTED_CERT], cert: process.env.KAFKA_CLIENT_CERT, key: process.env.KAFKA_CLIENT_CERT_KEY, checkServerIdentity: () => undefined }` — not `rejectUnauthorized: false`, which drops the CA check too.',
    ],
    providers: {
      heroku: 'Expected on every Heroku Kafka plan: keep CA verification with `KAFKA_TRUSTED_CERT` and set `ssl.endpoint.identification.algorithm=none` (kdoctor then reports only the KD107 note).',
      msk: 'Use the broker names from the bootstrap string; the certificates are issued for the `*.kafka.<region>.amazonaws.com` names, not for IP addresses.',
      kubernetes: 'A certificate issued for the external name fails for clients using the internal service name, and the reverse; list both in the SANs (cert-manager `dnsNames`, Strimzi `alternativeNames`).',
    },
    related: ['KD303', 'KD107', 'KD502'],
    signatures: [
      {client: 'node', pattern: /Hostname\/IP (?:does not|doesn't) match certificate's altnames|ERR_TLS_CERT_ALTNAME_INVALID/},
      {client: 'kafkajs', pattern: /Connection error: Hostname\/IP (?:does not|doesn't) match certificate's altnames/},
      {client: 'java', pattern: /No subject alternative (?:DNS )?names?\b|No name matching \S+ found/, note: "with or without the name that was looked for ('present' when the certificate has no SAN at all)"},
      {client: 'go', pattern: /x509: certificate is valid for .+, not \S+|x509: certificate is not valid for any names/},
      {client: 'python', pattern: /certificate verify failed: (?:Hostname mismatch|IP address mismatch)/},
      {client: 'librdkafka', pattern: /ssl:\/\/ec2-[\d-]+\.compute(?:-1)?\.amazonaws\.com:\d+\/\S+: SSL handshake failed: .*certificate verify failed/, note: 'Heroku broker names: librdkafka cannot tell a name mismatch from an untrusted CA, and on Heroku it is the name'},
      {client: 'karafka', pattern: /hostname "[^"]+" does not match the server certificate/, note: 'Ruby OpenSSL (ruby-kafka, older Karafka)'},
    ],
  },
  {
    code: 'KD305',
    title: 'Server certificate expired or not yet valid',
    layer: 'listener-tls',
    defaultStatus: 'fail',
    explanation:
      'A certificate the broker presented is outside its validity period: expired, or not valid yet — and "not yet valid" usually means the client\'s clock is wrong.',
    causes: [
      {
        cause: 'The broker certificate was not renewed, or was renewed on disk but never loaded by the brokers.',
        confirm: 'kdoctor prints notBefore and notAfter of every certificate in the chain it was served.',
      },
      {
        cause: 'An intermediate or CA certificate in the chain expired, or the client trusts an expired copy of the CA.',
        confirm: 'The same dates, per chain element and per configured CA.',
      },
      {
        cause: "The client's clock is wrong (no NTP, a VM resumed from suspend).",
        confirm: 'kdoctor shows its own clock next to the dates; a certificate that is not valid yet points at the clock.',
      },
    ],
    fix: [
      'Renew the broker certificate and roll it out (restart the brokers, or reload the listener\'s keystore dynamically with `kafka-configs --alter --entity-type brokers --entity-name <id> --add-config listener.name.<listener>.ssl.keystore.location=…`).',
      'Replace an expired CA in the client\'s trust: librdkafka `ssl.ca.location`/`ssl.ca.pem`, Java truststore, kafkajs `ssl.ca`.',
      'Fix the clock: `timedatectl status`, enable NTP/chrony on the host or node.',
    ],
    providers: {
      heroku: 'Heroku renews certificates itself; an expired one means the app uses a copy instead of reading the config vars at boot.',
      kubernetes: 'cert-manager renews the Secret, but brokers keep the old certificate until restarted or reloaded.',
      msk: 'MSK manages broker certificates; for TLS client authentication, renew client certificates from the AWS Private CA.',
    },
    related: ['KD307', 'KD303', 'KD306'],
    signatures: [
      {client: 'node', pattern: /certificate has expired|CERT_HAS_EXPIRED|certificate is not yet valid|CERT_NOT_YET_VALID/},
      {client: 'java', pattern: /CertificateExpiredException: NotAfter|CertificateNotYetValidException: NotBefore|CertPathValidatorException: validity check failed/},
      {client: 'go', pattern: /x509: certificate has expired or is not yet valid/},
      {client: 'python', pattern: /\[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed: certificate (?:has expired|is not yet valid)/},
    ],
  },
  {
    code: 'KD306',
    title: 'Broker requires a client certificate (mutual TLS)',
    layer: 'listener-tls',
    defaultStatus: 'fail',
    explanation:
      "The listener requires the client to present a certificate (mutual TLS) and the client sent none, or one the broker does not accept — signed by an unknown CA, expired, or paired with the wrong key. The broker ends the handshake with an alert such as 'bad certificate' or 'certificate required'.",
    causes: [
      {
        cause: 'No client certificate configured. Heroku needs `KAFKA_CLIENT_CERT` and `KAFKA_CLIENT_CERT_KEY`; MSK TLS authentication (9094) needs a certificate from the cluster\'s AWS Private CA.',
        confirm: "kdoctor sees the broker ask for a certificate during the handshake and reports whether one was offered.",
      },
      {
        cause: 'A client certificate from a CA the broker does not trust, or an expired one.',
        confirm: "kdoctor prints the client certificate's issuer and validity.",
      },
      {
        cause: 'The certificate without its key, or with the wrong key (KD106).',
        confirm: 'kdoctor checks that key and certificate belong together.',
      },
    ],
    fix: [
      'librdkafka: `ssl.certificate.location` + `ssl.key.location` (or `ssl.certificate.pem` + `ssl.key.pem`), `ssl.key.password` when the key is encrypted.',
      "Karafka on Heroku: `config.kafka = { 'security.protocol': 'ssl', 'ssl.certificate.pem': ENV['KAFKA_CLIENT_CERT'], 'ssl.key.pem': ENV['KAFKA_CLIENT_CERT_KEY'], 'ssl.ca.pem': ENV['KAFKA_TRUSTED_CERT'], 'ssl.endpoint.identification.algorithm': 'none' }`.",
      'Java: `ssl.keystore.type=PEM` with `ssl.keystore.certificate.chain` and `ssl.keystore.key` (or a PKCS12/JKS keystore with `ssl.keystore.location` and `ssl.keystore.password`).',
      'kafkajs: `ssl: { ca: [...], cert: process.env.KAFKA_CLIENT_CERT, key: process.env.KAFKA_CLIENT_CERT_KEY }`.',
      'MSK: issue the client certificate from the AWS Private CA attached to the cluster (`aws acm-pca issue-certificate …`).',
    ],
    providers: {
      heroku: 'Every Heroku Kafka connection uses client certificates: `KAFKA_CLIENT_CERT` and `KAFKA_CLIENT_CERT_KEY`.',
      msk: 'TLS client authentication listens on 9094 (public 9194) and accepts certificates from the cluster\'s AWS Private CA.',
      kubernetes: 'Strimzi `type: tls` users get their certificate and key in a Secret named after the KafkaUser.',
    },
    related: ['KD106', 'KD305', 'KD704'],
    signatures: [
      {client: 'librdkafka', pattern: /client (?:SSL )?authentication might be required \(see (?:ssl\.key\.location and ssl\.certificate\.location|broker log)/, note: 'older librdkafka says "(see broker log)"'},
      {client: 'librdkafka', pattern: /SSL handshake failed: .*(?:alert bad certificate|alert certificate required)/},
      {client: 'node', pattern: /(?:sslv3|ssl\/tls) alert (?:bad certificate|certificate unknown)|tlsv13 alert certificate required|ERR_SSL_(?:(?:SSLV3|SSL\/TLS)_ALERT_(?:BAD_CERTIFICATE|CERTIFICATE_UNKNOWN)|TLSV13_ALERT_CERTIFICATE_REQUIRED)/, note: 'OpenSSL 3.0 says sslv3, newer OpenSSL (Node 22+) ssl/tls'},
      {client: 'java', pattern: /Received fatal alert: (?:bad_certificate|certificate_required|certificate_unknown)/},
      {client: 'java', pattern: /Empty client certificate chain|null cert chain/, note: 'broker log: the client sent no certificate'},
      {client: 'go', pattern: /remote error: tls: (?:bad certificate|certificate required|unknown certificate)/},
    ],
  },
  {
    code: 'KD307',
    title: 'A certificate expires soon',
    layer: 'listener-tls',
    defaultStatus: 'warn',
    explanation:
      "A certificate in use — the broker's, the client's or a CA — expires within kdoctor's warning window (30 days unless configured otherwise). Everything works today; on the expiry date TLS fails with KD305 (broker or CA certificate) or KD306 (client certificate). No client prints a warning before that happens, so kdoctor reads the dates itself.",
    causes: [
      {
        cause: 'Renewal is manual and nobody is reminded.',
        confirm: 'kdoctor reads notAfter of every certificate it is served or loads and reports the days left.',
      },
      {
        cause: 'Automatic renewal (cert-manager, an operator) updates the Secret but brokers or clients keep the old certificate loaded until they restart.',
        confirm: 'kdoctor compares the certificate the broker serves with the file the client is configured with.',
      },
      {
        cause: 'A CA rotation in progress: `KAFKA_TRUSTED_CERT` on Heroku holds two CAs, one of them close to expiry.',
        confirm: 'kdoctor lists each CA in the bundle with its dates.',
      },
    ],
    fix: [
      'Renew the certificate and roll it out before the date kdoctor prints; restart or reload whatever holds the old one.',
      'Automate renewal (cert-manager `Certificate` with `renewBefore`, operator-managed CAs) and make brokers reload keystores (`ssl.keystore.location` can be re-applied dynamically).',
      'Heroku: read `KAFKA_TRUSTED_CERT`, `KAFKA_CLIENT_CERT` and `KAFKA_CLIENT_CERT_KEY` at boot instead of copying them; rotations then need no change.',
    ],
    providers: {
      heroku: 'Heroku rotates certificates and restarts dynos with the new config vars.',
      kubernetes: 'cert-manager renews by default 30 days before expiry (`renewBefore`); pods must pick up the new Secret.',
    },
    related: ['KD305', 'KD306'],
    signatures: [],
  },
  {
    code: 'KD308',
    title: 'TLS handshake failed for another reason',
    layer: 'listener-tls',
    defaultStatus: 'fail',
    explanation:
      'The TLS handshake failed for a reason other than trust, name, dates or client certificates: no TLS version or cipher suite both sides accept, an alert from the server, or a handshake that stalled. Often one side is very old or very strict (TLS 1.0/1.1 only, FIPS-restricted ciphers), or a middlebox interferes with TLS.',
    causes: [
      {
        cause: 'No shared TLS version: the client requires TLS 1.2 or 1.3 and the broker offers less, or the other way round.',
        confirm: "kdoctor's TLS probe records the negotiated version and cipher, or the alert it received.",
      },
      {
        cause: 'No shared cipher suite (FIPS mode, `ssl.cipher.suites` restricted on either side).',
        confirm: 'The same probe.',
      },
      {
        cause: 'A proxy or inspection device intercepting TLS, or a stalled handshake (librdkafka: `Connection setup timed out in state SSL_HANDSHAKE`).',
        confirm: 'kdoctor times the handshake and shows which side sent the alert.',
      },
      {
        cause: 'The server needs SNI (a TLS router or ingress in front of Kafka) and the client connects by IP, so no name is sent.',
        confirm: 'kdoctor sends SNI for host names and notes IP targets.',
      },
    ],
    fix: [
      'librdkafka: align `ssl.cipher.suites` with the broker and check which OpenSSL the client was built with (Karafka: `Rdkafka::LIBRDKAFKA_VERSION`, `OpenSSL::OPENSSL_LIBRARY_VERSION`).',
      'Java: `ssl.enabled.protocols=TLSv1.2,TLSv1.3`, `ssl.protocol=TLSv1.3`, `ssl.cipher.suites=` matching the broker.',
      "kafkajs: `ssl: { minVersion: 'TLSv1.2', ciphers: '…' }`.",
      'Broker: `ssl.enabled.protocols=TLSv1.2,TLSv1.3`.',
      'Handshake timeouts: test without the proxy; raise `socket.connection.setup.timeout.ms` only when the handshake is merely slow.',
    ],
    providers: {
      kubernetes: 'An Ingress or TLS router in front of Kafka (TLS passthrough) routes on SNI; clients must connect by the exact host name.',
    },
    related: ['KD303', 'KD302', 'KD306'],
    signatures: [
      {client: 'librdkafka', pattern: /Connection setup timed out in state SSL_HANDSHAKE\b/},
      {client: 'librdkafka', pattern: /SSL handshake failed: .*(?:alert handshake failure|alert protocol version|no protocols available|unsupported protocol|no shared cipher|alert internal error|dh key too small|ee key too small|ca md too weak)/},
      {client: 'librdkafka', pattern: /Local: SSL error\b/, weak: true, note: 'a generic TLS error; the SSL handshake line before it says which'},
      {client: 'java', pattern: /SslAuthenticationException: SSL handshake failed\s*$/, weak: true, note: "the Java client's heading; the Caused by: below it says why"},
      {client: 'node', pattern: /routines:[\w:]*(?:sslv3 alert handshake failure|tlsv1 alert protocol version|no protocols available|unsupported protocol)|ERR_SSL_(?:SSLV3_ALERT_HANDSHAKE_FAILURE|TLSV1_ALERT_PROTOCOL_VERSION|NO_PROTOCOLS_AVAILABLE|UNSUPPORTED_PROTOCOL)/},
      {client: 'java', pattern: /Received fatal alert: (?:handshake_failure|protocol_version|insufficient_security)|No appropriate protocol \(protocol is disabled or cipher suites are inappropriate\)/},
      {client: 'go', pattern: /remote error: tls: (?:handshake failure|protocol version not supported|insufficient security)/},
      {client: 'python', pattern: /\[SSL: (?:SSLV3_ALERT_HANDSHAKE_FAILURE|TLSV1_ALERT_PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE)\]/},
    ],
  },
] satisfies CatalogEntryData[]
