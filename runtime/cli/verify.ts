/**
 * `dts verify <stackdir|manifest> [--task NAME] [--sample PERCENT] [--json] [--recheck-delay SECONDS] [--chunk ROWS]`:
 * compares the source and destination data of MySQL -> MySQL tasks. Exit 0 only when equal,
 * 2 when they differ, 1 when the comparison could not run.
 */
import { loadManifest, ManifestLoadError, selectTasks } from '../manifest/load.js';
import type { MySqlEndpointSpec, TaskSpec } from '../manifest/types.js';
import { SecretError } from '../secrets.js';
import { resolveConnection } from '../sources/mysql/connection.js';
import { verifyTask, type VerifyReport } from '../verify/verify.js';

const USAGE = 'usage: dts verify <stackdir|manifest> [--task NAME] [--sample PERCENT] [--json] [--recheck-delay SECONDS] [--chunk ROWS]\n';

interface VerifyArgs {
  target: string;
  task?: string;
  sample: number;
  json: boolean;
  recheckDelayMs: number;
  chunkRows: number;
}

function parseArgs(argv: readonly string[]): VerifyArgs | string {
  const out: Partial<VerifyArgs> = { sample: 100, json: false, recheckDelayMs: 5000, chunkRows: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const number = (min: number, max: number) => {
      const v = Number(value());
      if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${a} must be a number from ${min} to ${max}`);
      return v;
    };
    try {
      if (a === '--task') out.task = value();
      else if (a === '--sample') out.sample = number(0.001, 100);
      else if (a === '--json') out.json = true;
      else if (a === '--recheck-delay') out.recheckDelayMs = number(0, 3600) * 1000;
      else if (a === '--chunk') out.chunkRows = Math.floor(number(1, 1_000_000));
      else if (a.startsWith('-')) return `unknown option ${a}`;
      else if (out.target === undefined) out.target = a;
      else return `unexpected argument ${a}`;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (out.target === undefined) return 'missing the stack directory or manifest';
  return out as VerifyArgs;
}

function formatReport(r: VerifyReport): string {
  const lines = [`task ${r.task}: ${r.equal ? 'EQUAL' : 'DIFFERENT'}`];
  for (const t of r.tables) {
    lines.push(`  ${t.source} -> ${t.destination}: ${t.rowsCompared} rows, ${t.chunksCompared}/${t.chunks} chunks compared, ${t.differences.length} differences`);
    for (const d of t.differences.slice(0, 100)) lines.push(`    ${d.kind} ${JSON.stringify(d.key)}`);
    if (t.differences.length > 100) lines.push(`    … ${t.differences.length - 100} more`);
  }
  return lines.join('\n') + '\n';
}

export async function verifyCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`dts verify: ${args}\n${USAGE}`);
    return 1;
  }
  let tasks: TaskSpec[];
  let dir: string;
  try {
    const loaded = loadManifest(args.target);
    dir = loaded.dir;
    tasks = selectTasks(loaded.manifest, args.task).filter((t) => t.destination.engine === 'mysql');
  } catch (e) {
    if (e instanceof ManifestLoadError) {
      process.stderr.write(`dts verify: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (tasks.length === 0) {
    process.stderr.write('dts verify: no MySQL -> MySQL task selected (verify compares MySQL destinations only)\n');
    return 1;
  }
  const reports: VerifyReport[] = [];
  for (const task of tasks) {
    try {
      const dest = task.destination as MySqlEndpointSpec;
      const source = resolveConnection(task.source, 'source', { task: task.name, baseDir: dir });
      const destination = resolveConnection(dest, 'destination', { task: task.name, baseDir: dir });
      reports.push(await verifyTask({
        task, source, destination, samplePercent: args.sample, recheckDelayMs: args.recheckDelayMs, chunkRows: args.chunkRows,
        ...(args.json ? {} : { onProgress: (line: string) => process.stderr.write(`${line}\n`) }),
      }));
    } catch (e) {
      if (e instanceof SecretError) {
        process.stderr.write(`dts verify: ${e.message}\n`);
        return 1;
      }
      process.stderr.write(`dts verify: task ${task.name}: ${(e as Error).message}\n`);
      return 1;
    }
  }
  if (args.json) process.stdout.write(JSON.stringify({ equal: reports.every((r) => r.equal), tasks: reports }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
  else for (const r of reports) process.stdout.write(formatReport(r));
  // 2 = the data differ (as `plan` uses 2 for "changes present"); 1 = the check itself failed.
  return reports.every((r) => r.equal) ? 0 : 2;
}
