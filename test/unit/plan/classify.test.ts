import { describe, expect, it } from '@jest/globals';
import type { Manifest, TaskSpec } from '../../../runtime/manifest/types.js';
import { planManifests, planTask, renderPlan, OBJECT_RULES, TASK_RULES, type Impact, type TaskAction } from '../../../runtime/plan/index.js';
import { FULL_SAMPLE } from '../manifest/sample.js';

const MQ = FULL_SAMPLE.tasks[0]!;
const MYSQL = FULL_SAMPLE.tasks[1]!;

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Sets `path` (dotted; `objects.N.x` addresses an object) in a copy of the task; undefined deletes. */
function withField(task: TaskSpec, path: string, value: unknown): TaskSpec {
  const copy = clone(task) as unknown as Record<string, unknown>;
  const parts = path.split('.');
  let cur: Record<string, unknown> = copy;
  for (const p of parts.slice(0, -1)) {
    cur[p] ??= {};
    cur = cur[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return copy as unknown as TaskSpec;
}

interface Case {
  readonly base: TaskSpec;
  readonly path: string;
  readonly value: unknown;
  /** The change path plan reports (defaults to `path`). */
  readonly reported?: string;
  readonly action: TaskAction;
  readonly impacts: readonly Impact[];
  readonly running?: boolean;
}

// One row per leaf field of TaskSpec (both destination kinds) and of ObjectSpec.
const CASES: readonly Case[] = [
  { base: MQ, path: 'source.engine', value: 'mariadb', action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'source.kind', value: 'self-managed', action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'source.host', value: 'rm-2.example', action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'source.port', value: 3307, action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'source.instanceId', value: 'rm-2', action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'source.region', value: 'cn-beijing', action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'source.user', value: 'dts2', action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'source.password', value: { fromEnv: 'OTHER_PW' }, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'source.ssl', value: false, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'source.ssl', value: { ca: { fromFile: 'rds-ca.pem' }, verifyCertificate: true, verifyServerName: true, minVersion: 'TLSv1.2' }, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'destination.version', value: '4.x', action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'destination.endpoints', value: '10.0.0.1:8081', action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'destination.namespace', value: 'ns2', action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'destination.instanceId', value: 'rmq-2', action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'destination.region', value: 'cn-beijing', action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'destination.accessKey', value: { fromEnv: 'AK2' }, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'destination.secretKey', value: { fromEnv: 'SK2' }, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'destination.topic', value: 'dts-shop-v2', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'destination.ddlTopic', value: 'dts-ddl-v2', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'destination.producerGroup', value: 'pg2', action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'destination.remotingEndpoints', value: '10.0.0.9:9876', action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'syncTypes.schema', value: true, action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'syncTypes.full', value: false, action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'syncTypes.incremental', value: false, action: 'replace', impacts: ['forces replacement'] },
  { base: MQ, path: 'syncTypes.full', value: false, action: 'update', impacts: ['safe'], running: false },
  { base: MQ, path: 'conflictingTables', value: 'precheck-and-report', action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'capitalization', value: 'upper', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'retry.connectionMinutes', value: 30, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'retry.otherMinutes', value: 30, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'throttle.full.qps', value: 9, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'throttle.full.rps', value: 9, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'throttle.full.mbps', value: 9, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'throttle.incremental.qps', value: 9, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'throttle.incremental.rps', value: 9, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'throttle.incremental.mbps', value: 9, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'heartbeat', value: false, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'environmentTag', value: 'staging', action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'alerting.latencySeconds', value: 99, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'alerting.latencyForSeconds', value: 99, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'alerting.onFailure', value: false, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'alerting.webhookUrl', value: 'https://hooks.example/y', action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'rocketmq.format', value: 'dts-avro', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'rocketmq.syncAllFields', value: false, action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'rocketmq.ordering.rule', value: 'global', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'rocketmq.ordering.buckets', value: 16, action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'rocketmq.tpsLimit', value: 50, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'rocketmq.filterLargeRecords', value: false, action: 'update', impacts: ['safe'] },
  { base: withField(MQ, 'rocketmq.filterLargeRecords', false), path: 'rocketmq.filterLargeRecords', value: true, action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'serverId', value: 7654321, action: 'update', impacts: ['safe'] },
  // Where the task runs: a move between runtimes (or Kubernetes namespaces) forces replacement; a pod count or size does not.
  { base: MQ, path: 'runtime', value: { kind: 'kubernetes', namespace: 'sync', replicas: 1, instanceClass: 'small' }, action: 'replace', impacts: ['forces replacement'] },
  { base: MYSQL, path: 'runtime', value: undefined, action: 'replace', impacts: ['forces replacement'] },
  { base: MYSQL, path: 'runtime', value: { kind: 'kubernetes', namespace: 'other', replicas: 2, instanceClass: 'medium' }, action: 'replace', impacts: ['forces replacement'] },
  { base: MYSQL, path: 'runtime', value: { kind: 'kubernetes', namespace: 'data-sync', replicas: 1, instanceClass: 'xlarge' }, action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'destination.engine', value: 'mysql', action: 'replace', impacts: ['forces replacement'] },
  // MySQL destination
  { base: MYSQL, path: 'destination.kind', value: 'rds', action: 'replace', impacts: ['forces replacement'] },
  { base: MYSQL, path: 'destination.host', value: '10.0.0.9', action: 'replace', impacts: ['forces replacement'] },
  { base: MYSQL, path: 'destination.port', value: 3306, action: 'replace', impacts: ['forces replacement'] },
  { base: MYSQL, path: 'destination.instanceId', value: 'rm-9', action: 'replace', impacts: ['forces replacement'] },
  { base: MYSQL, path: 'destination.region', value: 'cn-beijing', action: 'replace', impacts: ['forces replacement'] },
  { base: MYSQL, path: 'destination.user', value: 'w2', action: 'update', impacts: ['safe'] },
  { base: MYSQL, path: 'destination.password', value: { fromFile: '/run/other' }, action: 'update', impacts: ['safe'] },
  { base: MYSQL, path: 'destination.ssl', value: true, action: 'update', impacts: ['safe'] },
  { base: MYSQL, path: 'destination.ssl', value: { verifyCertificate: true, verifyServerName: false, minVersion: 'TLSv1.3' }, action: 'update', impacts: ['safe'] },
  { base: MYSQL, path: 'mysql.engineSchema', value: '__dts2', action: 'replace', impacts: ['forces replacement'] },
  { base: MYSQL, path: 'mysql.onlineDdlTempTables', value: true, action: 'update', impacts: ['breaks consumers'] },
  { base: MYSQL, path: 'mysql.fullSyncParallelism', value: 8, action: 'update', impacts: ['safe'] },
  { base: MYSQL, path: 'mysql.batchRows', value: 1000, action: 'update', impacts: ['safe'] },
  { base: MYSQL, path: 'mysql.flushIntervalMs', value: 50, action: 'update', impacts: ['safe'] },
  // ObjectSpec fields (objects.1 is shop.orders, objects.0 the whole database shop)
  { base: MQ, path: 'objects.1.filter', value: 'a > 2', reported: 'objects[shop.orders].filter', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'objects.1.dml', value: ['INSERT', 'DELETE'], reported: 'objects[shop.orders].dml', action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'objects.0.dml', value: ['INSERT'], reported: 'objects[shop].dml', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'objects.1.ddl', value: ['ALTER_TABLE'], reported: 'objects[shop.orders].ddl', action: 'update', impacts: ['safe'] },
  { base: MQ, path: 'objects.0.ddl', value: [], reported: 'objects[shop].ddl', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'objects.1.topic', value: 'dts-orders-v2', reported: 'objects[shop.orders].topic', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'objects.1.partitionKey', value: ['id'], reported: 'objects[shop.orders].partitionKey', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'objects.1.targetDatabase', value: 'x2', reported: 'objects[shop.orders].targetDatabase', action: 'update', impacts: ['breaks consumers', 'backfill'] },
  { base: MQ, path: 'objects.1.targetTable', value: 'y2', reported: 'objects[shop.orders].targetTable', action: 'update', impacts: ['breaks consumers', 'backfill'] },
  { base: MYSQL, path: 'objects.0.targetDatabase', value: 'shop3', reported: 'objects[shop].targetDatabase', action: 'update', impacts: ['breaks consumers', 'backfill'] },
  { base: MQ, path: 'objects.1.columns.include', value: ['id'], reported: 'objects[shop.orders].columns.include', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'objects.1.columns.exclude', value: ['c'], reported: 'objects[shop.orders].columns.exclude', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'objects.1.columns.rename', value: { a: 'b' }, reported: 'objects[shop.orders].columns.rename', action: 'update', impacts: ['breaks consumers'] },
  { base: MQ, path: 'objects.1.columns.computed', value: [], reported: 'objects[shop.orders].columns.computed', action: 'update', impacts: ['breaks consumers'] },
];

describe('plan classification, one case per field', () => {
  it.each(CASES.map((c): [string, Case] => [`${c.base.name} ${c.path} -> ${JSON.stringify(c.value)}${c.running === false ? ' (not started)' : ''}`, c]))('%s', (_, c) => {
    const after = withField(c.base, c.path, c.value);
    const plan = planTask({ spec: c.base, running: c.running ?? true }, after);
    expect(plan.action).toBe(c.action);
    const reported = c.reported ?? c.path;
    const change = plan.changes.find((x) => x.path === reported);
    expect(change).toBeDefined();
    expect(change!.impacts).toEqual(c.impacts);
    // Nothing else changed, except where a destination engine switch replaces its whole block.
    if (c.path !== 'destination.engine') expect(plan.changes).toHaveLength(1);
  });

  it('has a case and an explicit rule for every leaf field the full sample uses', () => {
    const covered = new Set(CASES.filter((c) => !c.path.startsWith('objects.')).map((c) => c.path));
    const objectCovered = new Set(CASES.filter((c) => c.reported !== undefined).map((c) => c.reported!.replace(/^objects\[[^\]]+\]\./, '')));
    for (const task of FULL_SAMPLE.tasks) {
      for (const path of leafPaths(task, '', ['name', 'objects'])) {
        expect([path, TASK_RULES[path] !== undefined]).toEqual([path, true]);
        expect([path, covered.has(path)]).toEqual([path, true]);
      }
      for (const o of task.objects) {
        for (const path of leafPaths(o, '', ['database', 'table'])) {
          expect([path, OBJECT_RULES[path] !== undefined]).toEqual([path, true]);
          expect([path, objectCovered.has(path)]).toEqual([path, true]);
        }
      }
    }
  });

  it('treats a field without a rule as forcing replacement', () => {
    const after = withField(MQ, 'futureOption', 1);
    const plan = planTask({ spec: MQ, running: true }, after);
    expect(plan.action).toBe('replace');
    expect(plan.changes[0]).toMatchObject({ path: 'futureOption', impacts: ['forces replacement'] });
  });
});

function leafPaths(value: unknown, prefix: string, skip: readonly string[]): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (prefix === '' && skip.includes(k)) continue;
    const p = prefix === '' ? k : `${prefix}.${k}`;
    const isSecret = typeof v === 'object' && v !== null && ('fromEnv' in v || 'fromFile' in v);
    const isRuleLeaf = TASK_RULES[p] !== undefined || OBJECT_RULES[p] !== undefined;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && !isSecret && !isRuleLeaf) out.push(...leafPaths(v, p, skip));
    else out.push(p);
  }
  return out;
}

