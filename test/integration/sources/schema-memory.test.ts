// A row event read again after a restart names the table and columns as they were when it was
// written. After a RENAME TABLE, RENAME COLUMN or DROP COLUMN the live catalog no longer knows those
// names: without the checkpoint's schema memory the same change arrived keyless (no message key, the
// global message group) and with its UUID / INET6 as storage bytes (found by the torture run, seed 21).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import type { ChangeEvent } from '../../../runtime/events/change-event.js';
import { BinlogReader } from '../../../runtime/sources/binlog/reader.js';
import { openConnection } from '../../../runtime/sources/mysql/connection.js';
import { readMasterStatus } from '../../../runtime/sources/mysql/position.js';
import type { SchemaMemory } from '../../../runtime/state/types.js';
import { adminConnection, dtsConfig, testServerId, uniqueName } from './helpers.js';

const UUID = '123e4567-e89b-12d3-a456-426655440000';
const INET6 = '2001:db8::1';

describe('schema memory across RENAME / DROP and a restart (real MariaDB)', () => {
  let admin: mysql.Connection;
  const db = uniqueName('mem');

  beforeAll(async () => {
    admin = await adminConnection();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, u UUID, a INET6)`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
  });

  const reader = (file: string, pos: number, schemaMemory?: SchemaMemory) =>
    new BinlogReader({ task: 'mem', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'position', file, pos }, heartbeatSeconds: 0, include: (d) => d === db, ...(schemaMemory ? { schemaMemory } : {}) });
  /** The first `n` inserts the reader delivers. */
  const inserts = async (r: BinlogReader, n: number): Promise<ChangeEvent[]> => {
    await r.start();
    const out: ChangeEvent[] = [];
    try {
      while (out.length < n) {
        const t = await r.next();
        if (!t) throw new Error('stream ended');
        out.push(...t.events.filter((e) => e.kind === 'insert'));
      }
      return out;
    } finally {
      await r.stop();
    }
  };
  const at = async () => {
    const conn = await openConnection(dtsConfig());
    const p = await readMasterStatus(conn);
    await conn.end();
    return p;
  };

  it('decodes changes written before the renames and the drop as it did before the restart', async () => {
    const start = await at();
    await admin.query(`INSERT INTO ${db}.t VALUES (1, '${UUID}', '${INET6}')`);
    // First run: the catalog matches; what it learned is what the checkpoint keeps.
    const first = reader(start.file, start.pos);
    const [one] = await inserts(first, 1);
    expect([one!.after, one!.primaryKey]).toEqual([{ id: 1, u: UUID, a: INET6 }, ['id']]);
    const memory = first.schemaMemory();
    expect(memory).toEqual({ [`${db}.t`]: { key: ['id'], types: { u: 'uuid', a: 'inet6' } } });

    await admin.query(`RENAME TABLE ${db}.t TO ${db}.t2`);
    await admin.query(`INSERT INTO ${db}.t2 VALUES (2, '${UUID}', '${INET6}')`);
    await admin.query(`ALTER TABLE ${db}.t2 RENAME COLUMN u TO u2`);
    await admin.query(`ALTER TABLE ${db}.t2 DROP COLUMN a`);
    await admin.query(`RENAME TABLE ${db}.t2 TO ${db}.t3`);

    // The restart resumes before the first insert, with the checkpoint's memory: the same rows, keyed.
    const again = await inserts(reader(start.file, start.pos, memory), 2);
    expect(again.map((e) => [e.table, e.after, e.primaryKey])).toEqual([
      ['t', { id: 1, u: UUID, a: INET6 }, ['id']],
      ['t2', { id: 2, u: UUID, a: INET6 }, ['id']],
    ]);
    // What the memory prevents: without it the old names are keyless and decode as storage bytes.
    const blind = await inserts(reader(start.file, start.pos), 2);
    expect(blind.map((e) => e.primaryKey)).toEqual([[], []]);
    expect(Buffer.isBuffer(blind[0]!.after!.u)).toBe(true);
  }, 60_000);
});
