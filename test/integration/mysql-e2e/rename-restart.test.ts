// A restart after RENAME TABLE does not read the renamed table again: the checkpoint's full-sync map
// follows a RENAME streamed after the full sync (before, the restart found the new name missing from
// the map and backfilled the whole table as if it had just been added to the task).
import { describe, expect, it } from '@jest/globals';
import { readTaskCheckpoint, runUntilCaughtUp, spawnEngine, waitForExit } from '../../support/engine.js';
import { e2eTask } from './helpers.js';

const e2e = e2eTask('rename_restart', {
  prepare: async (src, db) => {
    await src.query(`CREATE TABLE ${db}.orders (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)`);
    await src.query(`INSERT INTO ${db}.orders SELECT seq, 'seed' FROM ${db}.seq_1_to_300`);
  },
});

describe('restart after RENAME TABLE (real dts run, MySQL -> MySQL)', () => {
  it('keeps the renamed table as fully synchronized: no backfill after a restart, rows right', async () => {
    const engine = spawnEngine(e2e.manifest, { stateDir: e2e.stateDir });
    try {
      await engine.waitForLog((l) => l.msg === 'full synchronization done' || (l.msg === 'task state Synchronizing'), 60_000);
      await e2e.src.query(`RENAME TABLE ${e2e.db}.orders TO ${e2e.db}.orders_2026`);
      await e2e.src.query(`UPDATE ${e2e.db}.orders_2026 SET v = 'after' WHERE id <= 10`);
      // Wait until the checkpoint has passed the RENAME (the UPDATE after it is applied and saved).
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [rows] = await e2e.dst.query(`SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'orders_2026'`, [e2e.target]);
        const renamed = Number((rows as { n: number }[])[0]!.n) === 1;
        const [after] = renamed ? await e2e.dst.query(`SELECT COUNT(*) AS n FROM ${e2e.target}.orders_2026 WHERE v = 'after'`) : [[{ n: 0 }]];
        if (Number((after as { n: number }[])[0]!.n) === 10) break;
        if (Date.now() > deadline) throw new Error('the RENAME and the UPDATE after it did not arrive');
        await new Promise((r) => setTimeout(r, 300));
      }
      await new Promise((r) => setTimeout(r, 1500)); // a checkpoint tick or two
    } finally {
      engine.kill('SIGTERM');
      await waitForExit(engine);
    }
    expect(Object.keys(readTaskCheckpoint(e2e.stateDir, e2e.task.name).snapshot!.tables!)).toEqual([`${e2e.db}.orders_2026`]);
    const again = await runUntilCaughtUp(e2e.manifest, { stateDir: e2e.stateDir });
    expect(again.exit.code).toBe(0);
    expect(again.engine.logs.filter((l) => l.msg.includes('backfilling'))).toEqual([]);
    const [rows] = await e2e.dst.query(`SELECT COUNT(*) AS n, SUM(v = 'after') AS after FROM ${e2e.target}.orders_2026`);
    expect((rows as { n: number; after: string }[])[0]).toMatchObject({ n: 300, after: '10' });
  }, 180_000);
});
