/**
 * `dts synth [dir]`: what `cdktf synth` does, without cdktf-cli. Runs the `app` command of
 * <dir>/cdktf.json with CDKTF_OUTDIR set, prints the warnings and errors the app recorded, and checks
 * that every stack wrote both cdk.tf.json and a valid dts.manifest.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatManifestErrors } from '../manifest/validate.js';
import { MANIFEST_FILE_NAME, validateManifestFile } from './validate.js';

interface CdktfJson {
  readonly app?: string;
  readonly output?: string;
  readonly context?: Record<string, unknown>;
}

interface CdktfOutManifest {
  readonly stacks: Record<string, {
    readonly workingDirectory: string;
    readonly synthesizedStackPath: string;
    readonly annotations: readonly { readonly constructPath: string; readonly level: string; readonly message: string }[];
  }>;
}

export interface SynthResult {
  readonly outdir: string;
  readonly stacks: readonly string[];
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

const PACKAGE_BIN = fileURLToPath(new URL('../../node_modules/.bin', import.meta.url));

export function synthesize(dir: string, options: { outdir?: string } = {}): SynthResult {
  const projectDir = resolve(dir);
  const configPath = join(projectDir, 'cdktf.json');
  if (!existsSync(configPath)) return { outdir: '', stacks: [], warnings: [], errors: [`${configPath} not found: run dts synth in a directory with a cdktf.json`] };
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as CdktfJson;
  if (!config.app) return { outdir: '', stacks: [], warnings: [], errors: [`${configPath} has no "app" command: add e.g. "app": "npx tsx main.ts"`] };
  const outdir = resolve(projectDir, options.outdir ?? config.output ?? 'cdktf.out');

  const run = spawnSync(config.app, {
    cwd: projectDir,
    shell: true,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDKTF_OUTDIR: outdir,
      CDKTF_CONTEXT_JSON: JSON.stringify(config.context ?? {}),
      PATH: `${PACKAGE_BIN}${delimiter}${process.env.PATH ?? ''}`,
    },
  });
  if (run.status !== 0) {
    const detail = `${run.stderr ?? ''}${run.stdout ?? ''}`.split('\n').filter((l) => !/^npm warn /.test(l)).join('\n').trim();
    return { outdir, stacks: [], warnings: [], errors: [`app "${config.app}" failed (exit ${run.status ?? run.signal}):\n${detail}`] };
  }

  const manifestPath = join(outdir, 'manifest.json');
  if (!existsSync(manifestPath)) return { outdir, stacks: [], warnings: [], errors: [`${manifestPath} was not written: does the app call app.synth()?`] };
  const out = JSON.parse(readFileSync(manifestPath, 'utf8')) as CdktfOutManifest;
  const errors: string[] = [];
  const warnings: string[] = [];
  const stacks = Object.keys(out.stacks).sort();
  for (const name of stacks) {
    const stack = out.stacks[name]!;
    for (const a of stack.annotations) {
      const line = `[${a.constructPath}] ${a.message}`;
      if (a.level === '@cdktf/error') errors.push(line);
      else if (a.level === '@cdktf/warn') warnings.push(line);
    }
    if (!existsSync(join(outdir, stack.synthesizedStackPath))) errors.push(`stack ${name}: ${stack.synthesizedStackPath} was not written`);
    const manifestFile = join(outdir, stack.workingDirectory, MANIFEST_FILE_NAME);
    if (!existsSync(manifestFile)) {
      errors.push(`stack ${name}: ${MANIFEST_FILE_NAME} was not written: use DtsStack (from cdktf-dts) instead of TerraformStack`);
      continue;
    }
    const invalid = validateManifestFile(manifestFile);
    if (invalid.length > 0) errors.push(`stack ${name}: ${manifestFile} is invalid:\n${formatManifestErrors(invalid)}`);
  }
  return { outdir, stacks, errors, warnings };
}

export async function synthCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write('Usage: dts synth [dir] [--output <outdir>]\n');
    return 0;
  }
  const outIdx = argv.indexOf('--output');
  const outdir = outIdx >= 0 ? argv[outIdx + 1] : undefined;
  const dir = argv.find((a, i) => !a.startsWith('-') && (outIdx < 0 || i !== outIdx + 1)) ?? '.';
  const result = synthesize(dir, { outdir });
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  for (const e of result.errors) process.stderr.write(`error: ${e}\n`);
  if (result.errors.length > 0) return 1;
  for (const s of result.stacks) process.stdout.write(`${s}: ${join(result.outdir, 'stacks', s)}/{cdk.tf.json,${MANIFEST_FILE_NAME}}\n`);
  return 0;
}
