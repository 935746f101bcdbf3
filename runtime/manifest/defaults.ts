/**
 * The one statement of every engine default that a manifest may leave to us: the constructs (lib/)
 * resolve omitted props with these values at synth, the engine falls back to them, the manifest
 * schema documents them (a lockstep test keeps its "default" keywords equal), and tests and
 * benchmarks build their tasks from them, so everyone runs the configuration users get.
 */
import type { MySqlOptionsSpec, TlsSpec } from './types.js';

/** MySQL destination options. */
export const MYSQL_OPTION_DEFAULTS: MySqlOptionsSpec = {
  engineSchema: '__dts',
  onlineDdlTempTables: false,
  /** Parallel chunk reads in full sync, and connections applying them on a MySQL destination (also the default of RocketMQ tasks, which have no option for it). */
  fullSyncParallelism: 4,
  /** Row changes merged into one destination transaction (a batch also commits at MYSQL_BATCH_BYTES). */
  batchRows: 10000,
  /** Longest wait before a partial batch commits, ms. */
  flushIntervalMs: 100,
};

/** TLS to a MySQL endpoint (`ssl: true`, or what an `ssl` object leaves out): verified, TLS 1.2 or later. */
export const TLS_DEFAULTS: Required<Omit<TlsSpec, 'ca'>> = {
  verifyCertificate: true,
  verifyServerName: true,
  minVersion: 'TLSv1.2',
};

/** Rows per full-sync chunk read (keyset pagination). */
export const FULL_SYNC_CHUNK_ROWS = 2000;

/*
 * Memory bounds: engine constants, not manifest options. With them the engine's memory stays bounded
 * whatever the source writes: a 5-million-row UPDATE, a table of 4 MB rows (README, "Large transactions and
 * large rows, bounded memory").
 */

/**
 * A source transaction with more row changes than this (or more bytes than the next) is delivered
 * in pieces as it is decoded, instead of being held until its commit.
 */
export const STREAM_TRANSACTION_ROWS = 5_000;
export const STREAM_TRANSACTION_BYTES = 8 * 1024 * 1024;
/** Bytes of rows per full-sync chunk (besides FULL_SYNC_CHUNK_ROWS): a table of 4 MB rows is read one row at a time. */
export const FULL_SYNC_CHUNK_BYTES = 4 * 1024 * 1024;
/** Bytes of row data one MySQL destination batch holds at most (besides batchRows). */
export const MYSQL_BATCH_BYTES = 16 * 1024 * 1024;
/** Bytes of message bodies waiting in the RocketMQ sender at most (besides its message count). */
export const ROCKETMQ_BUFFERED_BYTES = 32 * 1024 * 1024;


/*
 * RocketMQ delivery over the remoting protocol (README, "Delivery to RocketMQ"): a request carries up
 * to this many messages of one queue, and this many bytes of bodies.
 */
export const ROCKETMQ_BATCH_MESSAGES = 1024;
export const ROCKETMQ_BATCH_BYTES = 1024 * 1024;

/*
 * The task lease on the source (runtime/lease/task-lease.ts): one owner per task wherever engines run.
 * A holder that stops answering loses the lease `ttlSeconds` after its last renewal (a standby then
 * takes over); the holder itself stops delivering `safetyMs` before that.
 */
export const LEASE_DEFAULTS = {
  ttlSeconds: 10,
  renewMs: 1000,
  safetyMs: 3000,
} as const;
