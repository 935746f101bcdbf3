/**
 * `npm run bench -- --workload huge-txn`: what the engine does with transactions and rows too large
 * to hold, on the local stack (`npm run stack -- up` first). Two workloads, each through both sinks:
 *   1. one UPDATE of every row of an N-row table (default 5,000,000) in one source transaction,
 *      streamed by `dts run --until-caught-up` to RocketMQ (canal-json, columns/16) and to MySQL;
 *      reference: the source server's own time to execute that UPDATE;
 *   2. full sync of a table of B rows x 4,000,000-byte LONGBLOB (default 300) to MySQL and to
 *      RocketMQ; reference: mariadb-dump | mariadb of the same table into the destination server.
 * Each run prints rows/s and the engine process's peak RSS (VmHWM). The MySQL copies are compared with
 * CHECKSUM TABLE. Everything the bench creates is dropped afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import type { Manifest, TaskSpec } from '../runtime/manifest/types.js';
import { MYSQL_OPTION_DEFAULTS } from '../runtime/manifest/defaults.js';
import { measure, pipe, type RunFigures } from './bench-support.js';
import {
  ADMIN_USER, DESTINATION_PORT, DTS_WRITER_USER, ROCKETMQ_ENDPOINT, ROCKETMQ_REMOTING_ENDPOINT, SOURCE_PORT, STACK_HOST,
  createTopic, deleteTopic, destinationConnection, readStackSecret, sourceConnection, stackPaths,
} from './stack/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DTS_BIN = join(ROOT, 'runtime', 'cli', 'dts.mjs');
const STACK = 'bench-huge';
const BLOB_BYTES = 4_000_000;

export interface HugeTransactionOptions {
  readonly rows: number;
  readonly blobs: number;
}

function baseTask(name: string, database: string, syncTypes: TaskSpec['syncTypes']): Omit<TaskSpec, 'destination'> {
  return {
    name,
    source: { engine: 'mysql', kind: 'self-managed', host: STACK_HOST, port: SOURCE_PORT, user: 'dts', password: { fromFile: join(stackPaths().secrets, 'dts.password') }, ssl: false },
    syncTypes,
    conflictingTables: 'precheck-and-report',
    objects: [{ database, dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }],
    capitalization: 'dts-default',
    retry: { connectionMinutes: 720, otherMinutes: 10 },
    throttle: {},
    heartbeat: false,
    serverId: 7000 + Math.floor(Math.random() * 1000),
  };
}

function rocketMqTask(name: string, database: string, topic: string, syncTypes: TaskSpec['syncTypes']): TaskSpec {
  return {
    ...baseTask(name, database, syncTypes),
    destination: { engine: 'rocketmq', version: '5.x', endpoints: ROCKETMQ_ENDPOINT, remotingEndpoints: ROCKETMQ_REMOTING_ENDPOINT, topic, producerGroup: 'dts-producer-group' },
    rocketmq: { format: 'canal-json', syncAllFields: false, ordering: { rule: 'columns', buckets: 16 }, filterLargeRecords: false },
  };
}

function mySqlTask(name: string, database: string, target: string, syncTypes: TaskSpec['syncTypes']): TaskSpec {
  const base = baseTask(name, database, syncTypes);
  return {
    ...base,
    destination: { engine: 'mysql', kind: 'self-managed', host: STACK_HOST, port: DESTINATION_PORT, user: DTS_WRITER_USER, password: { fromFile: join(stackPaths().secrets, `${DTS_WRITER_USER}.password`) }, ssl: false },
    objects: [{ ...base.objects[0]!, targetDatabase: target }],
    mysql: { ...MYSQL_OPTION_DEFAULTS },
  };
}

const log = (s: string) => process.stdout.write(`bench huge-txn: ${s}\n`);

/** CHECKSUM TABLE (NULL for a table that does not exist: refused, so two missing tables never compare equal). */
async function checksum(conn: mysql.Connection, table: string): Promise<string> {
  const [rows] = await conn.query(`CHECKSUM TABLE ${table}`);
  const sum = (rows as { Checksum: unknown }[])[0]?.Checksum;
  if (sum === null || sum === undefined) throw new Error(`bench huge-txn: ${table} does not exist`);
  return String(sum);
}

