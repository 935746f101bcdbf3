/**
 * Runs one task through its phases, Debezium-style: prechecks, then (when asked) full sync, then
 * binlog streaming from the checkpoint. State and checkpoint live in the task's state dir; the
 * checkpoint only ever names a position whose changes the sink holds durably.
 */
import type { Logger } from '../log.js';
import type { TaskSpec } from '../manifest/types.js';
import { heartbeatDatabase, isHeartbeatTable, startHeartbeat } from '../sources/heartbeat.js';
import { ChangeSource, type TableProgress, type TableRef } from '../sources/change-source.js';
import { BinlogReaderError, TablesChangedError } from '../sources/binlog/errors.js';
import { queryRows, resolveConnection, withConnection, type MySqlConnectionConfig } from '../sources/mysql/connection.js';
import { comparePositions, readMasterStatus } from '../sources/mysql/position.js';
import type { BinlogPosition, Checkpoint, TransactionMark } from '../state/offsets.js';
import type { TaskState } from '../state/types.js';
import { TaskStateStore } from '../state/state-store.js';
import type { Sink, SinkPrecheck, SourceInfo, SourceTransaction } from '../sinks/sink.js';
import { ObjectSelector } from '../transforms/select.js';
import { dumpLockName, isLeaseLost, type OwnerGuard } from '../lease/task-lease.js';

import { fullSyncTables } from './full-sync-tables.js';
import { classifyFailure, RetryClock } from '../util/retry.js';

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
  /** Told of state changes, checkpoints, full-sync progress and retries (metrics, status, alerts). */
  readonly observer?: TaskObserver;
  /**
   * The engine's lease on the task (runtime/lease), held when the run starts. Once it is lost the
   * task stops at once, without draining or writing its state dir, and ends in state Standby.
   */
  readonly lease?: OwnerGuard;
}

export interface TaskObserver {
  state(state: TaskState, reason?: string): void;
  checkpointed(mark: TransactionMark): void;
  fullSyncProgress(tables: readonly TableProgress[]): void;
  retry(kind: 'connection' | 'other', message: string): void;
  /** The stream has delivered everything the source has written so far. */
  idle(): void;
  /** A heartbeat row written at `commitTime` came through the binlog. */
  heartbeat(commitTime: number): void;
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
  private source?: ChangeSource;
  private caughtUpTarget?: BinlogPosition;
  /** Why the lease was lost, once it was: nothing more is delivered or written. */
  private leaseLost?: string;

  constructor(private readonly options: TaskRunOptions) {
    this.store = new TaskStateStore(options.stateDir);
    this.log = options.log.child({ task: options.task.name });
    this.task = options.task;
  }

  async run(): Promise<TaskOutcome> {
    const onAbort = () => this.requestStop(`stopped by ${String(this.options.signal?.reason ?? 'signal')}`);
    // A signal aborted before the task started (SIGTERM while `dts run` was loading) fires no 'abort'
    // event any more: the task then ran on and `dts run` never stopped (found by the torture run).
    if (this.options.signal?.aborted) onAbort();
    else this.options.signal?.addEventListener('abort', onAbort, { once: true });
    const lease = this.options.lease;
    const onLeaseLost = () => this.loseLease(String((lease?.lost.reason as Error | undefined)?.message ?? 'lost'));
    if (lease?.lost.aborted) onLeaseLost();
    else lease?.lost.addEventListener('abort', onLeaseLost, { once: true });
    try {
      await this.store.cleanup();
      this.checkpoint = await this.store.readCheckpoint();
      const connection = this.sourceConnection();

      await this.setState('Prechecking');
      const failedReason = await this.precheckUntilPassed(connection);
      if (failedReason !== undefined) {
        await this.setState('PrecheckFailed', failedReason);
        return this.outcome(failedReason);
      }

      const info = await this.startStep('reading the source version', () => this.sourceInfo(connection));
      await this.startStep('pinning the full sync start', () => this.pinFullSyncStart(connection));
      const sinkMark = await this.startStep('opening the destination', () => this.options.sink.open(info));
      const resumeFrom = await this.startStep('reading the resume position', () => this.resumeCheckpoint(connection, sinkMark));
      await this.stream(connection, resumeFrom, info);
      return this.outcome(this.stopReason);
    } catch (error) {
      if (this.leaseLost !== undefined || isLeaseLost(error)) {
        this.loseLease(error instanceof Error ? error.message : String(error), (error as { fenced?: unknown }).fenced === true);
        return this.outcome(this.leaseLost);
      }
      if (error instanceof StopRequested) return this.outcome(this.stopReason);
      const reason = error instanceof Error ? error.message : String(error);
      this.log.error('task failed', { reason });
      await this.saveCheckpoint().catch(() => undefined);
      await this.setState('Failed', reason).catch(() => undefined);
      return this.outcome(reason);
    } finally {
      this.options.signal?.removeEventListener('abort', onAbort);
      lease?.lost.removeEventListener('abort', onLeaseLost);
      await this.options.sink.close().catch((e: unknown) => this.log.warn('closing the sink failed', { error: String(e) }));
    }
  }

