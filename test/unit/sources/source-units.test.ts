import { describe, expect, it } from '@jest/globals';
import type { ChangeEvent, ColumnMeta } from '../../../runtime/events/change-event.js';
import { ddlTarget, isDdlStatement } from '../../../runtime/sources/binlog/ddl-statement.js';
import { classifyBinlogError } from '../../../runtime/sources/binlog/errors.js';
import { MariaGtidTracker } from '../../../runtime/sources/binlog/gtid-tracker.js';
import { comparePositions } from '../../../runtime/sources/mysql/position.js';
import { normalizeValue, shortestFloat32 } from '../../../runtime/sources/mysql/values.js';
import { chooseKey, type TableMeta } from '../../../runtime/sources/schema/catalog.js';
import { jdbcTypeOf } from '../../../runtime/sources/schema/sql-type.js';
import { buildChunkQuery, buildSizeProbe, rowsWithin } from '../../../runtime/sources/snapshot/keyset.js';
import { reconcileChunk, touchedKeys } from '../../../runtime/sources/snapshot/reconcile.js';

const col = (name: string, mysqlType: string, nullable = false): ColumnMeta => ({ name, mysqlType, sqlType: jdbcTypeOf(mysqlType), nullable });
const meta = (key: string[]): TableMeta => ({
  database: 'shop', table: 'order`s', columns: [col('a', 'int(11)'), col('b', 'varchar(10)'), col('c', 'int(11)', true)], primaryKey: key,
  keyKind: key.length ? 'primary' : 'none', numericKey: true, estimatedRows: 0, jsonColumns: new Set(),
});

describe('keyset chunk queries', () => {
  it('first chunk: ordered by key with a limit, never OFFSET', () => {
    const q = buildChunkQuery(meta(['a']), undefined, 500);
    expect(q.sql).toBe('SELECT `a`, `b`, `c` FROM `shop`.`order``s` ORDER BY `a` LIMIT 500');
    expect(q.sql).not.toMatch(/OFFSET/i);
  });
  it('composite key continues strictly after the last key, with a pushed-down filter', () => {
    const q = buildChunkQuery(meta(['a', 'b']), [5, 'x'], 100, "c > 3 OR b = 'y'");
    expect(q.sql).toBe("SELECT `a`, `b`, `c` FROM `shop`.`order``s` WHERE (`a` > ? OR (`a` = ? AND `b` > ?)) AND (c > 3 OR b = 'y') ORDER BY `a`, `b` LIMIT 100");
    expect(q.params).toEqual([5, 5, 'x']);
  });
  it('DECIMAL and BIGINT keys carried as text continue as numeric literals (a bound string compares as DOUBLE in MySQL)', () => {
    const m: TableMeta = { ...meta(['d', 'b']), columns: [col('d', 'decimal(20,0)'), col('b', 'varchar(10)')] };
    const q = buildChunkQuery(m, ['12345678901234567890', '007'], 10);
    expect(q.sql).toContain('WHERE (`d` > 12345678901234567890 OR (`d` = 12345678901234567890 AND `b` > ?))');
    expect(q.params).toEqual(['007']);
  });
  it('a keyless table is read whole', () => {
    expect(buildChunkQuery(meta([]), undefined, 100).sql).toBe('SELECT `a`, `b`, `c` FROM `shop`.`order``s`');
  });
});

describe('chunk size bounded by bytes (issue 10)', () => {
  const MB = 1024 * 1024;
  it('no probe when the declared row size times the rows fits', () => {
    expect(buildSizeProbe(meta(['a']), undefined, 2000, 8 * MB)).toBeUndefined();
    const wide: TableMeta = { ...meta(['a']), columns: [col('a', 'int(11)'), col('s', 'varchar(1000)')] }; // 4,002 bytes x 2,000 = 8 MB
    expect(buildSizeProbe(wide, undefined, 2000, 8 * MB)).toBeUndefined();
  });
  it('a LONGBLOB (or TEXT, JSON, a long VARCHAR) asks the row sizes first, keys and lengths only', () => {
    const blob: TableMeta = { ...meta(['a']), columns: [col('a', 'int(11)'), col('b', 'longblob'), col('t', 'varchar(10)')] };
    const q = buildSizeProbe(blob, [7], 2000, 8 * MB)!;
    expect(q.sql).toBe('SELECT `a`, 58 + COALESCE(LENGTH(`b`), 0) AS `__dts_row_bytes` FROM `shop`.`order``s` WHERE `a` > ? ORDER BY `a` LIMIT 2000');
    expect(q.params).toEqual([7]);
    const json: TableMeta = { ...meta(['a']), columns: [col('a', 'int(11)'), col('j', 'json')] };
    expect(buildSizeProbe(json, undefined, 2000, 8 * MB)?.sql).toContain('COALESCE(LENGTH(`j`), 0)');
    expect(buildSizeProbe(meta([]), undefined, 2000, 8 * MB)).toBeUndefined(); // keyless: one read, no limit to pick
  });
  it('takes the rows that fit, at least one: a 4 MB row never multiplies by the chunk size', () => {
    expect(rowsWithin([4 * MB, 4 * MB, 4 * MB], 8 * MB)).toBe(2);
    expect(rowsWithin([20 * MB, 1], 8 * MB)).toBe(1);
    expect(rowsWithin([100, 100], 8 * MB)).toBe(2);
    expect(rowsWithin([], 8 * MB)).toBe(0);
  });
});

