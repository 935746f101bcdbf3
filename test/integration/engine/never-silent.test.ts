// An engine must never die or stall silently: a change it cannot capture exactly, or an apply the
// destination refuses past the retry window, ends the task Failed with the reason and the fix, and
// `dts run --until-caught-up` exits non-zero instead of hanging with status Synchronizing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { readTaskStatus, runUntilCaughtUp, scratchDir, writeManifest } from '../../support/engine.js';
import { databaseObject, mysqlTask } from '../../support/mysql-task.js';
import { uniqueName } from '../../support/stack.js';
import { adminConnection } from '../mysql-e2e/helpers.js';

describe('never silent: unrecoverable failures end the task Failed and exit non-zero', () => {
  let src: mysql.Connection;
  let dst: mysql.Connection;
  const dbs: string[] = [];

  beforeAll(async () => {
    src = await adminConnection('source');
    dst = await adminConnection('destination');
  });
  afterAll(async () => {
    for (const db of dbs) {
      await src.query(`DROP DATABASE IF EXISTS ${db}`);
      await dst.query(`DROP DATABASE IF EXISTS ${db}`);
    }
    await src.end();
    await dst.end();
  });

  it('statement-format DML on a selected table fails the task naming binlog_format (never silently skipped)', async () => {
    const db = uniqueName('stmt_fmt');
    dbs.push(db);
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v INT)`);
    const task = mysqlTask({ name: `${db}_t`, objects: [databaseObject(db)], syncTypes: { schema: true, full: true } });
    const dir = scratchDir('stmt-fmt');
    const manifest = writeManifest(dir, [task]);
    // The first run creates the table and streams; then a STATEMENT-format session writes.
    expect((await runUntilCaughtUp(manifest, { stateDir: `${dir}/state` })).exit.code).toBe(0);
    await src.query("SET SESSION binlog_format = 'STATEMENT'");
    await src.query(`INSERT INTO ${db}.t VALUES (1, 1)`);
    await src.query("SET SESSION binlog_format = 'ROW'");
    const { exit, engine } = await runUntilCaughtUp(manifest, { stateDir: `${dir}/state`, env: { DTS_RETRY_SCALE: '0.005' } }, 120_000);
    expect(exit.code).not.toBe(0);
    const status = readTaskStatus(`${dir}/state`, task.name);
    expect(status.state).toBe('Failed');
    expect(status.reason).toMatch(new RegExp(`${db}\\.t was written as a statement.*binlog_format=ROW`));
    expect(engine.stderr()).toContain('binlog_format');
  });

  it('an apply the destination refuses until the retry window ends: Failed with the reason, exit non-zero', async () => {
    const db = uniqueName('refused');
    dbs.push(db);
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v INT)`);
    await src.query(`INSERT INTO ${db}.t VALUES (1, 100000)`);
    // The destination table exists with a narrower column (kept by conflictingTables 'ignore'):
    // a strict session refuses 100000 for a SMALLINT instead of truncating it.
    await dst.query(`CREATE DATABASE ${db}`);
    await dst.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v SMALLINT)`);
    const task = mysqlTask({ name: `${db}_t`, objects: [databaseObject(db)], overrides: { conflictingTables: 'ignore' } });
    const dir = scratchDir('refused');
    const manifest = writeManifest(dir, [task]);
    const started = Date.now();
    const { exit } = await runUntilCaughtUp(manifest, { stateDir: `${dir}/state`, env: { DTS_RETRY_SCALE: '0.005' } }, 60_000);
    expect(exit.code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    const status = readTaskStatus(`${dir}/state`, task.name);
    expect(status.state).toBe('Failed');
    expect(status.reason).toMatch(/Out of range value for column 'v'.*align its type with the source/);
    const [rows] = await dst.query(`SELECT COUNT(*) AS n FROM ${db}.t`);
    expect((rows as { n: number }[])[0]!.n).toBe(0); // nothing truncated was written
  }, 150_000);
});
