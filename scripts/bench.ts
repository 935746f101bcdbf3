/**
 * `npm run bench`: the benchmarks, on the local stack (`npm run stack -- up` first).
 *   npm run bench [-- --workload bulk|oltp|all --rule columns|database-table|global|all --profile]
 *       MySQL -> RocketMQ next to the broker's own ceiling (scripts/bench-rocketmq.ts)
 *   npm run bench -- --workload huge-txn [--rows 5000000 --blobs 300]   (scripts/bench-huge-txn.ts)
 *   npm run bench:mysql                                                  (scripts/bench-mysql.ts)
 * Child mode `--engine-only MANIFEST --state-dir DIR`: the task with a no-op transport (the engine's
 * cost alone, batching as the remoting transport does).
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../runtime/log.js';
import { loadManifest } from '../runtime/manifest/load.js';
import { runTask } from '../runtime/pipeline/task-runner.js';
import { sourcePrechecks } from '../runtime/pipeline/source-prechecks.js';
import { RocketMqSink } from '../runtime/sinks/rocketmq/sink.js';
import { ROCKETMQ_BATCH_BYTES, ROCKETMQ_BATCH_MESSAGES } from '../runtime/manifest/defaults.js';
import { hugeTransactionBench } from './bench-huge-txn.js';
import { rocketMqBench } from './bench-rocketmq.js';

/** Child mode: the task in this process, with a no-op transport (engine cost only) or the real one (`--send real`, for --profile). */
async function engineOnly(manifestFile: string, stateDir: string, real: boolean): Promise<number> {
  const { manifest, dir } = loadManifest(manifestFile);
  const spec = manifest.tasks[0]!;
  const log = createLogger({ level: 'info' }).child({ stack: manifest.stack, task: spec.name });
  const noop = { send: async () => undefined, maxBatchMessages: ROCKETMQ_BATCH_MESSAGES, maxBatchBytes: ROCKETMQ_BATCH_BYTES, close: async () => undefined };
  const sink = new RocketMqSink(spec, { log, baseDir: dir, ...(real ? {} : { transport: noop }) });
  const outcome = await runTask({ stack: manifest.stack, task: spec, stateDir, baseDir: dir, log, sink, sourcePrechecks, untilCaughtUp: true });
  return outcome.state === 'Suspended' ? 0 : 1;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workload: { type: 'string', default: 'all' },
      rule: { type: 'string', default: 'all' },
      transactions: { type: 'string', default: '200' },
      rows: { type: 'string', default: '1000' },
      tables: { type: 'string', default: '4' },
      'table-size': { type: 'string', default: '100000' },
      seconds: { type: 'string', default: '30' },
      threads: { type: 'string', default: '4' },
      'latency-seconds': { type: 'string', default: '20' },
      'engine-only': { type: 'string' },
      'state-dir': { type: 'string' },
      send: { type: 'string', default: 'noop' },
      profile: { type: 'boolean', default: false },
      blobs: { type: 'string', default: '300' },
    },
  });
  if (values['engine-only']) {
    process.exitCode = await engineOnly(values['engine-only'], values['state-dir']!, values.send === 'real');
    return;
  }
  if (values.workload === 'huge-txn') {
    const rowsGiven = process.argv.includes('--rows');
    process.exitCode = await hugeTransactionBench({ rows: rowsGiven ? Number(values.rows) : 5_000_000, blobs: Number(values.blobs) });
    return;
  }
  const workloads = values.workload === 'all' ? (['bulk', 'oltp'] as const) : [values.workload];
  for (const w of workloads) if (w !== 'bulk' && w !== 'oltp') throw new Error(`bench: unknown --workload ${w} (bulk | oltp | all | huge-txn)`);
  const rules = values.rule === 'all' ? (['columns', 'database-table', 'global'] as const) : [values.rule];
  for (const r of rules) if (r !== 'columns' && r !== 'database-table' && r !== 'global') throw new Error(`bench: unknown --rule ${r} (columns | database-table | global | all)`);
  process.exitCode = await rocketMqBench({
    workloads: workloads as ('bulk' | 'oltp')[],
    rules: rules as ('columns' | 'database-table' | 'global')[],
    transactions: Number(values.transactions),
    rows: Number(values.rows),
    tables: Number(values.tables),
    tableSize: Number(values['table-size']),
    seconds: Number(values.seconds),
    threads: Number(values.threads),
    latencySeconds: Number(values['latency-seconds']),
    profile: values.profile,
  });
}

await main();
