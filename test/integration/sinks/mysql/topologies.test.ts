import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { admin, dbObject, destDts, mysqlTask, replicate, rows, uniqueDb } from './harness.js';
import { MySqlSink } from '../../../../runtime/sinks/mysql/sink.js';
import { config, destWriter, sourceDts } from './harness.js';

describe('MySQL sink: topologies and prechecks (real MariaDB)', () => {
  let src: mysql.Connection;
  let dst: mysql.Connection;
  const base = uniqueDb('topo');
  const s1 = `${base}_s1`;
  const s2 = `${base}_s2`;
  const merged = `${base}_m`;
  const b = `${base}_b`;
  const c = `${base}_c`;

  beforeAll(async () => {
    src = await admin('source');
    dst = await admin('destination');
    for (const d of [s1, s2]) await src.query(`CREATE DATABASE ${d}`);
    await src.query(`CREATE TABLE ${s1}.a (id INT PRIMARY KEY, v VARCHAR(10))`);
    await src.query(`CREATE TABLE ${s2}.b (id INT PRIMARY KEY, v VARCHAR(10), UNIQUE KEY (v))`);
  });
  afterAll(async () => {
    for (const d of [s1, s2]) await src.query(`DROP DATABASE IF EXISTS ${d}`);
    for (const d of [merged, b, c]) await dst.query(`DROP DATABASE IF EXISTS ${d}`);
    await dst.query(`DELETE FROM __dts.checkpoints WHERE task LIKE '${base}%'`);
    await src.end();
    await dst.end();
  });

  it('many-to-one: two sources into one destination database (disjoint tables) converge', async () => {
    const t1 = mysqlTask(`${base}_1`, [dbObject(s1, { targetDatabase: merged })]);
    const t2 = mysqlTask(`${base}_2`, [dbObject(s2, { targetDatabase: merged })]);
    const r1 = await replicate(t1, { schemaSync: true });
    const r2 = await replicate(t2, { schemaSync: true });
    try {
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < 50; i++) {
        writes.push(src.query(`INSERT INTO ${s1}.a VALUES (${i}, 'a${i}') ON DUPLICATE KEY UPDATE v = 'x${i}'`));
        writes.push(src.query(`INSERT INTO ${s2}.b VALUES (${i}, 'b${i}') ON DUPLICATE KEY UPDATE v = 'y${i}'`));
      }
      await Promise.all(writes);
      await src.query(`DELETE FROM ${s1}.a WHERE id % 7 = 0`);
      await src.query(`UPDATE ${s2}.b SET v = CONCAT(v, '!') WHERE id % 3 = 0`);
      await Promise.all([r1.catchUp(), r2.catchUp()]);
      expect(await rows(dst, `SELECT * FROM ${merged}.a ORDER BY id`)).toEqual(await rows(src, `SELECT * FROM ${s1}.a ORDER BY id`));
      expect(await rows(dst, `SELECT * FROM ${merged}.b ORDER BY id`)).toEqual(await rows(src, `SELECT * FROM ${s2}.b ORDER BY id`));
      expect((await rows(dst, `SELECT task FROM __dts.checkpoints WHERE task LIKE '${base}%' ORDER BY task`)).map((r) => r.task)).toEqual([t1.name, t2.name]);
    } finally {
      await r1.stop();
      await r2.stop();
    }
  });

  it('cascading A -> B -> C: the second task reads the destination binlog and converges', async () => {
    const ab = mysqlTask(`${base}_ab`, [dbObject(s1, { targetDatabase: b })]);
    const bc = { ...mysqlTask(`${base}_bc`, [dbObject(b, { targetDatabase: c })]), source: { ...mysqlTask('x', []).destination, user: 'dts' } } as typeof ab;
    const r1 = await replicate(ab, { schemaSync: true });
    const r2 = await replicate(bc, { schemaSync: true, source: destDts() });
    try {
      for (let i = 100; i < 140; i++) await src.query(`INSERT INTO ${s1}.a VALUES (${i}, 'c${i}')`);
      await src.query(`UPDATE ${s1}.a SET v = 'upd' WHERE id BETWEEN 100 AND 110`);
      await src.query(`DELETE FROM ${s1}.a WHERE id > 130`);
      await src.query(`ALTER TABLE ${s1}.a ADD COLUMN w INT NOT NULL DEFAULT 7`);
      await src.query(`UPDATE ${s1}.a SET w = id WHERE id < 105`);
      await r1.catchUp();
      await r2.catchUp();
      const q = (d: string) => `SELECT * FROM ${d}.a ORDER BY id`;
      const expected = await rows(src, q(s1));
      expect(await rows(dst, q(b))).toEqual(expected);
      expect(await rows(dst, q(c))).toEqual(expected);
    } finally {
      await r1.stop();
      await r2.stop();
    }
  });

  it('precheck fails on an existing destination table and warns under "ignore" and for triggers', async () => {
    await dst.query(`CREATE DATABASE IF NOT EXISTS ${merged}`);
    await dst.query(`CREATE TABLE IF NOT EXISTS ${merged}.a (id INT PRIMARY KEY)`);
    await src.query(`CREATE TRIGGER ${s1}.tr_a BEFORE INSERT ON ${s1}.a FOR EACH ROW SET NEW.v = UPPER(NEW.v)`);
    try {
      const task = mysqlTask(`${base}_p`, [dbObject(s1, { targetDatabase: merged })]);
      const checks = await new MySqlSink({ task, destination: destWriter(), source: sourceDts() }).prechecks();
      const byId = Object.fromEntries(checks.map((x) => [x.id, x]));
      expect(byId['dest-connect']?.status).toBe('pass');
      expect(byId['dest-privileges']?.status).toBe('pass');
      expect(byId['conflicting-tables']?.status).toBe('fail');
      expect(byId['conflicting-tables']?.message).toContain(`${s1}.a -> ${merged}.a`);
      // The seed's source grants (no TRIGGER) cannot list triggers: a warning that says so.
      expect(byId['source-triggers']?.status).toBe('warn');
      expect(byId['source-triggers']?.message).toContain('cannot list triggers');
      const asAdmin = await new MySqlSink({ task, destination: destWriter(), source: config('source', 'admin') }).prechecks();
      expect(asAdmin.find((x) => x.id === 'source-triggers')?.message).toContain('tr_a');
      const ignoring = await new MySqlSink({ task: { ...task, conflictingTables: 'ignore' }, destination: destWriter(), source: sourceDts() }).prechecks();
      const conflict = ignoring.find((x) => x.id === 'conflicting-tables');
      expect(conflict?.status).toBe('warn');
      expect(conflict?.message).toContain('can cause data inconsistency');
      const unmapped = await new MySqlSink({ task: mysqlTask(`${base}_q`, [dbObject(s1, { targetDatabase: `${base}_fresh` })]), destination: destWriter(), source: sourceDts() }).prechecks();
      expect(unmapped.find((x) => x.id === 'conflicting-tables')?.status).toBe('pass');
    } finally {
      await src.query(`DROP TRIGGER IF EXISTS ${s1}.tr_a`);
    }
  });
});
