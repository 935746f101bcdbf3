/**
 * One row of `dts status` (and of the engine's /status): what the DTS console task list shows.
 * The same shape comes from a running engine (live numbers) or from the state dir (last persisted).
 */
import type { Checkpoint } from '../state/offsets.js';
import { TASK_STATES, type TaskState } from '../state/types.js';

export interface TableProgress {
  /** "db.table". */
  readonly table: string;
  readonly status: 'pending' | 'in-progress' | 'done';
  readonly rowsDone: number;
  readonly rowsEstimated: number;
}

export interface FullSyncProgress {
  readonly rowsDone: number;
  readonly rowsEstimated: number;
  /** 0..100; null when nothing is estimated yet. */
  readonly percent: number | null;
  readonly done: boolean;
  readonly tables: readonly TableProgress[];
}

export interface TaskStatusRow {
  readonly stack: string;
  readonly task: string;
  /** The task's environment tag (dev, test, prod ...), as the DTS console lists it. */
  readonly environmentTag?: string;
  readonly state: TaskState;
  /** ISO time of the last state change. */
  readonly since: string;
  /** Why the task is Failed / PrecheckFailed / Suspended. */
  readonly reason?: string;
  /** Now minus the source commit time of the last record delivered (the DTS definition). */
  readonly latencySeconds: number | null;
  /** Incremental speed over the last seconds: records and megabytes per second. */
  readonly rps: number | null;
  readonly mbps: number | null;
  readonly fullSync: FullSyncProgress | null;
  /** "mariadb-bin.000003:1234 (gtid 0-1-42)". */
  readonly checkpoint: string | null;
  readonly lastError: string | null;
  /** Where the row came from: the running engine's /status, or the files of the state dir. */
  readonly origin: 'engine' | 'state-dir';
}

export interface StatusReport {
  readonly version: 1;
  readonly tasks: readonly TaskStatusRow[];
}

export function percentOf(done: number, estimated: number, finished: boolean): number | null {
  if (finished) return 100;
  if (estimated <= 0) return null;
  return Math.min(100, Math.round((done / estimated) * 1000) / 10);
}

export function fullSyncFromCheckpoint(checkpoint: Checkpoint | undefined): FullSyncProgress | null {
  const snap = checkpoint?.snapshot;
  if (snap === undefined) return null;
  const tables = Object.entries(snap.tables)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([table, t]) => ({ table, status: t.status, rowsDone: t.rowsDone, rowsEstimated: t.rowsEstimated }));
  return summarizeTables(tables, snap.done);
}

export function summarizeTables(tables: readonly TableProgress[], done: boolean): FullSyncProgress {
  const rowsDone = tables.reduce((s, t) => s + t.rowsDone, 0);
  const rowsEstimated = tables.reduce((s, t) => s + Math.max(t.rowsEstimated, t.status === 'done' ? t.rowsDone : 0), 0);
  return { rowsDone, rowsEstimated, percent: percentOf(rowsDone, rowsEstimated, done), done, tables };
}

export function formatCheckpoint(checkpoint: Checkpoint | undefined): string | null {
  const b = checkpoint?.binlog;
  if (b === undefined) return null;
  const gtid = b.gtidSet ?? b.gtid;
  return `${b.file}:${b.pos}${gtid ? ` (gtid ${gtid})` : ''}`;
}

/**
 * A /status body read from another process (`dts status`, `dts console`), checked field by field: the
 * report when every row has the shape above, else undefined (the caller falls back to the state dir).
 * Nothing a remote engine sends reaches a page or a terminal unchecked.
 */
export function parseStatusReport(raw: unknown): StatusReport | undefined {
  if (!isRecord(raw) || raw.version !== 1 || !Array.isArray(raw.tasks)) return undefined;
  return raw.tasks.every(isRow) ? (raw as unknown as StatusReport) : undefined;
}

const ROW_STATES: ReadonlySet<string> = new Set(TASK_STATES);
const TABLE_STATUSES = new Set(['pending', 'in-progress', 'done']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isNum = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const numOrNull = (v: unknown): boolean => v === null || isNum(v);
const strOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
const optStr = (v: unknown): boolean => v === undefined || typeof v === 'string';

function isRow(v: unknown): boolean {
  if (!isRecord(v)) return false;
  return (
    typeof v.stack === 'string' && typeof v.task === 'string' && optStr(v.environmentTag) && ROW_STATES.has(v.state as string) &&
    typeof v.since === 'string' && optStr(v.reason) && numOrNull(v.latencySeconds) && numOrNull(v.rps) && numOrNull(v.mbps) &&
    (v.fullSync === null || isFullSync(v.fullSync)) && strOrNull(v.checkpoint) && strOrNull(v.lastError) &&
    (v.origin === 'engine' || v.origin === 'state-dir')
  );
}

function isFullSync(v: unknown): boolean {
  if (!isRecord(v) || !isNum(v.rowsDone) || !isNum(v.rowsEstimated) || !numOrNull(v.percent) || typeof v.done !== 'boolean' || !Array.isArray(v.tables)) return false;
  return v.tables.every((t) => isRecord(t) && typeof t.table === 'string' && TABLE_STATUSES.has(t.status as string) && isNum(t.rowsDone) && isNum(t.rowsEstimated));
}
