/**
 * The console's two pages, rendered on the server from the status rows and the history (no assets from
 * anywhere: styles, the refresh script and the charts are inline). Every text from a task (names,
 * reasons, errors) is escaped.
 *
 * - Task list (`/`): task, environment, state, latency, RPS and MB/s, full-sync progress, checkpoint,
 *   last error, and Suspend / Resume.
 * - Task page (`/tasks/<stack>/<task>`): the same figures, per-table full-sync progress, latency and
 *   throughput over the last hour, recent events, and the actions.
 *
 * Each page re-reads itself every REFRESH_MS (`?fragment=1` returns only its <main>). Actions are
 * POSTs sent by the page's script with the `x-dts-action` header, which a form on another site cannot
 * add (no cross-site request forgery without CORS, and the console answers no CORS preflight).
 */
import type { TaskStatusRow } from '../observability/status-model.js';
import type { HistoryEvent, HistoryPoint, TaskHistory } from './history.js';

export const REFRESH_MS = 2000;
export const ACTION_HEADER = 'x-dts-action';

/** What the page may offer for a task: actions only when an engine that runs it serves the page. */
export interface PageContext {
  readonly actions: boolean;
  /** Shown when actions are off. */
  readonly actionsNote?: string;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2329;background:#f5f6f7}
header{background:#1f2329;color:#fff;padding:10px 24px;display:flex;gap:16px;align-items:baseline}
header a{color:#fff;text-decoration:none;font-weight:600}header span{color:#a8adb3}
main{padding:16px 24px}h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:20px 0 8px}
table{border-collapse:collapse;background:#fff;width:100%;box-shadow:0 1px 2px #0001}
th,td{padding:7px 10px;border-bottom:1px solid #e6e8eb;text-align:left;vertical-align:top}
th{background:#fafbfc;font-weight:600;color:#51565d}td.num{text-align:right;font-variant-numeric:tabular-nums}
.state{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:#e6e8eb}
.s-Synchronizing{background:#d9f2e3;color:#146c3a}.s-FullSync,.s-SchemaSync,.s-Prechecking{background:#dbe9fb;color:#1a57a8}
.s-Suspended,.s-NotStarted,.s-Standby{background:#eceef0;color:#51565d}.s-Failed,.s-PrecheckFailed{background:#fbe0e0;color:#a81a1a}
.bar{width:120px;height:8px;background:#e6e8eb;border-radius:4px;display:inline-block;vertical-align:middle;margin-right:6px}
.bar i{display:block;height:100%;background:#2f7de1;border-radius:4px}
.err{color:#a81a1a;max-width:360px;word-break:break-word}.muted{color:#80868d}
button{font:inherit;padding:3px 12px;border:1px solid #c5c9ce;border-radius:4px;background:#fff;cursor:pointer}
button:hover{border-color:#2f7de1;color:#2f7de1}button:disabled{opacity:.5;cursor:default}
.charts{display:flex;gap:16px;flex-wrap:wrap}.chart{background:#fff;padding:8px 12px;box-shadow:0 1px 2px #0001}
.chart b{display:block;font-size:12px;color:#51565d}.kv{display:grid;grid-template-columns:160px 1fr;gap:4px 16px;background:#fff;padding:12px;box-shadow:0 1px 2px #0001}
.kv dt{color:#51565d}.kv dd{margin:0}#notice{color:#a81a1a;margin:8px 0}
`;

const SCRIPT = `
async function refresh(){
  try{
    const r = await fetch(location.pathname + '?fragment=1', {cache:'no-store'});
    if(r.ok){ document.querySelector('main').innerHTML = await r.text(); }
  }catch(e){}
}
document.addEventListener('submit', async (e) => {
  const form = e.target; e.preventDefault();
  const button = form.querySelector('button'); if(button) button.disabled = true;
  const r = await fetch(form.action, {method:'POST', headers:{'${ACTION_HEADER}':'1'}});
  if(!r.ok){ document.getElementById('notice').textContent = await r.text(); }
  await refresh();
});
setInterval(refresh, ${REFRESH_MS});
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const taskPath = (row: { stack: string; task: string }): string => `/tasks/${encodeURIComponent(row.stack)}/${encodeURIComponent(row.task)}`;

/** A whole page around `main` (already HTML). */
export function page(title: string, main: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · cdktf-dts</title>` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>` +
    `<body><header><a href="/">cdktf-dts console</a><span>Data Transmission Service tasks</span></header>` +
    `<main>${main}</main><script>${SCRIPT}</script></body></html>`
  );
}

const dash = '<span class="muted">–</span>';
/** A number as the page shows it; anything else (a remote row is validated, but never trusted) is shown escaped. */
const num = (n: number | null | undefined, digits = 0): string =>
  n === null || n === undefined ? dash : escapeHtml(typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : String(n));
/** A width for a bar: a finite number clamped to 0..100. */
const pctOf = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : 0);

function stateBadge(row: TaskStatusRow): string {
  return `<span class="state s-${escapeHtml(row.state)}" data-state="${escapeHtml(row.state)}">${escapeHtml(row.state)}</span>`;
}

function progress(row: TaskStatusRow): string {
  const f = row.fullSync;
  if (!f) return dash;
  const pct = pctOf(f.percent);
  return `<span class="bar"><i style="width:${pct}%"></i></span><span data-full-rows="${escapeHtml(String(f.rowsDone))}">${num(f.rowsDone)} rows${f.percent === null ? '' : ` · ${num(f.percent, 1)}%`}</span>`;
}

function actions(row: TaskStatusRow, context: PageContext): string {
  if (!context.actions) return `<span class="muted">${escapeHtml(context.actionsNote ?? '')}</span>`;
  const base = taskPath(row);
  const suspendable = !['Suspended', 'Failed', 'PrecheckFailed', 'NotStarted'].includes(row.state);
  const button = (action: 'suspend' | 'resume', label: string, enabled: boolean) =>
    `<form method="post" action="${base}/${action}" style="display:inline"><button type="submit" data-action="${action}"${enabled ? '' : ' disabled'}>${label}</button></form>`;
  // A standby may carry out Resume too (the mark is shared); it answers 409 when the task is not suspended.
  return `${button('suspend', 'Suspend', suspendable)} ${button('resume', 'Resume', !suspendable || row.state === 'Standby')}`;
}

function errorCell(row: TaskStatusRow): string {
  return row.lastError ? `<span class="err">${escapeHtml(row.lastError)}</span>` : dash;
}

/** The task list's <main>. */
export function taskListMain(rows: readonly TaskStatusRow[], context: PageContext): string {
  const head = ['Task', 'Environment', 'State', 'Latency (s)', 'RPS', 'MB/s', 'Full sync', 'Checkpoint', 'Last error', 'Actions'];
  const body = rows
    .map(
      (r) =>
        `<tr data-task="${escapeHtml(r.task)}"><td><a href="${taskPath(r)}">${escapeHtml(r.task)}</a><div class="muted">${escapeHtml(r.stack)}</div></td>` +
        `<td>${r.environmentTag ? escapeHtml(r.environmentTag) : dash}</td><td>${stateBadge(r)}</td>` +
        `<td class="num">${num(r.latencySeconds, 1)}</td><td class="num">${num(r.rps, 1)}</td><td class="num">${num(r.mbps, 3)}</td>` +
        `<td>${progress(r)}</td><td>${r.checkpoint ? `<code>${escapeHtml(r.checkpoint)}</code>` : dash}</td>` +
        `<td>${errorCell(r)}</td><td>${actions(r, context)}</td></tr>`,
    )
    .join('');
  const empty = rows.length === 0 ? '<p class="muted">No tasks: start one with <code>dts run</code>.</p>' : '';
  return `<h1>Tasks</h1><div id="notice"></div><table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>${empty}`;
}

/** A line chart of one series over the last hour, as inline SVG. */
export function chart(title: string, points: readonly HistoryPoint[], value: (p: HistoryPoint) => number | null, unit: string): string {
  const W = 360;
  const H = 110;
  const values = points.map(value);
  const known = values.filter((v): v is number => v !== null);
  const max = Math.max(1e-9, ...known);
  const t0 = points[0]?.at ?? 0;
  const span = Math.max(1, (points[points.length - 1]?.at ?? 0) - t0);
  const xy = points
    .map((p, i) => (values[i] === null ? null : `${((W * (p.at - t0)) / span).toFixed(1)},${(H - (H - 8) * (values[i]! / max)).toFixed(1)}`))
    .filter((s): s is string => s !== null)
    .join(' ');
  const last = known[known.length - 1];
  return (
    `<div class="chart" data-chart="${escapeHtml(title)}"><b>${escapeHtml(title)} · now ${last === undefined ? '–' : num(last, 2)} ${escapeHtml(unit)} · max ${known.length ? num(max, 2) : '–'}</b>` +
    `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}"><rect width="${W}" height="${H}" fill="#fafbfc"/>` +
    (xy ? `<polyline fill="none" stroke="#2f7de1" stroke-width="1.5" points="${xy}"/>` : '') +
    `</svg></div>`
  );
}

function eventRows(events: readonly HistoryEvent[]): string {
  if (events.length === 0) return '<p class="muted">No events yet.</p>';
  const rows = [...events]
    .reverse()
    .map((e) => `<tr><td>${new Date(e.at).toISOString().replace('T', ' ').slice(0, 19)}</td><td>${escapeHtml(e.kind)}</td><td${e.kind === 'state' ? '' : ' class="err"'}>${escapeHtml(e.text)}</td></tr>`)
    .join('');
  return `<table><thead><tr><th>Time (UTC)</th><th>Kind</th><th>What</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** A task page's <main>. */
export function taskMain(row: TaskStatusRow, history: TaskHistory, context: PageContext): string {
  const kv: [string, string][] = [
    ['State', `${stateBadge(row)} <span class="muted">since ${escapeHtml(row.since)}</span>`],
    ['Environment', row.environmentTag ? escapeHtml(row.environmentTag) : dash],
    ['Reason', row.reason ? escapeHtml(row.reason) : dash],
    ['Latency', `${num(row.latencySeconds, 1)} s`],
    ['Speed', `${num(row.rps, 1)} RPS · ${num(row.mbps, 3)} MB/s`],
    ['Full sync', progress(row)],
    ['Checkpoint', row.checkpoint ? `<code data-checkpoint>${escapeHtml(row.checkpoint)}</code>` : dash],
    ['Last error', errorCell(row)],
    ['Actions', actions(row, context)],
  ];
  const tables = row.fullSync?.tables ?? [];
  const tableRows = tables
    .map((t) => {
      const pct = pctOf(t.status === 'done' ? 100 : t.rowsEstimated > 0 ? Math.round((t.rowsDone / t.rowsEstimated) * 100) : 0);
      return `<tr><td>${escapeHtml(t.table)}</td><td>${escapeHtml(String(t.status))}</td><td class="num">${num(t.rowsDone)}</td><td class="num">${num(t.rowsEstimated)}</td><td><span class="bar"><i style="width:${pct}%"></i></span>${pct}%</td></tr>`;
    })
    .join('');
  const points = history.points;
  return (
    `<h1>${escapeHtml(row.task)} <span class="muted">${escapeHtml(row.stack)}</span></h1><div id="notice"></div>` +
    `<dl class="kv">${kv.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>` +
    `<h2>Last hour</h2><div class="charts">${chart('Latency', points, (p) => p.latencySeconds, 's')}${chart('Throughput', points, (p) => p.rps, 'RPS')}${chart('Bandwidth', points, (p) => p.mbps, 'MB/s')}</div>` +
    `<h2>Full sync by table</h2>` +
    (tables.length ? `<table><thead><tr><th>Table</th><th>Status</th><th>Rows read</th><th>Rows estimated</th><th>Progress</th></tr></thead><tbody>${tableRows}</tbody></table>` : '<p class="muted">No full sync.</p>') +
    `<h2>Recent events</h2>${eventRows(history.events)}`
  );
}
