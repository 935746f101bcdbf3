/**
 * What `dts plan` reports: per task an action (like terraform's create / update in place / replace /
 * destroy) and the field-level changes behind it, each flagged by its impact on the running task and
 * on the consumers of its output.
 */

/** Ordered from the most to the least severe: renderers and sorting rely on this order. */
export const IMPACTS = ['forces replacement', 'breaks consumers', 'backfill', 'safe'] as const;
export type Impact = (typeof IMPACTS)[number];

export type TaskAction = 'create' | 'update' | 'replace' | 'destroy' | 'no-op';

/** A secret reference as plan shows it: the reference (which env var / file), never a value. */
export interface SensitiveValue {
  readonly sensitive: true;
  readonly reference: string;
}

/** A manifest value as plan shows it: plain JSON, or a SensitiveValue for SecretRef fields. */
export type PlanValue = string | number | boolean | null | readonly PlanValue[] | SensitiveValue | { readonly [key: string]: PlanValue };

export interface PlanChange {
  /** Field path in the task, e.g. `throttle.incremental.rps` or `objects[shop.orders].filter`. */
  readonly path: string;
  /** The selected object the change belongs to: `shop` (whole database) or `shop.orders`. */
  readonly object?: string;
  readonly kind: 'add' | 'remove' | 'change';
  readonly before?: PlanValue;
  readonly after?: PlanValue;
  /** Most severe first; never empty. */
  readonly impacts: readonly Impact[];
  /** What the change does, in words, when the impact alone does not say it. */
  readonly note?: string;
}

export interface TaskPlan {
  readonly task: string;
  readonly action: TaskAction;
  /** Whether the previous version is known to have run (sync-type changes then force replacement). */
  readonly running: boolean;
  /** Where the task runs (desired; the previous placement for a destroyed task), e.g. "kubernetes (namespace sync, 2 pods, medium)". */
  readonly runsOn: string;
  readonly changes: readonly PlanChange[];
  /** Union of the changes' impacts, most severe first. */
  readonly impacts: readonly Impact[];
}

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly destroy: number;
  readonly unchanged: number;
}

export interface Plan {
  readonly stack: string;
  /** What the desired manifest was compared with, for the header (a path or "state dir ..."). */
  readonly against: string;
  readonly tasks: readonly TaskPlan[];
  readonly summary: PlanSummary;
}

export function hasChanges(plan: Plan): boolean {
  return plan.tasks.some((t) => t.action !== 'no-op');
}

export function sortImpacts(impacts: Iterable<Impact>): Impact[] {
  return [...new Set(impacts)].sort((a, b) => IMPACTS.indexOf(a) - IMPACTS.indexOf(b));
}
