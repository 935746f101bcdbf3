/**
 * Compares the desired tasks with the previous ones, field by field, and classifies every change with
 * the rules of rules.ts. Tasks are matched by name: a renamed task is a destroy plus a create.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ManagedTaskSpec, Manifest, ObjectSpec, SecretRef, TaskSpec } from '../manifest/types.js';
import { OBJECT_RULES, placementOf, TASK_RULES, UNKNOWN_FIELD_RULE, type FieldRule, type RuleContext } from './rules.js';
import { sortImpacts, type Plan, type PlanChange, type PlanValue, type TaskAction, type TaskPlan } from './types.js';

export interface PreviousTask {
  readonly spec: TaskSpec;
  /** The previous version is known to have run (false: it never started or failed its precheck). */
  readonly running: boolean;
}

export interface PlanInput {
  readonly desired: Manifest;
  readonly previous: readonly PreviousTask[];
  /** Tasks Alibaba Cloud DTS ran before (the old manifest's managedTasks). */
  readonly previousManaged?: readonly ManagedTaskSpec[];
  readonly against: string;
}

export function planManifests(input: PlanInput): Plan {
  const previous = new Map(input.previous.map((p) => [p.spec.name, p]));
  const desired = new Map(input.desired.tasks.map((t) => [t.name, t]));
  const previousManaged = new Map((input.previousManaged ?? []).map((m) => [m.name, m]));
  const desiredManaged = new Map((input.desired.managedTasks ?? []).map((m) => [m.name, m]));
  const names = [...new Set([...previous.keys(), ...desired.keys(), ...previousManaged.keys(), ...desiredManaged.keys()])].sort();
  const tasks = names.map((name) => {
    const managedBefore = previousManaged.get(name);
    const managedAfter = desiredManaged.get(name);
    if (managedBefore === undefined && managedAfter === undefined) return planTask(previous.get(name), desired.get(name));
    return planManagedTask(name, previous.get(name), managedBefore, desired.get(name), managedAfter);
  });
  const count = (a: TaskAction): number => tasks.filter((t) => t.action === a).length;
  return {
    stack: input.desired.stack,
    against: input.against,
    tasks,
    summary: { create: count('create'), update: count('update'), replace: count('replace'), destroy: count('destroy'), unchanged: count('no-op') },
  };
}

/**
 * A task that Alibaba Cloud DTS runs before or after: only its placement and instance class are known
 * here (its job is in cdk.tf.json, which `terraform plan` shows); a move to or from this project's
 * engine forces replacement.
 */
function planManagedTask(name: string, engineBefore: PreviousTask | undefined, before: ManagedTaskSpec | undefined, engineAfter: TaskSpec | undefined, after: ManagedTaskSpec | undefined): TaskPlan {
  const placeBefore = before ? placementOf(undefined, before.instanceClass) : engineBefore ? placementOf(engineBefore.spec.runtime) : undefined;
  const placeAfter = after ? placementOf(undefined, after.instanceClass) : engineAfter ? placementOf(engineAfter.runtime) : undefined;
  const running = engineBefore?.running ?? before !== undefined;
  if (placeAfter === undefined) {
    return finish(name, 'destroy', running, [{ path: 'task', kind: 'remove', impacts: ['breaks consumers'], note: 'the DTS job is deleted with the next deploy; its data stops being delivered' }], placeBefore!);
  }
  if (placeBefore === undefined) {
    return finish(name, 'create', false, [{ path: 'runtime', kind: 'add', after: placeAfter, impacts: ['safe'], note: 'the DTS instance and job are created by the next deploy' }], placeAfter);
  }
  if (before !== undefined && after !== undefined) {
    if (before.instanceClass === after.instanceClass) return finish(name, 'no-op', running, [], placeAfter);
    return finish(name, 'update', running, [{ path: 'instanceClass', kind: 'change', before: before.instanceClass, after: after.instanceClass, impacts: ['safe'], note: 'DTS changes the instance class in place' }], placeAfter);
  }
  return finish(name, 'replace', running, [{
    path: 'runtime', kind: 'change', before: placeBefore, after: placeAfter, impacts: ['forces replacement'],
    note: `the task moves from ${placeBefore} to ${placeAfter}: the new runtime starts it from scratch (checkpoints do not move between them); stop the old one`,
  }], placeAfter);
}

