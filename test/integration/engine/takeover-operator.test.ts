// What an operator and an unlucky pause do to a task with an owner and a standby (two `dts run` on one
// state dir, MySQL -> MySQL on the real stack, under a write workload):
//  - Suspend holds for every engine of the task: the owner stops with its checkpoint saved and keeps
//    the lease, the standby stays a standby for longer than a lease lives, nothing more is committed;
//    kill -9 of the owner: the standby takes the lease and keeps the task Suspended; Resume on the
//    standby's console starts it there.
//  - An owner paused inside a destination transaction (its shared lock on the owner epoch held, its
//    statement in a lock wait, so no idle-transaction timeout ends it, as on MySQL) does not keep the
//    standby from claiming the task: the claim waits 3 s, ends the paused owner's registered sessions
//    and the new owner delivers.
// In the end the destination equals the source (`dts verify`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { LEASE_DEFAULTS } from '../../../runtime/manifest/defaults.js';
import { engineUrl, readTaskStatus, runUntilCaughtUp, spawnEngine, taskStateDir, waitForExit, type EngineProcess } from '../../support/engine.js';
import { prepareTable, startWorkload, type WorkloadTable } from '../../support/mysql-task.js';
import { sourceConnection } from '../../support/stack.js';
import { adminConnection, e2eTask, rowCounts, sleep, verify, waitUntil } from '../mysql-e2e/helpers.js';

const ROWS = 2000;
const OWNS = (l: { msg: string }) => l.msg === 'this engine owns the task now';
const STANDS_BY = (l: { msg: string }) => l.msg === 'standing by';

