/**
 * How `dts status` finds a running engine: the engine writes `<state-dir>/<stack>/<task>/engine.json`
 * ({pid, port}) once its observability server listens, and removes it on a clean stop. A file whose
 * pid is no longer alive is stale (the engine crashed) and ignored.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../state/atomic-file.js';

export const ENGINE_INFO_FILE = 'engine.json';

export interface EngineInfo {
  readonly pid: number;
  /** Loopback port of the engine's /metrics and /status server. */
  readonly port: number;
  readonly host?: string;
  readonly startedAt?: string;
}

export function engineInfoPath(taskStateDir: string): string {
  return path.join(taskStateDir, ENGINE_INFO_FILE);
}

export async function writeEngineInfo(taskStateDir: string, info: EngineInfo): Promise<void> {
  const full: EngineInfo = { host: '127.0.0.1', startedAt: new Date().toISOString(), ...info };
  await writeFileAtomic(engineInfoPath(taskStateDir), `${JSON.stringify(full, null, 2)}\n`);
}

export async function removeEngineInfo(taskStateDir: string): Promise<void> {
  await fs.rm(engineInfoPath(taskStateDir), { force: true });
}

/** The engine info, or undefined when there is none, it is unreadable, or its process is gone. */
export async function readEngineInfo(taskStateDir: string): Promise<EngineInfo | undefined> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(engineInfoPath(taskStateDir), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { pid, port } = raw as Record<string, unknown>;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
  if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
  if (!isPidAlive(pid)) return undefined;
  return raw as EngineInfo;
}

export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
