/**
 * `dts run <stackdir|manifest> [--task NAME] [--state-dir DIR] [--until-caught-up]`
 * Runs the manifest's tasks with the bundled engine. SIGINT/SIGTERM stop gracefully with the
 * checkpoint saved. Exit 0 when every task stopped cleanly, 1 when one failed or its precheck did.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, type Logger } from '../log.js';
import { loadManifest, selectTasks } from '../manifest/load.js';
import type { TaskSpec } from '../manifest/types.js';
import { createSink } from '../pipeline/create-sink.js';
import { runTask, type TaskOutcome } from '../pipeline/task-runner.js';
import { sourcePrechecks } from '../pipeline/source-prechecks.js';

export const RUN_USAGE = 'Usage: dts run <stackdir|manifest> [--task NAME] [--state-dir DIR] [--until-caught-up]\n';

export function taskStateDir(stateRoot: string, stack: string, task: string): string {
  return join(stateRoot, stack, task);
}

export async function runCommand(argv: readonly string[], log: Logger = createLogger()): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      task: { type: 'string' },
      'state-dir': { type: 'string' },
      'until-caught-up': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(RUN_USAGE);
    return 0;
  }
  const target = positionals[0];
  if (!target) {
    process.stderr.write(`dts run: give a stack directory or manifest\n${RUN_USAGE}`);
    return 1;
  }
  const { manifest, dir } = loadManifest(target);
  const tasks = selectTasks(manifest, values.task);
  const stateRoot = resolve(values['state-dir'] ?? join('.dts', 'state'));
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    log.info('stopping: finishing in-flight deliveries and saving checkpoints', { signal });
    controller.abort(signal);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const outcomes = await Promise.all(
      tasks.map((task) => runOne(task, manifest.stack, stateRoot, dir, log, values['until-caught-up'] ?? false, controller.signal)),
    );
    for (const [i, o] of outcomes.entries()) {
      const line = `task ${tasks[i]!.name}: ${o.state}${o.reason ? ` (${o.reason})` : ''}\n`;
      (o.state === 'Failed' || o.state === 'PrecheckFailed' ? process.stderr : process.stdout).write(line);
    }
    return outcomes.some((o) => o.state === 'Failed' || o.state === 'PrecheckFailed') ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}

async function runOne(
  task: TaskSpec,
  stack: string,
  stateRoot: string,
  baseDir: string,
  log: Logger,
  untilCaughtUp: boolean,
  signal: AbortSignal,
): Promise<TaskOutcome> {
  const taskLog = log.child({ stack, task: task.name });
  const sink = await createSink(task, { log: taskLog, baseDir });
  return runTask({
    stack,
    task,
    stateDir: taskStateDir(stateRoot, stack, task.name),
    baseDir,
    log: taskLog,
    sink,
    sourcePrechecks,
    untilCaughtUp,
    signal,
  });
}
