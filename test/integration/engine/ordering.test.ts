// Per-key order through the real `dts run` process: several source connections write overlapping
// keys concurrently while the engine streams; every key's changes must reach the consumer in the
// order the source committed them, under rule 'columns' (8 buckets), 'database-table' and 'global',
// including primary-key-changing UPDATEs; sent in batches per queue over remoting (the examples'
// configuration) and one by one over gRPC; read by an orderly SimpleConsumer on the proxy and by
// RocketMQ's Java client over the remoting protocol.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { GLOBAL_GROUP, bucketGroup, bucketOf, tableGroup } from '../../../runtime/sinks/rocketmq/ordering.js';
import type { Received } from '../../support/consume.js';
import { consumeOverRemoting, createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';
import { ALL_DML, rocketMqTask } from '../../support/task-spec.js';
import { canalRows, drain, orderlyGroup, readTaskStatus, scratchDir, spawnEngine, waitForExit, writeManifest, type CanalRow } from '../../support/engine.js';

/** One committed change of one key, as the consumer must see it: a write (after-image version) or a delete (before-image version). */
interface KeyOp {
  readonly op: 'write' | 'delete';
  readonly version: number;
}

/**
 * The source-side truth. Every transaction first bumps `kv.v` for each key it touches (in key order,
 * so row locks serialise all writers of a key); the bumped value stamps the row's `version`. Commit
 * order per key is therefore the order of its kv stamps, whatever the interleaving of connections.
 */
class Truth {
  /** key -> [stamp, op] of committed changes. */
  private readonly byKey = new Map<number, { stamp: number; op: 'write' | 'delete'; version: number }[]>();
  /** Committed key-changing UPDATEs, [old key, new key]. */
  readonly moves: [number, number][] = [];

  record(key: number, stamp: number, op: 'write' | 'delete', version: number): void {
    const list = this.byKey.get(key) ?? [];
    list.push({ stamp, op, version });
    this.byKey.set(key, list);
  }

  expected(): Map<number, KeyOp[]> {
    const out = new Map<number, KeyOp[]>();
    for (const [k, list] of this.byKey) out.set(k, [...list].sort((a, b) => a.stamp - b.stamp).map(({ op, version }) => ({ op, version })));
    return out;
  }
}

const KEYS = [...Array.from({ length: 24 }, (_, i) => i + 1), ...Array.from({ length: 24 }, (_, i) => i + 101)];

async function workload(db: string, truth: Truth, worker: number, transactions: number): Promise<void> {
  const conn = await mysql.createConnection(sourceConnection());
  // mulberry32: a small PRNG whose low bits are as random as its high bits (a plain LCG's are not).
  let seed = worker * 7919 + 17;
  const rand = (n: number): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), seed | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
  try {
    for (let t = 0; t < transactions; t++) {
      const first = KEYS[rand(KEYS.length)]!;
      const keys = rand(4) === 0 ? [...new Set([first, KEYS[rand(KEYS.length)]!, KEYS[rand(KEYS.length)]!])] : [first];
      // A key-changing UPDATE moves a low key into the high range (or back): both keys are locked.
      const pkChange = keys.length === 1 && rand(6) === 0;
      const partner = first > 100 ? first - 100 : first + 100;
      const locked = (pkChange ? [first, partner] : keys).sort((a, b) => a - b);
      const pending: [number, number, 'write' | 'delete', number][] = [];
      try {
        await conn.beginTransaction();
        const stamps = new Map<number, number>();
        for (const k of locked) {
          await conn.query(`INSERT INTO ${db}.kv (id, v) VALUES (?, 1) ON DUPLICATE KEY UPDATE v = v + 1`, [k]);
          const [r] = await conn.query(`SELECT v FROM ${db}.kv WHERE id = ? FOR UPDATE`, [k]);
          stamps.set(k, (r as { v: number }[])[0]!.v);
        }
        const [present] = await conn.query(`SELECT id, version FROM ${db}.items WHERE id IN (?) FOR UPDATE`, [locked]);
        const current = new Map((present as { id: number; version: number }[]).map((r) => [r.id, r.version]));
        if (pkChange) {
          if (current.has(first) && !current.has(partner)) {
            const stamp = stamps.get(partner)!;
            await conn.query(`UPDATE ${db}.items SET id = ?, version = ?, payload = 'moved' WHERE id = ?`, [partner, stamp, first]);
            pending.push([first, stamps.get(first)!, 'delete', current.get(first)!], [partner, stamp, 'write', stamp]);
          }
        } else if (keys.length > 1 && keys.every((k) => current.has(k))) {
          // One multi-row UPDATE statement: one binlog event, rows spread over groups.
          const cases = keys.map((k) => `WHEN ${k} THEN ${stamps.get(k)!}`).join(' ');
          await conn.query(`UPDATE ${db}.items SET version = CASE id ${cases} END WHERE id IN (?)`, [keys]);
          for (const k of keys) pending.push([k, stamps.get(k)!, 'write', stamps.get(k)!]);
        } else {
          for (const k of keys) {
            const stamp = stamps.get(k)!;
            if (!current.has(k)) {
              await conn.query(`INSERT INTO ${db}.items (id, version, payload) VALUES (?, ?, ?)`, [k, stamp, `w${worker}`]);
              pending.push([k, stamp, 'write', stamp]);
            } else if (rand(8) === 0) {
              await conn.query(`DELETE FROM ${db}.items WHERE id = ?`, [k]);
              pending.push([k, stamp, 'delete', current.get(k)!]);
            } else {
              await conn.query(`UPDATE ${db}.items SET version = ?, payload = ? WHERE id = ?`, [stamp, `w${worker}t${t}`, k]);
              pending.push([k, stamp, 'write', stamp]);
            }
          }
        }
        await conn.commit();
        for (const p of pending) truth.record(...p);
        if (pkChange && pending.length > 0) truth.moves.push([first, partner]);
      } catch (error) {
        await conn.rollback().catch(() => undefined);
        if ((error as { errno?: number }).errno !== 1213) throw error; // deadlocks are retried by simply moving on
      }
    }
  } finally {
    await conn.end();
  }
}

