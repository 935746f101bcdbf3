/**
 * The MySQL sink: source transactions in, one destination transaction per merged batch out, the
 * checkpoint row written in that same transaction (exactly once across crashes).
 *
 * Contract with the pipeline: write() takes source transactions as the readers produce them
 * (source database/table/column names, both images). The sink applies selection, filter, column
 * ETL, capitalization and name mapping itself, because it needs both filter verdicts of an UPDATE
 * (left the filter -> DELETE, entered -> upsert) and the mapping again for DDL rewriting.
 * Snapshot rows (origin 'snapshot') are upserts like any insert.
 *
 * Batching: changes of consecutive transactions merge (batch.ts) until batchRows changes or
 * flushIntervalMs have passed; one batch commits while the next fills (write() waits only when both
 * are full: that wait is the backpressure). A DDL flushes everything before it and runs alone.
 * A batch also commits once it holds MYSQL_BATCH_BYTES of rows, so its memory is bounded by bytes too.
 * The task's incremental throttle (rows/s, MB/s of binlog changes) paces write(), as it paces the
 * RocketMQ sender: the pipeline waits, and so does the binlog reader.
 *
 * Large source transactions arrive in pieces (SourceTransaction.partial) and commit in pieces: the
 * destination sees such a transaction in batches, never the whole of it at once. Each batch writes,
 * with its rows, how far into the source transaction it goes (TransactionMark.within); after a crash
 * the source reads that transaction again from its start and the sink skips the rows already
 * committed, so every row change is applied exactly once.
 */
import { randomUUID } from 'node:crypto';
import type { ChangeEvent, Row } from '../../events/change-event.js';
import type { MySqlOptionsSpec, TaskSpec } from '../../manifest/types.js';
import type { DestinationCheckpoint, TransactionMark } from '../../state/offsets.js';
import { classifyFailure, RetryClock } from '../../util/retry.js';
import { silentLogger, type Logger } from '../../log.js';
import { openConnection, type MySqlConnectionConfig, type QueryConnection } from '../../sources/mysql/connection.js';
import { ObjectSelector } from '../../transforms/select.js';
import { DeliveryTally } from '../delivery-tally.js';
import type { DeliveryObserver, Sink, SinkCounters, SinkPrecheck, SourceInfo, SourceTransaction } from '../sink.js';
import { DEFAULT_LIMITS, DestinationTables, planStatements, type StatementLimits } from './apply.js';
import { Batch, changeBytes, chunkBatch, tableKeyOf } from './batch.js';
import { ChunkLanes, type LaneConnection } from './chunk-lanes.js';
import { assertOwnerEpoch, checkOwnerEpoch, claimOwnerEpoch, ownerEpochCheckSql, ensureCheckpointTable, registerSession, readCheckpoint, readSchemaSyncState, writeCheckpointSql, writeSchemaSyncState } from './checkpoint.js';
import { isLeaseLost, type OwnerGuard } from '../../lease/task-lease.js';
import { DdlPlanner } from './ddl-replay.js';
import { EventMapper, type RowChange } from './event-mapper.js';
import { NameMapper } from './naming.js';
import { destinationPrechecks } from './prechecks.js';
import { TableRouting } from './routing.js';
import { syncSchema, type SchemaSyncReport } from './schema-sync.js';
import { LEASE_DEFAULTS, MYSQL_BATCH_BYTES, MYSQL_OPTION_DEFAULTS } from '../../manifest/defaults.js';
import { quoteIdent } from '../../util/sql-identifiers.js';
import { Throttle } from '../../util/token-bucket.js';


/** sql_mode of the apply session. */
export const APPLY_SQL_MODE = 'STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION';

/** Session settings of the apply connection. */
export const APPLY_SESSION = [
  // Strict: a value the destination cannot hold fails the batch (named) instead of being truncated.
  // Zero dates stay allowed (no NO_ZERO_DATE / NO_ZERO_IN_DATE): the source may hold them.
  `SET SESSION sql_mode = '${APPLY_SQL_MODE}'`,
  // Rows arrive per table, not in the source's cross-table order: the source already enforced its FKs.
  'SET SESSION foreign_key_checks = 0',
];

/** DDL errors meaning "this statement already ran" (checked only for the DDL a crash left pending). */
const ALREADY_APPLIED = new Set([1050, 1051, 1060, 1061, 1068, 1091, 1146, 1304, 1305, 1359, 1360, 4030, 1007, 1008, 1826]);

