// What the MySQL -> MySQL end-to-end tests share: a task over a fresh source database (e2eTask), the
// dts CLI as a child process, admin connections to both instances, row-count and duplicate checks on
// the destination.
import { afterAll, beforeAll } from '@jest/globals';
import mysql from 'mysql2/promise';
import type { TaskSpec } from '../../../runtime/manifest/types.js';
import { scratchDir, writeManifest } from '../../support/engine.js';
import { databaseObject, mysqlTask } from '../../support/mysql-task.js';
import { destinationConnection, sourceConnection, uniqueName } from '../../support/stack.js';

export { dts, verify, type CliResult, type VerifyJson } from '../../support/cli.js';

export async function adminConnection(role: 'source' | 'destination'): Promise<mysql.Connection> {
  const options = role === 'source' ? sourceConnection() : destinationConnection();
  return mysql.createConnection({ ...options, multipleStatements: true });
}

export async function scalar(conn: mysql.Connection, sql: string): Promise<number> {
  const [rows] = await conn.query(sql);
  const first = (rows as Record<string, unknown>[])[0];
  return Number(first ? Object.values(first)[0] : NaN);
}

/** Rows and distinct ids of one table: equal unless a replay doubled a row. */
export async function rowCounts(conn: mysql.Connection, table: string): Promise<{ rows: number; distinctIds: number }> {
  const [r] = await conn.query(`SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM ${table}`);
  const row = (r as { n: number; d: number }[])[0]!;
  return { rows: Number(row.n), distinctIds: Number(row.d) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface E2eTask {
  /** The source database, created empty before the tests (and `prepare` run on it). */
  readonly db: string;
  /** Where the task maps it on the destination. */
  readonly target: string;
  readonly task: TaskSpec;
  readonly manifest: string;
  readonly stateDir: string;
  /** Admin connections, open during the tests. */
  readonly src: mysql.Connection;
  readonly dst: mysql.Connection;
}

/**
 * One MySQL -> MySQL task (schema + full + incremental) over a fresh source database mapped to
 * `<db>_d`, with its manifest and state dir. Registers the calling describe's beforeAll/afterAll:
 * connections opened, the database created and `prepare`d; then both databases and the task's
 * destination checkpoint and task row dropped.
 */
export function e2eTask(prefix: string, options: { overrides?: Partial<TaskSpec>; prepare?: (src: mysql.Connection, db: string) => Promise<void> } = {}): E2eTask {
  const db = uniqueName(prefix);
  const target = `${db}_d`;
  const task = mysqlTask({ name: `${db}_t`, objects: [databaseObject(db, target)], ...(options.overrides ? { overrides: options.overrides } : {}) });
  const dir = scratchDir(`mysql-e2e-${prefix}`);
  const conns: { src?: mysql.Connection; dst?: mysql.Connection } = {};
  beforeAll(async () => {
    conns.src = await adminConnection('source');
    conns.dst = await adminConnection('destination');
    await conns.src.query(`CREATE DATABASE ${db}`);
    await options.prepare?.(conns.src, db);
  });
  afterAll(async () => {
    await conns.src?.query(`DROP DATABASE IF EXISTS ${db}`);
    await conns.dst?.query(`DROP DATABASE IF EXISTS ${target}`);
    await conns.dst?.query('DELETE FROM __dts.checkpoints WHERE task = ?', [task.name]).catch(() => undefined);
    await conns.dst?.query('DELETE FROM __dts.tasks WHERE task = ?', [task.name]).catch(() => undefined);
    await conns.src?.end();
    await conns.dst?.end();
  });
  return {
    db, target, task, manifest: writeManifest(dir, [task]), stateDir: `${dir}/state`,
    get src() {
      return conns.src!;
    },
    get dst() {
      return conns.dst!;
    },
  };
}
