// What the MySQL -> RocketMQ engine tests share: a task over a fresh source database and a fresh FIFO
// topic with an orderly consumer group, pinned at the source's binlog end by a first
// `dts run --until-caught-up`, and everything removed afterwards.
import { afterAll, beforeAll, expect } from '@jest/globals';
import mysql from 'mysql2/promise';
import type { TaskSpec } from '../../../runtime/manifest/types.js';
import { orderlyGroup, runUntilCaughtUp, scratchDir, writeManifest } from '../../support/engine.js';
import { createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';

export interface MqTask {
  readonly db: string;
  readonly topic: string;
  readonly group: string;
  readonly stateDir: string;
  /** Written before the tests run. */
  readonly manifest: string;
  /** An admin connection to the source, open during the tests. */
  readonly admin: mysql.Connection;
}

/**
 * Registers the calling describe's beforeAll/afterAll: the database is created and `prepare`d, the
 * topic and group created, the manifest of `task(db, topic)` written and the task pinned.
 */
export function mqTask(prefix: string, options: { prepare?: (admin: mysql.Connection, db: string) => Promise<void>; task: (db: string, topic: string) => TaskSpec }): MqTask {
  const db = uniqueName(prefix);
  const topic = uniqueName(`${prefix}_topic`);
  const group = uniqueName(`GID_${prefix}`);
  const dir = scratchDir(prefix);
  const state: { admin?: mysql.Connection; manifest?: string } = {};
  beforeAll(async () => {
    state.admin = await mysql.createConnection({ ...sourceConnection(), multipleStatements: true });
    await state.admin.query(`CREATE DATABASE ${db}`);
    await options.prepare?.(state.admin, db);
    await Promise.all([createTopic(topic, { fifo: true }), orderlyGroup(group)]);
    state.manifest = writeManifest(dir, [options.task(db, topic)]);
    const { exit, engine } = await runUntilCaughtUp(state.manifest, { stateDir: `${dir}/state` });
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr() }).toEqual({ code: 0, stderr: '' });
  });
  afterAll(async () => {
    await state.admin?.query(`DROP DATABASE IF EXISTS ${db}`);
    await state.admin?.end();
    await deleteTopic(topic).catch(() => undefined);
  });
  return {
    db, topic, group, stateDir: `${dir}/state`,
    get manifest() {
      return state.manifest!;
    },
    get admin() {
      return state.admin!;
    },
  };
}
