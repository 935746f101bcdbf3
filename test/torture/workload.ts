// Concurrent writers against the source: single- and multi-row transactions, key-changing UPDATEs
// (case-only and '007' -> '7' included), delete and re-insert of one key, REPLACE, INSERT ... ON
// DUPLICATE KEY UPDATE, unique-value swaps, XA transactions committed and rolled back, a non-strict
// session storing an ENUM's error member, and DDL while everything streams: ADD / DROP / RENAME
// COLUMN and TRUNCATE at any time (full sync included); RENAME TABLE inside the database and DROP +
// CREATE of a selected table once `tableDdl()` says the full sync is over (during it the engine
// fails the task naming the table, as DTS asks for no such DDL then). Every LARGE_EVERY_MS one
// writer runs a transaction of more than STREAM_TRANSACTION_ROWS row changes (whole-table UPDATEs
// and single-row changes mixed), which the engine delivers in pieces. Every statement that ran
// is appended to the SQL log, so a failing seed can be replayed by hand.
import { appendFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { STREAM_TRANSACTION_ROWS } from '../../runtime/manifest/defaults.js';
import type { Rng } from './rng.js';
import { rowValues, type TableSpec } from './schema.js';
import { columnValue } from './types.js';

export interface WorkloadOptions {
  readonly connection: mysql.ConnectionOptions;
  readonly database: string;
  readonly tables: readonly TableSpec[];
  readonly writers: number;
  readonly rng: Rng;
  readonly sqlLog: string;
  /** Allow DDL from writer 0. */
  readonly ddl: boolean;
  /** Whether table-level DDL (TRUNCATE, RENAME TABLE, DROP + CREATE) may run now. */
  readonly tableDdl?: () => boolean;
  /** While this says so, writers wait (a lull that lets a lagging engine finish its full sync). */
  readonly paused?: () => boolean;
}

export interface Workload {
  stop(): Promise<WorkloadStats>;
}

export interface WorkloadStats {
  committed: number;
  rolledBack: number;
  failed: number;
  ddl: number;
  /** Committed transactions of more than STREAM_TRANSACTION_ROWS row changes. */
  large: number;
}

/** How often one writer runs a large transaction. */
const LARGE_EVERY_MS = 20_000;

// Errors a statement may meet by design; ER_NO_SUCH_TABLE and ER_BAD_FIELD_ERROR when it raced the
// workload's own RENAME / DROP.
const ACCEPTABLE = new Set([
  'ER_DUP_ENTRY', 'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_XAER_RMFAIL', 'ER_XA_RBDEADLOCK', 'ER_XAER_NOTA',
  'ER_NO_SUCH_TABLE', 'ER_BAD_FIELD_ERROR',
]);

const LOCK_WAIT_SECONDS = 20;
const STOP_GRACE_MS = 60_000;

export function startWorkload(o: WorkloadOptions): Workload {
  let stopping = false;
  const stats: WorkloadStats = { committed: 0, rolledBack: 0, failed: 0, ddl: 0, large: 0 };
  let ddlCount = 0;
  let lastDdl = Date.now();
  let lastLarge = Date.now() - LARGE_EVERY_MS / 2; // the first after 10 s
  const connections = new Set<mysql.Connection>();
  const writers = Array.from({ length: o.writers }, (_x, i) => writer(i, o.rng.fork(i + 1)));

  async function writer(index: number, r: Rng): Promise<void> {
    const conn = await mysql.createConnection({ ...o.connection, multipleStatements: false });
    conn.on('error', () => {});
    connections.add(conn);
    // No wait without end: MariaDB waits a day for a metadata lock by default, and a writer's ALTER
    // queued behind another writer's open transaction then held up every later statement on the table
    // (CI: the bounded torture run never stopped its workload). A timeout is a rollback like a deadlock.
    await conn.query(`SET SESSION lock_wait_timeout = ${LOCK_WAIT_SECONDS}, innodb_lock_wait_timeout = ${LOCK_WAIT_SECONDS}`);
    const log = (sql: string) => appendFileSync(o.sqlLog, `-- w${index}\n${sql};\n`);
    const run = async (sql: string) => {
      await conn.query(sql);
      log(sql);
    };
    const name = (t: TableSpec) => `\`${o.database}\`.\`${t.name}\``;
    const where = (t: TableSpec, key: readonly string[]) => t.key.columns.map((c, i) => `\`${c.name}\` = ${key[i]}`).join(' AND ');
    const insert = (t: TableSpec, verb: 'INSERT' | 'REPLACE' = 'INSERT', odku = false) => {
      const { cols, vals } = rowValues(r, t, t.key.key(r));
      const tail = odku ? ` ON DUPLICATE KEY UPDATE \`v\` = \`v\` + 1, \`${cols[t.key.columns.length]}\` = VALUES(\`${cols[t.key.columns.length]}\`)` : '';
      return `${verb} INTO ${name(t)} (${cols.map((c) => `\`${c}\``).join(', ')}) VALUES (${vals.join(', ')})${tail}`;
    };
    const update = (t: TableSpec) => {
      const c = r.pick(t.columns);
      return `UPDATE ${name(t)} SET \`${c.name}\` = ${columnValue(c.type, r)}, \`v\` = \`v\` + 1 WHERE ${where(t, t.key.key(r))}`;
    };
    const moveKey = (t: TableSpec) => {
      const to = t.key.key(r);
      return `UPDATE ${name(t)} SET ${t.key.columns.map((c, i) => `\`${c.name}\` = ${to[i]}`).join(', ')}, \`v\` = \`v\` + 1 WHERE ${where(t, t.key.key(r))}`;
    };
    const del = (t: TableSpec) => `DELETE FROM ${name(t)} WHERE ${where(t, t.key.key(r))}`;
    const oneStatement = (t: TableSpec) => {
      const p = r.next();
      if (p < 0.25) return insert(t);
      if (p < 0.5) return update(t);
      if (p < 0.62) return moveKey(t);
      if (p < 0.75) return del(t);
      if (p < 0.85) return insert(t, 'REPLACE');
      return insert(t, 'INSERT', true);
    };
    let openXid: string | undefined;
    try {
      while (!stopping) {
        if (o.paused?.()) {
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        const t = r.pick(o.tables);
        const p = r.next();
        try {
          if (index === Math.min(1, o.writers - 1) && Date.now() - lastLarge > LARGE_EVERY_MS) {
            // Whole-table UPDATEs until the transaction passes the streaming threshold, single-row
            // UPDATEs between them (statements that cannot fail on a duplicate key), so the pieces cut
            // through repeated changes of the same keys. A deadlock with the other writers rolls it
            // back; it is tried again at once (lastLarge moves only when it ended as meant).
            await run('BEGIN');
            let rows = 0;
            for (let i = 0; i < 400 && rows <= STREAM_TRANSACTION_ROWS + 1000; i++) {
              const tt = r.pick(o.tables);
              const sql = `UPDATE ${name(tt)} SET \`v\` = \`v\` + 1`;
              const [res] = await conn.query(sql);
              log(sql);
              rows += (res as { affectedRows: number }).affectedRows;
              if (i % 4 === 0) await run(update(r.pick(o.tables)));
            }
            if (stats.large > 0 && r.chance(0.15)) {
              await run('ROLLBACK');
              stats.rolledBack++;
            } else {
              await run('COMMIT');
              stats.committed++;
              if (rows > STREAM_TRANSACTION_ROWS) stats.large++;
            }
            lastLarge = Date.now();
          } else if (p < 0.45) {
            await run(oneStatement(t));
            stats.committed++;
          } else if (p < 0.8) {
            await run('BEGIN');
            const n = r.int(2, 6);
            for (let i = 0; i < n; i++) {
              const tt = r.pick(o.tables);
              if (r.chance(0.2)) {
                const key = tt.key.key(r);
                await run(`DELETE FROM ${name(tt)} WHERE ${where(tt, key)}`);
                const { cols, vals } = rowValues(r, tt, key);
                await run(`INSERT INTO ${name(tt)} (${cols.map((c) => `\`${c}\``).join(', ')}) VALUES (${vals.join(', ')})`);
              } else await run(oneStatement(tt));
            }
            if (r.chance(0.1)) {
              await run('ROLLBACK');
              stats.rolledBack++;
            } else {
              await run('COMMIT');
              stats.committed++;
            }
          } else if (p < 0.88 && t.secondaryUnique) {
            // Swap two rows' unique values inside one transaction.
            const a = t.key.key(r);
            const b = t.key.key(r);
            const u1 = r.int(0, 40);
            const u2 = r.int(0, 40);
            await run('BEGIN');
            await run(`UPDATE ${name(t)} SET \`uq\` = NULL WHERE ${where(t, a)}`);
            await run(`UPDATE ${name(t)} SET \`uq\` = ${u1} WHERE ${where(t, b)}`);
            await run(`UPDATE ${name(t)} SET \`uq\` = ${u2} WHERE ${where(t, a)}`);
            await run('COMMIT');
            stats.committed++;
          } else if (p < 0.95) {
            const xid = `'${o.database}_tx${index}_${r.int(0, 1e9)}'`;
            openXid = xid;
            await run(`XA START ${xid}`);
            const n = r.int(1, 3);
            for (let i = 0; i < n; i++) await run(oneStatement(r.pick(o.tables)));
            await run(`XA END ${xid}`);
            await run(`XA PREPARE ${xid}`);
            if (r.chance(0.3)) {
              await run(`XA ROLLBACK ${xid}`);
              stats.rolledBack++;
            } else {
              await run(`XA COMMIT ${xid}`);
              stats.committed++;
            }
            openXid = undefined;
          } else if (p < 0.98) {
            // A non-strict session stores the error member '' (index 0) of an ENUM without ''.
            const col = t.columns.find((c) => c.type.sql.startsWith("ENUM('a'"));
            if (col) {
              await run(`SET STATEMENT sql_mode = '' FOR UPDATE ${name(t)} SET \`${col.name}\` = 'not a member' WHERE ${where(t, t.key.key(r))}`);
              stats.committed++;
            }
          } else if (o.ddl && index === 0 && Date.now() - lastDdl > 6000) {
            lastDdl = Date.now();
            await ddl(t, ++ddlCount, r, run, conn);
            stats.ddl++;
          }
        } catch (err) {
          const code = (err as { code?: string }).code ?? '';
          if (openXid) {
            await conn.query(`XA END ${openXid}`).catch(() => {});
            await conn.query(`XA ROLLBACK ${openXid}`).catch(() => {});
            openXid = undefined;
          } else await conn.query('ROLLBACK').catch(() => {});
          if (ACCEPTABLE.has(code)) stats.rolledBack++;
          else {
            stats.failed++;
            log(`-- failed: ${code} ${(err as Error).message.slice(0, 200)}`);
          }
        }
      }
    } finally {
      await conn.end().catch(() => {});
    }
  }

  /** One DDL statement on table t; the spec follows it once it ran. */
  async function ddl(t: TableSpec, n: number, r: Rng, run: (sql: string) => Promise<void>, conn: mysql.Connection): Promise<void> {
    const name = `\`${o.database}\`.\`${t.name}\``;
    const p = r.next();
    const tableLevel = o.tableDdl?.() ?? false;
    if (p < 0.1) {
      // TRUNCATE keeps the table's name: also during the full sync.
      await run(`TRUNCATE TABLE ${name}`);
    } else if (tableLevel && p < 0.22) {
      const to = `${t.name.replace(/_r\d+$/, '')}_r${n}`;
      await run(`RENAME TABLE ${name} TO \`${o.database}\`.\`${to}\``);
      t.name = to;
    } else if (tableLevel && p < 0.32) {
      // DROP and CREATE again from its own definition: the table is selected (database-level task).
      const [rows] = await conn.query(`SHOW CREATE TABLE ${name}`);
      const create = String((rows as Record<string, string>[])[0]!['Create Table']).replace(/^CREATE TABLE `[^`]+`/, `CREATE TABLE ${name}`);
      await run(`DROP TABLE ${name}`);
      for (let attempt = 0; ; attempt++) {
        try {
          await run(create);
          break;
        } catch (err) {
          if (attempt >= 5) throw err;
        }
      }
    } else if (p < 0.6 || t.columns.length <= 2) {
      await run(`ALTER TABLE ${name} ADD COLUMN \`extra${n}\` VARCHAR(20) CHARACTER SET utf8mb4 NOT NULL DEFAULT 'd${n}'`);
    } else if (p < 0.8) {
      const c = r.pick(t.columns);
      await run(`ALTER TABLE ${name} DROP COLUMN \`${c.name}\``);
      t.columns = t.columns.filter((x) => x !== c);
    } else {
      const c = r.pick(t.columns);
      const to = `${c.name.replace(/_r\d+$/, '')}_r${n}`;
      await run(`ALTER TABLE ${name} RENAME COLUMN \`${c.name}\` TO \`${to}\``);
      t.columns = t.columns.map((x) => (x === c ? { name: to, type: c.type } : x));
    }
  }

  return {
    async stop() {
      stopping = true;
      // A writer still inside a statement after STOP_GRACE_MS is cut off (its transaction rolls back
      // or, if its COMMIT was on the way, lands: the checks compare with the source, not with stats).
      let cut = false;
      const grace = setTimeout(() => {
        cut = true;
        for (const c of connections) c.destroy();
      }, STOP_GRACE_MS);
      try {
        await Promise.all(writers.map((w) => w.catch(() => undefined)));
      } finally {
        clearTimeout(grace);
      }
      // A writer cut off between XA PREPARE and its decision leaves the prepared transaction (and its
      // locks) on the server: roll it back, as a transaction manager would.
      if (cut) {
        const conn = await mysql.createConnection(o.connection);
        try {
          const [rows] = await conn.query('XA RECOVER');
          for (const { data } of rows as { data: string }[]) {
            if (data.startsWith(`${o.database}_tx`)) await conn.query(`XA ROLLBACK '${data}'`);
          }
        } finally {
          await conn.end();
        }
      }
      return stats;
    },
  };
}