describe('plan: objects, tasks and secrets', () => {
  const task = (objects: TaskSpec['objects'], full = true): TaskSpec => ({ ...clone(MQ), syncTypes: { ...MQ.syncTypes, full }, objects });
  const dbShop = { database: 'shop', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] } as const;
  const orders = { database: 'shop', table: 'orders', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] } as const;

  it('a new table backfills when full sync is on, and only streams when it is off', () => {
    const added = planTask({ spec: task([orders]), running: true }, task([orders, { ...orders, table: 'payments' }]));
    expect(added.action).toBe('update');
    expect(added.changes).toEqual([expect.objectContaining({ path: 'objects[shop.payments]', kind: 'add', impacts: ['backfill'] })]);
    expect(added.changes[0]!.note).toContain('backfilled by a full sync while the other tables keep streaming');
    const noFull = planTask({ spec: task([orders], false), running: true }, task([orders, { ...orders, table: 'payments' }], false));
    expect(noFull.changes).toEqual([expect.objectContaining({ path: 'objects[shop.payments]', impacts: ['safe'] })]);
  });

  it('a removed table stops being delivered: breaks consumers', () => {
    const p = planTask({ spec: task([orders, { ...orders, table: 'payments' }]), running: true }, task([orders]));
    expect(p.changes).toEqual([expect.objectContaining({ path: 'objects[shop.payments]', kind: 'remove', impacts: ['breaks consumers'] })]);
  });

  it('a table entry under an already selected database is a settings change, not a backfill', () => {
    const p = planTask({ spec: task([dbShop]), running: true }, task([dbShop, { ...orders, filter: 'id > 5' }]));
    expect(p.changes).toEqual([expect.objectContaining({ path: 'objects[shop.orders].filter', kind: 'add', after: 'id > 5', impacts: ['breaks consumers'] })]);
  });

  it('a new database backfills; an identical manifest is a no-op', () => {
    const p = planTask({ spec: task([dbShop]), running: true }, task([dbShop, { ...dbShop, database: 'billing' }]));
    expect(p.changes).toEqual([expect.objectContaining({ path: 'objects[billing]', impacts: ['backfill'] })]);
    expect(planTask({ spec: MQ, running: true }, clone(MQ))).toMatchObject({ action: 'no-op', changes: [] });
  });

  it('creates, destroys and counts tasks; a renamed task is destroy + create', () => {
    const desired: Manifest = { ...FULL_SAMPLE, tasks: [{ ...clone(MQ), name: 'to-mq-v2' }, MYSQL] };
    const plan = planManifests({ desired, previous: FULL_SAMPLE.tasks.map((spec) => ({ spec, running: true })), against: 'old' });
    expect(plan.tasks.map((t) => [t.task, t.action])).toEqual([['to-mq', 'destroy'], ['to-mq-v2', 'create'], ['to-mysql', 'no-op']]);
    expect(plan.summary).toEqual({ create: 1, update: 0, replace: 0, destroy: 1, unchanged: 1 });
    const created = plan.tasks[1]!;
    expect(created.changes.map((c) => [c.path, c.impacts])).toEqual([['objects[shop]', ['backfill']], ['objects[shop.orders]', ['backfill']]]);
  });

  it('shows a SecretRef change as a change of reference, never a value', () => {
    const p = planTask({ spec: MQ, running: true }, withField(MQ, 'destination.secretKey', { fromEnv: 'SK_NEW' }));
    expect(p.changes[0]).toMatchObject({
      before: { sensitive: true, reference: 'file /run/sk' },
      after: { sensitive: true, reference: 'env SK_NEW' },
    });
  });
});

