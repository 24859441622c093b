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
