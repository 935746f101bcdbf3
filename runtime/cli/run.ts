/**
 * `dts run <stackdir|manifest> [--task NAME] [--state-dir DIR] [--until-caught-up] [--metrics-port P]
 *  [--metrics-host H] [--token-file F]`
 * Runs the manifest's tasks with the bundled engine and serves the console, /metrics and /status.
 * SIGINT/SIGTERM stop gracefully with the checkpoint saved; the console's Suspend stops one task the
 * same way and Resume starts it again (pipeline/task-supervisor.ts). Exit 0 when every task stopped
 * cleanly, 1 when one failed or its precheck did.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parentPort } from 'node:worker_threads';
import { ConsoleHistory } from '../console/history.js';
import { ConsoleActionError } from '../console/routes.js';
import { createLogger, type Logger } from '../log.js';
import { loadManifest, selectTasks } from '../manifest/load.js';
import type { TaskSpec } from '../manifest/types.js';
import { createSink } from '../pipeline/create-sink.js';
import { runTask, type TaskOutcome } from '../pipeline/task-runner.js';
import { SuspendFlag } from '../pipeline/suspend-flag.js';
import { CONSOLE_SUSPEND_REASON, SupervisorError, TaskSupervisor } from '../pipeline/task-supervisor.js';
import { sourcePrechecks } from '../pipeline/source-prechecks.js';
import { EngineMetrics, createProgressReporter, readEngineInfo, removeEngineInfo, startObservabilityServer, writeEngineInfo, type ProgressReporter } from '../observability/index.js';
import { LeaseUnavailableError, leaseName, TaskLease } from '../lease/task-lease.js';
import { TaskStateStore } from '../state/state-store.js';
import type { TaskStatus } from '../state/types.js';
import { isDeepStrictEqual } from 'node:util';
import { resolveConnection } from '../sources/mysql/connection.js';
import type { StatusReport } from '../observability/status-model.js';
import { observeTask } from '../observability/task-observer.js';
import { saveRunManifest } from '../plan/run-manifest.js';
import { consoleToken } from './console-token.js';

export const RUN_USAGE =
  'Usage: dts run <stackdir|manifest> [--task NAME] [--state-dir DIR] [--until-caught-up] [--metrics-port PORT] [--metrics-host HOST] [--token-file FILE]\n' +
  '  serves the console (/), /metrics (Prometheus) and /status (JSON) on 127.0.0.1 (port 0 = any free port, printed at start);\n' +
  '  another host needs a token (DTS_CONSOLE_TOKEN or --token-file)\n';

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
      'metrics-port': { type: 'string', default: '0' },
      'metrics-host': { type: 'string', default: '127.0.0.1' },
      'token-file': { type: 'string' },
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
  // Tasks placed on Kubernetes run in their pods (whose command names the task); not here by default.
  const tasks = selectTasks(manifest, values.task).filter((t) => {
    if (values.task !== undefined || t.runtime?.kind !== 'kubernetes') return true;
    process.stdout.write(`dts run: task ${t.name} runs on Kubernetes (namespace ${t.runtime.namespace}); not started here. dts run --task ${t.name} runs it here too (its lease keeps one owner)\n`);
    return false;
  });
  if (tasks.length === 0) {
    process.stdout.write('dts run: no task of this manifest runs here\n');
    return 0;
  }
  const stateRoot = resolve(values['state-dir'] ?? join('.dts', 'state'));
  const token = consoleToken(values['token-file'], 'dts run');
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    log.info('stopping: finishing in-flight deliveries and saving checkpoints', { signal });
    controller.abort(signal);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // In the engine thread (runtime/cli/dts.mjs) signals arrive as messages from the main thread.
  const relayed = (m: { signal?: NodeJS.Signals }) => m?.signal && stop(m.signal);
  parentPort?.on('message', relayed);
  const metrics = new EngineMetrics();
  // Every task is listed (NotStarted) from the moment the status endpoint answers, not once it starts.
  for (const task of tasks) metrics.task(manifest.stack, task.name);
  const progress = createProgressReporter({ logger: log });
  const history = new ConsoleHistory();
  const engine = { port: 0, host: '127.0.0.1', startedAt: new Date().toISOString() };
  const common = { stack: manifest.stack, stateRoot, baseDir: dir, log, untilCaughtUp: values['until-caught-up'] ?? false, metrics, progress, history, engine };
  const supervisor = new TaskSupervisor(
    tasks,
    (task, signal, flag) => runOne(task, { ...common, signal }, flag),
    controller.signal,
    (task) => new SuspendFlag(new TaskStateStore(taskStateDir(stateRoot, manifest.stack, task.name))),
  );
  const tags = new Map(tasks.map((t) => [t.name, t.environmentTag]));
  const status = (): StatusReport => ({
    version: 1,
    tasks: metrics.tasks().map((t) => {
      const row = t.snapshot();
      const tag = tags.get(row.task);
      return tag === undefined ? row : { ...row, environmentTag: tag };
    }),
  });
  const sampler = setInterval(() => history.observe(status().tasks), 1000);
  sampler.unref();
  const act = (action: (name: string) => Promise<void>) => async (stack: string, name: string) => {
    try {
      await action(name);
    } catch (e) {
      throw e instanceof SupervisorError ? new ConsoleActionError(e.message) : e;
    }
  };
  const server = await startObservabilityServer({
    metrics,
    status,
    port: Number(values['metrics-port']),
    host: values['metrics-host'],
    token,
    console: { status, history, actions: { suspend: act((n) => supervisor.suspend(n)), resume: act((n) => supervisor.resume(n)) } },
  });
  process.stdout.write(`dts run: metrics at ${server.url}/metrics, status at ${server.url}/status, console at ${server.url}/\n`);
  try {
    for (const task of tasks) await saveRunManifest(stateRoot, manifest.stack, task);
    engine.port = server.port;
    engine.host = server.host;
    const outcomes = await supervisor.run();
    for (const [i, o] of outcomes.entries()) {
      const line = `task ${tasks[i]!.name}: ${o.state}${o.reason ? ` (${o.reason})` : ''}\n`;
      (o.state === 'Failed' || o.state === 'PrecheckFailed' ? process.stderr : process.stdout).write(line);
    }
    return outcomes.some((o) => o.state === 'Failed' || o.state === 'PrecheckFailed') ? 1 : 0;
  } finally {
    clearInterval(sampler);
    progress.stop();
    await server.close();
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    parentPort?.off('message', relayed);
  }
}

interface RunContext {
  readonly stack: string;
  readonly stateRoot: string;
  readonly baseDir: string;
  readonly log: Logger;
  readonly untilCaughtUp: boolean;
  readonly signal: AbortSignal;
  readonly metrics: EngineMetrics;
  readonly progress: ProgressReporter;
  readonly history: ConsoleHistory;
  /** This engine's address, written to the state dir of each task it owns (`dts status`). */
  readonly engine: { port: number; host: string; startedAt: string };
}

