import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import type { TaskSpec } from '../../../runtime/manifest/types.js';
import { runPrechecks, sourcePrecheck, type PrecheckResult } from '../../../runtime/prechecks/index.js';
import { adminConnection, dtsConfig, uniqueName } from '../sources/helpers.js';

function task(db: string, overrides: Partial<TaskSpec> = {}): TaskSpec {
  const c = dtsConfig();
  return {
    name: 'pre-task',
    source: { engine: 'mysql', kind: 'self-managed', host: c.host, port: c.port, user: c.user, password: { fromEnv: 'UNUSED' }, ssl: false },
    destination: { engine: 'rocketmq', version: '5.x', endpoints: '127.0.0.1:28081', topic: 't', producerGroup: 'g' },
    syncTypes: { schema: false, full: true, incremental: true },
    conflictingTables: 'precheck-and-report',
    objects: [{ database: db, dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }],
    capitalization: 'dts-default',
    retry: { connectionMinutes: 1, otherMinutes: 1 },
    throttle: {},
    heartbeat: false,
    serverId: 4242,
    ...overrides,
  };
}

const byId = (results: readonly PrecheckResult[], id: string) => results.find((r) => r.id === id);

describe('source prechecks (real MariaDB, dts account)', () => {
  let admin: mysql.Connection;
  const db = uniqueName('pre');

  beforeAll(async () => {
    admin = await adminConnection();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.orders (id INT PRIMARY KEY, v INT)`);
    await admin.query(`CREATE TABLE ${db}.codes (code VARCHAR(8) NOT NULL, UNIQUE KEY uk (code))`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
  });

  it('pass on the stack source with the least-privilege account', async () => {
    const report = await runPrechecks([sourcePrecheck(task(db), dtsConfig())]);
    const failed = report.results.filter((r) => r.status !== 'pass');
    expect(failed).toEqual([]);
    expect(report.ok).toBe(true);
    for (const id of ['connectivity', 'binlog-enabled', 'binlog-format', 'binlog-row-image', 'privileges', 'binlog-retention', 'server-id', 'log-slave-updates', 'primary-keys', 'invisible-columns', 'table-count', 'binlog-decodable']) {
      expect(byId(report.results, id)?.status).toBe('pass');
    }
  });

  it('fail on a table without a key, naming it', async () => {
    await admin.query(`CREATE TABLE ${db}.logs (msg TEXT)`);
    try {
      const report = await runPrechecks([sourcePrecheck(task(db), dtsConfig())]);
      expect(report.ok).toBe(false);
      expect(byId(report.results, 'primary-keys')).toMatchObject({
        status: 'fail',
        message: `task pre-task: table ${db}.logs has no primary key or unique key: add one or exclude the table`,
      });
    } finally {
      await admin.query(`DROP TABLE ${db}.logs`);
    }
  });

  it('fail on binlog_format=STATEMENT (restored afterwards)', async () => {
    const [[before]] = (await admin.query('SELECT @@GLOBAL.binlog_format AS f')) as unknown as [[{ f: string }]];
    await admin.query('SET GLOBAL binlog_format = STATEMENT');
    try {
      const report = await runPrechecks([sourcePrecheck(task(db), dtsConfig())]);
      expect(report.ok).toBe(false);
      expect(byId(report.results, 'binlog-format')).toMatchObject({ status: 'fail', fix: expect.stringContaining('binlog_format = ROW') });
    } finally {
      await admin.query(`SET GLOBAL binlog_format = ${before.f}`);
    }
    const [[after]] = (await admin.query('SELECT @@GLOBAL.binlog_format AS f')) as unknown as [[{ f: string }]];
    expect(after.f).toBe('ROW');
  });

  it('fail on a serverId clash and on bad credentials, and compose with sink checks', async () => {
    const [[row]] = (await admin.query('SELECT @@GLOBAL.server_id AS id')) as unknown as [[{ id: number }]];
    const clash = await runPrechecks([sourcePrecheck(task(db, { serverId: Number(row.id) }), dtsConfig())]);
    expect(byId(clash.results, 'server-id')?.status).toBe('fail');
    const sinkCheck = { id: 'sink', run: async (): Promise<PrecheckResult> => ({ id: 'topic-exists', status: 'warn', message: 'sink says hi', fix: 'x' }) };
    const broken = { id: 'broken', run: async (): Promise<PrecheckResult> => { throw new Error('boom'); } };
    const denied = await runPrechecks([sourcePrecheck(task(db), { ...dtsConfig(), password: 'wrong-password' }), sinkCheck, broken]);
    expect(denied.results.map((r) => [r.id, r.status])).toEqual([['connectivity', 'fail'], ['topic-exists', 'warn'], ['broken', 'fail']]);
    expect(denied.results[0]?.message).toMatch(/cannot log in to the source/);
    expect(denied.results[0]?.message).not.toContain('wrong-password');
  });
});