describe('chunk reconciliation', () => {
  const ev = (kind: ChangeEvent['kind'], before?: Record<string, number>, after?: Record<string, number>, table = 't'): ChangeEvent => ({
    kind, database: 'd', table, ...(before ? { before } : {}), ...(after ? { after } : {}), primaryKey: ['id'], columns: [],
    position: { file: 'f.1', pos: 1 }, commitTime: 0, transactionId: 'x', seq: 1, origin: 'binlog',
  });
  it('drops chunk rows the stream touched between the watermarks (before and after keys), keeps the rest', () => {
    const touched = new Set<string>();
    touchedKeys([ev('update', { id: 2 }, { id: 7 }), ev('delete', { id: 3 }), ev('insert', undefined, { id: 4 }, 'other')], 'd', 't', ['id'], touched);
    const rows = [1, 2, 3, 4, 7].map((id) => ({ id }));
    expect(reconcileChunk(rows, ['id'], touched).map((r) => r.id)).toEqual([1, 4]);
  });
  it('numeric keys match whether they arrive as number or exact string', () => {
    const touched = new Set<string>();
    touchedKeys([ev('delete', { id: 5 })], 'd', 't', ['id'], touched);
    expect(reconcileChunk([{ id: '5' }, { id: '6' }], ['id'], touched)).toEqual([{ id: '6' }]);
  });
});

describe('DDL statements', () => {
  it('recognises schema DDL, not account or DML statements', () => {
    expect(isDdlStatement('/* gh-ost */ ALTER TABLE t ADD c INT')).toBe(true);
    expect(isDdlStatement('truncate table x')).toBe(true);
    expect(isDdlStatement('CREATE USER x')).toBe(false);
    expect(isDdlStatement('GRANT SELECT ON *.* TO x')).toBe(false);
    expect(isDdlStatement('INSERT INTO t VALUES (1)')).toBe(false);
  });
  it('finds the obvious target table', () => {
    expect(ddlTarget('ALTER TABLE `shop`.`orders` ADD c INT', 'x')).toEqual({ database: 'shop', table: 'orders' });
    expect(ddlTarget('CREATE TABLE IF NOT EXISTS orders (id int)', 'shop')).toEqual({ database: 'shop', table: 'orders' });
    expect(ddlTarget('DROP TABLE `we``ird`', 'shop')).toEqual({ database: 'shop', table: 'we`ird' });
    expect(ddlTarget('RENAME TABLE a TO b', 'shop')).toEqual({ database: 'shop', table: 'a' });
    expect(ddlTarget('CREATE UNIQUE INDEX ix ON s2.t (a)', 'shop')).toEqual({ database: 's2', table: 't' });
    expect(ddlTarget('TRUNCATE t1', 'shop')).toEqual({ database: 'shop', table: 't1' });
    expect(ddlTarget('CREATE DATABASE newdb', 'shop')).toEqual({ database: 'newdb' });
    expect(ddlTarget('CREATE PROCEDURE p() BEGIN END', 'shop')).toEqual({ database: 'shop' });
  });
});

