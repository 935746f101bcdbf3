import { CONNECTION_ERRNOS, CONNECTION_ERROR_CODES, CONNECTION_MESSAGE } from '../../util/connection-errors.js';

/** Why the binlog reader stopped; the pipeline decides whether and when to retry from the checkpoint. */
export type BinlogErrorKind =
  /** The connection dropped, was killed, timed out or went silent: retry from the last checkpoint. */
  | 'connection'
  /** The checkpoint's binlog was purged or is ahead of the server: a new full sync is needed. */
  | 'position-unavailable'
  /** Credentials or privileges (REPLICATION SLAVE/CLIENT, SELECT) are missing. */
  | 'access'
  /** The server sent events zongji cannot decode (compressed transactions, partial JSON). */
  | 'unsupported'
  | 'other';

export class BinlogReaderError extends Error {
  constructor(
    readonly kind: BinlogErrorKind,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'BinlogReaderError';
  }

  get retryable(): boolean {
    return this.kind === 'connection';
  }
}

/**
 * A table being backfilled is gone from the source (renamed or dropped after the checkpoint; the
 * stream carries that): retryable, and the task lists the tables to copy again before it resumes.
 */
export class TablesChangedError extends BinlogReaderError {
  constructor(message: string) {
    super('connection', message);
    this.name = 'TablesChangedError';
  }
}


/** Maps a zongji / mysql2 error to a typed reader error whose message names the task and the fix. */
export function classifyBinlogError(err: unknown, task: string): BinlogReaderError {
  if (err instanceof BinlogReaderError) return err;
  // zongji's dump command emits server errors on itself; with no listener Node wraps them in
  // ERR_UNHANDLED_ERROR whose `context` is the server's error.
  const wrapped = err as { code?: string; context?: unknown };
  if (wrapped?.code === 'ERR_UNHANDLED_ERROR' && wrapped.context instanceof Error) err = wrapped.context;
  const e = err as { code?: string; errno?: number; message?: string };
  const msg = e?.message ?? String(err);
  const where = `task ${task}: binlog reader`;
  // Its metadata queries too: a killed catalog session surfaces as "connection is in closed state".
  if ((e.code && CONNECTION_ERROR_CODES.has(e.code)) || (e.errno !== undefined && CONNECTION_ERRNOS.has(e.errno)) || CONNECTION_MESSAGE.test(msg)) {
    return new BinlogReaderError('connection', `${where} lost its connection to the source (${msg}); it will resume from the last checkpoint`, err);
  }
  if (e.errno === 1236 || e.errno === 1945 || e.errno === 1955) {
    return new BinlogReaderError(
      'position-unavailable',
      `${where} cannot start at the checkpoint position (${msg}): the binlog was purged or the position is invalid. ` +
        'Fix: raise binlog retention on the source, then delete the task state to run a new full sync',
      err,
    );
  }
  if (e.errno === 1045 || e.errno === 1227 || e.errno === 1142 || e.errno === 1044 || /Insufficient permissions/i.test(msg)) {
    return new BinlogReaderError(
      'access',
      `${where} was refused by the source (${msg}). Fix: GRANT REPLICATION CLIENT, REPLICATION SLAVE, SHOW VIEW, SELECT ON *.* to the task's account`,
      err,
    );
  }
  if (/TRANSACTION_PAYLOAD|PARTIAL_UPDATE_ROWS/i.test(msg)) {
    return new BinlogReaderError('unsupported', `${where}: ${msg}`, err);
  }
  return new BinlogReaderError('other', `${where} failed: ${msg}`, err);
}