export interface MySqlSinkHooks {
  /** Test seam: runs before each statement of a batch transaction (e.g. to kill the connection). */
  beforeStatement?(index: number, sql: string, conn: QueryConnection): void | Promise<void>;
}

export interface MySqlSinkOptions {
  readonly task: TaskSpec;
  readonly destination: MySqlConnectionConfig;
  /** Source connection (schema sync and the source-side prechecks: triggers, table list). */
  readonly source?: MySqlConnectionConfig;
  readonly logger?: Logger;
  readonly hooks?: MySqlSinkHooks;
  readonly limits?: StatementLimits;
  /** open() synchronizes the schema on a task's first start (syncTypes.schema); default true. */
  readonly syncSchemaOnOpen?: boolean;
  /** Where committed deliveries are reported (metrics). */
  readonly observer?: DeliveryObserver;
  /** The engine's lease on the task: checked before every destination transaction and DDL. */
  readonly guard?: OwnerGuard;
}

export class MySqlSinkError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'MySqlSinkError';
  }
}

export class MySqlSink implements Sink {
  readonly options: MySqlOptionsSpec;
  selector: ObjectSelector;
  routing: TableRouting;
  private mapper: EventMapper;
  private planner: DdlPlanner;
  private readonly log: Logger;
  private readonly limits: StatementLimits;
  private conn?: QueryConnection;
  private readonly tables: DestinationTables;
  private batch = new Batch();
  private pendingMark?: TransactionMark;
  private queuedMark?: TransactionMark;
  private durableMark?: TransactionMark;
  /** After a restart: the rows of a transaction that a batch committed before the crash (skipped when read again). */
  private committedWithin?: TransactionMark['within'];
  private tail: Promise<void> = Promise.resolve();
  private failed?: Error;
  /** This engine instance, for batch identities (runtime/sinks/mysql/checkpoint.ts batchId). */
  private readonly instanceId = randomUUID().slice(0, 18);
  private batchCounter = 0;
  private timer?: NodeJS.Timeout;
  private pendingDdlAtOpen?: string;
  private readonly rowsByTable = new Map<string, number>();
  private bytes = 0;
  private statements = 0;
  private closed = false;
  /** The owner epoch this sink claimed at open (fencing; checkpoint.ts). */
  private ownerEpoch?: number;
  /** throttle.incremental of the task (binlog changes only; the full sync has its own, on the source side). */
  private readonly incrementalThrottle?: Throttle;
  /** Full-sync chunks of keyed tables, applied on connections of their own (chunk-lanes.ts); opened at the first chunk. */
  private lanes?: ChunkLanes;
  /** Per destination table ("db\0table"): the commit of the last main-connection batch holding it. */
  private readonly mainTableTail = new Map<string, Promise<void>>();
  /** Rows applied (after merging) and batches committed, for rate measurements. */
  appliedRows = 0;
  batchesCommitted = 0;

  constructor(private readonly config: MySqlSinkOptions) {
    const task = config.task;
    if (task.destination.engine !== 'mysql') throw new MySqlSinkError(`task ${task.name}: the MySQL sink needs destination.engine = 'mysql'`);
    this.options = { ...MYSQL_OPTION_DEFAULTS, ...task.mysql };
    this.selector = new ObjectSelector(task);
    this.routing = new TableRouting(task, this.selector, new NameMapper(task, this.selector), this.options.onlineDdlTempTables);
    this.mapper = new EventMapper(task.name, this.selector, this.routing);
    this.planner = new DdlPlanner(task, this.selector, this.routing);
    this.log = (config.logger ?? silentLogger).child({ task: task.name, sink: 'mysql' });
    this.limits = config.limits ?? DEFAULT_LIMITS;
    this.tables = new DestinationTables(() => this.connection());
    const incremental = task.throttle.incremental;
    if (incremental?.rps || incremental?.mbps) {
      this.incrementalThrottle = new Throttle({ ...(incremental.rps ? { rowsPerSecond: incremental.rps } : {}), ...(incremental.mbps ? { megabytesPerSecond: incremental.mbps } : {}) });
    }
  }

