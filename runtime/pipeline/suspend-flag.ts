/**
 * An operator's Suspend that holds for every engine of a task until Resume.
 *
 * The mark is a file in the task's state dir (`suspended.json`, TaskStateStore), which every engine of
 * the task shares (the owner and its standbys: one state dir on a shared volume). The engine that
 * holds the task's lease reads it before it starts the task and every SUSPEND_POLL_MS while it runs:
 * once the mark is there it stops the task gracefully (checkpoint saved) and keeps the lease while the
 * task stays Suspended, so no standby starts it; a standby that takes the lease later (the owner died)
 * finds the mark and holds the task Suspended as well. Resume, on the console of any engine of the
 * task, removes the mark; the lease holder then starts the task from its checkpoint.
 */
import type { SuspendMark, TaskStateStore } from '../state/state-store.js';

/** How often the lease holder reads the mark (a Suspend from another engine's console takes effect within it). */
export const SUSPEND_POLL_MS = 1000;

export class SuspendFlag {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: TaskStateStore,
    private readonly pollMs = SUSPEND_POLL_MS,
  ) {}

  read(): Promise<SuspendMark | undefined> {
    return this.store.readSuspend();
  }

  async set(reason: string): Promise<SuspendMark> {
    const mark = await this.store.writeSuspend(reason);
    this.notify();
    return mark;
  }

  async clear(): Promise<void> {
    await this.store.clearSuspend();
    this.notify();
  }

  /** Resolves at a change made by this engine, after one poll interval, or when `signal` aborts. */
  changed(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.listeners.add(done);
      if (signal.aborted) done();
      else signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Calls `onSuspended` once the mark is seen (at once for this engine's own Suspend); returns the stop. */
  watch(onSuspended: (mark: SuspendMark) => void): () => void {
    const stop = new AbortController();
    void (async () => {
      while (!stop.signal.aborted) {
        const mark = await this.read();
        if (stop.signal.aborted) return;
        if (mark) return onSuspended(mark);
        await this.changed(stop.signal);
      }
    })();
    return () => stop.abort();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}
