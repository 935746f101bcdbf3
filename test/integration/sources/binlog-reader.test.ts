import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { BinlogReader, type BinlogTransaction } from '../../../runtime/sources/binlog/reader.js';
import { openConnection, type QueryConnection } from '../../../runtime/sources/mysql/connection.js';
import { readMasterStatus, comparePositions } from '../../../runtime/sources/mysql/position.js';
import type { ChangeEvent } from '../../../runtime/events/change-event.js';
import { adminConnection, dtsConfig, testServerId, uniqueName } from './helpers.js';

async function collect(reader: BinlogReader, until: (all: ChangeEvent[], t: BinlogTransaction) => boolean, timeoutMs = 20_000): Promise<{ events: ChangeEvent[]; txns: BinlogTransaction[] }> {
  const events: ChangeEvent[] = [];
  const txns: BinlogTransaction[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), Math.max(1, deadline - Date.now()))));
    const t = await Promise.race([reader.next(), timeout]).finally(() => clearTimeout(timer));
    if (t === 'timeout') throw new Error(`timed out with ${events.length} events`);
    if (!t) return { events, txns };
    txns.push(t);
    events.push(...t.events);
    if (until(events, t)) return { events, txns };
  }
}

describe('binlog reader (real MariaDB, dts account)', () => {
  let admin: mysql.Connection;
  let dts: QueryConnection;
  const db = uniqueName('binlog');

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

  it('decodes every listed type faithfully, one batch per transaction with the post-commit position', async () => {
    await admin.query(`CREATE TABLE ${db}.types (
      id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
      dec_col DECIMAL(30,10), dt6 DATETIME(6), ts6 TIMESTAMP(6) NULL, js JSON, bits BIT(10), st SET('a','b','c'),
      en ENUM('x','y'), bl BLOB, txt VARCHAR(50) CHARACTER SET utf8mb4, fl FLOAT, dbl DOUBLE, tm TIME(3), yr YEAR, dte DATE, bin4 BINARY(4)
    )`);
    const reader = new BinlogReader({ task: 't', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'end' }, include: (d) => d === db });
    await reader.start();
    await admin.query(
      `INSERT INTO ${db}.types VALUES (18446744073709551615, '12345678901234567890.0123456789', '2024-02-29 23:59:58.123456',
        '2024-03-01 01:02:03.654321', '{"a":[1,2,{"b":null}],"big":1}', b'1010000001', 'a,c', 'y', x'00FF10', 'héllo 🐬 世界', 1.1, 2.5e-300,
        '-12:34:56.789', 2024, '2024-01-31', x'0102')`,
    );
    await admin.query(`UPDATE ${db}.types SET dec_col = -0.5, st = '' WHERE id = 18446744073709551615`);
    await admin.query(`BEGIN; INSERT INTO ${db}.types (id) VALUES (1), (2); DELETE FROM ${db}.types WHERE id = 1; COMMIT`);
    const { events, txns } = await collect(reader, (all) => all.length >= 5);
    await reader.stop();

    const [ins, upd, i1, i2, del] = events as [ChangeEvent, ChangeEvent, ChangeEvent, ChangeEvent, ChangeEvent];
    expect(events.map((e) => e.kind)).toEqual(['insert', 'update', 'insert', 'insert', 'delete']);
    expect(ins.after).toEqual({
      id: '18446744073709551615',
      dec_col: '12345678901234567890.0123456789',
      dt6: '2024-02-29 23:59:58.123456',
      ts6: '2024-03-01 01:02:03.654321',
      js: '{"a":[1,2,{"b":null}],"big":1}', // the JSON text as stored, never parsed
      bits: Buffer.from([0b10, 0b10000001]),
      st: 'a,c',
      en: 'y',
      bl: Buffer.from([0, 255, 16]),
      txt: 'héllo 🐬 世界',
      fl: 1.1,
      dbl: 2.5e-300,
      tm: '-12:34:56.789',
      yr: 2024,
      dte: '2024-01-31',
      bin4: Buffer.from([1, 2, 0, 0]),
    });
    expect(ins.primaryKey).toEqual(['id']);
    expect(ins.columns.find((c) => c.name === 'id')).toMatchObject({ mysqlType: 'bigint(20) unsigned', sqlType: -5, nullable: false });
    expect(ins.columns.find((c) => c.name === 'js')).toMatchObject({ mysqlType: 'json', sqlType: 12 });
    expect(ins.columns.find((c) => c.name === 'dec_col')?.sqlType).toBe(3);
    expect(upd.before?.dec_col).toBe('12345678901234567890.0123456789');
    expect(upd.after?.dec_col).toBe('-0.5000000000');
    expect(upd.after?.st).toBe('');
    // The three statements of the explicit transaction arrive as one batch sharing one id and position.
    const multi = txns.find((t) => t.events.length === 3);
    expect(multi?.events.map((e) => e.kind)).toEqual(['insert', 'insert', 'delete']);
    expect(new Set([i1, i2, del].map((e) => e.transactionId)).size).toBe(1);
    expect(i1.position).toEqual(del.position);
    expect(i1.transactionId).toMatch(/^\d+-\d+-\d+$/); // MariaDB GTID
    expect(del.before).toMatchObject({ id: 1 });
    // The resume point is after the commit: it equals the server's binlog end once everything is read.
    const end = await readMasterStatus(dts);
    expect(comparePositions(del.position, end)).toBe(0);
    expect(del.position.gtid).toBe(end.gtidSet?.split(',').find((g) => g.startsWith(del.position.gtid!.split('-')[0] + '-')));
    expect(Math.abs(ins.commitTime - Date.now())).toBeLessThan(60_000);
    // seq is strictly increasing.
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    expect(new Set(events.map((e) => e.seq)).size).toBe(events.length);
  });

  it('delivers DDL as ddl events and describes later rows with the new schema', async () => {
    await admin.query(`CREATE TABLE ${db}.ddl_t (id INT PRIMARY KEY, a VARCHAR(10))`);
    const reader = new BinlogReader({ task: 't', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'end' }, include: (d) => d === db });
    await reader.start();
    await admin.query(`INSERT INTO ${db}.ddl_t VALUES (1, 'x')`);
    await admin.query(`ALTER TABLE ${db}.ddl_t ADD COLUMN b INT NOT NULL DEFAULT 7`);
    await admin.query(`INSERT INTO ${db}.ddl_t VALUES (2, 'y', 8)`);
    const { events } = await collect(reader, (all) => all.length >= 3);
    await reader.stop();
    expect(events.map((e) => e.kind)).toEqual(['insert', 'ddl', 'insert']);
    expect(events[1]).toMatchObject({ kind: 'ddl', database: db, table: 'ddl_t', ddlOperation: 'ALTER_TABLE' });
    expect(events[1]?.sql).toMatch(/ALTER TABLE/);
    expect(events[2]?.after).toEqual({ id: 2, a: 'y', b: 8 });
    expect(events[2]?.columns.map((c) => c.name)).toEqual(['id', 'a', 'b']);
  });

  it('resumes from a checkpoint without repeating or losing a transaction', async () => {
    await admin.query(`CREATE TABLE ${db}.resume_t (id INT PRIMARY KEY, v INT)`);
    const start = await readMasterStatus(dts);
    for (let i = 1; i <= 10; i++) await admin.query(`INSERT INTO ${db}.resume_t VALUES (${i}, ${i})`);
    const first = new BinlogReader({ task: 't', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'position', file: start.file, pos: start.pos }, include: (d, t) => d === db && t === 'resume_t' });
    await first.start();
    const a = await collect(first, (all) => all.length >= 4);
    await first.stop();
    const checkpoint = a.txns[a.txns.length - 1]!.position;
    for (let i = 11; i <= 15; i++) await admin.query(`INSERT INTO ${db}.resume_t VALUES (${i}, ${i})`);
    const second = new BinlogReader({ task: 't', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'position', file: checkpoint.file, pos: checkpoint.pos, gtidSet: checkpoint.gtidSet }, include: (d, t) => d === db && t === 'resume_t' });
    await second.start();
    const b = await collect(second, (all) => all.length >= 11);
    await second.stop();
    const ids = [...a.events, ...b.events].map((e) => e.after?.id);
    expect(ids).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it('fails in a typed, retryable way when the connection is killed', async () => {
    const reader = new BinlogReader({ task: 'kill-test', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'end' } });
    await reader.start();
    await new Promise((r) => setTimeout(r, 300));
    const [rows] = await admin.query(`SELECT ID FROM information_schema.PROCESSLIST WHERE USER = 'dts' AND COMMAND LIKE 'Binlog Dump%'`);
    for (const r of rows as { ID: number }[]) await admin.query(`KILL ${r.ID}`);
    const err = await collect(reader, () => false, 15_000).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'BinlogReaderError', kind: 'connection', retryable: true });
    expect((err as Error).message).toContain('task kill-test');
    await reader.stop();
  });

  it('reports an unreachable position as position-unavailable', async () => {
    const reader = new BinlogReader({ task: 't', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'position', file: 'source-bin.999999', pos: 4 } });
    const err = await reader
      .start()
      .then(() => collect(reader, () => false, 10_000))
      .catch((e: unknown) => e);
    await reader.stop();
    expect(err).toMatchObject({ name: 'BinlogReaderError', kind: 'position-unavailable', retryable: false });
  });
});

describe('binlog dump lock (real MariaDB)', () => {
  it('a dump lock another session holds is not dumped behind: the reader fails as a lost connection, and starts once the lock is free', async () => {
    const admin = await adminConnection();
    const lock = uniqueName('dts-dump/test');
    try {
      await admin.query('SELECT GET_LOCK(?, 0)', [lock]);
      const blocked = new BinlogReader({ task: 't', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'end' }, include: () => false, dumpLock: lock });
      const error = await blocked.start().then(() => blocked.next()).then(() => undefined, (e: unknown) => e);
      await blocked.stop();
      expect(error).toMatchObject({ kind: 'connection' });
      expect(String((error as Error).message)).toContain(`the binlog dump lock ${lock} is still held by an earlier owner's dump (GET_LOCK answered 0)`);
      await admin.query('DO RELEASE_LOCK(?)', [lock]);
      const free = new BinlogReader({ task: 't', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'end' }, include: () => false, dumpLock: lock });
      await free.start();
      const [rows] = await admin.query('SELECT IS_USED_LOCK(?) AS holder', [lock]);
      expect((rows as { holder: unknown }[])[0]!.holder).not.toBeNull();
      await free.stop();
    } finally {
      await admin.end();
    }
  }, 60_000);
});
