// The task lease (runtime/lease/task-lease.ts) against the real source: one holder at a time; a
// waiter is told who holds it and takes it when the holder's connection dies or it releases; a holder
// that stops answering (its event loop blocked past the lease's life, as a paused process) knows at
// once that it lost the lease, and the source has released it to the next waiter.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dumpLockName, isLeaseLost, leaseName, LeaseUnavailableError, TaskLease } from '../../../runtime/lease/task-lease.js';
import { scratchDir, spawnEngine, waitForExit, writeManifest } from '../../support/engine.js';
import { rocketMqTask, sourceEndpoint } from '../../support/task-spec.js';
import { resolveConnection } from '../../../runtime/sources/mysql/connection.js';
import { uniqueName } from '../../support/stack.js';
import { adminConnection, waitUntil } from '../mysql-e2e/helpers.js';

describe('task lease on the source (real MariaDB)', () => {
  const connection = resolveConnection(sourceEndpoint(), 'source', { task: 'lease-test' });
  const stack = 'lease';
  let admin: mysql.Connection;
  const leases: TaskLease[] = [];
  const lease = (task: string, extra: Partial<ConstructorParameters<typeof TaskLease>[0]> = {}) => {
    const l = new TaskLease({ connection, stack, task, ...extra });
    leases.push(l);
    return l;
  };

  beforeAll(async () => {
    admin = await adminConnection('source');
  });
  afterAll(async () => {
    for (const l of leases) await l.release();
    await admin.end();
  });

  it('one holder; the waiter learns who holds it and takes over when that connection dies', async () => {
    const task = uniqueName('t');
    const a = lease(task);
    expect(await a.acquire(new AbortController().signal)).toBe(true);
    expect(a.valid()).toBe(true);
    const holders: (number | undefined)[] = [];
    const b = lease(task, { onWaiting: (h) => holders.push(h) });
    let bGot = false;
    const bAcquire = b.acquire(new AbortController().signal).then((r) => (bGot = r));
    await waitUntil('the waiter told of the holder', () => holders.length === 1, 10_000, 50);
    expect(bGot).toBe(false);
    const [rows] = await admin.query('SELECT IS_USED_LOCK(?) AS id', [leaseName(stack, task)]);
    const holderId = Number((rows as { id: number }[])[0]!.id);
    expect(holders).toEqual([holderId]);

    await admin.query(`KILL CONNECTION ${holderId}`);
    const killedAt = Date.now();
    await bAcquire;
    expect(bGot).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(3000);
    await waitUntil('the old holder knows', () => a.lost.aborted, 5000, 20);
    expect(a.valid()).toBe(false);
    const refused = (() => {
      try {
        a.assertValid('a send');
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(isLeaseLost(refused)).toBe(true);
    expect(String((refused as Error).message)).toMatch(/a send refused: this engine no longer holds the task's lease/);
    expect(b.valid()).toBe(true);

    // A graceful release hands over at once.
    const c = lease(task);
    const cAcquire = c.acquire(new AbortController().signal);
    await b.release();
    expect(await cAcquire).toBe(true);
  }, 30_000);

  it('a holder that stops answering loses the lease by its own clock, and the source lets the next one in', async () => {
    const task = uniqueName('t');
    const a = lease(task, { ttlSeconds: 3, renewMs: 500, safetyMs: 1000 });
    expect(await a.acquire(new AbortController().signal)).toBe(true);
    const b = lease(task, { ttlSeconds: 3, renewMs: 500, safetyMs: 1000 });
    const bAcquire = b.acquire(new AbortController().signal);
    // A paused process: no timer, no I/O for longer than the lease lives.
    const until = Date.now() + 3500;
    while (Date.now() < until) { /* blocked */ }
    expect(a.valid()).toBe(false); // known before any renewal could run
    expect(await bAcquire).toBe(true);
    await waitUntil('the old holder marks the loss', () => a.lost.aborted, 5000, 20);
  }, 30_000);

  it('a waiter stops waiting when asked', async () => {
    const task = uniqueName('t');
    expect(await lease(task).acquire(new AbortController().signal)).toBe(true);
    const stop = new AbortController();
    const waiting = lease(task).acquire(stop.signal);
    setTimeout(() => stop.abort(), 300);
    expect(await waiting).toBe(false);
  }, 30_000);

  it('a stopping engine takes nothing: a GET_LOCK granted after the stop was asked is given straight back', async () => {
    const task = uniqueName('t');
    const holder = lease(task);
    expect(await holder.acquire(new AbortController().signal)).toBe(true);
    const stop = new AbortController();
    const waiter = lease(task);
    const waiting = waiter.acquire(stop.signal);
    await new Promise((r) => setTimeout(r, 1500)); // the waiter is inside GET_LOCK(?, 1)
    stop.abort('SIGTERM');
    await holder.release(); // its GET_LOCK in flight is granted now
    expect(await waiting).toBe(false);
    expect(waiter.valid()).toBe(false);
    await waitUntil('the lock free again', async () => {
      const [rows] = await admin.query('SELECT IS_USED_LOCK(?) AS id', [leaseName(stack, task)]);
      return (rows as { id: unknown }[])[0]!.id === null;
    }, 3000, 50);
  }, 30_000);

  it('a killed lease connection loses the lease at once, not at the next renewal', async () => {
    const task = uniqueName('t');
    const a = lease(task, { ttlSeconds: 60, renewMs: 20_000, safetyMs: 3000 });
    expect(await a.acquire(new AbortController().signal)).toBe(true);
    const [rows] = await admin.query('SELECT IS_USED_LOCK(?) AS id', [leaseName(stack, task)]);
    await admin.query(`KILL CONNECTION ${Number((rows as { id: number }[])[0]!.id)}`);
    const killedAt = Date.now();
    await waitUntil('the holder knows', () => a.lost.aborted, 5000, 5);
    expect(Date.now() - killedAt).toBeLessThan(1000);
    expect(a.valid()).toBe(false);
    expect(a.reason).toMatch(/the lease connection (ended|failed)/);
  }, 30_000);

  it('validity is judged by a monotonic clock: a wall-clock step neither ends nor extends the lease', async () => {
    const task = uniqueName('t');
    const a = lease(task);
    expect(await a.acquire(new AbortController().signal)).toBe(true);
    const real = Date.now;
    try {
      Date.now = () => real() + 86_400_000; // the wall clock jumps a day ahead (NTP, by hand)
      expect(a.valid()).toBe(true);
      Date.now = () => real() - 86_400_000; // ... or back
      expect(a.valid()).toBe(true);
    } finally {
      Date.now = real;
    }
  }, 30_000);

  it('a source that refuses the login fails at once, naming the account and the fix; an unreachable one is tried again, then given up', async () => {
    const wrong = new TaskLease({ connection: { ...connection, password: 'not-the-password' }, stack, task: uniqueName('t') });
    const refused = await wrong.acquire(new AbortController().signal).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(LeaseUnavailableError);
    // The stack's servers offer TLS with a CA this system does not trust: the login is not retried over
    // TLS, so the message names both causes (the server's own words kept) and both fixes.
    expect(String((refused as Error).message)).toMatch(/cannot take the task's lease on the source 127\.0\.0\.1:\d+ as dts: .*Access denied.*[Ff]ix: check the .*password secret/);

    const attempts: number[] = [];
    const closed = new TaskLease({ connection: { ...connection, port: 1 }, stack, task: uniqueName('t'), retry: { connectionMinutes: 0.02, otherMinutes: 0.01 }, onUnreachable: (_e, n) => attempts.push(n) });
    const gaveUp = await closed.acquire(new AbortController().signal).then(() => undefined, (e: unknown) => e);
    expect(String((gaveUp as Error).message)).toMatch(/stayed unreachable for the task's connection window while taking its lease \(.*ECONNREFUSED/);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('dts run with a wrong source password ends the task PrecheckFailed with the reason, exit 1', async () => {
    const dir = scratchDir('lease-denied');
    const pw = join(dir, 'wrong.password');
    writeFileSync(pw, 'not-the-password\n');
    const task = rocketMqTask({ name: 'lease-denied', topic: 'unused', objects: [{ database: 'nothing', dml: ['INSERT'], ddl: [] }] });
    const manifest = writeManifest(dir, [{ ...task, source: { ...task.source, password: { fromFile: pw } } }]);
    const engine = spawnEngine(manifest, { stateDir: join(dir, 'state') });
    const exit = await waitForExit(engine, 30_000);
    expect(exit.code).toBe(1);
    expect(engine.stderr()).toMatch(/task lease-denied: PrecheckFailed \(task lease-denied: cannot take the task's lease on the source .* [Ff]ix: check the .*password secret.*\)/);
  }, 60_000);

  it('names fit MySQL lock names (64 characters) and differ per task and purpose', () => {
    expect(leaseName('shop', 'orders')).toBe('dts/shop/orders');
    expect(dumpLockName('shop', 'orders')).toBe('dts-dump/shop/orders');
    const long = leaseName('s'.repeat(40), 't'.repeat(60));
    expect(long.length).toBeLessThanOrEqual(64);
    expect(leaseName('s'.repeat(40), 't'.repeat(61))).not.toBe(long);
    expect(dumpLockName('s'.repeat(40), 't'.repeat(60)).length).toBeLessThanOrEqual(64);
  });
});