  /** Filters compare values as the source server does (MariaDB and MySQL differ on int/string comparisons). */
  private useDialect(dialect: SourceInfo['dialect']): void {
    const task = this.config.task;
    this.selector = new ObjectSelector(task, { dialect });
    this.routing = new TableRouting(task, this.selector, new NameMapper(task, this.selector), this.options.onlineDdlTempTables);
    this.mapper = new EventMapper(task.name, this.selector, this.routing);
    this.planner = new DdlPlanner(task, this.selector, this.routing);
  }

  private get taskName(): string {
    return this.config.task.name;
  }

  private connection(): QueryConnection {
    if (!this.conn) throw new MySqlSinkError(`task ${this.taskName}: the MySQL sink is not open`);
    return this.conn;
  }

  prechecks(): Promise<SinkPrecheck[]> {
    return destinationPrechecks({ task: this.config.task, destination: this.config.destination, ...(this.config.source ? { source: this.config.source } : {}), routing: this.routing, selector: this.selector, engineSchema: this.options.engineSchema });
  }

  /** Creates databases, tables, functions, views and procedures of the selected objects on the destination. */
  async syncSchema(resuming = false): Promise<SchemaSyncReport> {
    if (!this.config.source) throw new MySqlSinkError(`task ${this.taskName}: schema synchronization needs the source connection`);
    const source = await openConnection(this.config.source);
    const dest = await this.openSession();
    try {
      return await syncSchema({ task: this.config.task, source, destination: dest, routing: this.routing, selector: this.selector, log: this.log, keepExisting: resuming });
    } finally {
      await source.end().catch(() => {});
      await dest.end().catch(() => {});
      this.tables.invalidate();
    }
  }

  private async openSession(): Promise<QueryConnection> {
    const conn = await openConnection(this.config.destination, { multipleStatements: true });
    for (const sql of APPLY_SESSION) await conn.query(sql);
    // MariaDB ends a transaction left idle this long (an engine paused inside one): its shared lock on
    // the owner epoch would otherwise keep a standby from claiming the task. MySQL has no such setting.
    await conn.query('SET SESSION idle_transaction_timeout = ?', [LEASE_DEFAULTS.ttlSeconds]).catch(() => undefined);
    // Once this engine owns the task, its sessions are registered so the next owner can end them
    // should this one be paused inside a transaction (checkpoint.ts, evictEarlierSessions).
    if (this.ownerEpoch !== undefined) await registerSession(conn, this.options.engineSchema, this.taskName);
    return conn;
  }

  /**
   * Connects and returns the destination's checkpoint. On a task's first start with schema
   * synchronization on (and a source connection given), the schema is synchronized first; a restart
   * after a crash inside it finishes it, keeping the tables it already created.
   */
  async open(source?: SourceInfo): Promise<TransactionMark | undefined> {
    if (source) this.useDialect(source.dialect);
    // Opened again after a start step lost its connection: the dead session goes first.
    await this.conn?.end().catch(() => {});
    this.conn = await this.openSession();
    await ensureCheckpointTable(this.conn, this.options.engineSchema);
    // Claimed before the checkpoint is read: whatever an earlier owner committed is in it.
    const claim = await claimOwnerEpoch(this.conn, this.options.engineSchema, this.taskName);
    this.ownerEpoch = claim.epoch;
    if (claim.evicted.length > 0) this.log.info("ended an earlier owner's destination sessions (it was paused or cut off inside a transaction)", { connections: claim.evicted });
    const stored = await readCheckpoint(this.conn, this.options.engineSchema, this.taskName);
    if (!stored && this.config.task.syncTypes.schema && this.config.source && this.config.syncSchemaOnOpen !== false) {
      const state = await readSchemaSyncState(this.conn, this.options.engineSchema, this.taskName);
      if (state !== 'done') {
        await writeSchemaSyncState(this.conn, this.options.engineSchema, this.taskName, 'started');
        await this.syncSchema(state === 'started');
        await writeSchemaSyncState(this.conn, this.options.engineSchema, this.taskName, 'done');
      }
    }
    if (stored) {
      this.durableMark = stored.mark;
      this.queuedMark = stored.mark;
      this.committedWithin = stored.mark.within;
      this.pendingDdlAtOpen = stored.ddlPending;
      this.planner.restoreDeferred(stored.deferredDdl);
    }
    return stored?.mark;
  }

