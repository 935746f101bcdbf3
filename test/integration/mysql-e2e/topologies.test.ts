// Topologies through `dts run`: many-to-one (two source databases, disjoint tables, one destination
// database), cascading A -> B -> C (the second task reads the destination instance's binlog with the
// read-only `dts` account and writes db C on that same instance), one-to-many (one source database,
// two tasks, two destination databases). Each converges per `dts verify`.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { runUntilCaughtUp, scratchDir, writeManifest } from '../../support/engine.js';
import { databaseObject, destinationAsSourceEndpoint, mysqlTask, prepareTable, startWorkload, type WorkloadTable } from '../../support/mysql-task.js';
import { sourceConnection, uniqueName } from '../../support/stack.js';
import type { TaskSpec } from '../../../runtime/manifest/types.js';
import { adminConnection, verify } from './helpers.js';

const ROWS = 2000;

describe('MySQL -> MySQL topologies through dts run', () => {
  const base = uniqueName('e2e_topo');
  const s1 = `${base}_s1`;
  const s2 = `${base}_s2`;
  const sourceDbs = [s1, s2];
  const tablesOf: Record<string, WorkloadTable[]> = {
    [s1]: [{ database: s1, table: 'alpha', key: 'primary' }, { database: s1, table: 'beta', key: 'unique' }],
    [s2]: [{ database: s2, table: 'gamma', key: 'primary' }],
  };
  const destinationDbs: string[] = [];
  const taskNames: string[] = [];
  let src: mysql.Connection;
  let dst: mysql.Connection;

  beforeAll(async () => {
    src = await adminConnection('source');
    dst = await adminConnection('destination');
    for (const d of sourceDbs) {
      await src.query(`CREATE DATABASE ${d}`);
      for (const t of tablesOf[d]!) await prepareTable(src, t, ROWS);
    }
  });
  afterAll(async () => {
    for (const d of sourceDbs) await src.query(`DROP DATABASE IF EXISTS ${d}`);
    for (const d of destinationDbs) await dst.query(`DROP DATABASE IF EXISTS ${d}`);
    if (taskNames.length > 0) await dst.query(`DELETE FROM __dts.checkpoints WHERE task IN (?)`, [taskNames]).catch(() => undefined);
    await src.end();
    await dst.end();
  });

  function tasks(...specs: TaskSpec[]): TaskSpec[] {
    taskNames.push(...specs.map((t) => t.name));
    return specs;
  }

  async function writeSome(dbs: readonly string[], ms = 3000): Promise<void> {
    const w = startWorkload({ connection: sourceConnection(), tables: dbs.flatMap((d) => tablesOf[d]!), rowsPerTable: ROWS, connections: 2, durationMs: ms, pauseMs: 2 });
    expect((await w.finished).transactions).toBeGreaterThan(10);
  }

  async function runToEnd(manifest: string, stateDir: string, task?: string): Promise<void> {
    const { exit, engine } = await runUntilCaughtUp(manifest, { stateDir, ...(task ? { task } : {}) }, 120_000);
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr().slice(-3000) }).toEqual({ code: 0, stderr: '' });
  }

  async function expectEqual(manifest: string, task: string, tablesCompared: number): Promise<void> {
    const r = await verify(manifest, task);
    expect({ task, code: r.code, stderr: r.stderr.slice(-1000) }).toEqual({ task, code: 0, stderr: '' });
    const compared = r.report!.tasks[0]!.tables;
    expect(compared).toHaveLength(tablesCompared);
    for (const t of compared) expect(t.rowsCompared).toBe(ROWS);
  }

  it('many-to-one: two source databases into one destination database converge', async () => {
    const merged = `${base}_m`;
    destinationDbs.push(merged);
    const [t1, t2] = tasks(
      mysqlTask({ name: `${base}_m1`, objects: [databaseObject(s1, merged)] }),
      mysqlTask({ name: `${base}_m2`, objects: [databaseObject(s2, merged)] }),
    );
    const dir = scratchDir('mysql-e2e-m2o');
    const manifest = writeManifest(dir, [t1!, t2!]);
    const writes = writeSome(sourceDbs);
    await runToEnd(manifest, `${dir}/state`);
    await writes;
    await runToEnd(manifest, `${dir}/state`);
    await expectEqual(manifest, t1!.name, 2);
    await expectEqual(manifest, t2!.name, 1);
    const [r] = await dst.query(`SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY 1`, [merged]);
    expect((r as { t: string }[]).map((x) => x.t)).toEqual(['alpha', 'beta', 'gamma']);
  }, 300_000);

  it('cascading A -> B -> C: the second task reads the destination binlog and converges', async () => {
    const b = `${base}_b`;
    const c = `${base}_c`;
    destinationDbs.push(b, c);
    const [ab, bc] = tasks(
      mysqlTask({ name: `${base}_ab`, objects: [databaseObject(s1, b)] }),
      mysqlTask({ name: `${base}_bc`, objects: [databaseObject(b, c)], source: destinationAsSourceEndpoint() }),
    );
    const dir = scratchDir('mysql-e2e-cascade');
    const manifest = writeManifest(dir, [ab!, bc!]);
    const stateDir = `${dir}/state`;
    await runToEnd(manifest, stateDir, ab!.name); // B exists with its data before C reads it
    const writes = writeSome([s1]);
    await runToEnd(manifest, stateDir, bc!.name);
    await writes;
    await src.query(`ALTER TABLE ${s1}.alpha ADD COLUMN w INT NOT NULL DEFAULT 7`);
    await src.query(`UPDATE ${s1}.alpha SET w = id WHERE id <= 100`);
    await runToEnd(manifest, stateDir, ab!.name);
    await runToEnd(manifest, stateDir, bc!.name);
    await expectEqual(manifest, ab!.name, 2);
    await expectEqual(manifest, bc!.name, 2); // B (read as a source through the dts account) against C
    const [[left], [right]] = await Promise.all([
      dst.query(`SELECT COUNT(*) AS n, SUM(w) AS w, SUM(k) AS k FROM ${c}.alpha`),
      src.query(`SELECT COUNT(*) AS n, SUM(w) AS w, SUM(k) AS k FROM ${s1}.alpha`),
    ]);
    expect(left).toEqual(right); // C matches A itself, not only B
  }, 300_000);

  it('one-to-many: one source database, two tasks, two destination databases converge', async () => {
    const o1 = `${base}_o1`;
    const o2 = `${base}_o2`;
    destinationDbs.push(o1, o2);
    const [t1, t2] = tasks(
      mysqlTask({ name: `${base}_o1`, objects: [databaseObject(s2, o1)] }),
      mysqlTask({ name: `${base}_o2`, objects: [databaseObject(s2, o2)] }),
    );
    const dir = scratchDir('mysql-e2e-o2m');
    const manifest = writeManifest(dir, [t1!, t2!]);
    const writes = writeSome([s2]);
    await runToEnd(manifest, `${dir}/state`);
    await writes;
    await runToEnd(manifest, `${dir}/state`);
    await expectEqual(manifest, t1!.name, 1);
    await expectEqual(manifest, t2!.name, 1);
  }, 300_000);
});
