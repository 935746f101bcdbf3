/**
 * Resolves a SecretRef at run time. The value is returned to the caller only; it is never logged,
 * never written to state, and errors name the reference (env var or file), never the value.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { SecretRef } from './manifest/types.js';

export class SecretError extends Error {}

export function describeSecret(ref: SecretRef): string {
  return 'fromEnv' in ref ? `environment variable ${ref.fromEnv}` : `file ${ref.fromFile}`;
}

/**
 * @param baseDir relative `fromFile` paths resolve against this directory (the manifest's, or cwd).
 */
export function resolveSecret(ref: SecretRef, context: { task: string; what: string; baseDir?: string }): string {
  if ('fromEnv' in ref) {
    const value = process.env[ref.fromEnv];
    if (value === undefined) {
      throw new SecretError(
        `task ${context.task}: ${context.what} comes from environment variable ${ref.fromEnv}, which is not set: export it before running the engine`,
      );
    }
    return value;
  }
  const path = isAbsolute(ref.fromFile) ? ref.fromFile : resolve(context.baseDir ?? process.cwd(), ref.fromFile);
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SecretError(`task ${context.task}: ${context.what} comes from file ${path}, which cannot be read (${code}): create it or fix the path`);
  }
}