  async write(transaction: SourceTransaction): Promise<void> {
    this.throwIfFailed();
    if (this.incrementalThrottle && transaction.origin !== 'snapshot' && transaction.events.length > 0) {
      await this.incrementalThrottle.take({ rows: transaction.events.length, bytes: transaction.bytes });
    }
    const mark = this.markOf(transaction);
    if (transaction.origin === 'snapshot' && (await this.writeChunk(transaction, mark))) return;
    if (transaction.events.some((e) => e.kind === 'ddl')) {
      await this.writeWithDdl(transaction, mark);
      return;
    }
    /** rowInTransaction of the last event wholly in the batch. */
    let through: number | undefined;
    const phase = transaction.origin === 'snapshot' ? 'full' : 'incremental';
    for (const event of transaction.events) {
      if (this.committedBefore(transaction, event)) continue;
      let bytes = 0;
      for (const mapped of this.mapper.map(event)) {
        const change = await this.beforeSchemaCopy(transaction, event, mapped);
        const full = this.batch.bytes >= MYSQL_BATCH_BYTES;
        if (full || !this.batch.add(change)) {
          // The batch commits part of this transaction: its mark says how far.
          if (through !== undefined) this.pendingMark = this.withinMark(transaction, through) ?? this.pendingMark;
          await this.flush();
          this.batch.add(change);
        }
        bytes += changeBytes(change);
      }
      this.batch.delivered.add(event, phase, bytes);
      if (event.rowInTransaction !== undefined) through = event.rowInTransaction;
    }
    if (!transaction.partial) this.pendingMark = mark;
    else if (through !== undefined) this.pendingMark = this.withinMark(transaction, through) ?? this.pendingMark;
    if (this.batch.changes >= this.options.batchRows || this.batch.bytes >= MYSQL_BATCH_BYTES) await this.flush();
    else this.armTimer();
  }

  /**
   * A full-sync chunk of a keyed table goes to a lane (chunk-lanes.ts): its rows are distinct keys, so
   * they are upserted without merging, on a connection of their own, in parallel with other chunks.
   * The chunk's mark becomes the pending mark: the next main-connection commit writes it once every
   * chunk before it has committed. False (nothing done) for a chunk the main connection must apply:
   * a keyless table (its rows are not idempotent), or rows the mapping spreads over several tables.
   */
  private async writeChunk(transaction: SourceTransaction, mark: TransactionMark): Promise<boolean> {
    const first = transaction.events[0];
    if (!first) return false;
    const chunk = this.mapper.mapChunk(transaction.events);
    if (!chunk) return false;
    const tally = new DeliveryTally();
    tally.addRows(first, 'full', chunk.rows.length, transaction.bytes);
    if (chunk.table && chunk.rows.length > 0) {
      const tableKey = tableKeyOf(chunk.table);
      const batch = chunkBatch(chunk, tally);
      // A main batch still filling that holds this table is flushed first: the chunk follows it.
      if (this.batch.tables.has(tableKey)) void this.flush();
      this.lanes ??= new ChunkLanes(this.options.fullSyncParallelism, () => this.openSession());
      await this.lanes.submit({ table: tableKey, after: this.mainTableTail.get(tableKey) ?? Promise.resolve(), apply: (lane) => this.applyChunk(lane, batch) });
    } else tally.report(this.config.observer);
    this.pendingMark = mark;
    if (transaction.checkpoint?.snapshot?.done) await this.flush();
    else this.armTimer();
    return true;
  }

  /** One chunk's transaction on a lane, retried (it is idempotent) within the task's retry window. */
  private async applyChunk(lane: LaneConnection, batch: Batch): Promise<void> {
    const clock = new RetryClock(this.config.task.retry);
    for (let attempt = 1; ; attempt++) {
      try {
        const conn = await lane.get();
        await this.applyTransaction(conn, batch);
        batch.delivered.report(this.config.observer);
        return;
      } catch (err) {
        if (isLeaseLost(err)) throw err;
        if (isConnectionLost(err)) await lane.discard();
        const delay = this.closed ? undefined : clock.next(err, attempt);
        if (delay === undefined) throw this.describe(err, batch);
        this.log.warn('applying a full-sync chunk failed, retrying', { attempt, delayMs: delay, error: (err as Error).message });
        await sleep(delay);
      }
    }
  }

