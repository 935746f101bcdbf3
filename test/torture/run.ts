// One torture run: a seeded random schema and workload on the source, a MySQL -> MySQL task and a
// MySQL -> RocketMQ task (schema + full + incremental) run by two `dts run` processes on one state dir
// (an owner and a standby: the task lease decides), faults while it streams (kill -9 of either
// engine, SIGSTOP past the lease's life then SIGCONT, KILL CONNECTION of its sessions on source and
// destination, a broker restart), then a final `dts run --until-caught-up`, the checks of check.ts
// and `dts verify`, which must agree with the HEX comparison.
import { appendFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { LEASE_DEFAULTS, MYSQL_OPTION_DEFAULTS } from '../../runtime/manifest/defaults.js';
import type { TaskSpec } from '../../runtime/manifest/types.js';
import { databaseObject, mysqlTask } from '../support/mysql-task.js';
import { drain, orderlyGroup, readTaskCheckpoint, waitForExit, scratchDir, spawnEngine, writeManifest, type EngineProcess } from '../support/engine.js';
import { verify } from '../support/cli.js';
import { createTopic, deleteTopic, destinationConnection, sourceConnection } from '../support/stack.js';
import { restartBroker, withStackLock, stackPaths } from '../../scripts/stack/index.js';
import { rocketMqTask } from '../support/task-spec.js';
import { avroFormat } from './avro-format.js';
import { canalFormat, checkMySql, checkReplay, type Mismatch } from './check.js';
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
  /** DDL while streaming (default on): column changes from the start, table-level once synchronizing. */
  readonly ddl?: boolean;
  /** The RocketMQ task's message format (default canal-json). */
  readonly format?: 'canal-json' | 'dts-avro';
  /** Restart the RocketMQ broker among the faults (default off: it disturbs other users of the stack). */
  readonly brokerRestart?: boolean;
  /**
   * Faults the round must inject (default 0): streaming goes on past `seconds`, at most 90 s more,
   * until that many happened. A short round on a loaded machine (a broker restart waiting for the
   * stack lock, a SIGSTOP outliving the lease) could otherwise end having tested less than it says.
   */
  readonly minFaults?: number;
  /**
   * A second `dts run` of the same tasks on the same state dir, standing by (default on): kill -9 and
   * SIGSTOP/SIGCONT then hit the owner or the standby, so takeovers and a revived, fenced owner are
   * part of every round (runtime/lease).
   */
  readonly standby?: boolean;
  readonly log?: (line: string) => void;
}

