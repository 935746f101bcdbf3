import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { ChangeSource, type SourceBatch } from '../../../runtime/sources/change-source.js';
import { openConnection, type QueryConnection } from '../../../runtime/sources/mysql/connection.js';
import { comparePositions, readMasterStatus } from '../../../runtime/sources/mysql/position.js';
import type { ChangeEvent, Row } from '../../../runtime/events/change-event.js';
import type { Checkpoint } from '../../../runtime/state/offsets.js';
import { adminConnection, dtsConfig, testServerId, uniqueName } from './helpers.js';

/** Applies delivered events to a replica map keyed table:id (what a downstream consumer would hold). */
function fold(state: Map<string, Row>, events: readonly ChangeEvent[]): void {
  for (const e of events) {
    if (e.kind === 'ddl') continue;
    if (e.before) state.delete(`${e.table}:${String(e.before.id)}`);
    if (e.after) state.set(`${e.table}:${String(e.after.id)}`, e.after);
  }
}

/** Random updates, deletes, upserts and key changes on random tables until stopped. */
function startWriter(admin: mysql.Connection, db: string, tables: readonly string[], maxId: number): { stop: () => Promise<number> } {
  let running = true;
  let ops = 0;
  const loop = (async () => {
    while (running) {
      const t = `${db}.${tables[Math.floor(Math.random() * tables.length)]!}`;
      const id = 1 + Math.floor(Math.random() * maxId);
      const r = Math.random();
      if (r < 0.4) await admin.query(`UPDATE ${t} SET v = v + 1, s = ? WHERE id = ?`, [`u${ops}`, id]);
      else if (r < 0.65) await admin.query(`DELETE FROM ${t} WHERE id = ?`, [id]);
      else if (r < 0.9) await admin.query(`INSERT INTO ${t} VALUES (?, 0, 'new') ON DUPLICATE KEY UPDATE v = v + 100`, [id]);
      else await admin.query(`BEGIN; UPDATE ${t} SET v = -1 WHERE id = ?; UPDATE ${t} SET id = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM (SELECT id FROM ${t} WHERE id = ?) x); COMMIT`, [id, maxId + 1 + (ops % 50), id, maxId + 1 + (ops % 50)]);
      ops++;
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return ops;
    },
  };
}

async function tableContents(conn: QueryConnection, db: string, tables: readonly string[]): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  for (const t of tables) {
    const [rows] = await conn.query(`SELECT id, v, s FROM ${db}.${t} ORDER BY id`);
    for (const r of rows as Row[]) out.set(`${t}:${String(r.id)}`, r);
  }
  return out;
}

async function drainUntil(source: ChangeSource, target: { file: string; pos: number }, state: Map<string, Row>, batches: SourceBatch[]): Promise<void> {
  while (!(source.fullSyncDone && comparePositions(source.position, target) >= 0)) {
    const b = await source.next();
    if (!b) throw new Error('source ended early');
    batches.push(b);
    fold(state, b.events);
  }
}

