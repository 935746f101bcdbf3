// One torture run: a seeded random schema and workload on the source, a MySQL -> MySQL task and a
// MySQL -> RocketMQ task (schema + full + incremental) run by `dts run` as a child process, faults
// while it streams (kill -9 of the engine, KILL CONNECTION of its sessions on source and
// destination), then a final `dts run --until-caught-up` and the checks of check.ts.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { TaskSpec } from '../../runtime/manifest/types.js';
import { databaseObject, mysqlTask } from '../support/mysql-task.js';
import { drain, orderlyGroup, runUntilCaughtUp, scratchDir, spawnEngine, writeManifest, type EngineProcess } from '../support/engine.js';
import { createTopic, deleteTopic, destinationConnection, sourceConnection } from '../support/stack.js';
import { rocketMqTask } from '../support/task-spec.js';
import { checkCanal, checkMySql, type Mismatch } from './check.js';
import { Rng } from './rng.js';
import { KEY_SHAPES, generateTable, rowValues, type TableSpec } from './schema.js';
import { startWorkload, type WorkloadStats } from './workload.js';

export type TortureSink = 'mysql' | 'rocketmq' | 'both';

export interface TortureOptions {
  readonly seed: number;
  /** Streaming time with faults, before the final catch-up. */
  readonly seconds: number;
  readonly sink: TortureSink;
  readonly tables?: number;
  readonly writers?: number;
  readonly seedRows?: number;
  readonly faults?: boolean;
  /** ADD COLUMN while streaming (default on). */
  readonly ddl?: boolean;
  readonly log?: (line: string) => void;
}

