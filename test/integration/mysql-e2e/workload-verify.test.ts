// A sysbench-style write workload runs while `dts run` does schema, full and incremental sync of a
// MySQL -> MySQL task; after catching up, `dts verify` finds both sides equal, and it is not
// trivially so: one injected destination difference makes it fail naming the key.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { runUntilCaughtUp, scratchDir, spawnEngine, waitForExit, writeManifest } from '../../support/engine.js';
import { databaseObject, mysqlTask, prepareTable, startWorkload, type WorkloadTable } from '../../support/mysql-task.js';
import { sourceConnection, uniqueName } from '../../support/stack.js';
import { adminConnection, rowCounts, verify } from './helpers.js';

const ROWS = 5000;

describe('MySQL -> MySQL under a mixed workload, through dts run', () => {
  const db = uniqueName('e2e_mix');
  const target = `${db}_d`;
  const tables: WorkloadTable[] = [1, 2, 3, 4].map((n) => ({ database: db, table: `sbtest${n}`, key: n === 4 ? 'unique' : 'primary' }));
  const task = mysqlTask({ name: `${db}_t`, objects: [databaseObject(db, target)] });
  const dir = scratchDir('mysql-e2e-mix');
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

  it('schema + full + incremental sync while writes run ends equal, and verify catches an injected difference', async () => {
    const workload = startWorkload({ connection: sourceConnection(), tables, rowsPerTable: ROWS, connections: 3, durationMs: 15_000 });
    let workloadDone = false;
    void workload.finished.then(() => (workloadDone = true), () => undefined);
    await new Promise((r) => setTimeout(r, 1000));
    const engine = spawnEngine(manifest, { stateDir });
    try {
      await engine.waitForLog((l) => l.msg === 'full synchronization done', 60_000);
      expect(workloadDone).toBe(false); // the full sync overlapped the writes
      const stats = await workload.finished;
      expect(stats.transactions).toBeGreaterThan(100);
      engine.kill('SIGTERM');
      expect((await waitForExit(engine)).code).toBe(0);
    } finally {
      engine.kill('SIGKILL');
    }
    const { exit, engine: catchUp } = await runUntilCaughtUp(manifest, { stateDir }, 120_000);
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : catchUp.stderr().slice(-2000) }).toEqual({ code: 0, stderr: '' });

    const equal = await verify(manifest, task.name);
    expect({ code: equal.code, stderr: equal.stderr.slice(-1000) }).toEqual({ code: 0, stderr: '' });
    expect(equal.report?.equal).toBe(true);
    const compared = equal.report!.tasks[0]!.tables;
    expect(compared.map((t) => t.destination).sort()).toEqual(tables.map((t) => `${target}.${t.table}`).sort());
    for (const t of compared) expect(t.rowsCompared).toBe(ROWS);
    for (const t of tables) expect(await rowCounts(dst, `${target}.${t.table}`)).toEqual({ rows: ROWS, distinctIds: ROWS });

    await dst.query(`UPDATE ${target}.sbtest2 SET k = k + 1000000 WHERE id = 42`);
    const different = await verify(manifest, task.name);
    expect(different.code).toBe(2); // dts verify: 2 = the data differ, 1 = the check could not run
    expect(different.report?.equal).toBe(false);
    const diffs = different.report!.tasks[0]!.tables.flatMap((t) => t.differences.map((d) => ({ table: t.source, ...d })));
    expect(diffs).toEqual([{ table: `${db}.sbtest2`, kind: 'different', key: { id: 42 } }]);

    await dst.query(`UPDATE ${target}.sbtest2 SET k = k - 1000000 WHERE id = 42`);
    expect((await verify(manifest, task.name)).code).toBe(0);
  }, 300_000);
});
