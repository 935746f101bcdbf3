// kill -9 of `dts run` in the middle of one large source transaction delivered to RocketMQ in pieces
// (issue 10). The checkpoint never moves inside the transaction, so the restart repeats that
// transaction, and only it: every row change arrives, the transactions before and after it arrive
// once, and the README's rule (drop a message whose last row identity is not after the last one
// applied in its group) leaves each row change exactly once, in order per key.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { STREAM_TRANSACTION_ROWS } from '../../../runtime/manifest/defaults.js';
import { comparePositions } from '../../../runtime/sources/mysql/position.js';
import { createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';
import { rocketMqTask } from '../../support/task-spec.js';
import type { Received } from '../../support/consume.js';
import { canalRows, drain, orderlyGroup, readTaskCheckpoint, runUntilCaughtUp, scratchDir, spawnEngine, waitForExit, writeManifest } from '../../support/engine.js';

const ROWS = STREAM_TRANSACTION_ROWS * 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** (position, row) of a message's last row, ordered like the binlog. */
function lastIdentity(m: Received): { file: string; pos: number; row: number } {
  const [file, pos] = m.properties.get('dts_position_last')!.split(':');
  return { file: file!, pos: Number(pos), row: Number(m.properties.get('dts_row_last')) };
}

function after(a: { file: string; pos: number; row: number }, b: { file: string; pos: number; row: number }): boolean {
  const c = comparePositions(a, b);
  return c > 0 || (c === 0 && a.row > b.row);
}

describe('dts run killed inside a large transaction (real MariaDB + RocketMQ)', () => {
  const db = uniqueName('hugetx');
  const topic = uniqueName('hugetx_topic');
  const group = uniqueName('GID_hugetx');
  const dir = scratchDir('hugetx');
  const stateDir = `${dir}/state`;
  let manifest: string;
  let admin: mysql.Connection;

  beforeAll(async () => {
    admin = await mysql.createConnection(sourceConnection());
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v INT NOT NULL)`);
    await admin.query(`INSERT INTO ${db}.t SELECT seq, 0 FROM ${db}.seq_1_to_${ROWS}`);
    await Promise.all([createTopic(topic, { fifo: true }), orderlyGroup(group)]);
    // 8,000 rows/s: the transaction takes seconds to deliver, so the kill lands inside it.
    const task = rocketMqTask({
      name: 'hugetx',
      topic,
      objects: [{ database: db, table: 't', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }],
      rocketmq: { ordering: { rule: 'columns', buckets: 4 } },
      overrides: { throttle: { incremental: { rps: 8000 } } },
    });
    manifest = writeManifest(dir, [task]);
    const { exit, engine } = await runUntilCaughtUp(manifest, { stateDir });
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr() }).toEqual({ code: 0, stderr: '' });
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await deleteTopic(topic).catch(() => undefined);
  });

  it('repeats only the transaction it died in; nothing lost, each row once after dropping repeats', async () => {
    await admin.query(`INSERT INTO ${db}.t VALUES (-1, 0)`); // a transaction before
    await admin.query(`UPDATE ${db}.t SET v = v + 1 WHERE id > 0`);
    await admin.query(`INSERT INTO ${db}.t VALUES (-2, 0)`); // and one after
    const checkpointBefore = readTaskCheckpoint(stateDir, 'hugetx').binlog!;

    const engine = spawnEngine(manifest, { stateDir });
    await engine.waitForLog((l) => l.msg === 'task state Synchronizing');
    await sleep(2500);
    engine.kill('SIGKILL');
    expect((await waitForExit(engine, 10_000)).signal).toBe('SIGKILL');
    const first = await drain(group, [topic], { idleMs: 3000, timeoutMs: 60_000 });
    const updatedBeforeCrash = canalRows(first).filter((r) => r.type === 'UPDATE').length;
    // It died inside the transaction: part of it was delivered, and the checkpoint is still before it.
    expect(updatedBeforeCrash).toBeGreaterThan(0);
    expect(updatedBeforeCrash).toBeLessThan(ROWS);
    const atCrash = readTaskCheckpoint(stateDir, 'hugetx').binlog!;
    expect(comparePositions(atCrash, checkpointBefore)).toBeGreaterThanOrEqual(0);

    const { exit, engine: again } = await runUntilCaughtUp(manifest, { stateDir }, 120_000);
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : again.stderr().slice(-2000) }).toEqual({ code: 0, stderr: '' });
    const second = await drain(group, [topic], { idleMs: 3000, timeoutMs: 90_000 });
    const all = [...first, ...second];

    // Nothing lost; repeats only of the large transaction (one begin position for all its rows).
    const rows = canalRows(all);
    const updates = rows.filter((r) => r.type === 'UPDATE');
    expect(new Set(updates.map((r) => r.data.id)).size).toBe(ROWS);
    expect(new Set(updates.map((r) => r.message.properties.get('dts_position'))).size).toBe(1);
    expect(rows.filter((r) => r.type === 'INSERT').map((r) => r.data.id).sort()).toEqual(['-1', '-2']);
    expect(updates.length).toBeGreaterThan(ROWS); // the restart repeated part of it

    // The README's rule per message group: drop a message whose last row is not after the last applied.
    const applied = new Map<string, { file: string; pos: number; row: number }>();
    const kept: Received[] = [];
    for (const m of all) {
      const id = lastIdentity(m);
      const seen = applied.get(m.group ?? '');
      if (seen && !after(id, seen)) continue;
      applied.set(m.group ?? '', id);
      kept.push(m);
    }
    const keptUpdates = canalRows(kept).filter((r) => r.type === 'UPDATE');
    // A message straddling the last applied identity may hold a row again (README): per key it converges.
    const perKey = new Map<string, string>();
    for (const r of keptUpdates) perKey.set(r.data.id!, r.data.v!);
    expect(perKey.size).toBe(ROWS);
    expect([...perKey.values()].every((v) => v === '1')).toBe(true);
    expect(keptUpdates.length).toBeLessThan(updates.length);
  }, 300_000);
});
