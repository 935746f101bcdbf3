// kill -9 of `dts run` in the middle of one large source transaction (issue 10). The transaction is
// streamed in pieces and committed on the destination in batches, each batch's checkpoint row saying
// how far into the transaction it goes; the restart reads the transaction again from its start and
// skips exactly those rows. Row images converge even when replayed, so what proves "exactly once" is
// a trigger on the destination table counting the updates the engine applies: one per source row.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { STREAM_TRANSACTION_ROWS } from '../../../runtime/manifest/defaults.js';
import { runUntilCaughtUp, scratchDir, spawnEngine, waitForExit, writeManifest } from '../../support/engine.js';
import { databaseObject, mysqlTask } from '../../support/mysql-task.js';
import { uniqueName } from '../../support/stack.js';
import { adminConnection, scalar, verify, waitUntil } from './helpers.js';

const ROWS = STREAM_TRANSACTION_ROWS * 8;

describe('MySQL -> MySQL: kill -9 inside a large transaction', () => {
  const db = uniqueName('e2e_hugetx');
  const target = `${db}_d`;
  const task = mysqlTask({ name: `${db}_t`, objects: [databaseObject(db, target)] });
  const dir = scratchDir('mysql-e2e-hugetx');
  const manifest = writeManifest(dir, [task]);
  const stateDir = `${dir}/state`;
  let src: mysql.Connection;
  let dst: mysql.Connection;

  beforeAll(async () => {
    src = await adminConnection('source');
    dst = await adminConnection('destination');
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.keyed (id INT PRIMARY KEY, v INT NOT NULL)`);
    await src.query(`INSERT INTO ${db}.keyed SELECT seq, 0 FROM ${db}.seq_1_to_${ROWS}`);
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${target}`);
    await dst.query('DELETE FROM __dts.checkpoints WHERE task = ?', [task.name]).catch(() => undefined);
    await src.end();
    await dst.end();
  });

  it('applies every row of the transaction exactly once across the crash', async () => {
    const first = await runUntilCaughtUp(manifest, { stateDir }, 120_000);
    expect({ code: first.exit.code, stderr: first.exit.code === 0 ? "" : first.engine.stderr().slice(-2000) }).toEqual({ code: 0, stderr: "" });
    expect(await scalar(dst, `SELECT COUNT(*) FROM ${target}.keyed`)).toBe(ROWS);
    await dst.query(`CREATE TABLE ${target}.applied (n INT NOT NULL)`);
    await dst.query(`INSERT INTO ${target}.applied VALUES (0)`);
    await dst.query(`CREATE TRIGGER ${target}.count_updates AFTER UPDATE ON ${target}.keyed FOR EACH ROW UPDATE ${target}.applied SET n = n + 1`);

    const engine = spawnEngine(manifest, { stateDir });
    await engine.waitForLog((l) => l.msg === 'task state Synchronizing', 30_000);
    await src.query(`UPDATE ${db}.keyed SET v = v + 1`);
    // A batch committed part of the transaction: its checkpoint row says how far in.
    await waitUntil('a batch committed inside the transaction', async () => {
      const [r] = await dst.query('SELECT within_row FROM __dts.checkpoints WHERE task = ?', [task.name]);
      return (r as { within_row: unknown }[])[0]?.within_row !== null;
    }, 60_000, 5);
    engine.kill('SIGKILL');
    expect((await waitForExit(engine, 10_000)).signal).toBe('SIGKILL');
    const updatedAtCrash = await scalar(dst, `SELECT COUNT(*) FROM ${target}.keyed WHERE v = 1`);
    // The destination saw the transaction in pieces: part of it, not all, when the engine died.
    expect(updatedAtCrash).toBeGreaterThan(0);
    expect(updatedAtCrash).toBeLessThan(ROWS);
    expect(await scalar(dst, `SELECT n FROM ${target}.applied`)).toBe(updatedAtCrash);

    const { exit, engine: again } = await runUntilCaughtUp(manifest, { stateDir }, 180_000);
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : again.stderr().slice(-3000) }).toEqual({ code: 0, stderr: '' });
    expect(await scalar(dst, `SELECT COUNT(*) FROM ${target}.keyed WHERE v = 1`)).toBe(ROWS);
    // Each source row change applied once: none of those committed before the crash again.
    expect(await scalar(dst, `SELECT n FROM ${target}.applied`)).toBe(ROWS);
    const result = await verify(manifest, task.name);
    expect({ code: result.code, stderr: result.stderr.slice(-1000) }).toEqual({ code: 0, stderr: '' });
  }, 360_000);
});