export function planTask(previous: PreviousTask | undefined, desired: TaskSpec | undefined): TaskPlan {
  if (desired === undefined && previous === undefined) throw new Error('planTask needs a previous or a desired task');
  if (desired === undefined) {
    const changes: PlanChange[] = [{
      path: 'task', kind: 'remove', impacts: ['breaks consumers'],
      note: 'the task stops and its data stops being delivered; its state dir is kept',
    }];
    return finish(previous!.spec.name, 'destroy', previous!.running, changes, placementOf(previous!.spec.runtime));
  }
  if (previous === undefined) {
    const changes = desired.objects.map((o) => objectAdded(objectLabel(o), o, desired.syncTypes.full));
    return finish(desired.name, 'create', false, changes, placementOf(desired.runtime));
  }
  const changes = diffTask(previous.spec, desired, previous.running);
  const action: TaskAction = changes.length === 0 ? 'no-op' : changes.some((c) => c.impacts.includes('forces replacement')) ? 'replace' : 'update';
  return finish(desired.name, action, previous.running, changes, placementOf(desired.runtime));
}

function finish(task: string, action: TaskAction, running: boolean, changes: PlanChange[], runsOn: string): TaskPlan {
  return { task, action, running, changes, impacts: sortImpacts(changes.flatMap((c) => c.impacts)), runsOn };
}

function diffTask(before: TaskSpec, after: TaskSpec, running: boolean): PlanChange[] {
  const changes: PlanChange[] = [];
  const base = { running, fullSync: after.syncTypes.full };
  const engineChanged = before.destination.engine !== after.destination.engine;
  const skip = new Set(['name', 'objects']);
  if (engineChanged) {
    // A different destination kind replaces the task; its engine-specific fields are noise next to that.
    skip.add('destination').add('rocketmq').add('mysql');
    changes.push(change('destination.engine', undefined, before.destination.engine, after.destination.engine, TASK_RULES['destination.engine']!, base));
  }
  diffFields(asRecord(before), asRecord(after), '', skip, TASK_RULES, base, undefined, changes);
  changes.push(...diffObjects(before, after, base));
  return changes;
}

/** Walks both values; a path with a rule is compared as one value, others are descended into. */
function diffFields(
  before: unknown, after: unknown, prefix: string, skip: ReadonlySet<string>, rules: Readonly<Record<string, FieldRule>>,
  base: Pick<RuleContext, 'running' | 'fullSync'>, object: string | undefined, out: PlanChange[], pathPrefix = '',
): void {
  const keys = [...new Set([...Object.keys(asRecord(before)), ...Object.keys(asRecord(after))])].sort();
  for (const key of keys) {
    if (prefix === '' && skip.has(key)) continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const b = asRecord(before)[key];
    const a = asRecord(after)[key];
    const rule = rules[path];
    if (rule === undefined && (isPlainObject(b) || isPlainObject(a))) {
      diffFields(b, a, path, skip, rules, base, object, out, pathPrefix);
      continue;
    }
    if (isDeepStrictEqual(b, a)) continue;
    out.push(change(`${pathPrefix}${path}`, object, b, a, rule ?? UNKNOWN_FIELD_RULE, base));
  }
}

function change(path: string, object: string | undefined, before: unknown, after: unknown, rule: FieldRule, base: Pick<RuleContext, 'running' | 'fullSync'>): PlanChange {
  const ctx: RuleContext = { ...base, before, after };
  const kind = before === undefined ? 'add' : after === undefined ? 'remove' : 'change';
  const note = rule.note?.(ctx);
  return {
    path,
    ...(object === undefined ? {} : { object }),
    kind,
    ...(before === undefined ? {} : { before: toPlanValue(before, rule.sensitive === true) }),
    ...(after === undefined ? {} : { after: toPlanValue(after, rule.sensitive === true) }),
    impacts: sortImpacts(rule.impacts(ctx)),
    ...(note === undefined ? {} : { note }),
  };
}