/**
 * One key-changing UPDATE of `from` to `to`, made possible first (delete `to`, insert `from` as needed),
 * each step stamped like the workload's. Run after the concurrent writers, so it cannot deadlock: the
 * random interleaving alone may leave no move across buckets, and the test must always see one.
 */
async function forceMove(db: string, truth: Truth, from: number, to: number): Promise<void> {
  const conn = await mysql.createConnection(sourceConnection());
  const stamp = async (k: number): Promise<number> => {
    await conn.query(`INSERT INTO ${db}.kv (id, v) VALUES (?, 1) ON DUPLICATE KEY UPDATE v = v + 1`, [k]);
    const [r] = await conn.query(`SELECT v FROM ${db}.kv WHERE id = ?`, [k]);
    return (r as { v: number }[])[0]!.v;
  };
  const versionOf = async (k: number): Promise<number | undefined> => {
    const [r] = await conn.query(`SELECT version FROM ${db}.items WHERE id = ?`, [k]);
    return (r as { version: number }[])[0]?.version;
  };
  try {
    const toVersion = await versionOf(to);
    if (toVersion !== undefined) {
      const s = await stamp(to);
      await conn.query(`DELETE FROM ${db}.items WHERE id = ?`, [to]);
      truth.record(to, s, 'delete', toVersion);
    }
    let fromVersion = await versionOf(from);
    if (fromVersion === undefined) {
      const s = await stamp(from);
      await conn.query(`INSERT INTO ${db}.items (id, version, payload) VALUES (?, ?, 'forced')`, [from, s]);
      truth.record(from, s, 'write', s);
      fromVersion = s;
    }
    const [sFrom, sTo] = [await stamp(from), await stamp(to)];
    await conn.query(`UPDATE ${db}.items SET id = ?, version = ?, payload = 'moved' WHERE id = ?`, [to, sTo, from]);
    truth.record(from, sFrom, 'delete', fromVersion);
    truth.record(to, sTo, 'write', sTo);
    truth.moves.push([from, to]);
  } finally {
    await conn.end();
  }
}

/** The consumer's view per key: each row change mapped to write/delete ops (a key-changing UPDATE is both). */
function observed(rows: readonly CanalRow[]): Map<number, KeyOp[]> {
  const out = new Map<number, KeyOp[]>();
  const push = (key: number, op: KeyOp): void => {
    const list = out.get(key) ?? [];
    list.push(op);
    out.set(key, list);
  };
  for (const r of rows) {
    const key = Number(r.data.id);
    const version = Number(r.data.version);
    if (r.type === 'DELETE') push(key, { op: 'delete', version });
    else if (r.type === 'INSERT') push(key, { op: 'write', version });
    else if (r.type === 'UPDATE') {
      if (r.old && r.old.id !== undefined && r.old.id !== null) push(Number(r.old.id), { op: 'delete', version: Number(r.old.version ?? r.data.version) });
      push(key, { op: 'write', version });
    }
  }
  return out;
}

