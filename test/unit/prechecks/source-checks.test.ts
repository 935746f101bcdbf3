import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { evaluateSourceFacts, formatReport, redactGrant, runPrechecks, type SourceCheckContext, type SourceFacts } from '../../../runtime/prechecks/index.js';

const fixture = (name: string): SourceFacts => JSON.parse(readFileSync(new URL(`../../fixtures/prechecks/${name}`, import.meta.url), 'utf8')) as SourceFacts;
const ctx: SourceCheckContext = { task: 'orders', sourceKind: 'self-managed', serverId: 1001, destinationEngine: 'mysql', databases: ['shop'] };
const status = (facts: SourceFacts, c: SourceCheckContext = ctx) => Object.fromEntries(evaluateSourceFacts(facts, c).map((r) => [r.id, r.status]));

describe('source prechecks on recorded facts', () => {
  it('the stack MariaDB passes everything', () => {
    const s = status(fixture('mariadb-stack-ok.json'));
    expect(Object.values(s).every((v) => v === 'pass')).toBe(true);
    expect(s.privileges).toBe('pass'); // BINLOG MONITOR stands in for REPLICATION CLIENT
  });

  it('MySQL 8: invisible columns, compression, partial JSON, replica without log_replica_updates, >1000 tables, triggers, retention', () => {
    const results = evaluateSourceFacts(fixture('mysql8-invisible-compressed.json'), ctx);
    const get = (id: string) => results.find((r) => r.id === id)!;
    expect(get('invisible-columns')).toMatchObject({ status: 'warn', fix: 'ALTER TABLE shop.orders ALTER COLUMN my_row_id SET VISIBLE (for each listed column)' });
    expect(get('binlog-decodable').status).toBe('fail');
    expect(get('binlog-decodable').message).toMatch(/binlog_transaction_compression=ON.*PARTIAL_JSON/);
    expect(get('log-slave-updates').status).toBe('fail');
    expect(get('table-count').status).toBe('fail');
    expect(get('triggers')).toMatchObject({ status: 'warn' });
    expect(get('triggers').message).toContain('shop.orders:orders_audit');
    expect(get('binlog-retention')).toMatchObject({ status: 'warn' });
    expect(get('binlog-retention').message).toContain('2 days, under the 7-day minimum');
    expect(get('objects-exist')).toMatchObject({ status: 'fail' });
    expect(get('binlog-row-metadata').status).toBe('warn');
    expect(get('primary-keys').status).toBe('pass');
    // RDS needs only 3 days: 2 is still short; triggers only matter for MySQL destinations.
    expect(status(fixture('mysql8-invisible-compressed.json'), { ...ctx, sourceKind: 'rds' })['binlog-retention']).toBe('warn');
    expect(status(fixture('mysql8-invisible-compressed.json'), { ...ctx, destinationEngine: 'rocketmq' }).triggers).toBeUndefined();
  });

  it('retention: 0 means never purged; RDS passes at 3 days where self-managed warns', () => {
    const base = fixture('mariadb-stack-ok.json');
    const withRetention = (seconds: string, days: string): SourceFacts => ({ ...base, variables: { ...base.variables, binlog_expire_logs_seconds: seconds, expire_logs_days: days } });
    expect(status(withRetention('0', '0'))['binlog-retention']).toBe('pass');
    expect(status(withRetention(String(3 * 86400), '0'), { ...ctx, sourceKind: 'rds' })['binlog-retention']).toBe('pass');
    expect(status(withRetention(String(3 * 86400), '0'))['binlog-retention']).toBe('warn');
    expect(status(withRetention('0', '10'))['binlog-retention']).toBe('pass');
  });

  it('binlog settings and privileges', () => {
    const base = fixture('mariadb-stack-ok.json');
    const v = (vars: Record<string, string>): SourceFacts => ({ ...base, variables: { ...base.variables, ...vars } });
    expect(status(v({ log_bin: 'OFF' }))['binlog-enabled']).toBe('fail');
    expect(status(v({ binlog_format: 'MIXED' }))['binlog-format']).toBe('fail');
    expect(status(v({ binlog_row_image: 'MINIMAL' }))['binlog-row-image']).toBe('fail');
    expect(status(v({ server_id: '1001' }))['server-id']).toBe('fail');
    expect(status({ ...base, replicaServerIds: [1001] })['server-id']).toBe('fail');
    const noSlave = evaluateSourceFacts({ ...base, grants: ['GRANT SELECT, REPLICATION CLIENT ON *.* TO `dts`@`%`', 'GRANT SHOW VIEW ON `shop`.* TO `dts`@`%`'] }, ctx).find((r) => r.id === 'privileges')!;
    expect(noSlave).toMatchObject({ status: 'fail', fix: "GRANT REPLICATION SLAVE ON *.* TO '<account>'@'%'" });
    expect(status({ ...base, grants: ['GRANT ALL PRIVILEGES ON *.* TO `root`@`%` WITH GRANT OPTION'] }).privileges).toBe('pass');
    expect(status({ ...base, tables: [{ database: 'shop', table: 'logs', keyKind: 'none', invisibleColumns: [] }] })['primary-keys']).toBe('fail');
    const keyless = evaluateSourceFacts({ ...base, tables: [{ database: 'shop', table: 'orders', keyKind: 'none', invisibleColumns: [] }] }, ctx).find((r) => r.id === 'primary-keys')!;
    expect(keyless.message).toBe('task orders: table shop.orders has no primary key or unique key: add one or exclude the table');
  });

  it('redacts password hashes from grants', () => {
    expect(redactGrant("GRANT USAGE ON *.* TO `dts`@`%` IDENTIFIED BY PASSWORD '*ABC'")).toBe('GRANT USAGE ON *.* TO `dts`@`%` IDENTIFIED BY <redacted>');
  });

  it('runner: a throwing check fails by name; ok only without failures', async () => {
    const report = await runPrechecks([
      { id: 'a', run: async () => ({ id: 'a', status: 'warn', message: 'm', fix: 'f' }) },
      { id: 'b', run: async () => { throw new Error('boom'); } },
    ]);
    expect(report.ok).toBe(false);
    expect(report.results[1]).toMatchObject({ id: 'b', status: 'fail', message: 'the check itself failed: boom' });
    expect(formatReport(report)).toContain('FAIL  b: the check itself failed: boom');
    expect((await runPrechecks([{ id: 'a', run: async () => [{ id: 'a', status: 'warn', message: 'm', fix: 'f' }] }])).ok).toBe(true);
  });
});

describe('runPrechecks: a check that lost its connection', () => {
  it('fails with retry "connection" (dts run checks again), while other failures of the check itself do not', async () => {
    const lost = Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' });
    const report = await runPrechecks([
      { id: 'killed', run: () => Promise.reject(lost) },
      { id: 'broken', run: () => Promise.reject(new Error('unexpected column')) },
    ]);
    expect(report.results.map((r) => [r.id, r.status, r.retry])).toEqual([
      ['killed', 'fail', 'connection'],
      ['broken', 'fail', undefined],
    ]);
  });
});
