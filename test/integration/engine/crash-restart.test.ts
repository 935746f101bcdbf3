// Crash and graceful stop of the real `dts run` process while a steady stream of changes is in
// flight. kill -9 may repeat only the tail after the last saved checkpoint (at-least-once) and must
// lose nothing; SIGTERM drains, saves the checkpoint and the restart repeats nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';
import { rocketMqTask } from '../../support/task-spec.js';
import type { Received } from '../../support/consume.js';
import {
  canalRows,
  drain,
  orderlyGroup,
  readTaskCheckpoint,
  readTaskStatus,
  runUntilCaughtUp,
  scratchDir,
  spawnEngine,
  waitForExit,
  writeManifest,
} from '../../support/engine.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Inserts one row per transaction (ids from `from`) until stopped; resolves with the last id. */
function steadyWriter(db: string, from: number): { stop: () => Promise<number> } {
  let stopped = false;
  let id = from - 1;
  const done = (async () => {
    const conn = await mysql.createConnection(sourceConnection());
    try {
      while (!stopped) {
        await conn.query(`INSERT INTO ${db}.ticks (id, payload) VALUES (?, ?)`, [id + 1, `tick ${id + 1}`]);
        id++;
        await sleep(2);
      }
    } finally {
      await conn.end();
    }
    return id;
  })();
  return {
    stop: async () => {
      stopped = true;
      return done;
    },
  };
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** One delivery per row: the row id and the task sequence number of its change (message properties). */
function deliveries(messages: readonly Received[]): { id: number; seq: number }[] {
  return canalRows(messages).map((r) => {
    const first = Number(r.message.properties.get('dts_seq_first'));
    const last = Number(r.message.properties.get('dts_seq_last'));
    // Every transaction here holds one row, so every message carries one row: seq first = last.
    expect(last).toBe(first);
    return { id: Number(r.data.id), seq: first };
  });
}

const lastSeqOf = (stateDir: string): number => {
  try {
    return readTaskCheckpoint(stateDir, 'ticks').lastSeq ?? 0;
  } catch {
    return 0;
  }
};

describe('dts run killed and stopped mid-stream (real MariaDB + RocketMQ)', () => {
  const db = uniqueName('crash');
  const topic = uniqueName('crash_topic');
  const group = uniqueName('GID_crash');
  const dir = scratchDir('crash');
  const stateDir = `${dir}/state`;
  let manifest: string;
  let admin: mysql.Connection;
  let nextId = 1;

  beforeAll(async () => {
    admin = await mysql.createConnection(sourceConnection());
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.ticks (id INT PRIMARY KEY, payload VARCHAR(32) NOT NULL)`);
    await Promise.all([createTopic(topic, { fifo: true }), orderlyGroup(group)]);
    // 150 messages/s at most: the writer outpaces the sink, so unacknowledged sends pile up.
    const task = rocketMqTask({
      name: 'ticks',
      topic,
      objects: [{ database: db, table: 'ticks', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }],
      rocketmq: { ordering: { rule: 'columns', buckets: 4 }, tpsLimit: 150 },
    });
    manifest = writeManifest(dir, [task]);
    // First run: pins the current binlog end as the task's start.
    const { exit, engine } = await runUntilCaughtUp(manifest, { stateDir });
    expect({ code: exit.code, stderr: exit.code === 0 ? '' : engine.stderr() }).toEqual({ code: 0, stderr: '' });
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await deleteTopic(topic).catch(() => undefined);
  });

  it('kill -9 with messages in flight, then a restart: nothing lost, only the tail after the last checkpoint repeats', async () => {
    const engine = spawnEngine(manifest, { stateDir });
    let killedAt: number;
    let inserted: number;
    try {
      await engine.waitForLog((l) => l.msg === 'task state Synchronizing');
      const writer = steadyWriter(db, nextId);
      await waitFor('the checkpoint to pass 150 changes', () => lastSeqOf(stateDir) >= 150);
      engine.kill('SIGKILL');
      const exit = await waitForExit(engine, 10_000);
      expect(exit.signal).toBe('SIGKILL');
      killedAt = lastSeqOf(stateDir);
      await sleep(500); // changes keep coming while the engine is down
      inserted = await writer.stop();
    } finally {
      engine.kill('SIGKILL');
    }
    // The writer ran ahead of the throttled sink: there was an unacknowledged tail when it died.
    expect(inserted).toBeGreaterThan(killedAt + 50);

    const { exit } = await runUntilCaughtUp(manifest, { stateDir }, 120_000);
    expect(exit.code).toBe(0);
    expect(readTaskStatus(stateDir, 'ticks').state).toBe('Suspended');
    expect(readTaskCheckpoint(stateDir, 'ticks').lastSeq).toBe(inserted);

    const got = deliveries(await drain(group, [topic], { idleMs: 4000, timeoutMs: 90_000 }));
    const ids = new Set(got.map((d) => d.id));
    // Nothing lost.
    expect(ids.size).toBe(inserted);
    expect(Math.min(...ids)).toBe(1);
    expect(Math.max(...ids)).toBe(inserted);
    // Each id's change carries the same seq in both runs (the restart resumes numbering from the checkpoint).
    for (const d of got) expect(d.seq).toBe(d.id);
    // Only the tail after the checkpoint saved before the kill repeats, and at most once.
    const counts = new Map<number, number>();
    for (const d of got) counts.set(d.id, (counts.get(d.id) ?? 0) + 1);
    const repeated = [...counts].filter(([, n]) => n > 1);
    for (const [id, n] of repeated) {
      expect(n).toBe(2);
      expect(id).toBeGreaterThan(killedAt);
    }
    process.stderr.write(
      `[engine-qa] kill -9: ${inserted} changes, checkpoint at kill = seq ${killedAt}, ${repeated.length} repeated after restart ` +
        `(bound: ${inserted - killedAt} after the checkpoint)\n`,
    );
    nextId = inserted + 1;
  });

  it('SIGTERM drains, saves the checkpoint and exits 0; the restart repeats nothing', async () => {
    const before = lastSeqOf(stateDir);
    const engine = spawnEngine(manifest, { stateDir });
    let stoppedAt: number;
    let inserted: number;
    try {
      await engine.waitForLog((l) => l.msg === 'task state Synchronizing');
      const writer = steadyWriter(db, nextId);
      await waitFor('the checkpoint to move by 150 changes', () => lastSeqOf(stateDir) >= before + 150);
      engine.kill('SIGTERM');
      const exit = await waitForExit(engine, 60_000);
      expect(exit.code).toBe(0);
      expect(engine.logs.some((l) => l.msg === 'task stopped')).toBe(true);
      stoppedAt = lastSeqOf(stateDir);
      inserted = await writer.stop();
    } finally {
      engine.kill('SIGKILL');
    }
    expect(readTaskStatus(stateDir, 'ticks').state).toBe('Suspended');
    expect(inserted).toBeGreaterThan(stoppedAt);

    const { exit } = await runUntilCaughtUp(manifest, { stateDir }, 120_000);
    expect(exit.code).toBe(0);
    expect(readTaskCheckpoint(stateDir, 'ticks').lastSeq).toBe(inserted);

    const got = deliveries(await drain(group, [topic], { idleMs: 4000, timeoutMs: 90_000 }));
    const ids = got.map((d) => d.id).sort((a, b) => a - b);
    // Every change of this phase exactly once: the graceful stop left no unacknowledged tail.
    expect(ids).toEqual(Array.from({ length: inserted - nextId + 1 }, (_, i) => nextId + i));
    process.stderr.write(`[engine-qa] SIGTERM: ${ids.length} changes, checkpoint at stop = seq ${stoppedAt}, 0 repeated\n`);
  });
});
