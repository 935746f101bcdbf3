// Pure rendering of the MariaDB option file and the account SQL (unit-tested without a server).
import {
  ADMIN_USER,
  DTS_SOURCE_PRIVILEGES,
  DTS_USER,
  DTS_WRITER_USER,
  type MariaDbInstanceSpec,
  type MariaDbPaths,
  STACK_HOST,
  type StackAccount,
} from './config.js';

/** Seven days: the engine's precheck refuses sources that keep binlogs for less. */
export const BINLOG_RETENTION_SECONDS = 604800;

/** The server's TLS files (scripts/stack/tls.ts): clients may connect with TLS or without. */
export interface ServerTlsFiles {
  readonly ca: string;
  readonly serverCert: string;
  readonly serverKey: string;
}

export function renderMariaDbConfig(spec: MariaDbInstanceSpec, paths: MariaDbPaths, runAsRoot: boolean, tls?: ServerTlsFiles): string {
  const lines = [
    `# Written by scripts/stack (local ${spec.role} instance); edits are overwritten on \`stack up\`.`,
    '[mariadbd]',
    ...(runAsRoot ? ['user=root'] : []),
    `datadir=${paths.data}`,
    `socket=${paths.socket}`,
    `pid-file=${paths.pidFile}`,
    `log-error=${paths.errorLog}`,
    `port=${spec.port}`,
    `bind-address=${STACK_HOST}`,
    'skip-name-resolve',
    `server_id=${spec.serverId}`,
    `log_bin=${paths.binlogBase}`,
    `log_bin_index=${paths.binlogBase}.index`,
    'binlog_format=ROW',
    'binlog_row_image=FULL',
    // Lets binlog readers decode column names and types without INFORMATION_SCHEMA queries.
    'binlog_row_metadata=FULL',
    'gtid_strict_mode=1',
    `binlog_expire_logs_seconds=${BINLOG_RETENTION_SECONDS}`,
    ...(spec.logSlaveUpdates ? ['log_slave_updates=1'] : []),
    'character_set_server=utf8mb4',
    'collation_server=utf8mb4_general_ci',
    'max_allowed_packet=64M',
    'max_connections=300',
    'innodb_buffer_pool_size=128M',
    'innodb_log_file_size=48M',
    'performance_schema=OFF',
    ...(tls ? [`ssl_ca=${tls.ca}`, `ssl_cert=${tls.serverCert}`, `ssl_key=${tls.serverKey}`] : []),
    '',
  ];
  return lines.join('\n');
}

/** Privileges per account; `dts` gets exactly what the product documents list, nothing more. */
export function accountGrants(account: StackAccount): string {
  switch (account) {
    case ADMIN_USER:
      return 'ALL PRIVILEGES ON *.* TO `admin`@`%` WITH GRANT OPTION';
    case DTS_USER:
      return `${DTS_SOURCE_PRIVILEGES.join(', ')} ON *.* TO \`dts\`@\`%\``;
    case DTS_WRITER_USER:
      // A sync engine creates schemas/tables, writes rows and keeps its checkpoint table: on the local
      // stack ALL on *.* (without GRANT OPTION) covers that; production grants are narrower.
      return 'ALL PRIVILEGES ON *.* TO `dts_writer`@`%`';
  }
}

/** Idempotent SQL creating the instance's accounts; re-running it resets passwords and grants. */
export function renderAccountSql(spec: MariaDbInstanceSpec, passwords: ReadonlyMap<StackAccount, string>): string {
  // Account changes stay out of the binlog: binlog readers and cascades should only see test data.
  const statements: string[] = ['SET SESSION sql_log_bin = 0', "DELETE FROM mysql.global_priv WHERE User = ''", 'FLUSH PRIVILEGES'];
  for (const account of spec.accounts) {
    const password = passwords.get(account);
    if (password === undefined) throw new Error(`no password for stack account ${account}`);
    if (!/^[A-Za-z0-9_-]+$/.test(password)) throw new Error(`password for stack account ${account} has unsafe characters`);
    statements.push(
      `CREATE USER IF NOT EXISTS \`${account}\`@\`%\` IDENTIFIED BY '${password}'`,
      `ALTER USER \`${account}\`@\`%\` IDENTIFIED BY '${password}'`,
      `REVOKE ALL PRIVILEGES, GRANT OPTION FROM \`${account}\`@\`%\``,
      `GRANT ${accountGrants(account)}`,
    );
  }
  statements.push('FLUSH PRIVILEGES');
  return statements.map((s) => `${s};`).join('\n') + '\n';
}