export async function hugeTransactionBench(options: HugeTransactionOptions): Promise<number> {
  const id = Date.now().toString(36);
  const db = `bench_huge_${id}`;
  const target = `${db}_dst`;
  const topic = `bench_huge_${id}`;
  const work = mkdtempSync(join(tmpdir(), 'dts-bench-huge-'));
  const source = await mysql.createConnection(sourceConnection());
  const destination = await mysql.createConnection(destinationConnection(ADMIN_USER));
  const results: { run: RunFigures; rows: number; checked: string; seconds: number }[] = [];
  let idleRssKb = 0;
  let failed = false;
  /** Timed from the task entering Synchronizing, or, with a full sync, from the process start. */
  const runTask = async (label: string, spec: TaskSpec, state: string, rows: number, check: () => Promise<string>) => {
    const manifest: Manifest = { version: 1, stack: STACK, tasks: [spec] };
    const file = join(work, `${spec.name}.json`);
    writeFileSync(file, JSON.stringify(manifest, null, 2));
    const run = await measure(label, [DTS_BIN, 'run', file, '--state-dir', join(work, state), '--until-caught-up']);
    if (run.exitCode !== 0) failed = true;
    results.push({ run, rows, checked: run.exitCode === 0 ? await check() : '-', seconds: (spec.syncTypes.full ? run.totalMs : run.streamMs) / 1000 });
  };
  try {
    await createTopic(topic, { fifo: true });
    const none = async () => 'ok';
    const sameChecksum = (table: string, copy: string) => async () => {
      const equal = (await checksum(source, table)) === (await checksum(destination, copy));
      if (!equal) failed = true;
      return equal ? 'CHECKSUM equal' : 'CHECKSUM DIFFERS';
    };
    await source.query(`CREATE DATABASE ${db}`);
    // 1. One UPDATE of every row (--rows 0 skips it).
    let sourceMs = 0;
    if (options.rows > 0) {
      log(`filling ${db}.big with ${options.rows.toLocaleString('en-US')} rows (source and destination)`);
      await destination.query(`CREATE DATABASE ${target}`);
      for (const [conn, name] of [[source, db], [destination, target]] as const) {
        await conn.query(`CREATE TABLE ${name}.big (id BIGINT PRIMARY KEY, v INT NOT NULL, pad CHAR(32) NOT NULL)`);
        await conn.query(`INSERT INTO ${name}.big SELECT seq, 0, MD5(seq) FROM ${name}.seq_1_to_${options.rows}`);
      }
      const incremental = { schema: false, full: false, incremental: true };
      const mq = rocketMqTask(`huge-mq-${id}`, db, topic, incremental);
      const my = mySqlTask(`huge-mysql-${id}`, db, target, incremental);
      // Pin both tasks at the source's binlog end (empty backlog), then write the transaction.
      for (const [spec, state] of [[mq, 'mq'], [my, 'my']] as const) {
        const file = join(work, `${spec.name}-pin.json`);
        writeFileSync(file, JSON.stringify({ version: 1, stack: STACK, tasks: [spec] }, null, 2));
        const pin = await measure('pin', [DTS_BIN, 'run', file, '--state-dir', join(work, state), '--until-caught-up']);
        if (pin.exitCode !== 0) throw new Error(`bench huge-txn: pinning ${spec.name} failed`);
        idleRssKb = Math.max(idleRssKb, pin.peakRssKb);
      }
      log(`UPDATE ${db}.big SET v = v + 1 (one transaction of ${options.rows.toLocaleString('en-US')} rows)`);
      const t0 = Date.now();
      await source.query(`UPDATE ${db}.big SET v = v + 1`);
      sourceMs = Date.now() - t0;
      await runTask('UPDATE -> RocketMQ', mq, 'mq', options.rows, none);
      await runTask('UPDATE -> MySQL', my, 'my', options.rows, sameChecksum(`${db}.big`, `${target}.big`));
    }

    // 2. Full sync of large rows.
    log(`filling ${db}.blobs with ${options.blobs} rows x ${BLOB_BYTES.toLocaleString('en-US')} bytes`);
    await source.query(`CREATE TABLE ${db}.blobs (id INT PRIMARY KEY, b LONGBLOB NOT NULL)`);
    for (let i = 1; i <= options.blobs; i += 10) {
      await source.query(`INSERT INTO ${db}.blobs SELECT seq, LEFT(REPEAT(MD5(seq), ${Math.ceil(BLOB_BYTES / 32)}), ${BLOB_BYTES}) FROM ${db}.seq_${i}_to_${Math.min(options.blobs, i + 9)}`);
    }
    const blobTarget = `${db}_blobs`;
    const full = { schema: true, full: true, incremental: true };
    const myBlobs = { ...mySqlTask(`blobs-mysql-${id}`, db, blobTarget, full), objects: [{ database: db, table: 'blobs', targetDatabase: blobTarget, dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }] } as TaskSpec;
    const mqBlobs = { ...rocketMqTask(`blobs-mq-${id}`, db, topic, { ...full, schema: false }), objects: [{ database: db, table: 'blobs', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }] } as TaskSpec;
    await runTask('full sync 4 MB rows -> MySQL', myBlobs, 'blobs-my', options.blobs, sameChecksum(`${db}.blobs`, `${blobTarget}.blobs`));
    await runTask('full sync 4 MB rows -> RocketMQ', mqBlobs, 'blobs-mq', options.blobs, none);
    const refDb = `${db}_ref`;
    await destination.query(`CREATE DATABASE ${refDb}`);
    const password = { MYSQL_PWD: readStackSecret(ADMIN_USER) };
    const r0 = Date.now();
    await pipe(
      ['mariadb-dump', ['--no-defaults', `-h${STACK_HOST}`, `-P${SOURCE_PORT}`, `-u${ADMIN_USER}`, '--single-transaction', '--max-allowed-packet=64M', db, 'blobs'], password],
      ['mariadb', ['--no-defaults', `-h${STACK_HOST}`, `-P${DESTINATION_PORT}`, `-u${ADMIN_USER}`, '--max-allowed-packet=64M', refDb], password],
    );
    const dumpMs = Date.now() - r0;

    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(14))).join(' ');
    process.stdout.write('\n' + line(['run', 'rows/s', 'seconds', 'peak RSS MB', 'check']) + '\n');
    if (sourceMs > 0) process.stdout.write(line(['reference: the source runs UPDATE', Math.round(options.rows / (sourceMs / 1000)).toLocaleString('en-US'), (sourceMs / 1000).toFixed(1), '-', '-']) + '\n');
    if (idleRssKb > 0) process.stdout.write(line(['engine idle (empty backlog)', '-', '-', (idleRssKb / 1024).toFixed(0), '-']) + '\n');
    for (const { run, rows, checked, seconds: s } of results) {
      const rate = rows / s >= 100 ? Math.round(rows / s).toLocaleString('en-US') : (rows / s).toFixed(1);
      process.stdout.write(line([run.label, run.exitCode === 0 ? rate : 'FAILED', s.toFixed(1), (run.peakRssKb / 1024).toFixed(0), checked]) + '\n');
    }
    process.stdout.write(line(['reference: mariadb-dump | mariadb', (options.blobs / (dumpMs / 1000)).toFixed(1), (dumpMs / 1000).toFixed(1), '-', '-']) + '\n');
    process.stdout.write('\nseconds = Synchronizing (full sync: process start) -> exit; peak RSS = VmHWM of the engine process\n');
  } finally {
    for (const name of [db]) await source.query(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
    for (const name of [target, `${db}_blobs`, `${db}_ref`]) await destination.query(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
    for (const table of ['checkpoints', 'tasks']) await destination.query(`DELETE FROM __dts.${table} WHERE task IN (?, ?)`, [`huge-mysql-${id}`, `blobs-mysql-${id}`]).catch(() => undefined);
    await source.end();
    await destination.end();
    await deleteTopic(topic).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}
