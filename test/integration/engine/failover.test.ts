// One owner per task (runtime/lease): two `dts run` processes for the same task, sharing a state dir,
// under a write workload on the real stack (MySQL -> MySQL).
//  - Only the lease holder delivers; the other stands by (state Standby, nothing written).
//  - kill -9 of the owner: the standby owns the task within 10 s and a row written after the kill
//    reaches the destination within 10 s of it.
//  - SIGSTOP of the owner: its lease expires (LEASE_DEFAULTS.ttlSeconds) and a standby takes over;
//    SIGCONT: the revived owner delivers nothing more (the destination's checkpoint keeps the new
//    owner's epoch) and stands by again.
//  - In the end the destination equals the source (`dts verify`): nothing lost, nothing doubled,
//    every key at its last value.
import { afterAll, describe, expect, it } from '@jest/globals';
import { LEASE_DEFAULTS } from '../../../runtime/manifest/defaults.js';
import { runUntilCaughtUp, spawnEngine, waitForExit, type EngineProcess } from '../../support/engine.js';
import { prepareTable, startWorkload, type WorkloadTable } from '../../support/mysql-task.js';
import { sourceConnection } from '../../support/stack.js';
import { e2eTask, rowCounts, verify, waitUntil } from '../mysql-e2e/helpers.js';

const ROWS = 3000;
const OWNS = (l: { msg: string }) => l.msg === 'this engine owns the task now';
const STANDS_BY = (l: { msg: string }) => l.msg === 'standing by';

