// The crafted Metadata answers of the hostile-broker suite, by name (the runner in the network
// namespace and the test agree on them). `port` is the hostile broker's own port.
import type {MetadataResponse} from '../../src/kafka/wire/apis/metadata.js'

type Broker = MetadataResponse['brokers'][number]
const ESC = 'x\u001b[2J\u001b]0;pwned\u0007\r\n  ✓ tcp  forged\u009b31m\u202e'

function answer(port: number, advertised: Broker[], extra: Partial<MetadataResponse> = {}): MetadataResponse {
  return {throttleTimeMs: 0, clusterId: 'hostile', controllerId: 1, brokers: [{nodeId: 1, host: '127.0.0.1', port, rack: null}, ...advertised], topics: [], ...extra}
}

const at = (host: string, port = 9092, nodeId = 2): Broker => ({nodeId, host, port, rack: null})

export const HOSTILE_CASES: Record<string, (port: number) => MetadataResponse> = {
  'cloud metadata service': (p) => answer(p, [at('169.254.169.254', 80)]),
  'cloud metadata service, decimal': (p) => answer(p, [at('2852039166', 80)]),
  'cloud metadata service, hex': (p) => answer(p, [at('0xa9fea9fe', 80)]),
  'cloud metadata service, IPv4-mapped IPv6': (p) => answer(p, [at('::ffff:169.254.169.254', 80)]),
  'unspecified 0.0.0.0': (p) => answer(p, [at('0.0.0.0')]),
  'unspecified ::': (p) => answer(p, [at('::')]),
  'IPv6 link-local fe80::1': (p) => answer(p, [at('fe80::1')]),
  multicast: (p) => answer(p, [at('224.0.0.1'), at('ff02::1', 9092, 3)]),
  broadcast: (p) => answer(p, [at('255.255.255.255')]),
  'port -1': (p) => answer(p, [at('127.0.0.1', -1)]),
  'port 0': (p) => answer(p, [at('127.0.0.1', 0)]),
  'port 70000': (p) => answer(p, [at('127.0.0.1', 70_000)]),
  'private 0x0a000001 behind a loopback bootstrap': (p) => answer(p, [at('0x0a000001')]),
  'escape bytes in host, rack, cluster id and topic': (p) =>
    answer(p, [{nodeId: 2, host: ESC, port: p, rack: ESC}], {
      clusterId: ESC,
      topics: [{errorCode: 0, name: ESC, isInternal: false, partitions: [{errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: 0, replicaNodes: [1], isrNodes: [1], offlineReplicas: []}]}],
    }),
  'empty and 30,000-character host names': (p) => answer(p, [at(''), at('h'.repeat(30_000), 9092, 3)]),
  '100,000 brokers': (p) => answer(p, Array.from({length: 100_000}, (_, i) => at(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 9092, i + 2))),
  '500,000 partitions': (p) =>
    answer(p, [], {
      topics: Array.from({length: 50}, (_, t) => ({
        errorCode: 0,
        name: `t${t}`,
        isInternal: false,
        partitions: Array.from({length: 10_000}, (_, i) => ({errorCode: 0, partitionIndex: i, leaderId: 1, leaderEpoch: 0, replicaNodes: [1], isrNodes: [1], offlineReplicas: []})),
      })),
    }),
  'a learned loopback alias (for --no-advertised)': (p) => answer(p, [at('127.0.0.2', p)]),
  'duplicate node ids and addresses': (p) => answer(p, Array.from({length: 5000}, () => at('127.0.0.1', p, 1))),
}
