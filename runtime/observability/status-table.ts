/** `dts status` as a console-like table (one row per task). */
import type { StatusReport, TaskStatusRow } from './status-model.js';

const HEADERS = ['TASK', 'STATUS', 'LATENCY', 'SPEED', 'FULL SYNC', 'CHECKPOINT', 'LAST ERROR'] as const;

export function statusCells(row: TaskStatusRow): string[] {
  const latency = row.latencySeconds === null ? '-' : `${row.latencySeconds.toFixed(1)} s`;
  const speed = row.rps === null ? '-' : `${row.rps} RPS, ${(row.mbps ?? 0).toFixed(3)} MB/s`;
  const fs = row.fullSync;
  const full = fs === null ? '-' : `${fs.rowsDone}/${fs.rowsEstimated}${fs.percent === null ? '' : ` (${fs.percent.toFixed(1)}%)`}${fs.done ? ' done' : ''}`;
  const state = row.origin === 'engine' ? row.state : `${row.state} (not running)`;
  return [`${row.stack}/${row.task}`, state, latency, speed, full, row.checkpoint ?? '-', row.lastError ?? '-'];
}

export function renderStatusTable(report: StatusReport): string {
  if (report.tasks.length === 0) return 'No tasks in this state dir. Run "dts run" first, or give --state-dir.\n';
  const rows = [[...HEADERS], ...report.tasks.map(statusCells)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}
