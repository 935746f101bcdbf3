/**
 * The engine's metrics: one prom-client Registry per engine process, one TaskMetrics handle per task
 * that the pipeline updates. /metrics renders the registry; /status renders each handle's snapshot().
 * Latency follows the DTS definition: now minus the source commit time of the last record delivered.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import { TASK_STATES, type TaskState } from '../state/types.js';
import { summarizeTables, type TableProgress, type TaskStatusRow } from './status-model.js';
import type { Delivery } from '../sinks/sink.js';

export type { Delivery } from '../sinks/sink.js';
export type DeliveredOperation = Delivery['operation'];
export type SyncPhase = Delivery['phase'];

/** Incremental speed is averaged over this window. */
export const SPEED_WINDOW_SECONDS = 10;

interface Instruments {
  readonly rows: Counter<'stack' | 'task' | 'table' | 'operation' | 'phase'>;
  readonly bytes: Counter<'stack' | 'task' | 'table' | 'operation' | 'phase'>;
  readonly latency: Gauge<'stack' | 'task'>;
  readonly fullDone: Gauge<'stack' | 'task' | 'table'>;
  readonly fullEstimated: Gauge<'stack' | 'task' | 'table'>;
  readonly fullPercent: Gauge<'stack' | 'task'>;
  readonly errors: Counter<'stack' | 'task' | 'kind'>;
  readonly retries: Counter<'stack' | 'task' | 'kind'>;
  readonly filtered: Counter<'stack' | 'task' | 'table'>;
  readonly checkpointLag: Gauge<'stack' | 'task'>;
  readonly state: Gauge<'stack' | 'task' | 'state'>;
  readonly rps: Gauge<'stack' | 'task'>;
  readonly mbps: Gauge<'stack' | 'task'>;
}

export class EngineMetrics {
  readonly registry = new Registry();
  private readonly handles = new Map<string, TaskMetrics>();
  private readonly instruments: Instruments;

  constructor(private readonly now: () => number = Date.now) {
    const registers = [this.registry];
    const tasks = (): TaskMetrics[] => [...this.handles.values()];
    this.instruments = {
      // Deliveries are summed per label set in the task handle and added here when read (a hot path:
      // one delivery per message, and prom-client hashes the labels on every inc).
      rows: new Counter({
        name: 'dts_rows_delivered_total', help: 'Rows delivered to the destination', labelNames: ['stack', 'task', 'table', 'operation', 'phase'], registers,
        collect() {
          for (const t of tasks()) t.flushDeliveries();
        },
      }),
      bytes: new Counter({
        name: 'dts_bytes_delivered_total', help: 'Bytes delivered to the destination (message bodies / row data)', labelNames: ['stack', 'task', 'table', 'operation', 'phase'], registers,
        collect() {
          for (const t of tasks()) t.flushDeliveries();
        },
      }),
      latency: new Gauge({
        name: 'dts_latency_seconds', help: 'Now minus the source commit time of the last record delivered', labelNames: ['stack', 'task'], registers,
        collect() {
          for (const t of tasks()) setOrRemove(this, t.labels, t.latencySeconds());
        },
      }),
      fullDone: new Gauge({ name: 'dts_full_sync_rows_done', help: 'Full sync: rows copied per table', labelNames: ['stack', 'task', 'table'], registers }),
      fullEstimated: new Gauge({ name: 'dts_full_sync_rows_estimated', help: 'Full sync: estimated rows per table (information_schema)', labelNames: ['stack', 'task', 'table'], registers }),
      fullPercent: new Gauge({
        name: 'dts_full_sync_progress_percent', help: 'Full sync: rows done / estimated over all tables, in percent', labelNames: ['stack', 'task'], registers,
        collect() {
          for (const t of tasks()) setOrRemove(this, t.labels, t.fullSyncPercent());
        },
      }),
      errors: new Counter({ name: 'dts_errors_total', help: 'Errors by kind', labelNames: ['stack', 'task', 'kind'], registers }),
      retries: new Counter({ name: 'dts_retries_total', help: 'Retries by kind (connection / other)', labelNames: ['stack', 'task', 'kind'], registers }),
      filtered: new Counter({ name: 'dts_filtered_large_records_total', help: 'Records over the size limit skipped (filterLargeRecords)', labelNames: ['stack', 'task', 'table'], registers }),
      checkpointLag: new Gauge({
        name: 'dts_checkpoint_lag_seconds', help: 'Source time between the last delivered record and the last checkpointed one', labelNames: ['stack', 'task'], registers,
        collect() {
          for (const t of tasks()) setOrRemove(this, t.labels, t.checkpointLagSeconds());
        },
      }),
      state: new Gauge({
        name: 'dts_task_state', help: '1 for the current state of the task, 0 for the others', labelNames: ['stack', 'task', 'state'], registers,
        collect() {
          for (const t of tasks()) for (const s of TASK_STATES) this.set({ ...t.labels, state: s }, t.state === s ? 1 : 0);
        },
      }),
      rps: new Gauge({
        name: 'dts_incremental_records_per_second', help: `Incremental speed over the last ${SPEED_WINDOW_SECONDS} s`, labelNames: ['stack', 'task'], registers,
        collect() {
          for (const t of tasks()) this.set(t.labels, t.speed().rps);
        },
      }),
      mbps: new Gauge({
        name: 'dts_incremental_megabytes_per_second', help: `Incremental speed over the last ${SPEED_WINDOW_SECONDS} s`, labelNames: ['stack', 'task'], registers,
        collect() {
          for (const t of tasks()) this.set(t.labels, t.speed().mbps);
        },
      }),
    };
  }