/**
 * Objects are keyed by database (whole-database entries) and database.table. A table's effective
 * settings are its own entry, else its database's entry: so a table entry appearing under a database
 * that was already selected is a settings change, not a new table to backfill.
 */
function diffObjects(before: TaskSpec, after: TaskSpec, base: Pick<RuleContext, 'running' | 'fullSync'>): PlanChange[] {
  const out: PlanChange[] = [];
  const b = indexObjects(before.objects);
  const a = indexObjects(after.objects);
  for (const db of union(b.databases.keys(), a.databases.keys())) {
    const bo = b.databases.get(db);
    const ao = a.databases.get(db);
    const partlySelected = [...b.tables.keys()].some((k) => k.startsWith(`${db}.`));
    if (bo === undefined) out.push(objectAdded(db, ao!, after.syncTypes.full, partlySelected));
    else if (ao === undefined) out.push(objectRemoved(db));
    else diffFields(bo, ao, '', OBJECT_KEYS, OBJECT_RULES, base, db, out, `objects[${db}].`);
  }
  for (const key of union(b.tables.keys(), a.tables.keys())) {
    const bo = effective(b, key);
    const ao = effective(a, key);
    if (bo === undefined) out.push(objectAdded(key, ao!, after.syncTypes.full));
    else if (ao === undefined) out.push(objectRemoved(key));
    else diffFields(bo, ao, '', OBJECT_KEYS, OBJECT_RULES, base, key, out, `objects[${key}].`);
  }
  return out;
}

const OBJECT_KEYS: ReadonlySet<string> = new Set(['database', 'table']);

function objectAdded(label: string, object: ObjectSpec, fullSync: boolean, partlySelected = false): PlanChange {
  const what = object.table !== undefined ? `table ${label}`
    : partlySelected ? `the tables of database ${object.database} not selected before` : `every table of database ${object.database}`;
  return {
    path: `objects[${label}]`, object: label, kind: 'add',
    after: toPlanValue(object, false),
    impacts: [fullSync ? 'backfill' : 'safe'],
    note: fullSync ? `${what}: backfilled by a full sync while the other tables keep streaming` : `${what}: changes delivered from now on (full sync is off: no backfill)`,
  };
}

function objectRemoved(label: string): PlanChange {
  return {
    path: `objects[${label}]`, object: label, kind: 'remove', impacts: ['breaks consumers'],
    note: `${label.includes('.') ? 'table' : 'database'} ${label} stops being delivered (data already delivered stays)`,
  };
}

interface ObjectIndex {
  readonly databases: Map<string, ObjectSpec>;
  readonly tables: Map<string, ObjectSpec>;
}

function indexObjects(objects: readonly ObjectSpec[]): ObjectIndex {
  const databases = new Map<string, ObjectSpec>();
  const tables = new Map<string, ObjectSpec>();
  for (const o of objects) (o.table === undefined ? databases : tables).set(objectLabel(o), o);
  return { databases, tables };
}

function effective(index: ObjectIndex, tableKey: string): ObjectSpec | undefined {
  const own = index.tables.get(tableKey);
  if (own !== undefined) return own;
  for (const [db, o] of index.databases) {
    if (tableKey.startsWith(`${db}.`)) return { ...o, table: tableKey.slice(db.length + 1) };
  }
  return undefined;
}

export function objectLabel(o: ObjectSpec): string {
  return o.table === undefined ? o.database : `${o.database}.${o.table}`;
}

function union(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort();
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asRecord(v: unknown): Record<string, unknown> {
  return isPlainObject(v) ? v : {};
}

function isSecretRef(v: unknown): v is SecretRef {
  return isPlainObject(v) && (typeof v.fromEnv === 'string' || typeof v.fromFile === 'string');
}

function toPlanValue(value: unknown, sensitive: boolean): PlanValue {
  if (sensitive || isSecretRef(value)) {
    const ref = isSecretRef(value) ? ('fromEnv' in value ? `env ${value.fromEnv}` : `file ${value.fromFile}`) : 'value';
    return { sensitive: true, reference: ref };
  }
  return value as PlanValue;
}

