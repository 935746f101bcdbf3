/**
 * Synth-time checks of one task: the mistakes the seed documents warn about, caught before deploy.
 * Each message names the task, the object and the fix.
 */
import { parseFilter } from '../../runtime/transforms/filter/parse.js';
import type { IRocketMqInstance } from '../rocketmq/instance.js';
import { ProducerGroup } from '../rocketmq/groups.js';
import { TOPIC_NAME_PATTERN, type IRocketMqTopic } from '../rocketmq/topic.js';
import {
  DTS_INSTANCE_CLASSES,
  MYSQL_DDL,
  type SyncObject,
  type TopicRef,
} from './options.js';
import type { SyncTaskProps } from './sync-task.js';
import { kubernetesProblems } from '../kubernetes/props.js';

/** Table-level selection with object name mapping: at most this many tables per task. */
export const MAX_TABLE_LEVEL_OBJECTS = 1000;
export const RETRY_CONNECTION_MINUTES = { min: 10, max: 1440, default: 720, recommendedMin: 30 } as const;
export const RETRY_OTHER_MINUTES = { min: 1, max: 1440, default: 10, recommendedMin: 10 } as const;

export interface CheckResult {
  readonly errors: string[];
  readonly warnings: string[];
}

export interface ResolvedTopic {
  readonly name: string;
  /** The declared topic, when one matches. */
  readonly declared?: IRocketMqTopic;
}

export function resolveTopic(ref: TopicRef, instance: IRocketMqInstance, declared: readonly IRocketMqTopic[]): ResolvedTopic {
  if (typeof ref !== 'string') return { name: ref.topicName, declared: ref };
  return { name: ref, declared: declared.find((t) => t.topicName === ref && t.instance === instance) };
}

export function objectLabel(o: { database: string; table?: string }): string {
  return o.table === undefined ? `database ${o.database}` : `table ${o.database}.${o.table}`;
}

function isPositive(n: number | undefined): boolean {
  return n === undefined || (Number.isFinite(n) && n > 0);
}

