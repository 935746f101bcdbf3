import ZongJi from '@vlasky/zongji';
import { escape } from 'mysql2';
import type { AnyBinlogEvent, QueryEvent, RowsEvent, TableMapEvent, UpdateRowData, RowData } from '@vlasky/zongji';
import type { ChangeEvent, ColumnMeta, ColumnValue, Row } from '../../events/change-event.js';
import type { ResumePosition } from '../../state/offsets.js';
import { mysql2Options, openConnection, type MySqlConnectionConfig, type QueryConnection } from '../mysql/connection.js';
import { estimateRowBytes, normalizeValue, valueNormalizer, type ValueNormalizer } from '../mysql/values.js';
import { SchemaCatalog, type TableMeta } from '../schema/catalog.js';
import { recall, rememberTable, renameTable } from '../schema/schema-memory.js';
import { jdbcTypeOf } from '../schema/sql-type.js';
import type { SchemaMemory } from '../../state/types.js';
import { ddlTarget, isDdlStatement, statementDmlTarget } from './ddl-statement.js';
import { BinlogReaderError, classifyBinlogError } from './errors.js';
import { MariaGtidTracker } from './gtid-tracker.js';
import { ddlEventFacts } from '../../transforms/ddl.js';
import { STREAM_TRANSACTION_BYTES, STREAM_TRANSACTION_ROWS } from '../../manifest/defaults.js';

/** How long a binlog connection waits for its task's dump lock (runtime/lease: dumpLockName) before its dump. */
const DUMP_LOCK_WAIT_SECONDS = 5;

/** Where to start reading. */
export type BinlogStart =
  | { readonly kind: 'end' }
  | ({ readonly kind: 'position' } & ResumePosition);

/** Where a restart must read from, when it is not the position itself (a pending XA transaction's start). */
export type ReaderPosition = ResumePosition & { readonly resume?: { readonly file: string; readonly pos: number } };

/**
 * One committed source transaction (or, with no events, a position-only advance), or one piece of a
 * transaction too large to hold (`partial`: more pieces follow; the last piece is not partial).
 */
export interface BinlogTransaction {
  readonly events: readonly ChangeEvent[];
  /**
   * The position just after this transaction's commit (gtidSet = executed set incl. it). A partial
   * piece carries the boundary before its transaction: no resume point lies inside a transaction.
   */
  readonly position: ReaderPosition;
  readonly commitTime: number;
  readonly transactionId: string;
  readonly gtid?: string;
  /** Approximate in-memory size of the events (for MB/s throttles). */
  readonly bytes: number;
  readonly partial?: boolean;
}

export interface BinlogReaderOptions {
  readonly task: string;
  readonly connection: MySqlConnectionConfig;
  /** The engine's replication server_id (must differ from every server's and replica's). */
  readonly serverId: number;
  readonly start: BinlogStart;
  /** Which row/DDL events to deliver; called with table undefined for DDL tied to no table. */
  readonly include?: (database: string, table: string | undefined) => boolean;
  /** Passed to zongji so excluded tables are not even decoded. */
  readonly includeSchema?: Record<string, string[] | true>;
  /** What was remembered of tables so far (the checkpoint's), for names the catalog no longer has. */
  readonly schemaMemory?: SchemaMemory;
  /** Queue bound: reading pauses above it and resumes below half of it. */
  readonly maxQueuedRows?: number;
  readonly maxQueuedBytes?: number;
  /** Asks the server for a heartbeat every N seconds when idle; N*3 s of silence = connection lost. 0 = off. */
  readonly heartbeatSeconds?: number;
  /** First `seq` to assign (checkpoint.lastSeq + 1 on resume). */
  readonly firstSeq?: number;
  /** Shared sequence allocator (when snapshot rows are interleaved); overrides firstSeq. */
  readonly allocateSeq?: () => number;
  /**
   * A named lock the binlog connection takes before its dump (runtime/lease: dumpLockName), so that
   * the next owner of the task can find and end this dump if this engine is paused or cut off.
   */
  readonly dumpLock?: string;
}

