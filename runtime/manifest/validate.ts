/**
 * Validates a manifest against schemas/manifest.schema.json (JSON Schema 2020-12) plus the rules a
 * schema cannot say (cross-field and cross-task). Errors carry a JSON path such as
 * `$.tasks[0].retry.otherMinutes` so a person can find the spot in the file.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Manifest } from './types.js';

export interface ManifestError {
  /** JSONPath of the offending value, e.g. `$.tasks[0].destination.topic`. */
  readonly path: string;
  readonly message: string;
}

export type ManifestValidation =
  | { readonly ok: true; readonly manifest: Manifest }
  | { readonly ok: false; readonly errors: readonly ManifestError[] };

export const MANIFEST_SCHEMA_URL = new URL('../../schemas/manifest.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

export function loadManifestSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(MANIFEST_SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

const require = createRequire(import.meta.url);
const AJV_OPTIONS = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true } as const;

/** Where compiled manifest validators are kept between runs: the package's own node_modules/.cache. */
export const VALIDATOR_CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/cdktf-dts/', import.meta.url));

/**
 * The manifest schema's validator. Compiling it costs ajv's compiler and about 170 ms at every start
 * of every `dts` command, so the compiled code (ajv's standalone output) is kept in `cacheDir`, named
 * by a hash of the schema, ajv's version and the options: a changed schema or ajv compiles anew. A
 * cache that cannot be written (a read-only install) or read is skipped: the validator is compiled.
 */
export function manifestValidator(cacheDir = VALIDATOR_CACHE_DIR): ValidateFunction {
  const schema = readFileSync(MANIFEST_SCHEMA_URL, 'utf8');
  const { version } = require('ajv/package.json') as { version: string };
  const hash = createHash('sha256').update(`${version}\0${JSON.stringify(AJV_OPTIONS)}\0${schema}`).digest('hex').slice(0, 16);
  const file = join(cacheDir, `manifest-validator-${hash}.cjs`);
  if (existsSync(file)) {
    try {
      return require(file) as ValidateFunction;
    } catch {
      // unreadable, damaged or made by an install elsewhere: compiled below and written again
    }
  }
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 };
  const standaloneCode = (require('ajv/dist/standalone/index.js') as { default: (ajv: Ajv2020, v: ValidateFunction) => string }).default;
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const validate = ajv.compile(JSON.parse(schema) as Record<string, unknown>);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    // The code requires ajv's runtime helpers: by their resolved paths, so it loads from any directory.
    const code = standaloneCode(ajv, validate).replace(/require\("(ajv\/[^"]+)"\)/g, (_m, id: string) => `require(${JSON.stringify(require.resolve(id))})`);
    writeFileSync(partial, code);
    renameSync(partial, file); // atomic: another process never reads half a file
  } catch {
    // not writable: the next start compiles again
  }
  return validate;
}

function schemaValidator(): ValidateFunction {
  compiled ??= manifestValidator();
  return compiled;
}

/** `/tasks/0/retry` -> `$.tasks[0].retry` */
export function pointerToJsonPath(pointer: string): string {
  if (pointer === '') return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`))
      .join('')
  );
}

function toManifestError(e: ErrorObject): ManifestError {
  let pointer = e.instancePath;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required' && typeof params.missingProperty === 'string') pointer += `/${params.missingProperty}`;
  if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return { path: pointerToJsonPath(`${pointer}/${params.additionalProperty}`), message: 'is not a known property: remove it or fix its spelling' };
  }
  const allowed = Array.isArray(params.allowedValues) ? `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}` : '';
  const message = e.keyword === 'required' ? 'is required' : `${e.message ?? 'is invalid'}${allowed}`;
  return { path: pointerToJsonPath(pointer), message };
}

function semanticErrors(manifest: Manifest): ManifestError[] {
  const errors: ManifestError[] = [];
  const names = new Map<string, number>();
  const serverIds = new Map<string, number>();
  manifest.tasks.forEach((task, i) => {
    const at = `$.tasks[${i}]`;
    const seen = names.get(task.name);
    if (seen !== undefined) errors.push({ path: `${at}.name`, message: `task name "${task.name}" is also used by $.tasks[${seen}]: task names must be unique` });
    else names.set(task.name, i);
    if (task.retry.otherMinutes >= task.retry.connectionMinutes) {
      errors.push({
        path: `${at}.retry.otherMinutes`,
        message: `must be less than retry.connectionMinutes (${task.retry.connectionMinutes}), got ${task.retry.otherMinutes}`,
      });
    }
    const sourceKey = `${task.source.host}:${task.source.port}#${task.serverId}`;
    const other = serverIds.get(sourceKey);
    if (other !== undefined) {
      errors.push({ path: `${at}.serverId`, message: `serverId ${task.serverId} is also used by $.tasks[${other}] on the same source: give each task its own serverId` });
    } else serverIds.set(sourceKey, i);
    if (task.rocketmq && task.rocketmq.syncAllFields && task.rocketmq.format !== 'canal-json') {
      errors.push({ path: `${at}.rocketmq.syncAllFields`, message: 'is only available with format "canal-json"' });
    }
    if (task.destination.engine === 'rocketmq' && task.syncTypes.schema) {
      errors.push({ path: `${at}.syncTypes.schema`, message: 'schema synchronization is not supported with a RocketMQ destination: set it to false' });
    }
  });
  return errors;
}

export function validateManifest(value: unknown): ManifestValidation {
  const validate = schemaValidator();
  if (!validate(value)) {
    const unique = new Map<string, ManifestError>();
    for (const e of validate.errors ?? []) {
      if (e.keyword === 'if') continue;
      const err = toManifestError(e);
      unique.set(`${err.path} ${err.message}`, err);
    }
    return { ok: false, errors: [...unique.values()] };
  }
  const manifest = value as Manifest;
  const errors = semanticErrors(manifest);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, manifest };
}

export function formatManifestErrors(errors: readonly ManifestError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}
