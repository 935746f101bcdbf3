// Suspend and Resume of one task while the engine keeps running the others (the console's actions).
import { describe, expect, it } from '@jest/globals';
import type { TaskSpec } from '../../../runtime/manifest/types.js';
import type { TaskOutcome } from '../../../runtime/pipeline/task-runner.js';
import { CONSOLE_SUSPEND_REASON, TaskSupervisor } from '../../../runtime/pipeline/task-supervisor.js';

const spec = (name: string) => ({ name }) as TaskSpec;
const outcome = (state: TaskOutcome['state'], reason?: string): TaskOutcome => ({ state, ...(reason ? { reason } : {}), prechecks: [] });
const tick = () => new Promise((r) => setTimeout(r, 5));

/** A fake runner: runs until its signal aborts, then ends Suspended "stopped by <reason>". */
function fakeRunner() {
  const starts: string[] = [];
  const run = (task: TaskSpec, signal: AbortSignal) => {
    starts.push(task.name);
    return new Promise<TaskOutcome>((resolve) => {
      const done = () => resolve(outcome('Suspended', `stopped by ${String(signal.reason)}`));
      if (signal.aborted) done();
      else signal.addEventListener('abort', done, { once: true });
    });
  };
  return { starts, run };
}

describe('TaskSupervisor', () => {
  it('suspends one task, keeps the other running, resumes it from the start of a new run, and ends with the engine', async () => {
    const { starts, run } = fakeRunner();
    const engine = new AbortController();
    const supervisor = new TaskSupervisor([spec('a'), spec('b')], run, engine.signal);
    const done = supervisor.run();
    await tick();
    await supervisor.suspend('a');
    await tick();
    await expect(supervisor.suspend('a')).rejects.toThrow('task a is suspended: nothing to suspend');
    expect(starts).toEqual(['a', 'b']);
    await supervisor.resume('a');
    await tick();
    expect(starts).toEqual(['a', 'b', 'a']);
    await expect(supervisor.resume('b')).rejects.toThrow('task b is running: only a task suspended from the console resumes');
    await supervisor.suspend('a');
    await tick();
    engine.abort('SIGTERM');
    const outcomes = await done;
    expect(outcomes.map((o) => o.reason)).toEqual([`stopped by ${CONSOLE_SUSPEND_REASON}`, 'stopped by SIGTERM']);
  });

  it('does not resume a task that failed, and names the fix', async () => {
    const supervisor = new TaskSupervisor([spec('f')], async () => outcome('Failed', 'disk full'), new AbortController().signal);
    expect(await supervisor.run()).toEqual([outcome('Failed', 'disk full')]);
    await expect(supervisor.resume('f')).rejects.toThrow('task f ended Failed (disk full): fix the cause and start dts run again');
    await expect(supervisor.suspend('nope')).rejects.toThrow('no task nope in this engine');
  });
});
