import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { silentLogger } from '../../../runtime/log.js';
import { sourcePrechecks } from '../../../runtime/pipeline/source-prechecks.js';
import { runTask, type TaskObserver } from '../../../runtime/pipeline/task-runner.js';
import { RocketMqSink } from '../../../runtime/sinks/rocketmq/sink.js';
import { consumeTopics } from '../../support/consume.js';
import { createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';
import { ALL_DML, rocketMqTask } from '../../support/task-spec.js';

describe('heartbeat table (real MariaDB + RocketMQ)', () => {
  const db = uniqueName('hb');
  const topic = uniqueName('hb_topic');
  let admin: mysql.Connection;

  beforeAll(async () => {
    admin = await mysql.createConnection(sourceConnection());
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY)`);
    await createTopic(topic, { fifo: true });
  });
  afterAll(async () => {
    await admin.query(`REVOKE CREATE, INSERT, UPDATE ON \`${db}\`.\`dts_heartbeat\` FROM 'dts'@'%'`).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await deleteTopic(topic).catch(() => undefined);
  });

  const task = () =>
    rocketMqTask({ name: 'hb', topic, objects: [{ database: db, table: 't', dml: [...ALL_DML], ddl: [] }], overrides: { heartbeat: true } });

  it('refuses to start when the account cannot write the heartbeat table, naming the grant', async () => {
    const t = task();
    const outcome = await runTask({
      stack: 's', task: t, stateDir: mkdtempSync(join(tmpdir(), 'dts-hb-')), log: silentLogger,
      sink: new RocketMqSink(t, { log: silentLogger }), sourcePrechecks, untilCaughtUp: true,
    });
    expect(outcome.state).toBe('PrecheckFailed');
    const check = outcome.prechecks.find((p) => p.id === 'heartbeat')!;
    expect(check.status).toBe('fail');
    expect(check.fix).toContain(`GRANT CREATE, INSERT, UPDATE ON \`${db}\`.\`dts_heartbeat\``);
  });

  it('writes a heartbeat every second that keeps latency fresh and is never delivered', async () => {
    await admin.query(`GRANT CREATE, INSERT, UPDATE ON \`${db}\`.\`dts_heartbeat\` TO 'dts'@'%'`);
    const t = task();
    const beats: number[] = [];
    const observer: TaskObserver = {
      state: () => undefined, checkpointed: () => undefined, fullSyncProgress: () => undefined, retry: () => undefined, idle: () => undefined,
      heartbeat: (commitTime) => beats.push(commitTime),
    };
    const controller = new AbortController();
    const running = runTask({
      stack: 's', task: t, stateDir: mkdtempSync(join(tmpdir(), 'dts-hb-')), log: silentLogger,
      sink: new RocketMqSink(t, { log: silentLogger }), sourcePrechecks, observer, signal: controller.signal,
    });
    await new Promise((r) => setTimeout(r, 4500));
    await admin.query(`INSERT INTO ${db}.t VALUES (1)`);
    await new Promise((r) => setTimeout(r, 1500));
    controller.abort('test done');
    const outcome = await running;
    expect(outcome.prechecks.find((p) => p.id === 'heartbeat')?.status).toBe('pass');
    expect(outcome.state).toBe('Suspended');
    expect(beats.length).toBeGreaterThanOrEqual(3);
    expect(Date.now() - beats[beats.length - 1]!).toBeLessThan(4000);
    const messages = await consumeTopics(uniqueName('GID_hb'), [topic], { idleMs: 3000 });
    const tables = messages.map((m) => (m.json() as { table: string }).table);
    expect(tables).toEqual(['t']);
  });
});
