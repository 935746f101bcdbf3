// `dts run` starting while the broker restarts: the prechecks that only say "cannot reach RocketMQ"
// are checked again within the task's connection-retry window instead of ending the task
// PrecheckFailed at once (found by the torture run's broker restart). The broker is put behind a
// TCP forwarder that starts listening a few seconds after the engine.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { ROCKETMQ_ENDPOINT, createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';
import { ALL_DML, rocketMqTask } from '../../support/task-spec.js';
import { readTaskStatus, scratchDir, spawnEngine, waitForExit, writeManifest } from '../../support/engine.js';
import { TcpRelay, freePort } from '../../support/relay.js';
import type { TaskSpec } from '../../../runtime/manifest/types.js';

const [BROKER_HOST, BROKER_PORT] = ROCKETMQ_ENDPOINT.split(':') as [string, string];

describe('prechecks retry an unreachable broker (real MariaDB + RocketMQ)', () => {
  const db = uniqueName('pcr');
  const topic = uniqueName('pcr_topic');
  let admin: mysql.Connection;
  let relay: TcpRelay | undefined;

  beforeAll(async () => {
    admin = await mysql.createConnection(sourceConnection());
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY)`);
    await createTopic(topic, { fifo: true });
  });
  afterAll(async () => {
    await relay?.down();
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await deleteTopic(topic).catch(() => undefined);
  });

  const task = (name: string, port: number): TaskSpec => {
    const t = rocketMqTask({ name, topic, objects: [{ database: db, table: 't', dml: [...ALL_DML], ddl: [] }] });
    return { ...t, destination: { ...t.destination, endpoints: `127.0.0.1:${port}` } } as TaskSpec;
  };

  it('a broker that answers a few seconds late: the task starts', async () => {
    const port = await freePort();
    const dir = scratchDir('pcr-late');
    const manifest = writeManifest(dir, [task('late', port)]);
    const engine = spawnEngine(manifest, { stateDir: `${dir}/state`, untilCaughtUp: true });
    await new Promise((r) => setTimeout(r, 4000));
    relay = new TcpRelay(BROKER_HOST, Number(BROKER_PORT), port);
    await relay.up();
    const exit = await waitForExit(engine, 120_000);
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr().slice(-1500) }).toEqual({ code: 0, stderr: '' });
    expect(engine.logs.some((l) => l.msg === 'prechecks could not reach a service; checking again')).toBe(true);
  }, 150_000);

  it('a broker that never answers: PrecheckFailed once the connection window is spent', async () => {
    const port = await freePort();
    const dir = scratchDir('pcr-never');
    const manifest = writeManifest(dir, [task('never', port)]);
    // 720 minutes * 0.0002 = 8.6 s.
    const engine = spawnEngine(manifest, { stateDir: `${dir}/state`, untilCaughtUp: true, env: { DTS_RETRY_SCALE: '0.0002' } });
    const exit = await waitForExit(engine, 120_000);
    expect(exit.code).toBe(1);
    const status = readTaskStatus(`${dir}/state`, 'never');
    expect(status.state).toBe('PrecheckFailed');
    expect(status.reason).toContain('cannot reach RocketMQ');
  }, 150_000);
});
