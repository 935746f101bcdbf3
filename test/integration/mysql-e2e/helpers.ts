// What the MySQL -> MySQL end-to-end tests share: the dts CLI as a child process, admin connections
// to both instances, row-count and duplicate checks on the destination.
import mysql from 'mysql2/promise';
import { destinationConnection, sourceConnection } from '../../support/stack.js';

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
