// Connection loss to the source, through `dts run`: the task reaches the source through a TCP relay
// owned by this test (the shared stack is never stopped). A short outage is retried with backoff and
// nothing is lost; an outage longer than the task's connection retry window ends the task Failed with
// the reason, exit 1. DTS_RETRY_SCALE (test-only) shrinks the 10-minute window to 3 s.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { SOURCE_PORT, STACK_HOST, createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';
import { rocketMqTask, sourceEndpoint } from '../../support/task-spec.js';
import { TcpRelay } from '../../support/relay.js';
import { canalRows, drain, orderlyGroup, readTaskStatus, runUntilCaughtUp, scratchDir, spawnEngine, waitForExit, writeManifest } from '../../support/engine.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('source outage through dts run (real MariaDB + RocketMQ behind a test relay)', () => {
  const db = uniqueName('outage');
  const topic = uniqueName('outage_topic');
  const group = uniqueName('GID_outage');
  const relay = new TcpRelay(STACK_HOST, SOURCE_PORT);
  let admin: mysql.Connection;

  beforeAll(async () => {
    admin = await mysql.createConnection(sourceConnection());
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v VARCHAR(16) NOT NULL)`);
    await Promise.all([createTopic(topic, { fifo: true }), orderlyGroup(group), relay.up()]);
  });
  afterAll(async () => {
    await relay.down();
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await deleteTopic(topic).catch(() => undefined);
  });

  it('rides out a short outage losing nothing, and fails with the reason once the retry window is spent', async () => {
    const task = rocketMqTask({
      name: 'outage',
      topic,
      objects: [{ database: db, table: 't', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }],
      overrides: { source: { ...sourceEndpoint(), port: relay.port }, retry: { connectionMinutes: 10, otherMinutes: 1 } },
    });
    const dir = scratchDir('outage');
    const manifest = writeManifest(dir, [task]);
    const stateDir = `${dir}/state`;
    const env = { DTS_RETRY_SCALE: '0.005' }; // 10 minutes -> 3 s
    expect((await runUntilCaughtUp(manifest, { stateDir, env })).exit.code).toBe(0);

    const engine = spawnEngine(manifest, { stateDir, env });
    try {
      await engine.waitForLog((l) => l.msg === 'task state Synchronizing');
      for (let i = 1; i <= 5; i++) await admin.query(`INSERT INTO ${db}.t VALUES (?, 'before')`, [i]);
      await sleep(500);
      // Short outage (well inside the 3 s window): changes made meanwhile must still arrive.
      await relay.down();
      for (let i = 6; i <= 10; i++) await admin.query(`INSERT INTO ${db}.t VALUES (?, 'during')`, [i]);
      // The engine notices by its binlog stream or by its task lease, whose connection goes too (it then
      // stops delivering and takes the lease again once the source answers).
      await engine.waitForLog((l) => l.msg === 'source connection lost, reconnecting from the durable checkpoint' || l.msg.startsWith('the task lease was lost'), 10_000);
      await sleep(800);
      await relay.up();
      for (let i = 11; i <= 15; i++) await admin.query(`INSERT INTO ${db}.t VALUES (?, 'after')`, [i]);

      const rows = canalRows(await drain(group, [topic], { until: (got) => canalRows(got).length >= 15, timeoutMs: 30_000 }));
      expect(rows.map((r) => Number(r.data.id)).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
      expect(engine.exited).toBeDefined();

      // Long outage: past the window the task gives up, says why, and the process exits 1.
      const cutAt = Date.now();
      await relay.down();
      const exit = await waitForExit(engine, 60_000);
      expect(exit.code).toBe(1);
      expect(Date.now() - cutAt).toBeGreaterThanOrEqual(3_000);
      const status = readTaskStatus(stateDir, 'outage');
      expect(status.state).toBe('Failed');
      expect(status.reason).toMatch(/gave up after retrying for 10 minutes/);
      expect(status.reason).toContain('task outage: lost the source connection');
      expect(engine.stderr()).toContain('task outage: Failed');
    } finally {
      engine.kill('SIGKILL');
    }
  });
});