  /** The handle of one task (created on first use). */
  task(stack: string, task: string): TaskMetrics {
    const key = `${stack}\u0000${task}`;
    let h = this.handles.get(key);
    if (h === undefined) {
      h = new TaskMetrics(stack, task, this.instruments, this.now);
      this.handles.set(key, h);
    }
    return h;
  }

  tasks(): TaskMetrics[] {
    return [...this.handles.values()];
  }

  /** Prometheus text exposition of every metric. */
  metricsText(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function setOrRemove(g: Gauge<'stack' | 'task'>, labels: { stack: string; task: string }, value: number | null): void {
  if (value === null) g.remove(labels);
  else g.set(labels, value);
}

export class TaskMetrics {
  readonly labels: { stack: string; task: string };
  private currentState: TaskState = 'NotStarted';
  private stateSince: string;
  private reason: string | undefined;
  private lastSourceTimestampMs: number | undefined;
  private checkpointSourceTimestampMs: number | undefined;
  private checkpointPosition: string | null = null;
  private lastErrorText: string | null = null;
  private readonly tables = new Map<string, TableProgress>();
  private fullSyncDone = false;
  /** Deliveries not yet added to the rows/bytes counters, per label set (flushDeliveries). */
  private readonly deliveries = new Map<string, { labels: Record<'stack' | 'task' | 'table' | 'operation' | 'phase', string>; rows: number; bytes: number }>();
  /** Per-second buckets of incremental deliveries: [second, rows, bytes]. */
  private readonly buckets: [number, number, number][] = [];

  constructor(
    readonly stack: string,
    readonly task: string,
    private readonly m: Instruments,
    private readonly now: () => number,
  ) {
    this.labels = { stack, task };
    this.stateSince = new Date(now()).toISOString();
  }

  delivered(d: Delivery): void {
    const key = `${d.table}\u0000${d.operation}\u0000${d.phase}`;
    let sum = this.deliveries.get(key);
    if (sum === undefined) {
      sum = { labels: { ...this.labels, table: d.table, operation: d.operation, phase: d.phase }, rows: 0, bytes: 0 };
      this.deliveries.set(key, sum);
    }
    sum.rows += d.rows;
    sum.bytes += d.bytes;
    if (d.sourceTimestampMs !== undefined) this.lastSourceTimestampMs = Math.max(this.lastSourceTimestampMs ?? 0, d.sourceTimestampMs);
    if (d.phase === 'incremental') this.addToSpeed(d.rows, d.bytes);
  }

  /** Adds the deliveries summed since the last call to the rows/bytes counters (called when they are read). */
  flushDeliveries(): void {
    for (const sum of this.deliveries.values()) {
      this.m.rows.inc(sum.labels, sum.rows);
      this.m.bytes.inc(sum.labels, sum.bytes);
    }
    this.deliveries.clear();
  }

  /**
   * The binlog reader is at the end of the binlog with nothing pending: latency is zero now. Without it
   * (and without a heartbeat table) latency grows while the source is idle, as in the DTS console.
   */
  caughtUp(): void {
    this.lastSourceTimestampMs = this.now();
  }

  /** A heartbeat row came through the binlog: the stream is current up to its commit time. */
  heartbeat(sourceTimestampMs: number): void {
    this.lastSourceTimestampMs = Math.max(this.lastSourceTimestampMs ?? 0, sourceTimestampMs);
  }

  fullSyncProgress(table: string, rowsDone: number, rowsEstimated: number, status: TableProgress['status'] = 'in-progress'): void {
    this.tables.set(table, { table, status, rowsDone, rowsEstimated });
    this.m.fullDone.set({ ...this.labels, table }, rowsDone);
    this.m.fullEstimated.set({ ...this.labels, table }, rowsEstimated);
  }

  fullSyncFinished(): void {
    this.fullSyncDone = true;
  }

  error(kind: string, message: string): void {
    this.m.errors.inc({ ...this.labels, kind });
    this.lastErrorText = message;
  }

  retry(kind: 'connection' | 'other'): void {
    this.m.retries.inc({ ...this.labels, kind });
  }

  filteredLargeRecord(table: string): void {
    this.m.filtered.inc({ ...this.labels, table });
  }

  /** A checkpoint was saved: `position` as status shows it, and the source time of its last record. */
  checkpointed(position: string, sourceTimestampMs?: number): void {
    this.checkpointPosition = position;
    if (sourceTimestampMs !== undefined) this.checkpointSourceTimestampMs = sourceTimestampMs;
  }

  setState(state: TaskState, reason?: string): void {
    if (state !== this.currentState) this.stateSince = new Date(this.now()).toISOString();
    this.currentState = state;
    this.reason = reason;
  }

  get state(): TaskState {
    return this.currentState;
  }

  latencySeconds(): number | null {
    if (this.lastSourceTimestampMs === undefined) return null;
    return Math.max(0, (this.now() - this.lastSourceTimestampMs) / 1000);
  }

  checkpointLagSeconds(): number | null {
    if (this.lastSourceTimestampMs === undefined || this.checkpointSourceTimestampMs === undefined) return null;
    return Math.max(0, (this.lastSourceTimestampMs - this.checkpointSourceTimestampMs) / 1000);
  }

  fullSyncPercent(): number | null {
    if (this.tables.size === 0) return null;
    return summarizeTables([...this.tables.values()], this.fullSyncDone).percent;
  }

  /** Incremental records and megabytes per second over the last SPEED_WINDOW_SECONDS full seconds. */
  speed(): { rps: number; mbps: number } {
    const current = Math.floor(this.now() / 1000);
    const from = current - SPEED_WINDOW_SECONDS;
    let rows = 0;
    let bytes = 0;
    for (const [second, r, b] of this.buckets) {
      if (second >= from && second < current) {
        rows += r;
        bytes += b;
      }
    }
    return { rps: round(rows / SPEED_WINDOW_SECONDS, 1), mbps: round(bytes / SPEED_WINDOW_SECONDS / 1_000_000, 3) };
  }

  snapshot(): TaskStatusRow {
    const tables = [...this.tables.values()].sort((a, b) => a.table.localeCompare(b.table));
    const speed = this.speed();
    return {
      stack: this.stack,
      task: this.task,
      state: this.currentState,
      since: this.stateSince,
      ...(this.reason === undefined ? {} : { reason: this.reason }),
      latencySeconds: nullableRound(this.latencySeconds()),
      rps: speed.rps,
      mbps: speed.mbps,
      fullSync: tables.length === 0 ? null : summarizeTables(tables, this.fullSyncDone),
      checkpoint: this.checkpointPosition,
      lastError: this.lastErrorText,
      origin: 'engine',
    };
  }

  private addToSpeed(rows: number, bytes: number): void {
    const second = Math.floor(this.now() / 1000);
    const last = this.buckets[this.buckets.length - 1];
    if (last !== undefined && last[0] === second) {
      last[1] += rows;
      last[2] += bytes;
    } else {
      this.buckets.push([second, rows, bytes]);
    }
    while (this.buckets.length > 0 && this.buckets[0]![0] < second - SPEED_WINDOW_SECONDS) this.buckets.shift();
  }
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function nullableRound(n: number | null): number | null {
  return n === null ? null : round(n, 3);
}

