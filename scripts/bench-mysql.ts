/**
 * `npm run bench:mysql`: MySQL -> MySQL catch-up on a fixed backlog, the engine next to a native
 * MariaDB replica (slave_parallel_threads=4, optimistic) on the same machine.
 *   1. sysbench oltp_write_only prepare: 4 tables x 100k rows in a source database; its dump is
 *      loaded into the destination instance (the task's target database) and into a third, private
 *      MariaDB (127.0.0.1:23308 under .dts/bench/) that will be the replica.
 *   2. The task (incremental only) pins the source's current binlog end (`dts run --until-caught-up`
 *      on an empty backlog), the replica is pointed at the same position.
 *   3. sysbench oltp_write_only 30 s at 4 threads builds the backlog; the source end is recorded.
 *   4. `dts run --until-caught-up` is timed catching up (process total, and streaming from the task
 *      entering Synchronizing to its exit), then the replica (START SLAVE until Exec_Master_Log_Pos
 *      reaches the recorded end). CHECKSUM TABLE confirms all three copies are equal.
 * The third instance, the bench databases and the replication account are removed afterwards.
 * Needs the stack (`npm run stack -- up`) and sysbench (Debian: apt-get install -y sysbench).
 * Usage: npm run bench:mysql [-- --tables 4 --table-size 100000 --seconds 30 --threads 4]
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import type { Manifest, TaskSpec } from '../runtime/manifest/types.js';
import { ADMIN_USER, DESTINATION_PORT, DTS_WRITER_USER, SOURCE_PORT, STACK_HOST, destinationConnection, readStackSecret, sourceConnection, stackPaths } from './stack/index.js';
import { MYSQL_OPTION_DEFAULTS } from '../runtime/manifest/defaults.js';
import { pipe } from './bench-support.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DTS_BIN = join(ROOT, 'runtime', 'cli', 'dts.mjs');
const SOURCE_DB = 'bench_mysql';
const TARGET_DB = 'bench_mysql_dst';
const TASK = 'bench-mysql';
const STACK = 'bench-mysql';
const REPLICA_PORT = 23308;
const REPLICA_DIR = join(ROOT, '.dts', 'bench', 'mariadb-replica');
const REPL_USER = 'bench_repl';

interface Position {
  readonly file: string;
  readonly pos: number;
}

const log = (line: string) => process.stderr.write(`[bench:mysql] ${line}\n`);
const atOrAfter = (a: Position, b: Position) => a.file > b.file || (a.file === b.file && a.pos >= b.pos);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function requireBinary(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error(`${name} is not installed: on Debian run \`apt-get install -y ${name === 'sysbench' ? 'sysbench' : 'mariadb-server'}\``);
  return found;
}

function run(cmd: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...options.env }, maxBuffer: 512 * 1024 * 1024, ...(options.input !== undefined ? { input: options.input } : {}) });
  if (r.status !== 0) throw new Error(`${cmd} ${args[0] ?? ''} failed (exit ${r.status}): ${(r.stderr || r.stdout).slice(-2000)}`);
  return r.stdout;
}

async function masterStatus(conn: mysql.Connection): Promise<Position> {
  const [rows] = await conn.query('SHOW MASTER STATUS');
  const r = (rows as { File: string; Position: number }[])[0];
  if (!r) throw new Error('the source has no binary log (SHOW MASTER STATUS is empty)');
  return { file: r.File, pos: Number(r.Position) };
}

function task(serverId: number): TaskSpec {
  const secret = (account: string) => ({ fromFile: join(stackPaths().secrets, `${account}.password`) });
  return {
    name: TASK,
    source: { engine: 'mysql', kind: 'self-managed', host: STACK_HOST, port: SOURCE_PORT, user: 'dts', password: secret('dts'), ssl: false },
    destination: { engine: 'mysql', kind: 'self-managed', host: STACK_HOST, port: DESTINATION_PORT, user: DTS_WRITER_USER, password: secret(DTS_WRITER_USER), ssl: false },
    syncTypes: { schema: false, full: false, incremental: true },
    conflictingTables: 'precheck-and-report',
    objects: [{ database: SOURCE_DB, targetDatabase: TARGET_DB, dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }],
    capitalization: 'dts-default',
    retry: { connectionMinutes: 720, otherMinutes: 10 },
    throttle: {},
    heartbeat: false,
    mysql: { ...MYSQL_OPTION_DEFAULTS },
    serverId,
  };
}

interface DtsRun {
  readonly code: number | null;
  readonly totalMs: number;
  /** From the task entering Synchronizing to the process exit. */
  readonly streamMs: number | undefined;
  readonly stderr: string;
}

