/**
 * `dts status`: rows from the state dir when no engine runs, live rows from the engine's /status when
 * engine.json names a live process, and a fallback to the state dir when that process is gone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { main } from '../../../runtime/cli/main.js';
import {
  collectStatus, EngineMetrics, readEngineInfo, renderStatusTable, startObservabilityServer, writeEngineInfo, type StatusReport,
} from '../../../runtime/observability/index.js';
import { TaskStateStore } from '../../../runtime/state/index.js';

const root = mkdtempSync(join(tmpdir(), 'dts-status-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function seedStateDir(stateRoot: string): Promise<void> {
  const a = new TaskStateStore(join(stateRoot, 'shop', 'to-mq'));
  await a.writeStatus('FullSync');
  await a.writeCheckpoint({
    binlog: { file: 'mariadb-bin.000003', pos: 1234, gtidSet: '0-1-42' },
    snapshot: { done: false, tables: { 'shop.orders': { status: 'in-progress', rowsDone: 250, rowsEstimated: 1000, lastKey: [250] }, 'shop.customers': { status: 'done', rowsDone: 40, rowsEstimated: 30 } } },
  });
  const b = new TaskStateStore(join(stateRoot, 'shop', 'to-mysql'));
  await b.writeStatus('Failed', 'table shop.x has no primary key or unique key: add one or exclude the table');
}

let out = '';
beforeEach(() => {
  out = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
});
afterEach(() => {
  jest.restoreAllMocks();
});

describe('dts status without an engine', () => {
  it('reads status, checkpoint, full-sync progress and the failure reason from the state dir', async () => {
    const stateRoot = join(root, 'idle');
    await seedStateDir(stateRoot);
    const report = await collectStatus(stateRoot);
    expect(report.tasks).toEqual([
      expect.objectContaining({
        stack: 'shop', task: 'to-mq', state: 'FullSync', origin: 'state-dir', latencySeconds: null, rps: null,
        checkpoint: 'mariadb-bin.000003:1234 (gtid 0-1-42)', lastError: null,
        fullSync: expect.objectContaining({ rowsDone: 290, rowsEstimated: 1040, percent: 27.9, done: false }),
      }),
      expect.objectContaining({ task: 'to-mysql', state: 'Failed', lastError: 'table shop.x has no primary key or unique key: add one or exclude the table', fullSync: null, checkpoint: null }),
    ]);
    const table = renderStatusTable(report).split('\n');
    expect(table[0]).toMatch(/^TASK\s+STATUS\s+LATENCY\s+SPEED\s+FULL SYNC\s+CHECKPOINT\s+LAST ERROR$/);
    expect(table[1]).toMatch(/^shop\/to-mq\s+FullSync \(not running\)\s+-\s+-\s+290\/1040 \(27\.9%\)\s+mariadb-bin\.000003:1234 \(gtid 0-1-42\)\s+-$/);
    expect(table[2]).toContain('Failed (not running)');

    expect(await main(['status', '--state-dir', stateRoot, '--json'])).toBe(0);
    expect((JSON.parse(out) as StatusReport).tasks.map((t) => t.task)).toEqual(['to-mq', 'to-mysql']);
  });

  it('names the corrupt file in the row instead of failing the whole listing', async () => {
    const stateRoot = join(root, 'corrupt');
    await seedStateDir(stateRoot);
    writeFileSync(join(stateRoot, 'shop', 'to-mq', 'checkpoint.json'), '{oops');
    const report = await collectStatus(stateRoot);
    expect(report.tasks[0]!.lastError).toContain('checkpoint.json is unreadable');
  });

  it('says so when the state dir holds no task', async () => {
    expect(await main(['status', '--state-dir', join(root, 'none')])).toBe(0);
    expect(out).toContain('No tasks in this state dir');
  });
});

describe('dts status with a running engine', () => {
  it('asks the engine named by engine.json for live rows; ignores it once the process is gone', async () => {
    const stateRoot = join(root, 'live');
    await seedStateDir(stateRoot);
    const metrics = new EngineMetrics();
    const t = metrics.task('shop', 'to-mq');
    t.setState('Synchronizing');
    t.delivered({ table: 'shop.orders', operation: 'INSERT', phase: 'incremental', rows: 5, bytes: 500, sourceTimestampMs: Date.now() - 1500 });
    t.checkpointed('mariadb-bin.000004:99');
    const server = await startObservabilityServer({ metrics });
    try {
      const taskDir = join(stateRoot, 'shop', 'to-mq');
      await writeEngineInfo(taskDir, { pid: process.pid, port: server.port });
      expect(await readEngineInfo(taskDir)).toMatchObject({ pid: process.pid, port: server.port, host: '127.0.0.1' });

      const live = await collectStatus(stateRoot);
      const row = live.tasks.find((r) => r.task === 'to-mq')!;
      expect(row).toMatchObject({ origin: 'engine', state: 'Synchronizing', checkpoint: 'mariadb-bin.000004:99' });
      expect(row.latencySeconds).toBeGreaterThanOrEqual(1.5);
      expect(row.latencySeconds).toBeLessThan(10);
      expect(live.tasks.find((r) => r.task === 'to-mysql')!.origin).toBe('state-dir');

      expect(await main(['status', '--state-dir', stateRoot])).toBe(0);
      expect(out).toMatch(/shop\/to-mq\s+Synchronizing\s+\d+\.\d s/);

      // A pid that has exited: engine.json is stale, the row comes from the files again.
      const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
      await writeEngineInfo(taskDir, { pid: dead, port: server.port });
      expect(await readEngineInfo(taskDir)).toBeUndefined();
      expect((await collectStatus(stateRoot)).tasks[0]).toMatchObject({ origin: 'state-dir', state: 'FullSync' });
    } finally {
      await server.close();
    }
  });
});
