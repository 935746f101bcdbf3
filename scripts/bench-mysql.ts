/**
 * `npm run bench:mysql [-- --phase full|catch-up|both]`: MySQL -> MySQL on sysbench tables, each
 * figure next to the tools a user would otherwise run, measured in the same run on the same machine.
 *
 * Full sync (`--phase full`): the prepared tables copied to the destination instance four ways, each
 * into a database of its own, timed, its peak RSS sampled, and checked equal (CHECKSUM TABLE):
 *   - `mariadb-dump --single-transaction | mariadb`;
 *   - `mydumper -t 2` then `myloader -t 2` (Debian's mydumper, installed when missing), which turns
 *     the destination's binary log off for its session; and again with `myloader -e`, binlog on as
 *     the engine always writes it;
 *   - `dts run --until-caught-up` of a schema + full + incremental task with the options users get
 *     (MYSQL_OPTION_DEFAULTS), and the span of its full sync (from its start to Synchronizing).
 *
 * Catch-up (`--phase catch-up`): a fixed backlog, the engine next to a native
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
 * Needs the stack (`npm run stack -- up`); sysbench and mydumper are installed from Debian when missing.
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
import { pipe, vmHwmKb } from './bench-support.js';
import { ensureDebianTool } from './stack/apt.js';

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

interface Timed {
  readonly ms: number;
  /** The largest peak RSS of the processes involved, kB. */
  readonly peakRssKb: number;
}

/** Runs commands side by side (a dump piped into a load) or one after the other, sampling their peak RSS. */
function timedPipeline(stages: readonly { cmd: string; args: readonly string[]; env?: NodeJS.ProcessEnv }[], piped: boolean): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let peak = 0;
    let errors = '';
    const children: ReturnType<typeof spawn>[] = [];
    const sampler = setInterval(() => {
      for (const c of children) if (c.pid) peak = Math.max(peak, vmHwmKb(c.pid) ?? 0);
    }, 20);
    const startStage = (i: number, stdin: 'ignore' | 'pipe') => {
      const s = stages[i]!;
      const child = spawn(s.cmd, [...s.args], { env: { ...process.env, ...s.env }, stdio: [stdin, piped && i < stages.length - 1 ? 'pipe' : 'ignore', 'pipe'] });
      child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
      children.push(child);
      return child;
    };
    const finish = (error?: Error) => {
      clearInterval(sampler);
      if (error) reject(error);
      else resolve({ ms: Date.now() - started, peakRssKb: peak });
    };
    if (piped) {
      const [a, b] = [startStage(0, 'ignore'), startStage(1, 'pipe')];
      a.stdout!.pipe(b.stdin!);
      let pending = 2;
      for (const c of [a, b]) c.on('exit', (code) => (code !== 0 ? finish(new Error(`${stages.map((s) => s.cmd).join(' | ')} failed: ${errors.slice(-2000)}`)) : --pending === 0 && finish()));
      return;
    }
    const next = (i: number) => {
      if (i === stages.length) return finish();
      startStage(i, 'ignore').on('exit', (code) => (code !== 0 ? finish(new Error(`${stages[i]!.cmd} failed: ${errors.slice(-2000)}`)) : next(i + 1)));
    };
    next(0);
  });
}

/** The full-sync task: schema + full (+ incremental, stopped once caught up) with the defaults users get. */
function fullSyncTask(serverId: number, target: string): TaskSpec {
  const base = task(serverId);
  return { ...base, name: `${TASK}-full`, syncTypes: { schema: true, full: true, incremental: true }, objects: [{ ...base.objects[0]!, targetDatabase: target }] };
}

