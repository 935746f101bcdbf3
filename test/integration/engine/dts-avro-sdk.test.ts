// DTS Avro as DTS's own consumers read it. A dts-avro task (real `dts run`, real broker) carries a
// table of every MySQL type MariaDB has, UUID/INET, spatial values and text columns in gbk, big5, sjis,
// ujis, euckr, cp1251, latin2 and latin1 (bytes 0x80-0x9F included), through full sync and the binlog
// (INSERT, UPDATE, DELETE) plus a DDL. Every message is decoded by Alibaba Cloud's subscribe SDK
// (com.aliyun.dts:dts-new-subscribe-sdk 2.0.0: AvroDeserializer, AvroRecordParser and its value
// deserializers; scripts/java/DtsSdkDecode.java) and must:
//  - decode without an exception;
//  - carry, per dataTypeNumber, the union branch DTS's published example consumer expects
//    (EXAMPLE_BRANCHES: read from its MysqlFieldConverter, which picks a converter by that number);
//  - show every value as the source has it: text as the server prints it (decoded by the SDK in the
//    charset the record names), bytes (binary, BLOB, TEXT in its column charset) and WKB equal by HEX.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { decodeWithDtsSdk, type SdkValue } from '../../../scripts/stack/dts-sdk.js';
import { drain, orderlyGroup, runUntilCaughtUp, scratchDir, writeManifest } from '../../support/engine.js';
import { createTopic, deleteTopic, uniqueName } from '../../support/stack.js';
import { rocketMqTask } from '../../support/task-spec.js';
import { adminConnection } from '../mysql-e2e/helpers.js';

/** dataTypeNumber -> the branch the example's converter for it casts to. */
const EXAMPLE_BRANCHES: Readonly<Record<number, string>> = {
  0: 'Decimal', 246: 'Decimal', 1: 'Integer', 2: 'Integer', 3: 'Integer', 8: 'Integer', 9: 'Integer', 16: 'Integer',
  4: 'Float', 5: 'Float', 7: 'Timestamp', 10: 'DateTime', 11: 'DateTime', 12: 'DateTime', 13: 'DateTime', 14: 'DateTime',
  15: 'Character', 253: 'Character', 254: 'Character', 249: 'BinaryObject', 250: 'BinaryObject', 251: 'BinaryObject', 252: 'BinaryObject',
  245: 'TextObject', 247: 'TextObject', 248: 'TextObject', 255: 'BinaryGeometry',
};

const COLUMNS = `id INT PRIMARY KEY, c_tiny TINYINT, c_small SMALLINT UNSIGNED, c_med MEDIUMINT, c_int INT, c_big BIGINT UNSIGNED, c_bit BIT(12),
  c_flt FLOAT, c_dbl DOUBLE, c_dec DECIMAL(30,10), c_year YEAR, c_date DATE, c_time TIME(6), c_dt DATETIME(6), c_ts TIMESTAMP(6) NULL,
  c_char CHAR(4) CHARACTER SET utf8mb4, c_vc VARCHAR(20) CHARACTER SET utf8mb4, c_bin BINARY(3), c_vb VARBINARY(8), c_txt TEXT CHARACTER SET utf8mb4,
  c_blob BLOB, c_enum ENUM('a','é'), c_set SET('x','ü'), c_json JSON, c_uuid UUID, c_inet4 INET4, c_inet6 INET6,
  c_point POINT, c_line LINESTRING, c_poly POLYGON, c_geo GEOMETRY,
  c_gbk VARCHAR(10) CHARACTER SET gbk, c_big5 VARCHAR(10) CHARACTER SET big5, c_sjis VARCHAR(10) CHARACTER SET sjis, c_ujis VARCHAR(10) CHARACTER SET ujis,
  c_euckr VARCHAR(10) CHARACTER SET euckr, c_cp1251 VARCHAR(10) CHARACTER SET cp1251, c_latin2 VARCHAR(10) CHARACTER SET latin2,
  c_latin1 VARCHAR(10) CHARACTER SET latin1, c_gbktxt TEXT CHARACTER SET gbk`;