describe('one owner per task: two dts run for one task (real MariaDB)', () => {
  const engines: EngineProcess[] = [];
  // Before e2eTask's hooks: jest runs afterAll hooks in the order they are declared, so the engines die
  // before the databases are dropped.
  afterAll(() => {
    for (const p of engines) {
      p.kill('SIGCONT');
      p.kill('SIGKILL');
    }
  });
  const e = e2eTask('failover', {
    prepare: async (src, db) => {
      for (const t of tables) await prepareTable(src, t, ROWS);
      await src.query(`CREATE TABLE ${db}.markers (id INT PRIMARY KEY, at BIGINT NOT NULL)`);
    },
  });
  const { db, target, task, manifest, stateDir } = e;
  const tables: WorkloadTable[] = [1, 2].map((n) => ({ database: db, table: `sbtest${n}`, key: 'primary' }));
  let marker = 0;

  const start = (): EngineProcess => {
    const e = spawnEngine(manifest, { stateDir });
    engines.push(e);
    return e;
  };
  const deliveredLines = (e: EngineProcess) => e.logs.filter((l) => /^task state (FullSync|Synchronizing)$/.test(l.msg));
  const epoch = async (table: 'tasks' | 'checkpoints') => {
    const [r] = await e.dst.query(`SELECT owner_epoch AS e FROM __dts.${table} WHERE task = ?`, [task.name]);
    return Number((r as { e: unknown }[])[0]?.e);
  };
  /** Writes a marker row now and resolves with the ms until it is on the destination. */
  const markerArrival = async (timeoutMs: number, since = Date.now()): Promise<number> => {
    const id = ++marker;
    await e.src.query(`INSERT INTO ${db}.markers VALUES (?, ?)`, [id, Date.now()]);
    await waitUntil(`marker ${id} on the destination`, async () => {
      try {
        const [r] = await e.dst.query(`SELECT 1 FROM ${target}.markers WHERE id = ?`, [id]);
        return (r as unknown[]).length === 1;
      } catch {
        return false;
      }
    }, Math.max(1, timeoutMs - (Date.now() - since)), 50);
    return Date.now() - since;
  };

  it('only the lease holder delivers; kill -9 hands over within 10 s; a paused owner revived is fenced', async () => {
    const workload = startWorkload({ connection: sourceConnection(), tables, rowsPerTable: ROWS, connections: 2, pauseMs: 3 });
    try {
      // Two engines, one task, one state dir.
      const a = start();
      await a.waitForLog(OWNS, 30_000);
      const b = start();
      await b.waitForLog(STANDS_BY, 30_000);
      await a.waitForLog((l) => l.msg === 'task state Synchronizing', 90_000);
      await markerArrival(30_000);
      expect(deliveredLines(b)).toEqual([]);
      expect(b.logs.some(OWNS)).toBe(false);
      const epochA = await epoch('tasks');
      expect(await epoch('checkpoints')).toBe(epochA);

      // kill -9 of the owner: the standby owns the task at once and delivers within 10 s.
      const killedAt = Date.now();
      a.kill('SIGKILL');
      expect((await waitForExit(a, 10_000)).signal).toBe('SIGKILL');
      await b.waitForLog(OWNS, 10_000);
      const ownedAfterMs = Date.now() - killedAt;
      const deliveredAfterMs = await markerArrival(10_000, killedAt);
      process.stdout.write(`failover after kill -9: owner after ${ownedAfterMs} ms, a row written after the kill delivered after ${deliveredAfterMs} ms\n`);
      expect(deliveredAfterMs).toBeLessThanOrEqual(10_000);
      const epochB = await epoch('tasks');
      expect(epochB).toBeGreaterThan(epochA);

      // A standby again, then the owner is paused: its lease expires and the standby takes over.
      const c = start();
      await c.waitForLog(STANDS_BY, 30_000);
      const pausedAt = Date.now();
      b.kill('SIGSTOP');
      await c.waitForLog(OWNS, (LEASE_DEFAULTS.ttlSeconds + 10) * 1000);
      const pausedDeliveredMs = await markerArrival((2 * LEASE_DEFAULTS.ttlSeconds + 10) * 1000, pausedAt).catch((e: Error) => {
        const msgs = (x: EngineProcess) => x.logs.map((l) => `${l.msg}${l.reason ? ` (${String(l.reason)})` : ''}${l.error ? ` [${String(l.error)}]` : ''}`).slice(-25).join('\n');
        throw new Error(`${e.message}; the new owner's log:\n${msgs(c)}\nthe paused owner's log:\n${msgs(b)}`);
      });
      process.stdout.write(`failover after SIGSTOP: a row written at the pause delivered after ${pausedDeliveredMs} ms (lease ttl ${LEASE_DEFAULTS.ttlSeconds} s)\n`);
      const epochC = await epoch('tasks');
      expect(epochC).toBeGreaterThan(epochB);

      // The paused owner revives: it must see its lease gone and commit nothing.
      b.kill('SIGCONT');
      await b.waitForLog((l) => l.msg.startsWith('the task lease was lost'), 15_000);
      await b.waitForLog(STANDS_BY, 30_000);
      for (let i = 0; i < 10; i++) {
        expect(await epoch('checkpoints')).toBe(epochC);
        await new Promise((r) => setTimeout(r, 200));
      }
      await markerArrival(30_000);
      expect(await epoch('checkpoints')).toBe(epochC);
    } finally {
      const stats = await workload.stop();
      expect(stats.transactions).toBeGreaterThan(100);
    }

    // Everyone stops gracefully; one last run catches up; the copy must be exact.
    for (const e of engines.filter((x) => x.child.exitCode === null && x.child.signalCode === null)) e.kill('SIGTERM');
    for (const e of engines) {
      const exit = await waitForExit(e, 60_000);
      if (exit.signal !== 'SIGKILL') expect({ code: exit.code, stderr: exit.code === 0 ? '' : e.stderr().slice(-2000) }).toEqual({ code: 0, stderr: '' });
    }
    const { exit, engine } = await runUntilCaughtUp(manifest, { stateDir }, 120_000);
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr().slice(-3000) }).toEqual({ code: 0, stderr: '' });
    const result = await verify(manifest, task.name);
    expect({ code: result.code, stderr: result.stderr.slice(-1000) }).toEqual({ code: 0, stderr: '' });
    for (const t of tables) expect(await rowCounts(e.dst, `${target}.${t.table}`)).toEqual({ rows: ROWS, distinctIds: ROWS });
  }, 300_000);
});
