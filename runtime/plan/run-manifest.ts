/**
 * The manifest a task last ran with, kept in its state dir (`<state-dir>/<stack>/<task>/manifest.json`)
 * so `dts plan --state-dir` can compare a change with what is really running. The engine saves it
 * when a task starts; it holds SecretRefs only, never secret values (like every manifest).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { canonicalJson } from '../manifest/canonical-json.js';
import { MANIFEST_VERSION, type Manifest, type TaskSpec } from '../manifest/types.js';
import { formatManifestErrors, validateManifest } from '../manifest/validate.js';
import { TaskStateStore } from '../state/state-store.js';
import { readFileIfExists, writeFileAtomic } from '../state/atomic-file.js';
import type { TaskState } from '../state/types.js';

export const RUN_MANIFEST_FILE = 'manifest.json';

export function runManifestPath(stateDir: string, stack: string, task: string): string {
  return path.join(stateDir, stack, task, RUN_MANIFEST_FILE);
}

/** Saves `task` as the manifest this task runs with (a one-task manifest of `stack`). */
export async function saveRunManifest(stateDir: string, stack: string, task: TaskSpec): Promise<string> {
  const file = runManifestPath(stateDir, stack, task.name);
  const manifest: Manifest = { version: MANIFEST_VERSION, stack, tasks: [task] };
  await writeFileAtomic(file, canonicalJson(manifest));
  return file;
}

export class RunManifestError extends Error {}

/** The task as it last ran, or undefined when the engine never saved one for it. */
export async function readRunManifest(stateDir: string, stack: string, task: string): Promise<TaskSpec | undefined> {
  const file = runManifestPath(stateDir, stack, task);
  const text = await readFileIfExists(file);
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new RunManifestError(`${file} is not valid JSON (${(e as Error).message}): delete it and the next "dts run" of task ${task} writes it again`);
  }
  const result = validateManifest(raw);
  if (!result.ok) throw new RunManifestError(`${file} is not a valid manifest:\n${formatManifestErrors(result.errors)}`);
  const spec = result.manifest.tasks.find((t) => t.name === task);
  if (spec === undefined) throw new RunManifestError(`${file} does not hold task ${task}: delete it and the next "dts run" writes it again`);
  return spec;
}

export interface RunTask {
  readonly spec: TaskSpec;
  readonly state: TaskState;
}

/** Every task of `stack` that has a saved run manifest, with its persisted state. */
export async function readRunManifests(stateDir: string, stack: string): Promise<RunTask[]> {
  let names: string[];
  try {
    names = (await fs.readdir(path.join(stateDir, stack), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: RunTask[] = [];
  for (const name of names) {
    const spec = await readRunManifest(stateDir, stack, name);
    if (spec === undefined) continue;
    const status = await new TaskStateStore(path.join(stateDir, stack, name)).readStatus();
    out.push({ spec, state: status.state });
  }
  return out;
}

/** States in which a task has not yet moved data: its sync types may still change in place. */
export function hasRun(state: TaskState): boolean {
  return state !== 'NotStarted' && state !== 'Prechecking' && state !== 'PrecheckFailed';
}
