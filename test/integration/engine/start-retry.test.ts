// A task's start: a connection lost while it starts (after the prechecks: the sink's open, the resume
// position, the list of tables to copy) is retried like one lost while streaming, not a failed task;
// a stop that came before it started stops it. Found by torture seed 12 twice: a KILL CONNECTION
// right after the MySQL sink's schema copy, and later one while the task listed the tables of a
// database entry, ended the task Failed ("Can't add new command when connection is in closed state").
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { silentLogger } from '../../../runtime/log.js';
import { runTask } from '../../../runtime/pipeline/task-runner.js';
import { sourcePrechecks } from '../../../runtime/pipeline/source-prechecks.js';
import type { SourceInfo } from '../../../runtime/sinks/sink.js';
import { RocketMqSink } from '../../../runtime/sinks/rocketmq/sink.js';
import type { TransactionMark } from '../../../runtime/state/offsets.js';
import { SOURCE_PORT, STACK_HOST, createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';
import { ALL_DML, rocketMqTask, sourceEndpoint } from '../../support/task-spec.js';
import { TcpRelay } from '../../support/relay.js';

/** A sink whose first open() loses its connection, as a killed session does. */
class FirstOpenLosesConnection extends RocketMqSink {
  opens = 0;
  override async open(source: SourceInfo): Promise<TransactionMark | undefined> {
    if (++this.opens === 1) throw Object.assign(new Error("Can't add new command when connection is in closed state"), {});
    return super.open(source);
  }
}

/** A sink that, once open, has the relay to the source drop the next connection (the next start step's). */
class OpenThenDropSource extends RocketMqSink {
  relay?: TcpRelay;
  override async open(source: SourceInfo): Promise<TransactionMark | undefined> {
    const mark = await super.open(source);
    this.relay?.dropNext(1);
    return mark;
  }
}

const noObserver = { state: () => undefined, checkpointed: () => undefined, fullSyncProgress: () => undefined, idle: () => undefined, heartbeat: () => undefined };

describe('a connection lost while the task starts (real MariaDB + RocketMQ)', () => {
  const db = uniqueName('startretry');
  const topic = uniqueName('startretry_topic');
  let admin: mysql.Connection;

  beforeAll(async () => {
    admin = await mysql.createConnection(sourceConnection());
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v INT NOT NULL)`);
    await admin.query(`INSERT INTO ${db}.t VALUES (1, 1), (2, 2)`);
    await createTopic(topic, { fifo: true });
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await deleteTopic(topic).catch(() => undefined);
  });

  it('opens the sink again and runs to caught up', async () => {
    const task = rocketMqTask({ name: 'start-retry', topic, full: true, objects: [{ database: db, dml: [...ALL_DML], ddl: [] }] });
    const sink = new FirstOpenLosesConnection(task, { log: silentLogger });
    const retries: string[] = [];
    const outcome = await runTask({
      stack: 's', task, stateDir: mkdtempSync(join(tmpdir(), 'dts-start-retry-')), log: silentLogger, sink, sourcePrechecks, untilCaughtUp: true,
      observer: { ...noObserver, retry: (kind, message) => void retries.push(`${kind}: ${message}`) },
    });
    expect({ state: outcome.state, reason: outcome.reason }).toEqual({ state: 'Suspended', reason: 'caught up' });
    expect(sink.opens).toBe(2);
    expect(retries).toEqual(["connection: Can't add new command when connection is in closed state"]);
    expect(sink.counters().rowsByTable.get(`${db}.t`)).toBe(2);
  });

  it('lists the tables of a database entry again when that connection is lost (the source dropped it)', async () => {
    const relay = new TcpRelay(STACK_HOST, SOURCE_PORT);
    await relay.up();
    try {
      const task = rocketMqTask({
        name: 'start-retry-list', topic, full: true, objects: [{ database: db, dml: [...ALL_DML], ddl: [] }],
        overrides: { source: { ...sourceEndpoint(), port: relay.port } },
      });
      const sink = new OpenThenDropSource(task, { log: silentLogger });
      sink.relay = relay;
      const retries: string[] = [];
      const outcome = await runTask({
        stack: 's', task, stateDir: mkdtempSync(join(tmpdir(), 'dts-start-retry-list-')), log: silentLogger, sink, sourcePrechecks, untilCaughtUp: true,
        observer: { ...noObserver, retry: (kind) => void retries.push(kind) },
      });
      expect({ state: outcome.state, reason: outcome.reason }).toEqual({ state: 'Suspended', reason: 'caught up' });
      expect(relay.dropped).toBe(1);
      expect(retries).toEqual(['connection']);
      expect(sink.counters().rowsByTable.get(`${db}.t`)).toBe(2);
    } finally {
      await relay.down();
    }
  }, 60_000);

  it('stops a task whose stop came before it started (SIGTERM while dts run was loading)', async () => {
    const task = rocketMqTask({ name: 'stopped-early', topic, objects: [{ database: db, dml: [...ALL_DML], ddl: [] }] });
    const stop = new AbortController();
    stop.abort('SIGTERM');
    const outcome = await runTask({
      stack: 's', task, stateDir: mkdtempSync(join(tmpdir(), 'dts-stopped-early-')), log: silentLogger, sink: new RocketMqSink(task, { log: silentLogger }), sourcePrechecks, signal: stop.signal,
    });
    expect({ state: outcome.state, reason: outcome.reason }).toEqual({ state: 'Suspended', reason: 'stopped by SIGTERM' });
  }, 60_000);
});
