// Schema synchronization creates the destination databases the selected tables go to: a task made of
// table entries mapped into another database creates that one, with the source database's character
// set, and no empty database under the source's own name.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { admin, dbObject, mysqlTask, rows, uniqueDb } from './harness.js';
import { MySqlSink } from '../../../../runtime/sinks/mysql/sink.js';
import { destWriter, sourceDts } from './harness.js';

describe('MySQL sink: schema synchronization of table entries mapped to another database', () => {
  let src: mysql.Connection;
  let dst: mysql.Connection;
  const db = uniqueDb('ssync');
  const target = `${db}_elsewhere`;

  beforeAll(async () => {
    src = await admin('source');
    dst = await admin('destination');
    await src.query(`CREATE DATABASE ${db} CHARACTER SET latin1 COLLATE latin1_swedish_ci`);
    await src.query(`CREATE TABLE ${db}.items (id INT PRIMARY KEY, name VARCHAR(20))`);
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    for (const d of [db, target]) await dst.query(`DROP DATABASE IF EXISTS ${d}`);
    await dst.query(`DELETE FROM __dts.tasks WHERE task LIKE '${db}%'`).catch(() => {});
    await src.end();
    await dst.end();
  });

  it('creates only the mapped database, with the source character set', async () => {
    const task = mysqlTask(`${db}_t`, [dbObject(db, { table: 'items', targetDatabase: target })]);
    const sink = new MySqlSink({ task, destination: destWriter(), source: sourceDts() });
    await sink.open();
    await sink.close();
    const schemata = await rows(dst, `SELECT SCHEMA_NAME AS name, DEFAULT_CHARACTER_SET_NAME AS cs FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ('${db}', '${target}')`);
    expect(schemata).toEqual([{ name: target, cs: 'latin1' }]);
    expect(await rows(dst, `SHOW TABLES FROM ${target}`)).toEqual([{ [`Tables_in_${target}`]: 'items' }]);
  });
});
