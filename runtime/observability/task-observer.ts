/**
 * Connects one running task to what operators see: its metrics (and so /metrics and /status), the
 * full-sync progress display, and the latency / failure alerts.
 */
import type { Logger } from '../log.js';
import type { TaskSpec } from '../manifest/types.js';
import type { TaskObserver } from '../pipeline/task-runner.js';
import type { DeliveryObserver } from '../sinks/sink.js';
import type { TaskState } from '../state/types.js';
import { AlertMonitor, type AlertEvent } from './alerts.js';
import type { TaskMetrics } from './metrics.js';
import type { ProgressReporter } from './progress.js';

export interface ObservedTask {
  readonly task: TaskObserver;
  readonly deliveries: DeliveryObserver;
  /** Stops the alert loop and waits for in-flight webhook calls. */
  close(): Promise<void>;
}

export function observeTask(
  spec: TaskSpec,
  stack: string,
  metrics: TaskMetrics,
  progress: ProgressReporter,
  log: Logger,
  onAlert?: (event: AlertEvent) => void,
): ObservedTask {
  const monitor = spec.alerting ? new AlertMonitor({ stack, task: spec.name, alerting: spec.alerting, logger: log, ...(onAlert ? { onEvent: onAlert } : {}) }) : undefined;
  let state: TaskState = 'NotStarted';
  let reason: string | undefined;
  const evaluate = () => monitor?.evaluate({ state, latencySeconds: metrics.latencySeconds(), ...(reason ? { reason } : {}) });
  const timer = monitor ? setInterval(evaluate, 1000) : undefined;
  timer?.unref();
  const finished = new Set<string>();
  return {
    task: {
      state(s, why) {
        state = s;
        reason = why;
        metrics.setState(s, why);
        if (s === 'Failed') metrics.error('task', why ?? 'failed');
        evaluate();
      },
      checkpointed(mark) {
        const p = mark.position;
        metrics.checkpointed(`${p.file}:${p.pos}${p.gtid ? ` (gtid ${p.gtid})` : ''}`, mark.commitTime);
      },
      fullSyncProgress(tables) {
        for (const t of tables) {
          metrics.fullSyncProgress(t.table, t.rowsDone, t.rowsEstimated, t.status);
          if (t.status === 'done') {
            if (!finished.has(t.table)) progress.finish(t.table, t.rowsDone);
            finished.add(t.table);
          } else progress.update(t.table, t.rowsDone, t.rowsEstimated);
        }
        if (tables.length > 0 && tables.every((t) => t.status === 'done')) metrics.fullSyncFinished();
      },
      retry(kind) {
        metrics.retry(kind);
      },
      idle() {
        metrics.caughtUp();
      },
      heartbeat(commitTime) {
        metrics.heartbeat(commitTime);
      },
    },
    deliveries: {
      delivered: (d) => metrics.delivered(d),
      filteredLargeRecord: (table) => metrics.filteredLargeRecord(table),
    },
    async close() {
      if (timer) clearInterval(timer);
      evaluate();
      await monitor?.flush();
    },
  };
}
