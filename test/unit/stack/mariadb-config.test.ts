import { describe, expect, it } from '@jest/globals';
import { MARIADB_INSTANCES, stackPaths } from '../../../scripts/stack/config.js';
import { accountGrants, renderAccountSql, renderMariaDbConfig } from '../../../scripts/stack/mariadb-config.js';

const paths = stackPaths('/tmp/stack-under-test');
const [source, destination] = MARIADB_INSTANCES;

function options(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_-]+)(?:=(.*))?$/.exec(line.trim());
    if (match) map.set(match[1], match[2] ?? '');
  }
  return map;
}

describe('MariaDB option file', () => {
  it('gives the source what binlog readers and the retention precheck need, on loopback only', () => {
    const cnf = options(renderMariaDbConfig(source, paths.mariadb('source'), false));
    expect(cnf.get('port')).toBe('23306');
    expect(cnf.get('bind-address')).toBe('127.0.0.1');
    expect(cnf.get('server_id')).toBe('1');
    expect(cnf.get('log_bin')).toBe('/tmp/stack-under-test/mariadb-source/binlog/mariadb-bin');
    expect(cnf.get('binlog_format')).toBe('ROW');
    expect(cnf.get('binlog_row_image')).toBe('FULL');
    expect(cnf.get('gtid_strict_mode')).toBe('1');
    expect(cnf.get('binlog_expire_logs_seconds')).toBe('604800');
    expect(cnf.get('character_set_server')).toBe('utf8mb4');
    expect(cnf.get('socket')).toBe('/tmp/stack-under-test/run/mariadb-source.sock');
    expect(cnf.has('log_slave_updates')).toBe(false);
    expect(cnf.has('user')).toBe(false);
  });

  it("offers TLS with the stack's certificate when given (clients choose; nothing requires it)", () => {
    const cnf = options(renderMariaDbConfig(source, paths.mariadb('source'), false, { ca: '/s/tls/ca.pem', serverCert: '/s/tls/server.pem', serverKey: '/s/tls/server-key.pem' }));
    expect([cnf.get('ssl_ca'), cnf.get('ssl_cert'), cnf.get('ssl_key')]).toEqual(['/s/tls/ca.pem', '/s/tls/server.pem', '/s/tls/server-key.pem']);
    expect(cnf.has('require_secure_transport')).toBe(false);
    expect(options(renderMariaDbConfig(source, paths.mariadb('source'), false)).has('ssl_cert')).toBe(false);
  });

  it('makes the destination a binlog source too (log_slave_updates for cascades)', () => {
    const cnf = options(renderMariaDbConfig(destination, paths.mariadb('destination'), true));
    expect(cnf.get('port')).toBe('23307');
    expect(cnf.get('server_id')).toBe('2');
    expect(cnf.get('binlog_format')).toBe('ROW');
    expect(cnf.get('binlog_row_image')).toBe('FULL');
    expect(cnf.get('log_slave_updates')).toBe('1');
    expect(cnf.get('user')).toBe('root');
    expect(cnf.get('datadir')).toBe('/tmp/stack-under-test/mariadb-destination/data');
  });
});

describe('stack accounts', () => {
  it('grants dts exactly the four documented privileges', () => {
    expect(accountGrants('dts')).toBe('REPLICATION CLIENT, REPLICATION SLAVE, SHOW VIEW, SELECT ON *.* TO `dts`@`%`');
  });

  it('renders idempotent SQL that resets grants and keeps account changes out of the binlog', () => {
    const sql = renderAccountSql(source, new Map([['admin', 'pwAdmin123'], ['dts', 'pwDts4567']]));
    const statements = sql.trim().split('\n');
    expect(statements[0]).toBe('SET SESSION sql_log_bin = 0;');
    expect(statements).toContain("CREATE USER IF NOT EXISTS `dts`@`%` IDENTIFIED BY 'pwDts4567';");
    expect(statements).toContain('REVOKE ALL PRIVILEGES, GRANT OPTION FROM `dts`@`%`;');
    expect(sql).not.toContain('dts_writer');
    const revoke = statements.indexOf('REVOKE ALL PRIVILEGES, GRANT OPTION FROM `dts`@`%`;');
    expect(statements[revoke + 1]).toBe(`GRANT ${accountGrants('dts')};`);
  });

  it('refuses a password that could break out of the SQL literal', () => {
    expect(() => renderAccountSql(source, new Map([['admin', "x'; DROP"], ['dts', 'ok123456']]))).toThrow(/unsafe characters/);
    expect(() => renderAccountSql(destination, new Map([['admin', 'ok123456']]))).toThrow(/no password for stack account dts/);
  });
});
