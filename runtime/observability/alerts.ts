/**
 * Task alerts from TaskSpec.alerting, as DTS monitoring does: latency above `latencySeconds` for at
 * least `latencyForSeconds`, or the task entering Failed. Each alert fires once and resolves once when
 * its condition ends; every event is logged and, when a webhook is set, POSTed to it as JSON. A
 * webhook that is down is logged and never stops the task.
 */
import type { AlertingSpec } from '../manifest/types.js';
import type { Logger } from '../log.js';
import type { TaskState } from '../state/types.js';

export type AlertKind = 'latency' | 'failure';

export interface AlertEvent {
  readonly status: 'firing' | 'resolved';
  readonly alert: AlertKind;
  readonly stack: string;
  readonly task: string;
  /** ISO time of this event. */
  readonly at: string;
  /** ISO time the condition began. */
  readonly startsAt: string;
  readonly summary: string;
  readonly state: TaskState;
  readonly latencySeconds: number | null;
  readonly thresholdSeconds?: number;
  readonly forSeconds?: number;
  readonly reason?: string;
}

export interface AlertSample {
  readonly state: TaskState;
  readonly latencySeconds: number | null;
  /** Why the task failed, when it did. */
  readonly reason?: string;
}

export interface AlertMonitorOptions {
  readonly stack: string;
  readonly task: string;
  readonly alerting: AlertingSpec;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly webhookTimeoutMs?: number;
  /** Every firing and resolved event, as it is logged (the console's recent events). */
  readonly onEvent?: (event: AlertEvent) => void;
}

export class AlertMonitor {
  private latencyAboveSince: number | undefined;
  private readonly firing = new Map<AlertKind, { startsAt: number }>();
  private readonly pending = new Set<Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly options: AlertMonitorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Feed the current state and latency (the engine calls this every second); returns the events sent. */
  evaluate(sample: AlertSample): AlertEvent[] {
    const { alerting } = this.options;
    const now = this.now();
    const events: AlertEvent[] = [];

    if (alerting.latencySeconds !== undefined) {
      const threshold = alerting.latencySeconds;
      const forMs = (alerting.latencyForSeconds ?? 0) * 1000;
      const above = sample.latencySeconds !== null && sample.latencySeconds > threshold;
      if (above) this.latencyAboveSince ??= now;
      else this.latencyAboveSince = undefined;
      const breached = above && now - this.latencyAboveSince! >= forMs;
      const extra = { thresholdSeconds: threshold, forSeconds: alerting.latencyForSeconds ?? 0 };
      if (breached && !this.firing.has('latency')) {
        events.push(this.open('latency', this.latencyAboveSince!, sample, `latency ${fmt(sample.latencySeconds)} s above ${threshold} s for ${Math.round((now - this.latencyAboveSince!) / 1000)} s`, extra));
      } else if (!above && this.firing.has('latency')) {
        events.push(this.close('latency', sample, `latency back to ${fmt(sample.latencySeconds)} s (threshold ${threshold} s)`, extra));
      }
    }

    if (alerting.onFailure) {
      const failed = sample.state === 'Failed';
      if (failed && !this.firing.has('failure')) {
        events.push(this.open('failure', now, sample, `task failed${sample.reason ? `: ${sample.reason}` : ''}`, {}));
      } else if (!failed && this.firing.has('failure')) {
        events.push(this.close('failure', sample, `task left Failed (now ${sample.state})`, {}));
      }
    }
    for (const e of events) this.emit(e);
    return events;
  }

  /** Alerts currently firing. */
  active(): AlertKind[] {
    return [...this.firing.keys()].sort();
  }

  /** Waits for webhook deliveries in flight (tests, and the engine before exit). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private open(alert: AlertKind, startsAt: number, sample: AlertSample, summary: string, extra: Partial<AlertEvent>): AlertEvent {
    this.firing.set(alert, { startsAt });
    return this.event('firing', alert, startsAt, sample, summary, extra);
  }

  private close(alert: AlertKind, sample: AlertSample, summary: string, extra: Partial<AlertEvent>): AlertEvent {
    const startsAt = this.firing.get(alert)!.startsAt;
    this.firing.delete(alert);
    return this.event('resolved', alert, startsAt, sample, summary, extra);
  }

  private event(status: AlertEvent['status'], alert: AlertKind, startsAt: number, sample: AlertSample, summary: string, extra: Partial<AlertEvent>): AlertEvent {
    return {
      status, alert, stack: this.options.stack, task: this.options.task,
      at: new Date(this.now()).toISOString(), startsAt: new Date(startsAt).toISOString(),
      summary: `${this.options.task}: ${summary}`,
      state: sample.state, latencySeconds: sample.latencySeconds,
      ...extra,
      ...(sample.reason === undefined ? {} : { reason: sample.reason }),
    };
  }

  private emit(event: AlertEvent): void {
    const log = this.options.logger;
    if (event.status === 'firing') log.warn(`alert firing: ${event.summary}`, { alertEvent: event });
    else log.info(`alert resolved: ${event.summary}`, { alertEvent: event });
    this.options.onEvent?.(event);
    const url = this.options.alerting.webhookUrl;
    if (url === undefined) return;
    const p = postJson(url, event, this.options.webhookTimeoutMs ?? 5000).then(
      (status) => {
        if (status < 200 || status >= 300) log.error(`alert webhook answered HTTP ${status}`, { task: event.task, alert: event.alert, webhookStatus: status });
      },
      (e: unknown) => log.error(`alert webhook failed: ${(e as Error).message}: check alerting.webhookUrl of task ${event.task}`, { task: event.task, alert: event.alert }),
    ).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }
}

async function postJson(url: string, body: unknown, timeoutMs: number): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer();
  return res.status;
}

function fmt(n: number | null): string {
  return n === null ? '?' : n.toFixed(1);
}
