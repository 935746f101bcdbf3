// kill -9 of `dts run` in the middle of one large source transaction (issue 10). The transaction is
// streamed in pieces and committed on the destination in batches, each batch's checkpoint row saying
// how far into the transaction it goes; the restart reads the transaction again from its start and
// skips exactly those rows. Row images converge even when replayed, so what proves "exactly once" is
// a trigger on the destination table counting the updates the engine applies: one per source row.
import { describe, expect, it } from '@jest/globals';
import { STREAM_TRANSACTION_ROWS } from '../../../runtime/manifest/defaults.js';
import { runUntilCaughtUp, spawnEngine, waitForExit } from '../../support/engine.js';
import { e2eTask, scalar, verify, waitUntil } from './helpers.js';

const ROWS = STREAM_TRANSACTION_ROWS * 8;

describe('MySQL -> MySQL: kill -9 inside a large transaction', () => {
  const e2e = e2eTask('e2e_hugetx', {
    prepare: async (src, db) => {
      await src.query(`CREATE TABLE ${db}.keyed (id INT PRIMARY KEY, v INT NOT NULL)`);
      await src.query(`INSERT INTO ${db}.keyed SELECT seq, 0 FROM ${db}.seq_1_to_${ROWS}`);
    },
  });
  const { db, target, task, manifest, stateDir } = e2e;

  it('applies every row of the transaction exactly once across the crash', async () => {
    const { src, dst } = e2e;
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
