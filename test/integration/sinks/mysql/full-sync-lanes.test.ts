// Full-sync chunks on parallel destination connections (runtime/sinks/mysql/chunk-lanes.ts), against
// the real destination. The source side is written by hand, so each interleaving is certain: a chunk
// and a binlog change of the same row, one of them held up by a statement hook.
// - a binlog change emitted after a chunk lands after it, however long the chunk takes;
// - a chunk emitted after a binlog change lands after it, however long the change takes;
// - the checkpoint never covers a chunk that has not committed;
// - chunks of several tables are applied at once, each on its own connection.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import type { ChangeEvent, ColumnMeta, Row } from '../../../../runtime/events/change-event.js';
import type { SourceTransaction } from '../../../../runtime/sinks/sink.js';
import { MySqlSink, type MySqlSinkHooks } from '../../../../runtime/sinks/mysql/sink.js';
import type { QueryConnection } from '../../../../runtime/sources/mysql/connection.js';
import { admin, dbObject, destWriter, mysqlTask, rows, uniqueDb } from './harness.js';

const COLUMNS: ColumnMeta[] = [
  { name: 'id', mysqlType: 'int(11)', sqlType: 4, nullable: false },
  { name: 'v', mysqlType: 'varchar(40)', sqlType: 12, nullable: false, charset: 'utf8mb4' },
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('MySQL sink: full-sync chunks on parallel connections (real MariaDB)', () => {
  let dst: mysql.Connection;
  const db = uniqueDb('lanes');
  const target = `${db}_d`;
  const tables = ['t1', 't2', 't3', 't4'];
  let seq = 0;
  let pos = 1000;

  beforeAll(async () => {
    dst = await admin('destination');
    await dst.query(`CREATE DATABASE ${target}`);
    for (const t of tables) await dst.query(`CREATE TABLE ${target}.${t} (id INT PRIMARY KEY, v VARCHAR(40) NOT NULL)`);
  });
  afterAll(async () => {
    await dst.query(`DROP DATABASE IF EXISTS ${target}`);
    await dst.query(`DELETE FROM __dts.checkpoints WHERE task LIKE '${db}%'`).catch(() => undefined);
    await dst.query(`DELETE FROM __dts.tasks WHERE task LIKE '${db}%'`).catch(() => undefined);
    await dst.end();
  });

  const event = (table: string, kind: 'insert' | 'update', after: Row, origin: 'snapshot' | 'binlog', before?: Row): ChangeEvent => ({
    kind, database: db, table, after, ...(before ? { before } : {}), primaryKey: ['id'], columns: COLUMNS,
    position: { file: 'mariadb-bin.000001', pos }, commitTime: Date.now(), transactionId: `tx${pos}`, seq: ++seq, origin,
  });
  const transaction = (events: ChangeEvent[], origin: 'snapshot' | 'binlog', done = false): SourceTransaction => {
    pos += 100;
    return {
      events, position: { file: 'mariadb-bin.000001', pos }, commitTime: Date.now(), transactionId: `tx${pos}`, bytes: 100 * events.length, origin,
      checkpoint: { binlog: { file: 'mariadb-bin.000001', pos }, lastSeq: seq, snapshot: { tables: {}, done } },
    };
  };
  const chunk = (table: string, ids: number[], v: string, done = false) =>
    transaction(ids.map((id) => event(table, 'insert', { id, v }, 'snapshot')), 'snapshot', done);
  const update = (table: string, id: number, v: string) => transaction([event(table, 'update', { id, v }, 'binlog', { id, v: 'before' })], 'binlog');
  const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  async function openSink(name: string, hooks: MySqlSinkHooks): Promise<MySqlSink> {
    const task = mysqlTask(`${db}_${name}`, [dbObject(db, { targetDatabase: target })], { fullSyncParallelism: 4, flushIntervalMs: 10 });
    const sink = new MySqlSink({ task, destination: destWriter(), syncSchemaOnOpen: false, hooks });
    await sink.open({ dialect: 'mariadb', version: '10.11' });
    return sink;
  }
  const value = async (table: string, id: number) => (await rows(dst, `SELECT v FROM ${target}.${table} WHERE id = ${id}`))[0]?.v;

  it('a binlog change emitted after a chunk is applied after it, however long the chunk takes', async () => {
    await dst.query(`TRUNCATE ${target}.t1`);
    const sink = await openSink('after-chunk', {
      async beforeStatement(_i, sql) {
        if (sql.includes("'slow chunk'")) await sleep(600);
      },
    });
    try {
      await sink.write(chunk('t1', ids(1, 50), 'slow chunk'));
      await sink.write(update('t1', 5, 'binlog change'));
      await sink.drain();
      expect(await value('t1', 5)).toBe('binlog change');
      expect(await value('t1', 6)).toBe('slow chunk');
    } finally {
      await sink.close();
    }
  });

  it('a chunk emitted after a binlog change of its table is applied after it, however long the change takes', async () => {
    await dst.query(`TRUNCATE ${target}.t2`);
    await dst.query(`INSERT INTO ${target}.t2 VALUES (60, 'before')`);
    const sink = await openSink('after-change', {
      async beforeStatement(_i, sql) {
        if (sql.includes("'older binlog change'")) await sleep(600);
      },
    });
    try {
      await sink.write(update('t2', 60, 'older binlog change'));
      // Read after the change: the chunk holds the row as the source had it then (and later).
      await sink.write(chunk('t2', ids(51, 70), 'newer chunk image'));
      await sink.drain();
      expect(await value('t2', 60)).toBe('newer chunk image');
    } finally {
      await sink.close();
    }
  });

  it('the checkpoint never covers a chunk that has not committed', async () => {
    await dst.query(`TRUNCATE ${target}.t3`);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const sink = await openSink('checkpoint', {
      async beforeStatement(_i, sql) {
        if (sql.includes("'held chunk'")) await held;
      },
    });
    try {
      await sink.write(chunk('t3', ids(1, 10), 'first chunk'));
      await sink.drain();
      const before = sink.durable()!.lastSeq;
      const heldChunk = chunk('t3', ids(11, 20), 'held chunk');
      await sink.write(heldChunk);
      await sink.write(update('t4', 1, 'a later change of another table'));
      await sleep(1500); // several flush intervals and the 1 s checkpoint timer
      const stored = await rows(dst, `SELECT last_seq AS s FROM __dts.checkpoints WHERE task = '${db}_checkpoint'`);
      expect(Number(stored[0]?.s)).toBe(before);
      expect(sink.durable()!.lastSeq).toBe(before);
      expect(await rows(dst, `SELECT CAST(COUNT(*) AS CHAR) AS n FROM ${target}.t3`)).toEqual([{ n: '10' }]);
      release();
      await sink.drain();
      expect(sink.durable()!.lastSeq).toBe(seq);
      expect(await rows(dst, `SELECT CAST(COUNT(*) AS CHAR) AS n FROM ${target}.t3`)).toEqual([{ n: '20' }]);
    } finally {
      release();
      await sink.close();
    }
  });

  it('chunks of several tables are applied at once, on connections of their own, closed once drained', async () => {
    for (const t of tables) await dst.query(`TRUNCATE ${target}.${t}`);
    let running = 0;
    let most = 0;
    const threads = new Set<number>();
    const sink = await openSink('parallel', {
      async beforeStatement(_i, sql, conn: QueryConnection) {
        if (!sql.startsWith('INSERT') || !sql.includes(target)) return; // the chunks' rows, not the checkpoint row
        threads.add(conn.threadId ?? -1);
        running++;
        most = Math.max(most, running);
        await sleep(300);
        running--;
      },
    });
    try {
      for (const t of tables) await sink.write(chunk(t, ids(1, 100), `chunk of ${t}`, t === 't4'));
      await sink.drain();
      expect(most).toBeGreaterThanOrEqual(3);
      expect(threads.size).toBeGreaterThanOrEqual(3);
      for (const t of tables) expect(await rows(dst, `SELECT CAST(COUNT(*) AS CHAR) AS n, MIN(v) AS v FROM ${target}.${t}`)).toEqual([{ n: '100', v: `chunk of ${t}` }]);
      // The drain that ends the full sync closes the lanes' sessions: none is left idle on the destination.
      const open = async () => (await rows(dst, `SELECT ID AS id FROM information_schema.PROCESSLIST WHERE ID IN (${[...threads].join(', ')})`)).length;
      for (let i = 0; i < 40 && (await open()) > 0; i++) await sleep(50);
      expect(await open()).toBe(0);
      // A later chunk (a backfill) opens them again.
      await sink.write(chunk('t1', ids(101, 110), 'backfill', true));
      await sink.drain();
      expect(await rows(dst, `SELECT CAST(COUNT(*) AS CHAR) AS n FROM ${target}.t1 WHERE v = 'backfill'`)).toEqual([{ n: '10' }]);
    } finally {
      await sink.close();
    }
  });
});
