import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import type { QueryConnection } from '../../../../runtime/sources/mysql/connection.js';
import { admin, dbObject, mysqlTask, replicate, rows, uniqueDb } from './harness.js';

/** Source workload: keyed upserts/deletes and inserts into a keyless table (a doubled insert would show). */
async function workload(src: mysql.Connection, db: string, round: number): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const id = (i * 7 + round) % 25;
    await src.query(`BEGIN; INSERT INTO ${db}.kv VALUES (${id}, ${round * 1000 + i}) ON DUPLICATE KEY UPDATE v = VALUES(v);
      INSERT INTO ${db}.journal VALUES (${round}, ${i}); ${i % 9 === 0 ? `DELETE FROM ${db}.kv WHERE k = ${(id + 3) % 25};` : ''} COMMIT`);
  }
}

describe('MySQL sink: crashes never lose or double a change (real MariaDB)', () => {
  let src: mysql.Connection;
  let dst: mysql.Connection;
  const db = uniqueDb('crash');
  const task = mysqlTask(`${db}_t`, [dbObject(db)], { batchRows: 40, flushIntervalMs: 20 });

  const same = async () => {
    for (const q of [(d: string) => `SELECT k, v FROM ${d}.kv ORDER BY k`, (d: string) => `SELECT r, i, COUNT(*) AS n FROM ${d}.journal GROUP BY r, i ORDER BY r, i`]) {
      expect(await rows(dst, q(db))).toEqual(await rows(src, q(db)));
    }
  };

  beforeAll(async () => {
    src = await admin('source');
    dst = await admin('destination');
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.kv (k INT PRIMARY KEY, v INT)`);
    await src.query(`CREATE TABLE ${db}.journal (r INT, i INT)`);
    await src.query(`CREATE TABLE ${db}.ci (k VARCHAR(8) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci PRIMARY KEY, v INT)`);
    const first = await replicate(task, { schemaSync: true });
    await src.query(`INSERT INTO ${db}.kv VALUES (100, 0)`);
    await first.catchUp();
    await first.stop();
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DELETE FROM __dts.checkpoints WHERE task = '${task.name}'`);
    await src.end();
    await dst.end();
  });

  it('a COMMIT lost for a batch flushed mid-transaction is retried, not mistaken for the previous batch (batch identity)', async () => {
    await src.query(`INSERT INTO ${db}.ci VALUES ('abc', 1)`);
    let armed = false;
    let killed = 0;
    const rep = await replicate(task, {
      hooks: {
        beforeStatement: (_i: number, sql: string, conn: QueryConnection) => {
          // The case-only key change 'abc' -> 'ABC' splits into DELETE 'abc' + upsert 'ABC'; the two keys
          // are equal under the collation, so the sink flushes between them, mid-transaction, and that
          // batch carries the previous transaction's mark. Its COMMIT is lost once.
          if (/^DELETE FROM .*`ci`.*'abc'/.test(sql)) armed = true;
          if (sql === 'COMMIT' && armed && killed === 0) {
            killed++;
            conn.destroy();
          }
        },
      },
    });
    try {
      await src.query(`INSERT INTO ${db}.kv VALUES (101, 1) ON DUPLICATE KEY UPDATE v = v + 1`);
      await rep.catchUp();
      await src.query(`UPDATE ${db}.ci SET k = 'ABC', v = 2 WHERE k = 'abc'`);
      await rep.catchUp();
      expect(killed).toBe(1);
      expect(await rows(dst, `SELECT k, v FROM ${db}.ci`)).toEqual([{ k: 'ABC', v: 2 }]);
    } finally {
      await rep.stop();
    }
  });

  it('a destination connection destroyed between statements is retried inside the same batch', async () => {
    let kills = 0;
    const rep = await replicate(task, {
      hooks: {
        beforeStatement: (index: number, _sql: string, conn: QueryConnection) => {
          if (index === 1 && kills < 3) {
            kills++;
            conn.destroy();
          }
        },
      },
    });
    try {
      await workload(src, db, 1);
      await rep.catchUp();
      expect(kills).toBe(3);
      await same();
    } finally {
      await rep.stop();
    }
  });

  it.each([
    ['before the first statement', (i: number, sql: string) => i === 0 && sql !== 'COMMIT'],
    ['between data statements', (i: number, sql: string) => i === 1 && sql !== 'COMMIT'],
    ['before the checkpoint row', (_i: number, sql: string) => sql.includes('__dts')],
    ['before COMMIT', (_i: number, sql: string) => sql === 'COMMIT'],
  ])('an engine crash %s resumes from the destination checkpoint exactly once', async (_label, at) => {
    let batches = 0;
    let crashed = false;
    const round = 2 + Math.floor(Math.random() * 1000);
    const rep = await replicate(task, {
      hooks: {
        beforeStatement: (i: number, sql: string, conn: QueryConnection) => {
          if (i === 0) batches++;
          if (crashed || (batches >= 3 && at(i, sql))) {
            crashed = true;
            conn.destroy(); // the server rolls the open transaction back, as after a kill -9
            throw new Error('simulated crash');
          }
        },
      },
    });
    await workload(src, db, round);
    await expect(rep.catchUp()).rejects.toThrow();
    expect(crashed).toBe(true);
    await rep.stop();
    const resumed = await replicate(task);
    try {
      expect(resumed.resumedFrom).toBeDefined();
      await src.query(`INSERT INTO ${db}.journal VALUES (-1, ${round})`);
      await resumed.catchUp();
      await same();
    } finally {
      await resumed.stop();
    }
  });
});
