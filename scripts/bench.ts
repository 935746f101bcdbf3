/**
 * `npm run bench`: MySQL -> RocketMQ throughput on the local stack (`npm run stack -- up` first).
 * Writes 200 transactions x 1,000-row INSERTs, then replays the same binlog range twice:
 *   1. end to end: `dts run --until-caught-up` as a child process (source -> engine -> broker acked);
 *   2. engine alone: the same task with the sink's send replaced by a no-op (RocketMqSink option
 *      `send`), separating the engine's cost from the broker's.
 * Peak RSS is the child's VmHWM from /proc/<pid>/status. Streaming time is measured from the task
 * entering Synchronizing to its exit (process start and prechecks excluded; total shown too).
 * Usage: npm run bench [-- --transactions 200 --rows 1000 --profile]  (--profile: CPU profile of the engine-only run)
 *        npm run bench -- --workload huge-txn [--rows 5000000 --blobs 300]  (scripts/bench-huge-txn.ts)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { createLogger } from '../runtime/log.js';
import { loadManifest } from '../runtime/manifest/load.js';
import type { Manifest, TaskSpec } from '../runtime/manifest/types.js';
import { runTask } from '../runtime/pipeline/task-runner.js';
import { sourcePrechecks } from '../runtime/pipeline/source-prechecks.js';
import { RocketMqSink } from '../runtime/sinks/rocketmq/sink.js';
import { ROCKETMQ_BATCH_BYTES, ROCKETMQ_BATCH_MESSAGES } from '../runtime/manifest/defaults.js';
import { ROCKETMQ_ENDPOINT, ROCKETMQ_REMOTING_ENDPOINT, SOURCE_PORT, STACK_HOST, createTopic, deleteTopic, sourceConnection, stackPaths } from './stack/index.js';
import { measure } from './bench-support.js';
import { hugeTransactionBench } from './bench-huge-txn.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STACK = 'bench';
const TASK = 'bench';

function task(db: string, topic: string): TaskSpec {
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
    rocketmq: { format: 'canal-json', syncAllFields: false, ordering: { rule: 'columns', buckets: 8 }, filterLargeRecords: true },
    serverId: 7000 + Math.floor(Math.random() * 1000),
  };
}

/** Child mode: the task with a no-op send (engine cost only). */
async function engineOnly(manifestFile: string, stateDir: string): Promise<number> {
  const { manifest, dir } = loadManifest(manifestFile);
  const spec = manifest.tasks[0]!;
  const log = createLogger({ level: 'info' }).child({ stack: manifest.stack, task: spec.name });
  const sink = new RocketMqSink(spec, { log, baseDir: dir, transport: { send: async () => undefined, maxBatchMessages: ROCKETMQ_BATCH_MESSAGES, maxBatchBytes: ROCKETMQ_BATCH_BYTES, close: async () => undefined } });
  const outcome = await runTask({ stack: manifest.stack, task: spec, stateDir, baseDir: dir, log, sink, sourcePrechecks, untilCaughtUp: true });
  return outcome.state === 'Suspended' ? 0 : 1;
}

