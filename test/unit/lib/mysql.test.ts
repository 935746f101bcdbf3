import { describe, expect, it } from '@jest/globals';
import { Testing } from 'cdktf';
import { MySqlEndpoint, RdsInstance, Secret } from '../../../lib/index.js';
import { newStack, resourcesOf, tf } from './fixtures.js';

describe('RdsInstance', () => {
  it('sets binlog_row_image=FULL, binlog_format=ROW and 7 days of binlog on 8.0', () => {
    const stack = newStack();
    new RdsInstance(stack, 'Db', { instanceType: 'mysql.n2.medium.1', instanceStorage: 50, parameters: { innodb_lock_wait_timeout: '30' } });
    const [db] = resourcesOf(stack, 'alicloud_db_instance');
    expect(db).toMatchObject({ engine: 'MySQL', engine_version: '8.0', instance_type: 'mysql.n2.medium.1', instance_storage: 50 });
    expect(db!.parameters).toEqual([
      { name: 'binlog_row_image', value: 'FULL' },
      { name: 'binlog_format', value: 'ROW' },
      { name: 'binlog_expire_logs_seconds', value: String(168 * 3600) },
      { name: 'innodb_lock_wait_timeout', value: '30' },
    ]);
  });

  it('uses expire_logs_days on 5.7', () => {
    const stack = newStack();
    new RdsInstance(stack, 'Db', { engineVersion: '5.7', instanceType: 't', instanceStorage: 20, binlogRetentionHours: 80 });
    const [db] = resourcesOf(stack, 'alicloud_db_instance');
    expect(db!.parameters).toContainEqual({ name: 'expire_logs_days', value: '4' });
  });

  it('refuses a binlog retention under 3 days', () => {
    const stack = newStack();
    new RdsInstance(stack, 'Db', { instanceType: 't', instanceStorage: 20, binlogRetentionHours: 24 });
    expect(() => Testing.fullSynth(stack)).toThrow(/binlogRetentionHours 24 is below 72/);
  });

  it('refuses a parameter that breaks synchronization', () => {
    const stack = newStack();
    new RdsInstance(stack, 'Db', { instanceType: 't', instanceStorage: 20, parameters: { binlog_row_image: 'MINIMAL' } });
    expect(() => Testing.fullSynth(stack)).toThrow(/parameters.binlog_row_image=MINIMAL breaks synchronization/);
  });

  it('adds databases, accounts (sensitive password variable) and privileges', () => {
    const stack = newStack();
    const db = new RdsInstance(stack, 'Db', { instanceType: 't', instanceStorage: 20 });
    db.addDatabase('shop');
    db.addAccount({ accountName: 'dts', password: Secret.fromEnv('DTS_SOURCE_PASSWORD'), privileges: { shop: 'ReadOnly', crm: 'ReadOnly', audit: 'ReadWrite' } });
    expect(resourcesOf(stack, 'alicloud_db_database')).toEqual([expect.objectContaining({ name: 'shop', character_set: 'utf8mb4' })]);
    expect(resourcesOf(stack, 'alicloud_rds_account')).toEqual([
      expect.objectContaining({ account_name: 'dts', account_password: '${var.dts_source_password}', account_type: 'Normal' }),
    ]);
    const privileges = resourcesOf(stack, 'alicloud_db_account_privilege');
    expect(privileges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ privilege: 'ReadOnly', db_names: ['crm', 'shop'] }),
        expect.objectContaining({ privilege: 'ReadWrite', db_names: ['audit'] }),
      ]),
    );
    expect(tf(stack).variable?.dts_source_password).toMatchObject({ sensitive: true, type: 'string' });
  });
});

describe('MySqlEndpoint', () => {
  it('selfManaged spec carries the secret reference, never a value', () => {
    const ep = MySqlEndpoint.selfManaged({ host: 'db.local', user: 'dts', password: Secret.fromFile('/run/secrets/db'), ssl: true });
    expect(ep.toSpec()).toEqual({ engine: 'mysql', kind: 'self-managed', host: 'db.local', port: 3306, user: 'dts', password: { fromFile: '/run/secrets/db' }, ssl: true });
  });

  it('TLS settings carry the CA by reference, every default written out, verification on unless turned off', () => {
    const ep = MySqlEndpoint.rds({
      instanceId: 'rm-1', host: 'rm-1.mysql.rds.aliyuncs.com', user: 'u', password: Secret.fromEnv('P'),
      ssl: { ca: Secret.fromFile('ApsaraDB-CA-Chain.pem'), minVersion: 'TLSv1.3' },
    });
    expect(ep.toSpec().ssl).toEqual({ ca: { fromFile: 'ApsaraDB-CA-Chain.pem' }, verifyCertificate: true, verifyServerName: true, minVersion: 'TLSv1.3' });
    const lax = MySqlEndpoint.selfManaged({ host: '10.0.0.5', user: 'u', password: Secret.fromEnv('P'), ssl: { verifyServerName: false } });
    expect(lax.toSpec().ssl).toEqual({ verifyCertificate: true, verifyServerName: false, minVersion: 'TLSv1.2' });
    expect(MySqlEndpoint.selfManaged({ host: 'h', user: 'u', password: Secret.fromEnv('P') }).toSpec().ssl).toBe(false);
  });

  it('rds needs exactly one of instance and instanceId', () => {
    expect(() => MySqlEndpoint.rds({ user: 'u', password: Secret.fromEnv('P') })).toThrow(/exactly one of instance/);
    const ep = MySqlEndpoint.rds({ instanceId: 'rm-1', region: 'cn-hangzhou', host: 'rm-1.mysql.rds.aliyuncs.com', user: 'u', password: Secret.fromEnv('P') });
    expect(ep.toSpec()).toMatchObject({ kind: 'rds', instanceId: 'rm-1', region: 'cn-hangzhou', host: 'rm-1.mysql.rds.aliyuncs.com' });
  });

  it('rejects a bad environment variable name for a secret', () => {
    expect(() => Secret.fromEnv('NOT-VALID')).toThrow(/not a valid environment variable name/);
    expect(String(Secret.fromEnv('X'))).toBe('<secret environment variable X>');
  });
});
