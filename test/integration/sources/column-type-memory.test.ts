// A row event read again after a restart names the columns the table had when it was written. After
// a RENAME or DROP COLUMN the live catalog no longer knows those names, and MariaDB's binlog carries a
// UUID / INET6 as storage bytes: without the checkpoint's column-type memory the same change would be
// delivered as text before the restart and as bytes after it (found by the torture run, seed 21).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { BinlogReader, type BinlogTransaction } from '../../../runtime/sources/binlog/reader.js';
import { openConnection } from '../../../runtime/sources/mysql/connection.js';
import { readMasterStatus } from '../../../runtime/sources/mysql/position.js';
import type { ColumnTypeMemory } from '../../../runtime/state/types.js';
import { adminConnection, dtsConfig, testServerId, uniqueName } from './helpers.js';

const UUID = '123e4567-e89b-12d3-a456-426655440000';
const INET6 = '2001:db8::1';

describe('column-type memory across RENAME / DROP COLUMN and a restart (real MariaDB)', () => {
  let admin: mysql.Connection;
  const db = uniqueName('ctm');

  beforeAll(async () => {
    admin = await adminConnection();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, u UUID, a INET6)`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
  });

  const reader = (file: string, pos: number, columnTypes?: ColumnTypeMemory) =>
    new BinlogReader({ task: 'ctm', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'position', file, pos }, heartbeatSeconds: 0, include: (d) => d === db, ...(columnTypes ? { columnTypes } : {}) });
  const firstInsert = async (r: BinlogReader): Promise<Record<string, unknown>> => {
    await r.start();
    try {
      for (;;) {
        const t: BinlogTransaction | undefined = await r.next();
        const e = t?.events.find((x) => x.kind === 'insert');
        if (e) return e.after as Record<string, unknown>;
        if (!t) throw new Error('stream ended before the insert');
      }
    } finally {
      await r.stop();
    }
  };

  it('decodes a change written before the rename and the drop as it did before the restart', async () => {
    const conn = await openConnection(dtsConfig());
    const at = await readMasterStatus(conn);
    await conn.end();
    await admin.query(`INSERT INTO ${db}.t VALUES (1, '${UUID}', '${INET6}')`);

    // First run: the catalog matches the event; its memory is what the checkpoint keeps.
    const first = reader(at.file, at.pos);
    expect(await firstInsert(first)).toEqual({ id: 1, u: UUID, a: INET6 });
    const memory = first.columnTypes();
    expect(memory).toEqual({ [`${db}.t`]: { u: 'uuid', a: 'inet6' } });

    await admin.query(`ALTER TABLE ${db}.t RENAME COLUMN u TO u2`);
    await admin.query(`ALTER TABLE ${db}.t DROP COLUMN a`);

    // The restart resumes before the insert, with the checkpoint's memory: the same text.
    expect(await firstInsert(reader(at.file, at.pos, memory))).toEqual({ id: 1, u: UUID, a: INET6 });
    // What the memory prevents: without it the old names decode as storage bytes.
    const blind = await firstInsert(reader(at.file, at.pos));
    expect(Buffer.isBuffer(blind.u)).toBe(true);
  }, 60_000);
});