  /**
   * One step of starting the task, tried again when it loses its connection (a killed session, a
   * server restarting) within the task's connection-retry window, as the stream is; every step is
   * idempotent (the sink's open finishes an interrupted schema copy). Found by torture seed 12: a
   * KILL CONNECTION right after the schema copy failed the task; later, one while listing the tables
   * to copy (a step that was not yet one of these).
   */
  private async startStep<T>(what: string, step: () => Promise<T>): Promise<T> {
    const clock = new RetryClock(this.task.retry);
    for (let attempt = 1; ; attempt++) {
      try {
        return await step();
      } catch (error) {
        if (this.stopReason !== undefined) throw new StopRequested();
        const delay = classifyFailure(error) === 'connection' ? clock.next(error, attempt) : undefined;
        if (delay === undefined) throw error;
        const message = error instanceof Error ? error.message : String(error);
        this.log.warn(`${what} lost its connection; trying again`, { attempt, delayMs: delay, error: message });
        this.options.observer?.retry('connection', message);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private outcome(reason: string | undefined): TaskOutcome {
    return { state: this.state, reason, prechecks: this.prechecks, checkpoint: this.checkpoint };
  }

  private sourceConnection(): MySqlConnectionConfig {
    return resolveConnection(this.task.source, 'source', { task: this.task.name, baseDir: this.options.baseDir });
  }

  private async sourceInfo(connection: MySqlConnectionConfig): Promise<SourceInfo> {
    const version = await withConnection(connection, async (conn) => String((await queryRows(conn, 'SELECT VERSION() AS v'))[0]?.v ?? ''));
    return { version, dialect: /mariadb/i.test(version) ? 'mariadb' : 'mysql' };
  }

  /**
   * Runs the prechecks; failures that only say a service did not answer (retry 'connection': a broker
   * restarting) are checked again within the task's connection-retry window. The reason the task is
   * PrecheckFailed, or undefined when every check passed.
   */
  private async precheckUntilPassed(connection: MySqlConnectionConfig): Promise<string | undefined> {
    const clock = new RetryClock(this.task.retry);
    for (let attempt = 1; ; attempt++) {
      this.prechecks = await this.runPrechecks(connection);
      const failed = this.prechecks.filter((p) => p.status === 'fail');
      if (failed.length === 0) return undefined;
      const reason = failed.map((f) => `${f.message}${f.fix ? ` (fix: ${f.fix})` : ''}`).join('; ');
      const delay = failed.every((f) => f.retry === 'connection') ? clock.next({ kind: 'connection' }, attempt) : undefined;
      if (delay === undefined || this.stopReason !== undefined) return reason;
      this.log.warn('prechecks could not reach a service; checking again', { reason, attempt, delayMs: delay });
      await new Promise((r) => setTimeout(r, delay));
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

  /**
   * The checkpoint to resume from: the destination's own (a sink that commits it with the data wins),
   * else the state dir's. On a first incremental-only run the source's current end is pinned and
   * saved before reading, so a crash before the first change cannot skip the changes made meanwhile.
   */
  private async resumeCheckpoint(connection: MySqlConnectionConfig, sinkMark: TransactionMark | undefined): Promise<Checkpoint | undefined> {
    if (sinkMark?.checkpoint) return { version: 1, ...sinkMark.checkpoint, updatedAt: new Date().toISOString() };
    if (this.checkpoint?.binlog) return this.checkpoint;
    if (this.task.syncTypes.full) return this.checkpoint;
    const status = await withConnection(connection, readMasterStatus);
    const binlog = { file: status.file, pos: status.pos, ...(status.gtidSet ? { gtidSet: status.gtidSet } : {}) };
    this.checkpoint = await this.store.writeCheckpoint({ binlog, lastSeq: 0 });
    this.log.info('incremental synchronization starts at the current binlog end', { file: status.file, pos: status.pos });
    return this.checkpoint;
  }

  /**
   * A new full-sync task pins its binlog start before the sink opens: the MySQL sink's schema
   * synchronization copies the tables as they are then, and a DDL between that copy and a start read
   * afterwards would be in neither (rows with a new column then fail on the destination). Reading
   * from a start before the copy replays such DDL; the sink skips what the copy already holds.
   */
  private async pinFullSyncStart(connection: MySqlConnectionConfig): Promise<void> {
    if (!this.task.syncTypes.full || this.checkpoint?.binlog) return;
    const status = await withConnection(connection, readMasterStatus);
    const binlog = { file: status.file, pos: status.pos, ...(status.gtidSet ? { gtidSet: status.gtidSet } : {}) };
    this.checkpoint = await this.store.writeCheckpoint({ binlog, lastSeq: 0 });
    this.log.info('full synchronization: the stream starts at the binlog position pinned before the schema copy', { file: status.file, pos: status.pos });
  }

  /**
   * Which tables still need a full sync. A task whose full sync finished earlier and whose manifest
   * now selects more tables backfills only those (the plan's `backfill`), interleaved with the stream
   * of the others; tables no longer selected simply stop being delivered.
   */
  private async planFullSync(
    selector: ObjectSelector,
    connection: MySqlConnectionConfig,
    initial: Checkpoint | undefined,
  ): Promise<{ tables: TableRef[]; resumeFrom: Checkpoint | undefined }> {
    if (!this.task.syncTypes.full) return { tables: [], resumeFrom: initial };
    const wanted = await fullSyncTables(this.task, selector, connection);
    const snapshot = initial?.snapshot;
    if (!snapshot?.done) return { tables: wanted, resumeFrom: initial };
    const added = wanted.filter((t) => snapshot.tables[`${t.database}.${t.table}`] === undefined);
    if (added.length === 0) return { tables: [], resumeFrom: initial };
    this.log.info('backfilling tables added to the task; the other tables keep streaming', { tables: added.map((t) => `${t.database}.${t.table}`).join(', ') });
    return { tables: added, resumeFrom: { ...initial!, snapshot: { tables: snapshot.tables, done: false, backfill: true } } };
  }

  private async readCaughtUpTarget(connection: MySqlConnectionConfig): Promise<void> {
    this.caughtUpTarget = await withConnection(connection, readMasterStatus);
    this.log.info('streaming until caught up', { file: this.caughtUpTarget.file, pos: this.caughtUpTarget.pos });
  }

  private async stream(connection: MySqlConnectionConfig, initial: Checkpoint | undefined, info: SourceInfo): Promise<void> {
    const selector = new ObjectSelector(this.task, { dialect: info.dialect });
    const databases = new Set(this.task.objects.map((o) => o.database));
    const listTables = (from: Checkpoint | undefined) => this.startStep('listing the tables to copy', () => this.planFullSync(selector, connection, from));
    const planned = await listTables(initial);
    let tables = planned.tables;
    const retry = new RetryClock(this.task.retry);
    let resumeFrom = planned.resumeFrom;
    let attempt = 0;
    const heartbeatDb = this.task.heartbeat ? heartbeatDatabase(this.task.objects) : undefined;
    const heartbeat = heartbeatDb
      ? await this.startStep('starting the heartbeat', () =>
          startHeartbeat(connection, heartbeatDb, this.task.serverId, (message) => this.log.warn('heartbeat write failed', { error: message })),
        )
      : undefined;
    const ticker = setInterval(() => void this.tick(), this.options.checkpointIntervalMs ?? 500);
    try {
      for (;;) {
        if (this.stopReason !== undefined) break;
        const source = new ChangeSource({
          task: this.task.name,
          connection,
          serverId: this.task.serverId,
          fullSyncTables: tables,
          ...(resumeFrom ? { checkpoint: resumeFrom } : {}),
          include: (db, table) =>
            table === undefined ? databases.has(db) : selector.isTableSelected(db, table) || isHeartbeatTable(heartbeatDb, db, table),
          ...(this.task.throttle.full ? { throttle: this.task.throttle.full } : {}),
          ...(this.task.mysql ? { fullSyncParallelism: this.task.mysql.fullSyncParallelism } : {}),
          ...(this.options.lease ? { dumpLock: dumpLockName(this.options.stack, this.task.name) } : {}),
        });
        this.source = source;
        try {
          await source.start();
          await this.setState(source.fullSyncDone ? 'Synchronizing' : 'FullSync');
          if (source.fullSyncDone && this.options.untilCaughtUp && !this.caughtUpTarget) await this.readCaughtUpTarget(connection);
          if (this.isCaughtUp(source.position)) this.requestStop('caught up');
          let lastCommit = Date.now();
          for await (const batch of source.batches()) {
            const last = batch.events[batch.events.length - 1];
            if (last && batch.origin === 'binlog') lastCommit = last.commitTime;
            const events = heartbeatDb ? batch.events.filter((e) => !isHeartbeatTable(heartbeatDb, e.database, e.table)) : batch.events;
            if (events.length < batch.events.length) this.options.observer?.heartbeat(lastCommit);
            await this.options.sink.write({
              events,
              position: batch.checkpoint.binlog,
              commitTime: lastCommit,
              transactionId: batch.events[0]?.transactionId ?? `${batch.checkpoint.binlog.file}:${batch.checkpoint.binlog.pos}`,
              bytes: batch.bytes,
              origin: batch.origin,
              checkpoint: batch.checkpoint,
              ...(batch.partial ? { partial: true } : {}),
            });
            if (batch.origin === 'snapshot') this.options.observer?.fullSyncProgress(source.progress());
            attempt = 0;
            retry.reset();
            if (this.state === 'FullSync' && source.fullSyncDone) {
              // Done means on the destination: the sink may still be applying the last chunks. The
              // state dir's checkpoint says so before the state does.
              await this.options.sink.drain();
              await this.saveCheckpoint();
              await this.setState('Synchronizing');
              this.log.info('full synchronization done', { tables: source.progress().map((p) => `${p.table}:${p.rowsDone}`).join(' ') });
              if (this.options.untilCaughtUp && !this.caughtUpTarget) await this.readCaughtUpTarget(connection);
            }
            // --until-caught-up: everything up to the target is written; the stop drains it to the sink.
            if (source.fullSyncDone && this.isCaughtUp(batch.checkpoint.binlog)) this.requestStop('caught up');
            if (this.stopReason !== undefined) break;
          }
          if (this.stopReason !== undefined) break;
          throw new BinlogReaderError('connection', `task ${this.task.name}: the binlog stream ended unexpectedly`);
        } catch (error) {
          if (this.stopReason !== undefined || isLeaseLost(error)) break;
          // Reconnecting opens plain query connections too (ChangeSource.start, the caught-up target):
          // their refusals are connection failures like the binlog reader's, not task failures.
          const retryable = error instanceof BinlogReaderError ? error.retryable : classifyFailure(error) === 'connection';
          if (!retryable) throw error;
          const message = error instanceof Error ? error.message : String(error);
          const delay = retry.next(error, ++attempt);
          if (delay === undefined) {
            throw new Error(
              `task ${this.task.name}: lost the source connection (${message}); gave up after retrying for ${this.task.retry.connectionMinutes} minutes. ` +
                'Fix the source or the network, then run the task again: it resumes from its checkpoint',
            );
          }
          this.log.warn('source connection lost, reconnecting from the durable checkpoint', { attempt, delayMs: delay, error: message });
          this.options.observer?.retry('connection', message);
          await this.options.sink.drain();
          await this.saveCheckpoint();
          await new Promise((r) => setTimeout(r, delay));
          resumeFrom = this.checkpoint;
          // A backfilled table was renamed or dropped: copy the tables under the names they have now.
          if (error instanceof TablesChangedError) ({ tables, resumeFrom } = await listTables(resumeFrom));
        } finally {
          await source.stop().catch(() => undefined);
          this.source = undefined;
        }
      }
      if (this.leaseLost !== undefined) throw new StopRequested();
      await this.options.sink.drain();
      await this.saveCheckpoint();
      await this.setState('Suspended', this.stopReason);
      this.log.info('task stopped', { reason: this.stopReason, position: this.checkpoint?.binlog });
    } finally {
      clearInterval(ticker);
      await heartbeat?.stop();
    }
  }

  /** Caught up: the target is known (full sync finished) and the given position is at or past it. */
  private isCaughtUp(position: BinlogPosition): boolean {
    if (!this.caughtUpTarget) return false;
    return comparePositions(position, this.caughtUpTarget) >= 0;
  }

  private async tick(): Promise<void> {
    // A sink that failed for good while the source is idle would otherwise never be asked again:
    // stop the stream, and drain() then throws the sink's error, which fails the task.
    if (this.options.sink.failure()) this.requestStop('the sink failed');
    try {
      await this.saveCheckpoint();
      const durable = this.options.sink.durable();
      const snapshotDone = durable?.checkpoint?.snapshot?.done ?? true;
      if (durable && snapshotDone && this.isCaughtUp(durable.position)) this.requestStop('caught up');
      const source = this.source;
      if (durable && snapshotDone && source?.binlogReader?.queueLength === 0 && comparePositions(durable.position, source.position) >= 0) {
        this.options.observer?.idle();
      }
    } catch (error) {
      this.log.warn('saving the checkpoint failed; will retry', { error: String(error) });
    }
  }

  /**
   * The lease is gone: another engine may own the task now. Stop reading at once; the sink is closed
   * without draining (what it still holds is delivered again by the owner, from the checkpoint).
   */
  private loseLease(reason: string, fenced = false): void {
    if (this.leaseLost !== undefined) return;
    this.leaseLost = reason;
    this.state = 'Standby';
    // A fencing refusal (FencedError.fenced) is the expected end of an owner revived after a takeover: said once, as info.
    this.log[fenced ? 'info' : 'warn']('the task lease was lost: this engine stops delivering and waits to own the task again', { reason });
    this.options.observer?.state('Standby', `lease lost: ${reason}`);
    this.requestStop(`lease lost: ${reason}`);
  }

  private requestStop(reason: string): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    void this.source?.stop();
  }

  private saving = Promise.resolve();

  /** Persists the sink's newest durable mark, if it moved. Serialised: never two writes at once. */
  private saveCheckpoint(): Promise<void> {
    this.saving = this.saving.then(async () => {
      // The state dir belongs to the lease holder: a lost lease writes nothing more.
      if (this.options.lease && !this.options.lease.valid()) return;
      const mark = this.options.sink.durable();
      if (!mark) return;
      const current = this.checkpoint;
      if (current?.binlog && current.binlog.file === mark.position.file && current.binlog.pos === mark.position.pos && current.lastSeq === mark.lastEventSeq) return;
      if (mark.checkpoint) {
        this.checkpoint = await this.store.writeCheckpoint(mark.checkpoint);
      } else {
        const { file, pos, gtid, gtidSet } = mark.position;
        this.checkpoint = await this.store.writeCheckpoint({
          ...(this.checkpoint?.snapshot ? { snapshot: this.checkpoint.snapshot } : {}),
          binlog: { file, pos, ...(gtid ? { gtid } : {}), ...(gtidSet ? { gtidSet } : {}) },
          lastSeq: mark.lastEventSeq,
        });
      }
      this.options.observer?.checkpointed(mark);
    });
    return this.saving;
  }

  private async setState(state: TaskState, reason?: string): Promise<void> {
    if (this.leaseLost !== undefined) return;
    this.options.lease?.assertValid(`recording state ${state}`);
    this.state = state;
    await this.store.writeStatus(state, reason);
    this.log.info(`task state ${state}`, reason ? { reason } : {});
    this.options.observer?.state(state, reason);
  }
}
