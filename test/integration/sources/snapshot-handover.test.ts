import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { ChangeSource, type SourceBatch } from '../../../runtime/sources/change-source.js';
import { openConnection, type QueryConnection } from '../../../runtime/sources/mysql/connection.js';
import { comparePositions, readMasterStatus } from '../../../runtime/sources/mysql/position.js';
import type { ChangeEvent, Row } from '../../../runtime/events/change-event.js';
import type { Checkpoint } from '../../../runtime/state/types.js';
import { adminConnection, dtsConfig, testServerId, uniqueName } from './helpers.js';

/** Applies delivered events to a replica map (what a downstream consumer would hold). */
function fold(state: Map<string, Row>, events: readonly ChangeEvent[]): void {
  for (const e of events) {
    if (e.kind === 'ddl') continue;
    if (e.before) state.delete(String(e.before.id));
    if (e.after) state.set(String(e.after.id), e.after);
  }
}

function startWriter(admin: mysql.Connection, db: string, maxId: number): { stop: () => Promise<number> } {
  let running = true;
  let ops = 0;
  const loop = (async () => {
    while (running) {
      const id = 1 + Math.floor(Math.random() * maxId);
      const r = Math.random();
      if (r < 0.4) await admin.query(`UPDATE ${db}.snap SET v = v + 1, s = ? WHERE id = ?`, [`u${ops}`, id]);
      else if (r < 0.65) await admin.query(`DELETE FROM ${db}.snap WHERE id = ?`, [id]);
      else if (r < 0.9) await admin.query(`INSERT INTO ${db}.snap VALUES (?, 0, 'new') ON DUPLICATE KEY UPDATE v = v + 100`, [id]);
      else await admin.query(`BEGIN; UPDATE ${db}.snap SET v = -1 WHERE id = ?; UPDATE ${db}.snap SET id = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM (SELECT id FROM ${db}.snap WHERE id = ?) x); COMMIT`, [id, maxId + 1 + (ops % 50), id, maxId + 1 + (ops % 50)]);
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

async function tableContents(conn: QueryConnection, db: string): Promise<Map<string, Row>> {
  const [rows] = await conn.query(`SELECT id, v, s FROM ${db}.snap ORDER BY id`);
  return new Map((rows as Row[]).map((r) => [String(r.id), r]));
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
  const ROWS = 3000;

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
    await admin.query(`DROP TABLE IF EXISTS ${db}.snap`);
    await admin.query(`CREATE TABLE ${db}.snap (id INT NOT NULL PRIMARY KEY, v INT NOT NULL, s VARCHAR(20))`);
    const values = Array.from({ length: ROWS }, (_, i) => `(${i + 1}, ${i}, 'r${i}')`).join(',');
    await admin.query(`INSERT INTO ${db}.snap VALUES ${values}`);
    await admin.query(`ANALYZE TABLE ${db}.snap`);
  });

  for (const mode of ['consistent-snapshot', 'watermarks'] as const) {
    it(`snapshot (${mode}) + concurrent writes merged with the stream equals the final table`, async () => {
      const state = new Map<string, Row>();
      const batches: SourceBatch[] = [];
      const source = new ChangeSource({
        task: 'snap', connection: dtsConfig(), serverId: testServerId(), chunkMode: mode, chunkRows: 150,
        fullSyncTables: [{ database: db, table: 'snap' }], include: (d) => d === db, throttle: { qps: 25, rps: 3000 },
      });
      await source.start();
      const writer = startWriter(admin, db, ROWS + 200);
      const began = Date.now();
      while (!source.fullSyncDone) {
        const b = await source.next();
        batches.push(b!);
        fold(state, b!.events);
      }
      const snapshotMs = Date.now() - began;
      const ops = await writer.stop();
      await drainUntil(source, await readMasterStatus(dts), state, batches);
      await source.stop();
      expect(ops).toBeGreaterThan(50);
      const chunks = batches.filter((b) => b.origin === 'snapshot');
      expect(chunks.length).toBeGreaterThanOrEqual(ROWS / 150 - 5);
      // QPS throttle: >= 3 queries per chunk at 25/s after a one-second burst.
      expect(snapshotMs).toBeGreaterThan(((chunks.length * 3 - 25) / 25) * 1000 - 200);
      expect(batches.filter((b) => b.origin === 'binlog' && b.events.length > 0).length).toBeGreaterThan(20);
      // Chunks and transactions interleave: some binlog batches arrive between the first and last chunk.
      const firstChunk = batches.indexOf(chunks[0]!);
      const lastChunk = batches.indexOf(chunks[chunks.length - 1]!);
      expect(batches.slice(firstChunk, lastChunk).some((b) => b.origin === 'binlog' && b.events.length > 0)).toBe(true);
      expect(Object.fromEntries(state)).toEqual(Object.fromEntries(await tableContents(dts, db)));
      // seq follows delivery order.
      const seqs = batches.flatMap((b) => b.events.map((e) => e.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      const progress = source.progress();
      expect(progress[0]).toMatchObject({ table: `${db}.snap`, status: 'done' });
      expect(progress[0]!.rowsEstimated).toBeGreaterThan(ROWS / 2);
    });
  }

  it('restarts per chunk from the checkpoint and still converges', async () => {
    const state = new Map<string, Row>();
    const batches: SourceBatch[] = [];
    const base = { task: 'snap', connection: dtsConfig(), chunkRows: 200, fullSyncTables: [{ database: db, table: 'snap' }], include: (d: string) => d === db };
    const first = new ChangeSource({ ...base, serverId: testServerId() });
    await first.start();
    const writer = startWriter(admin, db, ROWS + 200);
    let chunks = 0;
    let checkpoint: Checkpoint | undefined;
    while (chunks < 4) {
      const b = (await first.next())!;
      fold(state, b.events);
      if (b.origin === 'snapshot') chunks++;
      checkpoint = { version: 1, ...b.checkpoint, updatedAt: new Date().toISOString() };
    }
    await first.stop(); // "crash" after the 4th chunk was acknowledged
    const saved = checkpoint!.snapshot!.tables[`${db}.snap`]!;
    expect(saved.status).toBe('in-progress');
    expect(saved.rowsDone).toBeGreaterThan(0);
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
    // The resumed full sync starts after the saved key: the first resumed chunk's ids are all above it.
    const lastKey = Number(saved.lastKey![0]);
    expect(Math.min(...resumedChunks[0]!.events.map((e) => Number(e.after!.id)))).toBeGreaterThan(lastKey);
    expect(Object.fromEntries(state)).toEqual(Object.fromEntries(await tableContents(dts, db)));
  });
});
