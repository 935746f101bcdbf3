import type { ChangeEvent, Row } from '../events/change-event.js';
import type { ThrottleSpec } from '../manifest/types.js';
import type { Checkpoint, ResumePosition, SourceCheckpoint } from '../state/offsets.js';
import type { SchemaMemory, SnapshotCheckpoint, TableSnapshotProgress } from '../state/types.js';
import { mergeMemory, rememberTable } from './schema/schema-memory.js';
import { TokenBucket, Throttle } from '../util/token-bucket.js';
import { BinlogReader, type BinlogReaderOptions, type BinlogTransaction, type ReaderPosition } from './binlog/reader.js';
import { BinlogReaderError, TablesChangedError } from './binlog/errors.js';
import { openConnection, qualifiedName, type MySqlConnectionConfig, type QueryConnection } from './mysql/connection.js';
import { readMasterStatus } from './mysql/position.js';
import { SchemaCatalog, type TableMeta } from './schema/catalog.js';
import { ddlEventFacts } from '../transforms/ddl.js';
import { detectChunkMode, READ_QUERIES, readChunk, type Chunk, type ChunkMode } from './snapshot/chunk-reader.js';
import { ChunkScheduler, type ChunkReadRequest, type SnapshotState, type TableRef } from './snapshot/chunk-scheduler.js';

import { FULL_SYNC_CHUNK_BYTES, FULL_SYNC_CHUNK_ROWS, MYSQL_OPTION_DEFAULTS } from '../manifest/defaults.js';

export type { TableRef } from './snapshot/chunk-scheduler.js';

export interface SourceBatch {
  /** 'binlog' = one committed transaction (events may be empty: a position-only advance); 'snapshot' = one chunk. */
  readonly origin: 'binlog' | 'snapshot';
  readonly events: readonly ChangeEvent[];
  /** The state once this batch is delivered (a partial piece: the state before its transaction). */
  readonly checkpoint: SourceCheckpoint;
  /** A piece of a binlog transaction too large to hold; more pieces follow (BinlogTransaction.partial). */
  readonly partial?: boolean;
  readonly bytes: number;
  /** Snapshot chunks: the table they belong to. */
  readonly table?: string;
}

export interface TableProgress {
  readonly table: string;
  readonly status: TableSnapshotProgress['status'];
  readonly rowsDone: number;
  readonly rowsEstimated: number;
}

export interface ChangeSourceOptions {
  readonly task: string;
  readonly connection: MySqlConnectionConfig;
  readonly serverId: number;
  /** Tables to full-sync (in order). Empty or absent = no full sync. */
  readonly fullSyncTables?: readonly TableRef[];
  /** The saved checkpoint, to resume. */
  readonly checkpoint?: Checkpoint;
  /** Selection for the binlog stream. */
  readonly include?: BinlogReaderOptions['include'];
  readonly includeSchema?: BinlogReaderOptions['includeSchema'];
  /** Rows per chunk (default FULL_SYNC_CHUNK_ROWS). */
  readonly chunkRows?: number;
  /** Bytes per chunk (default FULL_SYNC_CHUNK_BYTES). */
  readonly chunkBytes?: number;
  /** Chunk reads in flight at once, on different tables, each on its own connection (default 2). */
  readonly fullSyncParallelism?: number;
  /** Full-sync throttles: QPS to the source, rows/s and MB/s. */
  readonly throttle?: ThrottleSpec;
  readonly maxQueuedRows?: number;
  readonly maxQueuedBytes?: number;
  readonly heartbeatSeconds?: number;
  /** The named lock the binlog connection holds (BinlogReaderOptions.dumpLock). */
  readonly dumpLock?: string;
  /** Force a chunk mode (tests); default: consistent-snapshot on MariaDB, watermarks on MySQL. */
  readonly chunkMode?: ChunkMode;
}

