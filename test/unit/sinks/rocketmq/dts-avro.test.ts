import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { avroValue, decodeDtsAvro, dtsPosition, dtsRecordType, encodeDtsAvro, mysqlTypeNumber } from '../../../../runtime/sinks/rocketmq/formats/dts-avro.js';
import type { ColumnMeta } from '../../../../runtime/events/change-event.js';
import { ddl, del, insert, update } from '../../transforms/events.js';

const NS = 'com.alibaba.dts.formats.avro';
const meta = (name: string, mysqlType: string): ColumnMeta => ({ name, mysqlType, sqlType: 0, nullable: true });
const COLS = [
  meta('id', 'bigint(20) unsigned'), meta('price', 'decimal(30,10)'), meta('at', 'datetime(6)'), meta('d', 'date'), meta('t', 'time(6)'),
  meta('ts', 'timestamp(3)'), meta('flags', 'bit(16)'), meta('tags', "set('a','b')"), meta('doc', 'json'), meta('bin', 'varbinary(4)'),
  meta('name', 'varchar(16)'), meta('f', 'double'), meta('n', 'int(11)'), meta('y', 'year(4)'),
];
const ROW = {
  id: 18446744073709551615n, price: '12345678901234567890.0123456789', at: '2024-02-29 23:59:59.000001', d: '2024-02-29',
  t: '-12:30:00.500000', ts: '2024-01-01 00:00:01.250000', flags: Buffer.from([1, 0]), tags: ['a', 'b'], doc: { k: 1 },
  bin: Buffer.from([0, 255]), name: '日本', f: 1.25, n: null, y: 2024,
};