async function binlogBytes(conn: mysql.Connection, from: { file: string; pos: number }, to: { file: string; pos: number }): Promise<number> {
  if (from.file === to.file) return to.pos - from.pos;
  const [logs] = await conn.query('SHOW BINARY LOGS');
  let total = 0;
  for (const l of logs as { Log_name: string; File_size: number }[]) {
    if (l.Log_name < from.file || l.Log_name > to.file) continue;
    const start = l.Log_name === from.file ? from.pos : 0;
    const end = l.Log_name === to.file ? to.pos : Number(l.File_size);
    total += end - start;
  }
  return total;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      transactions: { type: 'string', default: '200' },
      rows: { type: 'string', default: '1000' },
      'engine-only': { type: 'string' },
      'state-dir': { type: 'string' },
      profile: { type: 'boolean', default: false },
      workload: { type: 'string', default: 'inserts' },
      blobs: { type: 'string', default: '300' },
    },
  });
  if (values.workload === 'huge-txn') {
    const rowsGiven = process.argv.includes('--rows');
    process.exitCode = await hugeTransactionBench({ rows: rowsGiven ? Number(values.rows) : 5_000_000, blobs: Number(values.blobs) });
    return;
  }
  if (values.workload !== 'inserts') throw new Error(`bench: unknown --workload ${values.workload} (inserts | huge-txn)`);
  if (values['engine-only']) {
    process.exitCode = await engineOnly(values['engine-only'], values['state-dir']!);
    return;
  }
  const transactions = Number(values.transactions);
  const rowsPerTx = Number(values.rows);
  const db = `bench_${Date.now().toString(36)}`;
  const topic = `bench_${Date.now().toString(36)}`;
  const work = mkdtempSync(join(tmpdir(), 'dts-bench-'));
  const admin = await mysql.createConnection(sourceConnection());
  process.stdout.write(`bench: database ${db}, topic ${topic}, ${transactions} x ${rowsPerTx}-row INSERTs\n`);
  try {
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(
      `CREATE TABLE ${db}.orders (id BIGINT PRIMARY KEY, customer INT NOT NULL, status VARCHAR(16) NOT NULL, amount DECIMAL(12,2) NOT NULL, note VARCHAR(64) NULL, created DATETIME(6) NOT NULL)`,
    );
    await createTopic(topic, { fifo: true });
    const manifest: Manifest = { version: 1, stack: STACK, tasks: [task(db, topic)] };
    const manifestFile = join(work, 'dts.manifest.json');
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    const dts = join(ROOT, 'runtime', 'cli', 'dts.mjs');
    const pinState = join(work, 'state-e2e');
    const pin = await measure('pin', [dts, 'run', manifestFile, '--state-dir', pinState, '--until-caught-up']);
    if (pin.exitCode !== 0) throw new Error('bench: the first run (pinning the binlog start) failed');
    const engineState = join(work, 'state-engine');
    cpSync(pinState, engineState, { recursive: true });
    const startPos = JSON.parse(readFileSync(join(pinState, STACK, TASK, 'checkpoint.json'), 'utf8')).binlog as { file: string; pos: number };

    const t0 = Date.now();
    let id = 0;
    for (let t = 0; t < transactions; t++) {
      const rows: unknown[][] = [];
      for (let r = 0; r < rowsPerTx; r++) {
        id++;
        rows.push([id, id % 977, ['new', 'paid', 'shipped'][id % 3], (id % 10000) / 100 + 1, `order note ${id}`, '2024-05-01 12:34:56.123456']);
      }
      await admin.query(`INSERT INTO ${db}.orders VALUES ?`, [rows]);
    }
    const writeMs = Date.now() - t0;
    const [status] = await admin.query('SHOW MASTER STATUS');
    const endPos = { file: (status as { File: string }[])[0]!.File, pos: Number((status as { Position: number }[])[0]!.Position) };
    const bytes = await binlogBytes(admin, startPos, endPos);
    const totalRows = transactions * rowsPerTx;
    process.stdout.write(`bench: wrote ${totalRows} rows in ${(writeMs / 1000).toFixed(1)} s (${(bytes / 1048576).toFixed(1)} MB of binlog)\n`);

    const e2e = await measure('end to end (broker acked)', [dts, 'run', manifestFile, '--state-dir', pinState, '--until-caught-up']);
    // `node --import tsx` (not the tsx CLI, which runs the script in a second process): the pid sampled is the engine's.
    const profileDir = join(tmpdir(), `dts-bench-profile-${Date.now().toString(36)}`);
    const profile = values.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    const engine = await measure('engine only (send = no-op)', [...profile, '--import', 'tsx', fileURLToPath(import.meta.url), '--engine-only', manifestFile, '--state-dir', join(engineState, STACK, TASK)]);

    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(28) : c.padStart(12))).join(' ');
    process.stdout.write('\n' + line(['run', 'rows/s', 'MB/s', 'stream s', 'total s', 'peak RSS MB']) + '\n');
    for (const f of [e2e, engine]) {
      const s = f.streamMs / 1000;
      process.stdout.write(
        line([f.label, f.exitCode === 0 ? Math.round(totalRows / s).toLocaleString('en-US') : 'FAILED', (bytes / 1048576 / s).toFixed(1), s.toFixed(1), (f.totalMs / 1000).toFixed(1), (f.peakRssKb / 1024).toFixed(0)]) + '\n',
      );
    }
    process.stdout.write(`\nrows = ${totalRows.toLocaleString('en-US')} row changes; MB = binlog bytes of the range; stream s = Synchronizing -> exit (prechecks and start-up excluded)\n`);
    if (values.profile) process.stdout.write(`CPU profile of the engine-only run: ${profileDir} (open in Chrome DevTools)\n`);
    if (e2e.exitCode !== 0 || engine.exitCode !== 0) process.exitCode = 1;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
    await admin.end();
    await deleteTopic(topic).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
