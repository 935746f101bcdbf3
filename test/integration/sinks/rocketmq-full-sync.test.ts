import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { silentLogger } from '../../../runtime/log.js';
import { sourcePrechecks } from '../../../runtime/pipeline/source-prechecks.js';
import { runTask } from '../../../runtime/pipeline/task-runner.js';
import { RocketMqSink } from '../../../runtime/sinks/rocketmq/sink.js';
import { TaskStateStore } from '../../../runtime/state/state-store.js';
import { consumeTopics } from '../../support/consume.js';
import { createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';
import { ALL_DML, rocketMqTask } from '../../support/task-spec.js';

type Canal = { type: string; data: Record<string, string | null>[] };

describe('full sync + concurrent writes (real MariaDB + RocketMQ)', () => {
  const db = uniqueName('fs');
  const topic = uniqueName('fs_topic');
  let admin: mysql.Connection;
  const ROWS = 6000;

  beforeAll(async () => {
    admin = await mysql.createConnection(sourceConnection());
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.items (id INT PRIMARY KEY, v INT NOT NULL, label VARCHAR(32) NOT NULL)`);
    await admin.query(`CREATE TABLE ${db}.skipped (id INT PRIMARY KEY, v INT NOT NULL)`);
    const values = Array.from({ length: ROWS }, (_, i) => [i + 1, 0, `row-${i + 1}`]);
    for (let i = 0; i < values.length; i += 1000) await admin.query(`INSERT INTO ${db}.items VALUES ?`, [values.slice(i, i + 1000)]);
    await admin.query(`INSERT INTO ${db}.skipped VALUES (1, 1)`);
    await createTopic(topic, { fifo: true });
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await deleteTopic(topic).catch(() => undefined);
  });

  it('loses no change made while the table is being read, and replays to the final table', async () => {
    const task = rocketMqTask({
      name: 'items-full',
      topic,
      full: true,
      objects: [{ database: db, table: 'items', dml: [...ALL_DML], ddl: [] }],
      rocketmq: { ordering: { rule: 'columns', buckets: 4 } },
      overrides: { throttle: { full: { rps: 8000 } } },
    });
    const stateDir = mkdtempSync(join(tmpdir(), 'dts-fs-'));
    const writer = (async () => {
      const conn = await mysql.createConnection(sourceConnection());
      try {
        for (let i = 0; i < 300; i++) {
          const id = 1 + Math.floor(Math.random() * (ROWS + 200));
          const op = i % 5;
          if (op === 0) await conn.query(`DELETE FROM ${db}.items WHERE id = ?`, [id]);
          else if (op === 1) await conn.query(`INSERT IGNORE INTO ${db}.items VALUES (?, 1, 'new')`, [ROWS + 1 + i]);
          else await conn.query(`UPDATE ${db}.items SET v = v + 1, label = CONCAT('u', v + 1) WHERE id = ?`, [id]);
          if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
        }
      } finally {
        await conn.end();
      }
    })();
    const outcome = await runTask({
      stack: 's',
      task,
      stateDir,
      log: silentLogger,
      sink: new RocketMqSink(task, { log: silentLogger }),
      sourcePrechecks,
      untilCaughtUp: true,
    });
    await writer;
    expect(outcome.prechecks.filter((p) => p.status === 'fail')).toEqual([]);
    expect(outcome.state).toBe('Suspended');
    // The writer may have finished after the caught-up target: one more run picks up the rest.
    const again = await runTask({ stack: 's', task, stateDir, log: silentLogger, sink: new RocketMqSink(task, { log: silentLogger }), untilCaughtUp: true });
    expect(again.state).toBe('Suspended');
    const checkpoint = await new TaskStateStore(stateDir).readCheckpoint();
    expect(checkpoint?.snapshot?.done).toBe(true);
    expect(checkpoint?.snapshot?.tables[`${db}.items`]?.status).toBe('done');

    const [rows] = await admin.query(`SELECT id, v, label FROM ${db}.items ORDER BY id`);
    const expected = new Map((rows as { id: number; v: number; label: string }[]).map((r) => [String(r.id), `${r.v}|${r.label}`]));
    const messages = await consumeTopics(uniqueName('GID_fs'), [topic], { idleMs: 5000, timeoutMs: 120000 });
    const replayed = new Map<string, string>();
    for (const m of messages) {
      const c = m.json() as unknown as Canal;
      for (const d of c.data) {
        if (c.type === 'DELETE') replayed.delete(d.id!);
        else replayed.set(d.id!, `${d.v}|${d.label}`);
      }
    }
    expect(replayed.size).toBe(expected.size);
    expect(replayed).toEqual(expected);
  });
});