describe('dts-avro', () => {
  it('schemas/dts-avro/Record.avsc declares the DTS Record fields in order', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
    const schemas = JSON.parse(readFileSync(join(root, 'schemas', 'dts-avro', 'Record.avsc'), 'utf8')) as { name: string; fields?: { name: string }[] }[];
    expect(schemas.find((s) => s.name === 'Record')!.fields!.map((f) => f.name)).toEqual([
      'version', 'id', 'sourceTimestamp', 'sourcePosition', 'safeSourcePosition', 'sourceTxid', 'source', 'operation', 'objectName',
      'processTimestamps', 'tags', 'fields', 'beforeImages', 'afterImages', 'bornTimestamp',
    ]);
    expect(dtsRecordType().name).toBe(`${NS}.Record`);
  });

  it('round-trips an INSERT with exact values of every type', () => {
    const e = insert(ROW, { columns: COLS, primaryKey: ['id'], commitTime: 1_700_000_123_456, transactionId: '0-1-77', seq: 99, position: { file: 'mysql-bin.000003', pos: 5203436, gtid: '0-1-77' } });
    const r = decodeDtsAvro(encodeDtsAvro([e], { sourceVersion: '10.11.19-MariaDB' })) as Record<string, any>;
    expect([r.version, r.id, r.sourceTimestamp, r.bornTimestamp, r.sourcePosition, r.safeSourcePosition, r.sourceTxid, r.operation])
      .toEqual([0, 99, 1_700_000_123, 1_700_000_123_456, '5203436@3', '5203436@3', '0-1-77', 'INSERT']);
    expect(r.source).toEqual({ sourceType: 'MySQL', version: '10.11.19-MariaDB' });
    expect(r.objectName).toEqual({ string: 'shop.orders' });
    expect(r.tags).toEqual({ pk_uk_info: '{"PRIMARY":["id"]}', gtid: '0-1-77' });
    expect(r.fields.array.map((f: { name: string; dataTypeNumber: number }) => `${f.name}:${f.dataTypeNumber}`)).toEqual([
      'id:8', 'price:246', 'at:12', 'd:10', 't:11', 'ts:7', 'flags:16', 'tags:248', 'doc:245', 'bin:253', 'name:253', 'f:5', 'n:3', 'y:13',
    ]);
    expect(r.beforeImages).toBeNull();
    const v = r.afterImages.array as Record<string, any>[];
    const un = (x: Record<string, any> | null) => (x === null ? null : Object.values(x)[0]);
    expect(un(v[0]!)).toEqual({ precision: 20, value: '18446744073709551615' });
    expect(un(v[1]!)).toEqual({ value: '12345678901234567890.0123456789', precision: 30, scale: 10 });
    expect(un(v[2]!)).toEqual({ year: { int: 2024 }, month: { int: 2 }, day: { int: 29 }, hour: { int: 23 }, minute: { int: 59 }, second: { int: 59 }, millis: { int: 1 } });
    expect(un(v[3]!)).toEqual({ year: { int: 2024 }, month: { int: 2 }, day: { int: 29 }, hour: null, minute: null, second: null, millis: null });
    expect(un(v[4]!)).toEqual({ year: null, month: null, day: null, hour: { int: -12 }, minute: { int: 30 }, second: { int: 0 }, millis: { int: 500000 } });
    expect(un(v[5]!)).toEqual({ timestamp: 1_704_067_201, millis: 250000 });
    expect(Object.keys(v[5]!)).toEqual([`${NS}.Timestamp`]);
    expect(un(v[6]!)).toEqual({ precision: 20, value: '256' });
    expect(v[7]).toEqual({ [`${NS}.TextObject`]: { type: 'SET', value: 'a,b' } });
    expect(un(v[8]!)).toEqual({ type: 'JSON', value: '{"k":1}' });
    // VARBINARY: a Character of charset binary (the SDK's ObjectType has no VARBINARY).
    expect(v[9]).toEqual({ [`${NS}.Character`]: { charset: 'binary', value: Buffer.from([0, 255]) } });
    expect((un(v[10]!) as { value: Buffer }).value.toString('utf8')).toBe('日本');
    expect(un(v[11]!)).toEqual({ value: 1.25, precision: 0, scale: 0 });
    expect(v[12]).toBeNull();
    expect(v[13]).toEqual({ [`${NS}.DateTime`]: { year: { int: 2024 }, month: null, day: null, hour: null, minute: null, second: null, millis: null } });
  });

  it('UPDATE carries both images, DELETE only the before image', () => {
    const cols = [meta('id', 'int(11)'), meta('s', 'varchar(8)')];
    const u = decodeDtsAvro(encodeDtsAvro([update({ id: 1, s: 'a' }, { id: 1, s: 'b' }, { columns: cols })])) as Record<string, any>;
    expect(u.operation).toBe('UPDATE');
    expect(u.beforeImages.array[1][`${NS}.Character`].value.toString()).toBe('a');
    expect(u.afterImages.array[1][`${NS}.Character`].value.toString()).toBe('b');
    const d = decodeDtsAvro(encodeDtsAvro([del({ id: 1, s: 'a' }, { columns: cols })])) as Record<string, any>;
    expect([d.operation, d.afterImages]).toEqual(['DELETE', null]);
  });

  it('DDL: operation DDL, statement text in afterImages, no fields', () => {
    const r = decodeDtsAvro(encodeDtsAvro([ddl('CREATE DATABASE x', { table: undefined, database: 'x' })])) as Record<string, any>;
    expect([r.operation, r.afterImages, r.beforeImages, r.fields, r.objectName]).toEqual(['DDL', { string: 'CREATE DATABASE x' }, null, null, { string: 'x' }]);
  });

  it('one Record per message', () => {
    expect(() => encodeDtsAvro([insert({ id: 1 }), insert({ id: 2 })])).toThrow(/one Record per message/);
  });

  it('maps MySQL types to the protocol type numbers DTS sends, and positions to DTS form', () => {
    expect(['tinyint(1)', 'mediumint(9)', 'float', 'char(3)', 'binary(2)', 'longtext', 'enum(\'a\')', 'point', 'whatever', 'timestamp(6)', 'datetime', 'time(3)', 'varchar(5)', 'varbinary(5)', 'year'].map(mysqlTypeNumber))
      .toEqual([1, 9, 4, 254, 254, 251, 247, 255, 253, 7, 12, 11, 253, 253, 13]);
    expect(dtsPosition('mariadb-bin.000012', 4)).toBe('4@12');
  });
});

