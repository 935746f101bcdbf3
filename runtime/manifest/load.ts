/**
 * Loads the manifest a CLI argument points at (a dts.manifest.json, a stack dir, or a cdktf.out dir
 * holding one stack), validated against the schema, and picks tasks by name.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { manifestFilesAt } from '../cli/validate.js';
import type { Manifest, TaskSpec } from './types.js';
import { formatManifestErrors, validateManifest } from './validate.js';

export interface LoadedManifest {
  readonly manifest: Manifest;
  readonly file: string;
  /** The manifest's directory: relative Secret.fromFile paths resolve against it. */
  readonly dir: string;
}

export class ManifestLoadError extends Error {}

export function loadManifest(target: string): LoadedManifest {
  const files = manifestFilesAt(target);
  if (files.length > 1) {
    throw new ManifestLoadError(`${target} holds ${files.length} stacks (${files.join(', ')}): give one stack directory or manifest file`);
  }
  const file = resolve(files[0]!);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ManifestLoadError(`${file} is not valid JSON (${(e as Error).message}): run "dts synth" again`);
  }
  const result = validateManifest(raw);
  if (!result.ok) throw new ManifestLoadError(`${file} is not a valid manifest:\n${formatManifestErrors(result.errors)}`);
  return { manifest: raw as Manifest, file, dir: dirname(file) };
}

/** The named task, or every task when no name is given. */
export function selectTasks(manifest: Manifest, name: string | undefined): TaskSpec[] {
  if (name === undefined) return [...manifest.tasks];
  const task = manifest.tasks.find((t) => t.name === name);
  if (!task) {
    const known = manifest.tasks.map((t) => t.name).join(', ') || '(none)';
    throw new ManifestLoadError(`stack ${manifest.stack} has no task named ${name}: known tasks are ${known}`);
  }
  return [task];
}
