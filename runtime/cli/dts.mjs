#!/usr/bin/env node
// The `dts` bin. The engine ships as TypeScript; tsx's loader runs it without a build step.
//
// `dts run` runs the engine in a worker thread whose V8 heap is capped (ENGINE_HEAP): V8 otherwise
// lets garbage grow to several times the live data before it collects, so a busy engine's memory
// would follow the machine's size instead of the engine's own bounds (runtime/manifest/defaults.ts,
// "Memory bounds"). The main thread only relays SIGINT/SIGTERM (a worker receives no signals) and the
// exit code; kill -9 still ends both at once. DTS_ENGINE_IN_MAIN_THREAD=1 runs the engine inline.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * The engine thread's V8 heap, MB. Buffers (BLOB values, message bodies) live outside it. A single
 * value must fit in it with its encodings: a text value of more than about 40 MB does not.
 */
export const ENGINE_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32 };

const argv = isMainThread ? process.argv.slice(2) : workerData.argv;
if (isMainThread && argv[0] === 'run' && !process.env.DTS_ENGINE_IN_MAIN_THREAD) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { argv }, resourceLimits: ENGINE_HEAP });
  const relay = (signal) => worker.postMessage({ signal });
  process.on('SIGINT', relay);
  process.on('SIGTERM', relay);
  worker.on('message', (m) => {
    if (typeof m?.exitCode === 'number') process.exitCode = m.exitCode;
  });
  worker.on('error', (error) => {
    // ERR_WORKER_OUT_OF_MEMORY: the heap cap was reached. Loud, never silent; the checkpoint is durable.
    process.stderr.write(`dts run: the engine stopped: ${error?.code ? `${error.code}: ` : ''}${error?.message ?? String(error)}\n`);
    process.exitCode = 1;
  });
  worker.on('exit', () => {
    process.off('SIGINT', relay);
    process.off('SIGTERM', relay);
  });
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('./main.ts');
  const code = await main(argv);
  if (isMainThread) process.exitCode = code;
  else parentPort.postMessage({ exitCode: code });
}