function dtsRunUntilCaughtUp(manifest: string, stateDir: string): Promise<DtsRun> {
  return new Promise((resolve) => {
    const started = Date.now();
    let streamingSince: number | undefined;
    let stderr = '';
    const child = spawn(process.execPath, [DTS_BIN, 'run', manifest, '--state-dir', stateDir, '--until-caught-up'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (streamingSince === undefined && d.includes('"task state Synchronizing"')) streamingSince = Date.now();
    });
    child.on('exit', (code) => {
      const end = Date.now();
      resolve({ code, totalMs: end - started, streamMs: streamingSince !== undefined ? end - streamingSince : undefined, stderr });
    });
  });
}

/** A private MariaDB for the native replica: initialised, started, reachable as root over its socket. */
async function startReplica(): Promise<{ socket: string; pid: number; stop: () => Promise<void> }> {
  const mariadbd = requireBinary('mariadbd');
  rmSync(REPLICA_DIR, { recursive: true, force: true });
  const data = join(REPLICA_DIR, 'data');
  mkdirSync(data, { recursive: true });
  const socket = join(REPLICA_DIR, 'mariadb.sock');
  const cnf = join(REPLICA_DIR, 'my.cnf');
  // Same storage settings as the stack's destination (binlog on, log_slave_updates) so the two appliers pay the same durability cost.
  writeFileSync(cnf, [
    '[mariadbd]', 'user=root', `datadir=${data}`, `socket=${socket}`, `pid-file=${join(REPLICA_DIR, 'mariadb.pid')}`, `log-error=${join(REPLICA_DIR, 'error.log')}`,
    `port=${REPLICA_PORT}`, `bind-address=${STACK_HOST}`, 'skip-name-resolve', 'server_id=3',
    `log_bin=${join(REPLICA_DIR, 'replica-bin')}`, 'binlog_format=ROW', 'log_slave_updates=1',
    'slave_parallel_threads=4', 'slave_parallel_mode=optimistic', `replicate_wild_do_table=${SOURCE_DB}.%`, 'skip-slave-start',
    'character_set_server=utf8mb4', 'collation_server=utf8mb4_general_ci', 'max_allowed_packet=64M',
    'innodb_buffer_pool_size=128M', 'innodb_log_file_size=48M', 'performance_schema=OFF', '',
  ].join('\n'));
  run(requireBinary('mariadb-install-db'), [`--defaults-file=${cnf}`, '--auth-root-authentication-method=socket', '--skip-test-db']);
  const child = spawn(mariadbd, [`--defaults-file=${cnf}`], { stdio: 'ignore', detached: true });
  child.unref();
  const pid = child.pid!;
  const deadline = Date.now() + 60_000;
  while (!existsSync(socket) || spawnSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', 'SELECT 1'], { stdio: 'ignore' }).status !== 0) {
    if (Date.now() > deadline) throw new Error(`the replica MariaDB did not start: see ${join(REPLICA_DIR, 'error.log')}`);
    await sleep(200);
  }
  return {
    socket,
    pid,
    stop: async () => {
      spawnSync('mariadb-admin', ['--no-defaults', `--socket=${socket}`, '-uroot', 'shutdown'], { stdio: 'ignore' });
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await sleep(200);
      }
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(REPLICA_DIR, { recursive: true, force: true });
    },
  };
}

function replicaSql(socket: string, sql: string): string {
  return run('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '--batch', '--skip-column-names', '-e', sql]);
}

function replicaStatus(socket: string): Record<string, string> {
  const out = run('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', 'SHOW SLAVE STATUS\\G']);
  const fields: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^\s*(\w+):\s?(.*)$/.exec(line);
    if (m) fields[m[1]!] = m[2]!;
  }
  return fields;
}

