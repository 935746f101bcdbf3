/**
 * Full-sync chunks applied on parallel destination connections ("lanes"), beside the sink's main
 * connection, which keeps applying binlog changes and writing the checkpoint row.
 *
 * Contract (the MySQL sink's exactly-once checkpoint stays exact):
 * - Only chunks of keyed tables come here: their rows are distinct keys, each the source's row at the
 *   chunk's binlog position, applied as upserts. Applying such a chunk twice leaves the same rows, so a
 *   chunk needs no checkpoint row of its own: a crash before the checkpoint covers it reads it again.
 * - A chunk commits in one transaction of its own that first checks the task's owner epoch (fencing),
 *   like every destination transaction of the sink.
 * - Order per table: a chunk starts only after the main-connection batches flushed before it that hold
 *   its table have committed (`after`); a main-connection batch commits only after every chunk
 *   submitted before it has committed (`barrier`), so the checkpoint it writes never covers a chunk
 *   that is not on the destination, and a binlog change never lands under an older chunk image.
 * - Chunks of different tables, and of one table (disjoint key ranges), commit in any order.
 * - `submit` resolves once a lane has taken the chunk: at most `lanes` chunks are in flight, which is
 *   the backpressure the full sync feels (memory: `lanes` chunks of FULL_SYNC_CHUNK_BYTES at most).
 * - A chunk that fails is retried on a fresh connection within the task's retry window, then fails
 *   the lanes for good: `barrier` and every later `submit` reject with its error.
 */
import type { QueryConnection } from '../../sources/mysql/connection.js';

export interface LaneChunk {
  /** Destination "db\0table": chunks of one table wait for the main batches holding it. */
  readonly table: string;
  /** Settles when the main-connection batches flushed before this chunk that hold its table committed. */
  readonly after: Promise<void>;
  /** Runs the chunk's transaction on `conn` (the sink's apply, with its retries); resolves once committed. */
  readonly apply: (lane: LaneConnection) => Promise<void>;
}

/** One lane's connection, opened on first use and opened again after it was lost. */
export interface LaneConnection {
  get(): Promise<QueryConnection>;
  /** Drops the connection (lost or failed): the next get() opens a new one. */
  discard(): Promise<void>;
}

export class ChunkLanes {
  private readonly idle: LaneConnection[] = [];
  private readonly waiting: ((lane: LaneConnection) => void)[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failure?: Error;
  private closed = false;

  constructor(
    readonly lanes: number,
    private readonly open: () => Promise<QueryConnection>,
  ) {
    for (let i = 0; i < Math.max(1, Math.floor(lanes)); i++) this.idle.push(this.laneConnection());
  }

  private laneConnection(): LaneConnection {
    let conn: QueryConnection | undefined;
    let opening: Promise<QueryConnection> | undefined;
    return {
      get: async () => {
        if (conn) return conn;
        opening ??= this.open().then((c) => (conn = c)).finally(() => (opening = undefined));
        return opening;
      },
      discard: async () => {
        const c = conn;
        conn = undefined;
        await c?.end().catch(() => c.destroy());
      },
    };
  }

  /** The error that failed the lanes, if any. */
  failed(): Error | undefined {
    return this.failure;
  }

  /** Hands the chunk to a lane; resolves once one took it (waits while every lane is busy). */
  async submit(chunk: LaneChunk): Promise<void> {
    if (this.failure) throw this.failure;
    const lane = this.idle.pop() ?? (await new Promise<LaneConnection>((resolve) => this.waiting.push(resolve)));
    if (this.failure) {
      this.release(lane);
      throw this.failure;
    }
    const run = (async () => {
      try {
        await chunk.after;
        if (this.failure) return;
        await chunk.apply(lane);
      } catch (err) {
        this.failure ??= err instanceof Error ? err : new Error(String(err));
      } finally {
        this.release(lane);
      }
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private release(lane: LaneConnection): void {
    const next = this.waiting.shift();
    if (next) next(lane);
    else this.idle.push(lane);
  }

  /** Resolves when every chunk submitted so far has committed; rejects if one failed for good. */
  barrier(): Promise<void> {
    const pending = [...this.inFlight];
    return Promise.all(pending).then(() => {
      if (this.failure) throw this.failure;
    });
  }

  /** Closes the lanes' connections; chunks still running fail on them (they were never checkpointed). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failure ??= new Error('the MySQL sink was closed');
    for (const w of this.waiting.splice(0)) w(this.laneConnection());
    const lanes = [...this.idle];
    await Promise.all(lanes.map((l) => l.discard()));
    await Promise.allSettled([...this.inFlight]);
    await Promise.all([...this.idle].map((l) => l.discard()));
  }
}
