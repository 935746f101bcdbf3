/**
 * The impact of changing each manifest field. Every leaf field of TaskSpec and ObjectSpec has a rule
 * here (a unit test walks a manifest using every field to prove it); a field without one is treated
 * as "forces replacement", the conservative answer, so a new field can never pass review as safe.
 */
import type { Impact } from './types.js';

export interface RuleContext {
  /** The previous version of the task is known to have run. */
  readonly running: boolean;
  /** Full sync is on in the desired task. */
  readonly fullSync: boolean;
  readonly before: unknown;
  readonly after: unknown;
}

export interface FieldRule {
  readonly impacts: (ctx: RuleContext) => readonly Impact[];
  readonly note?: (ctx: RuleContext) => string | undefined;
  /** A SecretRef: shown as a change of reference, never as a value. */
  readonly sensitive?: boolean;
}

const fixed = (impact: Impact, note?: string): FieldRule => ({ impacts: () => [impact], note: note === undefined ? undefined : () => note });
const safe = (note?: string): FieldRule => fixed('safe', note);
const breaks = (note: string): FieldRule => fixed('breaks consumers', note);
const replaces = (note: string): FieldRule => fixed('forces replacement', note);
const secret: FieldRule = { impacts: () => ['safe'], sensitive: true, note: () => 'the engine reads the new reference at its next start' };

const SOURCE_ENDPOINT = 'a different source database: the binlog position does not carry over, the task restarts from scratch';
const DEST_ENDPOINT = 'a different destination: the task restarts from scratch against it';

const syncType = (name: 'schema' | 'full' | 'incremental'): FieldRule => ({
  impacts: (ctx) => (ctx.running ? ['forces replacement'] : ['safe']),
  note: (ctx) => {
    if (!ctx.running) return 'the task has not started yet: takes effect at its first run';
    if (name === 'full' && ctx.after === true) return 'sync types of a running task cannot change: the new task runs a full sync of every table';
    return 'sync types of a running task cannot change';
  },
});

/** Operations lists: removing an operation silences it for consumers; adding one starts it from now on. */
const operations = (what: string): FieldRule => ({
  impacts: (ctx) => (removedItems(ctx.before, ctx.after).length > 0 ? ['breaks consumers'] : ['safe']),
  note: (ctx) => {
    const removed = removedItems(ctx.before, ctx.after);
    const added = removedItems(ctx.after, ctx.before);
    const parts: string[] = [];
    if (removed.length > 0) parts.push(`${removed.join(', ')} no longer delivered`);
    if (added.length > 0) parts.push(`${added.join(', ')} delivered from now on (past ${what} is not replayed)`);
    return parts.join('; ') || undefined;
  },
});

function removedItems(before: unknown, after: unknown): string[] {
  const b = Array.isArray(before) ? before.map(String) : [];
  const a = new Set(Array.isArray(after) ? after.map(String) : []);
  return b.filter((x) => !a.has(x));
}

