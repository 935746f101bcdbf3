// Text values of tens of MB through `dts run` (the engine thread's capped heap) to MySQL: a 24 MB ASCII
// and a 12 MB UTF-8 LONGTEXT (and values with quotes, backslashes, NUL, 4-byte characters), in the full sync and then both images of an UPDATE in one transaction.
// Large values travel as statement parameters, not as escaped literals copied into the statement.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { runUntilCaughtUp, scratchDir, writeManifest } from '../../support/engine.js';
import { databaseObject, mysqlTask } from '../../support/mysql-task.js';
import { uniqueName } from '../../support/stack.js';
import { adminConnection } from './helpers.js';

describe('MySQL -> MySQL: rows of tens of MB of text', () => {
  const db = uniqueName('e2e_bigtext');
  const target = `${db}_d`;
  const task = mysqlTask({ name: `${db}_t`, objects: [databaseObject(db, target)] });
  const dir = scratchDir('mysql-e2e-bigtext');
  const manifest = writeManifest(dir, [task]);
  const stateDir = `${dir}/state`;
  let src: mysql.Connection;
  let dst: mysql.Connection;

  beforeAll(async () => {
    src = await adminConnection('source');
    dst = await adminConnection('destination');
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.docs (id INT PRIMARY KEY, body LONGTEXT CHARACTER SET utf8mb4 NOT NULL)`);
    await src.query(`INSERT INTO ${db}.docs VALUES (1, REPEAT('abcdefgh', 3000000)), (2, REPEAT('é', 6000000))`);
    // Quote, backslash, NUL and a 4-byte character: what an escaped literal must get right, as a parameter.
    await src.query(`INSERT INTO ${db}.docs VALUES (3, REPEAT(CONVERT(CONCAT(CHAR(39), CHAR(92), CHAR(0), 'x') USING utf8mb4), 100000)), (4, REPEAT(_utf8mb4'🐬ü', 50000))`);
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${target}`);
    await dst.query('DELETE FROM __dts.checkpoints WHERE task = ?', [task.name]).catch(() => undefined);
    await src.end();
    await dst.end();
  });

  const sums = async (conn: mysql.Connection, database: string) => (await conn.query(`SELECT id, LENGTH(body) AS n, MD5(body) AS m FROM ${database}.docs ORDER BY id`))[0];

  it('copies them and applies an UPDATE of both, byte for byte', async () => {
    for (const step of ['full sync', 'update']) {
      if (step === 'update') await src.query(`UPDATE ${db}.docs SET body = CONCAT(body, 'ü')`);
      const { exit, engine } = await runUntilCaughtUp(manifest, { stateDir }, 180_000);
      expect({ step, code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr().slice(-2000) }).toEqual({ step, code: 0, stderr: '' });
      expect(await sums(dst, target)).toEqual(await sums(src, db));
    }
  }, 400_000);
});