describe('Suspend and takeover with an owner and a standby (real MariaDB)', () => {
  const engines: EngineProcess[] = [];
  afterAll(() => {
    for (const p of engines) {
      p.kill('SIGCONT');
      p.kill('SIGKILL');
    }
  });
  const suspendCase = e2eTask('suspend', {
    prepare: async (src, db) => {
      for (const t of tablesOf(db)) await prepareTable(src, t, ROWS);
      await src.query(`CREATE TABLE ${db}.markers (id INT PRIMARY KEY, at BIGINT NOT NULL)`);
    },
  });
  const pauseCase = e2eTask('pausetx', {
    prepare: async (src, db) => {
      for (const t of tablesOf(db)) await prepareTable(src, t, ROWS);
      await src.query(`CREATE TABLE ${db}.markers (id INT PRIMARY KEY, at BIGINT NOT NULL)`);
    },
  });
  function tablesOf(db: string): WorkloadTable[] {
    return [1, 2].map((n) => ({ database: db, table: `sbtest${n}`, key: 'primary' }));
  }
  const start = (c: typeof suspendCase): EngineProcess => {
    const e = spawnEngine(c.manifest, { stateDir: c.stateDir });
    engines.push(e);
    return e;
  };
  let marker = 0;
  const markerArrives = async (c: typeof suspendCase, timeoutMs: number): Promise<void> => {
    const id = ++marker;
    await c.src.query(`INSERT INTO ${c.db}.markers VALUES (?, ?)`, [id, Date.now()]);
    await waitUntil(`marker ${id} on the destination`, async () => {
      const [r] = await c.dst.query(`SELECT 1 FROM ${c.target}.markers WHERE id = ?`, [id]).catch(() => [[]]);
      return (r as unknown[]).length === 1;
    }, timeoutMs, 50);
  };
  const checkpointSeq = async (c: typeof suspendCase): Promise<string> => {
    const [r] = await c.dst.query('SELECT last_seq AS s, file, pos FROM __dts.checkpoints WHERE task = ?', [c.task.name]);
    return JSON.stringify((r as unknown[])[0]);
  };
  const action = async (engine: EngineProcess, c: typeof suspendCase, what: 'suspend' | 'resume') => {
    const url = await engineUrl(engine, Date.now() + 30_000);
    const r = await fetch(`${url}/tasks/engine-qa/${encodeURIComponent(c.task.name)}/${what}`, { method: 'POST', headers: { 'x-dts-action': '1' } });
    return { code: r.status, body: await r.text() };
  };
  const finish = async (c: typeof suspendCase) => {
    for (const e of engines.filter((x) => x.child.exitCode === null && x.child.signalCode === null)) e.kill('SIGTERM');
    for (const e of engines.splice(0)) {
      const exit = await waitForExit(e, 60_000);
      if (exit.signal !== 'SIGKILL') expect({ code: exit.code, stderr: exit.code === 0 ? '' : e.stderr().slice(-2000) }).toEqual({ code: 0, stderr: '' });
    }
    const { exit, engine } = await runUntilCaughtUp(c.manifest, { stateDir: c.stateDir }, 120_000);
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr().slice(-3000) }).toEqual({ code: 0, stderr: '' });
    const result = await verify(c.manifest, c.task.name);
    expect({ code: result.code, stderr: result.stderr.slice(-1000) }).toEqual({ code: 0, stderr: '' });
    for (const t of tablesOf(c.db)) expect(await rowCounts(c.dst, `${c.target}.${t.table}`)).toEqual({ rows: ROWS, distinctIds: ROWS });
  };

  it('Suspend holds across the owner, its standby and a takeover, until Resume on any engine', async () => {
    const c = suspendCase;
    const workload = startWorkload({ connection: sourceConnection(), tables: tablesOf(c.db), rowsPerTable: ROWS, connections: 2, pauseMs: 3 });
    try {
      const a = start(c);
      await a.waitForLog(OWNS, 30_000);
      const b = start(c);
      await b.waitForLog(STANDS_BY, 30_000);
      await a.waitForLog((l) => l.msg === 'task state Synchronizing', 90_000);
      await markerArrives(c, 30_000);

      expect(await action(a, c, 'suspend')).toMatchObject({ code: 202 });
      await waitUntil('the task Suspended in the shared state dir', () => readTaskStatus(c.stateDir, c.task.name).state === 'Suspended', 30_000, 50);
      const mark = JSON.parse(readFileSync(join(taskStateDir(c.stateDir, c.task.name), 'suspended.json'), 'utf8')) as { reason: string };
      expect(mark.reason).toBe('Suspend in the console');
      const frozen = await checkpointSeq(c);
      // Longer than a lease lives: the standby must not start the task, nothing is committed.
      await sleep((LEASE_DEFAULTS.ttlSeconds + 3) * 1000);
      expect(b.logs.some(OWNS)).toBe(false);
      expect(await checkpointSeq(c)).toBe(frozen);
      expect(readTaskStatus(c.stateDir, c.task.name).state).toBe('Suspended');
      expect(await action(a, c, 'suspend')).toMatchObject({ code: 409 });

      // The owner dies: the standby takes the lease and keeps the task suspended.
      a.kill('SIGKILL');
      await waitForExit(a, 10_000);
      await b.waitForLog(OWNS, 15_000);
      await b.waitForLog((l) => l.msg === 'the task is suspended: this engine keeps its lease and waits for Resume', 10_000);
      await sleep(3000);
      expect(await checkpointSeq(c)).toBe(frozen);
      const status = (await (await fetch(`${await engineUrl(b, Date.now() + 5000)}/status`)).json()) as { tasks: { state: string }[] };
      expect(status.tasks[0]!.state).toBe('Suspended');

      // Resume on the (former) standby's console: it runs the task from the checkpoint.
      expect(await action(b, c, 'resume')).toMatchObject({ code: 202 });
      await markerArrives(c, 60_000);
      expect(await checkpointSeq(c)).not.toBe(frozen);
      expect(await action(b, c, 'resume')).toMatchObject({ code: 409 });
    } finally {
      await workload.stop();
    }
    await finish(c);
  }, 300_000);

  it('an owner paused inside a destination transaction does not block the takeover (the claim waits 3 s, then ends its sessions)', async () => {
    const c = pauseCase;
    const workload = startWorkload({ connection: sourceConnection(), tables: tablesOf(c.db), rowsPerTable: ROWS, connections: 4, pauseMs: 0 });
    try {
      const a = start(c);
      await a.waitForLog(OWNS, 30_000);
      await a.waitForLog((l) => l.msg === 'task state Synchronizing', 90_000);
      const b = start(c);
      await b.waitForLog(STANDS_BY, 30_000);
      /** The owner's session runs a statement that has waited 300 ms or more (on the test's row locks). */
      const ownerWaiting = async () => {
        const [rows] = await c.dst.query(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST p JOIN __dts.sessions s ON s.connection_id = p.ID WHERE s.task = ? AND p.COMMAND = 'Query' AND p.TIME_MS > 300",
          [c.task.name],
        );
        return Number((rows as { n: unknown }[])[0]!.n) > 0;
      };
      // Catch the owner inside a destination transaction, deterministically: the test locks every
      // destination row, so the owner's statements (sent after its START TRANSACTION and its shared
      // lock on the owner epoch) wait, and the owner is paused then. Its statement waits on (the server's
      // innodb_lock_wait_timeout, 50 s), so no idle-transaction timeout ends it: the case of MySQL, which
      // has none. The standby takes the lease, its claim waits CLAIM_WAIT_SECONDS, then ends the paused
      // owner's sessions and claims.
      const locker = await adminConnection('destination');
      let pausedAt = 0;
      try {
        await locker.query('START TRANSACTION');
        for (const t of tablesOf(c.db)) await locker.query(`SELECT id FROM ${c.target}.${t.table} FOR UPDATE`);
        await waitUntil('the owner waiting on a row lock inside its transaction', ownerWaiting, 30_000, 20);
        a.kill('SIGSTOP');
        pausedAt = Date.now();
        await b.waitForLog(OWNS, (LEASE_DEFAULTS.ttlSeconds + 10) * 1000);
        await b.waitForLog((l) => l.msg === "ended an earlier owner's destination sessions (it was paused or cut off inside a transaction)", 20_000);
      } finally {
        await locker.query('ROLLBACK').catch(() => undefined);
        await locker.end();
      }
      await markerArrives(c, 30_000);
      const tookMs = Date.now() - pausedAt;
      process.stdout.write(`takeover from an owner paused inside a destination transaction: a row delivered ${tookMs} ms after the pause (lease ttl ${LEASE_DEFAULTS.ttlSeconds} s)\n`);
      expect(b.logs.filter((l) => l.msg === 'task failed')).toEqual([]);
      // The revived owner: fenced or its lease gone, said once as what it is, never as an apply error.
      a.kill('SIGCONT');
      await a.waitForLog(STANDS_BY, 30_000);
      expect(a.logs.filter((l) => l.msg === 'apply failed' || l.level >= 50)).toEqual([]);
      await markerArrives(c, 30_000);
    } finally {
      await workload.stop();
    }
    await finish(c);
  }, 300_000);
});
