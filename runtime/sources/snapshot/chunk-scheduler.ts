import type { ChangeEvent, ColumnValue, Row } from '../../events/change-event.js';
import type { BinlogPosition } from '../../state/offsets.js';
import { decodeKeyValue, encodeKeyValue } from '../../state/key-codec.js';
import type { TableSnapshotProgress } from '../../state/types.js';
import { comparePositions } from '../mysql/position.js';
import type { TableMeta } from '../schema/catalog.js';
import type { Chunk, ChunkMode } from './chunk-reader.js';
import { keysTouchedAfter, reconcileChunk, recordTouchedKeys } from './reconcile.js';

export interface TableRef {
  readonly database: string;
  readonly table: string;
  /** WHERE fragment pushed into the full-sync SELECT (already translated to SQL by the filter module). */
  readonly filter?: string;
}

/** Full-sync progress; `tables` only ever reflects chunks that were emitted. */
export interface SnapshotState {
  readonly order: readonly TableRef[];
  readonly tables: Record<string, TableSnapshotProgress>;
  done: boolean;
  /** SnapshotCheckpoint.backfill. */
  readonly backfill?: boolean;
}

export interface ChunkReadRequest {
  readonly ref: TableRef;
  /** `database.table`. */
  readonly name: string;
  /** Resume after this key (the last emitted chunk's), undefined for the first chunk. */
  readonly lastKey?: readonly ColumnValue[];
  /** Must be called with the table's metadata before the read is pinned (so stream changes are tracked from then on). */
  readonly described: (meta: TableMeta) => void;
  /** Must be called as soon as the read is tied to the binlog: consistent snapshot position, or the low watermark. */
  readonly pinned: (low: BinlogPosition) => void;
}

/** Reads one chunk; runs on its own connection, concurrently with other reads. */
export type ChunkReadFn = (request: ChunkReadRequest) => Promise<Chunk>;

export interface StreamTransaction {
  readonly position: BinlogPosition;
  readonly events: readonly ChangeEvent[];
  /** A piece of a large transaction: `position` is the boundary before it, its events carry its begin position. */
  readonly partial?: boolean;
}

export interface TransactionStream<T extends StreamTransaction> {
  next(): Promise<T | undefined>;
}

export type HandoverItem<T> =
  | { readonly kind: 'binlog'; readonly transaction: T }
  | { readonly kind: 'chunk'; readonly chunk: Chunk; readonly rows: Row[]; readonly table: string; readonly readOrder: number }
  | { readonly kind: 'snapshot-done' };

interface ChunkRead {
  /** Start order: positions are monotone in it (reads are pinned one after the other). */
  readonly order: number;
  readonly ref: TableRef;
  readonly name: string;
  meta?: TableMeta;
  low?: BinlogPosition;
  chunk?: Chunk;
  /** Keys of this table the stream touched while the read was in flight, with the position of the last touch. */
  readonly touched: Map<string, BinlogPosition>;
  pinnedSignal: Promise<void>;
  finished: Promise<void>;
}

export interface ChunkSchedulerOptions {
  readonly task: string;
  readonly mode: ChunkMode;
  /** Chunk reads in flight at once (one per table at most), and chunks buffered at most. */
  readonly parallelism: number;
  readonly read: ChunkReadFn;
}

/**
 * Full sync with several chunk reads in flight, merged with the binlog stream without locks.
 *
 * Up to `parallelism` reads run at once, each on a different table (a table's next chunk needs the
 * previous chunk's last key). Reads are pinned to the binlog one after the other, so the pinned
 * positions grow in start order, and chunks are emitted strictly in start order: the stream is drained
 * up to the head read's position (once known), then the head is emitted, and so on. Consequences:
 * - consistent snapshot (MariaDB): the stream is never drained past a chunk's exact position before
 *   the chunk is emitted; a violation is an internal error, never silently wrong data;
 * - watermarks (MySQL): a chunk may be emitted after the stream went past its high watermark (a later
 *   read finished first); keys the stream touched after the chunk's low watermark, up to emission, are
 *   dropped from the chunk, since the stream already delivered a newer image of them (DBLog).
 * Progress (and so the checkpoint) only moves when a chunk is emitted: a restart re-reads the rest.
 */
export class ChunkScheduler<T extends StreamTransaction> {
  private readonly reads: ChunkRead[] = [];
  private started = 0;
  /** Resolves when the previous read is pinned: the next read may then pin itself. */
  private pinTurn: Promise<void> = Promise.resolve();
  private failure?: { error: unknown };
  private signalFailure!: () => void;
  private readonly failed = new Promise<void>((resolve) => (this.signalFailure = resolve));
  /** Position of the last delivered transaction that carried events. */
  private lastEventPosition?: BinlogPosition;
  private readonly parallelism: number;

