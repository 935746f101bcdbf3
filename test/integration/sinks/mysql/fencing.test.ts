// Fencing on the destination (runtime/sinks/mysql/checkpoint.ts): a sink that opens claims the task's
// next owner epoch, and a destination transaction of an older owner commits nothing, whatever it
// believes. A claim waits for a transaction already past its check, and that transaction's rows are
// then in the checkpoint the new owner reads: nothing lost, nothing doubled.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { isLeaseLost } from '../../../../runtime/lease/task-lease.js';
import { admin, dbObject, mysqlTask, replicate, rows, uniqueDb } from './harness.js';

describe('MySQL sink: owner epoch fencing (real MariaDB)', () => {
  let src: mysql.Connection;
  let dst: mysql.Connection;
  const db = uniqueDb('fence');
  const target = `${db}_d`;
  const task = mysqlTask(`${db}_t`, [dbObject(db, { targetDatabase: target })], { flushIntervalMs: 10 });

  beforeAll(async () => {
    src = await admin('source');
    dst = await admin('destination');
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)`);
    await dst.query(`CREATE DATABASE ${target}`);
    await dst.query(`CREATE TABLE ${target}.t (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)`);
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${target}`);
    await dst.query('DELETE FROM __dts.checkpoints WHERE task = ?', [task.name]).catch(() => undefined);
    await dst.query('DELETE FROM __dts.tasks WHERE task = ?', [task.name]).catch(() => undefined);
    await src.end();
    await dst.end();
  });

  const epochs = async () => ({
    task: Number((await rows(dst, `SELECT owner_epoch AS e FROM __dts.tasks WHERE task = '${task.name}'`))[0]?.e),
    checkpoint: Number((await rows(dst, `SELECT owner_epoch AS e FROM __dts.checkpoints WHERE task = '${task.name}'`))[0]?.e),
  });

  it('an older owner commits nothing once a newer one opened; the newer one resumes where it stopped', async () => {
    const a = await replicate(task);
    const b0 = await epochs();
    await src.query(`INSERT INTO ${db}.t VALUES (1, 'a1')`);
    await a.catchUp();
    expect(await epochs()).toEqual({ task: b0.task, checkpoint: b0.task });

    // A newer owner opens (a standby taking over) while the old one still runs.
    const b = await replicate(task);
    expect((await epochs()).task).toBe(b0.task + 1);
    expect(b.resumedFrom?.position).toEqual(a.sink.durable()?.position);
    try {
      await src.query(`INSERT INTO ${db}.t VALUES (2, 'after the takeover')`);
      const stale = await a.catchUp().then(() => undefined, (e: unknown) => e);
      expect(isLeaseLost(stale)).toBe(true);
      expect(String((stale as Error).message)).toMatch(/fenced: another engine claimed the task \(owner epoch \d+, this engine's \d+\)/);
      expect(await rows(dst, `SELECT id FROM ${target}.t ORDER BY id`)).toEqual([{ id: 1 }]);

      await b.catchUp();
      expect(await rows(dst, `SELECT id, v FROM ${target}.t ORDER BY id`)).toEqual([{ id: 1, v: 'a1' }, { id: 2, v: 'after the takeover' }]);
      expect(await epochs()).toEqual({ task: b0.task + 1, checkpoint: b0.task + 1 });
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);

  it('a claim waits for a transaction already past its check; the new owner reads that transaction in the checkpoint', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let reachedCommit!: () => void;
    const atCommit = new Promise<void>((r) => (reachedCommit = r));
    const a = await replicate(task, {
      hooks: {
        async beforeStatement(_i, sql) {
          if (sql === 'COMMIT') {
            reachedCommit();
            await held; // the old owner pauses between its check and its COMMIT
          }
        },
      },
    });
    try {
      await src.query(`INSERT INTO ${db}.t VALUES (3, 'in flight')`);
      const aDone = a.catchUp();
      await atCommit;
      let opened = false;
      const bOpening = replicate(task).then((r) => ((opened = true), r));
      await new Promise((r) => setTimeout(r, 1500));
      expect(opened).toBe(false); // the claim waits on the in-flight transaction's shared lock
      release();
      await aDone;
      const b = await bOpening;
      try {
        expect(b.resumedFrom?.position).toEqual(a.sink.durable()?.position);
        expect(await rows(dst, `SELECT id FROM ${target}.t WHERE id = 3`)).toEqual([{ id: 3 }]);
      } finally {
        await b.stop();
      }
    } finally {
      await a.stop();
    }
  }, 60_000);
});
