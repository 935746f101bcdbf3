// What the MySQL -> MySQL end-to-end tests share: the dts CLI as a child process, admin connections
// to both instances, row-count and duplicate checks on the destination.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { REPO_ROOT } from '../../support/engine.js';
import { destinationConnection, sourceConnection } from '../../support/stack.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `dts <args>` (node runtime/cli/dts.mjs) to its end. */
export function dts(args: readonly string[], timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'runtime', 'cli', 'dts.mjs'), ...args], { cwd: REPO_ROOT, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export interface VerifyJson {
  readonly equal: boolean;
  readonly tasks: {
    readonly task: string;
    readonly equal: boolean;
    readonly tables: { source: string; destination: string; rowsCompared: number; differences: { kind: string; key: Record<string, unknown> }[] }[];
  }[];
}

/** `dts verify <manifest> [--task NAME] --json` with a short lag recheck; the parsed report and exit code. */
export async function verify(manifest: string, task?: string): Promise<{ code: number; report: VerifyJson | undefined; stderr: string }> {
  const r = await dts(['verify', manifest, ...(task ? ['--task', task] : []), '--json', '--recheck-delay', '1']);
  let report: VerifyJson | undefined;
  try {
    report = JSON.parse(r.stdout) as VerifyJson;
  } catch {
    report = undefined;
  }
  return { code: r.code, report, stderr: r.stderr };
}

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
