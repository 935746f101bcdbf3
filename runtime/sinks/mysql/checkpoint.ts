/**
 * The destination-side checkpoint: one row per task in `<engineSchema>.checkpoints`, written in the
 * same destination transaction as the rows it covers, so the data and the resume point commit (or
 * roll back) together. `ddl_pending` names a DDL transaction started but not yet confirmed: DDL
 * commits implicitly, so after a crash between the DDL and its checkpoint the replay must recognise
 * "already applied" errors for that one statement.
 */
import type { TransactionMark } from '../../pipeline/commit-tracker.js';
import type { QueryConnection } from '../../sources/mysql/connection.js';
import { ident, sqlLiteral } from './sql-literal.js';

export interface StoredCheckpoint {
  readonly mark: TransactionMark;
  /** Executed GTID set after the checkpointed transaction (MariaDB domain-server-seq list). */
  readonly gtidSet?: string;
  /** Transaction id of a DDL begun but not confirmed. */
  readonly ddlPending?: string;
}

export const CHECKPOINT_TABLE = 'checkpoints';

export function checkpointTableDdl(schema: string): string[] {
  return [
    `CREATE DATABASE IF NOT EXISTS ${ident(schema)}`,
    `CREATE TABLE IF NOT EXISTS ${ident(schema)}.${ident(CHECKPOINT_TABLE)} (
      task VARCHAR(191) NOT NULL PRIMARY KEY,
      file VARCHAR(255) NOT NULL,
      pos BIGINT UNSIGNED NOT NULL,
      gtid VARCHAR(255) NULL,
      gtid_set TEXT NULL,
      last_seq BIGINT NOT NULL,
      last_event_seq BIGINT NOT NULL,
      commit_time BIGINT NOT NULL,
      ddl_pending VARCHAR(255) NULL,
      updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)
    ) ENGINE=InnoDB`,
  ];
}

export async function ensureCheckpointTable(conn: QueryConnection, schema: string): Promise<void> {
  for (const sql of checkpointTableDdl(schema)) await conn.query(sql);
}

export function writeCheckpointSql(schema: string, task: string, cp: StoredCheckpoint): string {
  const m = cp.mark;
  const values = [
    sqlLiteral(task), sqlLiteral(m.position.file), sqlLiteral(m.position.pos), sqlLiteral(m.position.gtid ?? null),
    sqlLiteral(cp.gtidSet ?? null), sqlLiteral(m.lastSeq), sqlLiteral(m.lastEventSeq), sqlLiteral(m.commitTime), sqlLiteral(cp.ddlPending ?? null),
  ];
  const cols = ['task', 'file', 'pos', 'gtid', 'gtid_set', 'last_seq', 'last_event_seq', 'commit_time', 'ddl_pending'];
  return `INSERT INTO ${ident(schema)}.${ident(CHECKPOINT_TABLE)} (${cols.join(', ')}) VALUES (${values.join(', ')}) ` +
    `ON DUPLICATE KEY UPDATE ${cols.slice(1).map((c) => `${c} = VALUES(${c})`).join(', ')}`;
}

export async function readCheckpoint(conn: QueryConnection, schema: string, task: string): Promise<StoredCheckpoint | undefined> {
  let rows: Record<string, unknown>[];
  try {
    [rows] = (await conn.query(`SELECT * FROM ${ident(schema)}.${ident(CHECKPOINT_TABLE)} WHERE task = ?`, [task])) as unknown as [Record<string, unknown>[]];
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
  return {
    mark: { lastSeq: Number(r.last_seq), lastEventSeq: Number(r.last_event_seq), commitTime: Number(r.commit_time), position },
    ...(gtidSet !== undefined ? { gtidSet } : {}),
    ...(r.ddl_pending !== null && r.ddl_pending !== undefined ? { ddlPending: String(r.ddl_pending) } : {}),
  };
}
