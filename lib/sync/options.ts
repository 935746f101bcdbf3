import type {
  Capitalization,
  DdlOperation,
  DmlOperation,
} from '../../runtime/manifest/types.js';
import type { MySqlEndpoint } from '../mysql/endpoint.js';
import type { IRocketMqInstance } from '../rocketmq/instance.js';
import type { ProducerGroup } from '../rocketmq/groups.js';
import type { IRocketMqTopic } from '../rocketmq/topic.js';
import type { KubernetesRuntimeProps } from '../kubernetes/props.js';

export type { Capitalization, DdlOperation, DmlOperation };

export const ALL_DML: readonly DmlOperation[] = ['INSERT', 'UPDATE', 'DELETE'];

/** DDL a MySQL -> RocketMQ task can deliver (seed 000, "Supported SQL operations"). */
export const ROCKETMQ_DDL: readonly DdlOperation[] = [
  'CREATE_TABLE', 'ALTER_TABLE', 'DROP_TABLE', 'RENAME_TABLE', 'TRUNCATE_TABLE',
  'CREATE_VIEW', 'ALTER_VIEW', 'DROP_VIEW',
  'CREATE_PROCEDURE', 'ALTER_PROCEDURE', 'DROP_PROCEDURE',
  'CREATE_FUNCTION', 'DROP_FUNCTION', 'CREATE_TRIGGER', 'DROP_TRIGGER',
  'CREATE_INDEX', 'DROP_INDEX',
];

/** DDL a MySQL -> MySQL task replays (seed 004, "Supported SQL operations"). */
export const MYSQL_DDL: readonly DdlOperation[] = [
  'ALTER_TABLE', 'ALTER_VIEW', 'CREATE_FUNCTION', 'CREATE_INDEX', 'CREATE_PROCEDURE', 'CREATE_TABLE',
  'CREATE_VIEW', 'DROP_INDEX', 'DROP_TABLE', 'RENAME_TABLE', 'TRUNCATE_TABLE',
];

/** A topic given as a declared topic construct or by name (it must still be declared in the stack). */
export type TopicRef = IRocketMqTopic | string;

/** Declarative ETL on one object's rows: applied after the filter, before delivery. */
export interface ColumnTransform {
  /** Only these columns are delivered (primary key columns are always kept). @default - all */
  readonly include?: readonly string[];
  /** These columns are dropped. @default - none */
  readonly exclude?: readonly string[];
  /** source column -> destination column name (column name mapping). @default - none */
  readonly rename?: Readonly<Record<string, string>>;
  /** New columns computed from a SQL expression over the row (same SQL subset as filters). @default - none */
  readonly computed?: readonly { readonly name: string; readonly expression: string }[];
}

/**
 * One selected object: a whole database (no `table`) or one table. A table entry wins over its
 * database's entry ("table-level mapping takes precedence").
 */
export interface SyncObject {
  readonly database: string;
  /** @default - the whole database */
  readonly table?: string;
  /** MySQL destination: database name in the destination. @default - same as the source (after capitalization) */
  readonly targetDatabase?: string;
  /** MySQL destination, table objects: table name in the destination. @default - same as the source */
  readonly targetTable?: string;
  /** RocketMQ destination: topic for this object ("Schema Name"/"Table Name" mapping). @default - the task's topic */
  readonly topic?: TopicRef;
  /** Table objects: SQL WHERE condition rows must meet, e.g. "status <> 'cancelled'". @default - every row */
  readonly filter?: string;
  /** DML delivered in incremental sync. @default - INSERT, UPDATE, DELETE */
  readonly dml?: readonly DmlOperation[];
  /** DDL delivered. @default - every DDL the destination supports */
  readonly ddl?: readonly DdlOperation[];
  /** Ordering rule 'columns', table objects: the columns hashed. @default - primary key, else unique key */
  readonly partitionKey?: readonly string[];
  /** Column include/exclude/rename/computed (ETL). @default - columns as they are */
  readonly columns?: ColumnTransform;
}

export type MessageFormat = 'canal-json' | 'dts-avro';

/**
 * Rules of the ordered messages delivered to RocketMQ: 'global' (one partition, slowest),
 * 'database-table' (hash of database + table), 'columns' (hash of the primary key or the
 * partition key; fastest).
 */
export type OrderingRule = 'global' | 'database-table' | 'columns';

export interface RocketMqDestinationProps {
  readonly instance: IRocketMqInstance;
  /** The topic that receives the data; must be ordered and declared in the stack. */
  readonly topic: TopicRef;
  /** A separate ordered topic for DDL. @default - DDL goes to `topic` */
  readonly ddlTopic?: TopicRef;
  /** @default 'dts-producer-group' */
  readonly producerGroup?: ProducerGroup | string;
  /** @default 'canal-json' */
  readonly format?: MessageFormat;
  /** Canal JSON only: `old` holds the whole before image, not only the changed columns. @default false */
  readonly syncAllFields?: boolean;
  /** @default 'columns' */
  readonly ordering?: OrderingRule;
  /** Rule 'columns': number of message groups the hash is folded into. @default 64 */
  readonly orderingBuckets?: number;
  /** Max messages per second to the topic; keep it under the instance's TPS limit. @default - no limit */
  readonly tpsLimit?: number;
  /** true: records over 4 MB are skipped (and counted); false: such a record fails the task. @default false */
  readonly filterLargeRecords?: boolean;
}

