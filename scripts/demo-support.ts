/**
 * What both demo paths share: numbered steps with the time since the demo started (so a newcomer sees
 * what it waits for), running the `dts` CLI with the stack's passwords in its environment, and waiting
 * on a running engine.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, stackSecretEnv } from './stack/index.js';

export const DTS = join(REPO_ROOT, 'runtime', 'cli', 'dts.mjs');

export interface DemoOutput {
  /** A step heading. */
  step(line: string): void;
  /** A line under the current step. */
  line(text: string): void;
}

export function consoleOutput(started = Date.now()): DemoOutput {
  return {
    step: (text) => console.log(`\n▶ [${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`),
    line: (text) => console.log(`  ${text}`),
  };
}

/** The environment of the `dts` processes: the stack's passwords (never printed), warnings only. */
export function demoEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ...stackSecretEnv(), DTS_LOG_LEVEL: process.env.DTS_LOG_LEVEL ?? 'warn' };
}

/** Runs `dts ARGS` to its end; its output goes to ours (or is returned, `capture`: stdout, and stderr apart). */
export function dts(args: string[], env: NodeJS.ProcessEnv, capture = false): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [DTS, ...args], { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', env, encoding: 'utf8' });
  return { code: r.status ?? 1, out: capture ? (r.stdout ?? '') : '', err: capture ? (r.stderr ?? '') : '' };
}

export function taskFile<T>(stateDir: string, stack: string, task: string, file: 'status.json' | 'checkpoint.json'): T | undefined {
  try {
    return JSON.parse(readFileSync(join(stateDir, stack, task, file), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function taskState(stateDir: string, stack: string, task: string): string {
  return taskFile<{ state: string }>(stateDir, stack, task, 'status.json')?.state ?? 'NotStarted';
}

/** Polls `ok` until it holds; fails if the engine exits first or the time runs out. */
export async function waitUntil(what: string, ok: () => boolean | Promise<boolean>, engine: ChildProcess, timeoutMs = 120_000, onTick?: () => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (engine.exitCode !== null) throw new Error(`the engine exited (code ${engine.exitCode}) while waiting for ${what}: see its log above`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    onTick?.();
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** SIGTERM, then the exit code (the engine drains and saves its checkpoint first). */
export async function stopEngine(engine: ChildProcess): Promise<number | null> {
  if (engine.exitCode === null) {
    engine.kill('SIGTERM');
    await new Promise<void>((resolve) => (engine.exitCode !== null ? resolve() : engine.once('exit', () => resolve())));
  }
  return engine.exitCode;
}
