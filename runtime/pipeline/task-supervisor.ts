/**
 * Runs an engine's tasks side by side and carries out the console's Suspend and Resume.
 *
 * - Suspend stops one task gracefully, as SIGTERM stops them all: in-flight deliveries finish, the
 *   checkpoint is saved, the task's state becomes Suspended. The engine keeps running (and serving the
 *   console) while the task waits for Resume.
 * - Resume starts the task again from its checkpoint (prechecks included, as at any start).
 * - `run()` resolves with each task's last outcome once every task has ended for good: stopped by the
 *   engine's own signal, failed, caught up (`--until-caught-up`), or suspended and the engine stopped.
 *   A task that failed is not resumed from the console: its cause needs fixing first (`dts run` again
 *   resumes from the checkpoint).
 */
import type { TaskSpec } from '../manifest/types.js';
import type { TaskOutcome } from './task-runner.js';

/** Why a task was stopped from the console (the runner reports it as "stopped by ..."). */
export const CONSOLE_SUSPEND_REASON = 'Suspend in the console';

export class SupervisorError extends Error {}

type Phase = 'running' | 'stopping' | 'suspended' | 'ended';

interface Entry {
  readonly task: TaskSpec;
  phase: Phase;
  controller?: AbortController;
  /** Resolves the wait of a suspended task (true: run again, false: the engine stops). */
  wake?: (again: boolean) => void;
  last?: TaskOutcome;
}

export class TaskSupervisor {
  private readonly entries = new Map<string, Entry>();

  constructor(
    tasks: readonly TaskSpec[],
    private readonly runTask: (task: TaskSpec, signal: AbortSignal) => Promise<TaskOutcome>,
    private readonly signal: AbortSignal,
  ) {
    for (const task of tasks) this.entries.set(task.name, { task, phase: 'running' });
  }

  /** Every task's final outcome, in the order given. */
  async run(): Promise<TaskOutcome[]> {
    const stopAll = () => {
      for (const e of this.entries.values()) e.wake?.(false);
    };
    this.signal.addEventListener('abort', stopAll, { once: true });
    try {
      return await Promise.all([...this.entries.values()].map((e) => this.loop(e)));
    } finally {
      this.signal.removeEventListener('abort', stopAll);
    }
  }

  /** Stops the task gracefully; resolves once the request is taken (the state shows when it is done). */
  async suspend(name: string): Promise<void> {
    const e = this.entry(name);
    if (e.phase !== 'running') throw new SupervisorError(`task ${name} is ${e.phase === 'stopping' ? 'already stopping' : e.phase}: nothing to suspend`);
    e.phase = 'stopping';
    e.controller?.abort(CONSOLE_SUSPEND_REASON);
  }

  async resume(name: string): Promise<void> {
    const e = this.entry(name);
    if (e.phase === 'suspended' && e.wake) {
      e.wake(true);
      return;
    }
    if (e.phase === 'ended' && e.last) {
      throw new SupervisorError(`task ${name} ended ${e.last.state}${e.last.reason ? ` (${e.last.reason})` : ''}: fix the cause and start dts run again (it resumes from the checkpoint)`);
    }
    throw new SupervisorError(`task ${name} is ${e.phase}: only a task suspended from the console resumes`);
  }

  private entry(name: string): Entry {
    const e = this.entries.get(name);
    if (!e) throw new SupervisorError(`no task ${name} in this engine`);
    return e;
  }

  private async loop(e: Entry): Promise<TaskOutcome> {
    for (;;) {
      const controller = new AbortController();
      const relay = () => controller.abort(this.signal.reason);
      if (this.signal.aborted) relay();
      else this.signal.addEventListener('abort', relay, { once: true });
      e.controller = controller;
      if (e.phase === 'stopping') controller.abort(CONSOLE_SUSPEND_REASON);
      try {
        e.last = await this.runTask(e.task, controller.signal);
      } catch (error) {
        e.phase = 'ended';
        throw error;
      } finally {
        this.signal.removeEventListener('abort', relay);
        e.controller = undefined;
      }
      const suspendedHere = e.phase === 'stopping' && e.last.state === 'Suspended' && !this.signal.aborted;
      if (!suspendedHere) {
        e.phase = 'ended';
        return e.last;
      }
      e.phase = 'suspended';
      const again = await new Promise<boolean>((resolve) => (e.wake = resolve));
      e.wake = undefined;
      if (!again) {
        e.phase = 'ended';
        return e.last;
      }
      e.phase = 'running';
    }
  }
}
