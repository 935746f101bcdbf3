/**
 * Full-sync progress: on a TTY one bar per table, redrawn in place; otherwise (CI, a service, a pipe)
 * a structured log line per table at most every `intervalMs` and when the table finishes. A tiny
 * renderer instead of a library: the needs are a few lines of ANSI, and logs must stay JSON lines.
 */
import type { Logger } from '../log.js';
import { percentOf } from './status-model.js';

export interface ProgressReporter {
  update(table: string, rowsDone: number, rowsEstimated: number): void;
  finish(table: string, rowsDone?: number): void;
  /** Final redraw; leaves the cursor below the bars. */
  stop(): void;
}

export interface ProgressOptions {
  readonly logger: Logger;
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Defaults to stream.isTTY. */
  readonly tty?: boolean;
  /** Non-TTY: minimum time between two log lines of one table. TTY: minimum time between redraws / 10. */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

interface Row {
  done: number;
  estimated: number;
  finished: boolean;
  lastLogged: number;
}

const BAR_WIDTH = 30;

/** One bar line, e.g. `shop.orders  [█████████░░░░░░]  60.0%  600/1,000 rows`. */
export function renderProgressLine(table: string, done: number, estimated: number, finished: boolean, labelWidth = table.length): string {
  const pct = percentOf(done, Math.max(estimated, done), finished);
  const filled = pct === null ? 0 : Math.round((pct / 100) * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  const pctText = pct === null ? '   ?  ' : `${pct.toFixed(1).padStart(5)}%`;
  const est = finished ? done : Math.max(estimated, done);
  return `${table.padEnd(labelWidth)}  [${bar}] ${pctText}  ${done.toLocaleString('en-US')}/${est.toLocaleString('en-US')} rows${finished ? '  done' : ''}`;
}

export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? stream.isTTY === true;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 5000;
  const rows = new Map<string, Row>();
  let drawnLines = 0;
  let lastDraw = 0;

  const draw = (force: boolean): void => {
    const t = now();
    if (!force && t - lastDraw < Math.min(interval / 10, 200)) return;
    lastDraw = t;
    const width = Math.max(...[...rows.keys()].map((k) => k.length));
    let out = drawnLines > 0 ? `\x1b[${drawnLines}A` : '';
    for (const [table, r] of rows) out += `\x1b[2K${renderProgressLine(table, r.done, r.estimated, r.finished, width)}\n`;
    drawnLines = rows.size;
    stream.write(out);
  };

  const log = (table: string, r: Row): void => {
    r.lastLogged = now();
    options.logger.info(r.finished ? 'full sync table done' : 'full sync progress', {
      table, rowsDone: r.done, rowsEstimated: r.estimated, percent: percentOf(r.done, Math.max(r.estimated, r.done), r.finished),
    });
  };

  return {
    update(table, rowsDone, rowsEstimated) {
      const r = rows.get(table) ?? { done: 0, estimated: 0, finished: false, lastLogged: Number.NEGATIVE_INFINITY };
      r.done = rowsDone;
      r.estimated = rowsEstimated;
      rows.set(table, r);
      if (tty) draw(false);
      else if (now() - r.lastLogged >= interval) log(table, r);
    },
    finish(table, rowsDone) {
      const r = rows.get(table) ?? { done: 0, estimated: 0, finished: false, lastLogged: Number.NEGATIVE_INFINITY };
      if (rowsDone !== undefined) r.done = rowsDone;
      r.finished = true;
      rows.set(table, r);
      if (tty) draw(true);
      else log(table, r);
    },
    stop() {
      if (tty && rows.size > 0) draw(true);
    },
  };
}
