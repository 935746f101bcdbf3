import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { ChangeSource } from '../../../runtime/sources/change-source.js';
import { adminConnection, dtsConfig, testServerId, uniqueName } from './helpers.js';

/**
 * Full-sync reads with 1 vs 4 parallel chunk reads (4 tables x 50k rows, no-op consumer, no writes):
 * every row arrives once, and with 4 the tables are read side by side (chunks of every table arrive
 * before the first table is done), with 1 one after another. Prints rows/s of each; how fast is a
 * figure for `npm run bench:mysql`, not an assertion (a loaded CI machine made P=4 slower than P=1).
 */
describe('full sync throughput (real MariaDB)', () => {
  let admin: mysql.Connection;
  const db = uniqueName('fsbench');
  const TABLES = 4;
  const ROWS = 50_000;

  beforeAll(async () => {
    admin = await adminConnection();
    await admin.query(`CREATE DATABASE ${db}`);
    for (let t = 0; t < TABLES; t++) {
      await admin.query(`CREATE TABLE ${db}.t${t} (id INT NOT NULL PRIMARY KEY, n INT NOT NULL, s VARCHAR(100) NOT NULL, d DATETIME NOT NULL)`);
      await admin.query(`INSERT INTO ${db}.t${t} SELECT seq, seq * 7, REPEAT(CHAR(97 + seq % 26), 60), '2024-01-01 00:00:00' + INTERVAL seq SECOND FROM ${db}.seq_1_to_${ROWS}`);
      await admin.query(`ANALYZE TABLE ${db}.t${t}`);
    }
  }, 120_000);
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
  });

  async function fullSync(parallelism: number): Promise<{ rows: number; ms: number; tablesBeforeFirstDone: number }> {
    const source = new ChangeSource({
      task: 'fsbench', connection: dtsConfig(), serverId: testServerId(), chunkRows: 2000, fullSyncParallelism: parallelism,
      fullSyncTables: Array.from({ length: TABLES }, (_, t) => ({ database: db, table: `t${t}` })), include: (d) => d === db,
    });
    await source.start();
    const began = performance.now();
    let rows = 0;
    const perTable = new Map<string, number>();
    let tablesBeforeFirstDone = 0;
    while (!source.fullSyncDone) {
      const b = (await source.next())!;
      if (b.origin !== 'snapshot') continue;
      rows += b.events.length;
      for (const e of b.events) perTable.set(e.table!, (perTable.get(e.table!) ?? 0) + 1);
      if (tablesBeforeFirstDone === 0 && [...perTable.values()].some((n) => n === ROWS)) tablesBeforeFirstDone = perTable.size;
    }
    const ms = performance.now() - began;
    await source.stop();
    return { rows, ms, tablesBeforeFirstDone };
  }

  it('reads 4 x 50k rows with 1 and with 4 parallel chunk reads', async () => {
    const results: Record<number, { rows: number; ms: number }> = {};
    for (const p of [1, 4, 1, 4]) {
      const r = await fullSync(p);
      expect(r.rows).toBe(TABLES * ROWS);
      expect({ p, tables: r.tablesBeforeFirstDone }).toEqual({ p, tables: p === 1 ? 1 : TABLES });
      if (!results[p] || r.ms < results[p].ms) results[p] = r;
    }
    const rate = (p: number) => Math.round((results[p]!.rows / results[p]!.ms) * 1000);
    process.stdout.write(`full sync ${TABLES} x ${ROWS} rows (best of 2): P=1 ${rate(1)} rows/s, P=4 ${rate(4)} rows/s, x${(rate(4) / rate(1)).toFixed(2)}\n`);
  }, 300_000);
});
