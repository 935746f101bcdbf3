/**
 * The one statement of every engine default that a manifest may leave to us: the constructs (lib/)
 * resolve omitted props with these values at synth, the engine falls back to them, the manifest
 * schema documents them (a lockstep test keeps its "default" keywords equal), and tests and
 * benchmarks build their tasks from them, so everyone runs the configuration users get.
 */
import type { MySqlOptionsSpec } from './types.js';

/** MySQL destination options. */
export const MYSQL_OPTION_DEFAULTS: MySqlOptionsSpec = {
  engineSchema: '__dts',
  onlineDdlTempTables: false,
  /** Parallel chunk reads in full sync (also the default of RocketMQ tasks, which have no option for it). */
  fullSyncParallelism: 4,
  /** Row changes merged into one destination transaction. */
  batchRows: 2000,
  /** Longest wait before a partial batch commits, ms. */
  flushIntervalMs: 100,
};

/** Rows per full-sync chunk read (keyset pagination). */
export const FULL_SYNC_CHUNK_ROWS = 2000;