describe('schema and values', () => {
  it('chooses PK, else the narrowest NOT NULL unique key, else none', () => {
    const cols = [col('id', 'int'), col('code', 'varchar(5)'), col('n', 'int', true)];
    const ix = (index: string, column: string, nonUnique = false, seq = 1) => ({ index, nonUnique, seq, column });
    expect(chooseKey(cols, [ix('PRIMARY', 'id'), ix('uk', 'code')])).toEqual({ primaryKey: ['id'], keyKind: 'primary' });
    expect(chooseKey(cols, [ix('uk_n', 'n'), ix('uk_code', 'code')])).toEqual({ primaryKey: ['code'], keyKind: 'unique' });
    expect(chooseKey(cols, [ix('uk_n', 'n'), ix('k', 'code', true)])).toEqual({ primaryKey: [], keyKind: 'none' });
  });
  it('maps JDBC types as Canal does', () => {
    expect(jdbcTypeOf('bigint(20) unsigned')).toBe(-5);
    expect(jdbcTypeOf('varchar(64)')).toBe(12);
    expect(jdbcTypeOf('decimal(10,2)')).toBe(3);
    expect(jdbcTypeOf('datetime(6)')).toBe(93);
    expect(jdbcTypeOf('longtext')).toBe(2005);
    expect(jdbcTypeOf('blob')).toBe(2004);
    expect(jdbcTypeOf('whatever')).toBe(1111);
  });
  it('normalises values: float32 shortest form, JSON text kept, storage bytes of UUID/INET as text, buffers copied', () => {
    expect(shortestFloat32(Math.fround(1.1))).toBe(1.1);
    expect(normalizeValue(Math.fround(0.3), col('f', 'float'), false)).toBe(0.3);
    expect(normalizeValue('{"a":1, "b": 1e400}', col('j', 'json'), true)).toBe('{"a":1, "b": 1e400}');
    expect(normalizeValue('null', col('j', 'json'), true)).toBe('null');
    expect(normalizeValue(Buffer.from('{"a": 1}'), col('j', 'json'), true)).toBe('{"a": 1}');
    expect(normalizeValue(Buffer.from('123e4567e89b12d3a456426655440000', 'hex'), col('u', 'uuid'), false)).toBe('123e4567-e89b-12d3-a456-426655440000');
    expect(normalizeValue(Buffer.from([1, 2, 3, 4]), col('i', 'inet4'), false)).toBe('1.2.3.4');
    const v6 = (hex: string) => normalizeValue(Buffer.from(hex, 'hex'), col('i', 'inet6'), false);
    expect(v6('00000000000000000000ffff01020304')).toBe('::ffff:1.2.3.4');
    expect(v6('20010db8000000000000000000000001')).toBe('2001:db8::1');
    expect(v6('00000000000000000000000000000000')).toBe('::');
    expect(v6('00000000000000000000000000000001')).toBe('::1');
    expect(v6('20010db8000100000001000100010001')).toBe('2001:db8:1::1:1:1:1'); // as MariaDB prints it
    expect(v6('00010000000000010000000000010001')).toBe('1::1:0:0:1:1');
    expect(v6('00000000000000000000000000010000')).toBe('::0.1.0.0');
    expect(v6('0000000000000000000000000000ffff')).toBe('::ffff');
    expect(normalizeValue(['a', 'b'], col('s', "set('a','b')"), false)).toBe('a,b');
    const src = Buffer.from([1, 2]);
    const copy = normalizeValue(src, col('b', 'blob'), false) as Buffer;
    src[0] = 9;
    expect(copy).toEqual(Buffer.from([1, 2]));
    expect(normalizeValue(undefined, undefined, false)).toBeNull();
  });
  it('orders binlog positions across files', () => {
    expect(comparePositions({ file: 'b.000010', pos: 4 }, { file: 'b.000009', pos: 900 })).toBeGreaterThan(0);
    expect(comparePositions({ file: 'b.000009', pos: 4 }, { file: 'b.000009', pos: 900 })).toBeLessThan(0);
    expect(comparePositions({ file: 'b.000009', pos: 4 }, { file: 'b.000009', pos: 4 })).toBe(0);
  });
  it('tracks a MariaDB GTID position per domain', () => {
    const t = new MariaGtidTracker('0-1-10,1-2-5');
    t.add('0-1-11');
    t.add('2-3-1');
    t.add('3e11fa47-71ca-11e1-9e33-c80aa9429562:5');
    expect(t.toString()).toBe('0-1-11,1-2-5,2-3-1');
  });
  it('types binlog errors so the pipeline knows what to retry', () => {
    expect(classifyBinlogError(Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' }), 't')).toMatchObject({ kind: 'connection', retryable: true });
    const wrapped = Object.assign(new Error('Unhandled error.'), { code: 'ERR_UNHANDLED_ERROR', context: Object.assign(new Error('Could not find first log file'), { errno: 1236 }) });
    expect(classifyBinlogError(wrapped, 't')).toMatchObject({ kind: 'position-unavailable', retryable: false });
    expect(classifyBinlogError(Object.assign(new Error('denied'), { errno: 1227 }), 't').kind).toBe('access');
    expect(classifyBinlogError(new Error('Server sent a TRANSACTION_PAYLOAD_EVENT'), 't').kind).toBe('unsupported');
    // The reader's metadata query on a killed session (found by the torture run: it failed the task).
    expect(classifyBinlogError(new Error("Can't add new command when connection is in closed state"), 't').kind).toBe('connection');
    expect(classifyBinlogError(Object.assign(new Error('Lost connection to server during query'), { errno: 2013 }), 't').kind).toBe('connection');
  });
});