export interface MySqlDestinationOptions {
  /** Replicate the temp tables of DMS/gh-ost/pt-osc online DDL (true) or only the original DDL (false). @default false */
  readonly onlineDdlTempTables?: boolean;
  /** Parallel chunk readers in full sync, and destination connections applying their chunks, 1..64. @default 4 (runtime/manifest/defaults.ts) */
  readonly fullSyncParallelism?: number;
  /** Max row changes merged into one destination transaction, 1..100000 (a transaction also ends at 16 MB of changes held). @default 10000 (runtime/manifest/defaults.ts) */
  readonly batchRows?: number;
  /** Max wait before a partial batch is flushed, ms, 0..60000. @default 100 (runtime/manifest/defaults.ts) */
  readonly flushIntervalMs?: number;
  /** Destination schema that holds the engine's checkpoint. @default '__dts' */
  readonly engineSchema?: string;
}

interface RocketMqDestinationData { readonly engine: 'rocketmq'; readonly props: RocketMqDestinationProps }
interface MySqlDestinationData { readonly engine: 'mysql'; readonly endpoint: MySqlEndpoint; readonly options: MySqlDestinationOptions }

/** Where a task delivers. */
export class SyncDestination {
  /** An ApsaraMQ for RocketMQ topic (4.x or 5.x, non-serverless). */
  static rocketMq(props: RocketMqDestinationProps): SyncDestination {
    return new SyncDestination({ engine: 'rocketmq', props });
  }

  /** A MySQL database. */
  static mySql(endpoint: MySqlEndpoint, options: MySqlDestinationOptions = {}): SyncDestination {
    return new SyncDestination({ engine: 'mysql', endpoint, options });
  }

  private constructor(readonly data: RocketMqDestinationData | MySqlDestinationData) {}

  get engine(): 'rocketmq' | 'mysql' {
    return this.data.engine;
  }
}

/** Throughput classes of DTS synchronization instances (max incremental RPS: micro < 200 ... 4xlarge 68,000). */
export const DTS_INSTANCE_CLASSES = ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge', '4xlarge'] as const;
export type DtsInstanceClass = (typeof DTS_INSTANCE_CLASSES)[number];

export interface ManagedDtsProps {
  readonly instanceClass: DtsInstanceClass;
  /** @default 'PayAsYouGo' */
  readonly paymentType?: 'PayAsYouGo' | 'Subscription';
  /** Subscription only: months. @default 1 */
  readonly usedTime?: number;
  /** Region of the DTS instance when the endpoints do not say. @default - the source endpoint's region */
  readonly region?: string;
  /** Mobile numbers for the DTS job monitor rules made from `alerting`. @default - none (rules still created) */
  readonly alertPhones?: readonly string[];
}

/** Who runs a task. */
export class SyncRuntime {
  /** The bundled engine (`dts run`): the task goes into dts.manifest.json. */
  static bundled(): SyncRuntime {
    return new SyncRuntime('bundled');
  }

  /**
   * Alibaba Cloud DTS: emits alicloud_dts_synchronization_instance + _job (+ job monitor rules) instead
   * of a manifest task. MySQL -> MySQL only (the provider has no RocketMQ DTS engine).
   */
  static managedDts(props: ManagedDtsProps): SyncRuntime {
    return new SyncRuntime('managed-dts', props);
  }

  /**
   * The bundled engine on Kubernetes, started by `cdktf deploy` (@cdktf/provider-kubernetes): per task
   * a ConfigMap with its manifest, a StatefulSet of 1 pod (or 2: a hot standby), a state volume and a
   * Service for /metrics with Prometheus annotations. The stack needs a `KubernetesProvider`.
   * One owner per task is kept by the engine's lease on the source (README, "Running on Kubernetes").
   */
  static kubernetes(props: KubernetesRuntimeProps): SyncRuntime {
    return new SyncRuntime('kubernetes', undefined, props);
  }

  private constructor(
    readonly kind: 'bundled' | 'managed-dts' | 'kubernetes',
    readonly managed?: ManagedDtsProps,
    readonly kubernetes?: KubernetesRuntimeProps,
  ) {}

  /** Run by this project's engine (bundled or on Kubernetes): the task is in dts.manifest.json. */
  get runsEngine(): boolean {
    return this.kind !== 'managed-dts';
  }
}

export interface ThrottleFull {
  /** Queries per second to the source. */
  readonly qps?: number;
  /** Records per second. */
  readonly rps?: number;
  /** Megabytes per second. */
  readonly mbps?: number;
}

export interface ThrottleIncremental {
  readonly rps?: number;
  readonly mbps?: number;
}

export interface AlertingProps {
  /** Alert when latency stays above this many seconds ... @default - no latency alert */
  readonly latencySeconds?: number;
  /** ... for at least this long. @default 0 */
  readonly latencyForSeconds?: number;
  /** Alert when the task fails. @default true */
  readonly onFailure?: boolean;
  /** Bundled engine: JSON alerts are POSTed here (and always logged). @default - log only */
  readonly webhookUrl?: string;
}

export interface SyncTypes {
  /** Schema synchronization (MySQL destinations only). @default true for MySQL, false for RocketMQ */
  readonly schema?: boolean;
  /** Full data synchronization. @default true for MySQL, false for RocketMQ */
  readonly full?: boolean;
  /** Incremental data synchronization. @default true */
  readonly incremental?: boolean;
}