/**
 * The source side of a task: full sync chunks interleaved with the binlog stream so that, per key,
 * every change is delivered in commit order and none is lost (at-least-once across restarts).
 *
 * Handover (see DESIGN.md): each chunk is tied to a binlog position. The stream is drained up to
 * that position first, then the chunk is emitted, then the stream continues. Several chunks (of
 * different tables) are read in parallel and emitted in the order their reads started (ChunkScheduler). With MariaDB's
 * consistent snapshot the chunk's read view is exactly its binlog position, so nothing needs
 * reconciling. With low/high watermarks (MySQL), rows whose keys the stream touched between the
 * watermarks are dropped from the chunk (the stream already delivered them). Restart: the stream
 * resumes from the checkpoint's binlog position and the snapshot from each table's last chunk key.
 */
export class ChangeSource {
  private reader?: BinlogReader;
  private conn?: QueryConnection;
  /** One connection per parallel chunk read; a read takes one and gives it back when its SELECT is done. */
  private readonly chunkConns: QueryConnection[] = [];
  private readonly idleChunkConns: QueryConnection[] = [];
  private catalog?: SchemaCatalog;
  private mode: ChunkMode = 'consistent-snapshot';
  private streamPos!: ReaderPosition;
  /**
   * The full-sync part of the checkpoint, shared by every batch until a chunk changes it: binlog
   * transactions do not copy the table map (one entry per table) each.
   */
  private snapshotCheckpoint?: SnapshotCheckpoint;
  private snapshot?: SnapshotState;
  private scheduler?: ChunkScheduler<BinlogTransaction>;
  private lastSeq: number;
  private seqCounter: number;
  private qps?: TokenBucket;
  /** Per table: how many rows the next chunk's size probe looks at (chunk-reader.ts). */
  private readonly probeRows = new Map<string, number>();
  private throttle?: Throttle;
  private stopped = false;

  constructor(private readonly options: ChangeSourceOptions) {
    this.lastSeq = options.checkpoint?.lastSeq ?? 0;
    this.seqCounter = this.lastSeq;
  }

  async start(): Promise<void> {
    const o = this.options;
    this.conn = await openConnection(o.connection);
    this.catalog = new SchemaCatalog(this.conn);
    this.mode = o.chunkMode ?? (await detectChunkMode(this.conn));
    const cp = o.checkpoint;
    const wantsFull = (o.fullSyncTables?.length ?? 0) > 0;
    if (cp?.binlog) {
      this.streamPos = cp.binlog;
    } else {
      const status = await readMasterStatus(this.conn);
      this.streamPos = { file: status.file, pos: status.pos, ...(status.gtidSet ? { gtidSet: status.gtidSet } : {}) };
    }
    // The catalog now, for tables read for the first time: seeds the reader's column-type memory.
    let fullSyncTypes: SchemaMemory | undefined;
    if (wantsFull && !(cp?.snapshot?.done ?? false)) {
      const tables: Record<string, TableSnapshotProgress> = { ...(cp?.snapshot?.tables ?? {}) };
      for (const ref of o.fullSyncTables ?? []) {
        const name = `${ref.database}.${ref.table}`;
        if (!tables[name]) {
          const meta = await this.catalog.get(ref.database, ref.table);
          if (meta) fullSyncTypes = rememberTable(fullSyncTypes, meta);
          if (!meta && cp?.snapshot?.backfill) throw new TablesChangedError(`task ${o.task}: table ${name} is gone from the source before its backfill (renamed or dropped); listing the tables again`);
          if (!meta) throw new Error(`task ${o.task}: table ${name} does not exist on the source (or the account cannot see it): create it or remove it from the objects`);
          tables[name] = { status: 'pending', rowsDone: 0, rowsEstimated: meta.estimatedRows };
        }
      }
      this.snapshot = { order: [...(o.fullSyncTables ?? [])], tables, done: false, ...(cp?.snapshot?.backfill ? { backfill: true } : {}) };
      const t = o.throttle;
      if (t?.qps) this.qps = new TokenBucket(t.qps);
      if (t?.rps || t?.mbps) this.throttle = new Throttle({ ...(t.rps ? { rowsPerSecond: t.rps } : {}), ...(t.mbps ? { megabytesPerSecond: t.mbps } : {}) });
      const pending = this.snapshot.order.filter((r) => tables[`${r.database}.${r.table}`]?.status !== 'done').length;
      const parallelism = Math.max(1, Math.min(Math.floor(o.fullSyncParallelism ?? MYSQL_OPTION_DEFAULTS.fullSyncParallelism), Math.max(1, pending)));
      for (let i = 0; i < parallelism; i++) this.chunkConns.push(await openConnection(o.connection));
      this.idleChunkConns.push(...this.chunkConns);
      this.scheduler = new ChunkScheduler({ task: o.task, mode: this.mode, parallelism, read: (r) => this.readChunk(r) }, this.snapshot);
    } else if (cp?.snapshot) {
      this.snapshot = { order: [], tables: { ...cp.snapshot.tables }, done: true };
    }
    const schemaMemory = mergeMemory(cp?.schemaMemory, fullSyncTypes);
    // Stopped while starting: no reader is started after stop() (it would stream with nobody to stop it).
    if (this.stopped) throw new BinlogReaderError('other', `task ${o.task}: the source was stopped while it started`);
    this.reader = new BinlogReader({
      task: o.task,
      connection: o.connection,
      serverId: o.serverId,
      start: { kind: 'position', file: this.streamPos.file, pos: this.streamPos.pos, ...(this.streamPos.gtidSet ? { gtidSet: this.streamPos.gtidSet } : {}) },
      ...(o.include ? { include: o.include } : {}),
      ...(o.includeSchema ? { includeSchema: o.includeSchema } : {}),
      ...(schemaMemory ? { schemaMemory } : {}),
      ...(o.maxQueuedRows ? { maxQueuedRows: o.maxQueuedRows } : {}),
      ...(o.maxQueuedBytes ? { maxQueuedBytes: o.maxQueuedBytes } : {}),
      ...(o.heartbeatSeconds !== undefined ? { heartbeatSeconds: o.heartbeatSeconds } : {}),
      ...(o.dumpLock !== undefined ? { dumpLock: o.dumpLock } : {}),
    });
    await this.reader.start();
  }

