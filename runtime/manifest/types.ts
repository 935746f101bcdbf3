/**
 * The runtime manifest: the contract between the construct library (lib/, which writes it at synth)
 * and the engine (runtime/, which executes it). schemas/manifest.schema.json is its JSON Schema;
 * a unit test keeps the two in lock-step. Everything here is fully resolved: no defaults are left
 * for the engine to guess, and no secret value ever appears (only SecretRef).
 */

export const MANIFEST_VERSION = 1 as const;

export interface Manifest {
  readonly version: typeof MANIFEST_VERSION;
  /** The cdktf stack that produced this manifest. */
  readonly stack: string;
  readonly tasks: readonly TaskSpec[];
  /**
   * Tasks of the stack that Alibaba Cloud DTS runs (SyncRuntime.managedDts): not run by this engine,
   * listed so that `dts plan` shows where every task runs and a move between runtimes.
   */
  readonly managedTasks?: readonly ManagedTaskSpec[];
}

/** DTS-style instance classes (throughput; on Kubernetes also the pod's CPU and memory). */
export type InstanceClass = 'micro' | 'small' | 'medium' | 'large' | 'xlarge' | '2xlarge' | '4xlarge';

export interface ManagedTaskSpec {
  readonly name: string;
  readonly instanceClass: InstanceClass;
}

/**
 * Where the engine runs a task. Absent: the bundled engine, wherever `dts run` is started.
 * 'kubernetes': a StatefulSet made by `cdktf deploy` (SyncRuntime.kubernetes); `dts run` elsewhere
 * leaves the task alone unless `--task` names it (the pod's command does).
 */
export interface KubernetesRuntimeSpec {
  readonly kind: 'kubernetes';
  readonly namespace: string;
  /** 1, or 2 for a hot standby (the task's lease decides which pod delivers). */
  readonly replicas: 1 | 2;
  readonly instanceClass: InstanceClass;
}

/** Where the engine reads a secret at run time. The value itself is never written anywhere. */
export type SecretRef = { readonly fromEnv: string } | { readonly fromFile: string };

/**
 * TLS to a MySQL endpoint. Verification is on unless turned off here, explicitly.
 * The CA is a reference (a file or an environment variable holding PEM), never certificate text.
 */
export interface TlsSpec {
  /** The CA (PEM) that signed the server's certificate; default: the system's CAs. */
  readonly ca?: SecretRef;
  /** Verify the server's certificate against the CA. Default true. */
  readonly verifyCertificate?: boolean;
  /** Verify that the certificate names the host connected to. Default true. */
  readonly verifyServerName?: boolean;
  /** Oldest TLS version accepted. Default TLSv1.2. */
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
}

export interface MySqlEndpointSpec {
  readonly engine: 'mysql';
  /** 'rds' = ApsaraDB RDS for MySQL (binlog retention >= 3 days); 'self-managed' (>= 7 days). */
  readonly kind: 'rds' | 'self-managed';
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: SecretRef;
  /** TLS: false = none; true = TLS verified against the system CAs; or the settings (see TlsSpec). */
  readonly ssl: boolean | TlsSpec;
  /** RDS instance id when kind = 'rds' (informational for the engine). */
  readonly instanceId?: string;
  readonly region?: string;
}

export interface RocketMqEndpointSpec {
  readonly engine: 'rocketmq';
  readonly version: '4.x' | '5.x';
  /** gRPC proxy endpoint(s), host:port[;host:port]. */
  readonly endpoints: string;
  /**
   * Name server(s), or a 5.x proxy's remoting port in cluster mode: when set, messages go in batches
   * per queue over the remoting protocol; when absent, one by one over gRPC.
   */
  readonly remotingEndpoints?: string;
  readonly namespace?: string;
  readonly instanceId?: string;
  readonly region?: string;
  /** RocketMQ 5.x account (the seed's "Database Account"/"Database Password"). */
  readonly accessKey?: SecretRef;
  readonly secretKey?: SecretRef;
  /** Default topic for data; per-object `topic` overrides it (table wins over database). */
  readonly topic: string;
  /** Optional separate topic for DDL; data topic when absent. */
  readonly ddlTopic?: string;
  /** Name of the producer group (default dts-producer-group). */
  readonly producerGroup: string;
}

export type DmlOperation = 'INSERT' | 'UPDATE' | 'DELETE';

export type DdlOperation =
  | 'CREATE_TABLE' | 'ALTER_TABLE' | 'DROP_TABLE' | 'RENAME_TABLE' | 'TRUNCATE_TABLE'
  | 'CREATE_VIEW' | 'ALTER_VIEW' | 'DROP_VIEW'
  | 'CREATE_PROCEDURE' | 'ALTER_PROCEDURE' | 'DROP_PROCEDURE'
  | 'CREATE_FUNCTION' | 'DROP_FUNCTION'
  | 'CREATE_TRIGGER' | 'DROP_TRIGGER'
  | 'CREATE_INDEX' | 'DROP_INDEX';