describe('plan: where tasks run', () => {
  const manifest = (tasks: TaskSpec[], managedTasks?: Manifest['managedTasks']): Manifest => ({ version: 1, stack: 's', tasks, ...(managedTasks ? { managedTasks } : {}) });
  const plan = (previous: Manifest, desired: Manifest) =>
    planManifests({ desired, previous: previous.tasks.map((spec) => ({ spec, running: true })), previousManaged: previous.managedTasks ?? [], against: 'old' });

  it('shows the runtime of every task, changed or not', () => {
    const p = plan(manifest([MQ, MYSQL], [{ name: 'cloud-copy', instanceClass: 'small' }]), manifest([MQ, MYSQL], [{ name: 'cloud-copy', instanceClass: 'small' }]));
    expect(p.tasks.map((t) => [t.task, t.action, t.runsOn])).toEqual([
      ['cloud-copy', 'no-op', 'managed DTS (small)'],
      ['to-mq', 'no-op', 'the bundled engine (dts run)'],
      ['to-mysql', 'no-op', 'kubernetes (namespace data-sync, 2 pods, medium)'],
    ]);
    expect(renderPlan(p, 'text')).toContain('Where the tasks run:\n    cloud-copy: managed DTS (small)\n    to-mq: the bundled engine (dts run)\n');
  });

  it('flags a move between the engine and managed DTS as forcing replacement, both ways', () => {
    const toManaged = plan(manifest([MQ, MYSQL]), manifest([MQ], [{ name: MYSQL.name, instanceClass: 'large' }]));
    expect(toManaged.tasks.find((t) => t.task === MYSQL.name)).toMatchObject({
      action: 'replace', runsOn: 'managed DTS (large)',
      changes: [{ path: 'runtime', before: 'kubernetes (namespace data-sync, 2 pods, medium)', after: 'managed DTS (large)', impacts: ['forces replacement'] }],
    });
    const fromManaged = plan(manifest([MQ], [{ name: MYSQL.name, instanceClass: 'large' }]), manifest([MQ, MYSQL]));
    expect(fromManaged.tasks.find((t) => t.task === MYSQL.name)).toMatchObject({ action: 'replace', changes: [{ path: 'runtime', impacts: ['forces replacement'] }] });
    const resized = plan(manifest([MQ], [{ name: 'c', instanceClass: 'small' }]), manifest([MQ], [{ name: 'c', instanceClass: 'medium' }]));
    expect(resized.tasks.find((t) => t.task === 'c')).toMatchObject({ action: 'update', changes: [{ path: 'instanceClass', impacts: ['safe'] }] });
    expect(renderPlan(toManaged, 'text')).toMatch(/-\/\+ task to-mysql: replace \(forced by runtime\)/);
  });
});
