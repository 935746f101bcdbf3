/**
 * `dts status` (the real bin, in a child process) against a separate engine process that serves
 * /status and wrote engine.json, then again after that process stopped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import type { StatusReport } from '../../../runtime/observability/index.js';
import { TaskStateStore } from '../../../runtime/state/index.js';

jest.setTimeout(60_000);
const ROOT = new URL('../../../', import.meta.url).pathname;
const stateRoot = mkdtempSync(join(tmpdir(), 'dts-fake-engine-'));
let engine: ChildProcess | undefined;
afterAll(() => {
  if (engine?.exitCode === null) engine.kill('SIGTERM');
  rmSync(stateRoot, { recursive: true, force: true });
});

function dtsStatus(): StatusReport {
  const r = spawnSync(process.execPath, [join(ROOT, 'runtime', 'cli', 'dts.mjs'), 'status', '--state-dir', stateRoot, '--json'], { encoding: 'utf8' });
  expect([r.status, r.stderr]).toEqual([0, '']);
  return JSON.parse(r.stdout) as StatusReport;
}

describe('dts status with a running engine process', () => {
  it('shows the live row while it runs and the persisted row after it stops', async () => {
    await new TaskStateStore(join(stateRoot, 'shop', 'to-mq')).writeStatus('FullSync');
    engine = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'unit', 'observability', 'fixtures', 'fake-engine.ts'), stateRoot], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve, reject) => {
      engine!.stdout!.on('data', (c: Buffer) => {
        const m = /observability on (http:\/\/127\.0\.0\.1:\d+)/.exec(c.toString());
        if (m) resolve(m[1]!);
      });
      engine!.once('exit', (code) => reject(new Error(`fake engine exited ${code}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await new Promise((r) => setTimeout(r, 1500));

    const live = dtsStatus().tasks[0]!;
    expect(live).toMatchObject({ stack: 'shop', task: 'to-mq', origin: 'engine', state: 'Synchronizing', checkpoint: 'mariadb-bin.000009:777' });
    expect(live.fullSync).toMatchObject({ rowsDone: 1000, rowsEstimated: 1000, percent: 100, done: true });
    expect(live.latencySeconds).toBeLessThan(2);
    // 50 rows/s for at least one full second of the 10 s window.
    expect(live.rps).toBeGreaterThanOrEqual(5);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/dts_task_state\{stack="shop",task="to-mq",state="Synchronizing"\} 1/);

    engine.kill('SIGTERM');
    await new Promise((r) => engine!.once('exit', r));
    expect(dtsStatus().tasks[0]).toMatchObject({ origin: 'state-dir', state: 'FullSync', latencySeconds: null });
  });
});