  /** True once every full-sync table is done (or there was none). */
  get fullSyncDone(): boolean {
    return !this.snapshot || this.snapshot.done;
  }

  /** The binlog position consumed so far (the stream's resume point). */
  get position(): ResumePosition {
    return this.streamPos;
  }

  get binlogReader(): BinlogReader | undefined {
    return this.reader;
  }

  progress(): TableProgress[] {
    if (!this.snapshot) return [];
    return Object.entries(this.snapshot.tables).map(([table, p]) => ({ table, status: p.status, rowsDone: p.rowsDone, rowsEstimated: p.rowsEstimated }));
  }

  /** The next batch in delivery order; undefined after stop(). Throws BinlogReaderError on stream failure. */
  async next(): Promise<SourceBatch | undefined> {
    if (this.stopped || !this.reader) return undefined;
    if (this.snapshot && !this.snapshot.done && this.scheduler) {
      const item = await this.scheduler.next(this.reader, this.streamPos);
      if (!item) return undefined;
      if (item.kind === 'binlog') return this.binlogBatch(item.transaction);
      if (item.kind === 'chunk') return this.chunkBatch(item.chunk, item.rows);
      await this.closeChunkConnections();
    }
    const t = await this.reader.next();
    if (!t) return undefined;
    return this.binlogBatch(t);
  }

