/**
 * What the pipeline asks of a destination. Sources and transforms hand a sink whole source
 * transactions, in binlog order; the sink reports which of them are durable at the destination.
 *
 * - RocketMQ sink: durable = every message of the transaction acknowledged by the broker; the
 *   pipeline persists that position in the state dir (at-least-once: the unacknowledged tail repeats).
 * - MySQL sink: durable = committed in a destination transaction that also wrote the checkpoint row
 *   (exactly once); `restoreCheckpoint` reads that row back, and wins over the state dir.
 */
import type { ChangeEvent } from '../events/change-event.js';
import type { ResumePosition, SourceCheckpoint, TransactionMark } from '../state/offsets.js';

/** One committed source transaction (or a position-only advance when `events` is empty). */
export interface SourceTransaction {
  readonly events: readonly ChangeEvent[];
  /** Resume point just after the transaction (gtidSet = executed set including it, when known). */
  readonly position: ResumePosition;
  readonly commitTime: number;
  readonly transactionId: string;
  /** Approximate in-memory size of the events, as the source estimated it (MB/s throttles). */
  readonly bytes: number;
  /** 'snapshot' = one full-sync chunk (idempotent inserts), 'binlog' = one committed transaction. */
  readonly origin?: 'snapshot' | 'binlog';
  /**
   * The source state once this transaction is delivered: a sink that keeps its own checkpoint stores
   * it atomically with the data and returns it from open(); otherwise the runner persists it.
   */
  readonly checkpoint?: SourceCheckpoint;
  /**
   * A piece of a source transaction too large to hold: more pieces follow, the last one is not
   * partial. A piece carries the position and checkpoint of the boundary before its transaction, so
   * no durable mark ever lies inside a transaction; its events carry the transaction's begin position.
   */
  readonly partial?: boolean;
}

export interface SinkPrecheck {
  readonly id: string;
  readonly status: 'pass' | 'warn' | 'fail';
  readonly message: string;
  readonly fix?: string;
  /**
   * 'connection': the service did not answer. `dts run` checks again within the task's
   * connection-retry window (a broker or server restarting) before the task is PrecheckFailed.
   */
  readonly retry?: 'connection';
}

/** One confirmed delivery, reported to metrics. */
export interface Delivery {
  /** "db.table" ("db" for DDL tied to no table). */
  readonly table: string;
  readonly operation: 'INSERT' | 'UPDATE' | 'DELETE' | 'DDL';
  readonly phase: 'full' | 'incremental';
  readonly rows: number;
  readonly bytes: number;
  /** Source commit time (ms) of the newest record in this delivery (incremental only). */
  readonly sourceTimestampMs?: number;
}

/** Where a sink reports what it delivered and what it skipped (metrics; optional). */
export interface DeliveryObserver {
  delivered(delivery: Delivery): void;
  filteredLargeRecord(table: string): void;
}

export interface SinkCounters {
  /** Rows and bytes delivered (acknowledged / committed), per "db.table". */
  readonly rowsByTable: ReadonlyMap<string, number>;
  readonly bytes: number;
  readonly messages: number;
  /** Records skipped by the 4 MB rule (RocketMQ, filterLargeRecords on). */
  readonly skippedLargeRecords: number;
}

/** What the runner learned about the source before the sink opens. */
export interface SourceInfo {
  /** Comparison rules differ (MariaDB compares integers with strings exactly, MySQL as doubles). */
  readonly dialect: 'mysql' | 'mariadb';
  readonly version: string;
}

export interface Sink {
  /** Destination-side prechecks (topics exist and are FIFO; destination tables do not conflict ...). */
  prechecks(): Promise<SinkPrecheck[]>;
  /** Connects. Returns the checkpoint the destination itself holds, if it keeps one. */
  open(source: SourceInfo): Promise<TransactionMark | undefined>;
  /**
   * Accepts one transaction, in source order. Resolves once the sink has room for more (this is the
   * backpressure the binlog reader feels); rejects when the sink has failed for good.
   */
  write(transaction: SourceTransaction): Promise<void>;
  /** The newest transaction durably delivered (undefined before the first). */
  durable(): TransactionMark | undefined;
  /**
   * The sink's terminal error once it has failed for good (retry window spent). The runner polls it,
   * so a failure with no write after it (an idle source) still ends the task Failed, never a silent stall.
   */
  failure(): Error | undefined;
  /** Waits until everything written so far is durable. */
  drain(): Promise<void>;
  counters(): SinkCounters;
  close(): Promise<void>;
}
