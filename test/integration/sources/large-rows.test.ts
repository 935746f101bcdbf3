// Full sync of a table of large rows (issue 10): chunks are bounded by FULL_SYNC_CHUNK_BYTES as well as
// by rows, so a table of 3 MB LONGBLOBs is read a few rows at a time instead of 2,000 rows (6 GB) at
// once, and every row still arrives once, byte for byte.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type mysql from 'mysql2/promise';
import { FULL_SYNC_CHUNK_BYTES } from '../../../runtime/manifest/defaults.js';
import { ChangeSource } from '../../../runtime/sources/change-source.js';
import { adminConnection, dtsConfig, testServerId, uniqueName } from './helpers.js';

const ROW_BYTES = 3_000_000;
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

  it(`reads ${ROWS} rows of 3 MB in chunks of at most ${FULL_SYNC_CHUNK_BYTES / 1048576} MB, each row once and intact`, async () => {
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
});
