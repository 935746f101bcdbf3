import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { canalValue, encodeCanalJson, toCanalMessage } from '../../../../runtime/sinks/rocketmq/formats/canal-json.js';
import type { CanalMessage } from '../../../../runtime/sinks/rocketmq/formats/canal-json.js';
import type { ChangeEvent, ColumnMeta } from '../../../../runtime/events/change-event.js';
import { ddl, del, insert, update } from '../../transforms/events.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'canal-json.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020.default({ strict: true, allErrors: true });
const validate = ajv.compile(schema);
const fixture = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'canal', 'captured-delete.json'), 'utf8')) as { message: CanalMessage };

const now = () => 1_700_000_000_123;
const produced: CanalMessage[] = [];
function encode(events: ChangeEvent[], syncAllFields = false): CanalMessage {
  const m = JSON.parse(encodeCanalJson(events, { syncAllFields, now }).toString('utf8')) as CanalMessage;
  produced.push(m);
  return m;
}

const meta = (name: string, mysqlType: string, sqlType: number): ColumnMeta => ({ name, mysqlType, sqlType, nullable: true });
const TYPES: readonly ColumnMeta[] = [
  meta('id', 'bigint(20) unsigned', -5), meta('price', 'decimal(65,30)', 3), meta('at', 'datetime(6)', 93), meta('d', 'date', 91),
  meta('t', 'time(6)', 92), meta('flags', 'bit(10)', -7), meta('tags', "set('a','b','c')", 12), meta('size', "enum('s','m')", 12),
  meta('doc', 'json', 12), meta('bin', 'varbinary(8)', -3), meta('blob', 'blob', 2004), meta('name', 'varchar(32)', 12),
  meta('f', 'double', 8), meta('n', 'int(11)', 4), meta('txt', 'text', 2005),
];

