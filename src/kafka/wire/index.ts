// kafka/wire: a small Kafka wire-protocol codec and probe connection (no kafkajs, no retries).
// The caller connects TCP/TLS; this module does Kafka framing, the probes and SASL.

export {ApiKey, apiName, isFlexible, requestHeaderVersion, responseHeaderVersion} from './api-keys.js'
export {
  Reader,
  Writer,
  ZERO_UUID,
  readRequestHeader,
  readResponseHeader,
  writeRequestHeader,
  writeResponseHeader,
  type RequestHeader,
} from './codec.js'
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  EVIDENCE_BYTES,
  ProbeConnection,
  type Decoder,
  type ExchangeRecord,
  type ProbeConnectionOptions,
  type SendOptions,
  type WireReply,
} from './connection.js'
export {KAFKA_ERROR_NAMES, KafkaErrorCode, kafkaErrorName} from './error-codes.js'
export {NoCommonVersionError, WireDecodeError, WireError, type ForeignBytes, type WireErrorInfo, type WireErrorKind} from './errors.js'
export {ACL_OPERATION_NAMES, AUTHORIZED_OPERATIONS_OMITTED, decodeAuthorizedOperations} from './authorized-operations.js'
export {FIRST_RESPONSE_SANE_BYTES, describeTlsAlert, isTlsBytes, sniffForeignBytes} from './sniff.js'
export {brokerRange, highestCommonVersion, pickVersion, rangesOf, type ApiVersionRange, type BrokerVersions} from './versions.js'
export {rawExchange, type RawExchangeResult} from './raw-exchange.js'

export {
  API_VERSIONS_PREFERRED_VERSION,
  decodeApiVersionsResponse,
  encodeApiVersionsRequest,
  requestApiVersions,
  type ApiVersionsAttempt,
  type ApiVersionsOptions,
  type ApiVersionsResponse,
  type ApiVersionsResult,
  type ClientSoftware,
  type FinalizedFeature,
  type SupportedFeature,
} from './apis/api-versions.js'
export {
  METADATA_VERSIONS,
  decodeMetadataResponse,
  encodeMetadataRequest,
  type MetadataBroker,
  type MetadataPartition,
  type MetadataRequest,
  type MetadataResponse,
  type MetadataTopic,
} from './apis/metadata.js'
export {SASL_HANDSHAKE_VERSION, decodeSaslHandshakeResponse, encodeSaslHandshakeRequest, type SaslHandshakeResponse} from './apis/sasl-handshake.js'
export {
  SASL_AUTHENTICATE_VERSIONS,
  decodeSaslAuthenticateResponse,
  encodeSaslAuthenticateRequest,
  type SaslAuthenticateResponse,
} from './apis/sasl-authenticate.js'

export {
  SUPPORTED_SASL_MECHANISMS,
  authenticate,
  type AuthenticateOptions,
  type SaslAuthResult,
  type SaslCredentials,
  type SaslMechanism,
  type SaslPhase,
} from './sasl/authenticate.js'
export {plainInitialResponse} from './sasl/plain.js'
export {
  SCRAM_MECHANISM_HASH,
  SCRAM_SERVER_ERRORS,
  ScramClient,
  ScramError,
  describeScramServerError,
  type ScramFailure,
  type ScramHash,
} from './sasl/scram.js'
export {OAUTHBEARER_ERROR_ACK, oauthBearerInitialResponse, parseOAuthBearerError, type OAuthBearerServerError} from './sasl/oauthbearer.js'

export {
  PROBE_MECHANISM,
  fetchMetadata,
  fingerprintListener,
  fingerprintSasl,
  type ListenerFingerprint,
  type MetadataOptions,
  type MetadataResult,
  type MetadataTopicResult,
  type SaslFingerprint,
} from './probe.js'

// Side-effect-free permission probes (kdoctor acl-check): one file per API under apis/.
export {crc32c, encodeProbeRecordBatch, RECORD_BATCH_MAGIC, TRANSACTIONAL_FLAG, type ProbeBatchOptions} from './apis/record-batch.js'
export {PRODUCE_VERSIONS, decodeProduceResponse, encodeProduceRequest, type ProducePartitionResponse, type ProduceRequest, type ProduceResponse} from './apis/produce.js'
export {FETCH_VERSIONS, decodeFetchResponse, encodeFetchRequest, type FetchPartitionResponse, type FetchRequest, type FetchResponse} from './apis/fetch.js'
export {DESCRIBE_GROUPS_VERSIONS, decodeDescribeGroupsResponse, encodeDescribeGroupsRequest, type DescribeGroupsResponse, type DescribedGroup} from './apis/describe-groups.js'
export {HEARTBEAT_VERSIONS, decodeHeartbeatResponse, encodeHeartbeatRequest, type HeartbeatRequest} from './apis/heartbeat.js'
export {
  CREATE_TOPICS_VERSIONS,
  decodeCreateTopicsResponse,
  encodeCreateTopicsRequest,
  type CreatableTopic,
  type CreatableTopicResult,
  type CreateTopicsRequest,
  type CreateTopicsResponse,
} from './apis/create-topics.js'
export {
  INIT_PRODUCER_ID_VERSIONS,
  decodeInitProducerIdResponse,
  encodeInitProducerIdRequest,
  type InitProducerIdRequest,
  type InitProducerIdResponse,
} from './apis/init-producer-id.js'
export {
  ConfigResourceType,
  DESCRIBE_CONFIGS_VERSIONS,
  decodeDescribeConfigsResponse,
  encodeDescribeConfigsRequest,
  type DescribeConfigsResource,
  type DescribeConfigsResult,
  type DescribedConfig,
} from './apis/describe-configs.js'
export {
  ACL_OPERATION_ANY,
  AclPatternType,
  AclPermission,
  AclResourceType,
  DESCRIBE_ACLS_VERSIONS,
  decodeDescribeAclsResponse,
  encodeDescribeAclsRequest,
  type AclBinding,
  type AclFilter,
  type DescribeAclsResponse,
} from './apis/describe-acls.js'
export {DESCRIBE_CLUSTER_VERSIONS, decodeDescribeClusterResponse, encodeDescribeClusterRequest, type DescribeClusterResponse} from './apis/describe-cluster.js'
export {
  DESCRIBE_TRANSACTIONS_VERSIONS,
  decodeDescribeTransactionsResponse,
  encodeDescribeTransactionsRequest,
  type TransactionStateResult,
} from './apis/describe-transactions.js'
export {
  DESCRIBE_QUORUM_VERSIONS,
  decodeDescribeQuorumResponse,
  encodeDescribeQuorumRequest,
  type DescribeQuorumResponse,
  type QuorumReplica,
} from './apis/describe-quorum.js'
