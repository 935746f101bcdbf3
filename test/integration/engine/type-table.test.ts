// The type table of the "prove the guarantees" issue, through both sinks and both paths: rows written
// before the task (full sync) and the same rows again after it (binlog), one column of every awkward
// value. MySQL: the destination is byte-identical (HEX). Canal JSON: every value is what the server
// prints (bytes for binary and spatial), and a full-sync row and its binlog twin carry identical values.
// DTS Avro: every Record decodes, and each union branch holds the source's value.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import type { Received } from '../../support/consume.js';
import { drain, orderlyGroup, runUntilCaughtUp, scratchDir, writeManifest } from '../../support/engine.js';
import { databaseObject, mysqlTask } from '../../support/mysql-task.js';
import { createTopic, deleteTopic, uniqueName } from '../../support/stack.js';
import { rocketMqTask } from '../../support/task-spec.js';
import { avroFormat } from '../../torture/avro-format.js';
import { checkMySql, checkReplay } from '../../torture/check.js';
import type { TableSpec } from '../../torture/schema.js';
import { adminConnection } from '../mysql-e2e/helpers.js';

const COLUMNS = `id INT PRIMARY KEY, c_json JSON, c_year YEAR, c_uuid UUID, c_inet4 INET4, c_inet6 INET6, c_point POINT, c_line LINESTRING,
  c_poly POLYGON, c_geo GEOMETRY, c_enum ENUM('a','é'), c_set SET('x','ü'), c_bit BIT(64), c_dbl DOUBLE, c_flt FLOAT, c_dec DECIMAL(65,30),
  c_time TIME(6), c_dt DATETIME(6), c_d DATE, c_txt TEXT CHARACTER SET utf8mb4, c_lat VARCHAR(10) CHARACTER SET latin1, c_bin VARBINARY(16), c_ch CHAR(4)`;
const NAMES = [...COLUMNS.matchAll(/(?:^|,\s*)(c_\w+) /g)].map((m) => m[1]!);
const ROWS = [
  `(1,'null',0,'123e4567-e89b-12d3-a456-426655440000','1.2.3.4','::ffff:1.2.3.4',POINT(1,2),ST_GeomFromText('LINESTRING(0 0,1 1)'),ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))'),ST_GeomFromText('POINT(3 4)',4326),
    '','x,ü',x'ffffffffffffffff',-0e0,3.4e38,'0.100000000000000000000000000000','-838:59:59.000000','0000-00-00 00:00:00','0000-00-00','😀 x','café€',x'00ff00','ab')`,
  `(2,'{"n": 123456789012345678901234567890, "z": -0.0, "e": 1e400, "k" : [1,  2]}',2155,'00000000-0000-0000-0000-000000000001','255.255.255.255','2001:db8::1',NULL,NULL,NULL,NULL,
    'é','',b'0',99532.07988291979,0.1,'-12345678901234567890123456789012345.123456789012345678901234567890','-00:00:01.500000','9999-12-31 23:59:59.999999','2020-00-00','','',x'','')`,
  `(3,'"str"',1901,'ffffffff-ffff-ffff-ffff-ffffffffffff','0.0.0.0','::',NULL,NULL,NULL,ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,2 2))'),
    'a','ü',NULL,5e-324,16777217,'0','838:59:59.999999','1000-01-01 00:00:00','1000-01-01','tab\\there',NULL,NULL,NULL)`,
];

describe('the type table round-trips byte-exactly on both paths and both sinks', () => {
  const db = uniqueName('types');
  const topic = `types-${db}`.replace(/_/g, '-');
  const avroTopic = `${topic}-avro`;
  let src: mysql.Connection;
  let dst: mysql.Connection;

  beforeAll(async () => {
    src = await adminConnection('source');
    dst = await adminConnection('destination');
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.mini (${COLUMNS})`);
    // ENUM index 0 (the error member '') exists only where a lenient session stored it.
    await src.query("SET SESSION sql_mode = ''");
    await src.query(`INSERT INTO ${db}.mini VALUES ${ROWS.join(', ')}`);
    await src.query("SET SESSION sql_mode = DEFAULT");
    await Promise.all([createTopic(topic, { fifo: true }), createTopic(avroTopic, { fifo: true })]);
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${db}`);
    await deleteTopic(topic).catch(() => undefined);
    await deleteTopic(avroTopic).catch(() => undefined);
    await src.end();
    await dst.end();
  });

  it('full sync, then the same rows from the binlog (INSERT and UPDATE)', async () => {
    expect(NAMES).toHaveLength(22);
    const group = await orderlyGroup(`GID_${topic}`);
    const avroGroup = await orderlyGroup(`GID_${avroTopic}`);
    const dir = scratchDir('types');
    const manifest = writeManifest(dir, [
      mysqlTask({ name: `${db}_m`, objects: [databaseObject(db)] }),
      rocketMqTask({ name: `${db}_q`, topic, full: true, objects: [{ database: db, dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }] }),
      rocketMqTask({ name: `${db}_a`, topic: avroTopic, full: true, objects: [{ database: db, dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }], rocketmq: { format: 'dts-avro' } }),
    ]);
    expect((await runUntilCaughtUp(manifest, { stateDir: `${dir}/state` })).exit.code).toBe(0);
    await src.query("SET SESSION sql_mode = ''");
    await src.query(`INSERT INTO ${db}.mini SELECT id + 100, ${NAMES.join(', ')} FROM ${db}.mini WHERE id < 100`);
    // An UPDATE that rewrites every column with the values of another row.
    await src.query(`UPDATE ${db}.mini a JOIN ${db}.mini b ON b.id = 2 SET ${NAMES.map((c) => `a.${c} = b.${c}`).join(', ')} WHERE a.id = 103`);
    await src.query("SET SESSION sql_mode = DEFAULT");
    expect((await runUntilCaughtUp(manifest, { stateDir: `${dir}/state` })).exit.code).toBe(0);

    const spec = { name: 'mini', key: { columns: [{ name: 'id' }] } } as unknown as TableSpec;
    expect(await checkMySql(src, dst, db, [spec])).toEqual([]);
    const messages: Received[] = await drain(group, [topic], { idleMs: 4000 });
    const replay = await checkReplay(src, db, [spec], messages);
    expect(replay.schemaErrors).toEqual([]);
    expect(replay.mismatches).toEqual([]);
    // The full-sync image of row N and the binlog INSERT of row N + 100 carry identical values.
    const inserts = messages.flatMap((m) => {
      const b = m.json() as { type: string; data: Record<string, string | null>[] };
      return b.type === 'INSERT' ? b.data : [];
    });
    for (const id of [1, 2, 3]) {
      const full = inserts.find((d) => d.id === String(id));
      const streamed = inserts.find((d) => d.id === String(id + 100));
      expect({ ...streamed, id: String(id) }).toEqual(full);
    }

    const avro = await drain(avroGroup, [avroTopic], { idleMs: 4000 });
    const avroReplay = await checkReplay(src, db, [spec], avro, avroFormat());
    expect(avroReplay.schemaErrors).toEqual([]);
    expect(avroReplay.mismatches).toEqual([]);
  }, 180_000);
});
