/**
 * `npm run bench [-- --workload bulk|oltp|all --rule columns|database-table|global|all]`:
 * MySQL -> RocketMQ on the local stack, next to the broker's own ceiling measured in the same run.
 *
 * Workloads (each a backlog written after the task pinned its start position):
 *   bulk  200 transactions x 1,000-row INSERTs (--transactions, --rows)
 *   oltp  sysbench oltp_write_only: 4 tables x 100k rows prepared, then 30 s at 4 threads
 *         (--tables, --table-size, --seconds, --threads); Debian: apt-get install -y sysbench
 * Per workload and ordering rule: `dts run --until-caught-up` catching up the backlog into a topic of
 * its own (rows/s, transactions/s, peak RSS); the topic is then read back with RocketMQ's Java client
 * to count messages and bytes. For the first rule also the engine alone (send = no-op).
 * The broker's ceiling: RocketMQ's Java client (remoting, batches of the same size and message size
 * to the same kind of topic, one batch in flight per queue as FIFO allows); our figure as a ratio.
 * Latency: the engine streaming while a writer commits 2,000 one-row transactions per second for
 * --latency-seconds; per row, broker store time minus the moment its COMMIT returned (p50/p99/max).
 * Tasks are the users' configuration: remotingEndpoints set, defaults from runtime/manifest/defaults.ts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { ROCKETMQ_BATCH_BYTES, ROCKETMQ_BATCH_MESSAGES } from '../runtime/manifest/defaults.js';
import type { Manifest, RocketMqOptionsSpec, TaskSpec } from '../runtime/manifest/types.js';
import { measure, type RunFigures } from './bench-support.js';
import {
  ADMIN_USER, ROCKETMQ_ENDPOINT, ROCKETMQ_REMOTING_ENDPOINT, SOURCE_PORT, STACK_HOST, consumeOverRemoting, createTopic, deleteTopic,
  javaClientCeiling, readStackSecret, sourceConnection, stackPaths, topicStats,
} from './stack/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DTS = join(ROOT, 'runtime', 'cli', 'dts.mjs');
const BENCH_SCRIPT = join(ROOT, 'scripts', 'bench.ts');
const STACK = 'bench';
const TASK = 'bench';
type Rule = RocketMqOptionsSpec['ordering']['rule'];
const RULES: readonly Rule[] = ['columns', 'database-table', 'global'];

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export interface RocketMqBenchOptions {
  readonly workloads: readonly ('bulk' | 'oltp')[];
  readonly rules: readonly Rule[];
  readonly transactions: number;
  readonly rows: number;
  readonly tables: number;
  readonly tableSize: number;
  readonly seconds: number;
  readonly threads: number;
  readonly latencySeconds: number;
  readonly profile: boolean;
}

function task(db: string, topic: string, rule: Rule): TaskSpec {
  return {
    name: TASK,
    source: { engine: 'mysql', kind: 'self-managed', host: STACK_HOST, port: SOURCE_PORT, user: 'dts', password: { fromFile: join(stackPaths().secrets, 'dts.password') }, ssl: false },
    destination: { engine: 'rocketmq', version: '5.x', endpoints: ROCKETMQ_ENDPOINT, remotingEndpoints: ROCKETMQ_REMOTING_ENDPOINT, topic, producerGroup: 'dts-producer-group' },
    syncTypes: { schema: false, full: false, incremental: true },
    conflictingTables: 'precheck-and-report',
    objects: [{ database: db, dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }],
    capitalization: 'dts-default',
    retry: { connectionMinutes: 720, otherMinutes: 10 },
    throttle: {},
    heartbeat: false,
    rocketmq: { format: 'canal-json', syncAllFields: false, ordering: { rule, buckets: 16 }, filterLargeRecords: true },
    serverId: 7000 + Math.floor(Math.random() * 1000),
  };
}

function writeManifest(dir: string, spec: TaskSpec): string {
  const file = join(dir, `${spec.rocketmq!.ordering.rule}.manifest.json`);
  const manifest: Manifest = { version: 1, stack: STACK, tasks: [spec] };
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return file;
}

interface Backlog {
  readonly rows: number;
  readonly transactions: number;
  readonly label: string;
}

async function writeBulk(admin: mysql.Connection, db: string, o: RocketMqBenchOptions): Promise<Backlog> {
  let id = 0;
  for (let t = 0; t < o.transactions; t++) {
    const rows: unknown[][] = [];
    for (let r = 0; r < o.rows; r++) {
      id++;
      rows.push([id, id % 977, ['new', 'paid', 'shipped'][id % 3], (id % 10000) / 100 + 1, `order note ${id}`, '2024-05-01 12:34:56.123456']);
    }
    await admin.query(`INSERT INTO ${db}.orders VALUES ?`, [rows]);
  }
  return { rows: o.transactions * o.rows, transactions: o.transactions, label: `${fmt(o.transactions)} x ${fmt(o.rows)}-row INSERTs` };
}

const ORDERS = (db: string) =>
  `CREATE TABLE ${db}.orders (id BIGINT PRIMARY KEY, customer INT NOT NULL, status VARCHAR(16) NOT NULL, amount DECIMAL(12,2) NOT NULL, note VARCHAR(64) NULL, created DATETIME(6) NOT NULL)`;

function sysbench(db: string, o: RocketMqBenchOptions, command: string, extra: string[] = []): string {
  const r = spawnSync(
    'sysbench',
    ['oltp_write_only', '--db-driver=mysql', `--mysql-host=${STACK_HOST}`, `--mysql-port=${SOURCE_PORT}`, `--mysql-user=${ADMIN_USER}`, `--mysql-password=${readStackSecret(ADMIN_USER)}`,
      `--mysql-db=${db}`, `--tables=${o.tables}`, `--table-size=${o.tableSize}`, ...extra, command],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.error || r.status !== 0) throw new Error(`sysbench ${command} failed (${r.error ? 'sysbench is not installed: on Debian run `apt-get install -y sysbench`' : `exit ${r.status}`}): ${(r.stderr || r.stdout || '').slice(-1500)}`);
  return r.stdout;
}

async function writeOltp(db: string, o: RocketMqBenchOptions): Promise<Backlog> {
  const out = sysbench(db, o, 'run', [`--threads=${o.threads}`, `--time=${o.seconds}`, '--report-interval=0']);
  const transactions = Number(/transactions:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const writes = Number(/write:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  return { rows: writes, transactions, label: `sysbench oltp_write_only ${o.seconds} s x ${o.threads} threads on ${o.tables} x ${fmt(o.tableSize)} rows` };
}

interface RuleFigures {
  readonly rule: Rule;
  readonly run: RunFigures;
  readonly messages: number;
  readonly bytes: number;
}

/** One workload: pin, write the backlog, catch it up once per rule (each into its own topic). */
async function workload(kind: 'bulk' | 'oltp', o: RocketMqBenchOptions, work: string): Promise<{ backlog: Backlog; rules: RuleFigures[]; engine?: RunFigures }> {
  const stamp = Date.now().toString(36);
  const db = `bench_${kind}_${stamp}`;
  const admin = await mysql.createConnection(sourceConnection());
  const topics = o.rules.map((r) => `bench_${kind}_${r.replace('-', '_')}_${stamp}`);
  try {
    await admin.query(`CREATE DATABASE ${db}`);
    if (kind === 'bulk') await admin.query(ORDERS(db));
    else {
      say(`oltp: preparing ${o.tables} x ${fmt(o.tableSize)} rows (sysbench prepare)`);
      sysbench(db, o, 'prepare');
    }
    for (const t of topics) await createTopic(t, { fifo: true });
    const pinState = join(work, `${kind}-pin`);
    const pin = await measure('pin', [DTS, 'run', writeManifest(work, task(db, topics[0]!, o.rules[0]!)), '--state-dir', pinState, '--until-caught-up']);
    if (pin.exitCode !== 0) throw new Error('bench: the first run (pinning the binlog start) failed');
    say(`${kind}: writing the backlog`);
    const backlog = kind === 'bulk' ? await writeBulk(admin, db, o) : await writeOltp(db, o);
    say(`${kind}: ${backlog.label}: ${fmt(backlog.transactions)} transactions, ${fmt(backlog.rows)} row changes`);

    const rules: RuleFigures[] = [];
    for (const [i, rule] of o.rules.entries()) {
      const state = join(work, `${kind}-${rule}`);
      cpSync(pinState, state, { recursive: true });
      const manifest = writeManifest(work, task(db, topics[i]!, rule));
      say(`${kind}: catching up with rule ${rule}`);
      const run = await measure(`${kind} ${rule}`, [DTS, 'run', manifest, '--state-dir', state, '--until-caught-up']);
      const stats = await topicStats(topics[i]!, 3000);
      rules.push({ rule, run, ...stats });
    }
    const engineState = join(work, `${kind}-engine`);
    cpSync(pinState, engineState, { recursive: true });
    const profileDir = join(tmpdir(), `dts-bench-profile-${stamp}`);
    const profile = o.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    const manifest = writeManifest(work, task(db, topics[0]!, o.rules[0]!));
    const engine = await measure(`${kind} engine only`, [...profile, '--import', 'tsx', BENCH_SCRIPT, '--engine-only', manifest, '--state-dir', join(engineState, STACK, TASK)]);
    if (o.profile) {
      // The same catch-up in one process with the real transport, profiled too (the worker thread of `dts run` is not).
      const realState = join(work, `${kind}-profiled`);
      cpSync(pinState, realState, { recursive: true });
      const realProfile = `${profileDir}-real`;
      const profiled = await measure(`${kind} profiled`, ['--cpu-prof', '--cpu-prof-dir', realProfile, '--import', 'tsx', BENCH_SCRIPT, '--engine-only', writeManifest(work, task(db, topics[0]!, o.rules[0]!)), '--state-dir', join(realState, STACK, TASK), '--send', 'real']);
      say(`CPU profiles: engine alone ${profileDir}, with the real transport ${realProfile} (open in Chrome DevTools); the profiled real run streamed for ${(profiled.streamMs / 1000).toFixed(1)} s`);
    }
    return { backlog, rules, engine };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
    await admin.end();
    for (const t of topics) await deleteTopic(t).catch(() => undefined);
  }
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/** Source commit -> broker store latency at a steady 2,000 one-row transactions per second. */
async function latency(o: RocketMqBenchOptions, work: string): Promise<{ rows: number; p50: number; p99: number; max: number; rssMb: number }> {
  const stamp = Date.now().toString(36);
  const db = `bench_latency_${stamp}`;
  const topic = `bench_latency_${stamp}`;
  const admin = await mysql.createConnection(sourceConnection());
  const pool = mysql.createPool({ ...sourceConnection(), connectionLimit: 16 });
  const committed = new Map<number, number>();
  try {
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(ORDERS(db));
    await createTopic(topic, { fifo: true });
    const manifest = writeManifest(work, task(db, topic, 'columns'));
    const { spawn } = await import('node:child_process');
    const engine = spawn(process.execPath, [DTS, 'run', manifest, '--state-dir', join(work, 'latency')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      engine.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('"msg":"task state Synchronizing"')) resolve();
      });
      engine.on('exit', (code) => reject(new Error(`bench: the latency engine exited early (${code}): ${stderr.slice(-2000)}`)));
    });
    const { vmHwmKb } = await import('./bench-support.js');
    say(`latency: 2,000 one-row transactions/s for ${o.latencySeconds} s while the engine streams`);
    let id = 0;
    const started = Date.now();
    const pending: Promise<unknown>[] = [];
    while (Date.now() - started < o.latencySeconds * 1000) {
      const due = Math.floor(((Date.now() - started) / 1000) * 2000);
      while (id < due) {
        const key = ++id;
        pending.push(
          pool.query(`INSERT INTO ${db}.orders VALUES (?, ?, 'new', 1.00, 'latency', NOW(6))`, [key, key % 977]).then(() => committed.set(key, Date.now())),
        );
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(pending);
    await new Promise((r) => setTimeout(r, 2000));
    const rssMb = (vmHwmKb(engine.pid!) ?? 0) / 1024;
    engine.kill('SIGTERM');
    await new Promise((r) => engine.once('exit', r));
    const messages = await consumeOverRemoting(topic, id, 5000);
    const lat: number[] = [];
    for (const m of messages) {
      const body = JSON.parse(m.body.toString('utf8')) as { data: { id: string }[] };
      for (const row of body.data) {
        const at = committed.get(Number(row.id));
        if (at !== undefined) lat.push(Math.max(0, m.storeTimestamp - at));
      }
    }
    if (lat.length !== id) throw new Error(`bench: latency run wrote ${id} rows, read back ${lat.length}`);
    lat.sort((a, b) => a - b);
    return { rows: id, p50: percentile(lat, 50), p99: percentile(lat, 99), max: lat[lat.length - 1]!, rssMb };
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
    await admin.end();
    await deleteTopic(topic).catch(() => undefined);
  }
}