/** Task fields, by dotted path (objects are diffed separately, per selected object). */
export const TASK_RULES: Readonly<Record<string, FieldRule>> = {
  'source.engine': replaces(SOURCE_ENDPOINT),
  'source.kind': replaces(SOURCE_ENDPOINT),
  'source.host': replaces(SOURCE_ENDPOINT),
  'source.port': replaces(SOURCE_ENDPOINT),
  'source.instanceId': replaces(SOURCE_ENDPOINT),
  'source.region': replaces(SOURCE_ENDPOINT),
  'source.user': safe('the engine reconnects with the new account'),
  'source.password': secret,
  'source.ssl': safe('update in place: the engine reconnects with the new TLS settings (CA, verification, version) at its next start'),

  'destination.engine': replaces(DEST_ENDPOINT),
  // MySQL destination
  'destination.kind': replaces(DEST_ENDPOINT),
  'destination.host': replaces(DEST_ENDPOINT),
  'destination.port': replaces(DEST_ENDPOINT),
  'destination.user': safe('the engine reconnects with the new account'),
  'destination.password': secret,
  'destination.ssl': safe('update in place: the engine reconnects with the new TLS settings (CA, verification, version) at its next start'),
  // RocketMQ destination
  'destination.version': replaces(DEST_ENDPOINT),
  'destination.endpoints': replaces(DEST_ENDPOINT),
  'destination.remotingEndpoints': safe('the engine sends over the new protocol or endpoint at its next start; each message group keeps its queue'),
  'destination.namespace': replaces(DEST_ENDPOINT),
  'destination.instanceId': replaces(DEST_ENDPOINT),
  'destination.region': replaces(DEST_ENDPOINT),
  'destination.accessKey': secret,
  'destination.secretKey': secret,
  'destination.topic': breaks('data goes to a different topic: consumers of the old topic stop receiving it'),
  'destination.ddlTopic': breaks('DDL goes to a different topic'),
  'destination.producerGroup': safe(),

  'syncTypes.schema': syncType('schema'),
  'syncTypes.full': syncType('full'),
  'syncTypes.incremental': syncType('incremental'),
  'conflictingTables': safe('checked at the next precheck only'),
  'capitalization': breaks('destination database, table and column names change case'),
  'retry.connectionMinutes': safe(),
  'retry.otherMinutes': safe(),
  'throttle.full.qps': safe(),
  'throttle.full.rps': safe(),
  'throttle.full.mbps': safe(),
  'throttle.incremental.qps': safe(),
  'throttle.incremental.rps': safe(),
  'throttle.incremental.mbps': safe(),
  'heartbeat': safe(),
  'environmentTag': safe(),
  'alerting.latencySeconds': safe(),
  'alerting.latencyForSeconds': safe(),
  'alerting.onFailure': safe(),
  'alerting.webhookUrl': safe(),

  'rocketmq.format': breaks('consumers must parse a different message format'),
  'rocketmq.syncAllFields': breaks('the `old` field of UPDATE messages changes shape'),
  'rocketmq.ordering.rule': breaks('messages are ordered by a different rule (different message groups)'),
  'rocketmq.ordering.buckets': breaks('rows hash into different message groups: order across the switch is not guaranteed'),
  'rocketmq.tpsLimit': safe(),
  'rocketmq.filterLargeRecords': {
    impacts: (ctx) => (ctx.after === true ? ['breaks consumers'] : ['safe']),
    note: (ctx) => (ctx.after === true ? 'records over 4 MB are skipped instead of failing the task: consumers miss them' : 'a record over 4 MB now fails the task instead of being skipped'),
  },

  'mysql.engineSchema': replaces('the checkpoint moves to another schema: the engine would not find its position'),
  'mysql.onlineDdlTempTables': breaks('gh-ost / pt-osc temporary tables appear on (or vanish from) the destination'),
  'mysql.fullSyncParallelism': safe(),
  'mysql.batchRows': safe(),
  'mysql.flushIntervalMs': safe(),

  'serverId': safe('the engine reconnects to the binlog with the new server id'),
  'runtime': {
    impacts: (ctx) => (runtimeMoves(ctx.before, ctx.after) ? ['forces replacement'] : ['safe']),
    note: (ctx) =>
      runtimeMoves(ctx.before, ctx.after)
        ? `the task moves from ${placementOf(ctx.before)} to ${placementOf(ctx.after)}: stop it where it runs now before deploying; ` +
          'the new engine resumes from the checkpoint only if it reads the same one (a MySQL destination keeps its own; a state dir does not move)'
        : 'update in place: Kubernetes rolls the pods (a hot standby takes over meanwhile)',
  },
};

type RuntimeValue = { kind?: unknown; namespace?: unknown; replicas?: unknown; instanceClass?: unknown } | undefined;

/** A change of runtime kind, or of namespace on Kubernetes (new objects, a new state volume). */
function runtimeMoves(before: unknown, after: unknown): boolean {
  const b = before as RuntimeValue;
  const a = after as RuntimeValue;
  return (b?.kind ?? 'bundled') !== (a?.kind ?? 'bundled') || b?.namespace !== a?.namespace;
}

/** Where a task runs, in words: its manifest `runtime` (absent: the bundled engine) or 'managed-dts'. */
export function placementOf(runtime: unknown, managedClass?: string): string {
  if (managedClass !== undefined) return `managed DTS (${managedClass})`;
  const r = runtime as RuntimeValue;
  if (r?.kind === 'kubernetes') return `kubernetes (namespace ${String(r.namespace)}, ${String(r.replicas)} pod${r.replicas === 1 ? '' : 's'}, ${String(r.instanceClass)})`;
  return 'the bundled engine (dts run)';
}

/** Fields of one selected object (ObjectSpec), by dotted path below the object. */
export const OBJECT_RULES: Readonly<Record<string, FieldRule>> = {
  'filter': {
    impacts: () => ['breaks consumers'],
    note: () => 'rows that stop matching stop being delivered; rows that start matching are delivered from their next change (not backfilled)',
  },
  'dml': operations('DML'),
  'ddl': operations('DDL'),
  'topic': breaks('this object\'s data goes to a different topic'),
  'partitionKey': breaks('rows hash into different message groups: per-key order across the switch is not guaranteed'),
  'targetDatabase': {
    impacts: (ctx) => (ctx.fullSync ? ['breaks consumers', 'backfill'] : ['breaks consumers']),
    note: (ctx) => (ctx.fullSync ? 'rows go to a different destination database, which is loaded by a full sync' : 'rows go to a different destination database'),
  },
  'targetTable': {
    impacts: (ctx) => (ctx.fullSync ? ['breaks consumers', 'backfill'] : ['breaks consumers']),
    note: (ctx) => (ctx.fullSync ? 'rows go to a different destination table, which is loaded by a full sync' : 'rows go to a different destination table'),
  },
  'columns.include': breaks('delivered columns change'),
  'columns.exclude': breaks('delivered columns change'),
  'columns.rename': breaks('destination column names change'),
  'columns.computed': breaks('computed columns change'),
};

/** Fallback for a field no rule names: never let an unknown change look safe. */
export const UNKNOWN_FIELD_RULE: FieldRule = replaces('dts plan has no rule for this field: treated as forcing replacement');