describe('canal-json', () => {
  it('encodes DML to exactly the text of toCanalMessage (the fast path builds the JSON without the object)', () => {
    const base = { database: 'shop', table: 'items', columns: TYPES, primaryKey: ['id'], commitTime: 1697652000000, seq: 7, position: { file: 'b.000001', pos: 4, gtid: '0-1-9' } };
    const row = (id: number, name: string | null) => ({ id: BigInt(id), price: '12.50', flags: Buffer.from([0, 5]), doc: '{"a": [1, "x"]}', bin: Buffer.from([0, 255, 10]), name, f: -0, n: 3, extra: 'no metadata' });
    const cases: ChangeEvent[][] = [
      [insert(row(1, 'a "quoted" \\ name'), base), insert(row(2, null), base)],
      [update(row(1, 'a'), row(1, 'b'), base), update(row(2, 'x'), row(2, 'x'), base)],
      [del(row(3, '\u2028 line sep'), { ...base, primaryKey: [], position: { file: 'b.000001', pos: 4 } })],
    ];
    for (const events of cases) {
      for (const syncAllFields of [false, true]) {
        expect(encodeCanalJson(events, { syncAllFields, now }).toString('utf8')).toBe(JSON.stringify(toCanalMessage(events, { syncAllFields, now })));
      }
    }
  });

  it('matches a captured Canal message field by field', () => {
    const cols = [meta('id', 'char(36)', 1), meta('time_create', 'bigint(20)', -5), meta('is_finished', 'tinyint(1)', -7)];
    const rows = fixture.message.data!;
    const events = rows.map((r, i) => del({ id: r.id!, time_create: Number(r.time_create), is_finished: 0 }, {
      database: 'main', table: 'orderitemreceiveuniquerecord', columns: cols, primaryKey: [],
      commitTime: 1697652000000, seq: 41127228 + i, position: { file: 'mysql-bin.000001', pos: 4 },
    }));
    const m = toCanalMessage(events, { syncAllFields: false, now: () => 1697652000103 });
    for (const field of Object.keys(fixture.message) as (keyof CanalMessage)[]) {
      expect([field, m[field]]).toEqual([field, fixture.message[field]]);
    }
    expect(Object.keys(m).sort()).toEqual(Object.keys(fixture.message).sort());
    expect(validate(fixture.message)).toBe(true);
  });

  it('encodes every type exactly as text', () => {
    const row = {
      id: 18446744073709551615n, price: '12345678901234567890123456789012345.123456789012345678901234567890',
      at: '2024-02-29 23:59:59.999999', d: '2024-02-29', t: '-838:59:59.000000', flags: Buffer.from([0x02, 0x05]),
      tags: ['a', 'c'], size: 'm', doc: { k: [1, 'x', null], big: 1.5 }, bin: Buffer.from([0x00, 0xff, 0x80, 0x41]),
      blob: Buffer.from('héllo', 'utf8'), name: '日本😀', f: 0.1, n: -42, txt: null,
    };
    const m = encode([insert(row, { columns: TYPES })]);
    expect(m.data![0]).toEqual({
      id: '18446744073709551615', price: '12345678901234567890123456789012345.123456789012345678901234567890',
      at: '2024-02-29 23:59:59.999999', d: '2024-02-29', t: '-838:59:59.000000', flags: '517', tags: 'a,c', size: 'm',
      doc: '{"k":[1,"x",null],"big":1.5}', bin: '\u0000\u00ff\u0080A', blob: Buffer.from('héllo', 'utf8').toString('latin1'),
      name: '日本😀', f: '0.1', n: '-42', txt: null,
    });
    // binary round trip through the JSON text and latin1
    expect(Buffer.from(m.data![0]!.bin!, 'latin1')).toEqual(row.bin);
    expect(Buffer.from(m.data![0]!.blob!, 'latin1').toString('utf8')).toBe('héllo');
    expect(m.mysqlType).toMatchObject({ id: 'bigint(20) unsigned', flags: 'bit(10)', doc: 'json' });
    expect(m.sqlType).toMatchObject({ id: -5, price: 3, at: 93, d: 91, t: 92, flags: -7, blob: 2004, txt: 2005 });
    expect([m.type, m.isDdl, m.sql, m.old, m.pkNames, m.es, m.ts, m.database, m.table]).toEqual(
      ['INSERT', false, '', null, ['id'], 1_700_000_000_000, 1_700_000_000_123, 'shop', 'orders']);
    expect(m.gtid).toMatch(/^0-1-\d+$/);
  });

  it('JSON columns: the JSON text as stored, never re-serialised (null text, big numbers, -0.0)', () => {
    const j = meta('doc', 'json', 12);
    expect(canalValue({ a: 1 }, j)).toBe('{"a":1}');
    expect(canalValue('{"a": 1}', j)).toBe('{"a": 1}');
    expect(canalValue('"plain"', j)).toBe('"plain"');
    expect(canalValue('null', j)).toBe('null');
    expect(canalValue('{"n": 123456789012345678901234567890, "z": -0.0, "e": 1e400}', j)).toBe('{"n": 123456789012345678901234567890, "z": -0.0, "e": 1e400}');
    expect(canalValue(null, j)).toBeNull();
  });

  it('YEAR is four digits as MySQL prints it: 0000, 2155', () => {
    expect(canalValue(0, meta('y', 'year(4)', 12))).toBe('0000');
    expect(canalValue(2155, meta('y', 'year(4)', 12))).toBe('2155');
  });

  it('DOUBLE -0 is "-0"; spatial bytes are ISO-8859-1 text', () => {
    expect(canalValue(-0, meta('d', 'double', 8))).toBe('-0');
    const wkb = Buffer.from('000000000101000000000000000000f03f0000000000000040', 'hex');
    expect(Buffer.from(canalValue(wkb, meta('p', 'point', -2))!, 'latin1')).toEqual(wkb);
  });

  it('UPDATE: old carries only the changed columns, or the whole before image with syncAllFields', () => {
    const before = { id: 1, status: 'new', amount: '10.00', note: null };
    const after = { id: 1, status: 'paid', amount: '10.00', note: 'x' };
    const changed = encode([update(before, after)]);
    expect(changed.type).toBe('UPDATE');
    expect(changed.data).toEqual([{ id: '1', status: 'paid', amount: '10.00', note: 'x' }]);
    expect(changed.old).toEqual([{ status: 'new', note: null }]);
    const all = encode([update(before, after)], true);
    expect(all.old).toEqual([{ id: '1', status: 'new', amount: '10.00', note: null }]);
    // a Buffer or JSON value that did not change is not in old
    const cols = [meta('id', 'int(11)', 4), meta('b', 'blob', 2004), meta('j', 'json', 12)];
    const same = encode([update({ id: 1, b: Buffer.from('x'), j: { a: 1 } }, { id: 2, b: Buffer.from('x'), j: { a: 1 } }, { columns: cols })]);
    expect(same.old).toEqual([{ id: '1' }]);
  });

  it('packs several rows of one table and kind in one message, old aligned with data', () => {
    const m = encode([
      update({ id: 1, status: 'a', amount: null, note: null }, { id: 1, status: 'b', amount: null, note: null }),
      update({ id: 2, status: 'a', amount: '1.00', note: null }, { id: 2, status: 'a', amount: '2.00', note: null }),
    ]);
    expect(m.data!.map((r) => r.id)).toEqual(['1', '2']);
    expect(m.old).toEqual([{ status: 'a' }, { amount: '1.00' }]);
    expect(() => toCanalMessage([insert({ id: 1 }), del({ id: 2 })], { syncAllFields: false })).toThrow(/mixed events/);
    expect(() => toCanalMessage([insert({ id: 1 }), insert({ id: 2 }, { table: 'other' })], { syncAllFields: false })).toThrow(/mixed events/);
  });

  it('DELETE carries the before image in data', () => {
    const m = encode([del({ id: 9, status: 'gone', amount: null, note: null })]);
    expect([m.type, m.data, m.old]).toEqual(['DELETE', [{ id: '9', status: 'gone', amount: null, note: null }], null]);
  });

  it('full-sync rows are INSERT', () => {
    const m = encode([insert({ id: 1, status: 's', amount: '1.00', note: null }, { origin: 'snapshot' })]);
    expect(m.type).toBe('INSERT');
  });

  it('DDL: Canal type names, sql text, null row fields, table "" when tied to no table', () => {
    const cases: [string, string, string | undefined, string][] = [
      ['CREATE TABLE t (id int)', 'CREATE_TABLE', 't', 'CREATE'],
      ['ALTER TABLE t ADD c int', 'ALTER_TABLE', 't', 'ALTER'],
      ['DROP TABLE t', 'DROP_TABLE', 't', 'ERASE'],
      ['RENAME TABLE a TO b', 'RENAME_TABLE', 'a', 'RENAME'],
      ['TRUNCATE TABLE t', 'TRUNCATE_TABLE', 't', 'TRUNCATE'],
      ['CREATE INDEX i ON t (a)', 'CREATE_INDEX', 't', 'CINDEX'],
      ['DROP INDEX i ON t', 'DROP_INDEX', 't', 'DINDEX'],
      ['CREATE VIEW v AS SELECT 1', 'CREATE_VIEW', undefined, 'QUERY'],
    ];
    for (const [sql, op, table, type] of cases) {
      const m = encode([ddl(sql, { ddlOperation: op, table })]);
      expect([m.type, m.isDdl, m.sql, m.table, m.data, m.old, m.mysqlType, m.sqlType, m.pkNames]).toEqual(
        [type, true, sql, table ?? '', null, null, null, null, null]);
    }
    expect(() => toCanalMessage([ddl('DROP TABLE a'), ddl('DROP TABLE b')], { syncAllFields: false })).toThrow(/on its own/);
  });

  it('a table without a key has pkNames null', () => {
    expect(encode([insert({ a: 1 }, { primaryKey: [], columns: [meta('a', 'int(11)', 4)] })]).pkNames).toBeNull();
  });

  it('every produced message validates against schemas/canal-json.schema.json', () => {
    expect(produced.length).toBeGreaterThan(10);
    for (const m of produced) {
      const ok = validate(m);
      expect([ok, validate.errors ?? null]).toEqual([true, null]);
    }
  });

  it('the schema rejects malformed messages', () => {
    const good = produced[0]!;
    expect(validate({ ...good, data: [{ id: 1 }] })).toBe(false); // numbers are not Canal values
    expect(validate({ ...good, type: 'UPSERT' })).toBe(false);
    expect(validate({ ...good, old: [{}], type: 'INSERT' })).toBe(false);
    expect(validate({ ...good, extra: 1 })).toBe(false);
    const { gtid: _g, ...noGtid } = good;
    expect(validate(noGtid)).toBe(false);
  });
});
