/**
 * The destination-side checkpoint: one row per task in `<engineSchema>.checkpoints`, written in the
 * same destination transaction as the rows it covers, so the data and the resume point commit (or
 * roll back) together. `ddl_pending` names a DDL transaction started but not yet confirmed: DDL
 * commits implicitly, so after a crash between the DDL and its checkpoint the replay must recognise
 * "already applied" errors for that one statement. `within_transaction` records how far into a
 * source transaction delivered in pieces the committed rows go (TransactionMark.within).
 */
import type { DestinationCheckpoint, SourceCheckpoint, TransactionMark } from '../../state/offsets.js';
import type { QueryConnection } from '../../sources/mysql/connection.js';
import { sqlLiteral, stringLiteral } from './sql-literal.js';
import { quoteIdent } from '../../util/sql-identifiers.js';
import { LEASE_DEFAULTS } from '../../manifest/defaults.js';

export const CHECKPOINT_TABLE = 'checkpoints';

export function checkpointTableDdl(schema: string): string[] {
  return [
    `CREATE DATABASE IF NOT EXISTS ${quoteIdent(schema)}`,
    `CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.${quoteIdent(CHECKPOINT_TABLE)} (
      task VARCHAR(191) NOT NULL PRIMARY KEY,
      file VARCHAR(255) NOT NULL,
      pos BIGINT UNSIGNED NOT NULL,
      gtid VARCHAR(255) NULL,
      gtid_set TEXT NULL,
      last_seq BIGINT NOT NULL,
      last_event_seq BIGINT NOT NULL,
      commit_time BIGINT NOT NULL,
      ddl_pending VARCHAR(255) NULL,
      source_checkpoint LONGTEXT NULL,
      batch_id VARCHAR(64) NULL,
      deferred_ddl LONGTEXT NULL,
      within_transaction VARCHAR(255) NULL,
      within_row BIGINT NULL,
      owner_epoch BIGINT NOT NULL DEFAULT 0,
      updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)
    ) ENGINE=InnoDB`,
  ];
}

export async function ensureCheckpointTable(conn: QueryConnection, schema: string): Promise<void> {
  for (const sql of checkpointTableDdl(schema)) await conn.query(sql);
  // Tables created by an older engine lack the newer columns.
  const cols = await columnsOf(conn, schema, CHECKPOINT_TABLE);
  if (!cols.has('source_checkpoint')) {
    await conn.query(`ALTER TABLE ${quoteIdent(schema)}.${quoteIdent(CHECKPOINT_TABLE)} ADD COLUMN source_checkpoint LONGTEXT NULL AFTER ddl_pending`);
  }
  if (!cols.has('batch_id')) {
    await conn.query(`ALTER TABLE ${quoteIdent(schema)}.${quoteIdent(CHECKPOINT_TABLE)} ADD COLUMN batch_id VARCHAR(64) NULL AFTER source_checkpoint`);
  }
  if (!cols.has('deferred_ddl')) {
    await conn.query(`ALTER TABLE ${quoteIdent(schema)}.${quoteIdent(CHECKPOINT_TABLE)} ADD COLUMN deferred_ddl LONGTEXT NULL AFTER batch_id`);
  }
  if (!cols.has('within_transaction')) {
    await conn.query(`ALTER TABLE ${quoteIdent(schema)}.${quoteIdent(CHECKPOINT_TABLE)} ADD COLUMN within_transaction VARCHAR(255) NULL AFTER deferred_ddl, ADD COLUMN within_row BIGINT NULL AFTER within_transaction`);
  }
  if (!cols.has('owner_epoch')) {
    await conn.query(`ALTER TABLE ${quoteIdent(schema)}.${quoteIdent(CHECKPOINT_TABLE)} ADD COLUMN owner_epoch BIGINT NOT NULL DEFAULT 0 AFTER within_row`);
  }
  await conn.query(`CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.${quoteIdent(TASKS_TABLE)} (
      task VARCHAR(191) NOT NULL PRIMARY KEY,
      schema_sync_started TIMESTAMP(6) NULL,
      schema_sync_done TIMESTAMP(6) NULL,
      owner_epoch BIGINT NOT NULL DEFAULT 0
    ) ENGINE=InnoDB`);
  await conn.query(`CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.${quoteIdent(SESSIONS_TABLE)} (
      task VARCHAR(191) NOT NULL,
      connection_id BIGINT UNSIGNED NOT NULL,
      server_boot BIGINT NOT NULL,
      opened_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
      PRIMARY KEY (task, connection_id)
    ) ENGINE=InnoDB`);
  if (!(await columnsOf(conn, schema, TASKS_TABLE)).has('owner_epoch')) {
    await conn.query(`ALTER TABLE ${quoteIdent(schema)}.${quoteIdent(TASKS_TABLE)} ADD COLUMN owner_epoch BIGINT NOT NULL DEFAULT 0`);
  }
}

