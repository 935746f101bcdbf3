// Text values of tens of MB through `dts run` (the engine thread's capped heap) to MySQL: a 24 MB ASCII
// and a 12 MB UTF-8 LONGTEXT (and values with quotes, backslashes, NUL, 4-byte characters), in the full sync and then both images of an UPDATE in one transaction.
// Large values travel as statement parameters, not as escaped literals copied into the statement.
import { describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { runUntilCaughtUp } from '../../support/engine.js';
import { e2eTask } from './helpers.js';

describe('MySQL -> MySQL: rows of tens of MB of text', () => {
  const e2e = e2eTask('e2e_bigtext', {
    prepare: async (src, db) => {
      await src.query(`CREATE TABLE ${db}.docs (id INT PRIMARY KEY, body LONGTEXT CHARACTER SET utf8mb4 NOT NULL)`);
      await src.query(`INSERT INTO ${db}.docs VALUES (1, REPEAT('abcdefgh', 3000000)), (2, REPEAT('é', 6000000))`);
      // Quote, backslash, NUL and a 4-byte character: what an escaped literal must get right, as a parameter.
      await src.query(`INSERT INTO ${db}.docs VALUES (3, REPEAT(CONVERT(CONCAT(CHAR(39), CHAR(92), CHAR(0), 'x') USING utf8mb4), 100000)), (4, REPEAT(_utf8mb4'🐬ü', 50000))`);
    },
  });
  const { db, target, manifest, stateDir } = e2e;

  const sums = async (conn: mysql.Connection, database: string) => (await conn.query(`SELECT id, LENGTH(body) AS n, MD5(body) AS m FROM ${database}.docs ORDER BY id`))[0];

  it('copies them and applies an UPDATE of both, byte for byte', async () => {
    for (const step of ['full sync', 'update']) {
      if (step === 'update') await e2e.src.query(`UPDATE ${db}.docs SET body = CONCAT(body, 'ü')`);
      const { exit, engine } = await runUntilCaughtUp(manifest, { stateDir }, 180_000);
      expect({ step, code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr().slice(-2000) }).toEqual({ step, code: 0, stderr: '' });
      expect(await sums(e2e.dst, target)).toEqual(await sums(e2e.src, db));
    }
  }, 400_000);
});
