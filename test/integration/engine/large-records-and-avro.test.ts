// Records over 4 MB and the dts-avro format, through `dts run`:
// - a 5 MB LONGTEXT row with filterLargeRecords true is skipped, the stream goes on, and a warning
//   names the task, the table and the key;
// - with filterLargeRecords false, `dts run` exits 1 and the task's status.json is Failed with a
//   reason naming the table and the key;
// - dts-avro messages decode with decodeDtsAvro into the right operation, object and values.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { decodeDtsAvro } from '../../../runtime/sinks/rocketmq/formats/dts-avro.js';
import { createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';
import { ALL_DML, rocketMqTask } from '../../support/task-spec.js';
import { canalRows, drain, orderlyGroup, readTaskStatus, runUntilCaughtUp, scratchDir, spawnEngine, waitForExit, writeManifest } from '../../support/engine.js';

const NS = 'com.alibaba.dts.formats.avro';
const BIG = 5 * 1024 * 1024;

/** A decoded image value as text (the union branch's `value`). */
function imageText(v: unknown): string | null {
  if (v === null) return null;
  const [branch, inner] = Object.entries(v as Record<string, { value: unknown }>)[0]!;
  const value = inner.value;
  return `${branch.replace(`${NS}.`, '')}:${Buffer.isBuffer(value) ? value.toString('utf8') : String(value)}`;
}

describe('large records and dts-avro through dts run (real MariaDB + RocketMQ)', () => {
  const db = uniqueName('big');
  const bigTopic = uniqueName('big_topic');
  const avroTopic = uniqueName('avro_topic');
  const group = uniqueName('GID_big');
  const dir = scratchDir('big');
  const stateDir = `${dir}/state`;
  let manifest: string;
  let admin: mysql.Connection;
  let savedMaxPacket: number | undefined;

  beforeAll(async () => {
    const probe = await mysql.createConnection(sourceConnection());
    const [rows] = await probe.query('SELECT @@GLOBAL.max_allowed_packet AS m');
    const current = Number((rows as { m: number }[])[0]!.m);
    if (current < 16 * 1024 * 1024) {
      savedMaxPacket = current;
      await probe.query(`SET GLOBAL max_allowed_packet = ${16 * 1024 * 1024}`);
    }
    await probe.end();
    admin = await mysql.createConnection(sourceConnection()); // opened after the raise, so it applies
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.blobs (id INT PRIMARY KEY, body LONGTEXT NOT NULL)`);
    await admin.query(`CREATE TABLE ${db}.prices (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL, price DECIMAL(10,2) NOT NULL, note TEXT NULL)`);
    await Promise.all([createTopic(bigTopic, { fifo: true }), createTopic(avroTopic, { fifo: true }), orderlyGroup(group)]);
    const blobs = { database: db, table: 'blobs', dml: [...ALL_DML], ddl: [] };
    manifest = writeManifest(dir, [
      rocketMqTask({ name: 'big-skip', topic: bigTopic, objects: [blobs], rocketmq: { filterLargeRecords: true } }),
      rocketMqTask({ name: 'big-fail', topic: bigTopic, objects: [blobs], rocketmq: { filterLargeRecords: false } }),
      rocketMqTask({ name: 'avro', topic: avroTopic, objects: [{ database: db, table: 'prices', dml: [...ALL_DML], ddl: [] }], rocketmq: { format: 'dts-avro' } }),
    ]);
    // One run of all three tasks pins their start at the current binlog end.
    const { exit, engine } = await runUntilCaughtUp(manifest, { stateDir });
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr() }).toEqual({ code: 0, stderr: '' });

    await admin.query(`INSERT INTO ${db}.blobs VALUES (1, 'small one')`);
    await admin.query(`INSERT INTO ${db}.blobs VALUES (2, ?)`, ['x'.repeat(BIG)]);
    await admin.query(`INSERT INTO ${db}.blobs VALUES (3, 'small three')`);
    await admin.query(`UPDATE ${db}.blobs SET body = 'small one, updated' WHERE id = 1`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    if (savedMaxPacket !== undefined) await admin.query(`SET GLOBAL max_allowed_packet = ${savedMaxPacket}`);
    await admin.end();
    await Promise.all([deleteTopic(bigTopic).catch(() => undefined), deleteTopic(avroTopic).catch(() => undefined)]);
  });

  it('filterLargeRecords true: the 5 MB row is skipped with a warning naming task, table and key; the rest arrives', async () => {
    const engine = spawnEngine(manifest, { stateDir, untilCaughtUp: true, task: 'big-skip' });
    const exit = await waitForExit(engine);
    expect(exit.code).toBe(0);
    expect(readTaskStatus(stateDir, 'big-skip').state).toBe('Suspended');
    const warning = engine.logs.find((l) => l.msg === 'large record skipped');
    expect(warning).toMatchObject({ task: 'big-skip', table: `${db}.blobs`, key: '2' });
    expect(Number(warning!.bytes)).toBeGreaterThan(4 * 1024 * 1024);

    const rows = canalRows(await drain(group, [bigTopic], { idleMs: 3000 }));
    expect(rows.map((r) => `${r.type} ${r.data.id} ${r.data.body}`)).toEqual([
      'INSERT 1 small one',
      'INSERT 3 small three',
      'UPDATE 1 small one, updated',
    ]);
  });

  it('filterLargeRecords false: dts run exits 1 and status.json is Failed naming the table and the key', async () => {
    const engine = spawnEngine(manifest, { stateDir, untilCaughtUp: true, task: 'big-fail' });
    const exit = await waitForExit(engine);
    expect(exit.code).toBe(1);
    const status = readTaskStatus(stateDir, 'big-fail');
    expect(status.state).toBe('Failed');
    expect(status.reason).toContain(`${db}.blobs`);
    expect(status.reason).toContain('key 2');
    expect(status.reason).toContain('filterLargeRecords');
    expect(engine.stderr()).toContain('task big-fail: Failed');
  });

  it('dts-avro: one Record per row change, decodable, with the right operation, object and images', async () => {
    await admin.query(`INSERT INTO ${db}.prices VALUES (1, 'tea', 12.50, NULL), (2, 'café', 3.10, 'hot')`);
    await admin.query(`UPDATE ${db}.prices SET price = 13.00 WHERE id = 1`);
    await admin.query(`DELETE FROM ${db}.prices WHERE id = 2`);
    const { exit } = await runUntilCaughtUp(manifest, { stateDir, task: 'avro' });
    expect(exit.code).toBe(0);

    const messages = await drain(group, [avroTopic], { idleMs: 3000 });
    const records = messages.map((m) => ({ m, r: decodeDtsAvro(m.body) }));
    const summary = records.map(({ r }) => ({
      operation: r.operation,
      objectName: (r.objectName as { string: string }).string,
      fields: (r.fields as { array: { name: string }[] }).array.map((f) => f.name),
      before: (r.beforeImages as { array: unknown[] } | null)?.array.map(imageText) ?? null,
      after: (r.afterImages as { array: unknown[] } | null)?.array.map(imageText) ?? null,
    }));
    // Keys 1 and 2 hash to their own buckets; per key the order holds. Sort by key then id for a stable view.
    const byKey = (k: string) => summary.filter((s) => (s.after ?? s.before)![0] === `Integer:${k}`);
    const fields = ['id', 'name', 'price', 'note'];
    expect(byKey('1')).toEqual([
      { operation: 'INSERT', objectName: `${db}.prices`, fields, before: null, after: ['Integer:1', 'Character:tea', 'Decimal:12.50', null] },
      {
        operation: 'UPDATE',
        objectName: `${db}.prices`,
        fields,
        before: ['Integer:1', 'Character:tea', 'Decimal:12.50', null],
        after: ['Integer:1', 'Character:tea', 'Decimal:13.00', null],
      },
    ]);
    expect(byKey('2')).toEqual([
      { operation: 'INSERT', objectName: `${db}.prices`, fields, before: null, after: ['Integer:2', 'Character:café', 'Decimal:3.10', 'BinaryObject:hot'] },
      { operation: 'DELETE', objectName: `${db}.prices`, fields, before: ['Integer:2', 'Character:café', 'Decimal:3.10', 'BinaryObject:hot'], after: null },
    ]);
    expect(records).toHaveLength(4);
    // The consumer can dedupe: every message names its source position and sequence.
    for (const { m, r } of records) {
      expect(m.properties.get('dts_seq_first')).toBe(String(r.id));
      expect(m.properties.get('dts_position')).toMatch(/:\d+$/);
      expect(m.keys).toEqual([String(((r.afterImages ?? r.beforeImages) as { array: { [k: string]: { value: string } }[] }).array[0]![`${NS}.Integer`]!.value)]);
    }
  });
});
