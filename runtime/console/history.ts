/**
 * What the console's task page shows beyond the live row: each task's latency and throughput over the
 * last hour and its recent events (state changes with their reasons, errors, alerts).
 *
 * Contract: `observe(rows)` is called with the engine's status rows (about once a second); a point is
 * kept every HISTORY_STEP_SECONDS for HISTORY_SECONDS, and at most HISTORY_EVENTS events per task, so
 * memory stays bounded however long the engine runs. A state change or a new last error becomes an
 * event; `event()` adds others (alerts).
 */
import type { TaskStatusRow } from '../observability/status-model.js';

export const HISTORY_SECONDS = 3600;
export const HISTORY_STEP_SECONDS = 5;
export const HISTORY_EVENTS = 50;

export interface HistoryPoint {
  /** ms since the epoch. */
  readonly at: number;
  readonly latencySeconds: number | null;
  readonly rps: number | null;
  readonly mbps: number | null;
  /** Full-sync rows read so far (null without a full sync). */
  readonly fullSyncRows: number | null;
}

export interface HistoryEvent {
  readonly at: number;
  readonly kind: 'state' | 'error' | 'alert';
  readonly text: string;
}

export interface TaskHistory {
  readonly points: readonly HistoryPoint[];
  readonly events: readonly HistoryEvent[];
}

interface Track {
  points: HistoryPoint[];
  events: HistoryEvent[];
  state?: string;
  lastError?: string | null;
  lastPointAt?: number;
}

export const historyKey = (stack: string, task: string): string => `${stack}/${task}`;

export class ConsoleHistory {
  private readonly tracks = new Map<string, Track>();

  constructor(private readonly now: () => number = Date.now) {}

  observe(rows: readonly TaskStatusRow[]): void {
    const now = this.now();
    for (const row of rows) {
      const track = this.track(row.stack, row.task);
      if (row.state !== track.state) {
        this.push(track, { at: now, kind: 'state', text: row.reason ? `${row.state}: ${row.reason}` : row.state });
        track.state = row.state;
      }
      if (row.lastError && row.lastError !== track.lastError) this.push(track, { at: now, kind: 'error', text: row.lastError });
      track.lastError = row.lastError;
      if (track.lastPointAt === undefined || now - track.lastPointAt >= HISTORY_STEP_SECONDS * 1000) {
        track.points.push({ at: now, latencySeconds: row.latencySeconds, rps: row.rps, mbps: row.mbps, fullSyncRows: row.fullSync?.rowsDone ?? null });
        track.lastPointAt = now;
        const oldest = now - HISTORY_SECONDS * 1000;
        while (track.points.length > 0 && track.points[0]!.at < oldest) track.points.shift();
      }
    }
  }

  event(stack: string, task: string, kind: HistoryEvent['kind'], text: string): void {
    this.push(this.track(stack, task), { at: this.now(), kind, text });
  }

  of(stack: string, task: string): TaskHistory {
    const track = this.tracks.get(historyKey(stack, task));
    return { points: track?.points ?? [], events: track?.events ?? [] };
  }

  private track(stack: string, task: string): Track {
    const key = historyKey(stack, task);
    let track = this.tracks.get(key);
    if (!track) this.tracks.set(key, (track = { points: [], events: [] }));
    return track;
  }

  private push(track: Track, event: HistoryEvent): void {
    track.events.push(event);
    if (track.events.length > HISTORY_EVENTS) track.events.shift();
  }
}