/**
 * One task, owned through its lease (runtime/lease): wait for the lease (Standby), run the task while
 * it is held, and wait again whenever it is lost, until the engine stops or the task ends. While the
 * operator's Suspend mark is in the state dir (SuspendFlag) the lease holder keeps the lease and the
 * task Suspended, so no engine of the task runs it until Resume.
 */
async function runOne(task: TaskSpec, c: RunContext, flag: SuspendFlag): Promise<TaskOutcome> {
  // The runner adds `task` to its own lines; the sink and the observers get it here.
  const stackLog = c.log.child({ stack: c.stack });
  const taskLog = stackLog.child({ task: task.name });
  const observed = observeTask(task, c.stack, c.metrics.task(c.stack, task.name), c.progress, taskLog, (alert) =>
    c.history.event(c.stack, task.name, 'alert', `${alert.status === 'firing' ? 'firing' : 'resolved'}: ${alert.summary}`),
  );
  const stateDir = taskStateDir(c.stateRoot, c.stack, task.name);
  const lease = new TaskLease({
    connection: resolveConnection(task.source, 'source', { task: task.name, baseDir: c.baseDir }),
    stack: c.stack,
    task: task.name,
    onWaiting: (holder) => {
      const reason = `another engine owns the task (it holds the lease ${leaseName(c.stack, task.name)}${holder !== undefined ? ` on source connection ${holder}` : ''}); this engine takes over when it goes`;
      taskLog.info('standing by', { reason });
      observed.task.state('Standby', reason);
    },
    onEvicted: (id) => taskLog.warn("ended the previous owner's binlog dump (it was paused or cut off)", { connection: id }),
    retry: task.retry,
    onUnreachable: (error, attempt) => {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt === 1 || attempt % 10 === 0) taskLog.warn('cannot reach the source to take the task lease; trying again', { attempt, error: message });
      observed.task.retry('connection', message);
      observed.task.state('NotStarted', `waiting for the source to take the task's lease: ${message}`);
    },
  });
  const store = new TaskStateStore(stateDir);
  /** Whether this engine owned the task and lost its lease, and the status it left then. */
  let ownedBefore = false;
  let leftStatus: TaskStatus | undefined;
  /** The Suspend mark this engine last reported (so it is logged once). */
  let shownMark: string | undefined;
  try {
    for (;;) {
      if (!lease.valid()) {
        let acquired: boolean;
        try {
          acquired = await lease.acquire(c.signal);
        } catch (error) {
          if (!(error instanceof LeaseUnavailableError)) throw error;
          if (!ownedBefore) {
            // Never owned here: the task did not start, as when a precheck cannot reach the source.
            taskLog.error(error.message);
            observed.task.state('PrecheckFailed', error.message);
            return { state: 'PrecheckFailed', reason: error.message, prechecks: [] };
          }
          // It ran here and lost its source: Failed, as a stream that loses it for the whole window.
          const reason = error.kind === 'unreachable'
            ? `task ${task.name}: lost the source connection (${error.detail}); gave up after retrying for ${task.retry.connectionMinutes} minutes. ` +
              'Fix the source or the network, then run the task again: it resumes from its checkpoint'
            : error.message;
          taskLog.error('task failed', { reason });
          // The shared state dir says so, unless another engine has written it since (it owns the task).
          if (leftStatus !== undefined && isDeepStrictEqual(await store.readStatus().catch(() => undefined), leftStatus)) await store.writeStatus('Failed', reason).catch(() => undefined);
          observed.task.state('Failed', reason);
          return { state: 'Failed', reason, prechecks: [] };
        }
        // acquire() never takes the lease once the engine is stopping.
        if (!acquired) return { state: 'Suspended', reason: `stopped by ${String(c.signal.reason ?? 'signal')} while standing by`, prechecks: [] };
        taskLog.info('this engine owns the task now', { lease: lease.name });
        shownMark = undefined;
        await writeEngineInfo(stateDir, { pid: process.pid, port: c.engine.port, host: c.engine.host, startedAt: c.engine.startedAt });
      }
      const mark = await flag.read();
      if (mark) {
        const reason = `suspended by ${mark.reason} at ${mark.since}; Resume in the console of any engine of the task starts it again`;
        if (c.untilCaughtUp) return { state: 'Suspended', reason: `${reason} (--until-caught-up does not wait for it)`, prechecks: [] };
        if (shownMark !== mark.since) {
          shownMark = mark.since;
          taskLog.info('the task is suspended: this engine keeps its lease and waits for Resume', { since: mark.since, by: mark.reason });
          observed.task.state('Suspended', reason);
          if ((await store.readStatus().catch(() => undefined))?.state !== 'Suspended') await store.writeStatus('Suspended', reason).catch(() => undefined);
        }
        await flag.changed(AbortSignal.any([c.signal, lease.lost]));
        if (c.signal.aborted) return { state: 'Suspended', reason, prechecks: [] };
        continue; // the lease may be gone, the mark may be removed: look again
      }
      if (shownMark !== undefined) taskLog.info('resumed: starting the task from its checkpoint');
      shownMark = undefined;
      const suspending = new AbortController();
      const unwatch = flag.watch((m) => {
        taskLog.info('suspend requested: stopping the task gracefully', { by: m.reason });
        suspending.abort(m.reason === CONSOLE_SUSPEND_REASON ? CONSOLE_SUSPEND_REASON : `Suspend (${m.reason})`);
      });
      let outcome: TaskOutcome;
      try {
        const sink = await createSink(task, { log: taskLog, baseDir: c.baseDir, observer: observed.deliveries, guard: lease });
        outcome = await runTask({
          stack: c.stack,
          task,
          stateDir,
          baseDir: c.baseDir,
          log: stackLog,
          sink,
          sourcePrechecks,
          untilCaughtUp: c.untilCaughtUp,
          signal: AbortSignal.any([c.signal, suspending.signal]),
          observer: observed.task,
          lease,
        });
      } finally {
        unwatch();
      }
      if (outcome.state === 'Standby') {
        if (c.signal.aborted) return { ...outcome, state: 'Suspended' };
        ownedBefore = true;
        leftStatus = await store.readStatus().catch(() => undefined);
        continue;
      }
      // Suspended by the operator: keep the lease and wait at the top of the loop for Resume. The runner
      // already said so (state Suspended, "stopped by Suspend in the console"): not said again.
      if (outcome.state === 'Suspended' && suspending.signal.aborted && !c.signal.aborted) {
        shownMark = (await flag.read())?.since;
        continue;
      }
      if ((await readEngineInfo(stateDir))?.pid === process.pid) await removeEngineInfo(stateDir).catch(() => undefined);
      return outcome;
    }
  } finally {
    await lease.release();
    await observed.close();
  }
}