  constructor(
    private readonly options: ChunkSchedulerOptions,
    readonly state: SnapshotState,
  ) {
    this.parallelism = Math.max(1, Math.floor(options.parallelism));
  }

  /** Reads started and not yet emitted (in flight or buffered): never more than the parallelism. */
  get pending(): number {
    return this.reads.length;
  }

  /**
   * The next item in delivery order: a stream transaction (drained towards the oldest read's position),
   * a chunk, or 'snapshot-done' once every table is done. undefined when the stream ended.
   * `streamPosition` is the position of everything delivered so far.
   */
  async next(stream: TransactionStream<T>, streamPosition: BinlogPosition): Promise<HandoverItem<T> | undefined> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      this.fill();
      const head = this.reads[0];
      if (!head) {
        this.state.done = true;
        return { kind: 'snapshot-done' };
      }
      const target = head.chunk?.high ?? head.low;
      if (target && comparePositions(streamPosition, target) < 0) {
        const t = await stream.next();
        if (!t) return undefined;
        this.observe(t);
        return { kind: 'binlog', transaction: t };
      }
      if (head.chunk) return this.emitHead();
      await Promise.race([head.low ? head.finished : Promise.race([head.pinnedSignal, head.finished]), this.failed]);
    }
  }

  private fill(): void {
    while (this.reads.length < this.parallelism) {
      const ref = this.state.order.find((r) => {
        const name = `${r.database}.${r.table}`;
        return this.state.tables[name]?.status !== 'done' && !this.reads.some((x) => x.name === name);
      });
      if (!ref) return;
      this.start(ref);
    }
  }

  private start(ref: TableRef): void {
    const name = `${ref.database}.${ref.table}`;
    const saved = this.state.tables[name]?.lastKey;
    const lastKey = saved?.map(decodeKeyValue) as ColumnValue[] | undefined;
    let markPinned!: () => void;
    const read: ChunkRead = {
      order: ++this.started,
      ref,
      name,
      touched: new Map(),
      pinnedSignal: new Promise<void>((resolve) => (markPinned = resolve)),
      finished: Promise.resolve(),
    };
    const turn = this.pinTurn;
    let releaseTurn!: () => void;
    this.pinTurn = new Promise<void>((resolve) => (releaseTurn = resolve));
    read.finished = (async () => {
      try {
        await turn;
        const chunk = await this.options.read({
          ref,
          name,
          ...(lastKey ? { lastKey } : {}),
          described: (meta) => {
            read.meta = meta;
          },
          pinned: (low) => {
            read.low = low;
            markPinned();
            releaseTurn();
          },
        });
        read.meta ??= chunk.meta;
        read.low ??= chunk.low;
        read.chunk = chunk;
      } catch (error) {
        if (!this.failure) {
          this.failure = { error };
          this.signalFailure();
        }
      } finally {
        markPinned();
        releaseTurn();
      }
    })();
    this.reads.push(read);
  }

  private observe(t: T): void {
    if (t.events.length === 0) return;
    // Where the stream's changes sit: a piece's own events are past the boundary it carries.
    const at = t.partial ? t.events[0]!.position : t.position;
    this.lastEventPosition = at;
    for (const r of this.reads) if (r.meta) recordTouchedKeys(t.events, r.meta, at, r.touched);
  }

  private emitHead(): HandoverItem<T> {
    const read = this.reads.shift()!;
    const chunk = read.chunk!;
    if (this.options.mode === 'consistent-snapshot' && this.lastEventPosition && comparePositions(this.lastEventPosition, chunk.high) > 0) {
      const at = (p: BinlogPosition) => `${p.file}:${p.pos}`;
      throw new Error(
        `task ${this.options.task}: internal error in the full sync handover: the chunk of ${read.name} read at binlog position ${at(chunk.high)} ` +
          `would be emitted after the stream already delivered changes up to ${at(this.lastEventPosition)}; ` +
          'restart the task (it resumes from its last checkpoint, which never includes this chunk) and report this',
      );
    }
    const rows = reconcileChunk(chunk.rows, chunk.meta.primaryKey, keysTouchedAfter(read.touched, chunk.low));
    const prev = this.state.tables[read.name];
    this.state.tables[read.name] = {
      status: chunk.last ? 'done' : 'in-progress',
      ...(chunk.lastKey ? { lastKey: chunk.lastKey.map(encodeKeyValue) } : prev?.lastKey ? { lastKey: prev.lastKey } : {}),
      rowsDone: (prev?.rowsDone ?? 0) + rows.length,
      rowsEstimated: prev?.rowsEstimated ?? 0,
    };
    if (this.state.order.every((r) => this.state.tables[`${r.database}.${r.table}`]?.status === 'done')) this.state.done = true;
    // Start the freed slot's read now, so it runs while the consumer handles this chunk.
    this.fill();
    return { kind: 'chunk', chunk, rows, table: read.name, readOrder: read.order };
  }
}
