// The request versions kdoctor's own wire client can send, per API (what `cluster-info
// --api-versions` compares with each broker's ApiVersions answer). One entry per *_VERSIONS
// constant of ./apis; a new API module adds its line here.

import {ApiKey} from './api-keys.js'
import {CREATE_TOPICS_VERSIONS} from './apis/create-topics.js'
import {DESCRIBE_ACLS_VERSIONS} from './apis/describe-acls.js'
import {DESCRIBE_CLUSTER_VERSIONS} from './apis/describe-cluster.js'
import {DESCRIBE_CONFIGS_VERSIONS} from './apis/describe-configs.js'
import {DESCRIBE_QUORUM_VERSIONS} from './apis/describe-quorum.js'
import {DESCRIBE_GROUPS_VERSIONS} from './apis/describe-groups.js'
import {DESCRIBE_TRANSACTIONS_VERSIONS} from './apis/describe-transactions.js'
import {FETCH_VERSIONS} from './apis/fetch.js'
import {HEARTBEAT_VERSIONS} from './apis/heartbeat.js'
import {INIT_PRODUCER_ID_VERSIONS} from './apis/init-producer-id.js'
import {METADATA_VERSIONS} from './apis/metadata.js'
import {PRODUCE_VERSIONS} from './apis/produce.js'
import {SASL_AUTHENTICATE_VERSIONS} from './apis/sasl-authenticate.js'
import {API_VERSIONS_PREFERRED_VERSION} from './apis/api-versions.js'
import {SASL_HANDSHAKE_VERSION} from './apis/sasl-handshake.js'

export const KDOCTOR_API_VERSIONS: ReadonlyMap<number, {min: number; max: number}> = new Map([
  // ApiVersions falls back to v0 when a broker refuses the preferred version.
  [ApiKey.ApiVersions, {min: 0, max: API_VERSIONS_PREFERRED_VERSION}],
  [ApiKey.SaslHandshake, {min: SASL_HANDSHAKE_VERSION, max: SASL_HANDSHAKE_VERSION}],
  [ApiKey.SaslAuthenticate, SASL_AUTHENTICATE_VERSIONS],
  [ApiKey.Metadata, METADATA_VERSIONS],
  [ApiKey.Produce, PRODUCE_VERSIONS],
  [ApiKey.Fetch, FETCH_VERSIONS],
  [ApiKey.Heartbeat, HEARTBEAT_VERSIONS],
  [ApiKey.CreateTopics, CREATE_TOPICS_VERSIONS],
  [ApiKey.DescribeAcls, DESCRIBE_ACLS_VERSIONS],
  [ApiKey.DescribeCluster, DESCRIBE_CLUSTER_VERSIONS],
  [ApiKey.DescribeConfigs, DESCRIBE_CONFIGS_VERSIONS],
  [ApiKey.DescribeGroups, DESCRIBE_GROUPS_VERSIONS],
  [ApiKey.DescribeQuorum, DESCRIBE_QUORUM_VERSIONS],
  [ApiKey.DescribeTransactions, DESCRIBE_TRANSACTIONS_VERSIONS],
  [ApiKey.InitProducerId, INIT_PRODUCER_ID_VERSIONS],
])