describe('full sync handover (real MariaDB, dts account)', () => {
  let admin: mysql.Connection;
  let dts: QueryConnection;
  const db = uniqueName('snap');
  const TABLES = ['snap0', 'snap1', 'snap2'];
  const ROWS = 1200;
  const refs = TABLES.map((table) => ({ database: db, table }));

  beforeAll(async () => {
    admin = await adminConnection();
    dts = await openConnection(dtsConfig());
    await admin.query(`CREATE DATABASE ${db}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await dts.end();
  });

  beforeEach(async () => {
    const values = Array.from({ length: ROWS }, (_, i) => `(${i + 1}, ${i}, 'r${i}')`).join(',');
    for (const t of TABLES) {
      await admin.query(`DROP TABLE IF EXISTS ${db}.${t}`);
      await admin.query(`CREATE TABLE ${db}.${t} (id INT NOT NULL PRIMARY KEY, v INT NOT NULL, s VARCHAR(20))`);
      await admin.query(`INSERT INTO ${db}.${t} VALUES ${values}`);
      await admin.query(`ANALYZE TABLE ${db}.${t}`);
    }
  });

  for (const parallelism of [1, 3]) {
    for (const mode of ['consistent-snapshot', 'watermarks'] as const) {
      it(`snapshot (${mode}, ${parallelism} parallel reads) of ${TABLES.length} tables + concurrent writes merged with the stream equals the final tables`, async () => {
        const state = new Map<string, Row>();
        const batches: SourceBatch[] = [];
        const source = new ChangeSource({
          task: 'snap', connection: dtsConfig(), serverId: testServerId(), chunkMode: mode, chunkRows: 100, fullSyncParallelism: parallelism,
          fullSyncTables: refs, include: (d) => d === db, throttle: { qps: 40, rps: 6000 },
        });
        await source.start();
        const writer = startWriter(admin, db, TABLES, ROWS + 200);
        const began = Date.now();
        const emittedRows = new Map<string, number>();
        while (!source.fullSyncDone) {
          const b = (await source.next())!;
          batches.push(b);
          fold(state, b.events);
          if (b.origin === 'snapshot') emittedRows.set(b.table!, (emittedRows.get(b.table!) ?? 0) + b.events.length);
          // The checkpoint reflects exactly the chunks emitted so far (never a chunk still buffered).
          for (const t of TABLES) expect(b.checkpoint.snapshot!.tables[`${db}.${t}`]!.rowsDone).toBe(emittedRows.get(`${db}.${t}`) ?? 0);
        }
        const snapshotMs = Date.now() - began;
        const ops = await writer.stop();
        await drainUntil(source, await readMasterStatus(dts), state, batches);
        await source.stop();
        expect(ops).toBeGreaterThan(50);
        const chunks = batches.filter((b) => b.origin === 'snapshot');
        expect(chunks.length).toBeGreaterThanOrEqual((TABLES.length * ROWS) / 100 - 5);
        // QPS throttle, shared by all readers: >= 4 queries per chunk (the definition check included) at 40/s after a one-second burst.
        expect(snapshotMs).toBeGreaterThan(((chunks.length * 4 - 40) / 40) * 1000 - 200);
        expect(batches.filter((b) => b.origin === 'binlog' && b.events.length > 0).length).toBeGreaterThan(20);
        // Chunks and transactions interleave: some binlog batches arrive between the first and last chunk.
        const firstChunk = batches.indexOf(chunks[0]!);
        const lastChunk = batches.indexOf(chunks[chunks.length - 1]!);
        expect(batches.slice(firstChunk, lastChunk).some((b) => b.origin === 'binlog' && b.events.length > 0)).toBe(true);
        // Serial reads finish one table before the next; parallel reads interleave the tables' chunks.
        const order = chunks.map((b) => b.table!);
        const lastOfFirst = order.lastIndexOf(`${db}.${TABLES[0]!}`);
        const firstOfLast = order.indexOf(`${db}.${TABLES[TABLES.length - 1]!}`);
        if (parallelism === 1) expect(firstOfLast).toBeGreaterThan(lastOfFirst);
        else expect(firstOfLast).toBeLessThan(lastOfFirst);
        expect(Object.fromEntries(state)).toEqual(Object.fromEntries(await tableContents(dts, db, TABLES)));
        // seq follows delivery order.
        const seqs = batches.flatMap((b) => b.events.map((e) => e.seq));
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        const progress = source.progress();
        expect(progress.map((p) => p.status)).toEqual(TABLES.map(() => 'done'));
        expect(progress[0]!.rowsEstimated).toBeGreaterThan(ROWS / 2);
      });
    }

    for (const mode of ['consistent-snapshot', 'watermarks'] as const) {
      it(`transactions larger than the streaming threshold, in pieces between chunks (${mode}, ${parallelism} parallel reads), converge`, async () => {
        const state = new Map<string, Row>();
        const source = new ChangeSource({
          task: 'snap', connection: dtsConfig(), serverId: testServerId(), chunkMode: mode, chunkRows: 100, fullSyncParallelism: parallelism,
          fullSyncTables: refs, include: (d) => d === db, throttle: { qps: 60 },
        });
        await source.start();
        // Each: every row of the three tables twice, 7,200 row changes in one transaction.
        const big = async (n: number) => {
          const rounds = TABLES.flatMap((t) => [`UPDATE ${db}.${t} SET v = v + 1, s = 'big${n}'`, `UPDATE ${db}.${t} SET v = v * 2 WHERE id % 3 = ${n % 3}`]);
          await admin.query(`BEGIN; ${[...rounds, ...rounds.map((q) => q.replace('v + 1', 'v + 7'))].join('; ')}; COMMIT`);
        };
        let chunks = 0;
        let pieces = 0;
        let bigs = 0;
        while (!source.fullSyncDone) {
          const b = (await source.next())!;
          fold(state, b.events);
          if (b.partial) pieces++;
          if (b.origin === 'snapshot' && ++chunks % 8 === 1 && bigs < 3) await big(++bigs);
        }
        await drainUntil(source, await readMasterStatus(dts), state, []);
        await source.stop();
        expect(bigs).toBe(3);
        expect(pieces).toBeGreaterThanOrEqual(3);
        expect(Object.fromEntries(state)).toEqual(Object.fromEntries(await tableContents(dts, db, TABLES)));
      });
    }

    it(`restarts per chunk from the checkpoint and still converges (${parallelism} parallel reads)`, async () => {
      const state = new Map<string, Row>();
      const batches: SourceBatch[] = [];
      const base = { task: 'snap', connection: dtsConfig(), chunkRows: 200, fullSyncParallelism: parallelism, fullSyncTables: refs, include: (d: string) => d === db };
      const first = new ChangeSource({ ...base, serverId: testServerId() });
      await first.start();
      const writer = startWriter(admin, db, TABLES, ROWS + 200);
      let chunks = 0;
      let checkpoint: Checkpoint | undefined;
      while (chunks < 4) {
        const b = (await first.next())!;
        fold(state, b.events);
        if (b.origin === 'snapshot') chunks++;
        checkpoint = { version: 1, ...b.checkpoint, updatedAt: new Date().toISOString() };
      }
      await first.stop(); // "crash" after the 4th chunk was acknowledged, with other reads in flight
      const saved = checkpoint!.snapshot!.tables;
      expect(Object.values(saved).some((t) => t.status === 'in-progress' && t.rowsDone > 0)).toBe(true);
      const second = new ChangeSource({ ...base, serverId: testServerId(), checkpoint: checkpoint! });
      await second.start();
      const resumedChunks: SourceBatch[] = [];
      while (!second.fullSyncDone) {
        const b = (await second.next())!;
        if (b.origin === 'snapshot') resumedChunks.push(b);
        fold(state, b.events);
      }
      await writer.stop();
      await drainUntil(second, await readMasterStatus(dts), state, batches);
      await second.stop();
      // Each table's resumed full sync starts after its saved key (or from the start when none was emitted).
      for (const t of TABLES) {
        const name = `${db}.${t}`;
        const firstResumed = resumedChunks.find((b) => b.table === name);
        const lastKey = saved[name]?.lastKey;
        if (saved[name]?.status === 'done') {
          expect(firstResumed).toBeUndefined();
        } else if (lastKey) {
          expect(Math.min(...firstResumed!.events.map((e) => Number(e.after!.id)))).toBeGreaterThan(Number(lastKey[0]));
        } else {
          expect(Math.min(...firstResumed!.events.map((e) => Number(e.after!.id)))).toBeLessThanOrEqual(5);
        }
      }
      expect(Object.fromEntries(state)).toEqual(Object.fromEntries(await tableContents(dts, db, TABLES)));
    });
  }
});