export interface TortureResult {
  readonly seed: number;
  readonly ok: boolean;
  readonly failures: string[];
  readonly workload: WorkloadStats;
  readonly faults: string[];
  readonly messages: number;
  /** Row images the messages carried. */
  readonly rows: number;
  /** Times an engine took a task over from another (or again after losing its lease) during the round. */
  readonly takeovers: number;
  readonly dir: string;
  readonly sqlLog: string;
  readonly tables: readonly TableSpec[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FINAL_RUN_MS = 20 * 60_000;
// Held around a broker restart and around a final drain, so parallel runs never drain a restarting broker.
/** How long `dts run` may take to stop on SIGTERM. */
const STOP_MS = 60_000;
const BROKER_LOCK = () => join(stackPaths().run, 'torture-broker.lock');

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
  const engines: EngineProcess[] = [];
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
      // Admin commands fail while another run restarts the broker: they take the same lock.
      await withStackLock(BROKER_LOCK(), 15 * 60_000, () => Promise.all([createTopic(topic, { fifo: true }), orderlyGroup(group)]), () => {});
      tasks.push(rocketMqTask({ name: `to-rocketmq-${runId}`, topic, full: true, objects: [{ database: db, dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: ['CREATE_TABLE', 'ALTER_TABLE', 'DROP_TABLE', 'RENAME_TABLE', 'TRUNCATE_TABLE'] }], rocketmq: { ordering: { rule: 'columns', buckets: 8 }, ...(o.format ? { format: o.format } : {}) } }));
    }
    const manifest = writeManifest(dir, tasks, 'torture');
    const env = { DTS_RETRY_SCALE: '0.05' };
    let runs = 0;
    const keepLog = (e: EngineProcess) => writeFileSync(join(dir, `engine-${++runs}.log`), e.stderr());
    engines.push(spawnEngine(manifest, { stateDir, env }));
    if (o.standby !== false) engines.push(spawnEngine(manifest, { stateDir, env }));
    const initialNames = new Map(tables.map((t) => [t, t.name]));
    // Table-level DDL waits until every task's durable checkpoint says the full sync is over (a
    // restart never redoes it then): the MySQL sink's row on the destination, the local file else.
    let fullSyncOver = false;
    const fullSyncPoll = setInterval(() => {
      void (async () => {
        const done = await Promise.all(tasks.map(async (t) => {
          if (t.destination.engine === 'mysql') {
            const [rows] = await destAdmin.query(`SELECT source_checkpoint AS c FROM \`${MYSQL_OPTION_DEFAULTS.engineSchema}\`.checkpoints WHERE task = ?`, [t.name]).catch(() => [[]]);
            const c = (rows as { c: string | null }[])[0]?.c;
            return c ? (JSON.parse(c) as { snapshot?: { done?: boolean } }).snapshot?.done === true : false;
          }
          return readTaskCheckpoint(stateDir, t.name, 'torture').snapshot?.done === true;
        })).catch(() => [false]);
        if (done.every(Boolean)) {
          fullSyncOver = true;
          clearInterval(fullSyncPoll);
        }
      })();
    }, 2000);
    const tableDdl = () => fullSyncOver;
    // Writes above what the engine applies (several runs on two cores) keep a task in full sync for
    // the whole round, and table-level DDL waits for its end: from a third of the round on, writers
    // and faults pause (at most 90 s) until every full sync is durably over, then go on (rounds of
    // two minutes or more; the bounded run in npm test is too short for it).
    const started = Date.now();
    const lull = () => !fullSyncOver && o.ddl !== false && o.seconds >= 120 && Date.now() - started > (o.seconds * 1000) / 3 && Date.now() - started < (o.seconds * 1000) / 3 + 90_000;
    const workload = startWorkload({ connection: sourceConnection(), database: db, tables, writers: o.writers ?? 3, rng: rng.fork(1000), sqlLog, ddl: o.ddl ?? true, tableDdl, paused: lull });
    // Broker restarts: the first at a seeded moment in the first half, then every 3 minutes.
    let nextBrokerRestart = Date.now() + rng.int(10, Math.max(10, Math.floor(o.seconds / 2))) * 1000;
    const deadline = Date.now() + o.seconds * 1000;
    const more = (): boolean => o.faults !== false && faults.length < (o.minFaults ?? 0) && Date.now() < deadline + 90_000;
    while (Date.now() < deadline || more()) {
      await sleep(rng.int(1500, 6000));
      if (o.faults === false || lull()) continue;
      if (useMq && o.brokerRestart && Date.now() >= nextBrokerRestart) {
        nextBrokerRestart = Date.now() + 180_000;
        faults.push('broker restart');
        // Graceful, and never while another run drains.
        await withStackLock(BROKER_LOCK(), 15 * 60_000, () => restartBroker({ log: () => {} }), () => {});
        continue;
      }
      const f = rng.int(0, 3);
      const which = rng.int(0, engines.length - 1);
      const target = engines[which]!;
      if (f === 0) {
        faults.push('kill -9 dts run');
        target.kill('SIGKILL');
        await target.exited;
        keepLog(target);
        engines[which] = spawnEngine(manifest, { stateDir, env });
      } else if (f === 3) {
        // Paused longer than the lease lives: the other engine takes over; revived, this one must
        // deliver nothing more (its lease clock, the destination's owner epoch) and stand by.
        faults.push('SIGSTOP/SIGCONT dts run');
        target.kill('SIGSTOP');
        await sleep(rng.int(LEASE_DEFAULTS.ttlSeconds + 1, LEASE_DEFAULTS.ttlSeconds + 6) * 1000);
        target.kill('SIGCONT');
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
    clearInterval(fullSyncPoll);
    const workloadStats = await workload.stop();
    log(`seed ${o.seed}: workload ${JSON.stringify(workloadStats)}, faults ${faults.length}`);
    // SIGTERM must stop each engine (in-flight work finished, checkpoint saved) within STOP_MS; one
    // that does not is a defect of its own, its log kept.
    for (const stopping of engines.splice(0)) {
      stopping.kill('SIGTERM');
      const stopped = await Promise.race([stopping.exited.then(() => true), sleep(STOP_MS).then(() => false)]);
      if (!stopped) {
        failures.push(`dts run did not stop within ${STOP_MS / 1000} s of SIGTERM; its log: engine-${runs + 1}.log in ${dir}`);
        stopping.kill('SIGKILL');
        await stopping.exited;
      }
      keepLog(stopping);
    }
    // The backlog of a long round on an overloaded machine can take minutes to apply; a final run
    // that never ends is a failure of its own (the engine's log is kept), not a crash of the harness.
    const finalEngine = spawnEngine(manifest, { stateDir, env, untilCaughtUp: true });
    engines.push(finalEngine);
    const exit = await waitForExit(finalEngine, FINAL_RUN_MS).catch(() => undefined);
    engines.splice(0);
    if (!exit) {
      finalEngine.kill('SIGKILL');
      await finalEngine.exited.catch(() => undefined);
    }
    keepLog(finalEngine);
    if (!exit) failures.push(`final dts run --until-caught-up did not end within ${FINAL_RUN_MS / 60_000} minutes; engine logs in ${dir}`);
    else if (exit.code !== 0) failures.push(`final dts run --until-caught-up exited ${exit.code}: ${finalEngine.stderr().slice(-2000)}`);

    const describe = (kind: string, m: Mismatch) => `${kind}: table ${db}.${m.table} key ${m.key} column ${m.column}: source ${m.source.slice(0, 200)} vs ${m.other.slice(0, 200)}`;
    if (useMySql) {
      const mismatches = await checkMySql(admin, destAdmin, db, tables);
      for (const m of mismatches.slice(0, 20)) failures.push(describe('mysql', m));
      if (mismatches.length > 20) failures.push(`mysql: ... ${mismatches.length} mismatches in all`);
      // `dts verify` must agree with the HEX comparison, both ways.
      const v = await verify(manifest, `to-mysql-${runId}`);
      if (v.code !== 0 && v.code !== 2) failures.push(`dts verify could not run (exit ${v.code}): ${v.stderr.slice(-1000)}`);
      else if ((v.code === 0) !== (mismatches.length === 0)) {
        failures.push(`dts verify says ${v.code === 0 ? 'EQUAL' : 'DIFFERENT'} where the HEX comparison found ${mismatches.length} mismatches: ${JSON.stringify(v.report).slice(0, 2000)}`);
      }
    }
    // Every fault here (kill -9, a killed session, a broker restart) is one a task rides out: a task
    // that ended Failed in any run of the round is a defect, even if a later run repaired the data.
    let ownerships = 0;
    const logs = readdirSync(dir).filter((f) => /^engine-\d+\.log$/.test(f)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
    for (const name of logs) {
      for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
        if (name !== logs[logs.length - 1] && line.includes('"msg":"this engine owns the task now"')) ownerships++;
        if (!line.includes('"msg":"task state Failed"')) continue;
        const { task, reason } = JSON.parse(line) as { task?: string; reason?: string };
        failures.push(`${name}: task ${task} ended Failed: ${reason}`);
      }
    }
    let messages = 0;
    let rows = 0;
    if (useMq) {
      const received = await withStackLock(BROKER_LOCK(), 15 * 60_000, () => drain(group, [topic], { idleMs: 5000, timeoutMs: 900_000 }), () => {});
      const replay = await checkReplay(admin, db, tables, received, o.format === 'dts-avro' ? avroFormat() : canalFormat(), initialNames);
      messages = replay.messages;
      rows = replay.rows;
      for (const e of replay.schemaErrors.slice(0, 5)) failures.push(`messages: ${e}`);
      for (const m of replay.mismatches.slice(0, 20)) failures.push(describe('rocketmq', m));
      if (replay.mismatches.length > 20) failures.push(`rocketmq: ... ${replay.mismatches.length} mismatches in all`);
    }
    return { seed: o.seed, ok: failures.length === 0, failures, workload: workloadStats, faults, messages, rows, takeovers: ownerships - tasks.length, dir, sqlLog, tables };
  } finally {
    for (const e of engines) {
      e.kill('SIGCONT');
      e.kill('SIGKILL');
      await e.exited.catch(() => {});
    }
    await admin.end().catch(() => {});
    await destAdmin.end().catch(() => {});
    if (useMq) await withStackLock(BROKER_LOCK(), 15 * 60_000, () => deleteTopic(topic), () => {}).catch(() => {});
  }
}