/** The figures of the full-sync phase: three copies of the prepared tables, each timed and checked. */
async function fullPhase(src: mysql.Connection, dst: mysql.Connection, tables: number, tableSize: number, workDir: string): Promise<boolean> {
  const adminPassword = readStackSecret(ADMIN_USER);
  const withPassword = { MYSQL_PWD: adminPassword };
  const mydumper = ensureDebianTool('mydumper', 'mydumper', 'the full-sync benchmark', log);
  const myloader = ensureDebianTool('myloader', 'mydumper', 'the full-sync benchmark', log);
  const source = await checksums(src, SOURCE_DB, tables);
  const targets = { dump: `${TARGET_DB}_dump`, mydumper: `${TARGET_DB}_mydumper`, mydumperBinlog: `${TARGET_DB}_mydumper_e`, dts: `${TARGET_DB}_dts` };
  for (const db of Object.values(targets)) await dst.query(`DROP DATABASE IF EXISTS ${db}`);
  // A run stopped earlier may have left the task's rows (its checkpoint, "schema synchronized"): start clean.
  await dst.query('DELETE FROM __dts.checkpoints WHERE task = ?', [`${TASK}-full`]).catch(() => undefined);
  await dst.query('DELETE FROM __dts.tasks WHERE task = ?', [`${TASK}-full`]).catch(() => undefined);
  const rows = tables * tableSize;
  const results: { label: string; timed: Timed; equal: boolean; extra?: string }[] = [];
  try {
    log('full copy 1/4: mariadb-dump --single-transaction | mariadb');
    await dst.query(`CREATE DATABASE ${targets.dump}`);
    const dump = await timedPipeline([
      { cmd: 'mariadb-dump', args: ['--no-defaults', `-h${STACK_HOST}`, `-P${SOURCE_PORT}`, `-u${ADMIN_USER}`, '--single-transaction', '--skip-triggers', SOURCE_DB], env: withPassword },
      { cmd: 'mariadb', args: ['--no-defaults', `-h${STACK_HOST}`, `-P${DESTINATION_PORT}`, `-u${ADMIN_USER}`, targets.dump], env: withPassword },
    ], true);
    results.push({ label: 'mariadb-dump --single-transaction | mariadb', timed: dump, equal: (await checksums(dst, targets.dump, tables)).join() === source.join() });

    log('full copy 2/4: mydumper -t 2, then myloader -t 2');
    const dumpDir = join(workDir, 'mydumper');
    const connect = (port: number) => ['-h', STACK_HOST, '-P', String(port), '-u', ADMIN_USER, '-p', adminPassword];
    const my = await timedPipeline([
      { cmd: mydumper, args: [...connect(SOURCE_PORT), '-B', SOURCE_DB, '-t', '2', '-o', dumpDir, '--trx-consistency-only'] },
      { cmd: myloader, args: [...connect(DESTINATION_PORT), '-s', SOURCE_DB, '-B', targets.mydumper, '-d', dumpDir, '-t', '2'] },
    ], false);
    results.push({ label: 'mydumper -t 2 + myloader -t 2', timed: my, equal: (await checksums(dst, targets.mydumper, tables)).join() === source.join(), extra: 'no destination binlog (myloader turns it off; needs SUPER)' });

    // myloader leaves the destination's binary log off unless -e; the engine always writes it (a
    // destination's own replicas and CDC need it), so the like-for-like figure is with -e.
    log('full copy 3/4: mydumper -t 2, then myloader -t 2 -e (destination binlog on)');
    const myWithBinlog = await timedPipeline([
      { cmd: mydumper, args: [...connect(SOURCE_PORT), '-B', SOURCE_DB, '-t', '2', '-o', `${dumpDir}-e`, '--trx-consistency-only'] },
      { cmd: myloader, args: [...connect(DESTINATION_PORT), '-s', SOURCE_DB, '-B', targets.mydumperBinlog, '-d', `${dumpDir}-e`, '-t', '2', '-e'] },
    ], false);
    results.push({ label: 'mydumper -t 2 + myloader -t 2 -e', timed: myWithBinlog, equal: (await checksums(dst, targets.mydumperBinlog, tables)).join() === source.join(), extra: 'destination binlog on, as for dts' });

    log('full copy 4/4: dts run --until-caught-up (schema + full sync with the default options)');
    const manifestPath = join(workDir, 'full.manifest.json');
    const manifest: Manifest = { version: 1, stack: STACK, tasks: [fullSyncTask(8_000 + Math.floor(Math.random() * 500), targets.dts)] };
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    let fullSyncMs: number | undefined;
    let fullSyncStart: number | undefined;
    const started = Date.now();
    const dts = await new Promise<Timed & { code: number | null; stderr: string }>((resolve) => {
      let stderr = '';
      let peak = 0;
      const child = spawn(process.execPath, [DTS_BIN, 'run', manifestPath, '--state-dir', join(workDir, 'full-state'), '--until-caught-up'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      const sampler = setInterval(() => (peak = Math.max(peak, vmHwmKb(child.pid!) ?? 0)), 20);
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (fullSyncStart === undefined && stderr.includes('"msg":"task state FullSync"')) fullSyncStart = Date.now() - started;
        if (fullSyncMs === undefined && stderr.includes('"msg":"full synchronization done"')) fullSyncMs = Date.now() - started;
      });
      child.on('exit', (code) => {
        clearInterval(sampler);
        resolve({ ms: Date.now() - started, peakRssKb: peak, code, stderr });
      });
    });
    if (dts.code !== 0) throw new Error(`dts run --until-caught-up (full sync) failed:
${dts.stderr.slice(-3000)}`);
    results.push({ label: 'dts run --until-caught-up (schema + full)', timed: dts, equal: (await checksums(dst, targets.dts, tables)).join() === source.join(), extra: fullSyncMs !== undefined ? `full sync done after ${(fullSyncMs / 1000).toFixed(1)} s${fullSyncStart !== undefined ? `, FullSync state ${((fullSyncMs - fullSyncStart) / 1000).toFixed(1)} s (after prechecks and the schema copy)` : ''}` : undefined });
  } finally {
    for (const db of Object.values(targets)) await dst.query(`DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
    await dst.query('DELETE FROM __dts.checkpoints WHERE task = ?', [`${TASK}-full`]).catch(() => undefined);
    await dst.query(`DELETE FROM __dts.tasks WHERE task = ?`, [`${TASK}-full`]).catch(() => undefined);
  }
  const lines = [
    `full sync: ${tables} tables x ${tableSize.toLocaleString('en-US')} rows (${rows.toLocaleString('en-US')} rows), into the destination instance`,
    '',
    '| copy                                        | seconds | rows/s   | peak RSS | equal to source, notes |',
    '|---------------------------------------------|--------:|---------:|---------:|------------------------|',
    ...results.map((r) => `| ${r.label.padEnd(43)} | ${(r.timed.ms / 1000).toFixed(1).padStart(7)} | ${Math.round(rows / (r.timed.ms / 1000)).toLocaleString('en-US').padStart(8)} | ${`${Math.round(r.timed.peakRssKb / 1024)} MB`.padStart(8)} | ${r.equal ? 'yes' : 'NO'} (CHECKSUM TABLE)${r.extra ? `; ${r.extra}` : ''} |`),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return results.every((r) => r.equal);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tables: { type: 'string', default: '4' }, 'table-size': { type: 'string', default: '100000' }, seconds: { type: 'string', default: '30' }, threads: { type: 'string', default: '4' },
      phase: { type: 'string', default: 'both' },
    },
  });
  const phase = values.phase;
  if (phase !== 'full' && phase !== 'catch-up' && phase !== 'both') throw new Error(`--phase must be full, catch-up or both (got ${phase})`);
  const tables = Number(values.tables);
  const tableSize = Number(values['table-size']);
  const sysbench = ensureDebianTool('sysbench', 'sysbench', 'the MySQL benchmark', log);
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
    if (phase !== 'catch-up' && !(await fullPhase(src, dst, tables, tableSize, workDir))) process.exitCode = 1;
    if (phase === 'full') return;

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
