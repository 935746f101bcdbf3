import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { admin, dbObject, mysqlTask, replicate, rows, uniqueDb } from './harness.js';

describe('MySQL sink: incremental apply on real MariaDB', () => {
  let src: mysql.Connection;
  let dst: mysql.Connection;
  const db = uniqueDb('apply');
  const target = `${db}_copy`;

  beforeAll(async () => {
    src = await admin('source');
    dst = await admin('destination');
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.orders (id INT PRIMARY KEY, status VARCHAR(16) NOT NULL, amount DECIMAL(10,2), note TEXT, secret VARCHAR(10))`);
    await src.query(`CREATE TABLE ${db}.accounts (id INT PRIMARY KEY, email VARCHAR(64) NOT NULL, slot INT NOT NULL, UNIQUE KEY uk_email (email), UNIQUE KEY uk_slot (slot))`);
    await src.query(`CREATE TABLE ${db}.logs (msg VARCHAR(32), n INT)`);
    await src.query(`CREATE TABLE ${db}.types (id BIGINT UNSIGNED PRIMARY KEY, js JSON, st SET('a','b','c'), bits BIT(10), bl BLOB, dt DATETIME(6), fl FLOAT, txt VARCHAR(40))`);
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${target}`);
    await dst.query(`DELETE FROM __dts.checkpoints WHERE task LIKE '${db}%'`).catch(() => {});
    await src.end();
    await dst.end();
  });

  it('merges many source transactions into few destination transactions and converges, with mapping, filter and column ETL', async () => {
    const task = mysqlTask(`${db}_a`, [
      dbObject(db, { targetDatabase: target }),
      dbObject(db, {
        table: 'orders', targetDatabase: target, targetTable: 'orders_v2', filter: "status <> 'cancelled'",
        columns: { exclude: ['secret'], rename: { amount: 'total' } },
      }),
    ], { batchRows: 5000, flushIntervalMs: 200 });
    const rep = await replicate(task, { schemaSync: true });
    try {
      expect((await rows(dst, `SHOW COLUMNS FROM ${target}.orders_v2`)).map((r) => r.Field)).toEqual(['id', 'status', 'total', 'note']);
      await src.query(`INSERT INTO ${db}.orders VALUES (1,'new',10,'a','s1'),(2,'new',20,'b','s2'),(3,'cancelled',30,'c','s3'),(4,'new',40,'d','s4')`);
      await src.query(`UPDATE ${db}.orders SET amount = amount + 1 WHERE id IN (1,2)`); // insert+update -> upsert of the final row
      await src.query(`INSERT INTO ${db}.orders VALUES (5,'new',50,'e','s5')`);
      await src.query(`DELETE FROM ${db}.orders WHERE id = 5`); // insert+delete -> nothing
      await src.query(`UPDATE ${db}.orders SET status = 'cancelled' WHERE id = 2`); // leaves the filter -> delete
      await src.query(`UPDATE ${db}.orders SET status = 'paid' WHERE id = 3`); // enters the filter -> upsert
      await src.query(`UPDATE ${db}.orders SET id = 40 WHERE id = 4`); // key change -> delete old + upsert new
      await src.query(`REPLACE INTO ${db}.orders VALUES (1,'replaced',99,'z','s9')`);
      for (let i = 0; i < 200; i++) await src.query(`INSERT INTO ${db}.logs VALUES ('m${i % 3}', ${i % 5})`);
      await src.query(`DELETE FROM ${db}.logs WHERE n = 4 LIMIT 3`);
      await src.query(`UPDATE ${db}.logs SET n = 100 WHERE msg = 'm1' AND n = 1 LIMIT 2`);
      await src.query(
        `INSERT INTO ${db}.types VALUES (18446744073709551615, '{"a":[1,"x"],"s":"q''uote\\\\n"}', 'a,c', b'1010000001', x'00ff27', '2024-02-29 23:59:58.123456', 1.1, 'héllo 🐬 ''x''')`,
      );
      await src.query(`INSERT INTO ${db}.types (id, js) VALUES (1, '"just a string"')`);
      // A BLOB past PARAM_BYTES travels as a statement parameter: every byte value, exactly.
      const bytes = Buffer.from(Array.from({ length: 60_000 }, (_, i) => (i * 7) % 256));
      await src.query(`INSERT INTO ${db}.types (id, bl) VALUES (2, ?), (3, ?)`, [bytes, bytes.subarray(0, 20_000)]);
      await src.query(`UPDATE ${db}.types SET bl = ? WHERE id = 3`, [Buffer.concat([bytes.subarray(100), Buffer.from([0, 39, 92, 255])])]);
      await rep.catchUp();
      expect(await rows(dst, `SELECT id, status, total, note FROM ${target}.orders_v2 ORDER BY id`)).toEqual([
        { id: 1, status: 'replaced', total: '99.00', note: 'z' },
        { id: 3, status: 'paid', total: '30.00', note: 'c' },
        { id: 40, status: 'new', total: '40.00', note: 'd' },
      ]);
      const logsSql = (d: string) => `SELECT msg, n, COUNT(*) AS c FROM ${d}.logs GROUP BY msg, n ORDER BY msg, n`;
      expect(await rows(dst, logsSql(target))).toEqual(await rows(src, logsSql(db)));
      const typesSql = (d: string) => `SELECT id, CAST(js AS CHAR) AS js, st, HEX(bits) AS bits, HEX(bl) AS bl, dt, fl, txt FROM ${d}.types ORDER BY id`;
      const srcTypes = await rows(src, typesSql(db));
      const dstTypes = await rows(dst, typesSql(target));
      // JSON byte for byte: the destination holds the source's JSON text, not a re-serialisation of it.
      expect(dstTypes).toEqual(srcTypes);
      // Merged: far fewer destination transactions than the ~215 source ones.
      expect(rep.sink.batchesCommitted).toBeLessThan(20);
      const cp = await rows(dst, `SELECT task, file, pos FROM __dts.checkpoints WHERE task = '${task.name}'`);
      expect(cp[0]?.pos).toBe(String(rep.sink.durable()!.position.pos));
    } finally {
      await rep.stop();
    }
  });

  it('converges when a batch swaps UNIQUE values between rows (REPLACE path)', async () => {
    const task = mysqlTask(`${db}_u`, [dbObject(db, { table: 'accounts', targetDatabase: target })], { batchRows: 10_000, flushIntervalMs: 2000 });
    await dst.query(`CREATE DATABASE IF NOT EXISTS ${target}`);
    await dst.query(`DROP TABLE IF EXISTS ${target}.accounts`);
    await dst.query(`CREATE TABLE ${target}.accounts (id INT PRIMARY KEY, email VARCHAR(64) NOT NULL, slot INT NOT NULL, UNIQUE KEY uk_email (email), UNIQUE KEY uk_slot (slot))`);
    const rep = await replicate(task);
    try {
      await src.query(`INSERT INTO ${db}.accounts VALUES (1,'a@x',1),(2,'b@x',2),(3,'c@x',3)`);
      await rep.catchUp();
      // One batch: swap emails of 1 and 2 through a temporary value, rotate slots 1->2->3->1, delete+reuse.
      await src.query(`BEGIN; UPDATE ${db}.accounts SET email = 'tmp' WHERE id = 1; UPDATE ${db}.accounts SET email = 'a@x' WHERE id = 2; UPDATE ${db}.accounts SET email = 'b@x' WHERE id = 1; COMMIT`);
      await src.query(`BEGIN; UPDATE ${db}.accounts SET slot = slot + 10; UPDATE ${db}.accounts SET slot = (slot - 10) % 3 + 1; COMMIT`);
      await src.query(`DELETE FROM ${db}.accounts WHERE id = 3`);
      await src.query(`INSERT INTO ${db}.accounts VALUES (4, 'c@x', 9)`);
      await src.query(`UPDATE ${db}.accounts SET id = 3 WHERE id = 4`);
      await rep.catchUp();
      const q = (d: string) => `SELECT id, email, slot FROM ${d}.accounts ORDER BY id`;
      expect(await rows(dst, q(target))).toEqual(await rows(src, q(db)));
      expect(await rows(dst, q(target))).toEqual([
        { id: 1, email: 'b@x', slot: 2 },
        { id: 2, email: 'a@x', slot: 3 },
        { id: 3, email: 'c@x', slot: 9 },
      ]);
    } finally {
      await rep.stop();
    }
  });
});