  /**
   * True for a row a batch committed before a restart, read again because its transaction was only
   * part-way delivered (the resume position is the boundary before it).
   */
  private committedBefore(transaction: SourceTransaction, event: ChangeEvent): boolean {
    const w = this.committedWithin;
    if (!w || transaction.origin !== 'binlog') return false;
    if (event.transactionId !== w.transactionId) {
      this.committedWithin = undefined; // another transaction: the restart is past it
      return false;
    }
    return (event.rowInTransaction ?? Infinity) <= w.throughRow;
  }

  /**
   * The mark of a batch ending inside `transaction`, after its row `through`: the resume position of
   * the boundary before it (a piece carries it; otherwise the previous mark's), and how far in.
   */
  private withinMark(transaction: SourceTransaction, through: number): TransactionMark | undefined {
    const before = transaction.partial ? this.markOf(transaction) : this.pendingMark ?? this.queuedMark;
    if (!before) return undefined; // the task's first transaction: no boundary before it is known
    const { within: _, ...boundary } = before;
    return { ...boundary, within: { transactionId: transaction.transactionId, throughRow: through } };
  }

  /**
   * A binlog change of a table whose full sync has not delivered a chunk yet may predate the schema
   * copy: the stream starts before the copy, so a row written before a DROP or RENAME COLUMN names a
   * column the copied table no longer has. Every row of that table is read again by its chunks (all
   * later than the copy), so such columns are left out instead of failing the apply with 1054.
   */
  private async beforeSchemaCopy(transaction: SourceTransaction, event: ChangeEvent, change: RowChange): Promise<RowChange> {
    if (transaction.origin !== 'binlog' || !change.after) return change;
    if (transaction.checkpoint?.snapshot?.tables[`${event.database}.${event.table}`]?.status !== 'pending') return change;
    await this.tables.load([change.table]);
    const known = this.tables.get(change.table)?.columns;
    if (!known || Object.keys(change.after).every((c) => known.has(c))) return change;
    const keep = (row: Row | undefined) => row && Object.fromEntries(Object.entries(row).filter(([c]) => known.has(c)));
    return { ...change, after: keep(change.after)!, ...(change.before ? { before: keep(change.before)! } : {}) };
  }

  durable(): TransactionMark | undefined {
    return this.durableMark;
  }

  /** The apply's terminal error (retry window spent), noticed by the runner even when no write follows. */
  failure(): Error | undefined {
    return this.failed ?? (this.closed ? undefined : this.lanes?.failed());
  }

  /**
   * Everything written is committed. The chunk lanes' connections are closed too (a drain ends the
   * full sync, or precedes a reconnect or a stop): they would otherwise sit idle for the life of the
   * task. A later chunk (a backfill, the full sync resumed) opens them again.
   */
  async drain(): Promise<void> {
    await this.flush();
    await this.tail;
    const lanes = this.lanes;
    await lanes?.barrier().catch((err: unknown) => (this.failed ??= err as Error));
    this.throwIfFailed();
    if (lanes) {
      this.lanes = undefined;
      await lanes.close();
    }
  }

  counters(): SinkCounters {
    return { rowsByTable: new Map(this.rowsByTable), bytes: this.bytes, messages: this.statements, skippedLargeRecords: 0 };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.tail.catch(() => {});
    await this.lanes?.close();
    await this.conn?.end().catch(() => {});
    this.conn = undefined;
  }

  private throwIfFailed(): void {
    const failed = this.failure();
    if (failed) throw failed;
  }

  private markOf(t: SourceTransaction): TransactionMark {
    const lastEvent = t.events[t.events.length - 1];
    const prev = this.pendingMark ?? this.queuedMark;
    const lastSeq = lastEvent ? lastEvent.seq : prev?.lastSeq ?? 0;
    return {
      lastSeq: t.checkpoint?.lastSeq ?? lastSeq, lastEventSeq: lastSeq, position: { ...t.position }, commitTime: t.commitTime,
      ...(t.checkpoint ? { checkpoint: t.checkpoint } : {}),
    };
  }

