/**
 * The one resume-position vocabulary of the engine (like Debezium's offset context): every fact a
 * restart needs, from the binlog coordinates of one event up to what a task persists.
 *
 *   BinlogPosition    where one event sits (file:pos, the GTID of its transaction)
 *   ResumePosition    where a binlog reader may start again: a position plus the executed GTID set
 *                     through it (also what SHOW MASTER STATUS reports: the source's binlog end)
 *   SourceCheckpoint  the whole source state once a transaction is delivered: resume position,
 *                     full-sync progress, the last event seq, the schema memory
 *   TransactionMark   a sink's record of one source transaction: the resume position after it and
 *                     the source checkpoint to persist once it is durable
 *   Checkpoint        the state-dir file (a SourceCheckpoint with a version and a time)
 *   DestinationCheckpoint  the MySQL sink's checkpoint row (a mark plus the sink's own DDL facts)
 *
 * Positions order events within one server; resume positions only ever name transaction
 * boundaries (a transaction delivered in pieces moves no resume position until its last piece).
 */
import type { SnapshotCheckpoint, SchemaMemory } from './types.js';

/** Where in the source binlog an event sits. */
export interface BinlogPosition {
  readonly file: string;
  readonly pos: number;
  /** MariaDB domain-server-seq or MySQL uuid:n of the transaction, when the server has GTIDs. */
  readonly gtid?: string;
}

/** A transaction boundary a binlog reader can start from. */
export interface ResumePosition extends BinlogPosition {
  /** MariaDB GTID position (domain-server-seq per domain) or MySQL executed GTID set, when known. */
  readonly gtidSet?: string;
}

/** The state to persist once a batch, and everything before it, is delivered by the sink. */
export interface SourceCheckpoint {
  readonly binlog: ResumePosition;
  readonly snapshot?: SnapshotCheckpoint;
  /** The `seq` of the last event delivered, so ids stay monotonic across restarts. */
  readonly lastSeq: number;
  readonly schemaMemory?: SchemaMemory;
}

/**
 * A transaction a sink has taken: durable once everything it produced is acknowledged (RocketMQ)
 * or committed (MySQL).
 */
export interface TransactionMark {
  /** The sink's own sequence of the last unit (message, event) this transaction produced. */
  readonly lastSeq: number;
  /** The resume position just after the transaction. */
  readonly position: ResumePosition;
  /** Source commit time (ms), for latency. */
  readonly commitTime: number;
  /** Last event seq (canal `id`) of the transaction, kept so ids stay monotonic across restarts. */
  readonly lastEventSeq: number;
  /** The full source checkpoint (binlog position, full-sync progress, last seq) to persist once durable. */
  readonly checkpoint?: SourceCheckpoint;
  /**
   * Set while a transaction delivered in pieces is part-way: its id and the index (rowInTransaction)
   * of its last row delivered. `position` is still the boundary before it. A sink that keeps its own
   * checkpoint stores this, and skips those rows when the restart reads the transaction again.
   */
  readonly within?: { readonly transactionId: string; readonly throughRow: number };
}

/** The state-dir checkpoint file. */
export interface Checkpoint {
  readonly version: 1;
  /** Resume point: the binlog position just after the last transaction the sink acknowledged. */
  readonly binlog?: ResumePosition;
  readonly snapshot?: SnapshotCheckpoint;
  /** The `seq` of the last acknowledged event, so ids stay monotonic across restarts. */
  readonly lastSeq?: number;
  /** Keys and column types the live catalog may no longer tell (see SchemaMemory). */
  readonly schemaMemory?: SchemaMemory;
  readonly updatedAt: string;
}

/** The MySQL sink's checkpoint row: written in the same destination transaction as the rows it covers. */
export interface DestinationCheckpoint {
  readonly mark: TransactionMark;
  /** The owner epoch of the engine that wrote the row (fencing: runtime/sinks/mysql/checkpoint.ts). */
  readonly ownerEpoch?: number;
  /** Transaction id of a DDL begun but not confirmed. */
  readonly ddlPending?: string;
  /**
   * The identity of the destination transaction that wrote this row (engine instance + batch number).
   * After a connection lost during COMMIT, only this says whether THAT transaction landed.
   */
  readonly batchId?: string;
  /** Online-DDL ALTERs waiting for their tool's cut-over (DdlPlanner), by original table. */
  readonly deferredDdl?: Record<string, string[]>;
}
