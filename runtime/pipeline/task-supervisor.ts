/**
 * Runs an engine's tasks side by side and carries out the console's Suspend and Resume.
 *
 * - Suspend marks the task suspended in its state dir (SuspendFlag): the engine that owns the task
 *   stops it gracefully, as SIGTERM stops them all (in-flight deliveries finish, the checkpoint is
 *   saved, the state becomes Suspended), and every engine of the task keeps it so until Resume. It may
 *   be asked of any engine of the task, the owner or a standby.
 * - Resume removes the mark; the engine holding the lease starts the task from its checkpoint
 *   (prechecks included, as at any start).
 * - `run()` resolves with each task's last outcome once every task has ended for good: stopped by the
 *   engine's own signal, failed, or caught up (`--until-caught-up`). A task that failed is not resumed
 *   from the console: its cause needs fixing first (`dts run` again resumes from the checkpoint).
 */
import type { TaskSpec } from '../manifest/types.js';
import type { SuspendFlag } from './suspend-flag.js';
import type { TaskOutcome } from './task-runner.js';

/** Why a task was stopped from the console (the runner reports it as "stopped by ..."). */
export const CONSOLE_SUSPEND_REASON = 'Suspend in the console';

export class SupervisorError extends Error {}

interface Entry {
  readonly task: TaskSpec;
  readonly flag: SuspendFlag;
  last?: TaskOutcome;
}

/** Runs one task until it ends for good, honouring its suspend flag (runtime/cli/run.ts). */
export type RunTask = (task: TaskSpec, signal: AbortSignal, flag: SuspendFlag) => Promise<TaskOutcome>;

export class TaskSupervisor {
  private readonly entries = new Map<string, Entry>();

  constructor(
    tasks: readonly TaskSpec[],
    private readonly runTask: RunTask,
    private readonly signal: AbortSignal,
    flagOf: (task: TaskSpec) => SuspendFlag,
  ) {
    for (const task of tasks) this.entries.set(task.name, { task, flag: flagOf(task) });
  }

  /** Every task's final outcome, in the order given. */
  async run(): Promise<TaskOutcome[]> {
    return Promise.all(
      [...this.entries.values()].map(async (e) => {
        e.last = await this.runTask(e.task, this.signal, e.flag);
        return e.last;
      }),
    );
  }

  /** Marks the task suspended; resolves once the mark is durable (the state shows when the task stopped). */
  async suspend(name: string): Promise<void> {
    const e = this.entry(name);
    this.assertNotEnded(e);
    const mark = await e.flag.read();
    if (mark) throw new SupervisorError(`task ${name} is suspended (${mark.reason}, since ${mark.since}): nothing to suspend`);
    await e.flag.set(CONSOLE_SUSPEND_REASON);
  }

  async resume(name: string): Promise<void> {
    const e = this.entry(name);
    this.assertNotEnded(e);
    if (!(await e.flag.read())) throw new SupervisorError(`task ${name} is not suspended: only a suspended task resumes`);
    await e.flag.clear();
  }

  private assertNotEnded(e: Entry): void {
    const last = e.last;
    if (last) throw new SupervisorError(`task ${e.task.name} ended ${last.state}${last.reason ? ` (${last.reason})` : ''} in this engine: fix the cause and start dts run again (it resumes from the checkpoint)`);
  }

  private entry(name: string): Entry {
    const e = this.entries.get(name);
    if (!e) throw new SupervisorError(`no task ${name} in this engine`);
    return e;
  }
}
