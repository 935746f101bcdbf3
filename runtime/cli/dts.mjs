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
 * The engine thread's V8 heap, MB. Buffers (BLOB values, message bodies) live outside it; text does
 * not. An UPDATE of a 24 MB and a 12 MB LONGTEXT fits; a row too large for it stops the engine with
 * ERR_WORKER_OUT_OF_MEMORY, and DTS_ENGINE_HEAP_MB (old generation) gives more.
 */
export const ENGINE_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32 };

function engineHeap() {
  const raw = process.env.DTS_ENGINE_HEAP_MB;
  if (raw === undefined || raw.trim() === '') return ENGINE_HEAP;
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 64) throw new Error(`DTS_ENGINE_HEAP_MB must be a whole number of MB, at least 64 (got "${raw}"): fix it or unset it (default ${ENGINE_HEAP.maxOldGenerationSizeMb})`);
  return { ...ENGINE_HEAP, maxOldGenerationSizeMb: mb };
}

const argv = isMainThread ? process.argv.slice(2) : workerData.argv;
if (isMainThread && argv[0] === 'run' && !process.env.DTS_ENGINE_IN_MAIN_THREAD) {
  let heap;
  try {
    heap = engineHeap();
  } catch (error) {
    process.stderr.write(`dts run: ${error.message}\n`);
    process.exit(1);
  }
  const worker = new Worker(new URL(import.meta.url), { workerData: { argv }, resourceLimits: heap });
  const relay = (signal) => worker.postMessage({ signal });
  process.on('SIGINT', relay);
  process.on('SIGTERM', relay);
  worker.on('message', (m) => {
    if (typeof m?.exitCode === 'number') process.exitCode = m.exitCode;
  });
  worker.on('error', (error) => {
    // ERR_WORKER_OUT_OF_MEMORY: the heap cap was reached. Loud, never silent; the checkpoint is durable.
    const fix = error?.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? `: a row too large for the engine's ${heap.maxOldGenerationSizeMb} MB heap (text values of tens of MB). Fix: set DTS_ENGINE_HEAP_MB (e.g. 512) and run again; the task resumes from its checkpoint`
      : '';
    process.stderr.write(`dts run: the engine stopped: ${error?.code ? `${error.code}: ` : ''}${error?.message ?? String(error)}${fix}\n`);
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