interface OpenTransaction {
  gtid?: string;
  beginFile: string;
  beginPos: number;
  /** Events decoded and not yet handed on (all of them, unless the transaction is streamed). */
  events: ChangeEvent[];
  bytes: number;
  /** Row changes decoded so far: the next event's rowInTransaction. */
  rows: number;
  /** Pieces of it were handed on already: its events carry its begin position and their own time. */
  streamed: boolean;
  /** The xid of an XA transaction (the text after XA START, as the server logs it). */
  xid?: string;
  /** MariaDB flags a prepared XA transaction on its GTID event (the XA START query is not logged). */
  xa?: boolean;
}

/** The xid of an XA statement as logged: "XA COMMIT X'7478',X'',1 ONE PHASE" -> "X'7478',X'',1". */
function xidOf(sql: string): string {
  return sql.replace(/^XA\s+(START|BEGIN|END|PREPARE|COMMIT|ROLLBACK)\s+/i, '').replace(/\s+(ONE\s+PHASE|JOIN|RESUME|SUSPEND(\s+FOR\s+MIGRATE)?)\s*$/i, '').trim();
}

const INCLUDED_EVENTS = [
  'tablemap', 'writerows', 'updaterows', 'deleterows', 'query', 'xid', 'rotate', 'gtid', 'mariadbgtid',
  'heartbeat', 'format', 'binlogcheckpoint', 'mariadbgtidlist', 'xaprepare', 'transactionpayload', 'partialupdaterows',
];

/**
 * Streams committed transactions from a MySQL/MariaDB binlog through @vlasky/zongji.
 *
 * zongji has no pause API: backpressure pauses the underlying mysql2 connection (its socket), and
 * zongji's own resume after a metadata fetch is deferred while the queue is full, so the unread
 * binlog stays in the kernel socket buffer and on the server, never in this process.
 * zongji never reconnects: any connection loss (or heartbeat silence) ends the reader with a
 * BinlogReaderError of kind 'connection'; the pipeline restarts a new reader from its checkpoint.
 * zongji never asks for heartbeats: the reader sets @master_heartbeat_period on the binlog
 * connection before the dump starts, so an idle source still proves the link alive.
 *
 * Large transactions: a transaction is held until its commit (its events are stamped with the commit
 * position and time) unless it grows past STREAM_TRANSACTION_ROWS / _BYTES; then it is handed on in
 * pieces as it is decoded (`partial`), each of its events stamped with the transaction's begin
 * position and its own row event's time, and the resume position moves only with its last piece.
 * (begin, rowInTransaction) identifies a row of a streamed transaction as stably as (commit, row)
 * does for the others: a transaction's events are contiguous in the binlog. Prepared XA transactions
 * are never streamed: their outcome is only known at XA COMMIT / ROLLBACK.
 */
/** How long the binlog dump may take to start before the start counts as a lost connection. */
export const BINLOG_START_TIMEOUT_MS = 60_000;

export class BinlogReader {
  private zongji?: ZongJi;
  private catalogConn?: QueryConnection;
  private catalog?: SchemaCatalog;
  private readonly metaByTable = new Map<string, TableMeta | null>();
  /** Keys and types of every table seen so far (schema-memory.ts); part of the checkpoint. */
  private memory: SchemaMemory | undefined;
  private readonly queue: BinlogTransaction[] = [];
  private queuedRows = 0;
  private queuedBytes = 0;
  private readonly pauseReasons = new Set<string>();
  private zongjiWantsPause = false;
  private rawPause?: () => void;
  private rawResume?: () => void;
  private waiter?: () => void;
  private failure?: BinlogReaderError;
  private stopped = false;
  /** Rejects a start() waiting for zongji's 'ready' (stop, or no start within the timeout). */
  private abortStart?: (error: Error) => void;
  private current?: OpenTransaction;
  private seq: number;
  private lastActivity = Date.now();
  private watchdog?: NodeJS.Timeout;
  private readonly gtids: MariaGtidTracker;
  private lastGtid?: string;
  private lastPosition?: { file: string; pos: number };
  /** The last transaction boundary handed on (what a partial piece carries as its position). */
  private boundary: ReaderPosition;
  /**
   * XA transactions prepared but not yet committed or rolled back, by xid. They are delivered at
   * XA COMMIT (dropped at XA ROLLBACK), and while one is pending no resume point moves past its
   * XA START, so a restart reads it again.
   */
  private readonly preparedXa = new Map<string, OpenTransaction>();
  /** Rows delivered so far (for rate measurements). */
  rowsRead = 0;
  /** Times the reader paused the socket because the consumer was behind. */
  backpressurePauses = 0;