export async function rocketMqBench(o: RocketMqBenchOptions): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'dts-bench-'));
  const lines: string[] = [];
  let failed = false;
  try {
    const results = [];
    for (const kind of o.workloads) results.push({ kind, ...(await workload(kind, o, work)) });
    const ceilingTopic = `bench_ceiling_${Date.now().toString(36)}`;
    await createTopic(ceilingTopic, { fifo: true });
    const row = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(15) : c.padStart(11))).join(' | ')} |`;
    lines.push(row(['workload', 'rule', 'rows/s', 'txn/s', 'messages', 'msg bytes', 'stream s', 'engine CPU s', 'peak RSS MB', 'vs ceiling']));
    lines.push(`|${'-'.repeat(17)}|${'-'.repeat(17)}|${Array.from({ length: 8 }, () => '-'.repeat(12) + ':').join('|')}|`);
    const ceilings: string[] = [];
    try {
      for (const r of results) {
        const first = r.rules[0]!;
        const avgBytes = Math.max(1, Math.round(first.bytes / Math.max(1, first.messages)));
        const messagesPerRow = first.messages / r.backlog.rows;
        // Batches as ours: ROCKETMQ_BATCH_MESSAGES messages, ROCKETMQ_BATCH_BYTES of bodies at most.
        const batch = Math.max(1, Math.min(ROCKETMQ_BATCH_MESSAGES, Math.floor(ROCKETMQ_BATCH_BYTES / avgBytes)));
        const ceiling = await javaClientCeiling(ceilingTopic, Math.max(50_000, Math.min(400_000, first.messages)), avgBytes, batch);
        const ceilingMsgs = ceiling.messages / (ceiling.ms / 1000);
        // The ceiling in rows/s: messages/s the broker takes, times the rows our messages carry.
        const ceilingRows = ceilingMsgs / messagesPerRow;
        ceilings.push(`${r.kind}: Java client ${fmt(ceilingMsgs)} messages/s of ${fmt(avgBytes)} bytes (batches of ${batch}, one per queue in flight) = ${fmt(ceilingRows)} rows/s at ${messagesPerRow.toFixed(3)} messages per row`);
        for (const f of [...r.rules]) {
          const s = f.run.streamMs / 1000;
          const ok = f.run.exitCode === 0 && f.messages > 0;
          if (!ok) failed = true;
          lines.push(row([r.kind, f.rule, ok ? fmt(r.backlog.rows / s) : 'FAILED', fmt(r.backlog.transactions / s), fmt(f.messages), fmt(f.bytes), s.toFixed(1), (f.run.cpuMs / 1000).toFixed(1), (f.run.peakRssKb / 1024).toFixed(0), `${((r.backlog.rows / s / ceilingRows) * 100).toFixed(0)}%`]));
        }
        if (r.engine) {
          const s = r.engine.streamMs / 1000;
          if (r.engine.exitCode !== 0) failed = true;
          lines.push(row([r.kind, `${o.rules[0]} no-op send`, fmt(r.backlog.rows / s), fmt(r.backlog.transactions / s), '-', '-', s.toFixed(1), (r.engine.cpuMs / 1000).toFixed(1), (r.engine.peakRssKb / 1024).toFixed(0), '-']));
        }
      }
    } finally {
      await deleteTopic(ceilingTopic).catch(() => undefined);
    }
    const lat = o.latencySeconds > 0 ? await latency(o, work) : undefined;
    process.stdout.write(`\n${results.map((r) => `${r.kind}: ${r.backlog.label} = ${fmt(r.backlog.transactions)} transactions, ${fmt(r.backlog.rows)} row changes`).join('\n')}\n\n`);
    process.stdout.write(lines.join('\n') + '\n\n');
    process.stdout.write(ceilings.map((c) => `broker ceiling, ${c}`).join('\n') + '\n');
    if (lat) {
      process.stdout.write(
        `latency at 2,000 rows/s (one-row transactions, rule columns, ${fmt(lat.rows)} rows): source COMMIT -> broker store p50 ${lat.p50} ms, p99 ${lat.p99} ms, max ${lat.max} ms; engine peak RSS ${lat.rssMb.toFixed(0)} MB\n`,
      );
    }
    process.stdout.write('stream s = task Synchronizing -> exit (start-up and prechecks excluded); engine CPU s = the process\'s user + system time, start-up included; vs ceiling = our rows/s over the Java client\'s rows/s at our message size\n');
    return failed ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