export function checkTask(name: string, props: SyncTaskProps, declaredTopics: readonly IRocketMqTopic[]): CheckResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const err = (msg: string) => errors.push(`SyncTask ${name}: ${msg}`);
  const warn = (msg: string) => warnings.push(`SyncTask ${name}: ${msg}`);
  const dest = props.destination.data;
  const toRocketMq = dest.engine === 'rocketmq';
  const objects = props.objects;

  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(name)) err(`task name "${name}" must be 1-128 letters, digits, _, . or - starting with a letter or digit; set taskName`);

  // Sync types.
  const schema = props.syncTypes?.schema ?? !toRocketMq;
  const full = props.syncTypes?.full ?? !toRocketMq;
  const incremental = props.syncTypes?.incremental ?? true;
  if (toRocketMq && schema) err('schema synchronization is not supported when the destination is RocketMQ; set syncTypes.schema to false');
  if (!schema && !full && !incremental) err('no synchronization type selected; enable syncTypes.incremental and/or full');
  if (props.throttle?.full && !full) err('throttle.full applies only to full data synchronization, which is not selected; enable syncTypes.full or remove throttle.full');
  for (const [phase, t] of [['full', props.throttle?.full], ['incremental', props.throttle?.incremental]] as const) {
    if (!t) continue;
    for (const [k, v] of Object.entries(t)) if (!isPositive(v as number | undefined)) err(`throttle.${phase}.${k} must be a positive number, got ${String(v)}`);
  }

  // Retry windows.
  const conn = props.retry?.connectionMinutes ?? RETRY_CONNECTION_MINUTES.default;
  const other = props.retry?.otherMinutes ?? RETRY_OTHER_MINUTES.default;
  if (!Number.isInteger(conn) || conn < RETRY_CONNECTION_MINUTES.min || conn > RETRY_CONNECTION_MINUTES.max) {
    err(`retry.connectionMinutes ${conn} is outside 10-1440; set a whole number of minutes in that range (default 720)`);
  } else if (conn < RETRY_CONNECTION_MINUTES.recommendedMin) {
    warn(`retry.connectionMinutes ${conn} is below the recommended 30 minutes`);
  }
  if (!Number.isInteger(other) || other < RETRY_OTHER_MINUTES.min || other > RETRY_OTHER_MINUTES.max) {
    err(`retry.otherMinutes ${other} is outside 1-1440; set a whole number of minutes in that range (default 10)`);
  } else if (other < RETRY_OTHER_MINUTES.recommendedMin) {
    warn(`retry.otherMinutes ${other} is below the recommended 10 minutes`);
  }
  if (Number.isFinite(conn) && Number.isFinite(other) && other >= conn) {
    err(`retry.otherMinutes (${other}) must be less than retry.connectionMinutes (${conn}); lower otherMinutes or raise connectionMinutes`);
  }

  // Objects.
  if (objects.length === 0) err('no objects selected; add at least one database or table to objects');
  const tableObjects = objects.filter((o) => o.table !== undefined);
  if (tableObjects.length > MAX_TABLE_LEVEL_OBJECTS) {
    err(
      `${tableObjects.length} tables are selected at table level; a task with table-level object mapping supports at most ${MAX_TABLE_LEVEL_OBJECTS}: ` +
        'split them across several tasks or select whole databases',
    );
  }
  const seen = new Set<string>();
  for (const o of objects) {
    const key = `${o.database}\u0000${o.table ?? ''}`;
    if (seen.has(key)) err(`${objectLabel(o)} is selected twice; merge the two entries`);
    seen.add(key);
  }
  if (props.conflictingTables === 'ignore') {
    warn('conflictingTables is "ignore": tables that already exist in the destination are not reported and data may become inconsistent');
  }
  for (const o of objects) checkObject(o);

  function checkObject(o: SyncObject): void {
    const label = objectLabel(o);
    if (o.table === undefined) {
      if (o.filter !== undefined) err(`${label}: filter conditions apply to tables only; move the filter to a table entry`);
      if (o.partitionKey !== undefined) err(`${label}: a partition key applies to tables only; move it to a table entry`);
      if (o.targetTable !== undefined) err(`${label}: targetTable needs a table; use targetDatabase for a database`);
      if (o.columns !== undefined) err(`${label}: column transforms apply to tables only; move columns to a table entry`);
    }
    if (o.filter !== undefined) {
      const parsed = parseFilter(o.filter);
      if (!parsed.ok) err(`${label}: filter "${o.filter}" is not a valid condition (${parsed.error}); write a MySQL boolean expression over the table's columns`);
    }
    for (const c of o.columns?.computed ?? []) {
      const parsed = parseFilter(c.expression);
      if (!parsed.ok) err(`${label}: computed column ${c.name} expression "${c.expression}" does not parse (${parsed.error}); use column references, literals, operators and the allowed functions`);
    }
    const include = new Set(o.columns?.include ?? []);
    for (const c of o.columns?.exclude ?? []) if (include.has(c)) err(`${label}: column ${c} is both included and excluded; keep it in one list`);
    const excluded = new Set(o.columns?.exclude ?? []);
    for (const c of o.partitionKey ?? []) if (excluded.has(c)) err(`${label}: partition key column ${c} is excluded from delivery; keep it or choose another column`);
    if (o.dml !== undefined && new Set(o.dml).size !== o.dml.length) err(`${label}: dml lists an operation twice`);
    if (o.ddl !== undefined && new Set(o.ddl).size !== o.ddl.length) err(`${label}: ddl lists an operation twice`);
    const databaseSelected = objects.some((d) => d.table === undefined && d.database === o.database);
    if (o.table !== undefined && !databaseSelected && (o.ddl === undefined || o.ddl.includes('RENAME_TABLE'))) {
      warn(`${label} is selected at table level with RENAME TABLE enabled: after a rename the table is no longer synchronized; select database ${o.database} instead, or drop RENAME_TABLE from ddl`);
    }
    if (toRocketMq) {
      if (o.targetDatabase !== undefined || o.targetTable !== undefined) err(`${label}: targetDatabase/targetTable map MySQL names; for RocketMQ map the object to a topic with topic`);
      if (o.partitionKey !== undefined && (dest.props.ordering ?? 'columns') !== 'columns') {
        err(`${label}: a partition key needs ordering 'columns' (hash of specified columns), but ordering is '${dest.props.ordering}'; set ordering: 'columns' or remove partitionKey`);
      }
      if (o.partitionKey !== undefined && o.partitionKey.length === 0) err(`${label}: partitionKey is empty; name at least one column or remove it`);
    } else {
      if (o.topic !== undefined) err(`${label}: topic applies to RocketMQ destinations; use targetDatabase/targetTable for MySQL`);
      if (o.partitionKey !== undefined) err(`${label}: partitionKey applies to RocketMQ destinations only; remove it`);
      for (const d of o.ddl ?? []) if (!MYSQL_DDL.includes(d)) err(`${label}: DDL ${d} is not replayed to a MySQL destination; remove it (supported: ${MYSQL_DDL.join(', ')})`);
    }
  }

  // Destination-specific.
  if (dest.engine === 'rocketmq') {
    const p = dest.props;
    const checkTopic = (ref: TopicRef, role: string) => {
      const t = resolveTopic(ref, p.instance, declaredTopics);
      if (!TOPIC_NAME_PATTERN.test(t.name)) err(`${role} "${t.name}" is not a valid topic name (letters, digits, %, _ and -)`);
      if (!t.declared) {
        err(`${role} "${t.name}" is not declared on RocketMQ instance ${p.instance.node.path}; declare it with new RocketMqTopic(..., { ordered: true }) or RocketMqTopic.fromTopicName(...)`);
      } else {
        if (t.declared.instance !== p.instance) err(`${role} "${t.name}" belongs to another RocketMQ instance (${t.declared.instance.node.path}); use a topic of ${p.instance.node.path}`);
        if (!t.declared.ordered) {
          const kind = p.instance.version === '5.x' ? 'Ordered (FIFO)' : 'Partitionally Ordered';
          err(`${role} "${t.name}" is not ordered; DTS needs an ${kind} topic: set ordered: true on the topic`);
        }
      }
    };
    checkTopic(p.topic, 'destination topic');
    if (p.ddlTopic !== undefined) checkTopic(p.ddlTopic, 'DDL topic');
    for (const o of objects) if (o.topic !== undefined) checkTopic(o.topic, `${objectLabel(o)} topic`);
    if (p.syncAllFields && (p.format ?? 'canal-json') !== 'canal-json') err(`syncAllFields is available only with format 'canal-json' (format is '${p.format}'); remove it or use canal-json`);
    if (!isPositive(p.tpsLimit)) err(`tpsLimit must be a positive number, got ${String(p.tpsLimit)}`);
    const buckets = p.orderingBuckets ?? 64;
    if (!Number.isInteger(buckets) || buckets < 1 || buckets > 65536) err(`orderingBuckets must be a whole number in 1-65536, got ${buckets}`);
    if (p.producerGroup instanceof ProducerGroup && p.producerGroup.instance !== p.instance) {
      err(`producer group ${p.producerGroup.groupName} belongs to another RocketMQ instance; create it on ${p.instance.node.path}`);
    }
  } else {
    const o = dest.options;
    const int = (v: number | undefined, what: string, min: number, max: number) => {
      if (v !== undefined && (!Number.isInteger(v) || v < min || v > max)) err(`${what} must be a whole number in ${min}-${max}, got ${v}`);
    };
    int(o.fullSyncParallelism, 'fullSyncParallelism', 1, 64);
    int(o.batchRows, 'batchRows', 1, 100000);
    int(o.flushIntervalMs, 'flushIntervalMs', 0, 60000);
    if (o.engineSchema !== undefined && !/^[A-Za-z0-9_$]{1,64}$/.test(o.engineSchema)) err(`engineSchema "${o.engineSchema}" is not a plain MySQL schema name`);
  }

  // Runtime.
  const runtime = props.runtime;
  if (runtime?.kind === 'managed-dts') {
    const cls = runtime.managed?.instanceClass as string | undefined;
    if (!(DTS_INSTANCE_CLASSES as readonly string[]).includes(cls ?? '')) {
      err(`managed DTS instance class "${cls}" is unknown; use one of ${DTS_INSTANCE_CLASSES.join(', ')}`);
    }
    if (toRocketMq) err('a MySQL -> RocketMQ task cannot run on managed DTS (the alicloud provider has no RocketMQ DTS engine); use SyncRuntime.bundled()');
    if (props.alerting?.webhookUrl !== undefined) warn('alerting.webhookUrl is used by the bundled engine only; managed DTS alerts go to alertPhones');
    for (const o of objects) {
      if (o.filter !== undefined || o.columns !== undefined || (o.dml !== undefined && o.dml.length < 3)) {
        warn(`${objectLabel(o)}: filters, column transforms and DML selection are applied by the bundled engine; the managed DTS job gets only the name mapping`);
        break;
      }
    }
  } else {
    if (runtime?.kind === 'kubernetes' && runtime.kubernetes) for (const p of kubernetesProblems(runtime.kubernetes)) err(p);
    for (const [role, ep] of [['source', props.source], ...(dest.engine === 'mysql' ? [['destination', dest.endpoint] as const] : [])] as const) {
      for (const p of ep.bundledProblems(role)) err(p);
    }
    if (dest.engine === 'rocketmq' && !dest.props.instance.endpoints) {
      err(`RocketMQ instance ${dest.props.instance.node.path} has no endpoints; the bundled engine needs the gRPC proxy address: set endpoints: 'host:port'`);
    }
    if (dest.engine === 'rocketmq' && !dest.props.instance.remotingEndpoints) {
      warn(
        `RocketMQ instance ${dest.props.instance.node.path} has no remotingEndpoints: the bundled engine sends one message per gRPC request (about 1,000 messages/s); ` +
          "set remotingEndpoints: 'host:port' (the name server, or a cluster-mode proxy's remoting port) for batched delivery",
      );
    }
  }
  if (props.serverId !== undefined && (!Number.isInteger(props.serverId) || props.serverId < 1 || props.serverId > 4294967295)) {
    err(`serverId ${props.serverId} must be a whole number in 1-4294967295`);
  }
  if (props.alerting?.latencySeconds !== undefined && !(Number.isInteger(props.alerting.latencySeconds) && props.alerting.latencySeconds >= 1)) {
    err(`alerting.latencySeconds must be a whole number of seconds >= 1, got ${props.alerting.latencySeconds}`);
  }
  return { errors, warnings };
}