  private readonly maxRows: number;
  private readonly maxBytes: number;

  constructor(private readonly options: BinlogReaderOptions) {
    this.maxRows = options.maxQueuedRows ?? 20_000;
    this.maxBytes = options.maxQueuedBytes ?? 64 * 1024 * 1024;
    this.seq = options.firstSeq ?? 1;
    this.gtids = new MariaGtidTracker(options.start.kind === 'position' ? options.start.gtidSet : undefined);
    this.memory = options.schemaMemory;
    this.boundary = options.start.kind === 'position'
      ? { file: options.start.file, pos: options.start.pos, ...(options.start.gtidSet ? { gtidSet: options.start.gtidSet } : {}) }
      : { file: '', pos: 0 };
  }

  /** The schema memory to checkpoint (undefined while empty). */
  schemaMemory(): SchemaMemory | undefined {
    return this.memory;
  }

  /** The resume point after the last transaction handed to zongji's handler (not necessarily consumed). */
  get queueLength(): number {
    return this.queue.length;
  }

  get queuedRowCount(): number {
    return this.queuedRows;
  }

  get paused(): boolean {
    return this.pauseReasons.size > 0;
  }

  /**
   * Connects and starts the dump; rejects with a BinlogReaderError when the source refuses, when the
   * dump does not start within BINLOG_START_TIMEOUT_MS, or when stop() is called meanwhile: a stop
   * at any moment of the start leaves no dump running (one that came before the dump was created
   * used to be followed by a dump nobody stopped).
   */
  async start(): Promise<void> {
    const { options } = this;
    const stoppedWhileStarting = () => new BinlogReaderError('other', `task ${options.task}: the binlog reader was stopped while it started`);
    try {
      this.catalogConn = await openConnection(options.connection);
    } catch (err) {
      throw classifyBinlogError(err, options.task);
    }
    this.catalog = new SchemaCatalog(this.catalogConn);
    if (options.start.kind === 'end') {
      const rows = (await this.catalogConn.query('SELECT @@GLOBAL.gtid_binlog_pos AS pos').catch(() => [[{}]]))[0] as { pos?: string }[];
      if (rows[0]?.pos) this.gtids.seed(rows[0].pos);
    }
    // Stopped during the awaits above: no dump is started after the stop.
    if (this.stopped) {
      await this.catalogConn.end().catch(() => {});
      throw stoppedWhileStarting();
    }
    const zongji = new ZongJi(mysql2Options(options.connection));
    this.zongji = zongji;
    const ready = new Promise<void>((resolve, reject) => {
      this.abortStart = reject;
      zongji.once('ready', () => resolve());
      zongji.on('error', (err: unknown) => {
        const typed = classifyBinlogError(err, options.task);
        if (!zongji.ready) reject(typed);
        this.fail(typed);
      });
    });
    zongji.on('binlog', (event: AnyBinlogEvent) => this.onEvent(event));
    const start = options.start;
    zongji.start({
      serverId: options.serverId,
      includeEvents: INCLUDED_EVENTS,
      ...(options.includeSchema ? { includeSchema: options.includeSchema } : {}),
      ...(start.kind === 'end' ? { startAtEnd: true } : { filename: start.file, position: start.pos }),
    });
    this.instrumentConnection();
    const timer = setTimeout(
      () => this.abortStart?.(new BinlogReaderError('connection', `task ${options.task}: the binlog stream did not start within ${BINLOG_START_TIMEOUT_MS / 1000} s`)),
      BINLOG_START_TIMEOUT_MS,
    );
    try {
      await ready;
    } finally {
      clearTimeout(timer);
      this.abortStart = undefined;
    }
    const heartbeat = options.heartbeatSeconds ?? 5;
    if (heartbeat > 0) {
      this.lastActivity = Date.now();
      this.watchdog = setInterval(() => this.checkSilence(heartbeat), 1000);
      this.watchdog.unref();
    }
  }

