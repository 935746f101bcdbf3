import { Annotations, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import type {
  Capitalization,
  ObjectSpec,
  RocketMqEndpointSpec,
  TaskSpec,
} from '../../runtime/manifest/types.js';
import type { MySqlEndpoint } from '../mysql/endpoint.js';
import { DEFAULT_PRODUCER_GROUP, ProducerGroup } from '../rocketmq/groups.js';
import { RocketMqTopic, type IRocketMqTopic } from '../rocketmq/topic.js';
import { checkTask, RETRY_CONNECTION_MINUTES, RETRY_OTHER_MINUTES, resolveTopic } from './checks.js';
import { ManagedDtsTask } from './managed-dts.js';
import { EngineWorkload, secretRefsOf } from '../kubernetes/engine-workload.js';
import { KUBERNETES_RUNTIME_DEFAULTS } from '../kubernetes/props.js';
import { canonicalJson } from '../../runtime/manifest/canonical-json.js';
import type { Manifest } from '../../runtime/manifest/types.js';
import { MYSQL_OPTION_DEFAULTS } from '../../runtime/manifest/defaults.js';
import {
  ALL_DML,
  MYSQL_DDL,
  ROCKETMQ_DDL,
  SyncRuntime,
  type AlertingProps,
  type SyncDestination,
  type SyncObject,
  type SyncTypes,
  type ThrottleFull,
  type ThrottleIncremental,
  type TopicRef,
} from './options.js';

export interface SyncTaskProps {
  /** Task name (unique in the stack). @default - the construct id */
  readonly taskName?: string;
  /** The MySQL database changes are read from (binlog_format=ROW, binlog_row_image=FULL). */
  readonly source: MySqlEndpoint;
  /** Where changes go: `SyncDestination.rocketMq(...)` or `SyncDestination.mySql(...)`. */
  readonly destination: SyncDestination;
  /** Selected databases and tables, with their mapping, filters, operations and column transforms. */
  readonly objects: readonly SyncObject[];
  /** @default RocketMQ: incremental only; MySQL: schema + full + incremental */
  readonly syncTypes?: SyncTypes;
  /**
   * Processing mode of conflicting tables: 'precheck-and-report' fails the precheck when a destination
   * table already exists; 'ignore' skips that check (data may become inconsistent).
   * @default 'precheck-and-report'
   */
  readonly conflictingTables?: 'precheck-and-report' | 'ignore';
  /** Capitalization of object names in the destination. @default 'dts-default' */
  readonly capitalization?: Capitalization;
  /**
   * Retry windows in minutes: connection failures 10-1440 (default 720); other issues (DDL/DML
   * failures) 1-1440 (default 10), less than the connection window.
   * @default { connectionMinutes: 720, otherMinutes: 10 }
   */
  readonly retry?: { readonly connectionMinutes?: number; readonly otherMinutes?: number };
  /** Throttling of full (QPS to source, RPS, MB/s) and incremental (RPS, MB/s) synchronization. @default - none */
  readonly throttle?: { readonly full?: ThrottleFull; readonly incremental?: ThrottleIncremental };
  /**
   * Write a heartbeat row on the source every second (accurate latency while the source is idle;
   * may affect physical backup and cloning of the source). false = "delete SQL operations on heartbeat tables: Yes".
   * @default false
   */
  readonly heartbeat?: boolean;
  /** e.g. 'production'. @default - none */
  readonly environmentTag?: string;
  /** Latency and failure alerts. @default - none */
  readonly alerting?: AlertingProps;
  /** @default SyncRuntime.bundled() */
  readonly runtime?: SyncRuntime;
  /**
   * Replication server_id of the bundled engine on the source; unique per source.
   * @default - derived from the stack and task names, made unique per source by the stack
   */
  readonly serverId?: number;
}

/** One row in the "who writes which destination table" check. `table` undefined = the whole database. */
export interface DestinationTarget {
  readonly address: string;
  readonly database: string;
  readonly table?: string;
}

/**
 * A synchronization task: MySQL -> RocketMQ or MySQL -> MySQL. By default run by the bundled engine
 * (a task in dts.manifest.json); `runtime: SyncRuntime.managedDts(...)` emits a DTS job instead.
 */
export class SyncTask extends Construct {
  readonly taskName: string;
  readonly props: SyncTaskProps;
  readonly runtime: SyncRuntime;
  /** The managed DTS resources, when runtime is managedDts. */
  readonly managed?: ManagedDtsTask;
  /** The Kubernetes resources, when runtime is kubernetes. */
  readonly workload?: EngineWorkload;

  constructor(scope: Construct, id: string, props: SyncTaskProps) {
    super(scope, id);
    this.taskName = props.taskName ?? id;
    this.props = props;
    this.runtime = props.runtime ?? SyncRuntime.bundled();

    const dest = props.destination.data;
    if (dest.engine === 'rocketmq' && dest.props.producerGroup instanceof ProducerGroup) {
      const group = dest.props.producerGroup;
      for (const ref of this.topicRefs()) if (typeof ref !== 'string') group.grantPublish(ref);
    }
    if (this.runtime.kind === 'managed-dts' && this.runtime.managed && dest.engine === 'mysql') {
      this.managed = new ManagedDtsTask(this, 'Dts', this.taskName, props, this.runtime.managed, dest.endpoint);
    }
    const k8s = this.runtime.kubernetes;
    if (this.runtime.kind === 'kubernetes' && k8s) {
      const stack = TerraformStack.of(this) as TerraformStack & Partial<TaskManifests>;
      const manifest = (): Manifest => {
        if (typeof stack.taskManifest !== 'function') throw new Error(`SyncTask ${this.taskName}: SyncRuntime.kubernetes needs the task in a DtsStack (it writes the task's manifest)`);
        return stack.taskManifest(this.taskName);
      };
      this.workload = new EngineWorkload(this, 'Kubernetes', {
        stack: stack.node.id,
        taskName: this.taskName,
        runtime: k8s,
        manifest: () => canonicalJson(manifest()),
        task: () => manifest().tasks[0]!,
      });
    }

    let warned = false;
    this.node.addValidation({
      validate: () => {
        const result = checkTask(this.taskName, props, this.declaredTopics());
        if (!warned) {
          for (const w of result.warnings) Annotations.of(this).addWarning(w);
          warned = true;
        }
        if (result.errors.length === 0 && this.runtime.runsEngine) {
          const spec = this.toTaskSpec(1);
          if (this.runtime.kind === 'kubernetes') {
            for (const ref of secretRefsOf(spec)) {
              if ('fromFile' in ref && !ref.fromFile.startsWith('/')) {
                result.errors.push(
                  `SyncTask ${this.taskName}: Secret.fromFile('${ref.fromFile}') is relative; on Kubernetes a file secret is mounted from the Secret at an absolute path: ` +
                    `use Secret.fromFile('/var/run/dts/${ref.fromFile.split('/').pop()}') or Secret.fromEnv(...)`,
                );
              }
            }
          }
          const tokens = findTokens(spec);
          if (tokens.length > 0) {
            result.errors.push(
              `SyncTask ${this.taskName}: ${tokens.join(', ')} ${tokens.length === 1 ? 'is a' : 'are'} Terraform value(s) known only at deploy time; ` +
                'the bundled-engine manifest needs literal values: give them explicitly',
            );
          }
        }
        return result.errors;
      },
    });
  }

  get isBundled(): boolean {
    return this.runtime.kind === 'bundled';
  }

  /** Run by this project's engine (bundled or on Kubernetes): the task is in dts.manifest.json. */
  get runsEngine(): boolean {
    return this.runtime.runsEngine;
  }

  private topicRefs(): TopicRef[] {
    const dest = this.props.destination.data;
    if (dest.engine !== 'rocketmq') return [];
    const refs: TopicRef[] = [dest.props.topic];
    if (dest.props.ddlTopic !== undefined) refs.push(dest.props.ddlTopic);
    for (const o of this.props.objects) if (o.topic !== undefined) refs.push(o.topic);
    return refs;
  }

  private declaredTopics(): IRocketMqTopic[] {
    return TerraformStack.of(this).node.findAll().filter((c): c is Construct & IRocketMqTopic => RocketMqTopic.isRocketMqTopic(c));
  }

  /** Destination tables (or whole databases) this task writes; empty for RocketMQ destinations. */
  destinationTargets(): DestinationTarget[] {
    const dest = this.props.destination.data;
    if (dest.engine !== 'mysql') return [];
    const dbTarget = new Map(this.props.objects.filter((o) => o.table === undefined).map((o) => [o.database, o.targetDatabase ?? o.database]));
    return this.props.objects.map((o) => ({
      address: dest.endpoint.address,
      database: o.targetDatabase ?? dbTarget.get(o.database) ?? o.database,
      table: o.table === undefined ? undefined : (o.targetTable ?? o.table),
    }));
  }

  /** The fully resolved manifest entry. */
  toTaskSpec(serverId: number): TaskSpec {
    const p = this.props;
    const dest = p.destination.data;
    const toRocketMq = dest.engine === 'rocketmq';
    const declared = toRocketMq ? this.declaredTopics() : [];
    const topicName = (ref: TopicRef) => (toRocketMq ? resolveTopic(ref, dest.props.instance, declared).name : String(ref));
    const defaultDdl = toRocketMq ? ROCKETMQ_DDL : MYSQL_DDL;

    const objects: ObjectSpec[] = [...p.objects]
      .sort((a, b) => (a.database + '\u0000' + (a.table ?? '')).localeCompare(b.database + '\u0000' + (b.table ?? '')))
      .map((o) => ({
        database: o.database,
        ...(o.table !== undefined ? { table: o.table } : {}),
        ...(o.targetDatabase !== undefined ? { targetDatabase: o.targetDatabase } : {}),
        ...(o.targetTable !== undefined ? { targetTable: o.targetTable } : {}),
        ...(o.topic !== undefined ? { topic: topicName(o.topic) } : {}),
        ...(o.filter !== undefined ? { filter: o.filter } : {}),
        dml: [...(o.dml ?? ALL_DML)],
        ddl: [...(o.ddl ?? defaultDdl)],
        ...(o.partitionKey !== undefined ? { partitionKey: [...o.partitionKey] } : {}),
        ...(o.columns !== undefined
          ? {
              columns: {
                ...(o.columns.include ? { include: [...o.columns.include] } : {}),
                ...(o.columns.exclude ? { exclude: [...o.columns.exclude] } : {}),
                ...(o.columns.rename ? { rename: { ...o.columns.rename } } : {}),
                ...(o.columns.computed ? { computed: o.columns.computed.map((c) => ({ name: c.name, expression: c.expression })) } : {}),
              },
            }
          : {}),
      }));

    let destination: TaskSpec['destination'];
    if (dest.engine === 'rocketmq') {
      const d = dest.props;
      const inst = d.instance;
      const group = d.producerGroup instanceof ProducerGroup ? d.producerGroup.groupName : (d.producerGroup ?? DEFAULT_PRODUCER_GROUP);
      const rocket: RocketMqEndpointSpec = {
        engine: 'rocketmq',
        version: inst.version,
        endpoints: inst.endpoints ?? '',
        ...(inst.remotingEndpoints !== undefined ? { remotingEndpoints: inst.remotingEndpoints } : {}),
        ...(inst.namespace !== undefined ? { namespace: inst.namespace } : {}),
        ...(!Token.isUnresolved(inst.instanceId) ? { instanceId: inst.instanceId } : {}),
        ...(inst.region !== undefined ? { region: inst.region } : {}),
        ...(inst.credentials ? { accessKey: inst.credentials.accessKey.ref, secretKey: inst.credentials.secretKey.ref } : {}),
        topic: topicName(d.topic),
        ...(d.ddlTopic !== undefined ? { ddlTopic: topicName(d.ddlTopic) } : {}),
        producerGroup: group,
      };
      destination = rocket;
    } else {
      destination = dest.endpoint.toSpec();
    }

    const spec: TaskSpec = {
      name: this.taskName,
      source: p.source.toSpec(),
      destination,
      syncTypes: {
        schema: p.syncTypes?.schema ?? !toRocketMq,
        full: p.syncTypes?.full ?? !toRocketMq,
        incremental: p.syncTypes?.incremental ?? true,
      },
      conflictingTables: p.conflictingTables ?? 'precheck-and-report',
      objects,
      capitalization: p.capitalization ?? 'dts-default',
      retry: {
        connectionMinutes: p.retry?.connectionMinutes ?? RETRY_CONNECTION_MINUTES.default,
        otherMinutes: p.retry?.otherMinutes ?? RETRY_OTHER_MINUTES.default,
      },
      throttle: {
        ...(p.throttle?.full ? { full: { ...p.throttle.full } } : {}),
        ...(p.throttle?.incremental ? { incremental: { ...p.throttle.incremental } } : {}),
      },
      heartbeat: p.heartbeat ?? false,
      ...(p.environmentTag !== undefined ? { environmentTag: p.environmentTag } : {}),
      ...(p.alerting
        ? {
            alerting: {
              ...(p.alerting.latencySeconds !== undefined ? { latencySeconds: p.alerting.latencySeconds } : {}),
              ...(p.alerting.latencySeconds !== undefined ? { latencyForSeconds: p.alerting.latencyForSeconds ?? 0 } : {}),
              onFailure: p.alerting.onFailure ?? true,
              ...(p.alerting.webhookUrl !== undefined ? { webhookUrl: p.alerting.webhookUrl } : {}),
            },
          }
        : {}),
      ...(dest.engine === 'rocketmq'
        ? {
            rocketmq: {
              format: dest.props.format ?? 'canal-json',
              syncAllFields: dest.props.syncAllFields ?? false,
              ordering: { rule: dest.props.ordering ?? 'columns', buckets: dest.props.orderingBuckets ?? 64 },
              ...(dest.props.tpsLimit !== undefined ? { tpsLimit: dest.props.tpsLimit } : {}),
              filterLargeRecords: dest.props.filterLargeRecords ?? false,
            },
          }
        : {
            mysql: {
              engineSchema: dest.options.engineSchema ?? MYSQL_OPTION_DEFAULTS.engineSchema,
              onlineDdlTempTables: dest.options.onlineDdlTempTables ?? MYSQL_OPTION_DEFAULTS.onlineDdlTempTables,
              fullSyncParallelism: dest.options.fullSyncParallelism ?? MYSQL_OPTION_DEFAULTS.fullSyncParallelism,
              batchRows: dest.options.batchRows ?? MYSQL_OPTION_DEFAULTS.batchRows,
              flushIntervalMs: dest.options.flushIntervalMs ?? MYSQL_OPTION_DEFAULTS.flushIntervalMs,
            },
          }),
      serverId,
      ...(this.runtime.kind === 'kubernetes' && this.runtime.kubernetes
        ? {
            runtime: {
              kind: 'kubernetes' as const,
              namespace: this.runtime.kubernetes.namespace,
              replicas: this.runtime.kubernetes.replicas ?? KUBERNETES_RUNTIME_DEFAULTS.replicas,
              instanceClass: this.runtime.kubernetes.instanceClass ?? KUBERNETES_RUNTIME_DEFAULTS.instanceClass,
            },
          }
        : {}),
    };
    return spec;
  }
}

/** What a DtsStack offers its tasks: the single-task manifest a Kubernetes pod runs. */
export interface TaskManifests {
  taskManifest(task: string): Manifest;
}

/** JSON paths of string values that are unresolved cdktf tokens. */
function findTokens(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return Token.isUnresolved(value) ? [path.replace(/^\./, '')] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => findTokens(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => findTokens(v, `${path}.${k}`));
  return [];
}