export interface TortureResult {
  readonly seed: number;
  readonly ok: boolean;
  readonly failures: string[];
  readonly workload: WorkloadStats;
  readonly faults: string[];
  readonly messages: number;
  readonly dir: string;
  readonly sqlLog: string;
  readonly tables: readonly TableSpec[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runTorture(o: TortureOptions): Promise<TortureResult> {
  const log = o.log ?? (() => {});
  const rng = new Rng(o.seed);
  const db = `torture_${o.seed}`;
  const dir = scratchDir(`torture-${o.seed}`);
  const sqlLog = join(dir, 'workload.sql');
  const stateDir = join(dir, 'state');
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(sqlLog, `-- torture seed ${o.seed}\n`);
  const admin = await mysql.createConnection({ ...sourceConnection(), multipleStatements: true });
  const destAdmin = await mysql.createConnection({ ...destinationConnection(), multipleStatements: true });
  const failures: string[] = [];
  const faults: string[] = [];
  const useMySql = o.sink !== 'rocketmq';
  const useMq = o.sink !== 'mysql';
  // Task names are unique per run: the MySQL sink keeps its checkpoint on the destination, by task.
  const runId = `${o.seed}-${Date.now().toString(36)}`;
  const topic = `torture-${runId}`;
  let engine: EngineProcess | undefined;
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${db}\`; CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4`);
    await destAdmin.query(`DROP DATABASE IF EXISTS \`${db}\``);
    const shapes = [...KEY_SHAPES];
    const tables: TableSpec[] = [];
    for (let i = 0; i < (o.tables ?? 3); i++) {
      const shape = shapes.splice(rng.int(0, shapes.length - 1), 1)[0]!;
      const t = generateTable(rng, db, i, shape);
      tables.push(t);
      await admin.query(t.ddl);
      appendFileSync(sqlLog, `${t.ddl};\n`);
    }
    for (const t of tables) {
      for (let i = 0; i < (o.seedRows ?? 40); i++) {
        const { cols, vals } = rowValues(rng, t, t.key.key(rng));
        const sql = `INSERT IGNORE INTO \`${db}\`.\`${t.name}\` (${cols.map((c) => `\`${c}\``).join(', ')}) VALUES (${vals.join(', ')})`;
        await admin.query(sql);
        appendFileSync(sqlLog, `${sql};\n`);
      }
    }
    log(`seed ${o.seed}: tables ${tables.map((t) => `${t.name} (${t.columns.map((c) => c.type.sql).join(', ')})`).join('; ')}`);

    const tasks: TaskSpec[] = [];
    if (useMySql) tasks.push(mysqlTask({ name: `to-mysql-${runId}`, objects: [databaseObject(db)] }));
    let group = '';
    if (useMq) {
      group = `GID_${topic}`;
      await Promise.all([createTopic(topic, { fifo: true }), orderlyGroup(group)]);
      tasks.push(rocketMqTask({ name: `to-rocketmq-${runId}`, topic, full: true, objects: [{ database: db, dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }], rocketmq: { ordering: { rule: 'columns', buckets: 8 } } }));
    }
    const manifest = writeManifest(dir, tasks, 'torture');
    const env = { DTS_RETRY_SCALE: '0.05' };
    let runs = 0;
    const keepLog = (e: EngineProcess) => writeFileSync(join(dir, `engine-${++runs}.log`), e.stderr());
    engine = spawnEngine(manifest, { stateDir, env });
    const workload = startWorkload({ connection: sourceConnection(), database: db, tables, writers: o.writers ?? 3, rng: rng.fork(1000), sqlLog, ddl: o.ddl ?? true });
    const deadline = Date.now() + o.seconds * 1000;
    while (Date.now() < deadline) {
      await sleep(rng.int(1500, 6000));
      if (o.faults === false) continue;
      const f = rng.int(0, 2);
      if (f === 0) {
        faults.push('kill -9 dts run');
        engine.kill('SIGKILL');
        await engine.exited;
        keepLog(engine);
        engine = spawnEngine(manifest, { stateDir, env });
      } else {
        const [server, user] = f === 1 ? [admin, 'dts'] : [destAdmin, 'dts_writer'];
        const [rows] = await server.query('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ?', [user]);
        const ids = (rows as { id: number }[]).map((r) => r.id);
        if (ids.length === 0) continue;
        const victim = rng.pick(ids);
        faults.push(`KILL CONNECTION of ${user} on the ${f === 1 ? 'source' : 'destination'}`);
        await server.query(`KILL CONNECTION ${victim}`).catch(() => {});
      }
    }
    const workloadStats = await workload.stop();
    log(`seed ${o.seed}: workload ${JSON.stringify(workloadStats)}, faults ${faults.length}`);
    engine.kill('SIGTERM');
    await engine.exited;
    keepLog(engine);
    engine = undefined;
    const final = await runUntilCaughtUp(manifest, { stateDir, env }, 300_000);
    keepLog(final.engine);
    if (final.exit.code !== 0) failures.push(`final dts run --until-caught-up exited ${final.exit.code}: ${final.engine.stderr().slice(-2000)}`);

    const describe = (kind: string, m: Mismatch) => `${kind}: table ${db}.${m.table} key ${m.key} column ${m.column}: source ${m.source.slice(0, 200)} vs ${m.other.slice(0, 200)}`;
    if (useMySql) {
      const mismatches = await checkMySql(admin, destAdmin, db, tables);
      for (const m of mismatches.slice(0, 20)) failures.push(describe('mysql', m));
      if (mismatches.length > 20) failures.push(`mysql: ... ${mismatches.length} mismatches in all`);
    }
    let messages = 0;
    if (useMq) {
      const received = await drain(group, [topic], { idleMs: 5000, timeoutMs: 240_000 });
      const replay = await checkCanal(admin, db, tables, received);
      messages = replay.messages;
      for (const e of replay.schemaErrors.slice(0, 5)) failures.push(`canal-json schema: ${e}`);
      for (const m of replay.mismatches.slice(0, 20)) failures.push(describe('rocketmq', m));
      if (replay.mismatches.length > 20) failures.push(`rocketmq: ... ${replay.mismatches.length} mismatches in all`);
    }
    return { seed: o.seed, ok: failures.length === 0, failures, workload: workloadStats, faults, messages, dir, sqlLog, tables };
  } finally {
    if (engine) {
      engine.kill('SIGKILL');
      await engine.exited.catch(() => {});
    }
    await admin.end().catch(() => {});
    await destAdmin.end().catch(() => {});
    if (useMq) await deleteTopic(topic).catch(() => {});
  }
}