const ROWS = [
  `(1, -128, 65535, -8388608, -2147483648, 18446744073709551615, b'101000000001', 3.4e38, 5e-324, '-12345678901234567890.0123456789', 1901, '1000-01-01',
    '-838:59:59.000000', '0000-00-00 00:00:00', '1970-01-01 00:00:01.000001', 'ab', 'héllo 🐬 世界', x'00ff00', x'', 'tab\\there 😀', x'00',
    'é', 'x,ü', '{"n": 123456789012345678901234567890, "k" : [1,  2]}', '123e4567-e89b-12d3-a456-426655440000', '1.2.3.4', '2001:db8::1',
    POINT(1, 2), ST_GeomFromText('LINESTRING(0 0,1 1,2 5)'), ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))'), ST_GeomFromText('POINT(-1.5 1e300)', 4326),
    '中文', '中文', '日本', '日本', '한국', 'Жж', 'Łł', 'café€‚ž', '中文字')`,
  `(2, 0, 0, 0, 0, 0, b'0', -0e0, -1.5, '0.0000001234', 2155, '9999-12-31', '-00:00:01.500000', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999',
    '', '', x'000000', x'ffffffffffffffff', '', x'', 'a', '', '"str"', '00000000-0000-0000-0000-000000000001', '0.0.0.0', '::',
    NULL, NULL, NULL, ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,2 2))'), '', '', '', '', '', '', '', '', '')`,
  `(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
];

/** Types compared by their bytes (HEX): binary strings, BLOB, TEXT (in its column's charset); spatial types by their WKB. */
const BYTES = new Set(['binary', 'varbinary', 'blob', 'tinyblob', 'mediumblob', 'longblob', 'text', 'tinytext', 'mediumtext', 'longtext']);
const SPATIAL = new Set(['point', 'linestring', 'polygon', 'geometry', 'multipoint', 'multilinestring', 'multipolygon', 'geometrycollection']);

/** What the SDK's text of a temporal value and the server's text have in common: no trailing fractional zeros. */
const trimFraction = (s: string): string => s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

describe('DTS Avro read by the DTS subscribe SDK (real dts run, real broker)', () => {
  const db = uniqueName('sdk');
  const topic = `sdk-${db}`.replace(/_/g, '-');
  let src: mysql.Connection;
  let types: Map<string, string>;

  beforeAll(async () => {
    src = await adminConnection('source');
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.t (${COLUMNS})`);
    await src.query("SET time_zone = '+00:00'");
    await src.query(`INSERT INTO ${db}.t VALUES ${ROWS.join(', ')}`);
    const [cols] = await src.query('SELECT COLUMN_NAME AS n, DATA_TYPE AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [db, 't']);
    types = new Map((cols as { n: string; t: string }[]).map((c) => [c.n, c.t.toLowerCase()]));
    // MariaDB's JSON is LONGTEXT with a json_valid() check: its values are text, not bytes.
    const [checks] = await src.query('SELECT CHECK_CLAUSE AS c FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?', [db]);
    for (const { c } of checks as { c: string }[]) {
      const json = /json_valid\(`(\w+)`\)/.exec(c)?.[1];
      if (json) types.set(json, 'json');
    }
    await createTopic(topic, { fifo: true });
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await deleteTopic(topic).catch(() => undefined);
    await src.end();
  });

  /** Per column, the source's value in the shape the SDK's reading is compared in; by id. */
  async function sourceRows(): Promise<Map<number, Record<string, string | null>>> {
    const expr = (c: string, t: string): string => {
      if (BYTES.has(t)) return `LOWER(HEX(${c}))`;
      if (SPATIAL.has(t)) return `LOWER(HEX(ST_AsBinary(${c})))`;
      if (t === 'bit') return `CAST(${c} + 0 AS CHAR)`;
      return `CAST(${c} AS CHAR)`;
    };
    await src.query("SET time_zone = '+00:00'");
    const [rows] = await src.query(`SELECT ${[...types].map(([c, t]) => `${expr(c, t)} AS ${c}`).join(', ')} FROM ${db}.t`);
    return new Map((rows as Record<string, string | null>[]).map((r) => [Number(r.id), r]));
  }

  /** Why the SDK's value differs from the source's, or undefined when it does not. */
  function differs(type: string, source: string | null, v: SdkValue | null): string | undefined {
    if (source === null || v === null) return source === null && v === null ? undefined : `source ${source}, sdk ${JSON.stringify(v)}`;
    let same: boolean;
    if (BYTES.has(type) || SPATIAL.has(type)) same = v.hex === source;
    else if (type === 'float') same = Math.abs(Number(v.text) - Number(source)) <= Math.abs(Number(source)) * 1e-6;
    else if (type === 'double') same = Object.is(Number(v.text), Number(source)) || (Number(source) === 0 && Number(v.text) === 0);
    else if (type === 'decimal') same = v.plain === source;
    else if (['date', 'time', 'datetime', 'timestamp'].includes(type)) same = trimFraction(v.text) === trimFraction(source);
    else same = v.text === source;
    return same ? undefined : `source ${JSON.stringify(source)}, sdk ${JSON.stringify(v)}`;
  }

  it('every record decodes; every value is the source value; every branch is the one the example expects', async () => {
    const group = await orderlyGroup(`GID_${topic}`);
    const dir = scratchDir('dts-avro-sdk');
    const manifest = writeManifest(dir, [
      rocketMqTask({ name: `${db}_a`, topic, full: true, objects: [{ database: db, dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: ['ALTER_TABLE'] }], rocketmq: { format: 'dts-avro' } }),
    ]);
    expect((await runUntilCaughtUp(manifest, { stateDir: `${dir}/state` })).exit.code).toBe(0);
    const fullSync = await sourceRows();
    // The binlog path: the same rows again, an UPDATE rewriting every column, a DELETE, a DDL.
    const names = [...types.keys()].filter((c) => c !== 'id');
    await src.query(`INSERT INTO ${db}.t SELECT id + 100, ${names.join(', ')} FROM ${db}.t WHERE id < 100`);
    await src.query(`UPDATE ${db}.t a JOIN ${db}.t b ON b.id = 1 SET ${names.map((c) => `a.${c} = b.${c}`).join(', ')} WHERE a.id = 102`);
    const deleted = (await sourceRows()).get(103)!;
    await src.query(`DELETE FROM ${db}.t WHERE id = 103`);
    await src.query(`ALTER TABLE ${db}.t ADD COLUMN c_new INT`);
    expect((await runUntilCaughtUp(manifest, { stateDir: `${dir}/state` })).exit.code).toBe(0);
    const final = await sourceRows();

    const messages = await drain(group, [topic], { idleMs: 4000 });
    const records = await decodeWithDtsSdk(messages.map((m) => m.body));
    expect(records.filter((r) => r.error !== null).map((r) => r.error)).toEqual([]);
    const dml = records.filter((r) => r.op !== 'DDL');
    expect(dml.map((r) => r.op).sort()).toEqual([...Array(3).fill('INSERT'), ...Array(3).fill('INSERT'), 'UPDATE', 'DELETE'].sort());
    expect(records.filter((r) => r.op === 'DDL').map((r) => r.ddl)).toEqual([`ALTER TABLE ${db}.t ADD COLUMN c_new INT`]);

    const problems: string[] = [];
    for (const r of dml) {
      const image = r.op === 'DELETE' ? 'before' : 'after';
      const idValue = r.fields!.find((f) => f.name === 'id')![image]!.text;
      const id = Number(idValue);
      // Full sync and INSERT of rows 1-3: as they were; 101 and 102 (after its UPDATE) and the DELETE's image of 103.
      const expected = r.op === 'DELETE' ? deleted : id < 100 ? fullSync.get(id)! : r.op === 'UPDATE' ? final.get(id)! : fullSync.get(id - 100)!;
      for (const f of r.fields!) {
        const value = f[image];
        if (value !== null && EXAMPLE_BRANCHES[f.type] !== value.branch) problems.push(`${r.op} ${id} ${f.name}: dataTypeNumber ${f.type} with branch ${value.branch}; the example expects ${EXAMPLE_BRANCHES[f.type] ?? 'no such number'}`);
        const source = f.name === 'id' ? String(id) : expected[f.name] ?? null;
        const why = differs(types.get(f.name)!, source, value);
        if (why) problems.push(`${r.op} ${id} ${f.name} (${types.get(f.name)}): ${why}`);
      }
    }
    expect(problems).toEqual([]);
    // The euro sign and its latin1 neighbours (bytes 0x80-0x9F) come back through a Java decoder.
    const latin1 = dml.find((r) => r.op === 'INSERT' && r.fields!.find((f) => f.name === 'id')!.after!.text === '1')!.fields!.find((f) => f.name === 'c_latin1')!.after!;
    expect(latin1.text).toBe('café€‚ž');
  }, 240_000);
});
