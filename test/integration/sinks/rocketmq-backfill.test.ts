import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { silentLogger } from '../../../runtime/log.js';
import { runTask } from '../../../runtime/pipeline/task-runner.js';
import { RocketMqSink } from '../../../runtime/sinks/rocketmq/sink.js';
import type { TaskSpec } from '../../../runtime/manifest/types.js';
import { TaskStateStore } from '../../../runtime/state/state-store.js';
import { consumeTopics } from '../../support/consume.js';
import { createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';
import { ALL_DML, rocketMqTask } from '../../support/task-spec.js';

type Canal = { table: string; type: string; data: Record<string, string | null>[] };

describe('a task that gains a table backfills only that table (real MariaDB + RocketMQ)', () => {
  const db = uniqueName('bf');
  const topic = uniqueName('bf_topic');
  let admin: mysql.Connection;

  beforeAll(async () => {
    admin = await mysql.createConnection(sourceConnection());
    await admin.query(`CREATE DATABASE ${db}`);
    for (const t of ['a', 'b']) {
      await admin.query(`CREATE TABLE ${db}.${t} (id INT PRIMARY KEY, v INT NOT NULL)`);
      await admin.query(`INSERT INTO ${db}.${t} VALUES ${Array.from({ length: 50 }, (_, i) => `(${i + 1}, 0)`).join(',')}`);
    }
    await createTopic(topic, { fifo: true });
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await deleteTopic(topic).catch(() => undefined);
  });

  it('sends table b in full once it is added, without re-sending table a, which keeps streaming', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'dts-bf-'));
    const objectsA = [{ database: db, table: 'a', dml: [...ALL_DML], ddl: [] }];
    const v1 = rocketMqTask({ name: 'bf', topic, full: true, objects: objectsA, serverId: 777001 });
    const v2: TaskSpec = { ...v1, objects: [...objectsA, { database: db, table: 'b', dml: [...ALL_DML], ddl: [] }] };
    const run = (task: TaskSpec) => runTask({ stack: 's', task, stateDir, log: silentLogger, sink: new RocketMqSink(task, { log: silentLogger }), untilCaughtUp: true });

    expect((await run(v1)).state).toBe('Suspended');
    const group = uniqueName('GID_bf');
    const first = await consumeTopics(group, [topic], { idleMs: 4000 });
    const tablesOf = (ms: typeof first) => ms.flatMap((m) => (m.json() as unknown as Canal).data.map(() => `${(m.json() as unknown as Canal).table}:${(m.json() as unknown as Canal).type}`));
    expect(tablesOf(first).filter((x) => x === 'a:INSERT')).toHaveLength(50);

    await admin.query(`UPDATE ${db}.a SET v = 1 WHERE id <= 5`);
    await admin.query(`UPDATE ${db}.b SET v = 1 WHERE id <= 5`);
    const second = await run(v2);
    expect(second.state).toBe('Suspended');
    const checkpoint = await new TaskStateStore(stateDir).readCheckpoint();
    expect(checkpoint?.snapshot).toMatchObject({ done: true });
    expect(Object.keys(checkpoint!.snapshot!.tables).sort()).toEqual([`${db}.a`, `${db}.b`]);

    const next = await consumeTopics(group, [topic], { idleMs: 4000 });
    const seen = tablesOf(next);
    expect(seen.filter((x) => x === 'a:INSERT')).toHaveLength(0); // a is not re-sent
    expect(seen.filter((x) => x === 'a:UPDATE')).toHaveLength(5); // a kept streaming
    expect(seen.filter((x) => x === 'b:INSERT')).toHaveLength(50); // b backfilled in full
    // b's final state is right whichever way its five updates arrived (stream before the chunk, or in it).
    const bRows = new Map<string, string>();
    for (const m of next) {
      const c = m.json() as unknown as Canal;
      if (c.table === 'b') for (const d of c.data) bRows.set(d.id!, d.v!);
    }
    expect([...bRows.values()].filter((v) => v === '1')).toHaveLength(5);
  });
});
