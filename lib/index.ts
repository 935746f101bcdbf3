/** cdktf-dts: Data Transmission Service as code. */
export { DtsStack, MANIFEST_FILE_NAME } from './dts-stack.js';
export { Secret } from './secret.js';
export {
  RocketMqInstance,
  type IRocketMqInstance,
  type RocketMqConnection,
  type RocketMqInstanceAttributes,
  type RocketMqInstanceProps,
  type RocketMqVersion,
  type RocketMqVpcProps,
} from './rocketmq/instance.js';
export { RocketMqTopic, type IRocketMqTopic, type RocketMqTopicAttributes, type RocketMqTopicProps, type UnorderedMessageType } from './rocketmq/topic.js';
export {
  ConsumerGroup,
  DEFAULT_PRODUCER_GROUP,
  ProducerGroup,
  type ConsumerGroupProps,
  type ProducerGroupProps,
  type RetryPolicy,
  type RocketMqAccountProps,
} from './rocketmq/groups.js';
export { MySqlEndpoint, type RdsMySqlProps, type SelfManagedMySqlProps } from './mysql/endpoint.js';
export { RdsInstance, MIN_RDS_BINLOG_RETENTION_HOURS, type RdsAccountProps, type RdsInstanceProps, type RdsMySqlVersion, type RdsPrivilege } from './mysql/rds-instance.js';
export { SyncTask, type SyncTaskProps, type DestinationTarget } from './sync/sync-task.js';
export {
  ALL_DML,
  DTS_INSTANCE_CLASSES,
  MYSQL_DDL,
  ROCKETMQ_DDL,
  SyncDestination,
  SyncRuntime,
  type AlertingProps,
  type Capitalization,
  type ColumnTransform,
  type DdlOperation,
  type DmlOperation,
  type DtsInstanceClass,
  type ManagedDtsProps,
  type MessageFormat,
  type MySqlDestinationOptions,
  type OrderingRule,
  type RocketMqDestinationProps,
  type SyncObject,
  type SyncTypes,
  type ThrottleFull,
  type ThrottleIncremental,
  type TopicRef,
} from './sync/options.js';
export { MAX_TABLE_LEVEL_OBJECTS, RETRY_CONNECTION_MINUTES, RETRY_OTHER_MINUTES } from './sync/checks.js';
export { buildDbList } from './sync/db-list.js';
export { AlicloudProvider, type AlicloudProviderConfig } from './providers/alicloud/provider/index.js';
export { KUBERNETES_INSTANCE_RESOURCES, KUBERNETES_RUNTIME_DEFAULTS, type KubernetesRuntimeProps } from './kubernetes/props.js';
export { EngineWorkload, kubernetesName } from './kubernetes/engine-workload.js';
export { KubernetesProvider, type KubernetesProviderConfig } from '@cdktf/provider-kubernetes/lib/provider/index.js';
export type { Manifest, TaskSpec, SecretRef } from '../runtime/manifest/types.js';
