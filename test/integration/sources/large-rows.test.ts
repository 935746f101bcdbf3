// Full sync of a table of large rows (issue 10): chunks are bounded by FULL_SYNC_CHUNK_BYTES as well as
// by rows, so a table of large LONGBLOBs is read two rows at a time instead of 2,000 rows (GBs) at
// once, and every row still arrives once, byte for byte. Binlog transactions during the full sync share
// one copy of the full-sync progress in their checkpoints (a copy per transaction grows with the tables).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type mysql from 'mysql2/promise';
import { FULL_SYNC_CHUNK_BYTES } from '../../../runtime/manifest/defaults.js';
import { ChangeSource } from '../../../runtime/sources/change-source.js';
import { adminConnection, dtsConfig, testServerId, uniqueName } from './helpers.js';

/** Two fit in a chunk, three do not. */
const ROW_BYTES = Math.floor(FULL_SYNC_CHUNK_BYTES / 2.5);
const ROWS = 12;

describe('full sync of large rows (real MariaDB)', () => {
  let admin: mysql.Connection;
  const db = uniqueName('bigrows');

  beforeAll(async () => {
    admin = await adminConnection();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.blobs (id INT PRIMARY KEY, b LONGBLOB NOT NULL, note VARCHAR(20) NULL)`);
    // Small rows first: a chunk size learnt from them would take all the large ones at once.
    await admin.query(`INSERT INTO ${db}.blobs SELECT seq, 'small', NULL FROM ${db}.seq_1_to_50`);
    for (let i = 1; i <= ROWS; i++) await admin.query(`INSERT INTO ${db}.blobs VALUES (${100 + i}, LEFT(REPEAT(MD5(${i}), ${Math.ceil(ROW_BYTES / 32)}), ${ROW_BYTES}), 'large')`);
  }, 60_000);
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
  });

  it(`reads ${ROWS} rows of ${(ROW_BYTES / 1e6).toFixed(1)} MB in chunks of at most ${FULL_SYNC_CHUNK_BYTES / 1048576} MB, each row once and intact`, async () => {
    const source = new ChangeSource({ task: 'bigrows', connection: dtsConfig(), serverId: testServerId(), fullSyncTables: [{ database: db, table: 'blobs' }], include: (d) => d === db });
    await source.start();
    const chunks: { rows: number; bytes: number }[] = [];
    const got = new Map<number, string>();
    try {
      while (!source.fullSyncDone) {
        const b = (await source.next())!;
        if (b.origin !== 'snapshot') continue;
        const large = b.events.filter((e) => e.after!.note === 'large');
        chunks.push({ rows: b.events.length, bytes: large.reduce((n, e) => n + (e.after!.b as Buffer).length, 0) });
        for (const e of b.events) got.set(Number(e.after!.id), createHash('md5').update(e.after!.b as Buffer).digest('hex'));
      }
    } finally {
      await source.stop();
    }
    expect(got.size).toBe(50 + ROWS);
    const [sums] = await admin.query(`SELECT id, MD5(b) AS m FROM ${db}.blobs`);
    for (const r of sums as { id: number; m: string }[]) expect(got.get(Number(r.id))).toBe(r.m);
    for (const c of chunks) expect(c.bytes).toBeLessThanOrEqual(FULL_SYNC_CHUNK_BYTES);
    expect(Math.max(...chunks.map((c) => c.bytes))).toBeGreaterThan(ROW_BYTES); // two per chunk, not one: the bound, not a row limit
  }, 120_000);

  it('binlog transactions between two chunks share one copy of the full-sync progress', async () => {
    await admin.query(`CREATE TABLE ${db}.ticks (id INT PRIMARY KEY)`);
    const source = new ChangeSource({ task: 'bigrows', connection: dtsConfig(), serverId: testServerId(), chunkRows: 5, fullSyncTables: [{ database: db, table: 'blobs' }], include: (d) => d === db });
    await source.start();
    let writing = true;
    const writer = (async () => {
      for (let i = 1; writing && i < 5000; i++) await admin.query(`INSERT INTO ${db}.ticks VALUES (${i})`);
    })();
    const seen: { origin: string; snapshot: unknown }[] = [];
    try {
      while (!source.fullSyncDone) {
        const b = (await source.next())!;
        if (b.events.length > 0) seen.push({ origin: b.origin, snapshot: b.checkpoint.snapshot });
      }
    } finally {
      writing = false;
      await writer;
      await source.stop();
    }
    let shared = 0;
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      if (a.origin === 'binlog' && b.origin === 'binlog') {
        expect(b.snapshot).toBe(a.snapshot);
        shared++;
      }
      if (b.origin === 'snapshot') expect(b.snapshot).not.toBe(a.snapshot);
    }
    expect(shared).toBeGreaterThan(0);
  }, 120_000);
});
