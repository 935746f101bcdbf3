/**
 * `dts precheck <stackdir|manifest> [--task NAME] [--json]`: the live checks `dts run` makes before
 * it starts, source side and destination side. Exit 0 when nothing fails (warnings allowed), 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { createLogger, type Logger } from '../log.js';
import { loadManifest, selectTasks } from '../manifest/load.js';
import type { TaskSpec } from '../manifest/types.js';
import { createSink } from '../pipeline/create-sink.js';
import { sourcePrechecks } from '../pipeline/source-prechecks.js';
import { formatReport, type PrecheckReport, type PrecheckResult } from '../prechecks/index.js';
import { resolveConnection } from '../sources/mysql/connection.js';

export const PRECHECK_USAGE = 'Usage: dts precheck <stackdir|manifest> [--task NAME] [--json]\n';

export async function precheckTask(task: TaskSpec, baseDir: string, log: Logger): Promise<PrecheckReport> {
  const results: PrecheckResult[] = [];
  try {
    for (const r of await sourcePrechecks(task, resolveConnection(task.source, 'source', { task: task.name, baseDir }))) results.push({ ...r, fix: r.fix ?? '' });
  } catch (error) {
    results.push({ id: 'source-credentials', status: 'fail', message: (error as Error).message, fix: 'set the secret the task refers to' });
  }
  const sink = await createSink(task, { log, baseDir });
  try {
    for (const r of await sink.prechecks()) results.push({ ...r, fix: r.fix ?? '' });
  } finally {
    await sink.close().catch(() => undefined);
  }
  return { ok: results.every((r) => r.status !== 'fail'), results };
}

export async function precheckCommand(argv: readonly string[], log: Logger = createLogger({ level: 'warn' })): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { task: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    process.stdout.write(PRECHECK_USAGE);
    return 0;
  }
  if (!positionals[0]) {
    process.stderr.write(`dts precheck: give a stack directory or manifest\n${PRECHECK_USAGE}`);
    return 1;
  }
  const { manifest, dir } = loadManifest(positionals[0]);
  const reports: { task: string; report: PrecheckReport }[] = [];
  for (const task of selectTasks(manifest, values.task)) reports.push({ task: task.name, report: await precheckTask(task, dir, log) });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ stack: manifest.stack, tasks: reports.map((r) => ({ task: r.task, ...r.report })) }, null, 2)}\n`);
  } else {
    for (const r of reports) process.stdout.write(`task ${r.task}\n${formatReport(r.report).replace(/^/gm, '  ')}\n`);
  }
  return reports.every((r) => r.report.ok) ? 0 : 1;
}
