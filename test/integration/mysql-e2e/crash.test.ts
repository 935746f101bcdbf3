// kill -9 of `dts run` at several points of a MySQL -> MySQL task under a write workload: during the
// full sync (after the first chunks), while streaming under load, and right after a replicated DDL.
// Each restart resumes from the checkpoint committed with the data on the destination; the end state
// is equal per `dts verify` and no row is doubled, including in a table whose only key is UNIQUE.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { readTaskStatus, runUntilCaughtUp, scratchDir, spawnEngine, waitForExit, writeManifest, type EngineProcess } from '../../support/engine.js';
import { databaseObject, mysqlTask, prepareTable, startWorkload, type WorkloadTable } from '../../support/mysql-task.js';
import { sourceConnection, uniqueName } from '../../support/stack.js';
import { adminConnection, rowCounts, sleep, verify, waitUntil } from './helpers.js';

const ROWS = 20_000;

describe('MySQL -> MySQL: kill -9 of dts run and restart', () => {
  const db = uniqueName('e2e_crash');
  const target = `${db}_d`;
  const tables: WorkloadTable[] = [1, 2, 3, 4].map((n) => ({ database: db, table: `sbtest${n}`, key: n === 4 ? 'unique' : 'primary' }));
  // Throttled full sync (8k rows/s for 80k rows) so the first kill lands inside it.
  const task = mysqlTask({ name: `${db}_t`, objects: [databaseObject(db, target)], overrides: { throttle: { full: { rps: 8000 } } } });
  const dir = scratchDir('mysql-e2e-crash');
  const manifest = writeManifest(dir, [task]);
  const stateDir = `${dir}/state`;
  let src: mysql.Connection;
  let dst: mysql.Connection;

  beforeAll(async () => {
    src = await adminConnection('source');
    dst = await adminConnection('destination');
    await src.query(`CREATE DATABASE ${db}`);
    for (const t of tables) await prepareTable(src, t, ROWS);
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${target}`);
    await dst.query(`DELETE FROM __dts.checkpoints WHERE task = ?`, [task.name]).catch(() => undefined);
    await src.end();
    await dst.end();
  });

  async function destinationRows(): Promise<number> {
    let total = 0;
    for (const t of tables) {
      try {
        total += (await rowCounts(dst, `${target}.${t.table}`)).rows;
      } catch {
        // not created yet
      }
    }
    return total;
  }

  async function crash(engine: EngineProcess): Promise<void> {
    engine.kill('SIGKILL');
    const exit = await waitForExit(engine, 10_000);
    expect(exit.signal).toBe('SIGKILL');
  }

  it('resumes exactly once after kills during full sync, mid-stream under load and right after a DDL', async () => {
    const workload = startWorkload({ connection: sourceConnection(), tables, rowsPerTable: ROWS, connections: 2, pauseMs: 2 });
    try {
      // 1. During the full sync, after the first chunks landed.
      let engine = spawnEngine(manifest, { stateDir });
      await waitUntil('the first full-sync chunks on the destination', async () => (await destinationRows()) >= 4000, 60_000, 50);
      expect(readTaskStatus(stateDir, task.name).state).toBe('FullSync');
      await crash(engine);
      const partial = await destinationRows();
      expect(partial).toBeLessThan(tables.length * ROWS);

      // 2. While streaming under load: the full sync finishes, then kills at uneven moments.
      engine = spawnEngine(manifest, { stateDir });
      await engine.waitForLog((l) => l.msg === 'full synchronization done', 90_000);
      await sleep(700);
      await crash(engine);
      for (const delayMs of [1300, 450]) {
        engine = spawnEngine(manifest, { stateDir });
        await engine.waitForLog((l) => l.msg === 'task state Synchronizing', 30_000);
        await sleep(delayMs);
        await crash(engine);
      }

      // 3. Right after a DDL: kill the moment the destination shows the new column.
      engine = spawnEngine(manifest, { stateDir });
      await engine.waitForLog((l) => l.msg === 'task state Synchronizing', 30_000);
      await sleep(300);
      await src.query(`ALTER TABLE ${db}.sbtest1 ADD COLUMN extra INT NOT NULL DEFAULT 5`);
      await waitUntil('the ADD COLUMN on the destination', async () => {
        const [r] = await dst.query(`SELECT COUNT(*) AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'sbtest1' AND COLUMN_NAME = 'extra'`, [target]);
        return Number((r as { n: number }[])[0]!.n) === 1;
      }, 30_000, 10);
      await crash(engine);
    } finally {
      const stats = await workload.stop();
      expect(stats.transactions).toBeGreaterThan(100);
    }
    await src.query(`UPDATE ${db}.sbtest1 SET extra = id % 11 WHERE id % 5 = 0`);

    const { exit, engine } = await runUntilCaughtUp(manifest, { stateDir }, 180_000);
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr().slice(-3000) }).toEqual({ code: 0, stderr: '' });
    const result = await verify(manifest, task.name);
    expect({ code: result.code, stderr: result.stderr.slice(-1000) }).toEqual({ code: 0, stderr: '' });
    for (const t of tables) expect(await rowCounts(dst, `${target}.${t.table}`)).toEqual({ rows: ROWS, distinctIds: ROWS });
    const [cols] = await dst.query(`SHOW CREATE TABLE ${target}.sbtest4`);
    expect(String((cols as Record<string, string>[])[0]!['Create Table'])).toMatch(/UNIQUE KEY `uk_id`/);
    expect(String((cols as Record<string, string>[])[0]!['Create Table'])).not.toMatch(/PRIMARY KEY/);
  }, 420_000);
});