describe('per-key order through dts run (real MariaDB + RocketMQ, orderly consumer)', () => {
  const db = uniqueName('ord');
  const columnsTopic = uniqueName('ord_cols');
  const tableTopic = uniqueName('ord_tbl');
  const globalTopic = uniqueName('ord_glb');
  const grpcTopic = uniqueName('ord_grpc');
  const group = uniqueName('GID_ord');
  let admin: mysql.Connection;

  beforeAll(async () => {
    admin = await mysql.createConnection(sourceConnection());
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.items (id INT PRIMARY KEY, version INT NOT NULL, payload VARCHAR(32) NOT NULL)`);
    await admin.query(`CREATE TABLE ${db}.kv (id INT PRIMARY KEY, v INT NOT NULL)`);
    // One orderly group per topic: rocketmq-client-nodejs 1.0.8's SimpleConsumer does not start with
    // more than two topics subscribed (no settings from the proxy).
    await Promise.all([columnsTopic, tableTopic, globalTopic, grpcTopic].flatMap((t, i) => [createTopic(t, { fifo: true }), orderlyGroup(`${group}_${i}`)]));
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await Promise.all([columnsTopic, tableTopic, globalTopic, grpcTopic].map((t) => deleteTopic(t).catch(() => undefined)));
  });

  it("keeps every key's commit order under every rule, over remoting and gRPC, for a proxy and a remoting consumer, with 4 concurrent writers", async () => {
    const object = { database: db, table: 'items', dml: [...ALL_DML], ddl: [] };
    const byColumns = rocketMqTask({ name: 'by-columns', topic: columnsTopic, objects: [object], rocketmq: { ordering: { rule: 'columns', buckets: 8 } } });
    const byTable = rocketMqTask({ name: 'by-table', topic: tableTopic, objects: [object], rocketmq: { ordering: { rule: 'database-table', buckets: 1 } } });
    const byGlobal = rocketMqTask({ name: 'by-global', topic: globalTopic, objects: [object], rocketmq: { ordering: { rule: 'global', buckets: 1 } } });
    // The same rule as by-columns, one message per gRPC request to the proxy (no remotingEndpoints).
    const byGrpc = rocketMqTask({ name: 'by-grpc', topic: grpcTopic, objects: [object], rocketmq: { ordering: { rule: 'columns', buckets: 8 } }, transport: 'grpc' });
    const tasks = [byColumns, byTable, byGlobal, byGrpc];
    const topics = [columnsTopic, tableTopic, globalTopic, grpcTopic];
    const dir = scratchDir('ordering');
    const manifest = writeManifest(dir, tasks);
    const stateDir = `${dir}/state`;

    // All tasks in one engine process, streaming while the writers run.
    const engine = spawnEngine(manifest, { stateDir });
    try {
      for (const t of tasks) await engine.waitForLog((l) => l.msg === 'task state Synchronizing' && l.task === t.name);

      const truth = new Truth();
      await Promise.all([0, 1, 2, 3].map((w) => workload(db, truth, w, 70)));
      // One move across buckets and one within a bucket, whatever the interleaving produced.
      const bucketOfKey = (k: number) => bucketOf([String(k)], 8);
      const across = KEYS.find((k) => k < 100 && bucketOfKey(k) !== bucketOfKey(k + 100))!;
      const within = KEYS.find((k) => k < 100 && bucketOfKey(k) === bucketOfKey(k + 100));
      await forceMove(db, truth, across, across + 100);
      if (within !== undefined) await forceMove(db, truth, within, within + 100);
      const expected = truth.expected();
      const expectedOps = [...expected.values()].reduce((n, l) => n + l.length, 0);
      expect(expectedOps).toBeGreaterThan(250);
      const pkChanges = [...expected.values()].flat().filter((o) => o.op === 'delete').length;
      expect(pkChanges).toBeGreaterThan(5);

      // Distinct ops: a message the proxy delivers twice (its ack came after the invisible time, as on a
      // loaded CI machine) must not end the drain before the last op arrived. A message the engine sent
      // twice (another message id) still fails the exact comparison below.
      const opsIn = (rows: CanalRow[], topic: string) =>
        new Set([...observed(rows.filter((r) => r.message.topic === topic)).entries()].flatMap(([key, ops]) => ops.map((o) => `${key} ${o.op} ${o.version}`))).size;
      const messages: Received[] = [];
      for (const [i, topic] of topics.entries()) {
        const got = await drain(`${group}_${i}`, [topic], { until: (got) => opsIn(canalRows(got), topic) >= expectedOps, timeoutMs: 90_000 });
        // A redelivery by the proxy is the consumer's, not the engine's: kept once (same message id).
        const ids = new Set<string>();
        messages.push(...got.filter((m) => m.messageId === undefined || (!ids.has(m.messageId) && ids.add(m.messageId))));
      }
      // The same topics read by RocketMQ's Java client over the remoting protocol, queue by queue.
      const viaRemoting = new Map<string, Received[]>();
      for (const topic of topics) {
        const read = await consumeOverRemoting(topic, messages.filter((m) => m.topic === topic).length);
        viaRemoting.set(topic, read.map((m) => ({ topic, group: m.messageGroup ?? undefined, keys: m.keys?.split(' ') ?? [], properties: new Map(), body: m.body, json: () => JSON.parse(m.body.toString('utf8')) as Record<string, unknown> })));
      }

      for (const [topic, rows] of topics.flatMap((t) => [[t, canalRows(messages.filter((m) => m.topic === t))], [t, canalRows(viaRemoting.get(t)!)]] as const)) {
        const seen = observed(rows);
        expect([...seen.keys()].sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
        expect(seen.size).toBeGreaterThan(40);
        for (const [key, ops] of expected) expect({ key, ops: seen.get(key) }).toEqual({ key, ops });
        // Versions strictly increase per key over its writes (the assertion the brief names, stated directly).
        for (const ops of seen.values()) {
          const writes = ops.filter((o) => o.op === 'write').map((o) => o.version);
          expect(writes).toEqual([...writes].sort((a, b) => a - b));
          expect(new Set(writes).size).toBe(writes.length);
        }
      }

      // Groups: 'columns' hashes the key into one of 8 buckets; 'database-table' uses one group.
      const columnRows = canalRows(messages.filter((m) => m.topic === columnsTopic));
      for (const r of columnRows) {
        if (r.type === 'UPDATE' && r.old?.id !== undefined) continue;
        expect(r.message.group).toBe(bucketGroup(bucketOf([String(r.data.id)], 8)));
      }
      expect(new Set(columnRows.map((r) => r.message.group)).size).toBe(8);
      // A key-changing UPDATE across buckets arrives as DELETE(old key) + INSERT(new key) in their own
      // groups; within one bucket it stays an UPDATE. Only moved rows are inserted with payload 'moved'.
      const bucket = (k: number) => bucketOf([String(k)], 8);
      const crossBucket = truth.moves.filter(([a, b]) => bucket(a) !== bucket(b)).length;
      expect(crossBucket).toBeGreaterThan(0);
      expect(columnRows.filter((r) => r.type === 'INSERT' && r.data.payload === 'moved')).toHaveLength(crossBucket);
      expect(columnRows.filter((r) => r.type === 'UPDATE' && r.old?.id !== undefined)).toHaveLength(truth.moves.length - crossBucket);
      const tableRows = canalRows(messages.filter((m) => m.topic === tableTopic));
      expect(new Set(tableRows.map((r) => r.message.group))).toEqual(new Set([tableGroup(db, 'items')]));
      expect(tableRows.filter((r) => r.type === 'UPDATE' && r.old?.id !== undefined)).toHaveLength(truth.moves.length);
      expect(new Set(canalRows(messages.filter((m) => m.topic === globalTopic)).map((r) => r.message.group))).toEqual(new Set([GLOBAL_GROUP]));
      // gRPC and remoting put the same rows in the same groups.
      const groupsOf = (t: string) => canalRows(messages.filter((m) => m.topic === t)).map((r) => `${r.type}:${String(r.data.id)}:${r.message.group}`).sort();
      expect(groupsOf(grpcTopic)).toEqual(groupsOf(columnsTopic));

      engine.kill('SIGTERM');
      const exit = await waitForExit(engine, 30_000);
      expect(exit.code).toBe(0);
      for (const t of tasks) expect(readTaskStatus(stateDir, t.name).state).toBe('Suspended');
    } finally {
      engine.kill('SIGKILL');
    }
  });
});
