import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { admin, dbObject, mysqlTask, replicate, rows, uniqueDb } from './harness.js';

// Catch-up on a fixed backlog (oltp_write_only-like: inserts, index/non-index updates, deletes on
// 4 tables with a secondary UNIQUE key), measured end to end: binlog read + merge + apply + checkpoint.
describe('MySQL sink: apply throughput on a backlog', () => {
  let src: mysql.Connection;
  let dst: mysql.Connection;
  const db = uniqueDb('bench');

  beforeAll(async () => {
    src = await admin('source');
    dst = await admin('destination');
    await src.query(`CREATE DATABASE ${db}`);
    for (let t = 1; t <= 4; t++) {
      await src.query(`CREATE TABLE ${db}.sbtest${t} (id INT PRIMARY KEY, k INT NOT NULL, c CHAR(120) NOT NULL, pad CHAR(60) NOT NULL, u INT NOT NULL, KEY k_1 (k), UNIQUE KEY u_1 (u))`);
    }
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${db}`);
    await src.end();
    await dst.end();
  });

  it('applies a 4-table backlog and reports rows/s', async () => {
    const task = mysqlTask(`${db}_t`, [dbObject(db)], { batchRows: 5000, flushIntervalMs: 100 });
    const [status] = (await src.query('SHOW MASTER STATUS')) as unknown as [{ File: string; Position: number }[]];
    const start = { kind: 'position' as const, file: status[0]!.File, pos: Number(status[0]!.Position) };
    const N = 20_000;
    let changes = 0;
    for (let t = 1; t <= 4; t++) {
      for (let i = 0; i < N; i += 1000) {
        const values = Array.from({ length: 1000 }, (_, j) => `(${i + j}, ${(i + j) % 997}, REPEAT('c', 120), REPEAT('p', 60), ${i + j})`).join(',');
        await src.query(`INSERT INTO ${db}.sbtest${t} VALUES ${values}`);
        changes += 1000;
      }
    }
    // write-only transactions: 2 updates, delete + re-insert, one per transaction as sysbench does
    for (let n = 0; n < 3000; n++) {
      const t = (n % 4) + 1;
      const id = (n * 7919) % N;
      await src.query(`BEGIN; UPDATE ${db}.sbtest${t} SET k = k + 1 WHERE id = ${id}; UPDATE ${db}.sbtest${t} SET c = REPEAT('x', 120) WHERE id = ${(id + 1) % N};
        DELETE FROM ${db}.sbtest${t} WHERE id = ${(id + 2) % N}; INSERT INTO ${db}.sbtest${t} VALUES (${(id + 2) % N}, 1, 'y', 'z', ${(id + 2) % N}); COMMIT`);
      changes += 4;
    }
    const rep = await replicate(task, { start, schemaSync: true });
    try {
      const t0 = Date.now();
      await rep.catchUp(300_000);
      const seconds = (Date.now() - t0) / 1000;
      process.stderr.write(`[mysql-sink throughput] ${changes} source row changes in ${seconds.toFixed(2)} s = ${Math.round(changes / seconds)} rows/s; ${rep.sink.appliedRows} rows applied after merging in ${rep.sink.batchesCommitted} destination transactions\n`);
      for (let t = 1; t <= 4; t++) {
        const q = `SELECT COUNT(*) AS n, SUM(CRC32(CONCAT_WS('|', id, k, c, pad, u))) AS s FROM ${db}.sbtest${t}`;
        expect(await rows(dst, q)).toEqual(await rows(src, q));
      }
    } finally {
      await rep.stop();
    }
  });

  it('paces the apply by throttle.incremental (rows/s), as the RocketMQ sink does', async () => {
    await src.query(`CREATE TABLE ${db}.paced (id INT PRIMARY KEY, v INT NOT NULL)`);
    const task = mysqlTask(`${db}_p`, [dbObject(db, { table: 'paced' })], {}, { throttle: { incremental: { rps: 4000 } } });
    const rep = await replicate(task, { schemaSync: true });
    try {
      for (let i = 0; i < 12; i++) await src.query(`INSERT INTO ${db}.paced SELECT seq, 0 FROM ${db}.seq_${i * 1000 + 1}_to_${(i + 1) * 1000}`);
      const t0 = Date.now();
      await rep.catchUp(60_000);
      // 12,000 rows at 4,000 rows/s after a one-second burst: two seconds at least (unthrottled: well under one).
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
      expect(Number((await rows(dst, `SELECT COUNT(*) AS n FROM ${db}.paced`))[0]!.n)).toBe(12_000);
    } finally {
      await rep.stop();
    }
  });
});
