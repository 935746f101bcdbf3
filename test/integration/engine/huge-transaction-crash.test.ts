// kill -9 of `dts run` in the middle of one large source transaction delivered to RocketMQ in pieces
// (issue 10). The checkpoint never moves inside the transaction, so the restart repeats from that
// transaction's first row and nothing before it: every row change arrives, the transaction before it
// once. A later transaction whose message group was sent meanwhile (groups go in parallel) may repeat
// too, as after any crash; the README's rule (drop a message whose last row identity is not after the
// last one applied in its group) leaves each row change once, and each key's last image right.
import { describe, expect, it } from '@jest/globals';
import { STREAM_TRANSACTION_ROWS } from '../../../runtime/manifest/defaults.js';
import { comparePositions } from '../../../runtime/sources/mysql/position.js';
import { rocketMqTask } from '../../support/task-spec.js';
import type { Received } from '../../support/consume.js';
import { canalRows, drain, readTaskCheckpoint, runUntilCaughtUp, spawnEngine, waitForExit } from '../../support/engine.js';
import { mqTask } from './mq-task.js';

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
  const mq = mqTask('hugetx', {
    prepare: async (admin, db) => {
      await admin.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v INT NOT NULL)`);
      await admin.query(`INSERT INTO ${db}.t SELECT seq, 0 FROM ${db}.seq_1_to_${ROWS}`);
    },
    // 8,000 rows/s: the transaction takes seconds to deliver, so the kill lands inside it.
    task: (db, topic) => rocketMqTask({
      name: 'hugetx',
      topic,
      objects: [{ database: db, table: 't', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }],
      rocketmq: { ordering: { rule: 'columns', buckets: 4 } },
      overrides: { throttle: { incremental: { rps: 8000 } } },
    }),
  });
  const { db, group, topic, stateDir } = mq;

  it('repeats from the transaction it died in, nothing before it; nothing lost; each row once after dropping repeats', async () => {
    const { admin, manifest } = mq;
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

    // Nothing lost; nothing before the large transaction repeats (one begin position for all its rows).
    const rows = canalRows(all);
    const updates = rows.filter((r) => r.type === 'UPDATE');
    expect(new Set(updates.map((r) => r.data.id)).size).toBe(ROWS);
    expect(new Set(updates.map((r) => r.message.properties.get('dts_position'))).size).toBe(1);
    const inserts = rows.filter((r) => r.type === 'INSERT').map((r) => r.data.id);
    expect(inserts.filter((id) => id === '-1')).toEqual(['-1']);
    expect(inserts).toContain('-2');
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
    expect(canalRows(kept).filter((r) => r.type === 'INSERT').map((r) => r.data.id).sort()).toEqual(['-1', '-2']);
    // A message straddling the last applied identity may hold a row again (README): per key it converges.
    const perKey = new Map<string, string>();
    for (const r of keptUpdates) perKey.set(r.data.id!, r.data.v!);
    expect(perKey.size).toBe(ROWS);
    expect([...perKey.values()].every((v) => v === '1')).toBe(true);
    expect(keptUpdates.length).toBeLessThan(updates.length);
  }, 300_000);
});
