// The dts CLI as a child process (node runtime/cli/dts.mjs), run to its end: for tests and the
// torture run, e.g. `dts verify` after a MySQL -> MySQL task caught up.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './engine.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `dts <args>` (node runtime/cli/dts.mjs) to its end. */
export function dts(args: readonly string[], timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'runtime', 'cli', 'dts.mjs'), ...args], { cwd: REPO_ROOT, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export interface VerifyJson {
  readonly equal: boolean;
  readonly tasks: {
    readonly task: string;
    readonly equal: boolean;
    readonly tables: { source: string; destination: string; rowsCompared: number; differences: { kind: string; key: Record<string, unknown> }[] }[];
  }[];
}

/** `dts verify <manifest> [--task NAME] --json` with a short lag recheck; the parsed report and exit code. */
export async function verify(manifest: string, task?: string): Promise<{ code: number; report: VerifyJson | undefined; stderr: string }> {
  const r = await dts(['verify', manifest, ...(task ? ['--task', task] : []), '--json', '--recheck-delay', '1']);
  let report: VerifyJson | undefined;
  try {
    report = JSON.parse(r.stdout) as VerifyJson;
  } catch {
    report = undefined;
  }
  return { code: r.code, report, stderr: r.stderr };
}

