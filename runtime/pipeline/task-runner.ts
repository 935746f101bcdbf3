/**
 * Runs one task through its phases, Debezium-style: prechecks, then (when asked) full sync, then
 * binlog streaming from the checkpoint. State and checkpoint live in the task's state dir; the
 * checkpoint only ever names a position whose changes the sink holds durably.
 */
import type { BinlogPosition } from '../events/change-event.js';
import type { Logger } from '../log.js';
import type { TaskSpec } from '../manifest/types.js';
import { resolveSecret } from '../secrets.js';
import { BinlogReader, type BinlogStart } from '../sources/binlog/reader.js';
import { BinlogReaderError } from '../sources/binlog/errors.js';
import { connectionConfigFor, openConnection, type MySqlConnectionConfig } from '../sources/mysql/connection.js';
import { comparePositions, readMasterStatus } from '../sources/mysql/position.js';
import type { Checkpoint, TaskState } from '../state/types.js';
import { TaskStateStore } from '../state/state-store.js';
import type { Sink, SinkPrecheck, SourceInfo, SourceTransaction } from '../sinks/sink.js';
import { classifyDdl } from '../transforms/ddl.js';
import { ObjectSelector } from '../transforms/select.js';
import type { TransactionMark } from './commit-tracker.js';
import { RetryClock } from './retry.js';

export interface TaskRunOptions {
  readonly stack: string;
  readonly task: TaskSpec;
  readonly stateDir: string;
  /** Relative secret files resolve against this directory (the manifest's). */
  readonly baseDir?: string;
  readonly log: Logger;
  readonly sink: Sink;
  /** Source-side prechecks; results are merged with the sink's. */
  readonly sourcePrechecks?: (task: TaskSpec, connection: MySqlConnectionConfig) => Promise<SinkPrecheck[]>;
  /** Stop once everything up to the source's binlog end (read when streaming starts) is durable. */
  readonly untilCaughtUp?: boolean;
  /** Aborting stops the task gracefully with its checkpoint saved. */
  readonly signal?: AbortSignal;
  /** How often the checkpoint is saved while streaming. */
  readonly checkpointIntervalMs?: number;
  /** Called once per checkpoint save and state change (metrics, status server). */
  readonly onProgress?: (progress: TaskProgress) => void;
}

export interface TaskProgress {
  readonly state: TaskState;
  readonly durable?: TransactionMark;
  readonly caughtUpTarget?: BinlogPosition;
}

export interface TaskOutcome {
  readonly state: TaskState;
  readonly reason?: string;
  readonly prechecks: readonly SinkPrecheck[];
  /** The durable resume point when the task stopped. */
  readonly checkpoint?: Checkpoint;
}

class StopRequested extends Error {}

export async function runTask(options: TaskRunOptions): Promise<TaskOutcome> {
  return new TaskRunner(options).run();
}

class TaskRunner {
  private readonly store: TaskStateStore;
  private readonly log: Logger;
  private readonly task: TaskSpec;
  private state: TaskState = 'NotStarted';
  private checkpoint?: Checkpoint;
  private prechecks: SinkPrecheck[] = [];
  private stopReason?: string;
  private reader?: BinlogReader;
  private caughtUpTarget?: BinlogPosition;

  constructor(private readonly options: TaskRunOptions) {
    this.store = new TaskStateStore(options.stateDir);
    this.log = options.log.child({ task: options.task.name });
    this.task = options.task;
  }

