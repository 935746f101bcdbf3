// XA transactions in the binlog: MariaDB logs XA START .. XA END, XA PREPARE in one group and the
// decision (XA COMMIT / XA ROLLBACK) in a later group of its own. The reader delivers the changes at
// XA COMMIT, nothing at XA ROLLBACK, and keeps the resume point at a pending transaction's start, so a
// restart between PREPARE and COMMIT still delivers it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { BinlogReader, type BinlogTransaction } from '../../../runtime/sources/binlog/reader.js';
import { readMasterStatus } from '../../../runtime/sources/mysql/position.js';
import { openConnection } from '../../../runtime/sources/mysql/connection.js';
import { adminConnection, dtsConfig, testServerId, uniqueName } from './helpers.js';

async function drainFor(reader: BinlogReader, ms: number): Promise<BinlogTransaction[]> {
  const out: BinlogTransaction[] = [];
  const end = Date.now() + ms;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const t = await Promise.race([reader.next(), new Promise<'idle'>((r) => (timer = setTimeout(() => r('idle'), Math.max(1, end - Date.now()))))]).finally(() => clearTimeout(timer));
    if (t === 'idle' || !t) return out;
    out.push(t);
  }
}

const rowsOf = (txns: BinlogTransaction[]) => txns.flatMap((t) => t.events.map((e) => `${e.kind}:${JSON.stringify(e.after ?? e.before)}`));

describe('XA transactions (real MariaDB)', () => {
  let admin: mysql.Connection;
  let decider: mysql.Connection;
  const db = uniqueName('xa');
  // xids are server-wide: unique per run, so an interrupted run never collides with the next.
  const xid = (name: string) => `'${name}_${db}'`;

  beforeAll(async () => {
    admin = await adminConnection();
    decider = await adminConnection();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v INT)`);
  });
  afterAll(async () => {
    // A failed run must not leave a prepared transaction (it would hold its locks server-wide).
    for (const name of ['rb', 'ok', 'late']) await decider.query(`XA ROLLBACK ${xid(name)}`).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await decider.end();
  });

  const start = async () => {
    const conn = await openConnection(dtsConfig());
    const at = await readMasterStatus(conn);
    await conn.end();
    return at;
  };
  const reader = (file: string, pos: number) => new BinlogReader({ task: 'xa', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'position', file, pos }, heartbeatSeconds: 0, include: (d) => d === db });

  it('delivers at XA COMMIT, never at XA PREPARE; XA ROLLBACK delivers nothing', async () => {
    const at = await start();
    await admin.query(`XA START ${xid('rb')}`);
    await admin.query(`INSERT INTO ${db}.t VALUES (1, 1)`);
    await admin.query(`XA END ${xid('rb')}`);
    await admin.query(`XA PREPARE ${xid('rb')}`);
    await admin.query(`XA ROLLBACK ${xid('rb')}`);
    await admin.query(`XA START ${xid('ok')}`);
    await admin.query(`INSERT INTO ${db}.t VALUES (2, 2)`);
    await admin.query(`XA END ${xid('ok')}`);
    await admin.query(`XA PREPARE ${xid('ok')}`);
    await decider.query(`INSERT INTO ${db}.t VALUES (3, 3)`); // another session commits while 'ok' is pending
    await admin.query(`XA COMMIT ${xid('ok')}`);
    const r = reader(at.file, at.pos);
    await r.start();
    try {
      expect(rowsOf(await drainFor(r, 2500))).toEqual(['insert:{"id":3,"v":3}', 'insert:{"id":2,"v":2}']);
    } finally {
      await r.stop();
    }
  });

  it('a restart between XA PREPARE and XA COMMIT resumes at the pending transaction and delivers it at its commit', async () => {
    const at = await start();
    await admin.query(`XA START ${xid('late')}`);
    await admin.query(`INSERT INTO ${db}.t VALUES (10, 10)`);
    await admin.query(`XA END ${xid('late')}`);
    await admin.query(`XA PREPARE ${xid('late')}`);
    await decider.query(`INSERT INTO ${db}.t VALUES (11, 11)`);
    const first = reader(at.file, at.pos);
    await first.start();
    let resume: { file: string; pos: number };
    try {
      const seen = await drainFor(first, 2000);
      expect(rowsOf(seen)).toEqual(['insert:{"id":11,"v":11}']);
      const last = seen[seen.length - 1]!.position;
      // The checkpoint may not pass the pending XA's start.
      expect(last.resume).toBeDefined();
      resume = last.resume!;
    } finally {
      await first.stop();
    }
    await admin.query(`XA COMMIT ${xid('late')}`);
    const second = reader(resume.file, resume.pos);
    await second.start();
    try {
      expect(rowsOf(await drainFor(second, 2500))).toEqual(['insert:{"id":11,"v":11}', 'insert:{"id":10,"v":10}']);
    } finally {
      await second.stop();
    }
  });
});
