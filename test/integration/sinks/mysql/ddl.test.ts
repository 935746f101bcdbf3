import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { admin, dbObject, mysqlTask, replicate, rows, uniqueDb, type Replication } from './harness.js';

describe('MySQL sink: DDL replay with name mapping (real MariaDB)', () => {
  let src: mysql.Connection;
  let dst: mysql.Connection;
  const db = uniqueDb('ddl');
  const target = `${db}_m`;
  let rep: Replication;

  const cols = async (table: string) => (await rows(dst, `SHOW COLUMNS FROM ${target}.${table}`)).map((r) => r.Field);
  const tables = async () => (await rows(dst, `SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = '${target}' ORDER BY 1`)).map((r) => r.t);

  beforeAll(async () => {
    src = await admin('source');
    dst = await admin('destination');
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.items (id INT PRIMARY KEY, amount INT)`);
    const task = mysqlTask(`${db}_t`, [
      dbObject(db, { targetDatabase: target }),
      dbObject(db, { table: 'items', targetDatabase: target, targetTable: 'items_m', columns: { rename: { amount: 'qty' } } }),
    ]);
    rep = await replicate(task, { schemaSync: true });
  });
  afterAll(async () => {
    await rep.stop();
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${target}`);
    await src.end();
    await dst.end();
  });

  it('CREATE/ALTER TABLE, CREATE/DROP INDEX, TRUNCATE, RENAME, DROP TABLE follow the mapping', async () => {
    await src.query(`USE ${db}`);
    await src.query(`ALTER TABLE items ADD COLUMN note VARCHAR(20) AFTER amount, ADD INDEX ix_amount (amount)`);
    await src.query(`INSERT INTO items VALUES (1, 5, 'x'), (2, 6, 'y')`);
    await src.query(`CREATE INDEX ix_note ON items (note, amount)`);
    await src.query(`CREATE TABLE extra (id INT PRIMARY KEY, v VARCHAR(10))`);
    await src.query(`INSERT INTO extra VALUES (1, 'a'), (2, 'b')`);
    await rep.catchUp();
    expect(await cols('items_m')).toEqual(['id', 'qty', 'note']);
    const idx = await rows(dst, `SELECT INDEX_NAME AS i, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS c FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '${target}' AND TABLE_NAME = 'items_m' GROUP BY INDEX_NAME ORDER BY BINARY INDEX_NAME`);
    expect(idx).toEqual([{ i: 'PRIMARY', c: 'id' }, { i: 'ix_amount', c: 'qty' }, { i: 'ix_note', c: 'note,qty' }]);
    expect(await rows(dst, `SELECT * FROM ${target}.items_m ORDER BY id`)).toEqual([{ id: 1, qty: 5, note: 'x' }, { id: 2, qty: 6, note: 'y' }]);

    await src.query(`DROP INDEX ix_note ON items`);
    await src.query(`TRUNCATE TABLE extra`);
    await src.query(`INSERT INTO extra VALUES (3, 'c')`);
    await src.query(`RENAME TABLE extra TO extra2`);
    await src.query(`INSERT INTO extra2 VALUES (4, 'd')`); // database-level selection follows the rename
    await rep.catchUp();
    expect((await rows(dst, `SHOW INDEX FROM ${target}.items_m`)).map((r) => r.Key_name)).not.toContain('ix_note');
    expect(await tables()).toEqual(['extra2', 'items_m']);
    expect(await rows(dst, `SELECT * FROM ${target}.extra2 ORDER BY id`)).toEqual([{ id: 3, v: 'c' }, { id: 4, v: 'd' }]);

    await src.query(`DROP TABLE extra2`);
    await rep.catchUp();
    expect(await tables()).toEqual(['items_m']);
  });

  it('CREATE/ALTER/DROP VIEW and CREATE/DROP PROCEDURE and FUNCTION follow the mapping', async () => {
    await src.query(`USE ${db}`);
    await src.query(`CREATE VIEW v_items AS SELECT id, amount FROM items WHERE amount > 5`);
    await src.query(`CREATE FUNCTION f_double(x INT) RETURNS INT DETERMINISTIC RETURN x * 2`);
    await src.query(`CREATE PROCEDURE p_count(OUT n INT) BEGIN SELECT COUNT(*) INTO n FROM items; END`);
    await rep.catchUp();
    expect(await rows(dst, `SELECT * FROM ${target}.v_items`)).toEqual([{ id: 2, qty: 6 }]); // column rename followed into the view
    expect(await rows(dst, `SELECT ${target}.f_double(21) AS r`)).toEqual([{ r: 42 }]);
    await dst.query(`CALL ${target}.p_count(@n)`);
    expect(await rows(dst, 'SELECT @n AS n')).toEqual([{ n: '2' }]);

    await src.query(`ALTER VIEW v_items AS SELECT id FROM items`);
    await rep.catchUp();
    expect(await rows(dst, `SELECT * FROM ${target}.v_items ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }]);

    await src.query(`DROP VIEW v_items`);
    await src.query(`DROP FUNCTION f_double`);
    await src.query(`DROP PROCEDURE p_count`);
    await rep.catchUp();
    const left = await rows(dst, `SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '${target}'`);
    expect(left).toEqual([]);
    expect(await tables()).toEqual(['items_m']);
  });

  it('ignores DDL on unselected databases and leaves online-DDL helper tables out (onlineDdlTempTables off)', async () => {
    const other = `${db}_other`;
    await src.query(`CREATE DATABASE ${other}`);
    try {
      await src.query(`CREATE TABLE ${other}.t (id INT PRIMARY KEY)`);
      // gh-ost style: ghost copy altered, filled, then swapped in.
      await src.query(`USE ${db}`);
      await src.query(`CREATE TABLE _items_gho LIKE items`);
      await src.query(`ALTER TABLE _items_gho ADD COLUMN flag TINYINT NOT NULL DEFAULT 0`);
      await src.query(`INSERT INTO _items_gho (id, amount, note) SELECT id, amount, note FROM items`);
      await src.query(`RENAME TABLE items TO _items_del, _items_gho TO items`);
      await src.query(`DROP TABLE _items_del`);
      await src.query(`INSERT INTO items VALUES (3, 7, 'z', 1)`);
      await rep.catchUp();
      expect(await rows(dst, `SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '${other}'`)).toEqual([]);
      expect(await tables()).toEqual(['items_m']);
      expect(await cols('items_m')).toEqual(['id', 'qty', 'note', 'flag']);
      expect(await rows(dst, `SELECT * FROM ${target}.items_m ORDER BY id`)).toEqual([
        { id: 1, qty: 5, note: 'x', flag: 0 },
        { id: 2, qty: 6, note: 'y', flag: 0 },
        { id: 3, qty: 7, note: 'z', flag: 1 },
      ]);
    } finally {
      await src.query(`DROP DATABASE IF EXISTS ${other}`);
    }
  });

  it('gh-ost dropping a column: writes to the original before the cut-over still apply, the ALTER lands at the cut-over', async () => {
    await src.query(`USE ${db}`);
    await src.query(`CREATE TABLE _items_gho LIKE items`);
    await src.query(`ALTER TABLE _items_gho DROP COLUMN note`);
    // The original keeps its shape (and its writers) until the cut-over.
    await src.query(`UPDATE items SET note = 'before cut-over', amount = amount + 100 WHERE id = 3`);
    await src.query(`INSERT INTO items VALUES (4, 8, 'w', 0)`);
    await rep.catchUp();
    expect(await cols('items_m')).toEqual(['id', 'qty', 'note', 'flag']);
    await src.query(`INSERT INTO _items_gho (id, amount, flag) SELECT id, amount, flag FROM items`);
    await src.query(`RENAME TABLE items TO _items_del, _items_gho TO items`);
    await src.query(`DROP TABLE _items_del`);
    await src.query(`UPDATE items SET amount = amount + 1 WHERE id = 4`);
    await rep.catchUp();
    expect(await cols('items_m')).toEqual(['id', 'qty', 'flag']);
    expect(await rows(dst, `SELECT * FROM ${target}.items_m ORDER BY id`)).toEqual(await rows(src, `SELECT id, amount AS qty, flag FROM ${db}.items ORDER BY id`));
  });
});