/*
 * Fencing. An engine that opens the sink claims the next owner epoch of its task (tasks.owner_epoch);
 * every destination transaction first reads that epoch under a shared lock and goes on only if it is
 * still its own. The claim takes the row exclusively, so it waits for transactions already past their
 * check to end, and every transaction started after it sees the new epoch: an old owner revived after
 * a pause (SIGSTOP, a frozen VM) can never commit again. The epoch is also written in the checkpoint row.
 */

/** A destination transaction of an engine whose owner epoch is no longer the task's. */
export class FencedError extends Error {
  /** Handled as a lost lease: the engine stops the task and waits to own it again. */
  readonly leaseLost = true;
  /** The expected end of an owner revived after a takeover: the runner says so as info, not as a warning. */
  readonly fenced = true;
}

/*
 * A paused owner can sit inside a destination transaction: its shared lock on the epoch row (and its
 * row locks) would hold the claim until the lock wait times out (1205), on MySQL for ever (no idle
 * transaction timeout) and on MariaDB whenever innodb_lock_wait_timeout is below the lease's life.
 * So every destination session of an owner is registered (`sessions`: task, connection id, the
 * server's boot time). A claim waits CLAIM_WAIT_SECONDS for the transactions already past their check
 * (a live owner finishes its commit in that time); when the wait times out, it ends the sessions
 * earlier owners registered (KILL CONNECTION, which an account may do to its own sessions without any
 * grant) and claims again. A session id is only killed when the server has not restarted since (same
 * boot time) and the session is still one of this account's.
 */
export const SESSIONS_TABLE = 'sessions';
/** How long a claim waits for an earlier owner's transaction before it ends that owner's sessions: the lease's safety margin. */
export const CLAIM_WAIT_SECONDS = Math.ceil(LEASE_DEFAULTS.safetyMs / 1000);
/** Rounds of claim-then-evict before a claim that keeps timing out is an error. */
export const CLAIM_ROUNDS = 5;

/** What a claim did: the epoch it took and the earlier owners' sessions it ended. */
export interface OwnerClaim {
  readonly epoch: number;
  readonly evicted: readonly number[];
}

/** Claims the task's next owner epoch (a transaction of its own); ends earlier owners' sessions only when they hold the claim up (see above). */
export async function claimOwnerEpoch(conn: QueryConnection, schema: string, task: string): Promise<OwnerClaim> {
  const table = `${quoteIdent(schema)}.${quoteIdent(TASKS_TABLE)}`;
  const evicted: number[] = [];
  await conn.query('SET SESSION innodb_lock_wait_timeout = ?', [CLAIM_WAIT_SECONDS]);
  try {
    for (let round = 1; ; round++) {
      await conn.query('START TRANSACTION');
      try {
        await conn.query(`INSERT INTO ${table} (task, owner_epoch) VALUES (?, 1) ON DUPLICATE KEY UPDATE owner_epoch = owner_epoch + 1`, [task]);
        const [rows] = (await conn.query(`SELECT owner_epoch AS e FROM ${table} WHERE task = ?`, [task])) as unknown as [{ e: unknown }[]];
        await conn.query('COMMIT');
        // Whatever an earlier owner registered is gone or fenced now; this session is the new owner's.
        await forgetSessions(conn, schema, task);
        await registerSession(conn, schema, task);
        return { epoch: Number(rows[0]?.e), evicted };
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        // The wait timed out: an earlier owner holds a transaction open (paused inside it). End its sessions, claim again.
        if ((err as { errno?: number }).errno !== 1205 || round >= CLAIM_ROUNDS) throw err;
        evicted.push(...(await evictEarlierSessions(conn, schema, task)));
      }
    }
  } finally {
    await conn.query('SET SESSION innodb_lock_wait_timeout = DEFAULT').catch(() => undefined);
  }
}

/** Records `conn` as a destination session of the task's current owner (autocommit). */
export async function registerSession(conn: QueryConnection, schema: string, task: string): Promise<void> {
  const boot = await serverBoot(conn);
  await conn.query(`REPLACE INTO ${quoteIdent(schema)}.${quoteIdent(SESSIONS_TABLE)} (task, connection_id, server_boot) VALUES (?, CONNECTION_ID(), ?)`, [task, boot]);
}

