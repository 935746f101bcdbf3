// Schema changes while the full sync of the same table runs: ADD COLUMN (then values written to it),
// DROP COLUMN, a RENAME COLUMN, on a table whose secondary UNIQUE key makes the sink use REPLACE (a
// chunk read with the old column list would reset the new column). The snapshot side must read each
// chunk with the table's current definition; the destination ends byte-identical (HEX per column).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { readTaskStatus, scratchDir, spawnEngine, waitForExit, writeManifest } from '../../support/engine.js';
import { databaseObject, mysqlTask } from '../../support/mysql-task.js';
import { uniqueName } from '../../support/stack.js';
import { checkMySql } from '../../torture/check.js';
import type { TableSpec } from '../../torture/schema.js';
import { adminConnection, rowCounts, waitUntil } from './helpers.js';

const ROWS = 30_000;

describe('MySQL -> MySQL: DDL on a table during its full sync', () => {
  const db = uniqueName('ddl_fs');
  let src: mysql.Connection;
  let dst: mysql.Connection;

  beforeAll(async () => {
    src = await adminConnection('source');
    dst = await adminConnection('destination');
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, u INT NULL, a VARCHAR(20) NOT NULL DEFAULT 'a', b INT NOT NULL DEFAULT 0, UNIQUE KEY uq (u))`);
    for (let i = 0; i < ROWS; i += 5000) {
      const values = Array.from({ length: 5000 }, (_x, j) => `(${i + j}, ${i + j}, 'v${i + j}', ${j})`).join(', ');
      await src.query(`INSERT INTO ${db}.t (id, u, a, b) VALUES ${values}`);
    }
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${db}`);
    await src.end();
    await dst.end();
  });

  it('ADD, RENAME and DROP COLUMN mid full sync: every later chunk carries the current columns', async () => {
    // Throttled (6k rows/s for 30k rows) so the DDL lands between chunks.
    const task = mysqlTask({ name: `${db}_t`, objects: [databaseObject(db)], overrides: { throttle: { full: { rps: 6000 } } } });
    const dir = scratchDir('ddl-fs');
    const manifest = writeManifest(dir, [task]);
    const engine = spawnEngine(manifest, { stateDir: `${dir}/state`, untilCaughtUp: true });
    await waitUntil('the first chunk on the destination', async () => {
      try {
        return (await rowCounts(dst, `${db}.t`)).rows >= 2000;
      } catch {
        return false;
      }
    }, 60_000, 50);
    expect(readTaskStatus(`${dir}/state`, task.name).state).toBe('FullSync');
    await src.query(`ALTER TABLE ${db}.t ADD COLUMN c VARCHAR(20) NOT NULL DEFAULT 'dflt'`);
    await src.query(`UPDATE ${db}.t SET c = CONCAT('set', id) WHERE id % 7 = 0`);
    await src.query(`ALTER TABLE ${db}.t CHANGE COLUMN a a2 VARCHAR(20) NOT NULL DEFAULT 'a'`);
    await src.query(`ALTER TABLE ${db}.t DROP COLUMN b`);
    await src.query(`UPDATE ${db}.t SET a2 = CONCAT('w', id) WHERE id % 11 = 0`);
    const exit = await waitForExit(engine, 120_000);
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr().slice(-1500) }).toEqual({ code: 0, stderr: '' });
    const spec = { name: 't', key: { columns: [{ name: 'id' }] } } as unknown as TableSpec;
    expect(await checkMySql(src, dst, db, [spec])).toEqual([]);
  }, 180_000);
});

describe('MySQL -> MySQL: DDL between the schema copy and the stream start', () => {
  // The window is short: three tasks, each racing its ALTER against its own schema copy.
  const dbs = [1, 2, 3].map((i) => uniqueName(`ddl_gap${i}`));
  let src: mysql.Connection;
  let dst: mysql.Connection;

  beforeAll(async () => {
    src = await adminConnection('source');
    dst = await adminConnection('destination');
    for (const db of dbs) {
      await src.query(`CREATE DATABASE ${db}`);
      await src.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, a INT NOT NULL DEFAULT 0)`);
      await src.query(`INSERT INTO ${db}.t (id, a) VALUES (1, 1), (2, 2)`);
    }
  });
  afterAll(async () => {
    for (const db of dbs) {
      await src.query(`DROP DATABASE IF EXISTS ${db}`);
      await dst.query(`DROP DATABASE IF EXISTS ${db}`);
    }
    await src.end();
    await dst.end();
  });

  it('an ALTER right after the schema copy reaches the destination; one replayed from before it is skipped', async () => {
    for (const db of dbs) {
      const task = mysqlTask({ name: `${db}_t`, objects: [databaseObject(db)] });
      const dir = scratchDir('ddl-gap');
      const manifest = writeManifest(dir, [task]);
      const engine = spawnEngine(manifest, { stateDir: `${dir}/state`, untilCaughtUp: true });
      // As soon as the schema copy exists on the destination, change the source table and write with the new column.
      await waitUntil('the schema copy on the destination', async () => {
        const [r] = await dst.query('SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [db]);
        return (r as { n: number }[])[0]!.n > 0;
      }, 60_000, 2);
      await src.query(`ALTER TABLE ${db}.t ADD COLUMN c VARCHAR(10) NOT NULL DEFAULT 'x'`);
      await src.query(`INSERT INTO ${db}.t (id, a, c) VALUES (3, 3, 'new')`);
      const exit = await waitForExit(engine, 45_000);
      expect({ db, code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr().slice(-1500) }).toEqual({ db, code: 0, stderr: '' });
      const spec = { name: 't', key: { columns: [{ name: 'id' }] } } as unknown as TableSpec;
      expect(await checkMySql(src, dst, db, [spec])).toEqual([]);
    }
  }, 180_000);
});
