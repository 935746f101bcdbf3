// `dts precheck` and `dts run` against a destination that already holds one of the mapped tables:
// 'precheck-and-report' fails naming it (and dts run refuses to start), 'ignore' passes with the
// seed's data-inconsistency warning and the task then syncs into the existing table.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { runUntilCaughtUp, scratchDir, writeManifest } from '../../support/engine.js';
import { databaseObject, mysqlTask } from '../../support/mysql-task.js';
import { uniqueName } from '../../support/stack.js';
import { adminConnection, dts } from './helpers.js';

interface PrecheckJson {
  readonly tasks: { task: string; ok: boolean; results: { id: string; status: string; message: string }[] }[];
}

describe('MySQL -> MySQL precheck: conflicting destination tables', () => {
  const db = uniqueName('e2e_pre');
  const target = `${db}_d`;
  const reporting = mysqlTask({ name: `${db}_report`, objects: [databaseObject(db, target)] });
  const ignoring = mysqlTask({ name: `${db}_ignore`, objects: [databaseObject(db, target)], overrides: { conflictingTables: 'ignore' } });
  let src: mysql.Connection;
  let dst: mysql.Connection;

  beforeAll(async () => {
    src = await adminConnection('source');
    dst = await adminConnection('destination');
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.orders (id INT PRIMARY KEY, v VARCHAR(10))`);
    await src.query(`CREATE TABLE ${db}.items (id INT PRIMARY KEY, v VARCHAR(10))`);
    await src.query(`INSERT INTO ${db}.orders VALUES (1, 'a'), (2, 'b')`);
    await dst.query(`CREATE DATABASE ${target}`);
    await dst.query(`CREATE TABLE ${target}.orders (id INT PRIMARY KEY, v VARCHAR(10))`);
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${target}`);
    await dst.query(`DELETE FROM __dts.checkpoints WHERE task IN (?, ?)`, [reporting.name, ignoring.name]).catch(() => undefined);
    await src.end();
    await dst.end();
  });

  it("'precheck-and-report' fails naming the existing table; dts run refuses to start", async () => {
    const dir = scratchDir('mysql-e2e-pre');
    const manifest = writeManifest(dir, [reporting]);
    const r = await dts(['precheck', manifest, '--json']);
    expect(r.code).toBe(1);
    const check = (JSON.parse(r.stdout) as PrecheckJson).tasks[0]!.results.find((x) => x.id === 'conflicting-tables');
    expect(check?.status).toBe('fail');
    expect(check?.message).toContain(`${db}.orders -> ${target}.orders`);
    expect(check?.message).not.toContain('items');

    const { exit, engine } = await runUntilCaughtUp(manifest, { stateDir: `${dir}/state` }, 60_000);
    expect(exit.code).toBe(1);
    expect(engine.stderr()).toContain(`${target}.orders`);
    const [tables] = await dst.query(`SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?`, [target]);
    expect((tables as { t: string }[]).map((x) => x.t)).toEqual(['orders']); // nothing was created
  });

  it("'ignore' passes with the warning and syncs into the existing table", async () => {
    const dir = scratchDir('mysql-e2e-pre-ignore');
    const manifest = writeManifest(dir, [ignoring]);
    const r = await dts(['precheck', manifest, '--json']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const check = (JSON.parse(r.stdout) as PrecheckJson).tasks[0]!.results.find((x) => x.id === 'conflicting-tables');
    expect(check?.status).toBe('warn');
    expect(check?.message).toContain('can cause data inconsistency');

    const { exit, engine } = await runUntilCaughtUp(manifest, { stateDir: `${dir}/state` }, 60_000);
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr().slice(-2000) }).toEqual({ code: 0, stderr: '' });
    const [rows] = await dst.query(`SELECT id, v FROM ${target}.orders ORDER BY id`);
    expect(rows).toEqual([{ id: 1, v: 'a' }, { id: 2, v: 'b' }]);
  });
});
