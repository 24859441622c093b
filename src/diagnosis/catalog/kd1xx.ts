// KD1xx — configuration: problems kdoctor can name before any packet is sent.

import type {CatalogEntryData} from './types.js'

export const entries = [
  {
    code: 'KD100',
    title: 'No explanation matched',
    layer: 'config',
    defaultStatus: 'fail',
    explanation:
      "kdoctor saw an error it has no catalog entry for. Rather than guess, it shows the raw message (with secrets masked) and whatever it could still read from it: host, port, librdkafka broker name and state, SASL mechanism, topic or group. The failure is real; only the explanation is missing.",
    causes: [
      {
        cause: 'Only a summary line was given: `Local: All broker connections are down`, `Local: Broker transport failure`, `N/N brokers are down`, `Local: Timed out`. These say that something failed, not what.',
        confirm: 'Paste the lines just before the summary (librdkafka logs the per-broker reason first), or run `kdoctor connect` with the app\'s settings, which tests each layer directly.',
      },
      {
        cause: 'A message kdoctor has not learnt yet: a client release that reworded an error, or a rare broker error.',
        confirm: '`kdoctor explain --json` lists what was parsed from the text; compare the raw line with the signatures on the other pages.',
      },
      {
        cause: 'The client logs too little to say why (default log levels hide the broker and security details).',
        confirm: "Reproduce with librdkafka `debug=broker,security` (Karafka: `config.kafka = { 'debug': 'broker,security' }`), Java `log4j.logger.org.apache.kafka=DEBUG`, kafkajs `logLevel: logLevel.DEBUG`, then explain the new output.",
      },
    ],
    fix: [
      'Run `kdoctor connect -b <bootstrap> -X <property>=<value> …` (or `-F client.properties`) with exactly the app\'s settings: it probes DNS, TCP, TLS, SASL and metadata in turn and names the layer that fails.',
      'Give `kdoctor explain` a longer excerpt that contains the first error, not only the last one.',
      'If the message deserves an entry, open an issue with the masked line that `kdoctor explain` printed.',
    ],
    providers: {},
    related: [],
    signatures: [],
  },
  {
    code: 'KD101',
    title: 'Unknown or misspelled client property',
    layer: 'config',
    defaultStatus: 'fail',
    explanation:
      "The client does not know one of the configuration keys it was given. librdkafka (and with it Karafka, kcat, confluent-kafka-python/-go) refuses to create the client; the Java client starts anyway and only logs that the key is unknown, so the setting silently does nothing. Most often the key belongs to another client's vocabulary: Java's `ssl.truststore.location` handed to librdkafka, or librdkafka's `sasl.mechanisms` handed to Java.",
    causes: [
      {
        cause: 'A Java-client property used with librdkafka/Karafka: `ssl.truststore.location`, `ssl.keystore.location`, `sasl.jaas.config`.',
        confirm: 'kdoctor checks every `-X`/`-F` key against librdkafka\'s property list and prints the closest valid name (the line and file it came from too).',
      },
      {
        cause: 'A librdkafka property given to the Java client: `sasl.mechanisms`, `ssl.ca.location`, `enable.ssl.certificate.verification`.',
        confirm: "The Java client logs `The configuration 'X' was supplied but isn't a known config` (newer: `These configurations '[X]' were supplied but are not used yet`) at start-up; `kdoctor explain` picks that line out.",
      },
      {
        cause: 'A typo or the wrong separator: `security_protocol`, `bootstrap_servers`, `sasl.mechanism.s`.',
        confirm: 'Same did-you-mean check against the property list.',
      },
    ],
    fix: [
      'Translate Java names to librdkafka: `ssl.truststore.location` → `ssl.ca.location` (a PEM file), `ssl.keystore.location` → `ssl.certificate.location` + `ssl.key.location`, `sasl.jaas.config` → `sasl.username` + `sasl.password`. `sasl.mechanism` may stay: librdkafka accepts it as an alias of `sasl.mechanisms`.',
      "Karafka: the keys of `config.kafka` are librdkafka properties written as symbols, e.g. `config.kafka = { 'bootstrap.servers': 'broker:9092', 'ssl.ca.location': '/etc/ssl/certs/ca-certificates.crt' }`.",
      'Java: use `sasl.mechanism` (singular) and `ssl.truststore.type=PEM` with `ssl.truststore.location`; drop librdkafka-only keys.',
      "kafkajs takes no property strings: translate to its options, e.g. `ssl: { ca: [fs.readFileSync('ca.pem', 'utf8')] }`, `sasl: { mechanism: 'scram-sha-512', username, password }`.",
      'Check a key without touching the cluster: `kdoctor connect -X <key>=<value>` stops at the configuration step with a did-you-mean.',
    ],
    providers: {
      confluent:
        "The client configs Confluent Cloud generates are Java properties. For librdkafka/Karafka write them as `security.protocol=SASL_SSL`, `sasl.mechanisms=PLAIN`, `sasl.username=<API key>`, `sasl.password=<API secret>` instead of copying `sasl.jaas.config`.",
      msk: 'AWS examples are mostly Java (`sasl.jaas.config`, `ssl.truststore.location`); translate them as above for librdkafka clients.',
    },
    related: ['KD104', 'KD106'],
    signatures: [
      {client: 'librdkafka', pattern: /No such configuration property: \\?"[^"\\]+\\?"/, note: 'client creation fails; Karafka raises it inside InvalidConfigurationError or ClientCreationError'},
      {client: 'java', pattern: /The configuration '[^']+' was supplied but isn't a known config/, note: 'Java clients before 3.x; the client starts anyway'},
      {client: 'java', pattern: /These configurations '\[[^\]]+\]' were supplied but are not used yet/, note: 'newer Java clients'},
    ],
  },
  {
    code: 'KD102',
    title: 'Bootstrap address carries a URL scheme',
    layer: 'config',
    defaultStatus: 'fail',
    explanation:
      "The bootstrap list holds URLs such as `kafka+ssl://host:9096` where the client expects bare `host:port` pairs. Heroku's `KAFKA_URL` is written that way. librdkafka understands only its own `plaintext://`, `ssl://`, `sasl_plaintext://` and `sasl_ssl://` prefixes and refuses anything else; other clients misread the scheme as a host name or fail on the port.",
    causes: [
      {
        cause: "Heroku's `KAFKA_URL` passed to the client as is.",
        confirm: 'kdoctor reads `KAFKA_URL` itself, strips the scheme and reports where each bootstrap value came from (flag, `-X`, file line or environment variable).',
      },
      {
        cause: 'A broker listener name copied into the client (`SSL://host:9093`, `SASL_SSL://host:9096`).',
        confirm: "kdoctor's bootstrap parser names the scheme and the `security.protocol` it implies.",
      },
      {
        cause: 'Only the first entry of a comma-separated list was cleaned up.',
        confirm: 'kdoctor checks every entry of the list, not just the first.',
      },
    ],
    fix: [
      'librdkafka: `bootstrap.servers=host1:9096,host2:9096` without a scheme; say the protocol with `security.protocol=SSL` instead.',
      "Karafka on Heroku: `config.kafka = { 'bootstrap.servers': ENV.fetch('KAFKA_URL').gsub('kafka+ssl://', ''), 'security.protocol': 'ssl' }`.",
      'Java: `bootstrap.servers=host1:9096,host2:9096` with `security.protocol=SSL`.',
      "kafkajs: `brokers: process.env.KAFKA_URL.split(',').map((url) => url.replace('kafka+ssl://', ''))` together with `ssl: { … }`.",
    ],
    providers: {
      heroku:
        '`KAFKA_URL` is a comma-separated list of `kafka+ssl://ec2-….compute-1.amazonaws.com:9096` URLs. The listener is TLS with client certificates: `security.protocol=SSL`, no SASL.',
    },
    related: ['KD103', 'KD704'],
    signatures: [
      {client: 'librdkafka', pattern: /parse error: unsupported protocol \\?"[^"\\]+\\?"/, note: 'librdkafka upper-cases the scheme, e.g. "KAFKA+SSL"'},
      {client: 'go', pattern: /address [a-z][a-z0-9+.-]*:\/\/\S+: too many colons in address/, note: "Go's net package (sarama, franz-go, kafka-go) on a URL instead of host:port"},
    ],
  },
  {
    code: 'KD103',
    title: 'Malformed bootstrap address',
    layer: 'config',
    defaultStatus: 'fail',
    explanation:
      'The bootstrap list cannot be read as host:port pairs: a port is missing or not a number, the list is empty, or stray spaces, quotes or separators made it into the value. librdkafka quietly assumes port 9092 when none is given; the Java client and kafkajs reject the entry.',
    causes: [
      {
        cause: 'Port missing or not numeric (`broker`, `broker:`, `broker:9o92`), or an IPv6 address without brackets.',
        confirm: 'kdoctor parses each entry and names the one it cannot read.',
      },
      {
        cause: 'The list is empty because the variable meant to hold it is not set in this process (another pod, a cron job, a one-off dyno).',
        confirm: 'kdoctor reports where the bootstrap value came from: flag, property, file or environment variable.',
      },
      {
        cause: 'Spaces, semicolons or quotes left in the value by a YAML or `.env` template; kafkajs given one comma-joined string instead of an array.',
        confirm: 'The same parse step shows the raw entry.',
      },
    ],
    fix: [
      "librdkafka: `bootstrap.servers=host1:9092,host2:9092` (commas, no spaces, explicit ports); Karafka `config.kafka = { 'bootstrap.servers': 'host1:9092,host2:9092' }`.",
      'Java: `bootstrap.servers=host1:9092,host2:9092`; IPv6 as `[2001:db8::1]:9092`.',
      "kafkajs: `brokers: ['host1:9092', 'host2:9092']` — an array of strings, one per broker.",
      'Check that the variable is set where the client runs: `kubectl exec <pod> -- printenv KAFKA_BOOTSTRAP_SERVERS`, `heroku run printenv KAFKA_URL`.',
    ],
    providers: {
      kubernetes: 'A value from a ConfigMap or Secret that is not mounted into this container is simply absent; `kubectl exec <pod> -- env` shows what the process really has.',
    },
    related: ['KD102', 'KD201'],
    signatures: [
      {client: 'kafkajs', pattern: /Failed to connect: Port should be >= 0 and < 65536/, note: 'kafkajs splits host:port on ":"; a URL or a missing port gives NaN'},
      {client: 'node', pattern: /\[ERR_SOCKET_BAD_PORT\]: Port should be >= 0 and < 65536/},
      {client: 'kafkajs', pattern: /Failed to connect: (?:brokers should not be null|brokers array is empty|broker at index \d+ is invalid)/},
      {client: 'librdkafka', pattern: /No `bootstrap\.servers` configured: client will not be able to connect/},
      {client: 'java', pattern: /Invalid url in bootstrap\.servers: \S*/},
      {client: 'go', pattern: /address \S+: missing port in address/},
      {client: 'go', pattern: /address [^\s:/]+:\d+,\S*: too many colons in address/, note: "Go's net package given the whole comma-separated broker list as one address"},
      {client: 'java', pattern: /No bootstrap urls given in bootstrap\.servers/, note: 'an empty bootstrap.servers (or one made only of blanks)'},
      {client: 'python', pattern: /bootstrap_servers\s*=\s*\[?\s*['"]0\.0\.0\.0:\d+/, note: '0.0.0.0 is the address a broker binds to, not one a client can connect to'},
    ],
  },
  {
    code: 'KD104',
    title: '`security.protocol` contradicts the SASL/SSL settings',
    layer: 'config',
    defaultStatus: 'fail',
    explanation:
      'The settings disagree with each other before any broker is involved. Credentials are configured but `security.protocol` is PLAINTEXT or SSL, so they are never sent; or `SASL_SSL` is set without `sasl.mechanisms`, so librdkafka and the Java client fall back to GSSAPI (Kerberos); or the protocol or mechanism name is one the client does not know.',
    causes: [
      {
        cause: '`sasl.username`/`sasl.password` set while `security.protocol` is left at its default (PLAINTEXT) or set to SSL.',
        confirm: 'kdoctor reads the whole configuration and reports SASL settings that the chosen protocol ignores; librdkafka itself prints a CONFWARN line about it.',
      },
      {
        cause: '`security.protocol=SASL_SSL` without `sasl.mechanisms`: the default is GSSAPI, so a PLAIN or SCRAM user gets Kerberos errors.',
        confirm: 'kdoctor shows the effective mechanism and whether it was set or defaulted.',
      },
      {
        cause: 'A value the client rejects: `SASL-SSL`, `sasl_tls`, `SCRAM-SHA512`, `scram`; or a librdkafka build without OpenSSL.',
        confirm: 'kdoctor validates protocol and mechanism names and suggests the nearest valid one.',
      },
    ],
    fix: [
      'librdkafka: `security.protocol=SASL_SSL`, `sasl.mechanisms=SCRAM-SHA-512` (or `PLAIN`, `OAUTHBEARER`), `sasl.username=…`, `sasl.password=…`.',
      "Karafka: `config.kafka = { 'security.protocol': 'sasl_ssl', 'sasl.mechanisms': 'SCRAM-SHA-512', 'sasl.username': ENV.fetch('KAFKA_USERNAME'), 'sasl.password': ENV.fetch('KAFKA_PASSWORD') }`.",
      'Java: `security.protocol=SASL_SSL`, `sasl.mechanism=SCRAM-SHA-512`, `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="…";`.',
      "kafkajs has no `security.protocol`: `ssl: true` plus `sasl: { mechanism: 'scram-sha-512', username, password }` means SASL_SSL.",
      'Valid values: `security.protocol` is PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL; `sasl.mechanisms` is PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER or GSSAPI.',
      'Karafka built without OpenSSL ("OpenSSL not available at build time"): install the OpenSSL development package (`libssl-dev`/`openssl-dev`) and reinstall the gem; in multi-stage Docker builds keep it in the build stage.',
    ],
    providers: {
      msk: 'SASL/SCRAM (port 9096, public 9196) needs `security.protocol=SASL_SSL` and `sasl.mechanisms=SCRAM-SHA-512`; IAM (9098/9198) needs SASL_SSL with OAUTHBEARER in librdkafka clients.',
      confluent: 'Always `security.protocol=SASL_SSL` with `sasl.mechanisms=PLAIN` (API key and secret) or OAUTHBEARER.',
      heroku: 'Heroku Kafka uses `security.protocol=SSL` with client certificates and no SASL at all.',
    },
    related: ['KD401', 'KD402', 'KD109', 'KD105'],
    signatures: [
      {client: 'librdkafka', pattern: /Configuration property `sasl\.mechanisms?` set to `[^`]*` but `security\.protocol` is not configured for SASL/, note: 'CONFWARN at client creation'},
      {client: 'librdkafka', pattern: /Configuration property `sasl\.username` only applies when `sasl\.mechanism` is set to PLAIN or SCRAM/},
      {client: 'librdkafka', pattern: /No provider for SASL mechanism GSSAPI: recompile librdkafka/, note: 'GSSAPI is what librdkafka uses when sasl.mechanisms is not set'},
      {client: 'librdkafka', pattern: /Invalid value (?:\\?"[^"\\]*\\?" )?for configuration property \\?"(?:security\.protocol|sasl\.mechanisms?)\\?"/, note: 'older librdkafka leaves the value out; either way the build lacks SSL/SASL support or the value is misspelled'},
      {client: 'librdkafka', pattern: /parse error: protocol \\?"\w+\\?" does not match security\.protocol setting/, note: 'a broker written as SSL://host:port while security.protocol says otherwise'},
      {client: 'librdkafka', pattern: /Unsupported SASL mechanism: (?!AWS_MSK_IAM\b|broker's)\S+/, note: 'an unknown mechanism name on the client side (AWS_MSK_IAM is KD108)'},
      {client: 'karafka', pattern: /Unsupported value \\?"[^"\\]+\\?" for configuration property \\?"security\.protocol\\?": OpenSSL not available at build time/, note: 'karafka-rdkafka compiled without OpenSSL'},
      {client: 'java', pattern: /No serviceName defined in either JAAS or Kafka config/, note: 'sasl.mechanism left at its default GSSAPI'},
      {client: 'java', pattern: /Invalid value \S+ for configuration (?:security\.protocol|sasl\.mechanism)\b/},
      {client: 'librdkafka', pattern: /: OpenSSL not available at build time/, note: 'librdkafka built without SSL support (also when the paste wraps before the property name)'},
      {client: 'go', pattern: /The SASL mechanism configuration is invalid\. Possible values are/, note: 'sarama config validation (an unknown mechanism name)'},
    ],
  },
  {
    code: 'KD105',
    title: "Port does not match the provider's listener map",
    layer: 'config',
    defaultStatus: 'fail',
    explanation:
      "The port and the security settings point at different listeners of a managed service. AWS MSK runs one listener per authentication method — 9092 plaintext, 9094 TLS, 9096 SASL/SCRAM, 9098 IAM, and 9194/9196/9198 for public access — and Confluent Cloud serves only SASL_SSL on 9092. Speaking SASL_SSL to 9094, or anything to a port that is not enabled on the cluster, ends in timeouts or disconnects that look like network trouble.",
    causes: [
      {
        cause: 'The port belongs to another authentication method: SASL_SSL on 9094, TLS on 9096, SCRAM on the IAM port 9098.',
        confirm: "kdoctor maps the port through the provider's listener table and compares it with `security.protocol` and `sasl.mechanisms`; its listener probe shows what the port really speaks.",
      },
      {
        cause: 'The listener behind that port is not enabled on this cluster (MSK 9092 exists only with plaintext enabled, 919x only with public access).',
        confirm: '`aws kafka get-bootstrap-brokers --cluster-arn <arn>` lists exactly the enabled listeners; kdoctor sees the port time out.',
      },
      {
        cause: 'The in-VPC port used from outside the VPC (9096 instead of the public 9196).',
        confirm: 'kdoctor notes whether the host name is a public `b-N-public.` name.',
      },
      {
        cause: 'Confluent Cloud reached with SSL or PLAINTEXT instead of SASL_SSL.',
        confirm: 'The listener probe sees TLS answer and the broker close the connection when no SASL handshake follows.',
      },
    ],
    fix: [
      'librdkafka, AWS MSK: SCRAM → port 9096 (public 9196) with `security.protocol=SASL_SSL`, `sasl.mechanisms=SCRAM-SHA-512`; TLS → 9094 (9194) with `security.protocol=SSL`; IAM → 9098 (9198) with `security.protocol=SASL_SSL`, `sasl.mechanisms=OAUTHBEARER` and a token provider; plaintext → 9092 with `security.protocol=PLAINTEXT`.',
      'Take the bootstrap string for your method from `aws kafka get-bootstrap-brokers` (`BootstrapBrokerStringSaslScram`, `…Tls`, `…SaslIam`, `…PublicSaslScram`) instead of editing ports by hand.',
      "Karafka: `config.kafka = { 'bootstrap.servers': 'b-1.<cluster>.<id>.c2.kafka.<region>.amazonaws.com:9096', 'security.protocol': 'sasl_ssl', 'sasl.mechanisms': 'SCRAM-SHA-512', 'sasl.username': …, 'sasl.password': … }`.",
      'Confluent Cloud: `bootstrap.servers=<cluster>.<region>.<cloud>.confluent.cloud:9092`, `security.protocol=SASL_SSL`, `sasl.mechanisms=PLAIN`.',
      "Java: the same ports, with `sasl.mechanism` (singular) and `sasl.jaas.config`; kafkajs: `ssl: true, sasl: { mechanism: 'scram-sha-512', … }`.",
    ],
    providers: {
      msk: 'Ports: 9092 plaintext, 9094 TLS, 9096 SASL/SCRAM (SCRAM-SHA-512 only), 9098 IAM; public access 9194/9196/9198; MSK Serverless only 9098 (IAM).',
      confluent: 'One listener: port 9092, SASL_SSL, mechanism PLAIN (API key/secret) or OAUTHBEARER.',
    },
    related: ['KD203', 'KD301', 'KD401', 'KD402', 'KD403'],
    signatures: [
      {client: 'librdkafka', pattern: /(?<![\w+])sasl_ssl:\/\/[\w.-]+\.kafka\.[a-z0-9-]+\.amazonaws\.com:(?:9092|9094|9194)\/(?:bootstrap|\d+)\b/, note: 'MSK broker name: SASL_SSL on the plaintext or TLS port'},
      {client: 'librdkafka', pattern: /(?<![\w+])ssl:\/\/[\w.-]+\.kafka\.[a-z0-9-]+\.amazonaws\.com:(?:9092|9096|9098|9196|9198)\/(?:bootstrap|\d+)\b/, note: 'MSK broker name: TLS without SASL on a plaintext, SCRAM or IAM port'},
      {client: 'librdkafka', pattern: /(?:(?<![\w+])(?:plaintext|sasl_plaintext):\/\/|(?<![\w+\/:.-]))[\w.-]+\.kafka(?:-serverless)?\.[a-z0-9-]+\.amazonaws\.com:(?:9094|9096|9098|9194|9196|9198)\/(?:bootstrap|\d+)\b/, note: 'MSK broker name: no TLS on a TLS port (librdkafka omits the prefix for plaintext)'},
      {client: 'librdkafka', pattern: /(?:(?<![\w+])(?:plaintext|ssl|sasl_plaintext):\/\/|(?<![\w+\/:.-]))[\w.-]+\.confluent\.cloud:\d+\/(?:bootstrap|\d+)\b/, note: 'Confluent Cloud broker name with anything but sasl_ssl'},
    ],
  },
  {
    code: 'KD106',
    title: 'Unreadable or mismatched TLS material',
    layer: 'config',
    defaultStatus: 'fail',
    explanation:
      'The client could not load its CA bundle, certificate or private key, so it fails before or during the TLS handshake. Typical reasons: a PEM pasted into an environment variable with literal `\\n` instead of line breaks, a key that belongs to another certificate, an encrypted key without its password, or a file path that does not exist inside the container.',
    causes: [
      {
        cause: 'PEM stored with literal `\\n` sequences (Kubernetes secret, `.env` file, CI variable) or without its BEGIN/END lines.',
        confirm: 'kdoctor parses every PEM value and reports literal `\\n`, missing header lines and how many certificates each value holds.',
      },
      {
        cause: 'Certificate and key from different rotations (Heroku rotates `KAFKA_CLIENT_CERT` and `KAFKA_CLIENT_CERT_KEY` together).',
        confirm: "kdoctor compares the certificate's public key with the private key.",
      },
      {
        cause: 'An encrypted private key without `ssl.key.password`.',
        confirm: 'kdoctor recognises `ENCRYPTED PRIVATE KEY` and `Proc-Type: 4,ENCRYPTED` headers.',
      },
      {
        cause: 'File missing or unreadable where the client runs (wrong mount path), or a JKS/PKCS#12 store given where PEM is expected.',
        confirm: 'kdoctor opens each `*.location` path from the place it runs and reports the file type it found.',
      },
    ],
    fix: [
      'librdkafka: inline PEM with `ssl.ca.pem`, `ssl.certificate.pem`, `ssl.key.pem` (real newlines), or files with `ssl.ca.location`, `ssl.certificate.location`, `ssl.key.location`; `ssl.key.password` for an encrypted key.',
      "Karafka on Heroku: `config.kafka = { 'ssl.ca.pem': ENV['KAFKA_TRUSTED_CERT'], 'ssl.certificate.pem': ENV['KAFKA_CLIENT_CERT'], 'ssl.key.pem': ENV['KAFKA_CLIENT_CERT_KEY'] }`.",
      "Restore newlines in an escaped value: `printf '%b' \"$KAFKA_CLIENT_CERT_KEY\" > /tmp/client.key` (Ruby: `ENV['KAFKA_CLIENT_CERT_KEY'].gsub('\\n', \"\\n\")`).",
      'Convert Java stores to PEM: `keytool -importkeystore -srckeystore client.jks -destkeystore client.p12 -deststoretype PKCS12`, then `openssl pkcs12 -in client.p12 -nodes -out client.pem`.',
      'Java: PEM works directly — `ssl.keystore.type=PEM` with `ssl.keystore.certificate.chain` and `ssl.keystore.key`, `ssl.truststore.type=PEM` with `ssl.truststore.certificates`.',
      "kafkajs: `ssl: { ca: [fs.readFileSync('ca.pem', 'utf8')], cert: fs.readFileSync('client.crt', 'utf8'), key: fs.readFileSync('client.key', 'utf8'), passphrase }`.",
      'Check a pair by hand: `openssl x509 -noout -pubkey -in client.crt | openssl sha256` must equal `openssl pkey -pubout -in client.key | openssl sha256`.',
    ],
    providers: {
      heroku: '`KAFKA_CLIENT_CERT`, `KAFKA_CLIENT_CERT_KEY` and `KAFKA_TRUSTED_CERT` are PEM text. During a CA rotation `KAFKA_TRUSTED_CERT` holds two certificates: pass the whole value.',
      kubernetes: 'Mount secrets as files and use the `ssl.*.location` settings, or make sure the environment variable keeps its newlines (`valueFrom.secretKeyRef` does; a hand-written `value:` string often does not).',
      msk: 'TLS client authentication (port 9094) needs a client certificate issued by the AWS Private CA configured on the cluster.',
    },
    related: ['KD306', 'KD303', 'KD704'],
    signatures: [
      {client: 'librdkafka', pattern: /ssl\.(?:key|certificate|ca)\.(?:pem|location) failed: /},
      {client: 'librdkafka', pattern: /Private key check failed: /, note: 'the key does not belong to the certificate'},
      {client: 'librdkafka', pattern: /Private key requires password but no password configured \(ssl\.key\.password\)/},
      {client: 'node', pattern: /PEM routines:[\w:]*no start line/, note: 'not PEM, or literal \\n instead of newlines'},
      {client: 'node', pattern: /routines:[\w:]*key values mismatch/},
      {client: 'node', pattern: /ERR_OSSL_(?:EVP_)?BAD_DECRYPT|routines:[\w:]*bad decrypt/, note: 'encrypted key with a wrong or missing passphrase'},
      {client: 'java', pattern: /Failed to load SSL keystore \S+ of type \w+|Keystore was tampered with, or password was incorrect|Invalid PEM keystore configs/},
      {client: 'go', pattern: /tls: failed to find any PEM data in (?:certificate|key) input|tls: private key does not match public key/},
      {client: 'python', pattern: /\[SSL\] PEM lib \(_ssl\.c:\d+\)/},
      {client: 'librdkafka', pattern: /digital envelope routines:[\w:]*EVP_DecryptFinal_ex|PEM routines:[\w:]*(?:PEM_read_bio|PEM_do_header|get_name)\b/, note: 'OpenSSL could not decrypt or parse the key: wrong ssl.key.password, or not PEM'},
      {client: 'go', pattern: /open \S+\.(?:crt|pem|key|cer|jks|p12|pfx): no such file or directory/, note: 'a certificate, key or store file that is not where the config says'},
    ],
  },
  {
    code: 'KD107',
    title: 'TLS verification weakened',
    layer: 'config',
    defaultStatus: 'warn',
    explanation:
      'TLS is on, but part of its checking is switched off: either the certificate chain is not verified at all (`enable.ssl.certificate.verification=false`, kafkajs `rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`) or only the host name check is off (`ssl.endpoint.identification.algorithm=none`). The connection works, but whoever can intercept the traffic can pretend to be the broker, which is why kdoctor warns.',
    causes: [
      {
        cause: 'Copied from a troubleshooting answer to get past KD303 or KD304 and never reverted.',
        confirm: "kdoctor's TLS probe checks the certificate on its own: if it verifies with the configured CA and host name, the setting can go.",
      },
      {
        cause: 'Heroku Kafka: broker certificates do not name the EC2 hosts, so the host name check has to be off while the chain is still verified against `KAFKA_TRUSTED_CERT`. This is the one accepted case.',
        confirm: 'kdoctor recognises Heroku brokers and treats "host name check off, CA configured" there as expected.',
      },
      {
        cause: 'A private CA that was never given to the client.',
        confirm: "kdoctor reports the broker certificate's issuer and whether any configured CA signed it.",
      },
    ],
    fix: [
      'librdkafka: remove `enable.ssl.certificate.verification=false`; provide the CA with `ssl.ca.location` or `ssl.ca.pem`; leave `ssl.endpoint.identification.algorithm=https` (the default since librdkafka 2.0) except on Heroku.',
      "Karafka: drop `'enable.ssl.certificate.verification': false` from `config.kafka`; on Heroku keep `'ssl.endpoint.identification.algorithm': 'none'` together with `'ssl.ca.pem': ENV['KAFKA_TRUSTED_CERT']`.",
      'Java: `ssl.endpoint.identification.algorithm=https` is the default; an empty value turns the host name check off.',
      'kafkajs/Node: remove `rejectUnauthorized: false` and `NODE_TLS_REJECT_UNAUTHORIZED=0`, pass `ssl: { ca: [...] }`; only on Heroku add `checkServerIdentity: () => undefined`, which keeps the chain check.',
    ],
    providers: {
      heroku: 'Expected: `ssl.endpoint.identification.algorithm=none` with `ssl.ca.pem` set to `KAFKA_TRUSTED_CERT`. Never turn the chain check off as well.',
      msk: 'Broker certificates come from a public CA; install the `ca-certificates` package in the image rather than disabling verification.',
      confluent: 'Public CA: install the system CA bundle (or point `ssl.ca.location` at certifi\'s bundle on macOS/Python) rather than disabling verification.',
    },
    related: ['KD303', 'KD304'],
    signatures: [
      {client: 'node', pattern: /Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to '0' makes TLS connections and HTTPS requests insecure/},
      {client: 'librdkafka', pattern: /^\s*enable\.ssl\.certificate\.verification\s*=\s*false\b/i, note: 'properties file or -X'},
      {client: 'karafka', pattern: /['"]enable\.ssl\.certificate\.verification['"]\s*(?:=>|:)\s*false\b/, note: 'config.kafka hash'},
      {client: 'librdkafka', pattern: /\bssl\.endpoint\.identification\.algorithm['"]?\s*(?:=>|=|:)\s*['"]?none\b/, note: 'host name check off (expected on Heroku)'},
      {client: 'java', pattern: /^\s*ssl\.endpoint\.identification\.algorithm = ?$/, note: 'Java config dump: empty value = host name check off'},
      {client: 'kafkajs', pattern: /\brejectUnauthorized['"]?\s*:\s*false\b/},
    ],
  },
  {
    code: 'KD108',
    title: 'Mechanism unsupported by librdkafka-based clients (AWS_MSK_IAM)',
    layer: 'config',
    defaultStatus: 'fail',
    explanation:
      "The SASL mechanism is `AWS_MSK_IAM`, which the Java client implements (with Amazon's aws-msk-iam-auth library) but librdkafka does not. Karafka, WaterDrop, confluent-kafka-python/-go, kcat and the librdkafka-based Node clients stop at client creation. On the MSK IAM port these clients must use OAUTHBEARER with a token provider that produces a signed MSK IAM token — or the cluster's SASL/SCRAM listener instead.",
    causes: [
      {
        cause: 'IAM settings copied from a Java example (`sasl.mechanism=AWS_MSK_IAM`) into a librdkafka/Karafka configuration.',
        confirm: 'kdoctor checks the mechanism against the client family and the port (9098/9198 are IAM).',
      },
      {
        cause: 'The Java client without aws-msk-iam-auth on its classpath (`No LoginModule found for software.amazon.msk.auth.iam.IAMLoginModule`).',
        confirm: 'The class name in the error.',
      },
      {
        cause: "kafkajs configured with `mechanism: 'aws'`, which is an older AWS payload and not MSK IAM.",
        confirm: "kdoctor flags kafkajs' built-in `aws` mechanism against MSK ports.",
      },
    ],
    fix: [
      'Simplest with librdkafka/Karafka: enable SASL/SCRAM on the cluster and use port 9096 (public 9196) with `security.protocol=SASL_SSL`, `sasl.mechanisms=SCRAM-SHA-512`, `sasl.username`, `sasl.password` from an `AmazonMSK_` secret.',
      "To keep IAM: `security.protocol=SASL_SSL`, `sasl.mechanisms=OAUTHBEARER`, port 9098, and a token provider that generates the MSK IAM token. Karafka: `config.oauth.token_provider_listener = TokenProvider.new`, whose handler calls `oauthbearer_set_token(token:, lifetime_ms:, principal_name:)`; confluent-kafka-python: an `oauth_cb` using aws-msk-iam-sasl-signer-python.",
      'Java: `sasl.mechanism=AWS_MSK_IAM`, `sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;`, `sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler`, with aws-msk-iam-auth on the classpath.',
      'kafkajs: a custom `authenticationProvider` implementing AWS_MSK_IAM (for example the kafkajs-msk-iam-authentication-mechanism package), or SCRAM.',
    ],
    providers: {
      msk: 'IAM listeners: 9098 inside the VPC, 9198 public; MSK Serverless supports IAM only. IAM policies must grant `kafka-cluster:*` actions (`kafka-cluster:Connect`, `kafka-cluster:DescribeTopic`, `kafka-cluster:ReadData`, …), not `kafka:*`.',
    },
    related: ['KD403', 'KD407', 'KD105'],
    signatures: [
      {client: 'librdkafka', pattern: /Unsupported SASL mechanism: AWS_MSK_IAM\b/},
      {client: 'java', pattern: /No LoginModule found for software\.amazon\.msk\.auth\.iam\.IAMLoginModule|ClassNotFoundException: software\.amazon\.msk\.auth\.iam\.IAM\w+/, note: 'aws-msk-iam-auth missing from the classpath'},
    ],
  },
  {
    code: 'KD109',
    title: 'Credentials missing for the configured mechanism',
    layer: 'config',
    defaultStatus: 'fail',
    explanation:
      'A SASL mechanism is configured but what it needs is empty: no user name or password for PLAIN/SCRAM, no token or token provider for OAUTHBEARER. Usually the environment variable that should carry the secret is not set in the process that runs the client.',
    causes: [
      {
        cause: 'The secret\'s environment variable is unset or empty here (another pod, a one-off job, `heroku run`, a systemd unit without `EnvironmentFile`).',
        confirm: 'kdoctor reports each credential as set or unset and where it came from — never its value.',
      },
      {
        cause: "OAUTHBEARER without a token provider: Karafka's `config.oauth.token_provider_listener` not set, or a WaterDrop producer created without its own listener.",
        confirm: 'kdoctor reports the OAUTHBEARER token source it was given (`--oauth-token-file`, `--oauth-token-command`, none).',
      },
      {
        cause: 'Java without `sasl.jaas.config` (and no JAAS file).',
        confirm: "The Java client says it could not find a 'KafkaClient' entry in the JAAS configuration.",
      },
    ],
    fix: [
      'librdkafka: `sasl.username` and `sasl.password` for PLAIN and SCRAM; for OAUTHBEARER either a token refresh callback or `sasl.oauthbearer.method=oidc` with `sasl.oauthbearer.client.id`, `sasl.oauthbearer.client.secret` and `sasl.oauthbearer.token.endpoint.url`.',
      "Karafka: `config.kafka = { 'sasl.username': ENV.fetch('KAFKA_USERNAME'), 'sasl.password': ENV.fetch('KAFKA_PASSWORD') }` (`fetch` fails loudly when a variable is missing); OAUTHBEARER: `config.oauth.token_provider_listener = TokenProvider.new`, and the same listener on every custom WaterDrop producer.",
      'Java: `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="…";` (`PlainLoginModule` for PLAIN).',
      "kafkajs: `sasl: { mechanism: 'scram-sha-512', username: process.env.KAFKA_USERNAME, password: process.env.KAFKA_PASSWORD }`; OAUTHBEARER: `sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: token }) }`.",
      "Check the variable where the app runs without printing it: `kubectl exec <pod> -- sh -c 'test -n \"$KAFKA_PASSWORD\" && echo set || echo missing'`.",
    ],
    providers: {
      kubernetes: 'A Secret referenced with `envFrom`/`secretKeyRef` in one container is not visible to sidecars or `kubectl debug` containers unless they reference it too.',
      heroku: 'Config vars are present in dynos and `heroku run`, not in build steps or in processes started elsewhere with a copied `.env`.',
    },
    related: ['KD104', 'KD404', 'KD407'],
    signatures: [
      {client: 'librdkafka', pattern: /sasl\.username and sasl\.password must be set/},
      {client: 'kafkajs', pattern: /SASL (?:Plain|SCRAM SHA(?:256|512) authentication): Invalid username or password/, note: 'thrown before anything is sent when username or password is null'},
      {client: 'kafkajs', pattern: /SASL OAUTHBEARER: Missing OAuth bearer token provider/},
      {client: 'java', pattern: /Could not find a 'KafkaClient' entry in the JAAS configuration/},
      {client: 'java', pattern: /Login module control flag not specified in JAAS config|Value not specified for key '\w+' in JAAS config|JAAS config entry not terminated by semi-colon|JAAS configuration parse error/, note: 'sasl.jaas.config that the JAAS parser cannot read (quotes, escaping, the trailing semicolon)'},
      {client: 'karafka', pattern: /key not found: "(?![A-Z_]*KAFKA_(?:URL|PREFIX|CLIENT_CERT|CLIENT_CERT_KEY|TRUSTED_CERT)")[A-Z_]*(?:PASSWORD|SECRET|USER(?:NAME)?|TOKEN)"/, note: 'Ruby ENV.fetch on a missing variable'},
      {client: 'python', pattern: /KeyError: '[A-Z_]*(?:PASSWORD|SECRET|USER(?:NAME)?|TOKEN)'/},
    ],
  },
] satisfies CatalogEntryData[]
