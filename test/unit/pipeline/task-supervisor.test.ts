// Suspend and Resume of one task while the engine keeps running the others (the console's actions):
// the supervisor only marks and unmarks the task's durable suspend flag; the runner (runtime/cli/run.ts)
// honours it. The flag is read back through a real state dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { TaskSpec } from '../../../runtime/manifest/types.js';
import { SuspendFlag } from '../../../runtime/pipeline/suspend-flag.js';
import type { TaskOutcome } from '../../../runtime/pipeline/task-runner.js';
import { CONSOLE_SUSPEND_REASON, TaskSupervisor } from '../../../runtime/pipeline/task-supervisor.js';
import { TaskStateStore } from '../../../runtime/state/index.js';

const root = mkdtempSync(join(tmpdir(), 'dts-supervisor-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const spec = (name: string) => ({ name }) as TaskSpec;
const outcome = (state: TaskOutcome['state'], reason?: string): TaskOutcome => ({ state, ...(reason ? { reason } : {}), prechecks: [] });

/** A runner as runtime/cli/run.ts is: Suspended while the flag is set, running otherwise, until the engine stops. */
function flagRunner() {
  const seen: string[] = [];
  const run = async (task: TaskSpec, signal: AbortSignal, flag: SuspendFlag) => {
    let last = '';
    while (!signal.aborted) {
      const now = (await flag.read()) ? 'suspended' : 'running';
      if (now !== last) seen.push(`${task.name} ${now}`);
      last = now;
      await flag.changed(signal);
    }
    return outcome('Suspended', `stopped by ${String(signal.reason)}`);
  };
  return { seen, run };
}

describe('TaskSupervisor', () => {
  it('marks one task suspended (durably), keeps the other running, unmarks it on Resume, and ends with the engine', async () => {
    const dir = join(root, String(n++));
    const { seen, run } = flagRunner();
    const engine = new AbortController();
    const flags = new Map<string, SuspendFlag>();
    const supervisor = new TaskSupervisor([spec('a'), spec('b')], run, engine.signal, (t) => {
      const f = new SuspendFlag(new TaskStateStore(join(dir, t.name)), 20);
      flags.set(t.name, f);
      return f;
    });
    const done = supervisor.run();
    await new Promise((r) => setTimeout(r, 30));
    await supervisor.suspend('a');
    await new Promise((r) => setTimeout(r, 30));
    // The mark is in the state dir, where every engine of the task reads it.
    expect(await new TaskStateStore(join(dir, 'a')).readSuspend()).toMatchObject({ reason: CONSOLE_SUSPEND_REASON });
    await expect(supervisor.suspend('a')).rejects.toThrow(`task a is suspended (${CONSOLE_SUSPEND_REASON}, since`);
    await expect(supervisor.resume('b')).rejects.toThrow('task b is not suspended: only a suspended task resumes');
    await supervisor.resume('a');
    await new Promise((r) => setTimeout(r, 30));
    expect(await new TaskStateStore(join(dir, 'a')).readSuspend()).toBeUndefined();
    expect(seen).toEqual(['a running', 'b running', 'a suspended', 'a running']);
    engine.abort('SIGTERM');
    const outcomes = await done;
    expect(outcomes.map((o) => o.reason)).toEqual(['stopped by SIGTERM', 'stopped by SIGTERM']);
  });

  it('a mark written by another engine is seen within the poll interval; an unreadable mark still means suspended', async () => {
    const store = new TaskStateStore(join(root, String(n++)));
    const flag = new SuspendFlag(store, 20);
    const got = new Promise<string>((resolve) => flag.watch((m) => resolve(m.reason)));
    await new TaskStateStore(store.dir).writeSuspend('by another engine'); // not through `flag`: no local notice
    expect(await got).toBe('by another engine');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(store.suspendFile, '{not json');
    expect((await flag.read())?.reason).toContain('unreadable');
    await flag.clear();
    expect(await flag.read()).toBeUndefined();
  });

  it('does not act on a task that ended here, and names the fix', async () => {
    const dir = join(root, String(n++));
    const supervisor = new TaskSupervisor([spec('f')], async () => outcome('Failed', 'disk full'), new AbortController().signal, (t) => new SuspendFlag(new TaskStateStore(join(dir, t.name))));
    expect(await supervisor.run()).toEqual([outcome('Failed', 'disk full')]);
    await expect(supervisor.resume('f')).rejects.toThrow('task f ended Failed (disk full) in this engine: fix the cause and start dts run again');
    await expect(supervisor.suspend('nope')).rejects.toThrow('no task nope in this engine');
  });
});