  private armTimer(): void {
    if (this.timer || this.closed) return;
    const positionOnly = this.batch.empty;
    const delay = positionOnly ? Math.max(this.options.flushIntervalMs, 1000) : this.options.flushIntervalMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => {});
    }, delay);
    this.timer.unref();
  }

  /**
   * Hands the current batch to the commit chain and resolves once the previous batch has committed
   * (so one batch commits while the next fills). Failures surface on the next write() or drain().
   */
  private flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const mark = this.pendingMark;
    if (this.batch.empty && (mark === undefined || mark === this.queuedMark)) return this.tail;
    const batch = this.batch;
    this.batch = new Batch();
    this.queuedMark = mark ?? this.queuedMark;
    const previous = this.tail;
    // Every chunk submitted before this batch commits first (its checkpoint covers them; chunk-lanes.ts).
    const chunks = this.lanes?.barrier();
    chunks?.catch(() => undefined);
    this.tail = previous.then(async () => {
      if (this.failed) return;
      try {
        await chunks;
        await this.commitWithRetry(batch, mark ?? this.durableMark);
      } catch (err) {
        this.failed = err instanceof Error ? err : new Error(String(err));
        // Fenced or the lease lost (whatever the destination answered a revived owner): expected after a
        // takeover, the task stops and stands by, said once by the runner; not an apply error.
        if (isLeaseLost(err) || this.config.guard?.valid() === false) this.log.info('a destination transaction of an owner that lost the task ended', { error: this.failed.message });
        else this.log.error('apply failed', { error: this.failed.message });
      }
    });
    for (const table of batch.tables.keys()) this.mainTableTail.set(table, this.tail);
    return previous;
  }

  private async commitWithRetry(batch: Batch, mark: TransactionMark | undefined, ddlPending?: string): Promise<void> {
    const clock = new RetryClock(this.config.task.retry);
    // One identity per destination transaction (kept across its retries), written in the checkpoint row.
    const batchId = `${this.instanceId}:${++this.batchCounter}`;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.commitOnce(batch, mark, ddlPending, batchId);
        if (mark) this.durableMark = mark;
        batch.delivered.report(this.config.observer);
        return;
      } catch (err) {
        if (isLeaseLost(err)) throw err;
        const connectionLost = isConnectionLost(err) || this.conn === undefined;
        if (connectionLost) {
          // The COMMIT may have reached the server before the link died: the checkpoint row says.
          const committed = await this.reconnectAndCheck(mark, batchId).catch(() => false);
          if (committed) {
            if (mark) this.durableMark = mark;
            batch.delivered.report(this.config.observer);
            return;
          }
        }
        const delay = this.closed ? undefined : clock.next(err, attempt);
        if (delay === undefined) throw this.describe(err, batch);
        this.log.warn('apply failed, retrying', { attempt, delayMs: delay, error: (err as Error).message });
        await sleep(delay);
      }
    }
  }

  private async reconnectAndCheck(mark: TransactionMark | undefined, batchId: string): Promise<boolean> {
    await this.conn?.end().catch(() => {});
    this.conn?.destroy();
    this.conn = undefined;
    this.conn = await this.openSession();
    this.tables.invalidate();
    if (!mark) return false;
    const stored = await readCheckpoint(this.conn, this.options.engineSchema, this.taskName);
    return stored !== undefined && stored.batchId === batchId && sameMark(stored.mark, mark);
  }

  private async commitOnce(batch: Batch, mark: TransactionMark | undefined, ddlPending: string | undefined, batchId: string): Promise<void> {
    if (!this.conn) this.conn = await this.openSession();
    let checkpointSql: string | undefined;
    if (mark) {
      const deferredDdl = this.planner.deferredState();
      const cp: DestinationCheckpoint = {
        mark, batchId, ...(this.ownerEpoch !== undefined ? { ownerEpoch: this.ownerEpoch } : {}),
        ...(ddlPending ? { ddlPending } : {}), ...(deferredDdl ? { deferredDdl } : {}),
      };
      checkpointSql = writeCheckpointSql(this.options.engineSchema, this.taskName, cp);
    }
    await this.applyTransaction(this.conn, batch, checkpointSql);
  }

  /**
   * One destination transaction: the owner epoch checked (fencing), the batch's statements, then the
   * checkpoint row when given, and COMMIT; rolled back on any error. Counters move once it committed.
   * Round trips: START TRANSACTION with the epoch check, then the statements with the checkpoint and
   * COMMIT as multi-statement queries of at most maxStatementBytes each (a statement carrying large
   * values as parameters goes alone, prepared). The server stops at the first failing statement, so a
   * COMMIT in the same query never runs after an error. With test hooks, one statement per round trip.
   */
  private async applyTransaction(conn: QueryConnection, batch: Batch, checkpointSql?: string): Promise<void> {
    await this.tables.load([...batch.tables.values()].map((t) => t.table), conn);
    // Statements are rendered one at a time as they run (a batch of 4 MB rows is never all SQL text at once).
    const planned = planStatements(batch, (t) => this.tables.get(t) ?? { uniqueIndexes: [], exists: false }, this.limits);
    const applied: { table: string; rows: number; bytes: number }[] = [];
    const hooks = this.config.hooks?.beforeStatement;
    this.config.guard?.assertValid('a destination transaction');
    if (this.ownerEpoch !== undefined && !hooks) {
      const [results] = (await conn.query(`START TRANSACTION; ${ownerEpochCheckSql(this.options.engineSchema, this.taskName)}`)) as unknown as [[unknown, { e: unknown }[]]];
      try {
        assertOwnerEpoch(results[1], this.taskName, this.ownerEpoch);
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => {});
        throw err;
      }
    } else await conn.query('START TRANSACTION');
    try {
      if (this.ownerEpoch !== undefined && hooks) await checkOwnerEpoch(conn, this.options.engineSchema, this.taskName, this.ownerEpoch);
      let pending: string[] = [];
      let pendingBytes = 0;
      const send = async () => {
        if (pending.length === 0) return;
        const sql = pending.length === 1 ? pending[0]! : pending.join(';\n');
        pending = [];
        pendingBytes = 0;
        await conn.query(sql);
      };
      const add = async (sql: string) => {
        if (pending.length > 0 && pendingBytes + sql.length > this.limits.maxStatementBytes) await send();
        pending.push(sql);
        pendingBytes += sql.length + 2;
      };
      let i = 0;
      for (const st of planned) {
        if (hooks) await hooks(i++, st.sql, conn);
        if (st.params) {
          await send();
          // Large values as parameters (apply.ts PARAM_BYTES); the statement is prepared once.
          await conn.execute(st.sql, [...st.params]);
          conn.unprepare(st.sql);
        } else if (hooks) await conn.query(st.sql);
        else await add(st.sql);
        applied.push({ table: st.table, rows: st.rows, bytes: st.sql.length + (st.params?.reduce((n, b) => n + b.length, 0) ?? 0) });
      }
      if (checkpointSql) {
        if (hooks) {
          await hooks(i++, checkpointSql, conn);
          await conn.query(checkpointSql);
        } else await add(checkpointSql);
      }
      if (hooks) await hooks(i, 'COMMIT', conn);
      this.config.guard?.assertValid('a destination commit');
      if (hooks) await conn.query('COMMIT');
      else {
        await add('COMMIT');
        await send();
      }
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => {});
      throw err;
    }
    this.batchesCommitted++;
    for (const st of applied) {
      this.rowsByTable.set(st.table, (this.rowsByTable.get(st.table) ?? 0) + st.rows);
      this.bytes += st.bytes;
      this.appliedRows += st.rows;
    }
    this.statements += applied.length;
  }

  private describe(err: unknown, batch: Batch): MySqlSinkError {
    const e = err as { errno?: number; message?: string; code?: string };
    const tables = [...batch.tables.values()].map((t) => `${t.table.database}.${t.table.table}`).join(', ');
    let fix = 'check the destination and the error above, then restart the task';
    if (e.errno === 1146) fix = 'create the destination table (enable schema synchronization) or fix the name mapping';
    else if (e.errno === 1054) fix = 'the destination table lacks a column the source has: align its schema (ALTER TABLE) or exclude the column';
    else if (e.errno === 1265 || e.errno === 1366 || e.errno === 1292 || e.errno === 1264 || e.errno === 1406) {
      // The strict apply session refuses what a lenient one would have truncated silently.
      fix = 'the destination column cannot hold the source value: align its type with the source (an ENUM/SET member with a 4-byte character is printed as ' +
        "'?' by MariaDB's SHOW CREATE TABLE, so schema synchronization cannot copy it: create that table on the destination by hand and set conflictingTables to 'ignore')";
    } else if (e.errno === 1142 || e.errno === 1044) fix = 'grant the destination account INSERT, UPDATE, DELETE on the mapped databases';
    return new MySqlSinkError(`task ${this.taskName}: applying changes to ${tables || 'the destination'} failed: ${e.message ?? String(err)} (${e.code ?? e.errno ?? 'error'}): ${fix}`, err);
  }

  /** A transaction carrying DDL: everything before it commits, then its statements run alone. */
  private async writeWithDdl(transaction: SourceTransaction, mark: TransactionMark): Promise<void> {
    await this.drainInternal();
    for (const event of transaction.events) {
      if (event.kind !== 'ddl') {
        for (const mapped of this.mapper.map(event)) {
          const change = await this.beforeSchemaCopy(transaction, event, mapped);
          if (!this.batch.add(change)) { await this.drainInternal(); this.batch.add(change); }
        }
        this.batch.delivered.add(event, transaction.origin === 'snapshot' ? 'full' : 'incremental', 0);
        continue;
      }
      await this.drainInternal();
      // During the full sync the destination's tables were copied (schema synchronization) after the
      // stream's start: a DDL replayed from before the copy may already be there.
      const duringFullSync = transaction.checkpoint?.snapshot !== undefined && !transaction.checkpoint.snapshot.done;
      await this.applyDdl(event, transaction.transactionId, duringFullSync);
      const ddl = new DeliveryTally();
      ddl.add(event, 'incremental', Buffer.byteLength(event.sql ?? ''));
      ddl.report(this.config.observer);
    }
    this.pendingMark = mark;
    await this.drainInternal();
  }

  private async drainInternal(): Promise<void> {
    await this.flush();
    await this.tail;
    this.throwIfFailed();
  }

  private async applyDdl(event: ChangeEvent, transactionId: string, mayBeApplied = false): Promise<void> {
    const plan = this.planner.plan(event);
    for (const w of plan.warnings) this.log.warn(w, { sql: event.sql });
    if (plan.statements.length === 0) {
      this.log.info('DDL skipped', { reason: plan.skipped, sql: event.sql });
      return;
    }
    // Record the DDL as pending (with the unchanged resume point) before it commits implicitly.
    await this.commitWithRetry(new Batch(), this.durableMark, transactionId);
    const clock = new RetryClock(this.config.task.retry);
    const wasPending = this.pendingDdlAtOpen === transactionId || mayBeApplied;
    for (const sql of plan.statements) {
      for (let attempt = 1; ; attempt++) {
        try {
          if (!this.conn) this.conn = await this.openSession();
          if (plan.useDatabase) await this.conn.query(`USE ${quoteIdent(plan.useDatabase)}`).catch(() => {});
          this.config.guard?.assertValid('a DDL statement on the destination');
          await this.conn.query(sql);
          this.log.info('DDL applied', { sql });
          break;
        } catch (err) {
          if (isLeaseLost(err)) throw (this.failed = err as Error);
          const errno = (err as { errno?: number }).errno;
          // 1054: a CHANGE/RENAME COLUMN whose old name the schema copy no longer has.
          if (wasPending && errno !== undefined && (ALREADY_APPLIED.has(errno) || (mayBeApplied && errno === 1054))) {
            this.log.warn('DDL already applied (before a restart, or by the schema copy of the full sync), skipped', { sql, error: (err as Error).message });
            break;
          }
          if (isConnectionLost(err)) {
            await this.conn?.end().catch(() => {});
            this.conn = undefined;
          }
          const delay = clock.next(err, attempt);
          if (delay === undefined) {
            throw (this.failed = new MySqlSinkError(
              `task ${this.taskName}: DDL replay failed on the destination: ${(err as Error).message}; statement: ${sql}; fix the destination schema or deselect the object, then restart`,
              err,
            ));
          }
          await sleep(delay);
        }
      }
    }
    this.tables.invalidate();
    if (plan.consumesDeferred) this.planner.applied(plan.consumesDeferred);
    if (this.pendingDdlAtOpen === transactionId) this.pendingDdlAtOpen = undefined;
  }
}

/** mysql2 marks errors that end the connection `fatal`; a closed connection refuses new commands. */
function isConnectionLost(err: unknown): boolean {
  const e = err as { fatal?: boolean; message?: string } | undefined;
  return classifyFailure(err) === 'connection' || e?.fatal === true || /closed state|connection is closed/i.test(e?.message ?? '');
}

function sameMark(a: TransactionMark, b: TransactionMark): boolean {
  return a.lastSeq === b.lastSeq && a.position.file === b.position.file && a.position.pos === b.position.pos;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
