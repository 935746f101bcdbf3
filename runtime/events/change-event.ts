/**
 * The one event type every engine stage speaks: sources (snapshot, binlog) produce it, transforms
 * (select, filter, map) reshape it, sinks (RocketMQ, MySQL) deliver it.
 */
import type { BinlogPosition } from '../state/offsets.js';

/** A decoded column value. Exactness first: DECIMAL and BIGINT UNSIGNED beyond 2^53 stay strings
 *  or bigint, DATETIME(6) keeps microseconds (string 'YYYY-MM-DD hh:mm:ss.ffffff'), BLOB/BINARY are
 *  Buffers, BIT is a Buffer or bigint, SET is a string[] or comma string, JSON is the parsed value. */
export type ColumnValue = string | number | bigint | boolean | Buffer | null | readonly string[] | JsonValue;
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export type Row = Readonly<Record<string, ColumnValue>>;

export interface ColumnMeta {
  readonly name: string;
  /** MySQL column type as SHOW COLUMNS prints it, e.g. "bigint(20) unsigned", "varchar(64)". */
  readonly mysqlType: string;
  /** JDBC java.sql.Types code, as Canal and DTS write it in `sqlType`. */
  readonly sqlType: number;
  readonly nullable: boolean;
  readonly unsigned?: boolean;
  readonly charset?: string | null;
  /** A generated column (VIRTUAL or STORED): carried in messages, never written to a MySQL destination. */
  readonly generated?: boolean;
}

export type ChangeKind = 'insert' | 'update' | 'delete' | 'ddl';

export interface ChangeEvent {
  readonly kind: ChangeKind;
  readonly database: string;
  /** Absent for DDL tied to no table (CREATE DATABASE, a procedure ...). */
  readonly table?: string;
  /** Before image: update and delete. */
  readonly before?: Row;
  /** After image: insert and update. */
  readonly after?: Row;
  /** Primary key columns (unique key when no PK); empty when the table has neither. */
  readonly primaryKey: readonly string[];
  readonly columns: readonly ColumnMeta[];
  /** DDL statement text (kind = 'ddl'). */
  readonly sql?: string;
  /** Normalised DDL kind, e.g. 'CREATE_TABLE' (kind = 'ddl'). */
  readonly ddlOperation?: string;
  /** Position of the event's transaction; snapshot rows carry the position of their chunk's watermark. */
  readonly position: BinlogPosition;
  /** Source commit time, ms since epoch. */
  readonly commitTime: number;
  /** Identifies the source transaction (GTID, or file:pos of its BEGIN). */
  readonly transactionId: string;
  /** Monotonic sequence within the task, the `id` field of canal-json (renumbered after a restart). */
  readonly seq: number;
  /**
   * Binlog events: the index of this row change among the transaction's selected changes (0-based).
   * With transactionId it names the change stably across restarts and re-reads (the binlog is
   * immutable); absent for full-sync rows.
   */
  readonly rowInTransaction?: number;
  /** 'snapshot' for full-sync rows, 'binlog' for streamed changes. */
  readonly origin: 'snapshot' | 'binlog';
}