/** Forgets every session registered for the task. */
async function forgetSessions(conn: QueryConnection, schema: string, task: string): Promise<void> {
  await conn.query(`DELETE FROM ${quoteIdent(schema)}.${quoteIdent(SESSIONS_TABLE)} WHERE task = ?`, [task]);
}

/** Ends the sessions earlier owners of the task registered, then forgets them; returns the ids ended. */
export async function evictEarlierSessions(conn: QueryConnection, schema: string, task: string): Promise<number[]> {
  const table = `${quoteIdent(schema)}.${quoteIdent(SESSIONS_TABLE)}`;
  const boot = await serverBoot(conn);
  const [registered] = (await conn.query(`SELECT connection_id AS id, server_boot AS boot FROM ${table} WHERE task = ?`, [task])) as unknown as [{ id: unknown; boot: unknown }[]];
  if (registered.length === 0) return [];
  // This account's sessions (PROCESSLIST shows them without any grant; with PROCESS it shows all, so filter).
  const [live] = (await conn.query(
    "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND USER = SUBSTRING_INDEX(USER(), '@', 1)",
  )) as unknown as [{ id: unknown }[]];
  const mine = new Set(live.map((r) => Number(r.id)));
  const ended: number[] = [];
  for (const r of registered) {
    const id = Number(r.id);
    if (Math.abs(Number(r.boot) - boot) > 2 || !mine.has(id)) continue;
    try {
      await conn.query(`KILL CONNECTION ${id}`);
      ended.push(id);
    } catch (error) {
      if ((error as { errno?: number }).errno !== 1094) throw error; // 1094: gone meanwhile
    }
  }
  await forgetSessions(conn, schema, task);
  return ended;
}

/** The destination server's start, in Unix seconds (its clock minus its uptime). */
async function serverBoot(conn: QueryConnection): Promise<number> {
  const [[now]] = (await conn.query('SELECT UNIX_TIMESTAMP() AS t')) as unknown as [[{ t: unknown }]];
  const [up] = (await conn.query("SHOW GLOBAL STATUS LIKE 'Uptime'")) as unknown as [{ Value: unknown }[]];
  return Math.round(Number(now?.t) - Number(up[0]?.Value));
}

/** Inside a destination transaction: fails with FencedError unless `epoch` is still the task's. */
export async function checkOwnerEpoch(conn: QueryConnection, schema: string, task: string, epoch: number): Promise<void> {
  const [rows] = (await conn.query(ownerEpochCheckSql(schema, task))) as unknown as [{ e: unknown }[]];
  assertOwnerEpoch(rows, task, epoch);
}

/** Reads the task's owner epoch under a shared lock (held to the transaction's end: a claim waits for it). */
export function ownerEpochCheckSql(schema: string, task: string): string {
  return `SELECT owner_epoch AS e FROM ${quoteIdent(schema)}.${quoteIdent(TASKS_TABLE)} WHERE task = ${stringLiteral(task)} LOCK IN SHARE MODE`;
}

/** Throws FencedError unless the rows of ownerEpochCheckSql hold `epoch`. */
export function assertOwnerEpoch(rows: readonly { e: unknown }[], task: string, epoch: number): void {
  const current = Number(rows[0]?.e);
  if (current !== epoch) {
    throw new FencedError(
      `task ${task}: fenced: another engine claimed the task (owner epoch ${current}, this engine's ${epoch}); this engine commits nothing more to the destination. ` +
        'It happens when an engine was paused or cut off long enough for a standby to take over; nothing is lost: the owner resumes from the checkpoint',
    );
  }
}

