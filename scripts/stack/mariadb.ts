// Two private MariaDB instances (source and destination) under .dts/stack, started detached.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import mysql from 'mysql2/promise';
import {
  ADMIN_USER,
  MARIADB_INSTANCES,
  type MariaDbInstanceSpec,
  type MariaDbPaths,
  STACK_HOST,
  type StackAccount,
  type StackPaths,
} from './config.js';
import { aptInstall } from './apt.js';
import { renderAccountSql, renderMariaDbConfig } from './mariadb-config.js';
import { ensureStackTls } from './tls.js';
import { ownedPid, removeFile, spawnDetached, stopProcess, waitFor } from './processes.js';
import { readStackSecret } from './secrets.js';

export interface ServiceReport {
  name: string;
  running: boolean;
  pid?: number;
  listens?: string;
  problems: string[];
  /** Worth knowing, not (yet) broken. */
  warnings?: string[];
}

const runningAsRoot = (): boolean => process.getuid?.() === 0;

function findBinary(name: string): string | undefined {
  for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/usr/local/mysql/bin']) {
    const candidate = `${dir}/${name}`;
    if (existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? found : undefined;
}

/** Installs Debian's mariadb-server when mariadbd is missing (needs root and apt-get). */
export function ensureMariaDbInstalled(log: (line: string) => void): void {
  if (findBinary('mariadbd') && findBinary('mariadb-install-db') && findBinary('mariadb')) return;
  aptInstall(['mariadb-server'], log, 'mariadb');
  if (!findBinary('mariadbd')) throw new Error('stack: apt-get installed mariadb-server but mariadbd is still not found');
}

function requireBinary(name: string): string {
  const found = findBinary(name);
  if (!found) throw new Error(`stack: ${name} not found: install Debian package mariadb-server`);
  return found;
}

export function mariaDbPid(paths: MariaDbPaths): number | undefined {
  return ownedPid(paths.pidFile, paths.config);
}

function renderConfig(spec: MariaDbInstanceSpec, stack: StackPaths): string {
  return renderMariaDbConfig(spec, stack.mariadb(spec.role), runningAsRoot(), ensureStackTls(stack.root));
}

function writeConfig(spec: MariaDbInstanceSpec, paths: MariaDbPaths, config: string): void {
  for (const dir of [paths.dir, dirname(paths.socket), dirname(paths.errorLog), dirname(paths.binlogBase)]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(paths.config, config);
}

function initialiseDataDir(spec: MariaDbInstanceSpec, paths: MariaDbPaths, log: (line: string) => void): boolean {
  if (existsSync(`${paths.data}/mysql`)) return false;
  log(`mariadb ${spec.role}: initialising ${paths.data}`);
  mkdirSync(paths.data, { recursive: true });
  const result = spawnSync(
    requireBinary('mariadb-install-db'),
    [
      `--defaults-file=${paths.config}`,
      '--auth-root-authentication-method=socket',
      '--skip-test-db',
      ...(runningAsRoot() ? ['--user=root'] : []),
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(
      `stack: mariadb-install-db failed for the ${spec.role} instance (${paths.data}): ${result.stderr || result.stdout}` +
        ` — delete ${paths.dir} and run \`npm run stack -- up\` again`,
    );
  }
  return true;
}

/** Runs SQL through the socket as the OS user (unix_socket auth set up by mariadb-install-db). */
function runSocketSql(paths: MariaDbPaths, sql: string): { ok: boolean; output: string } {
  const result = spawnSync(
    requireBinary('mariadb'),
    ['--no-defaults', `--socket=${paths.socket}`, `--user=${userInfo().username}`, '--batch', '--skip-column-names'],
    { input: sql, encoding: 'utf8' },
  );
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

export interface MariaDbConnectionOptions {
  host: string;
  port: number;
  user: string;
  password: string;
}

export function connectionOptions(spec: MariaDbInstanceSpec, account: StackAccount, secretsDir: string): MariaDbConnectionOptions {
  return { host: STACK_HOST, port: spec.port, user: account, password: readStackSecret(account, secretsDir) };
}

/** A real SQL round trip over TCP as `account`. */
export async function sqlRoundTrip(options: MariaDbConnectionOptions): Promise<string> {
  const connection = await mysql.createConnection({ ...options, connectTimeout: 3000 });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    return String(rows[0]?.version);
  } finally {
    await connection.end();
  }
}

async function roundTripSucceeds(options: MariaDbConnectionOptions): Promise<boolean> {
  try {
    await sqlRoundTrip(options);
    return true;
  } catch {
    return false;
  }
}

export interface StartResult {
  role: string;
  alreadyRunning: boolean;
  listens: string;
}

export async function startMariaDb(
  spec: MariaDbInstanceSpec,
  paths: StackPaths,
  log: (line: string) => void,
): Promise<StartResult> {
  const p = paths.mariadb(spec.role);
  const listens = `${STACK_HOST}:${spec.port}`;
  const admin = connectionOptions(spec, ADMIN_USER, paths.secrets);
  const config = renderConfig(spec, paths);
  if (mariaDbPid(p) !== undefined) {
    const current = existsSync(p.config) ? readFileSync(p.config, 'utf8') : '';
    if (current === config) {
      await waitFor(`mariadb ${spec.role}`, () => roundTripSucceeds(admin), 30000, `see ${p.errorLog}`);
      return { role: spec.role, alreadyRunning: true, listens };
    }
    // The stack's settings changed (a newer checkout: TLS, say): restart with them.
    log(`mariadb ${spec.role}: settings changed, restarting`);
    await stopMariaDb(spec, paths);
  }
  writeConfig(spec, p, config);
  initialiseDataDir(spec, p, log);
  removeFile(p.pidFile);
  spawnDetached({
    command: requireBinary('mariadbd'),
    args: [`--defaults-file=${p.config}`],
    outFile: p.stdoutLog,
  });
  await waitFor(
    `mariadb ${spec.role} (${listens})`,
    async () => existsSync(p.socket) && runSocketSql(p, 'SELECT 1').ok,
    60000,
    `see ${p.errorLog}; is port ${spec.port} taken by another program?`,
  );
  const passwords = new Map<StackAccount, string>(spec.accounts.map((a) => [a, readStackSecret(a, paths.secrets)]));
  const bootstrap = runSocketSql(p, renderAccountSql(spec, passwords));
  if (!bootstrap.ok) {
    // The client echoes only the failing statement's error text, which never contains a password.
    throw new Error(`stack: creating accounts on the ${spec.role} MariaDB failed: ${bootstrap.output.replace(/'[^']*'/g, "'***'")}`);
  }
  await waitFor(`mariadb ${spec.role} SQL as admin`, () => roundTripSucceeds(admin), 30000, `see ${p.errorLog}`);
  return { role: spec.role, alreadyRunning: false, listens };
}

export async function stopMariaDb(spec: MariaDbInstanceSpec, paths: StackPaths): Promise<string> {
  const p = paths.mariadb(spec.role);
  const pid = mariaDbPid(p);
  if (pid === undefined) return `mariadb ${spec.role}: not running`;
  // mariadbd shuts down cleanly on SIGTERM (flushes InnoDB); give it time before SIGKILL.
  const how = await stopProcess(pid, 60000);
  removeFile(p.pidFile);
  return `mariadb ${spec.role}: stopped (pid ${pid}, ${how})`;
}

export async function mariaDbStatus(spec: MariaDbInstanceSpec, paths: StackPaths): Promise<ServiceReport> {
  const p = paths.mariadb(spec.role);
  const listens = `${STACK_HOST}:${spec.port}`;
  const pid = mariaDbPid(p);
  const report: ServiceReport = { name: `mariadb ${spec.role}`, running: pid !== undefined, pid, listens, problems: [] };
  if (pid === undefined) {
    report.problems.push(`not running (start it with \`npm run stack -- up\`)`);
    return report;
  }
  try {
    const version = await sqlRoundTrip(connectionOptions(spec, ADMIN_USER, paths.secrets));
    report.listens = `${listens} (MariaDB ${version})`;
  } catch (error) {
    report.problems.push(`runs (pid ${pid}) but SQL as admin fails: ${(error as Error).message}; see ${p.errorLog}`);
  }
  return report;
}

export { MARIADB_INSTANCES };