async function checksums(conn: mysql.Connection, db: string, tables: number): Promise<string[]> {
  const [rows] = await conn.query(`CHECKSUM TABLE ${Array.from({ length: tables }, (_, i) => `\`${db}\`.sbtest${i + 1}`).join(', ')}`);
  return (rows as { Checksum: string | number }[]).map((r) => String(r.Checksum));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { tables: { type: 'string', default: '4' }, 'table-size': { type: 'string', default: '100000' }, seconds: { type: 'string', default: '30' }, threads: { type: 'string', default: '4' } },
  });
  const tables = Number(values.tables);
  const tableSize = Number(values['table-size']);
  const sysbench = requireBinary('sysbench');
  for (const b of ['mariadb', 'mariadb-dump', 'mariadb-install-db', 'mariadbd']) requireBinary(b);
  const adminPassword = readStackSecret(ADMIN_USER);
  const src = await mysql.createConnection({ ...sourceConnection(), supportBigNumbers: true });
  const dst = await mysql.createConnection({ ...destinationConnection(), supportBigNumbers: true });
  const workDir = mkdtempSync(join(tmpdir(), 'dts-bench-mysql-'));
  const replPassword = randomBytes(12).toString('hex');
  let replica: Awaited<ReturnType<typeof startReplica>> | undefined;
  const sysbenchArgs = (command: string, extra: string[] = []) => [
    'oltp_write_only', '--db-driver=mysql', `--mysql-host=${STACK_HOST}`, `--mysql-port=${SOURCE_PORT}`, `--mysql-user=${ADMIN_USER}`,
    `--mysql-password=${adminPassword}`, `--mysql-db=${SOURCE_DB}`, `--tables=${tables}`, `--table-size=${tableSize}`, ...extra, command,
  ];
  try {
    log(`preparing ${tables} x ${tableSize} rows (sysbench oltp_write_only prepare)`);
    await src.query(`DROP DATABASE IF EXISTS ${SOURCE_DB}`);
    await src.query(`CREATE DATABASE ${SOURCE_DB}`);
    run(sysbench, sysbenchArgs('prepare'));

    log('loading the prepared state into the destination database and a private replica (127.0.0.1:23308)');
    const dumpArgs = ['--no-defaults', `-h${STACK_HOST}`, `-P${SOURCE_PORT}`, `-u${ADMIN_USER}`, '--single-transaction', '--skip-triggers', SOURCE_DB];
    const withPassword = { MYSQL_PWD: adminPassword };
    await dst.query(`DROP DATABASE IF EXISTS ${TARGET_DB}`);
    await dst.query(`CREATE DATABASE ${TARGET_DB}`);
    await dst.query('DELETE FROM __dts.checkpoints WHERE task = ?', [TASK]).catch(() => undefined);
    await pipe(['mariadb-dump', dumpArgs, withPassword], ['mariadb', ['--no-defaults', `-h${STACK_HOST}`, `-P${DESTINATION_PORT}`, `-u${ADMIN_USER}`, TARGET_DB], withPassword]);
    replica = await startReplica();
    replicaSql(replica.socket, `CREATE DATABASE ${SOURCE_DB}`);
    await pipe(['mariadb-dump', dumpArgs, withPassword], ['mariadb', ['--no-defaults', `--socket=${replica.socket}`, '-uroot', SOURCE_DB], {}]);

    // The task and the replica start at the same position: the source end before the backlog.
    const manifestPath = join(workDir, 'dts.manifest.json');
    const manifest: Manifest = { version: 1, stack: STACK, tasks: [task(7_500 + Math.floor(Math.random() * 500))] };
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    const stateDir = join(workDir, 'state');
    const pin = await dtsRunUntilCaughtUp(manifestPath, stateDir);
    if (pin.code !== 0) throw new Error(`dts run (pinning the start position) failed:\n${pin.stderr.slice(-3000)}`);
    const pinned = JSON.parse(readFileSync(join(stateDir, STACK, TASK, 'checkpoint.json'), 'utf8')) as { binlog: Position };
    const start = pinned.binlog;
    await src.query(`DROP USER IF EXISTS '${REPL_USER}'@'%'`);
    await src.query(`CREATE USER '${REPL_USER}'@'%' IDENTIFIED BY '${replPassword}'`);
    await src.query(`GRANT REPLICATION SLAVE ON *.* TO '${REPL_USER}'@'%'`);
    replicaSql(replica.socket, `CHANGE MASTER TO MASTER_HOST='${STACK_HOST}', MASTER_PORT=${SOURCE_PORT}, MASTER_USER='${REPL_USER}', MASTER_PASSWORD='${replPassword}', MASTER_LOG_FILE='${start.file}', MASTER_LOG_POS=${start.pos}, MASTER_USE_GTID=no`);
    log(`both start at ${start.file}:${start.pos}`);

    log(`building the backlog: sysbench oltp_write_only ${values.seconds} s at ${values.threads} threads`);
    const out = run(sysbench, sysbenchArgs('run', [`--threads=${values.threads}`, `--time=${values.seconds}`, '--report-interval=0']));
    const end = await masterStatus(src);
    const transactions = Number(/transactions:\s+(\d+)/.exec(out)?.[1] ?? NaN);
    const writes = Number(/write:\s+(\d+)/.exec(out)?.[1] ?? NaN);
    const tps = Number(/transactions:\s+\d+\s+\(([\d.]+) per sec/.exec(out)?.[1] ?? NaN);
    log(`backlog: ${transactions} transactions (${tps} tps), ${writes} row writes, binlog ${start.file}:${start.pos} -> ${end.file}:${end.pos}`);

    log('dts run --until-caught-up');
    const caught = await dtsRunUntilCaughtUp(manifestPath, stateDir);
    if (caught.code !== 0) throw new Error(`dts run --until-caught-up failed:\n${caught.stderr.slice(-3000)}`);

    log('native replica: START SLAVE until Exec_Master_Log_Pos reaches the backlog end');
    const replStarted = Date.now();
    replicaSql(replica.socket, 'START SLAVE');
    for (;;) {
      const s = replicaStatus(replica.socket);
      if (s.Last_SQL_Error || s.Last_IO_Error) throw new Error(`the replica failed: ${s.Last_SQL_Error || s.Last_IO_Error}`);
      if (s.Relay_Master_Log_File && atOrAfter({ file: s.Relay_Master_Log_File, pos: Number(s.Exec_Master_Log_Pos) }, end)) break;
      if (Date.now() - replStarted > 30 * 60_000) throw new Error('the replica did not catch up within 30 minutes');
      await sleep(50);
    }
    const replicaMs = Date.now() - replStarted;
    replicaSql(replica.socket, 'STOP SLAVE');

    const [a, b] = [await checksums(src, SOURCE_DB, tables), await checksums(dst, TARGET_DB, tables)];
    const c = replicaSql(replica.socket, `CHECKSUM TABLE ${Array.from({ length: tables }, (_, i) => `${SOURCE_DB}.sbtest${i + 1}`).join(', ')}`)
      .trim().split('\n').map((l) => l.split('\t')[1]!);
    const equal = (x: string[]) => x.join() === a.join();
    const rate = (ms: number | undefined) => (ms ? Math.round(writes / (ms / 1000)).toLocaleString('en-US') : '-');
    const secs = (ms: number | undefined) => (ms === undefined ? '-' : (ms / 1000).toFixed(1));
    const table = [
      `backlog: ${tables} tables x ${tableSize.toLocaleString('en-US')} rows; sysbench oltp_write_only ${values.seconds} s at ${values.threads} threads = ${transactions.toLocaleString('en-US')} transactions, ${writes.toLocaleString('en-US')} row writes`,
      '',
      '| applier                                   | catch-up s | row writes/s | equal to source |',
      '|-------------------------------------------|-----------:|-------------:|-----------------|',
      `| dts run --until-caught-up (process total) | ${secs(caught.totalMs).padStart(10)} | ${rate(caught.totalMs).padStart(12)} | ${equal(b) ? 'yes' : 'NO'} (CHECKSUM TABLE) |`,
      `| dts run (streaming only)                  | ${secs(caught.streamMs).padStart(10)} | ${rate(caught.streamMs).padStart(12)} |                 |`,
      `| MariaDB replica, 4 threads optimistic     | ${secs(replicaMs).padStart(10)} | ${rate(replicaMs).padStart(12)} | ${equal(c) ? 'yes' : 'NO'} (CHECKSUM TABLE) |`,
    ];
    process.stdout.write(table.join('\n') + '\n');
    if (!equal(b) || !equal(c)) process.exitCode = 1;
  } finally {
    await replica?.stop().catch((e: unknown) => log(`stopping the replica failed: ${String(e)}`));
    await src.query(`DROP USER IF EXISTS '${REPL_USER}'@'%'`).catch(() => undefined);
    await src.query(`DROP DATABASE IF EXISTS ${SOURCE_DB}`).catch(() => undefined);
    await dst.query(`DROP DATABASE IF EXISTS ${TARGET_DB}`).catch(() => undefined);
    await dst.query('DELETE FROM __dts.checkpoints WHERE task = ?', [TASK]).catch(() => undefined);
    await src.end();
    await dst.end();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:mysql: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