  async run(): Promise<TaskOutcome> {
    const onAbort = () => this.requestStop(`stopped by ${String(this.options.signal?.reason ?? 'signal')}`);
    this.options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await this.store.cleanup();
      this.checkpoint = await this.store.readCheckpoint();
      const connection = this.sourceConnection();

      await this.setState('Prechecking');
      this.prechecks = await this.runPrechecks(connection);
      const failed = this.prechecks.filter((p) => p.status === 'fail');
      if (failed.length > 0) {
        const reason = failed.map((f) => `${f.message}${f.fix ? ` (fix: ${f.fix})` : ''}`).join('; ');
        await this.setState('PrecheckFailed', reason);
        return this.outcome(reason);
      }

      const sinkMark = await this.options.sink.open(await this.sourceInfo(connection));
      const start = await this.streamStart(connection, sinkMark);
      if (this.task.syncTypes.full && !this.checkpoint?.snapshot?.done) {
        throw new Error(`task ${this.task.name}: full data synchronization is not available in this build yet`);
      }
      await this.setState('Synchronizing');
      await this.stream(connection, start);
      return this.outcome(this.stopReason);
    } catch (error) {
      if (error instanceof StopRequested) return this.outcome(this.stopReason);
      const reason = error instanceof Error ? error.message : String(error);
      this.log.error('task failed', { reason });
      await this.saveCheckpoint().catch(() => undefined);
      await this.setState('Failed', reason).catch(() => undefined);
      return this.outcome(reason);
    } finally {
      this.options.signal?.removeEventListener('abort', onAbort);
      await this.options.sink.close().catch((e: unknown) => this.log.warn('closing the sink failed', { error: String(e) }));
    }
  }

  private outcome(reason: string | undefined): TaskOutcome {
    return { state: this.state, reason, prechecks: this.prechecks, checkpoint: this.checkpoint };
  }

  private sourceConnection(): MySqlConnectionConfig {
    const password = resolveSecret(this.task.source.password, { task: this.task.name, what: 'source password', baseDir: this.options.baseDir });
    return connectionConfigFor(this.task.source, password);
  }

  private async sourceInfo(connection: MySqlConnectionConfig): Promise<SourceInfo> {
    const conn = await openConnection(connection);
    try {
      const [rows] = await conn.query('SELECT VERSION() AS v');
      const version = String((rows as { v: unknown }[])[0]?.v ?? '');
      return { version, dialect: /mariadb/i.test(version) ? 'mariadb' : 'mysql' };
    } finally {
      await conn.end().catch(() => undefined);
    }
  }

  private async runPrechecks(connection: MySqlConnectionConfig): Promise<SinkPrecheck[]> {
    const source = this.options.sourcePrechecks ? await this.options.sourcePrechecks(this.task, connection) : [];
    const sink = await this.options.sink.prechecks();
    const results = [...source, ...sink];
    for (const r of results) {
      const fields = { id: r.id, status: r.status, ...(r.fix ? { fix: r.fix } : {}) };
      if (r.status === 'fail') this.log.error(r.message, fields);
      else if (r.status === 'warn') this.log.warn(r.message, fields);
      else this.log.info(r.message, fields);
    }
    return results;
  }

  /** Where streaming resumes: the destination's own checkpoint, else the state dir's, else the source's current end. */
  private async streamStart(connection: MySqlConnectionConfig, sinkMark: TransactionMark | undefined): Promise<{ start: BinlogStart; firstSeq: number }> {
    if (sinkMark) {
      return {
        start: { kind: 'position', file: sinkMark.position.file, pos: sinkMark.position.pos, gtidSet: (sinkMark.position as { gtidSet?: string }).gtidSet },
        firstSeq: sinkMark.lastEventSeq + 1,
      };
    }
    const saved = this.checkpoint?.binlog;
    if (saved) return { start: { kind: 'position', file: saved.file, pos: saved.pos, gtidSet: saved.gtidSet }, firstSeq: (this.checkpoint?.lastSeq ?? 0) + 1 };
    // First run, incremental only: pin the current end as the checkpoint before reading, so a crash
    // before the first transaction cannot skip the changes made in between.
    const conn = await openConnection(connection);
    try {
      const status = await readMasterStatus(conn);
      const binlog = { file: status.file, pos: status.pos, ...(status.gtidSet ? { gtidSet: status.gtidSet } : {}) };
      this.checkpoint = await this.store.writeCheckpoint({ binlog, lastSeq: 0 });
      this.log.info('incremental synchronization starts at the current binlog end', { file: status.file, pos: status.pos });
      return { start: { kind: 'position', ...binlog }, firstSeq: 1 };
    } finally {
      await conn.end().catch(() => undefined);
    }
  }

  private async stream(connection: MySqlConnectionConfig, initial: { start: BinlogStart; firstSeq: number }): Promise<void> {
    if (this.options.untilCaughtUp) {
      const conn = await openConnection(connection);
      try {
        this.caughtUpTarget = await readMasterStatus(conn);
      } finally {
        await conn.end().catch(() => undefined);
      }
      this.log.info('streaming until caught up', { file: this.caughtUpTarget.file, pos: this.caughtUpTarget.pos });
    }
    const selector = new ObjectSelector(this.task);
    const databases = new Set(this.task.objects.map((o) => o.database));
    const retry = new RetryClock(this.task.retry);
    let start = initial;
    let attempt = 0;
    const ticker = setInterval(() => void this.tick(), this.options.checkpointIntervalMs ?? 500);
    try {
      for (;;) {
        if (this.isCaughtUp(start.start)) this.requestStop('caught up');
        if (this.stopReason !== undefined) break;
        const reader = new BinlogReader({
          task: this.task.name,
          connection,
          serverId: this.task.serverId,
          start: start.start,
          firstSeq: start.firstSeq,
          include: (db, table) => (table === undefined ? databases.has(db) : selector.isTableSelected(db, table)),
          classifyDdl: (sql, db) => {
            const c = classifyDdl(sql, db);
            return { operation: c.operation, database: c.tables[0]?.database ?? c.database, table: c.tables[0]?.table };
          },
        });
        this.reader = reader;
        try {
          await reader.start();
          for await (const transaction of reader.transactions()) {
            await this.options.sink.write(transaction as SourceTransaction);
            attempt = 0;
            retry.reset();
            if (this.stopReason !== undefined) break;
          }
          if (this.stopReason !== undefined) break;
          throw new BinlogReaderError('connection', `task ${this.task.name}: the binlog stream ended unexpectedly`);
        } catch (error) {
          if (this.stopReason !== undefined) break;
          if (!(error instanceof BinlogReaderError) || !error.retryable) throw error;
          const delay = retry.next(error, ++attempt);
          if (delay === undefined) {
            throw new Error(`${error.message}; gave up after retrying for ${this.task.retry.connectionMinutes} minutes`);
          }
          this.log.warn('binlog connection lost, reconnecting from the durable checkpoint', { attempt, delayMs: delay, error: error.message });
          await this.options.sink.drain();
          await this.saveCheckpoint();
          await new Promise((r) => setTimeout(r, delay));
          const mark = this.options.sink.durable();
          if (mark) start = { start: { kind: 'position', file: mark.position.file, pos: mark.position.pos, gtidSet: (mark.position as { gtidSet?: string }).gtidSet }, firstSeq: mark.lastEventSeq + 1 };
        } finally {
          await reader.stop().catch(() => undefined);
          this.reader = undefined;
        }
      }
      await this.options.sink.drain();
      await this.saveCheckpoint();
      await this.setState('Suspended', this.stopReason);
      this.log.info('task stopped', { reason: this.stopReason, position: this.checkpoint?.binlog });
    } finally {
      clearInterval(ticker);
    }
  }

  private isCaughtUp(position: BinlogStart | BinlogPosition): boolean {
    if (!this.caughtUpTarget) return false;
    if ('kind' in position && position.kind !== 'position') return false;
    return comparePositions(position as BinlogPosition, this.caughtUpTarget) >= 0;
  }

  private async tick(): Promise<void> {
    try {
      await this.saveCheckpoint();
      const durable = this.options.sink.durable();
      if (durable && this.isCaughtUp(durable.position)) this.requestStop('caught up');
    } catch (error) {
      this.log.warn('saving the checkpoint failed; will retry', { error: String(error) });
    }
  }

  private requestStop(reason: string): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    void this.reader?.stop();
  }

  private saving = Promise.resolve();

  /** Persists the sink's newest durable mark, if it moved. Serialised: never two writes at once. */
  private saveCheckpoint(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const mark = this.options.sink.durable();
      if (!mark) return;
      const current = this.checkpoint?.binlog;
      if (current && current.file === mark.position.file && current.pos === mark.position.pos) return;
      const gtidSet = (mark.position as { gtidSet?: string }).gtidSet;
      this.checkpoint = await this.store.writeCheckpoint({
        ...(this.checkpoint?.snapshot ? { snapshot: this.checkpoint.snapshot } : {}),
        binlog: { file: mark.position.file, pos: mark.position.pos, ...(mark.position.gtid ? { gtid: mark.position.gtid } : {}), ...(gtidSet ? { gtidSet } : {}) },
        lastSeq: mark.lastEventSeq,
      });
      this.options.onProgress?.({ state: this.state, durable: mark, caughtUpTarget: this.caughtUpTarget });
    });
    return this.saving;
  }

  private async setState(state: TaskState, reason?: string): Promise<void> {
    this.state = state;
    await this.store.writeStatus(state, reason);
    this.log.info(`task state ${state}`, reason ? { reason } : {});
    this.options.onProgress?.({ state, durable: this.options.sink.durable(), caughtUpTarget: this.caughtUpTarget });
  }
}