  /** Installs the heartbeat request and the pause/resume interposition on zongji's binlog connection. */
  private instrumentConnection(): void {
    const conn = this.zongji?.connection as unknown as {
      pause: () => void;
      resume: () => void;
      query: (sql: string, cb: (err: unknown, rows?: unknown) => void) => void;
    } | null;
    if (!conn) throw new BinlogReaderError('other', `task ${this.options.task}: zongji did not create its binlog connection`);
    const heartbeat = this.options.heartbeatSeconds ?? 5;
    if (heartbeat > 0) {
      // Queued before zongji's own preamble, so it runs before COM_BINLOG_DUMP. Nanoseconds.
      conn.query(`SET @master_heartbeat_period = ${BigInt(heartbeat) * 1_000_000_000n}`, () => {});
    }
    if (this.options.dumpLock !== undefined) {
      // Queued before the dump: it waits DUMP_LOCK_WAIT_SECONDS for an earlier owner's dump (which the
      // lease ends) to let go. Not granted: this reader fails as a lost connection and the stream starts
      // again from its checkpoint, rather than dumping behind another owner's dump with the same server id.
      const lock = this.options.dumpLock;
      conn.query(`SELECT GET_LOCK(${escape(lock)}, ${DUMP_LOCK_WAIT_SECONDS}) AS got`, (err: unknown, rows?: unknown) => {
        const got = Array.isArray(rows) ? Number((rows[0] as { got?: unknown } | undefined)?.got) : NaN;
        if (err || got !== 1) {
          const error = new BinlogReaderError('connection', `task ${this.options.task}: the binlog dump lock ${lock} is still held by an earlier owner's dump (${err instanceof Error ? err.message : `GET_LOCK answered ${String(got)}`}); starting the stream again`, err);
          this.abortStart?.(error);
          this.fail(error);
        }
      });
    }
    const rawPause = conn.pause.bind(conn);
    const rawResume = conn.resume.bind(conn);
    this.rawPause = rawPause;
    this.rawResume = rawResume;
    conn.pause = () => {
      this.zongjiWantsPause = true;
      rawPause();
    };
    conn.resume = () => {
      this.zongjiWantsPause = false;
      if (this.pauseReasons.size === 0) rawResume();
    };
  }

  private pause(reason: string): void {
    if (this.pauseReasons.has(reason)) return;
    this.pauseReasons.add(reason);
    if (reason === 'backpressure') this.backpressurePauses++;
    this.rawPause?.();
  }

  private resume(reason: string): void {
    if (!this.pauseReasons.delete(reason)) return;
    this.lastActivity = Date.now();
    if (this.pauseReasons.size === 0 && !this.zongjiWantsPause && !this.stopped) this.rawResume?.();
  }

  private checkSilence(heartbeatSeconds: number): void {
    if (this.stopped || this.failure || this.paused) return;
    const silentMs = Date.now() - this.lastActivity;
    if (silentMs > heartbeatSeconds * 3000 + 2000) {
      this.fail(
        new BinlogReaderError(
          'connection',
          `task ${this.options.task}: binlog reader heard nothing (not even a heartbeat) for ${Math.round(silentMs / 1000)} s; treating the connection as lost`,
        ),
      );
    }
  }

