// A transaction larger than STREAM_TRANSACTION_ROWS is handed on in pieces as it is decoded (issue 10):
// every piece but the last is `partial` and carries the boundary before the transaction (so no resume
// point lies inside it), every event carries the transaction's begin position and a contiguous
// rowInTransaction, and the last piece carries the commit position. A prepared XA transaction of the
// same size is never streamed: its outcome is only known at XA COMMIT.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { STREAM_TRANSACTION_ROWS } from '../../../runtime/manifest/defaults.js';
import { BinlogReader, type BinlogTransaction } from '../../../runtime/sources/binlog/reader.js';
import { comparePositions, readMasterStatus } from '../../../runtime/sources/mysql/position.js';
import { openConnection } from '../../../runtime/sources/mysql/connection.js';
import { adminConnection, dtsConfig, testServerId, uniqueName } from './helpers.js';

const ROWS = Math.floor(STREAM_TRANSACTION_ROWS * 2.5);

describe('large transactions in pieces (real MariaDB)', () => {
  let admin: mysql.Connection;
  const db = uniqueName('bigtx');
  const xid = `'big_${db}'`;

  beforeAll(async () => {
    admin = await adminConnection();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v INT NOT NULL)`);
  });
  afterAll(async () => {
    await admin.query(`XA ROLLBACK ${xid}`).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
  });

  /** Reads until `rows` row changes arrived in non-partial items' transactions (or 30 s passed). */
  async function readTransactions(write: () => Promise<void>, rows: number): Promise<BinlogTransaction[]> {
    const conn = await openConnection(dtsConfig());
    const at = await readMasterStatus(conn);
    await conn.end();
    await write();
    const reader = new BinlogReader({ task: 'bigtx', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'position', file: at.file, pos: at.pos }, heartbeatSeconds: 0, include: (d) => d === db });
    await reader.start();
    const out: BinlogTransaction[] = [];
    let seen = 0;
    const deadline = Date.now() + 30_000;
    try {
      while (seen < rows && Date.now() < deadline) {
        const t = await reader.next();
        if (!t) break;
        out.push(t);
        seen += t.events.length;
      }
    } finally {
      await reader.stop();
    }
    expect(seen).toBe(rows);
    return out;
  }

  it(`streams a ${ROWS}-row UPDATE in pieces that never move the resume position`, async () => {
    await admin.query(`INSERT INTO ${db}.t SELECT seq, 0 FROM ${db}.seq_1_to_${ROWS}`);
    const before = await readMasterStatus(admin as never);
    const items = await readTransactions(() => admin.query(`UPDATE ${db}.t SET v = v + 1`).then(() => undefined), ROWS);
    const withRows = items.filter((t) => t.events.length > 0);
    const pieces = withRows.filter((t) => t.partial);
    const last = withRows[withRows.length - 1]!;
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(last.partial).toBeFalsy();
    for (const p of pieces) {
      expect(p.events.length).toBeLessThanOrEqual(STREAM_TRANSACTION_ROWS);
      // The boundary before the transaction, never a position inside it.
      expect(comparePositions(p.position, before)).toBeLessThanOrEqual(0);
    }
    expect(comparePositions(last.position, before)).toBeGreaterThan(0);
    const events = withRows.flatMap((t) => t.events);
    expect(new Set(events.map((e) => `${e.position.file}:${e.position.pos}`)).size).toBe(1);
    expect(new Set(events.map((e) => e.transactionId)).size).toBe(1);
    expect(events.map((e) => e.rowInTransaction)).toEqual(Array.from({ length: ROWS }, (_, i) => i));
    expect(events.every((e, i) => e.kind === 'update' && e.after!.id === i + 1 && e.after!.v === 1 && e.before!.v === 0)).toBe(true);
    // The begin position lies inside the transaction's range: after the previous boundary, before the commit.
    expect(comparePositions(events[0]!.position, before)).toBeGreaterThan(0);
    expect(comparePositions(events[0]!.position, last.position)).toBeLessThan(0);
  }, 60_000);

  it('holds a prepared XA transaction of the same size whole until its XA COMMIT', async () => {
    const items = await readTransactions(async () => {
      await admin.query(`XA START ${xid}`);
      await admin.query(`UPDATE ${db}.t SET v = v + 1`);
      await admin.query(`XA END ${xid}`);
      await admin.query(`XA PREPARE ${xid}`);
      await admin.query(`XA COMMIT ${xid}`);
    }, ROWS);
    const withRows = items.filter((t) => t.events.length > 0);
    expect(withRows.map((t) => ({ rows: t.events.length, partial: t.partial ?? false }))).toEqual([{ rows: ROWS, partial: false }]);
  }, 60_000);
});