  async *batches(): AsyncGenerator<SourceBatch> {
    for (;;) {
      const b = await this.next();
      if (!b) return;
      yield b;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.reader?.stop();
    await this.closeChunkConnections();
    await this.conn?.end().catch(() => {});
  }

  private async closeChunkConnections(): Promise<void> {
    const conns = this.chunkConns.splice(0);
    this.idleChunkConns.length = 0;
    // A read still in flight (stop during full sync) fails on its closed connection; nobody waits for it.
    await Promise.all(conns.map((c) => c.end().catch(() => c.destroy())));
  }

  private checkpoint(): SourceCheckpoint {
    const s = this.snapshot;
    if (s && (this.snapshotCheckpoint === undefined || this.snapshotCheckpoint.done !== s.done)) this.snapshotCheckpoint = { tables: { ...s.tables }, done: s.done, ...(s.backfill && !s.done ? { backfill: true } : {}) };
    const snap = s ? this.snapshotCheckpoint : undefined;
    const schemaMemory = this.reader?.schemaMemory();
    return { binlog: resumeOf(this.streamPos), ...(snap ? { snapshot: snap } : {}), lastSeq: this.lastSeq, ...(schemaMemory ? { schemaMemory } : {}) };
  }

  private binlogBatch(t: BinlogTransaction): SourceBatch {
    this.streamPos = t.position;
    for (const e of t.events) {
      if (e.kind !== 'ddl') continue;
      this.catalog?.invalidate(e.database, e.table);
      if (e.ddlOperation === 'RENAME_TABLE' && e.sql !== undefined) this.followRename(e.sql, e.database);
    }
    // Sequence numbers follow delivery order (chunks interleave with the stream); the events are
    // fresh objects owned by this batch, so stamping them in place is safe.
    for (const e of t.events) (e as { seq: number }).seq = ++this.seqCounter;
    this.lastSeq = this.seqCounter;
    return { origin: 'binlog', events: t.events, checkpoint: this.checkpoint(), bytes: t.bytes, ...(t.partial ? { partial: true } : {}) };
  }

  /**
   * A RENAME TABLE streamed after the full sync: the table's progress moves to its new name, so a
   * restart from a checkpoint past the RENAME does not take the renamed table for one just added to
   * the task (and read it all again). During a full sync such a RENAME fails the task (runner).
   */
  private followRename(sql: string, database: string): void {
    const s = this.snapshot;
    if (!s?.done) return;
    let moved = false;
    for (const r of ddlEventFacts(sql, database)?.renames ?? []) {
      const from = `${r.from.database}.${r.from.table}`;
      const progress = s.tables[from];
      if (progress === undefined) continue;
      delete s.tables[from];
      s.tables[`${r.to.database}.${r.to.table}`] = progress;
      moved = true;
    }
    if (moved) this.snapshotCheckpoint = undefined;
  }

  /** One chunk read on an idle chunk connection; QPS is paid before pinning, rows/bytes after the SELECT (shared by all reads). */
  private async readChunk(r: ChunkReadRequest): Promise<Chunk> {
    const task = this.options.task;
    const conn = this.idleChunkConns.pop();
    if (!conn) throw new Error(`task ${task}: internal error: more chunk reads in flight than chunk connections`);
    let chunk: Chunk;
    try {
      // Queries per chunk: the definition check (SELECT * LIMIT 0), then the read's own statements.
      await this.qps?.take(1 + READ_QUERIES[this.mode]);
      const meta = await this.freshMeta(conn, r.ref.database, r.ref.table, r.name);
      r.described(meta);
      const rows = this.options.chunkRows ?? FULL_SYNC_CHUNK_ROWS;
      const probeRows = this.probeRows.get(r.name) ?? rows;
      chunk = await readChunk(conn, this.mode, meta, r.lastKey, { rows, bytes: this.options.chunkBytes ?? FULL_SYNC_CHUNK_BYTES, probeRows }, r.ref.filter, r.pinned);
      // The next probe looks twice as far as this chunk reached (row sizes change slowly along a table).
      this.probeRows.set(r.name, Math.min(rows, Math.max(8, 2 * chunk.rows.length)));
    } catch (err) {
      if (this.stopped) throw err;
      const errno = (err as { errno?: number }).errno;
      if (errno !== undefined && SCHEMA_RACE_ERRNOS.has(errno)) {
        // A DDL (or KILL QUERY) raced the read after it was pinned: resume from the durable checkpoint
        // with a fresh catalog rather than failing the task.
        this.catalog?.invalidate(r.ref.database, r.ref.table);
        if (errno === 1146 && this.snapshot?.backfill) throw this.goneDuringBackfill(r.name);
        throw new BinlogReaderError('connection', `task ${task}: full sync read of ${r.name} was interrupted (${(err as Error).message}); resuming from the checkpoint with the table's new definition`, err);
      }
      throw new Error(`task ${task}: full sync read of ${r.name} failed: ${(err as Error).message}`, { cause: err });
    } finally {
      if (this.chunkConns.includes(conn)) this.idleChunkConns.push(conn);
    }
    // A size probe (tables whose rows may be large) is one query more, paid after the fact.
    if (chunk.queries > READ_QUERIES[this.mode]) await this.qps?.take(chunk.queries - READ_QUERIES[this.mode]);
    await this.throttle?.take({ rows: chunk.rows.length, bytes: chunk.bytes });
    return chunk;
  }

  /**
   * The table's metadata, checked against its definition now (SELECT * ... LIMIT 0 reads no rows):
   * a DDL since the catalog read it (ADD/DROP/RENAME COLUMN during full sync) reloads it, so the
   * chunk never selects a stale column list.
   */
  private async freshMeta(conn: QueryConnection, database: string, table: string, name: string): Promise<TableMeta> {
    for (let attempt = 1; ; attempt++) {
      const meta = await this.catalog!.get(database, table);
      if (!meta && this.snapshot?.backfill) throw this.goneDuringBackfill(name);
      if (!meta) throw new Error(`task ${this.options.task}: table ${name} disappeared from the source during full sync; fix: restore it or remove it from the task`);
      const [, fields] = await conn.query(`SELECT * FROM ${qualifiedName(database, table)} LIMIT 0`);
      const now = (fields as { name: string }[]).map((f) => f.name);
      if (now.length === meta.columns.length && now.every((c, i) => c === meta.columns[i]!.name)) return meta;
      if (attempt >= 5) throw new BinlogReaderError('connection', `task ${this.options.task}: the definition of ${name} keeps changing during full sync; resuming from the checkpoint`);
      this.catalog!.invalidate(database, table);
    }
  }

  /**
   * A backfilled table renamed or dropped after the checkpoint (it may have been picked for the
   * backfill only because a rename the stream has not replayed yet gave it a new name).
   */
  private goneDuringBackfill(name: string): TablesChangedError {
    return new TablesChangedError(`task ${this.options.task}: table ${name} is gone from the source during the backfill (renamed or dropped); resuming from the checkpoint with the tables as they are now`);
  }

  private chunkBatch(chunk: Chunk, rows: readonly Row[]): SourceBatch {
    const meta: TableMeta = chunk.meta;
    const position = { file: chunk.high.file, pos: chunk.high.pos };
    const now = Date.now();
    const transactionId = `snapshot:${chunk.high.file}:${chunk.high.pos}`;
    const events: ChangeEvent[] = rows.map((after) => ({
      kind: 'insert',
      database: meta.database,
      table: meta.table,
      after,
      primaryKey: meta.primaryKey,
      columns: meta.columns,
      position,
      commitTime: now,
      transactionId,
      seq: ++this.seqCounter,
      origin: 'snapshot',
    }));
    if (events.length > 0) this.lastSeq = events[events.length - 1]!.seq;
    this.snapshotCheckpoint = undefined; // the chunk moved its table's progress
    return { origin: 'snapshot', events, checkpoint: this.checkpoint(), bytes: chunk.bytes, table: `${meta.database}.${meta.table}` };
  }
}

/** 1054 unknown column, 1412 table definition changed, 1317 query interrupted (KILL QUERY), 1146 table gone. */
const SCHEMA_RACE_ERRNOS = new Set([1054, 1412, 1317, 1146]);

/**
 * The checkpoint's binlog position: the stream position, or the start of a prepared XA transaction
 * that is still pending there (a restart must read it again to deliver it at its XA COMMIT).
 */
function resumeOf(p: ReaderPosition): ResumePosition {
  if (!p.resume) return p;
  const { resume, ...rest } = p;
  return { ...rest, file: resume.file, pos: resume.pos };
}
