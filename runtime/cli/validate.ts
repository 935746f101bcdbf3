/**
 * `dts validate <stackdir|manifest|outdir>`: checks dts.manifest.json files against
 * schemas/manifest.schema.json and prints each error with its JSON path. Exit 1 on any error.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatManifestErrors, validateManifest, type ManifestError } from '../manifest/validate.js';

export const MANIFEST_FILE_NAME = 'dts.manifest.json';

/** The manifest files a path stands for: a file, a stack directory, or a cdktf.out directory. */
export function manifestFilesAt(path: string): string[] {
  if (!existsSync(path)) throw new Error(`${path} does not exist: give a ${MANIFEST_FILE_NAME}, a stack directory (cdktf.out/stacks/<stack>) or a cdktf.out directory`);
  if (statSync(path).isFile()) return [path];
  const direct = join(path, MANIFEST_FILE_NAME);
  if (existsSync(direct)) return [direct];
  const stacksDir = join(path, 'stacks');
  if (existsSync(stacksDir)) {
    const found = readdirSync(stacksDir)
      .sort()
      .map((s) => join(stacksDir, s, MANIFEST_FILE_NAME))
      .filter((f) => existsSync(f));
    if (found.length > 0) return found;
  }
  throw new Error(`no ${MANIFEST_FILE_NAME} in ${path}: run "dts synth" first, or give the file itself`);
}

export function validateManifestFile(file: string): readonly ManifestError[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return [{ path: '$', message: `is not valid JSON: ${(e as Error).message}` }];
  }
  const result = validateManifest(value);
  return result.ok ? [] : result.errors;
}

export async function validateCommand(argv: readonly string[]): Promise<number> {
  const target = argv.find((a) => !a.startsWith('-'));
  if (target === undefined || argv.includes('--help')) {
    process.stdout.write('Usage: dts validate <stackdir|manifest|cdktf.out>\n');
    return target === undefined && !argv.includes('--help') ? 1 : 0;
  }
  let files: string[];
  try {
    files = manifestFilesAt(target);
  } catch (e) {
    process.stderr.write(`dts validate: ${(e as Error).message}\n`);
    return 1;
  }
  let failed = 0;
  for (const file of files) {
    const errors = validateManifestFile(file);
    if (errors.length === 0) {
      process.stdout.write(`${file}: valid\n`);
    } else {
      failed++;
      process.stderr.write(`${file}: ${errors.length} error(s)\n${formatManifestErrors(errors).replace(/^/gm, '  ')}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}
