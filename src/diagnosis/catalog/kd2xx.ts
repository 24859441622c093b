// KD2xx — network: DNS, TCP and routing, before any TLS or Kafka byte.

import type {CatalogEntryData} from './types.js'

export const entries = [
  {
    code: 'KD201',
    title: 'DNS resolution failed',
    layer: 'network',
    defaultStatus: 'fail',
    explanation:
      "The client could not turn the broker's host name into an address, so nothing was sent to Kafka. Either the name is wrong, or it exists only in another network's DNS: a Kubernetes service name used outside the cluster, a docker-compose service name used from the host, an MSK broker name used outside its VPC.",
    causes: [
      {
        cause: 'A typo, or a scheme or second port left inside the host part (`kafka+ssl`, `host:9092:9092`).',
        confirm: 'kdoctor resolves each bootstrap host separately and shows the exact name it looked up.',
      },
      {
        cause: 'A name that resolves only in another network: `*.svc.cluster.local` outside the cluster, a compose service name from the host, an MSK broker name outside the VPC.',
        confirm: 'kdoctor reports the resolver, search domains and `ndots` from /etc/resolv.conf, and whether the name looks cluster-local or private.',
      },
      {
        cause: "The name came from the cluster's metadata (an advertised listener), not from your bootstrap list.",
        confirm: 'librdkafka names such brokers `…/<node id>` instead of `…/bootstrap`; kdoctor reports those as KD501/KD502.',
      },
      {
        cause: 'Resolver trouble: timeouts (`EAI_AGAIN`), an overloaded CoreDNS, DNS blocked by a NetworkPolicy.',
        confirm: 'kdoctor times the lookup; `kubectl exec <pod> -- nslookup <host>` shows the same from the pod.',
      },
    ],
    fix: [
      'Use a name that resolves where the client runs; check it there with `getent hosts <host>` or `nslookup <host>`.',
      'Inside Kubernetes use the fully qualified service name (`kafka.<namespace>.svc.cluster.local`; a trailing dot skips the search list under `ndots:5`); outside the cluster use the external listener\'s name (LoadBalancer, NodePort or Ingress).',
      'AWS MSK from outside the VPC: turn on public access and use the public bootstrap string (ports 9194/9196/9198), or connect through VPC peering, Transit Gateway or PrivateLink with the VPC\'s DNS.',
      'Docker: a container is reachable by its service name only on the same compose network; from the host use `localhost:<published port>` with a matching advertised listener.',
      "Fix only the name: the setting is `bootstrap.servers` in librdkafka (Karafka `config.kafka = { 'bootstrap.servers': … }`) and Java, `brokers` in kafkajs.",
    ],
    providers: {
      msk: 'Broker names `b-N.<cluster>.<id>.cN.kafka.<region>.amazonaws.com` resolve to private IPs and are usable only inside the VPC or connected networks; with public access use the `b-N-public.…` names.',
      kubernetes: '`*.svc.cluster.local` resolves only inside the cluster. Pods use `ndots:5`, so short names go through every search domain first.',
      docker: 'Compose service names resolve only on the compose network, never on the host.',
      heroku: 'Use the host names from `KAFKA_URL` exactly; they are public EC2 names.',
    },
    related: ['KD501', 'KD502', 'KD102'],
    signatures: [
      {client: 'librdkafka', pattern: /Failed to resolve '[^']+': /},
      {client: 'karafka', pattern: /Local: Host resolution failure \(resolve\)/},
      {client: 'java', pattern: /(?:Couldn't resolve|Removing) server \S+ from bootstrap\.servers as DNS resolution failed for \S+/},
      {client: 'java', pattern: /No resolvable bootstrap urls given in bootstrap\.servers/},
      {client: 'java', pattern: /java\.net\.UnknownHostException: \S+/},
      {client: 'kafkajs', pattern: /Connection error: getaddrinfo (?:ENOTFOUND|EAI_AGAIN) \S+/},
      {client: 'node', pattern: /\bgetaddrinfo (?:ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL) \S+/},
      {client: 'go', pattern: /dial tcp: lookup \S+(?: on \S+)?: (?:no such host|server misbehaving|i\/o timeout)/},
      {client: 'python', pattern: /DNS lookup failed for \S+/, note: 'kafka-python'},
      {client: 'java', pattern: /java\.nio\.channels\.UnresolvedAddressException\b/, note: 'the host name of a broker did not resolve when the socket connected'},
    ],
  },
  {
    code: 'KD202',
    title: 'Connection refused',
    layer: 'network',
    defaultStatus: 'fail',
    explanation:
      'The host answered, but nothing accepts connections on that port: the TCP connection was actively refused. DNS and routing work; the port, the listener or the broker process is the problem.',
    causes: [
      {
        cause: 'Wrong port for this cluster or listener (for example MSK 9092 while plaintext is disabled, or 9093 instead of 9092).',
        confirm: "kdoctor connects to the port directly and, for known providers, compares it with the provider's listener map (KD105).",
      },
      {
        cause: 'The broker is down or restarting (rolling restart, MSK maintenance, a crashed container).',
        confirm: 'kdoctor tries every bootstrap address; if some answer, the cluster is only partly down.',
      },
      {
        cause: 'The listener is bound to 127.0.0.1 inside its container or host, so other machines are refused.',
        confirm: 'Refused from outside but accepted from inside: run kdoctor in both places (`kubectl debug`, `docker exec`).',
      },
      {
        cause: 'A Service, port-forward or NodePort points at a port nothing listens on.',
        confirm: "Compare the Service's `targetPort` with the broker's `listeners`.",
      },
    ],
    fix: [
      "Check the port against the broker's `listeners` (self-hosted) or the provider's bootstrap string (`aws kafka get-bootstrap-brokers`, Confluent Cloud cluster settings).",
      'Self-hosted: bind to all interfaces, e.g. `listeners=PLAINTEXT://0.0.0.0:9092`, and publish a reachable name in `advertised.listeners=PLAINTEXT://kafka.example.com:9092`.',
      'During rolling restarts list several brokers: `bootstrap.servers=b1:9092,b2:9092,b3:9092` (librdkafka, Karafka, Java), `brokers: [...]` (kafkajs).',
      'Docker: publish the port (`-p 9092:9092`) and connect to the published port.',
    ],
    providers: {
      msk: 'Port 9092 exists only when plaintext is enabled on the cluster; TLS, SCRAM and IAM each have their own port.',
      kubernetes: 'A Service without ready endpoints (broker pods not Ready) refuses or times out depending on the CNI; `kubectl get endpoints <svc>` shows it.',
      docker: 'Without `-p`/`ports:` the port is reachable only from other containers on the same network.',
    },
    related: ['KD205', 'KD105', 'KD501'],
    signatures: [
      {client: 'librdkafka', pattern: /Connect to ipv[46]#\S* failed: (?:Connection refused|No connection could be made because the target machine actively refused it)/, note: 'the second wording is Windows (WSAECONNREFUSED)'},
      {client: 'librdkafka', pattern: /Failed to connect to broker at \S+: Connection refused/, note: 'librdkafka before 0.9'},
      {client: 'java', pattern: /java\.net\.ConnectException: Connection refused/},
      {client: 'java', pattern: /Connection to node -?\d+(?: \([^)]*\))? could not be established\. (?:Broker|Node) may not be available/, note: 'the Java client logs this for every failed connect; refused is the usual reason, a dropped connection gives the same line after socket.connection.setup.timeout.ms'},
      {client: 'kafkajs', pattern: /Connection error: connect ECONNREFUSED \S+/},
      {client: 'node', pattern: /\bconnect ECONNREFUSED \S+/},
      {client: 'go', pattern: /dial tcp \S+: connect: connection refused/},
      {client: 'python', pattern: /Connect attempt to <BrokerConnection .*> returned error 111\b/, note: 'kafka-python (errno 111 = ECONNREFUSED)'},
      {client: 'karafka', pattern: /Connection refused - connect\(2\) for \S+/, note: "Ruby's Errno::ECONNREFUSED (ruby-kafka, Karafka 1.x)"},
      {client: 'python', pattern: /\[Errno 111\] Connect call failed\b/, note: 'asyncio (aiokafka): errno 111 is ECONNREFUSED'},
      {client: 'librdkafka', pattern: /\b\d+\/\d+ brokers are down\b|\bAll broker connections are down\b/, weak: true, note: 'only a summary: every known broker is down; the per-broker line before it says why. Alone, it means no broker could be reached'},
      {client: 'python', pattern: /\bNoBrokersAvailable\b/, weak: true, note: 'kafka-python found no broker to bootstrap from; the connect errors before it say why'},
      {client: 'go', pattern: /client has run out of available brokers\b/, weak: true, note: 'sarama tried every broker; the wrapped errors say why'},
      {client: 'karafka', pattern: /Could not connect to any of the seed brokers\b/, weak: true, note: 'ruby-kafka; the per-broker lines under it say why'},
    ],
  },
  {
    code: 'KD203',
    title: 'Connection timed out',
    layer: 'network',
    defaultStatus: 'fail',
    explanation:
      "Connection attempts got no answer at all: packets to the broker port are dropped somewhere — a firewall, security group or network ACL, a route into the wrong network — or the host is down. Kafka is unreachable from here. librdkafka says `Connection setup timed out in state CONNECT`; the state CONNECT means it never got past TCP.",
    causes: [
      {
        cause: 'A firewall, security group or network ACL drops traffic to the port from where the client runs.',
        confirm: "kdoctor's TCP probe times out while DNS works; on AWS it can read the security groups, NACLs and routes (KD707, KD708).",
      },
      {
        cause: 'Wrong network: the address is private and the client is outside that VPC, VNet or cluster (no peering or VPN, MSK without public access).',
        confirm: "kdoctor flags private and loopback targets (KD205) and compares them with the client's own addresses.",
      },
      {
        cause: 'A firewall or security group change was just made; such changes can take a while to apply.',
        confirm: 'Re-run kdoctor after a minute; on AWS it reports KD708 when the rules already allow the path.',
      },
      {
        cause: 'Wrong port for the provider, where the host drops instead of refusing (MSK 9092 with only SASL/SCRAM enabled: SCRAM is 9096).',
        confirm: "kdoctor compares the port with the provider's listener map (KD105).",
      },
      {
        cause: 'kafkajs only: its default `connectionTimeout` of 1 s is too short for a TLS handshake across regions.',
        confirm: 'kdoctor measures the TCP and TLS handshake times and reports them.',
      },
    ],
    fix: [
      'Check the address and the port first: AWS MSK SASL/SCRAM is 9096 (public 9196) with `security.protocol=SASL_SSL`, plaintext is 9092, TLS 9094, IAM 9098; Confluent Cloud is 9092.',
      "Allow the port from the client: AWS security group inbound rule `TCP <port>` from the client's security group or CIDR, NACL rules in both directions; Kubernetes NetworkPolicy egress; host firewalls (`iptables`, `ufw`, firewalld).",
      'After a security group change, wait a minute or two and retry before changing anything else.',
      'From outside the VPC: MSK public access with the public bootstrap string, or VPC peering, Transit Gateway or PrivateLink.',
      "Change timeouts only once the path is known to work: librdkafka `socket.connection.setup.timeout.ms` (default 30000; Karafka `config.kafka = { 'socket.connection.setup.timeout.ms': 30_000 }`), Java `socket.connection.setup.timeout.ms`, kafkajs `connectionTimeout: 10000` (default 1000).",
    ],
    providers: {
      msk: "The brokers' security group must allow the client on the port of the authentication method in use (9092/9094/9096/9098, public 9194/9196/9198). Without public access, MSK is reachable only from the VPC and networks connected to it.",
      confluent: 'Clusters with private networking (peering, PrivateLink, Transit Gateway) are not reachable from the internet; public clusters need outbound TCP 9092.',
      kubernetes: 'A NetworkPolicy with egress rules must allow the broker port (and DNS on port 53).',
      heroku: 'Kafka in a Private Space is reachable only from dynos in that space.',
    },
    related: ['KD707', 'KD708', 'KD205', 'KD105', 'KD206'],
    signatures: [
      {client: 'librdkafka', pattern: /Connection setup timed out in state CONNECT\b/},
      {client: 'librdkafka', pattern: /Connect to ipv[46]#\S* failed: (?:Connection|Operation) timed out/},
      {client: 'java', pattern: /Disconnecting from node -?\d+ due to socket connection setup timeout/},
      {client: 'kafkajs', pattern: /(?:KafkaJSConnectionError: |\[Connection\] |"message":")Connection timeout\b/},
      {client: 'node', pattern: /\b(?:connect|read) ETIMEDOUT\b/},
      {client: 'kafkajs', pattern: /\bkafkajs\b.*\bConnection timeout\b/, note: 'kafkajs messages passed through an application logger (pino, winston)'},
      {client: 'karafka', pattern: /Timed out while trying to connect to \S+/, note: 'ruby-kafka'},
      {client: 'go', pattern: /dial tcp \S+: (?:i\/o timeout|connect: connection timed out)/},
      {client: 'python', pattern: /Connect attempt to <BrokerConnection .*> returned error 110\b/, note: 'kafka-python (errno 110 = ETIMEDOUT)'},
      {client: 'java', pattern: /Timed out waiting for a node assignment\b/, weak: true, note: 'the admin client found no broker to send to: usually none is reachable; a more specific line in the same log wins'},
      {client: 'librdkafka', pattern: /Local: (?:Message )?[Tt]imed out\b/, weak: true, note: 'a request or a delivery timed out; the connection error before it says why'},
    ],
  },
  {
    code: 'KD204',
    title: 'Connection reset or closed by the peer',
    layer: 'network',
    defaultStatus: 'fail',
    explanation:
      'The TCP connection was established and then cut by the other side, reset or closed, before Kafka got anywhere. The network path works; whatever answered did not accept this conversation: a proxy or load balancer in front of Kafka, a service that is not Kafka, or a broker that rejected the protocol.',
    causes: [
      {
        cause: 'A security-protocol mismatch the client cannot name: plaintext to a TLS or SASL port (kafkajs reports only `Closed connection`).',
        confirm: "kdoctor's listener probe tries plaintext and TLS on the port and checks for SASL (KD301, KD401).",
      },
      {
        cause: 'A proxy, load balancer or service mesh (Istio, Envoy, an HTTP ingress) in front of the port that does not pass raw Kafka TCP.',
        confirm: 'The probe keeps the first bytes of the reply (HTTP, a TLS alert, nothing).',
      },
      {
        cause: 'The broker closed the connection: restart, `max.connections` or a quota, or an idle connection being reaped (harmless after about ten minutes in state UP).',
        confirm: "librdkafka's `(after Nms in state UP)` with N around 600000 is the broker's `connections.max.idle.ms` closing an idle socket — not a fault.",
      },
      {
        cause: 'Another service on the port (ZooKeeper 2181, Schema Registry 8081, the KRaft controller port).',
        confirm: 'The listener probe sends ApiVersions and reports what came back.',
      },
    ],
    fix: [
      "Let kdoctor fingerprint the port (`kdoctor connect -b host:port`) and set `security.protocol` to what the listener speaks.",
      'Behind a proxy pass Kafka as plain TCP (layer 4): a Kubernetes Service of type LoadBalancer or NodePort, Istio `appProtocol: tcp`, an AWS NLB rather than an ALB.',
      "Idle disconnects need no fix; to silence them set librdkafka `log.connection.close=false` (Karafka `config.kafka = { 'log.connection.close': false }`), or a client `connections.max.idle.ms` below the broker's.",
      'kafkajs: raise `connectionTimeout`/`authenticationTimeout` only after the protocol is confirmed right.',
    ],
    providers: {
      kubernetes: 'Service meshes intercept TCP by default; exclude the broker port (`traffic.sidecar.istio.io/excludeOutboundPorts`) or declare it as TCP.',
      msk: 'MSK closes idle connections after `connections.max.idle.ms` like any broker; brokers being replaced during maintenance reset connections briefly.',
    },
    related: ['KD301', 'KD401', 'KD302'],
    signatures: [
      {client: 'librdkafka', pattern: /Receive failed: (?:Connection reset by peer|.*connection reset by peer|Disconnected\s*$)/, note: '"Receive failed: Disconnected" is the wording before librdkafka 1.0'},
      {client: 'librdkafka', pattern: /Send failed: (?:Broken pipe|Connection reset by peer)/},
      {client: 'librdkafka', pattern: /: Disconnected\b[^()]*\(after \d+ms in state UP\b/, note: 'after about 600000 ms in state UP this is only an idle connection being closed'},
      {client: 'kafkajs', pattern: /(?:KafkaJSConnectionClosedError: |"message":"(?:\[\w+\] )?)Closed connection\b/},
      {client: 'kafkajs', pattern: /Connection closed by the server\b/},
      {client: 'kafkajs', pattern: /Connection error: (?:read |write )?(?:ECONNRESET|EPIPE)\b/},
      {client: 'node', pattern: /\b(?:read|write) (?:ECONNRESET|EPIPE)\b/},
      {client: 'java', pattern: /java\.io\.IOException: Connection reset by peer/},
      {client: 'java', pattern: /Bootstrap broker \S+(?: \(id: -\d+ rack: [^)]*\))? disconnected/, weak: true, note: 'repeats when the client speaks the wrong protocol for the listener; follows an authentication failure too, so a more specific line wins'},
      {client: 'go', pattern: /read tcp \S+->\S+: read: connection reset by peer/},
      {client: 'kafkajs', pattern: /Client network socket disconnected before secure TLS connection was established/, note: 'Node closed the socket during the TLS handshake: a load balancer or proxy closing it, kafkajs giving up after connectionTimeout, or (less often than its wording suggests) a plaintext listener'},
      {client: 'karafka', pattern: /Connection error EOFError\b/, note: 'ruby-kafka: the broker closed the connection (a plaintext client on a TLS port gives this too)'},
      {client: 'librdkafka', pattern: /Local: Broker transport failure\b/, weak: true, note: 'a generic transport failure; the broker line before it says which'},
    ],
  },
  {
    code: 'KD205',
    title: 'Address is private or loopback',
    layer: 'network',
    defaultStatus: 'warn',
    explanation:
      "The target is a loopback address (127.0.0.1, ::1, localhost) or a private one (10/8, 172.16/12, 192.168/16, fd00::/8). That is fine when client and broker share a machine or network, but inside a container `localhost` is the container itself, and a private address cannot be reached from a laptop, another VPC or the internet. If Kafka really runs on this same machine and the connection is refused, it is simply not listening (KD202).",
    causes: [
      {
        cause: "`localhost` used inside a container or pod: it means the client's own network namespace, not the machine running Kafka.",
        confirm: 'kdoctor notes when it runs in a container or pod and the target is loopback.',
      },
      {
        cause: 'Node 17+ resolves `localhost` to `::1` first while the broker listens on IPv4 only (`connect ECONNREFUSED ::1:9092`).',
        confirm: 'kdoctor resolves the name and tries each address family.',
      },
      {
        cause: 'A private IP used from outside its network (no VPN or peering).',
        confirm: "kdoctor compares the target with its own interface addresses.",
      },
    ],
    fix: [
      'From a container reach the host\'s Kafka as `host.docker.internal:9092` (Docker Desktop; on Linux add `--add-host=host.docker.internal:host-gateway`), or put client and broker on one compose network and use the service name.',
      'When the broker listens on IPv4 only use `127.0.0.1:9092` rather than `localhost:9092` (or run Node with `--dns-result-order=ipv4first`).',
      'For remote clients use a routable name or address and advertise it in `advertised.listeners`.',
    ],
    providers: {
      docker: 'Each container has its own loopback; `localhost` in the app container never reaches a broker in another container.',
      kubernetes: 'Containers in one pod share loopback; across pods use the Service name.',
    },
    related: ['KD202', 'KD502', 'KD203'],
    signatures: [
      {client: 'librdkafka', pattern: /Connect to (?:ipv4#127\.\d+\.\d+\.\d+|ipv6#\[::1\]):\d+ failed/},
      {client: 'node', pattern: /\bconnect (?:ECONNREFUSED|ETIMEDOUT) (?:127\.\d+\.\d+\.\d+|::1):\d+/},
      {client: 'java', pattern: /Connection to node -\d+ \((?:localhost|127\.[\d.]+)\/[^)]*\) could not be established/, note: 'negative node ids are bootstrap addresses in the Java client'},
      {client: 'go', pattern: /dial tcp (?:127\.\d+\.\d+\.\d+|\[::1\]):\d+: connect: connection refused/},
    ],
  },
  {
    code: 'KD206',
    title: 'Host or network unreachable',
    layer: 'network',
    defaultStatus: 'fail',
    explanation:
      'The operating system has no route to the address (EHOSTUNREACH or ENETUNREACH), or a router answered that the host cannot be reached. The packet never got near Kafka: the routing, VPN, subnet or address family is wrong.',
    causes: [
      {
        cause: "No route from this network to the broker's subnet: VPN down, a missing peering or Transit Gateway route, the wrong subnet route table.",
        confirm: 'kdoctor reports the immediate error (no timeout involved) and the source address used; on AWS it reads the route tables (KD707).',
      },
      {
        cause: 'An IPv6 address picked first while the host has no IPv6 route.',
        confirm: 'kdoctor tries each resolved address and notes which family fails.',
      },
      {
        cause: 'A firewall answering with ICMP unreachable instead of dropping.',
        confirm: 'The error arrives at once rather than after a timeout.',
      },
    ],
    fix: [
      'Fix the route (VPN, peering, Transit Gateway, route table) or run the client inside the broker\'s network.',
      "Force IPv4 when IPv6 is not routed: librdkafka `broker.address.family=v4` (Karafka `config.kafka = { 'broker.address.family': 'v4' }`), Java `-Djava.net.preferIPv4Stack=true`, Node `--dns-result-order=ipv4first`.",
      'Kubernetes: check the node\'s routes and any egress gateway, e.g. `kubectl debug node/<node> -it --image=busybox -- ip route`.',
    ],
    providers: {
      msk: 'Clients in another VPC need a peering or Transit Gateway route in both route tables.',
      kubernetes: 'Egress gateways and node routes decide whether pods can reach other VPCs or on-premises networks.',
    },
    related: ['KD203', 'KD707'],
    signatures: [
      {client: 'librdkafka', pattern: /Connect to ipv[46]#\S+ failed: (?:No route to host|Network is unreachable|Host is unreachable)/},
      {client: 'java', pattern: /java\.net\.(?:NoRouteToHostException|SocketException): (?:No route to host|Network is unreachable|Host is unreachable)/},
      {client: 'kafkajs', pattern: /Connection error: connect (?:EHOSTUNREACH|ENETUNREACH) \S+/},
      {client: 'node', pattern: /\bconnect (?:EHOSTUNREACH|ENETUNREACH) \S+/},
      {client: 'go', pattern: /dial tcp \S+: connect: (?:no route to host|network is unreachable)/},
    ],
  },
] satisfies CatalogEntryData[]