  private fail(err: BinlogReaderError): void {
    if (this.failure || this.stopped) return;
    this.failure = err;
    this.shutdownZongji();
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  /**
   * The next committed transaction, in binlog order. Throws the reader's BinlogReaderError once every
   * transaction completed before the failure has been returned; returns undefined after stop().
   */
  async next(): Promise<BinlogTransaction | undefined> {
    for (;;) {
      const item = this.queue.shift();
      if (item) {
        this.queuedRows -= item.events.length;
        this.queuedBytes -= item.bytes;
        if (this.pauseReasons.has('backpressure') && this.queuedRows <= this.maxRows / 2 && this.queuedBytes <= this.maxBytes / 2) {
          this.resume('backpressure');
        }
        return item;
      }
      if (this.failure) throw this.failure;
      if (this.stopped) return undefined;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  async *transactions(): AsyncGenerator<BinlogTransaction> {
    for (;;) {
      const t = await this.next();
      if (!t) return;
      yield t;
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.abortStart?.(new BinlogReaderError('other', `task ${this.options.task}: the binlog reader was stopped while it started`));
    this.shutdownZongji();
    this.wake();
    await this.catalogConn?.end().catch(() => {});
  }

  private shutdownZongji(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
    const z = this.zongji;
    if (z && !z.stopped) {
      z.removeAllListeners('binlog');
      z.on('error', () => {});
      z.stop();
    }
    if (this.failure && !this.stopped) void this.catalogConn?.end().catch(() => {});
  }

  private positionNow(): { file: string; pos: number } {
    const o = this.zongji?.options;
    return { file: o?.filename ?? '', pos: o?.position ?? 0 };
  }

  private onEvent(event: AnyBinlogEvent): void {
    if (this.stopped || this.failure) return;
    this.lastActivity = Date.now();
    try {
      switch (event.getEventName()) {
        case 'mariadbgtid':
        case 'gtid':
          this.beginTransaction(event.gtid, (event as { preparedXa?: boolean }).preparedXa === true);
          break;
        case 'query':
          this.onQuery(event as QueryEvent);
          break;
        case 'tablemap':
          this.onTableMap(event as TableMapEvent);
          break;
        case 'writerows':
        case 'updaterows':
        case 'deleterows':
          this.onRows(event as RowsEvent & { rows: (RowData | UpdateRowData)[] });
          break;
        case 'xid':
          this.commit(event.timestamp);
          break;
        case 'xaprepare':
          this.prepareXa(event.timestamp);
          break;
        default:
          // rotate, heartbeat, format, gtid list, checkpoint: outside a transaction they only move the position.
          if (!this.current) this.emitProgress(event.timestamp);
      }
    } catch (err) {
      this.fail(err instanceof BinlogReaderError ? err : new BinlogReaderError('other', `task ${this.options.task}: binlog event handling failed: ${(err as Error).message}`, err));
    }
  }

  private beginTransaction(gtid: string | undefined, xa = false): void {
    // A new group while one is open means the previous one ended without a marker we deliver.
    if (this.current) this.commit(Date.now());
    const p = this.positionNow();
    this.current = { gtid, beginFile: p.file, beginPos: p.pos, events: [], bytes: 0, rows: 0, streamed: false, ...(xa ? { xa } : {}) };
  }

  private onQuery(event: QueryEvent): void {
    const sql = event.query.trim();
    const upper = sql.toUpperCase();
    if (upper === 'BEGIN' || upper.startsWith('XA START') || upper.startsWith('XA BEGIN') || upper.startsWith('XA END') || upper.startsWith('SAVEPOINT')) {
      if (!this.current) this.beginTransaction(event.gtid);
      // zongji swallows the XA START query event; XA END (always logged before XA PREPARE) names the xid too.
      if (upper.startsWith('XA ')) this.current!.xid = xidOf(sql);
      return;
    }
    if (upper.startsWith('XA COMMIT') || upper.startsWith('XA ROLLBACK')) {
      const prepared = this.preparedXa.get(xidOf(sql));
      if (prepared) {
        this.preparedXa.delete(xidOf(sql));
        if (!this.current) this.beginTransaction(event.gtid);
        // XA COMMIT delivers the prepared changes in its own commit's place; XA ROLLBACK delivers nothing.
        if (upper.startsWith('XA COMMIT')) {
          this.current!.events.push(...prepared.events);
          this.current!.bytes += prepared.bytes;
          this.current!.rows += prepared.rows;
        }
      } else if (upper.startsWith('XA ROLLBACK') && this.current?.xid !== undefined) {
        this.current.events = []; // rolled back before PREPARE: nothing happened
      }
      this.commit(event.timestamp);
      return;
    }
    if (upper === 'COMMIT' || upper === 'ROLLBACK') {
      this.commit(event.timestamp);
      return;
    }
    const dml = statementDmlTarget(sql, event.schema);
    if (dml && (this.options.include?.(dml.database, dml.table) ?? true)) {
      throw new BinlogReaderError(
        'unsupported',
        `task ${this.options.task}: ${dml.database}.${dml.table} was written as a statement, not as rows (a session ran with binlog_format=STATEMENT or MIXED): ` +
          `"${sql.slice(0, 200)}" at ${this.positionNow().file}:${this.positionNow().pos}. Its changes cannot be captured exactly; fix: set binlog_format=ROW globally ` +
          'and make sure no session or job overrides it (SET SESSION binlog_format), then re-synchronize this table (remove and add it to the task)',
      );
    }
    if (!this.current) this.beginTransaction(event.gtid);
    if (isDdlStatement(sql)) {
      const obvious = ddlTarget(sql, event.schema);
      const classified = ddlEventFacts(sql, event.schema);
      const database = classified?.database ?? obvious.database;
      const table = classified?.table ?? obvious.table;
      // A renamed table keeps what is known of it, whatever the catalog says by the time its rows come.
      for (const r of classified?.renames ?? []) this.memory = renameTable(this.memory, r.from, r.to);
      // Later row events must be described by the new schema.
      this.catalog?.invalidate(database, table);
      for (const key of [...this.metaByTable.keys()]) if (key.startsWith(`${database}.`)) this.metaByTable.delete(key);
      if (this.options.include?.(database, table) ?? true) {
        const p = this.positionNow();
        this.pushEvent({
          kind: 'ddl',
          database,
          ...(table !== undefined ? { table } : {}),
          primaryKey: [],
          columns: [],
          sql,
          ...(classified?.operation !== undefined ? { ddlOperation: classified.operation } : {}),
          position: { file: p.file, pos: p.pos, ...(this.current?.gtid ? { gtid: this.current.gtid } : {}) },
          commitTime: event.timestamp,
          transactionId: this.transactionId(),
          seq: 0,
          origin: 'binlog',
        });
      }
    }
    // DDL (and any other statement outside BEGIN..COMMIT) commits implicitly.
    this.commit(event.timestamp);
  }

  private onTableMap(event: TableMapEvent): void {
    const key = `${event.schemaName}.${event.tableName}`;
    if (this.metaByTable.has(key) || !this.catalog) return;
    if (!(this.options.include?.(event.schemaName, event.tableName) ?? true)) {
      this.metaByTable.set(key, null);
      return;
    }
    // Load PK/nullability before the row events that follow are handled: hold the socket meanwhile.
    this.pause('metadata');
    this.catalog
      .get(event.schemaName, event.tableName)
      .then((meta) => {
        this.metaByTable.set(key, meta ?? null);
        if (meta) this.memory = rememberTable(this.memory, meta);
        this.resume('metadata');
      })
      .catch((err: unknown) => this.fail(classifyBinlogError(err, this.options.task)));
  }

  private onRows(event: RowsEvent & { rows: (RowData | UpdateRowData)[] }): void {
    const entry = event.tableMap[event.tableId];
    if (!entry) return;
    const database = entry.parentSchema;
    const table = entry.tableName;
    if (!(this.options.include?.(database, table) ?? true)) return;
    if (!this.current) this.beginTransaction(event.gtid);
    const meta = this.metaByTable.get(`${database}.${table}`) ?? undefined;
    const remembered = recall(this.memory, database, table);
    const columns = columnsFor(meta, entry.columnSchemas, remembered?.types);
    const normalizers = normalizersOf(columns, meta?.jsonColumns);
    const toRow = (raw: RowData): Row => {
      const out: Record<string, ColumnValue> = {};
      for (const k in raw) out[k] = (normalizers.get(k) ?? normalizeUnknown)(raw[k]);
      return out;
    };
    const kind = event.getEventName() === 'writerows' ? 'insert' : event.getEventName() === 'updaterows' ? 'update' : 'delete';
    const p = this.positionNow();
    for (const raw of event.rows) {
      let before: Row | undefined;
      let after: Row | undefined;
      if (kind === 'update') {
        const u = raw as UpdateRowData;
        before = toRow(u.before);
        after = toRow(u.after);
      } else if (kind === 'insert') after = toRow(raw as RowData);
      else before = toRow(raw as RowData);
      this.pushEvent({
        kind,
        database,
        table,
        ...(before ? { before } : {}),
        ...(after ? { after } : {}),
        primaryKey: meta?.primaryKey ?? remembered?.key ?? [],
        columns,
        position: { file: p.file, pos: p.pos, ...(this.current?.gtid ? { gtid: this.current.gtid } : {}) },
        commitTime: event.timestamp,
        transactionId: this.transactionId(),
        seq: 0,
        origin: 'binlog',
      });
    }
  }

  private transactionId(): string {
    const c = this.current;
    if (!c) return '';
    return c.gtid ?? `${c.beginFile}:${c.beginPos}`;
  }

  private pushEvent(e: ChangeEvent): void {
    const c = this.current;
    if (!c) return;
    // The callers build each event for this call: numbering it in place spares a copy per row.
    (e as { rowInTransaction?: number }).rowInTransaction = c.rows++;
    c.events.push(e);
    c.bytes += estimateRowBytes(e.before) + estimateRowBytes(e.after) + (e.sql?.length ?? 0);
    if (c.xid === undefined && !c.xa && (c.events.length >= STREAM_TRANSACTION_ROWS || c.bytes >= STREAM_TRANSACTION_BYTES)) this.handOnPiece(c);
  }

  private nextSeq(): number {
    return this.options.allocateSeq ? this.options.allocateSeq() : this.seq++;
  }

  /** Stamps a streamed transaction's events: its begin position, each event's own time, a seq. */
  private streamedEvents(c: OpenTransaction): ChangeEvent[] {
    const position = { file: c.beginFile, pos: c.beginPos, ...(c.gtid ? { gtid: c.gtid } : {}) };
    // The events are this transaction's own objects (built by onRows/onQuery): stamped in place.
    for (const e of c.events) Object.assign(e, { position, seq: this.nextSeq() });
    return c.events;
  }

  /** Hands on the events decoded so far of a transaction too large to hold; the resume point stays before it. */
  private handOnPiece(c: OpenTransaction): void {
    c.streamed = true;
    const events = this.streamedEvents(c);
    const bytes = c.bytes;
    c.events = [];
    c.bytes = 0;
    this.rowsRead += events.length;
    const last = events[events.length - 1]!;
    this.enqueue({ events, position: this.boundary, commitTime: last.commitTime, transactionId: last.transactionId, ...(c.gtid ? { gtid: c.gtid } : {}), bytes, partial: true });
  }

  /** XA PREPARE: the transaction is durable but undecided; hold it until XA COMMIT / XA ROLLBACK. */
  private prepareXa(timestamp: number): void {
    const c = this.current;
    if (!c) return;
    if (c.xid === undefined) {
      this.commit(timestamp);
      return;
    }
    this.current = undefined;
    this.preparedXa.set(c.xid, c);
    if (c.gtid) {
      this.gtids.add(c.gtid);
      this.lastGtid = c.gtid;
    }
    this.emitProgress(timestamp);
  }

  /**
   * Where a restart must read from when it is not the position itself: the oldest pending XA
   * transaction's start (its prepared changes are only in memory until its XA COMMIT).
   */
  private resumePoint(): { resume?: { file: string; pos: number } } {
    let held: { file: string; pos: number } | undefined;
    for (const x of this.preparedXa.values()) {
      if (!held || x.beginFile < held.file || (x.beginFile === held.file && x.beginPos < held.pos)) held = { file: x.beginFile, pos: x.beginPos };
    }
    return held ? { resume: held } : {};
  }

  private commit(timestamp: number): void {
    const c = this.current;
    this.current = undefined;
    if (!c) return;
    if (c.gtid) {
      this.gtids.add(c.gtid);
      this.lastGtid = c.gtid;
    }
    const p = this.positionNow();
    const gtidSet = this.gtids.toString() || this.zongji?.gtidSet;
    const position = { file: p.file, pos: p.pos, ...(c.gtid ? { gtid: c.gtid } : {}), ...(gtidSet ? { gtidSet } : {}), ...this.resumePoint() };
    const commitTime = timestamp || Date.now();
    const transactionId = c.gtid ?? `${c.beginFile}:${c.beginPos}`;
    // The resume point and commit time are only known now: stamp them on every event of the transaction
    // (a streamed transaction's last piece is stamped like its earlier ones).
    let events: ChangeEvent[];
    if (c.streamed) events = this.streamedEvents(c);
    else {
      for (const e of c.events) Object.assign(e, { position, commitTime, transactionId, seq: this.nextSeq() });
      events = c.events;
    }
    this.rowsRead += events.length;
    this.enqueue({ events, position, commitTime, transactionId, ...(c.gtid ? { gtid: c.gtid } : {}), bytes: c.bytes });
  }

  private emitProgress(timestamp: number): void {
    const p = this.positionNow();
    if (!p.file || (this.lastPosition && this.lastPosition.file === p.file && this.lastPosition.pos === p.pos)) return;
    const gtidSet = this.gtids.toString() || this.zongji?.gtidSet;
    const position = { file: p.file, pos: p.pos, ...(this.lastGtid ? { gtid: this.lastGtid } : {}), ...(gtidSet ? { gtidSet } : {}), ...this.resumePoint() };
    this.enqueue({ events: [], position, commitTime: timestamp || Date.now(), transactionId: '', bytes: 0 });
  }

  private enqueue(t: BinlogTransaction): void {
    if (!t.partial) this.boundary = t.position;
    this.lastPosition = { file: t.position.file, pos: t.position.pos };
    const tail = this.queue[this.queue.length - 1];
    // Consecutive position-only items collapse into one, so a busy unselected table cannot grow the queue.
    if (t.events.length === 0 && tail && tail.events.length === 0) {
      this.queue[this.queue.length - 1] = t;
    } else {
      this.queue.push(t);
      this.queuedRows += t.events.length;
      this.queuedBytes += t.bytes;
    }
    if (this.queuedRows >= this.maxRows || this.queuedBytes >= this.maxBytes) this.pause('backpressure');
    this.wake();
  }
}

/**
 * Per column list (the catalog's, shared by every event of a table until a DDL): one normalizer per
 * column. A column zongji names that the list lacks is normalized by its value alone (normalizeUnknown).
 */
const normalizerCache = new WeakMap<readonly ColumnMeta[], Map<string, ValueNormalizer>>();

function normalizersOf(columns: readonly ColumnMeta[], json: ReadonlySet<string> | undefined): Map<string, ValueNormalizer> {
  let found = normalizerCache.get(columns);
  if (!found) {
    found = new Map(columns.map((c) => [c.name, valueNormalizer(c, json?.has(c.name) ?? false)]));
    normalizerCache.set(columns, found);
  }
  return found;
}

const normalizeUnknown: ValueNormalizer = (v) => normalizeValue(v, undefined, false);

/**
 * Column metadata for a row event: the catalog's when it matches the decoded columns, else per column
 * by name (the catalog describes the table now; an event written before an ADD/DROP COLUMN, read
 * again after a restart, has other columns), zongji's only for a column the catalog does not know.
 * The catalog's type is what turns MariaDB's UUID/INET storage bytes into their text on every read.
 */
function columnsFor(
  meta: TableMeta | undefined,
  schemas: readonly { COLUMN_NAME: string; COLUMN_TYPE: string; CHARACTER_SET_NAME: string | null }[],
  remembered: Readonly<Record<string, string>> | undefined,
): ColumnMeta[] {
  if (meta && meta.columns.length === schemas.length && meta.columns.every((c, i) => c.name === schemas[i]?.COLUMN_NAME)) {
    return meta.columns as ColumnMeta[];
  }
  const known = new Map((meta?.columns ?? []).map((c) => [c.name, c]));
  return schemas.map((s): ColumnMeta => {
    const found = known.get(s.COLUMN_NAME);
    if (found) return found;
    const type = remembered?.[s.COLUMN_NAME] ?? s.COLUMN_TYPE;
    return { name: s.COLUMN_NAME, mysqlType: type, sqlType: jdbcTypeOf(type), nullable: true, unsigned: /\bunsigned\b/i.test(type), charset: s.CHARACTER_SET_NAME };
  });
}