describe('dts-avro values the consumer can read back exactly', () => {
  const col = (mysqlType: string, charset: string | null = null): ColumnMeta => ({ name: 'c', mysqlType, sqlType: 12, nullable: true, unsigned: false, charset });
  const inner = (w: unknown) => Object.values(w as Record<string, Record<string, unknown>>)[0]!;

  it("Character bytes are the column's own charset and bytes; latin1 (Windows-1252) is labelled cp1252, which Java reads as such", () => {
    const latin = inner(avroValue('café€', col('varchar(10)', 'latin1')));
    expect(latin.charset).toBe('cp1252');
    expect((latin.value as Buffer).toString('hex')).toBe('636166e980');
    const utf = inner(avroValue('😀', col('varchar(10)', 'utf8mb4')));
    expect([utf.charset, (utf.value as Buffer).toString('utf8')]).toEqual(['utf8mb4', '😀']);
    const cases: [string, string, string][] = [
      ['gbk', '中文', 'd6d0cec4'], ['big5', '中文', 'a4a4a4e5'], ['sjis', '日本', '93fa967b'], ['ujis', '日本', 'c6fccbdc'],
      ['euckr', '한국', 'c7d1b1b9'], ['cp1251', 'Жж', 'c6e6'], ['latin2', 'Łł', 'a3b3'],
    ];
    for (const [charset, textValue, hex] of cases) {
      const v = inner(avroValue(textValue, col('varchar(10)', charset)));
      expect({ charset, label: v.charset, hex: (v.value as Buffer).toString('hex') }).toEqual({ charset, label: charset, hex });
    }
    // A text the column's charset cannot hold (never from that column): UTF-8, labelled so.
    const other = inner(avroValue('😀', col('varchar(10)', 'gbk')));
    expect([other.charset, (other.value as Buffer).toString('utf8')]).toEqual(['utf8mb4', '😀']);
  });

  it('TEXT and BLOB are BinaryObjects typed TEXT / BLOB; ENUM is a TextObject; spatial values are WKB', () => {
    expect(avroValue('中', col('text', 'gbk'))).toEqual({ [`${NS}.BinaryObject`]: { type: 'TEXT', value: Buffer.from('d6d0', 'hex') } });
    expect(avroValue(Buffer.from([1, 2]), col('blob'))).toEqual({ [`${NS}.BinaryObject`]: { type: 'BLOB', value: Buffer.from([1, 2]) } });
    expect(avroValue('x', col("enum('x')", 'utf8mb4'))).toEqual({ [`${NS}.TextObject`]: { type: 'ENUM', value: 'x' } });
    const stored = Buffer.concat([Buffer.from([0xe6, 0x10, 0, 0]), Buffer.from('0101000000000000000000f03f0000000000000040', 'hex')]); // SRID 4326, POINT(1 2)
    expect(avroValue(stored, col('point'))).toEqual({ [`${NS}.BinaryGeometry`]: { type: 'GEOMETRY', value: stored.subarray(4) } });
  });

  it('a negative TIME keeps its sign when the hour is zero', () => {
    const parts = (s: string) => {
      const v = inner(avroValue(s, col('time(6)')));
      return ['hour', 'minute', 'second', 'millis'].map((k) => (v[k] as { int: number } | null)?.int);
    };
    expect(parts('-00:00:01.500000')).toEqual([0, 0, -1, 500000]);
    expect(parts('-00:00:00.500000')).toEqual([0, 0, 0, -500000]);
    expect(parts('-12:30:00.000000')).toEqual([-12, 30, 0, 0]);
    expect(parts('838:59:59.000000')).toEqual([838, 59, 59, 0]);
  });

  it('the zero TIMESTAMP is epoch 0', () => {
    expect(inner(avroValue('0000-00-00 00:00:00', col('timestamp')))).toEqual({ timestamp: 0, millis: 0 });
    expect(inner(avroValue('1970-01-01 00:00:01.5', col('timestamp(1)')))).toEqual({ timestamp: 1, millis: 500000 });
  });
});
