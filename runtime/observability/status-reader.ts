/**
 * Gathers the rows of `dts status` from a state root (`.dts/state`): every `<stack>/<task>/` dir.
 * When an engine is running for a task (engine.json with a live pid) its /status gives the live row;
 * otherwise the row is built from the persisted status.json and checkpoint.json.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isIP } from 'node:net';
import { isLoopback, TOKEN_ENV } from '../console/access.js';
import { readRunManifest } from '../plan/run-manifest.js';
import { TaskStateStore } from '../state/state-store.js';
import type { TaskStatus } from '../state/types.js';
import { readEngineInfo, type EngineInfo } from './engine-info.js';
import { formatCheckpoint, fullSyncFromCheckpoint, parseStatusReport, type StatusReport, type TaskStatusRow } from './status-model.js';

const TASK_FILES = ['status.json', 'checkpoint.json', 'engine.json', 'manifest.json'];

export async function collectStatus(stateRoot: string, options: { timeoutMs?: number } = {}): Promise<StatusReport> {
  const rows: TaskStatusRow[] = [];
  const engineReports = new Map<string, Promise<StatusReport | undefined>>();
  for (const stack of await subdirs(stateRoot)) {
    for (const task of await subdirs(path.join(stateRoot, stack))) {
      const dir = path.join(stateRoot, stack, task);
      if (!(await hasAny(dir, TASK_FILES))) continue;
      const engine = await readEngineInfo(dir);
      let row: TaskStatusRow | undefined;
      if (engine !== undefined) {
        const key = `${engine.host ?? '127.0.0.1'}:${engine.port}`;
        if (!engineReports.has(key)) engineReports.set(key, fetchEngineStatus(engine, options.timeoutMs ?? 2000));
        row = (await engineReports.get(key))?.tasks.find((t) => t.stack === stack && t.task === task);
      }
      rows.push(row ?? (await rowFromStateDir(dir, stack, task)));
    }
  }
  return { version: 1, tasks: rows };
}

/**
 * The live report of a running engine, or undefined (then the row comes from the state dir). engine.json
 * is a file anyone who can write the state dir can plant, so what it names is not trusted: its host must
 * be an IP literal, the console token (`DTS_CONSOLE_TOKEN`) is sent only to a loopback address (an
 * engine bound to 0.0.0.0 or :: is asked on 127.0.0.1), no redirect is followed, and the reply is
 * checked field by field (parseStatusReport) and bounded in size.
 */
export async function fetchEngineStatus(engine: EngineInfo, timeoutMs: number): Promise<StatusReport | undefined> {
  const named = engine.host ?? '127.0.0.1';
  const host = named === '0.0.0.0' || named === '::' ? '127.0.0.1' : named;
  if (isIP(host) === 0) return undefined;
  const token = isLoopback(host) ? process.env[TOKEN_ENV] : undefined;
  try {
    const res = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${engine.port}/status`, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });
    if (!res.ok) return undefined;
    const text = await res.text();
    if (text.length > MAX_STATUS_BYTES) return undefined;
    return parseStatusReport(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** A /status larger than this is not an engine's (a row is about 1 kB). */
const MAX_STATUS_BYTES = 8 * 1024 * 1024;

export async function rowFromStateDir(dir: string, stack: string, task: string): Promise<TaskStatusRow> {
  const store = new TaskStateStore(dir);
  const errors: string[] = [];
  let status: TaskStatus = { state: 'NotStarted', since: new Date(0).toISOString() };
  try {
    status = await store.readStatus();
  } catch (e) {
    errors.push((e as Error).message);
  }
  let checkpoint;
  try {
    checkpoint = await store.readCheckpoint();
  } catch (e) {
    errors.push((e as Error).message);
  }
  const environmentTag = await readRunManifest(path.dirname(path.dirname(dir)), stack, task).then((t) => t?.environmentTag, () => undefined);
  const failed = status.state === 'Failed' || status.state === 'PrecheckFailed';
  if (failed && status.reason !== undefined) errors.unshift(status.reason);
  return {
    stack,
    task,
    ...(environmentTag === undefined ? {} : { environmentTag }),
    state: status.state,
    since: status.since,
    ...(status.reason === undefined ? {} : { reason: status.reason }),
    latencySeconds: null,
    rps: null,
    mbps: null,
    fullSync: fullSyncFromCheckpoint(checkpoint),
    checkpoint: formatCheckpoint(checkpoint),
    lastError: errors.length > 0 ? errors.join('; ') : null,
    origin: 'state-dir',
  };
}

async function subdirs(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function hasAny(dir: string, files: readonly string[]): Promise<boolean> {
  const names = new Set(await fs.readdir(dir));
  return files.some((f) => names.has(f));
}
