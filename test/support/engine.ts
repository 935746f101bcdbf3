// Drives the engine the way a user does: a manifest file on disk and `dts run` as a child process
// (node runtime/cli/dts.mjs), with its JSON log lines captured, exit awaited, or killed with -9.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest, TaskSpec } from '../../runtime/manifest/types.js';
import { formatManifestErrors, validateManifest } from '../../runtime/manifest/validate.js';
import type { TaskStatus } from '../../runtime/state/types.js';
import { createConsumerGroup } from '../../scripts/stack/index.js';
import { drainGroup, type DrainOptions, type Received } from './consume.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DTS_BIN = join(REPO_ROOT, 'runtime', 'cli', 'dts.mjs');

/** A scratch directory for one test (manifest, state dir). */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `dts-${prefix}-`));
}

/** Writes a schema-valid manifest (throws naming the schema errors otherwise); returns its path. */
export function writeManifest(dir: string, tasks: readonly TaskSpec[], stack = 'engine-qa'): string {
  const manifest: Manifest = { version: 1, stack, tasks };
  const result = validateManifest(manifest);
  if (!result.ok) throw new Error(`test manifest is not valid:\n${formatManifestErrors(result.errors)}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'dts.manifest.json');
  writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
  return file;
}

export interface EngineExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export interface EngineProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly exited: Promise<EngineExit>;
  /** Structured log lines seen so far (pino JSON on stderr). */
  readonly logs: LogLine[];
  stdout(): string;
  stderr(): string;
  /** Resolves with the first log line matching, rejects on timeout or exit. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  kill(signal: NodeJS.Signals): void;
}

export interface RunOptions {
  readonly stateDir: string;
  readonly untilCaughtUp?: boolean;
  readonly task?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** The whole argument list after the bin (a pod's args); the manifest and the options above are then ignored. */
  readonly args?: readonly string[];
}

/** Spawns `dts run <manifest> --state-dir DIR [--until-caught-up] [--task NAME]`. */
export function spawnEngine(manifest: string, options: RunOptions): EngineProcess {
  const args = options.args ? [DTS_BIN, ...options.args] : [DTS_BIN, 'run', manifest, '--state-dir', options.stateDir];
  if (options.untilCaughtUp && !options.args) args.push('--until-caught-up');
  if (options.task && !options.args) args.push('--task', options.task);
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let partial = '';
  const logs: LogLine[] = [];
  const listeners = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    partial += d;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      if (!l.startsWith('{')) continue;
      try {
        logs.push(JSON.parse(l) as LogLine);
      } catch {
        // not a log line
      }
    }
    for (const f of listeners) f();
  });
  let done = false;
  const exited = new Promise<EngineExit>((resolve) =>
    child.once('exit', (code, signal) => {
      done = true;
      for (const f of listeners) f();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    pid: child.pid!,
    exited,
    logs,
    stdout: () => out,
    stderr: () => err,
    kill: (signal) => void child.kill(signal),
    waitForLog(match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const hit = logs.find(match);
          if (hit) finish(() => resolve(hit));
          else if (done) finish(() => reject(new Error(`dts run exited before the awaited log line; stderr:\n${err.slice(-3000)}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for a log line; stderr:\n${err.slice(-3000)}`))), timeoutMs);
        const finish = (f: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          f();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Waits for exit, killing the process (and failing) past the timeout. */
export async function waitForExit(engine: EngineProcess, timeoutMs = 90_000): Promise<EngineExit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      engine.kill('SIGKILL');
      reject(new Error(`dts run did not exit within ${timeoutMs} ms; stderr:\n${engine.stderr().slice(-3000)}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([engine.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `dts run ... --until-caught-up` to its end. */
export async function runUntilCaughtUp(manifest: string, options: Omit<RunOptions, 'untilCaughtUp'>, timeoutMs?: number): Promise<{ exit: EngineExit; engine: EngineProcess }> {
  const engine = spawnEngine(manifest, { ...options, untilCaughtUp: true });
  const exit = await waitForExit(engine, timeoutMs);
  return { exit, engine };
}

export function taskStateDir(stateDir: string, task: string, stack = 'engine-qa'): string {
  return join(stateDir, stack, task);
}

export function readTaskStatus(stateDir: string, task: string, stack = 'engine-qa'): TaskStatus {
  return JSON.parse(readFileSync(join(taskStateDir(stateDir, task, stack), 'status.json'), 'utf8')) as TaskStatus;
}

export interface SavedCheckpoint {
  readonly binlog?: { file: string; pos: number };
  readonly lastSeq?: number;
  readonly snapshot?: { readonly done?: boolean; readonly tables?: Readonly<Record<string, unknown>> };
}

export function readTaskCheckpoint(stateDir: string, task: string, stack = 'engine-qa'): SavedCheckpoint {
  return JSON.parse(readFileSync(join(taskStateDir(stateDir, task, stack), 'checkpoint.json'), 'utf8')) as SavedCheckpoint;
}

/**
 * An orderly consumer group created once (mqadmin costs a JVM start) and drained many times.
 * Unlike consumeTopics, it does not create the group on every call.
 */
export async function orderlyGroup(name: string): Promise<string> {
  await createConsumerGroup(name, { orderly: true });
  return name;
}

/** Receives from an existing group until `until` holds, or nothing new for `idleMs`, or the timeout. */
export function drain(consumerGroup: string, topics: string[], options: DrainOptions = {}): Promise<Received[]> {
  return drainGroup(consumerGroup, topics, { awaitMs: 1000, idleMs: 4000, ...options });
}

/** Canal JSON as the tests read it. */
export interface CanalMessage {
  readonly database: string;
  readonly table: string;
  readonly type: string;
  readonly isDdl: boolean;
  readonly data: Record<string, string | null>[] | null;
  readonly old: Record<string, string | null>[] | null;
  readonly pkNames: string[] | null;
  readonly sql: string;
}

/** One row change of a Canal message, with the message it came in. */
export interface CanalRow {
  readonly type: string;
  readonly table: string;
  readonly data: Record<string, string | null>;
  readonly old?: Record<string, string | null>;
  readonly message: Received;
}

export function canalRows(messages: readonly Received[]): CanalRow[] {
  const rows: CanalRow[] = [];
  for (const m of messages) {
    const c = m.json() as unknown as CanalMessage;
    if (c.isDdl) continue;
    c.data?.forEach((d, i) => rows.push({ type: c.type, table: c.table, data: d, ...(c.old?.[i] ? { old: c.old[i] } : {}), message: m }));
  }
  return rows;
}

/** The base URL a `dts run` prints for its metrics, status and console (waits for the line). */
export async function engineUrl(engine: EngineProcess, deadline: number): Promise<string> {
  for (;;) {
    const url = /metrics at (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(engine.stdout())?.[1];
    if (url) return url;
    if (Date.now() > deadline || engine.child.exitCode !== null) throw new Error(`dts run printed no metrics address; stderr:\n${engine.stderr().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