/** Declarative ETL on one object's rows (applied after the filter, before the sink). */
export interface ColumnTransformSpec {
  /** Only these columns are delivered (primary key columns are always kept). */
  readonly include?: readonly string[];
  /** These columns are dropped. */
  readonly exclude?: readonly string[];
  /** source column -> destination column name. */
  readonly rename?: Readonly<Record<string, string>>;
  /** New columns computed from a SQL expression over the row (same SQL subset as filters). */
  readonly computed?: readonly { readonly name: string; readonly expression: string }[];
}

/** One selected object: a whole database (table absent) or one table. Table entries win. */
export interface ObjectSpec {
  readonly database: string;
  readonly table?: string;
  /** MySQL destination: mapped database / table name (after capitalization). */
  readonly targetDatabase?: string;
  readonly targetTable?: string;
  /** RocketMQ destination: topic for this object (the "Schema Name"/"Table Name" mapping). */
  readonly topic?: string;
  /** SQL WHERE subset, e.g. "status <> 'cancelled' AND amount > 10" (table objects only). */
  readonly filter?: string;
  readonly dml: readonly DmlOperation[];
  readonly ddl: readonly DdlOperation[];
  /** Columns hashed for ordering rule 'columns' (default: primary key, else unique key). */
  readonly partitionKey?: readonly string[];
  readonly columns?: ColumnTransformSpec;
}

export interface ThrottleSpec {
  /** Queries per second to the source (full sync only). */
  readonly qps?: number;
  /** Records per second. */
  readonly rps?: number;
  /** Megabytes per second. */
  readonly mbps?: number;
}

export interface RocketMqOptionsSpec {
  readonly format: 'canal-json' | 'dts-avro';
  /** Canal JSON only: `old` carries the whole before image instead of the changed columns. */
  readonly syncAllFields: boolean;
  readonly ordering: {
    readonly rule: 'global' | 'database-table' | 'columns';
    /** Number of message groups the column hash is folded into (rule 'columns'). */
    readonly buckets: number;
  };
  /** Max messages per second to the destination topic. */
  readonly tpsLimit?: number;
  /** true: records over 4 MB are skipped, counted and logged; false: the task fails. */
  readonly filterLargeRecords: boolean;
}

export interface MySqlOptionsSpec {
  /** Schema the engine keeps its checkpoint in on the destination (default __dts). */
  readonly engineSchema: string;
  /** Replicate gh-ost / pt-osc temp tables (true) or only the original DDL (false). */
  readonly onlineDdlTempTables: boolean;
  /** Parallel chunk readers during full sync. */
  readonly fullSyncParallelism: number;
  /** Max rows merged into one destination transaction, and max wait before flushing. */
  readonly batchRows: number;
  readonly flushIntervalMs: number;
}

export interface AlertingSpec {
  /** Alert when latency stays above this many seconds ... */
  readonly latencySeconds?: number;
  /** ... for at least this long. */
  readonly latencyForSeconds?: number;
  /** Alert when the task enters Failed. */
  readonly onFailure: boolean;
  /** JSON events are POSTed here (and always logged). */
  readonly webhookUrl?: string;
}

export type Capitalization = 'dts-default' | 'source' | 'destination-default' | 'lower' | 'upper';

export interface TaskSpec {
  readonly name: string;
  readonly source: MySqlEndpointSpec;
  readonly destination: MySqlEndpointSpec | RocketMqEndpointSpec;
  readonly syncTypes: { readonly schema: boolean; readonly full: boolean; readonly incremental: boolean };
  readonly conflictingTables: 'precheck-and-report' | 'ignore';
  readonly objects: readonly ObjectSpec[];
  readonly capitalization: Capitalization;
  readonly retry: { readonly connectionMinutes: number; readonly otherMinutes: number };
  readonly throttle: { readonly full?: ThrottleSpec; readonly incremental?: ThrottleSpec };
  /** Write a DTS-style heartbeat row (`dts_heartbeat`) on the source every second. */
  readonly heartbeat: boolean;
  readonly environmentTag?: string;
  readonly alerting?: AlertingSpec;
  /** Present when destination.engine = 'rocketmq'. */
  readonly rocketmq?: RocketMqOptionsSpec;
  /** Present when destination.engine = 'mysql'. */
  readonly mysql?: MySqlOptionsSpec;
  /** The engine's replication client server_id (unique per source). */
  readonly serverId: number;
  /** Where the task runs; absent: the bundled engine. */
  readonly runtime?: KubernetesRuntimeSpec;
}
