/**
 * The console's HTTP routes, served next to /metrics and /status (by `dts run` on its metrics port, and
 * by `dts console` from a state dir):
 *
 *   GET  /                              the task list
 *   GET  /tasks/<stack>/<task>          a task page
 *   GET  /console/api/tasks/<stack>/<task>  the task page's data as JSON (row and history)
 *   POST /tasks/<stack>/<task>/suspend  stop the task gracefully, checkpoint saved (engine only)
 *   POST /tasks/<stack>/<task>/resume   start it again from its checkpoint (engine only)
 *
 * A GET with `?fragment=1` returns only the page's <main> (the page's refresh). A POST needs the
 * `x-dts-action` header (see pages.ts). Returns undefined for paths it does not own.
 */
import type { StatusReport, TaskStatusRow } from '../observability/status-model.js';
import { decodeComponent } from './access.js';
import { ConsoleHistory } from './history.js';
import { ACTION_HEADER, escapeHtml, page, taskListMain, taskMain, type PageContext } from './pages.js';

export interface ConsoleActions {
  suspend(stack: string, task: string): Promise<void>;
  resume(stack: string, task: string): Promise<void>;
}

export interface ConsoleOptions {
  readonly status: () => StatusReport | Promise<StatusReport>;
  readonly history?: ConsoleHistory;
  /** Absent: the pages show `actionsNote` instead of buttons. */
  readonly actions?: ConsoleActions;
  readonly actionsNote?: string;
}

export interface ConsoleReply {
  readonly code: number;
  readonly type: string;
  readonly body: string;
}

const HTML = 'text/html; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';

/** Thrown by actions for a request that cannot be carried out (409 with the message). */
export class ConsoleActionError extends Error {}

export async function consoleReply(method: string, url: URL, headers: Record<string, string | string[] | undefined>, options: ConsoleOptions): Promise<ConsoleReply | undefined> {
  const path = url.pathname;
  const context: PageContext = options.actions ? { actions: true } : { actions: false, actionsNote: options.actionsNote ?? '' };
  const fragment = url.searchParams.get('fragment') === '1';
  const wrap = (title: string, main: string): ConsoleReply => ({ code: 200, type: HTML, body: fragment ? main : page(title, main) });
  if (path === '/' || path === '/tasks' || path === '/tasks/') {
    if (method !== 'GET' && method !== 'HEAD') return { code: 405, type: TEXT, body: 'only GET\n' };
    return wrap('Tasks', taskListMain((await options.status()).tasks, context));
  }
  const api = /^\/console\/api\/tasks\/([^/]+)\/([^/]+)$/.exec(path);
  const task = /^\/tasks\/([^/]+)\/([^/]+)(?:\/(suspend|resume))?$/.exec(path);
  const match = api ?? task;
  if (!match) return undefined;
  const stack = decodeComponent(match[1]!);
  const name = decodeComponent(match[2]!);
  if (stack === undefined || name === undefined) return { code: 400, type: TEXT, body: 'bad escape in the task path\n' };
  const action = task?.[3] as 'suspend' | 'resume' | undefined;
  if (action) {
    if (method !== 'POST') return { code: 405, type: TEXT, body: `${action} is a POST\n` };
    if (headers[ACTION_HEADER] !== '1') return { code: 403, type: TEXT, body: `${action}: send the ${ACTION_HEADER}: 1 header (the console's buttons do)\n` };
    if (!options.actions) return { code: 409, type: TEXT, body: `task ${name}: ${options.actionsNote ?? 'no engine runs this task here'}\n` };
    const row = await findRow(options, stack, name);
    if (!row) return notFound(stack, name);
    try {
      await options.actions[action](stack, name);
    } catch (e) {
      if (e instanceof ConsoleActionError) return { code: 409, type: TEXT, body: `${e.message}\n` };
      throw e;
    }
    return { code: 202, type: TEXT, body: `task ${name}: ${action} requested\n` };
  }
  if (method !== 'GET' && method !== 'HEAD') return { code: 405, type: TEXT, body: 'only GET\n' };
  const row = await findRow(options, stack, name);
  if (!row) return notFound(stack, name);
  const history = options.history?.of(stack, name) ?? { points: [], events: [] };
  if (api) return { code: 200, type: 'application/json; charset=utf-8', body: `${JSON.stringify({ row, history })}\n` };
  return wrap(`${name}`, taskMain(row, history, context));
}

async function findRow(options: ConsoleOptions, stack: string, task: string): Promise<TaskStatusRow | undefined> {
  return (await options.status()).tasks.find((t) => t.stack === stack && t.task === task);
}

function notFound(stack: string, task: string): ConsoleReply {
  return { code: 404, type: HTML, body: page('Not found', `<h1>No task ${escapeHtml(task)} in stack ${escapeHtml(stack)}</h1><p><a href="/">All tasks</a></p>`) };
}
