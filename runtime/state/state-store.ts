import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { readFileIfExists, removeStaleTempFiles, writeFileAtomic } from './atomic-file.js';
import type { Checkpoint } from './offsets.js';
import { TASK_STATES, type TaskState, type TaskStatus } from './types.js';

export class StateCorruptError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `state file ${file} is unreadable (${detail}): it was not reset automatically so no position is lost. ` +
        `Fix: restore it from a backup, or delete it to start the task from scratch (a new full sync / current binlog end).`,
    );
    this.name = 'StateCorruptError';
  }
}

/** Default state directory of a task: `.dts/state/<stack>/<task>/` under the working directory. */
export function defaultStateDir(stack: string, task: string, cwd: string = process.cwd()): string {
  return path.join(cwd, '.dts', 'state', stack, task);
}

const STATUS_FILE = 'status.json';
const CHECKPOINT_FILE = 'checkpoint.json';
const SUSPEND_FILE = 'suspended.json';

/** An operator's Suspend, kept in the task's state dir until Resume (runtime/pipeline/suspend-flag.ts). */
export interface SuspendMark {
  /** ISO time of the Suspend. */
  readonly since: string;
  /** Who or what suspended it ("Suspend in the console"). */
  readonly reason: string;
}

/**
 * Per-task persistent state: the task status and the checkpoint, each in its own JSON file written
 * atomically. A file that exists but cannot be parsed is an error naming the file, never a silent reset.
 */
export class TaskStateStore {
  constructor(readonly dir: string) {}

  get statusFile(): string {
    return path.join(this.dir, STATUS_FILE);
  }

  get checkpointFile(): string {
    return path.join(this.dir, CHECKPOINT_FILE);
  }

  get suspendFile(): string {
    return path.join(this.dir, SUSPEND_FILE);
  }

  /** Removes temp files left by a writer that crashed mid-write; returns their names. */
  async cleanup(): Promise<string[]> {
    const a = await removeStaleTempFiles(this.dir, STATUS_FILE);
    const b = await removeStaleTempFiles(this.dir, CHECKPOINT_FILE);
    return [...a, ...b];
  }

  /**
   * The operator's Suspend, or undefined. A file that cannot be read as one still means suspended
   * (a task is never started against an operator's word); Resume removes it.
   */
  async readSuspend(): Promise<SuspendMark | undefined> {
    let raw: unknown;
    try {
      raw = await readJson(this.suspendFile);
    } catch (e) {
      return { since: new Date(0).toISOString(), reason: `${SUSPEND_FILE} is unreadable (${(e as Error).message}); Resume removes it` };
    }
    if (raw === undefined) return undefined;
    if (isRecord(raw) && typeof raw.since === 'string' && typeof raw.reason === 'string') return { since: raw.since, reason: raw.reason };
    return { since: new Date(0).toISOString(), reason: `${SUSPEND_FILE} is malformed; Resume removes it` };
  }

  async writeSuspend(reason: string): Promise<SuspendMark> {
    const mark: SuspendMark = { since: new Date().toISOString(), reason };
    await writeFileAtomic(this.suspendFile, JSON.stringify(mark, null, 2) + '\n');
    return mark;
  }

  async clearSuspend(): Promise<void> {
    await rm(this.suspendFile, { force: true });
  }

  async readStatus(): Promise<TaskStatus> {
    const raw = await readJson(this.statusFile);
    if (raw === undefined) return { state: 'NotStarted', since: new Date(0).toISOString() };
    return validateStatus(this.statusFile, raw);
  }

  async writeStatus(state: TaskState, reason?: string): Promise<TaskStatus> {
    const status: TaskStatus = reason === undefined ? { state, since: new Date().toISOString() } : { state, reason, since: new Date().toISOString() };
    await writeFileAtomic(this.statusFile, JSON.stringify(status, null, 2) + '\n');
    return status;
  }

  /** The saved checkpoint, or undefined when the task never saved one. */
  async readCheckpoint(): Promise<Checkpoint | undefined> {
    const raw = await readJson(this.checkpointFile);
    if (raw === undefined) return undefined;
    return validateCheckpoint(this.checkpointFile, raw);
  }

  async writeCheckpoint(checkpoint: Omit<Checkpoint, 'version' | 'updatedAt'>): Promise<Checkpoint> {
    const full: Checkpoint = { version: 1, ...checkpoint, updatedAt: new Date().toISOString() };
    await writeFileAtomic(this.checkpointFile, JSON.stringify(full, null, 2) + '\n');
    return full;
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFileIfExists(file);
  if (text === undefined) return undefined;
  if (text.trim() === '') throw new StateCorruptError(file, 'the file is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new StateCorruptError(file, `invalid JSON: ${(err as Error).message}`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validateStatus(file: string, raw: unknown): TaskStatus {
  if (!isRecord(raw)) throw new StateCorruptError(file, 'expected a JSON object');
  if (typeof raw.state !== 'string' || !(TASK_STATES as readonly string[]).includes(raw.state)) {
    throw new StateCorruptError(file, `unknown state ${JSON.stringify(raw.state)} (expected one of ${TASK_STATES.join(', ')})`);
  }
  if (typeof raw.since !== 'string') throw new StateCorruptError(file, '"since" is missing');
  if (raw.reason !== undefined && typeof raw.reason !== 'string') throw new StateCorruptError(file, '"reason" must be a string');
  return raw as unknown as TaskStatus;
}

function validateCheckpoint(file: string, raw: unknown): Checkpoint {
  if (!isRecord(raw)) throw new StateCorruptError(file, 'expected a JSON object');
  if (raw.version !== 1) throw new StateCorruptError(file, `unsupported checkpoint version ${JSON.stringify(raw.version)}`);
  if (raw.binlog !== undefined) {
    const b = raw.binlog;
    if (!isRecord(b) || typeof b.file !== 'string' || b.file === '' || typeof b.pos !== 'number' || !Number.isInteger(b.pos) || b.pos < 0) {
      throw new StateCorruptError(file, '"binlog" must be {file: string, pos: non-negative integer}');
    }
    if (b.gtid !== undefined && typeof b.gtid !== 'string') throw new StateCorruptError(file, '"binlog.gtid" must be a string');
    if (b.gtidSet !== undefined && typeof b.gtidSet !== 'string') throw new StateCorruptError(file, '"binlog.gtidSet" must be a string');
  }
  if (raw.snapshot !== undefined) {
    const s = raw.snapshot;
    if (!isRecord(s) || typeof s.done !== 'boolean' || !isRecord(s.tables)) {
      throw new StateCorruptError(file, '"snapshot" must be {tables: {...}, done: boolean}');
    }
    for (const [name, t] of Object.entries(s.tables)) {
      if (!isRecord(t) || !['pending', 'in-progress', 'done'].includes(String(t.status)) || typeof t.rowsDone !== 'number') {
        throw new StateCorruptError(file, `"snapshot.tables.${name}" is malformed`);
      }
      if (t.lastKey !== undefined && !Array.isArray(t.lastKey)) throw new StateCorruptError(file, `"snapshot.tables.${name}.lastKey" must be a list`);
    }
  }
  if (raw.lastSeq !== undefined && typeof raw.lastSeq !== 'number') throw new StateCorruptError(file, '"lastSeq" must be a number');
  return raw as unknown as Checkpoint;
}