async function columnsOf(conn: QueryConnection, schema: string, table: string): Promise<Set<string>> {
  const [rows] = (await conn.query('SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [schema, table])) as unknown as [{ c: string }[]];
  return new Set(rows.map((r) => r.c));
}

/** Per task: whether its schema synchronization started / finished (a restart must not redo or refuse it). */
export const TASKS_TABLE = 'tasks';

export async function readSchemaSyncState(conn: QueryConnection, schema: string, task: string): Promise<'none' | 'started' | 'done'> {
  try {
    const [rows] = (await conn.query(`SELECT schema_sync_started AS s, schema_sync_done AS d FROM ${quoteIdent(schema)}.${quoteIdent(TASKS_TABLE)} WHERE task = ?`, [task])) as unknown as [{ s: unknown; d: unknown }[]];
    const r = rows[0];
    return !r ? 'none' : r.d !== null ? 'done' : r.s !== null ? 'started' : 'none';
  } catch (err) {
    const errno = (err as { errno?: number }).errno;
    if (errno === 1146 || errno === 1049) return 'none';
    throw err;
  }
}

export async function writeSchemaSyncState(conn: QueryConnection, schema: string, task: string, state: 'started' | 'done'): Promise<void> {
  const col = state === 'started' ? 'schema_sync_started' : 'schema_sync_done';
  await conn.query(`INSERT INTO ${quoteIdent(schema)}.${quoteIdent(TASKS_TABLE)} (task, ${col}) VALUES (?, CURRENT_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE ${col} = CURRENT_TIMESTAMP(6)`, [task]);
}

export function writeCheckpointSql(schema: string, task: string, cp: DestinationCheckpoint): string {
  const m = cp.mark;
  const values = [
    sqlLiteral(task), sqlLiteral(m.position.file), sqlLiteral(m.position.pos), sqlLiteral(m.position.gtid ?? null),
    sqlLiteral(m.position.gtidSet ?? null), sqlLiteral(m.lastSeq), sqlLiteral(m.lastEventSeq), sqlLiteral(m.commitTime), sqlLiteral(cp.ddlPending ?? null),
    sqlLiteral(m.checkpoint ? JSON.stringify(m.checkpoint) : null), sqlLiteral(cp.batchId ?? null),
    sqlLiteral(cp.deferredDdl ? JSON.stringify(cp.deferredDdl) : null),
    sqlLiteral(m.within?.transactionId ?? null), sqlLiteral(m.within?.throughRow ?? null), sqlLiteral(cp.ownerEpoch ?? 0),
  ];
  const cols = ['task', 'file', 'pos', 'gtid', 'gtid_set', 'last_seq', 'last_event_seq', 'commit_time', 'ddl_pending', 'source_checkpoint', 'batch_id', 'deferred_ddl', 'within_transaction', 'within_row', 'owner_epoch'];
  return `INSERT INTO ${quoteIdent(schema)}.${quoteIdent(CHECKPOINT_TABLE)} (${cols.join(', ')}) VALUES (${values.join(', ')}) ` +
    `ON DUPLICATE KEY UPDATE ${cols.slice(1).map((c) => `${c} = VALUES(${c})`).join(', ')}`;
}

export async function readCheckpoint(conn: QueryConnection, schema: string, task: string): Promise<DestinationCheckpoint | undefined> {
  let rows: Record<string, unknown>[];
  try {
    [rows] = (await conn.query(`SELECT * FROM ${quoteIdent(schema)}.${quoteIdent(CHECKPOINT_TABLE)} WHERE task = ?`, [task])) as unknown as [Record<string, unknown>[]];
  } catch (err) {
    const errno = (err as { errno?: number }).errno;
    if (errno === 1146 || errno === 1049) return undefined; // no table / schema yet: first run
    throw err;
  }
  const r = rows[0];
  if (!r) return undefined;
  const gtid = r.gtid === null || r.gtid === undefined ? undefined : String(r.gtid);
  const gtidSet = r.gtid_set === null || r.gtid_set === undefined ? undefined : String(r.gtid_set);
  const position = { file: String(r.file), pos: Number(r.pos), ...(gtid !== undefined ? { gtid } : {}), ...(gtidSet !== undefined ? { gtidSet } : {}) };
  const checkpoint = typeof r.source_checkpoint === 'string' ? (JSON.parse(r.source_checkpoint) as SourceCheckpoint) : undefined;
  const within = typeof r.within_transaction === 'string' && r.within_row !== null && r.within_row !== undefined
    ? { transactionId: r.within_transaction, throughRow: Number(r.within_row) }
    : undefined;
  const mark: TransactionMark = {
    lastSeq: Number(r.last_seq), lastEventSeq: Number(r.last_event_seq), commitTime: Number(r.commit_time), position,
    ...(checkpoint ? { checkpoint } : {}), ...(within ? { within } : {}),
  };
  return {
    mark,
    ...(r.ddl_pending !== null && r.ddl_pending !== undefined ? { ddlPending: String(r.ddl_pending) } : {}),
    ...(r.batch_id !== null && r.batch_id !== undefined ? { batchId: String(r.batch_id) } : {}),
    ...(typeof r.deferred_ddl === 'string' ? { deferredDdl: JSON.parse(r.deferred_ddl) as Record<string, string[]> } : {}),
  };
}
